"""Markup lives in macros/pages/templates/, and what the templates print is escaped unless it
is markup already: the rules of macros/pages/templating.py, and a scan that keeps HTML out of
the pages' Python."""

from __future__ import annotations

import io
import re
import tokenize

import jinja2
import pytest
from conftest import ROOT
from markupsafe import Markup

from macros.pages import templating
from macros.pages.render import md_inline

PAGES = ROOT / "macros" / "pages"

# A string that opens or closes an HTML element: "<p", "</dl>", '<a href=…'.
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?=[\s>/'\"])")
# The reason a literal may stay, on its line or in a comment line above: "# html-literal: <why>".
ALLOWED = re.compile(r"#\s*html-literal:\s*\S")


def html_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal in Python source that holds an HTML tag and has no
    `# html-literal: reason` comment on its line or the line above. Docstrings count too:
    a tag in prose is easy to write another way."""
    lines = source.splitlines()
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING and token.type != getattr(tokenize, "FSTRING_MIDDLE", -1):
            continue
        if not TAG.search(token.string):
            continue
        row = token.start[0]
        above = lines[row - 2] if row >= 2 else ""
        context = lines[row - 1] + (above if above.lstrip().startswith("#") else "")
        if not ALLOWED.search(context):
            found.append((row, token.string.strip()[:60]))
    return found


def test_the_scan_finds_a_tag_in_a_string_and_accepts_a_reason():
    source = (
        'a = f"<p>{x}</p>"\n'
        'b = "no tag here: 3 < 4, x <= y"\n'
        "# html-literal: the one view shared with the browser writes its own tree\n"
        'c = "<li>"\n'
        "d = '</dl>'  # html-literal: closes what the theme opened\n"
        "e = '<dl' + '>'\n"
    )
    assert [row for row, _ in html_literals(source)] == [1, 6]


def test_no_html_literal_in_the_pages_python():
    offenders = []
    for path in sorted(PAGES.glob("*.py")):
        offenders += [f"{path.relative_to(ROOT)}:{row}: {text}" for row, text in html_literals(path.read_text(encoding="utf-8"))]
    assert offenders == [], "HTML belongs in macros/pages/templates/:\n" + "\n".join(offenders)


def test_no_template_concatenates_with_tilde():
    # Once one part of `~` is markup, Jinja escapes the others for HTML only: Markdown syntax
    # in data would reach the page (templating.py says what to use instead).
    uses = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((PAGES / "templates").rglob("*"))
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\{[{%].*~.*[}%]\}", line)
    ]
    assert uses == []


# -- what templates print ----------------------------------------------------------------------


def render_string(source: str, **data) -> str:
    return str(templating.environment().from_string(source).render(here="metoder/fokusgrupp/", **data))


HOSTILE = '<img src=x onerror=alert(1)> *em* [l](javascript:x) {: onclick="y" }'


def test_a_plain_value_is_escaped_for_html_and_markdown():
    out = render_string("<p>{{ name }}</p>", name=HOSTILE)
    assert "<img" not in out and "*" not in out and "[" not in out and "{" not in out.replace("{{", "")
    assert re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), out) == f"<p>{HOSTILE}</p>"


def test_tilde_with_markup_would_let_markdown_through():
    # Why the rule above: the plain part comes out HTML-escaped only.
    assert render_string("{{ m ~ b }}", m=Markup("<i>"), b="*x*") == "<i>*x*"


def test_join_escapes_every_item_like_a_plain_value():
    # With one item markup, Jinja's own join would escape the others for HTML only.
    out = render_string("{{ names|join(', ') }}", names=["*a*", "<b>", Markup("<i>ok</i>")])
    assert out == "&#42;a&#42;, &#60;b&#62;, <i>ok</i>"


def test_markdown_fields_print_as_their_cleaned_placeholder():
    placeholder = md_inline("*fine* <script>alert(1)</script>")
    assert isinstance(placeholder, Markup)
    assert render_string("{{ md_inline(t) }}", t="*fine*") == str(md_inline("*fine*"))


def test_links_are_relative_and_refuse_what_is_not_a_site_path():
    assert render_string('{{ link("metoder/enkat/") }}') == "../enkat/"
    assert render_string('{{ link("metoder/fokusgrupp/", "fakta") }}') == "#fakta"
    with pytest.raises(ValueError, match="not a site path"):
        render_string("{{ link(p) }}", p='metoder/"onmouseover="x/')


def test_heading_ids_and_levels_are_checked():
    assert render_string('## X {{ anchor("fakta") }}') == "## X {#fakta}"
    with pytest.raises(ValueError):
        render_string("{{ anchor(i) }}", i="a} onclick=x {")
    with pytest.raises(ValueError):
        render_string("{{ heading(7) }}")


def test_a_missing_optional_field_tests_false_but_cannot_be_printed():
    assert render_string("{% if g.revision %}x{% endif %}", g={}) == ""
    with pytest.raises(jinja2.UndefinedError):
        render_string("{{ g.revision }}", g={})


def test_the_theme_keeps_its_own_filters():
    theme = jinja2.Environment(loader=jinja2.DictLoader({}))
    own_join = theme.filters["join"]
    templating.use_theme(theme)
    try:
        assert templating.environment().filters["join"] is templating.join
        assert theme.filters["join"] is own_join
    finally:
        templating.use_theme(None)
