"""Turn text from data/ into safe HTML for pages.

Text in YAML is Markdown written by editors. It is rendered with Python-Markdown and then
cleaned with nh3 against an allowlist, so a `<script>`, an `onerror=` or a `javascript:`
link in a pull request can never reach a reader's browser.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "br", "code", "abbr", "blockquote", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = markdown.Markdown(extensions=[], output_format="html")


def md(text: str | None) -> str:
    """Block Markdown (paragraphs, lists) to sanitised HTML."""
    if not text:
        return ""
    _md.reset()
    return nh3.clean(_md.convert(text), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener")


def md_inline(text: str | None) -> str:
    """Inline Markdown (emphasis, links) to sanitised HTML without a wrapping paragraph."""
    out = md(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def esc(text: object) -> str:
    """Plain text for HTML."""
    return html.escape(str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|])")


def md_escape(text: str) -> str:
    """Plain text inside a Markdown heading or table cell."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def number(value: float | int | None) -> str:
    """Swedish number: decimal comma, no trailing .0; thin space as thousands separator."""
    if value is None:
        return "–"
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", "\u00a0")
    else:
        text = f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")
    return text


def join_sv(items: list[str], last: str = "och") -> str:
    """["a", "b", "c"] -> "a, b och c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]
