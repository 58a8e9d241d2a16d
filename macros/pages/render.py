"""Turn text from data/ into safe HTML for pages: the one escaping path for data text.

Generated pages are Markdown that MkDocs renders again, so text from data/ must survive a
second Markdown pass unchanged:

- Markdown fields (`md`, `md_inline`) are rendered here once and cleaned with nh3 last; the
  page gets only a placeholder (an HTML comment, which Markdown passes through as it is) and
  `unstash` puts the clean HTML back after MkDocs' Markdown (hook `on_page_content`). So no
  `attr_list` `{: onclick=… }`, no `javascript:` link and no script element can come out of it.
- Plain fields (`esc`) are escaped for HTML *and* for Markdown: every character either
  language treats as syntax becomes a character reference, which both leave alone.
"""

from __future__ import annotations

import hashlib
import html
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "br", "code", "abbr", "blockquote", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = markdown.Markdown(extensions=[], output_format="html")


# Clean HTML waiting for `unstash`, by placeholder. nh3 removes every comment from data text
# and `esc` escapes "<", so data can never write a placeholder of its own.
_stash: dict[str, str] = {}
_TOKEN = re.compile(r"<!--data:([0-9a-f]{24})-->")


def clean_html(text: str) -> str:
    """Markdown to HTML, then nh3 against the allowlist: the last step for Markdown fields."""
    _md.reset()
    return nh3.clean(_md.convert(text), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener")


def _stashed(clean: str) -> Markup:
    key = hashlib.sha256(clean.encode("utf-8")).hexdigest()[:24]
    _stash[key] = clean
    return Markup(f"<!--data:{key}-->")


def md(text: str | None) -> Markup:
    """Block Markdown (paragraphs, lists): a placeholder for its sanitised HTML, as markup
    that templates print as it is."""
    if not text:
        return Markup("")
    return _stashed(clean_html(text))


def inline_html(text: str) -> str:
    """Inline Markdown as sanitised HTML without a wrapping paragraph (not yet stashed)."""
    out = clean_html(text).strip()
    # html-literal: takes off the one paragraph that Markdown wraps around inline text
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def plain_inline(text: str) -> str:
    """Inline Markdown as the plain text a reader sees (for an attribute such as a label)."""
    return html.unescape(re.sub(r"<[^>]*>", "", inline_html(text)))


def md_inline(text: str | None, mark=None) -> Markup:
    """Inline Markdown (emphasis, links) without a wrapping paragraph: a placeholder.
    `mark` may add the build's own markup to the clean HTML (e.g. [sic] after a typo)."""
    if not text:
        return Markup("")
    out = inline_html(text)
    return _stashed(mark(out) if mark else out)


def unstash(page_html: str) -> str:
    """Put the sanitised HTML back in place of its placeholders (after MkDocs' Markdown)."""
    return _TOKEN.sub(lambda m: _stash[m.group(1)], page_html)


def leftover_placeholders(page_html: str) -> int:
    """Placeholders that Markdown moved or escaped, so that unstash could not find them."""
    return page_html.count("&lt;!--data:") + page_html.count("<!--data:")


# Characters that HTML or Markdown (with attr_list, tables, toc) read as syntax anywhere, and
# those that start a list, a definition or a heading at the start of a line.
_SPECIAL = re.compile(r"""[&<>"'\\`*_\[\]{}()#|!~]|^[-+:=]|(?<=^\d)\.|(?<=^\d\d)\.|\n""")


def esc(text: object) -> str:
    """Plain text for a page: safe in HTML (also in attributes) and in Markdown, which
    leaves character references alone, so the reader sees exactly the text."""
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", str(text))


def number(value: float | int | None) -> str:
    """Swedish number: decimal comma, no trailing .0; thin space as thousands separator."""
    if value is None:
        return "–"
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", "\u00a0")
    else:
        text = f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")
    return text


def number_range(low, high, unit: str = "", open_end: str = "minst") -> str:
    """8–12, 3 veckor; with no upper bound "minst 20" (or "20–" where space is short)."""
    if high is None:
        return f"minst {number(low)}{unit}" if open_end == "minst" else f"{number(low)}–"
    if low == high:
        return f"{number(low)}{unit}"
    return f"{number(low)}–{number(high)}{unit}"
