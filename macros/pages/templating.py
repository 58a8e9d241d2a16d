"""Markup lives in templates/ (Jinja); Python hands them plain view data.

In the build the environment is the theme's own (`config.theme.get_env()`, as mkdocs-material's
plugins get theirs: its filters and translations), overlaid with templates/ first. Without
MkDocs (the loader's CLI, tests) it is a plain environment over the same folder.

Every `{{ value }}` is escaped on the way out, not by choice: text from data/ becomes character
references for HTML *and* Markdown (render.esc), because generated pages pass through MkDocs'
Markdown after this. Only `Markup` passes as it is: another template's output, or the
placeholder of Markdown that render.md has already cleaned with nh3 (and numbers).

For template writers: build a label from data with `"%s. %s"|format(a, b)` (plain text,
escaped when printed) or a `{% set %}` block, not with `~`: once one part is markup, Jinja
escapes the others for HTML only (tests/test_page_templates.py refuses `~`); `join` here
escapes each item as `{{ }}` does.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import render as _render
from .render import esc
from .urls import CHOOSER_ASSETS, guideline_url, level_url, method_url, relative

TEMPLATES = Path(__file__).parent / "templates"

_theme: jinja2.Environment | None = None
_env: jinja2.Environment | None = None


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Markup(value)  # digits, ".", "-", "e": nothing HTML or Markdown reads mid-line
    return Markup(esc(value))


# What a link between our own pages can contain: the paths of urls.py built from ids that the
# loader has checked against the id pattern. Anything else is refused, not escaped.
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~/#-]*")


@jinja2.pass_context
def link(context: jinja2.runtime.Context, path: str, anchor: str | None = None) -> Markup:
    """A relative link from the page being rendered (`here` in the data) to a site path."""
    out = relative(context["here"], path + (f"#{anchor}" if anchor else ""))
    if out.startswith("./#"):  # an anchor on the page itself
        out = out[2:]
    if not _SAFE_PATH.fullmatch(out):
        raise ValueError(f"not a site path: {path!r}")
    return Markup(out)


@jinja2.pass_eval_context
def join(eval_ctx: jinja2.nodes.EvalContext, items, separator: str = "") -> Markup:
    """Once one item is markup, Jinja's own `join` escapes the others for HTML only, which
    would let Markdown syntax in data through; this one escapes each plain item as `{{ }}` does."""
    return Markup(esc(separator).join(item if hasattr(item, "__html__") else esc(item) for item in items))


def oneline(markup: str) -> Markup:
    """A template's line breaks and the indentation after them removed: an HTML block that
    must stay one raw block for Markdown (no blank line, no line that Markdown could read
    as code) can still be written readably. Data text has no raw line breaks (esc)."""
    return Markup(re.sub(r"\n[ \t]*", "", str(markup)))


_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def anchor(element_id: str) -> Markup:
    """attr_list's `{#id}` after a Markdown heading (Jinja would read `{#` as a comment)."""
    if not _ID.fullmatch(element_id):
        raise ValueError(f"not an id: {element_id!r}")
    return Markup("{#" + element_id + "}")


def heading(level: int) -> Markup:
    """The `#` marks of a Markdown heading at `level` (1-6)."""
    if not 1 <= int(level) <= 6:
        raise ValueError(f"not a heading level: {level!r}")
    return Markup("#" * int(level))


def names(items: list[dict], ids: list[str]) -> list[str]:
    """The names of the items with these ids, in the order of `ids` (unknown ids left out)."""
    known = {item["id"]: item for item in items}
    return [known[i]["name"] for i in ids if i in known]


# What every template may call besides its data.
GLOBALS = {
    # Markdown fields from data/: rendered and cleaned with nh3 once; the page gets a placeholder.
    "md": _render.md,
    "md_inline": _render.md_inline,
    "plain_inline": _render.plain_inline,
    "number": _render.number,
    "number_range": _render.number_range,
    "names": names,
    "anchor": anchor,
    "heading": heading,
    "link": link,
    "method_url": method_url,
    "level_url": level_url,
    "guideline_url": guideline_url,
    "CHOOSER_ASSETS": CHOOSER_ASSETS,
}
FILTERS = {"join": join, "oneline": oneline}


class _Undefined(jinja2.StrictUndefined):
    """Optional fields of data/ are absent when not given: `{% if g.revision %}` tests false.
    Printing, looping over or comparing a missing value is still an error."""

    def __bool__(self) -> bool:
        return False


def use_theme(theme_env: jinja2.Environment | None) -> None:
    """Called by the MkDocs glue once per build with the theme's environment."""
    global _theme, _env
    _theme, _env = theme_env, None


def environment() -> jinja2.Environment:
    global _env
    if _env is None:
        ours = jinja2.FileSystemLoader(TEMPLATES)
        options = dict(autoescape=True, finalize=_finalize, undefined=_Undefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        if _theme is not None:
            _env = _theme.overlay(loader=jinja2.ChoiceLoader([ours, _theme.loader]), **options)
        else:
            _env = jinja2.Environment(loader=ours, **options)
        # An overlay shares the theme's dicts: copies, so the theme's own `join` stays its own.
        _env.globals = {**_env.globals, **GLOBALS}
        _env.filters = {**_env.filters, **FILTERS}
    return _env


def render(name: str, **data: object) -> Markup:
    """The template `name` in templates/ with `data`; the result is markup for other templates."""
    return Markup(environment().get_template(name).render(**data))
