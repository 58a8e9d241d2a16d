"""Markup lives in templates/ (Jinja); Python hands them plain view data.

In the build the environment is the theme's own (`config.theme.get_env()`, as mkdocs-material's
plugins get theirs: its filters and translations), overlaid with templates/ first. Without
MkDocs (the loader's CLI, tests) it is a plain environment over the same folder.

Every `{{ value }}` is escaped on the way out, not by choice: text from data/ becomes character
references for HTML *and* Markdown (render.esc), because generated pages pass through MkDocs'
Markdown after this. Only `Markup` passes as it is: another template's output, or the
placeholder of Markdown that render.md has already cleaned with nh3.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from .render import esc

TEMPLATES = Path(__file__).parent / "templates"

_theme: jinja2.Environment | None = None
_env: jinja2.Environment | None = None


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    return Markup(esc(value))


def use_theme(theme_env: jinja2.Environment | None) -> None:
    """Called by the MkDocs glue once per build with the theme's environment."""
    global _theme, _env
    _theme, _env = theme_env, None


def environment() -> jinja2.Environment:
    global _env
    if _env is None:
        ours = jinja2.FileSystemLoader(TEMPLATES)
        options = dict(autoescape=True, finalize=_finalize, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        if _theme is not None:
            _env = _theme.overlay(loader=jinja2.ChoiceLoader([ours, _theme.loader]), **options)
        else:
            _env = jinja2.Environment(loader=ours, **options)
    return _env


def render(name: str, **data: object) -> Markup:
    """The template `name` in templates/ with `data`; the result is markup for other templates."""
    return Markup(environment().get_template(name).render(**data))
