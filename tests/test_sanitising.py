"""Markdown from YAML is sanitised: hostile text in a pull request (a <script>, a javascript:
link, an onerror= attribute, …) in a method's name, summary, description and strengths and in
a guideline's paragraph never reaches a page as markup, and nothing of it runs in a browser."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project, serve
from quality import CHOOSER

from macros.pages.render import md, md_inline, unstash

PWN = "window.__pwned"
PAYLOADS = [
    f"<script>{PWN} = 'script'; alert(1)</script>",
    f"[Läs mer](javascript:{PWN}='link')",
    f"[Versaler](JaVaScRiPt:{PWN}='upper')",
    f"[Kodad](jav&#x61;script:{PWN}='entity')",
    f"<a href=\"javascript:{PWN}='raw'\">rå länk</a>",
    f'<img src="x" onerror="{PWN}=\'onerror\'">',
    f'<svg onload="{PWN}=\'svg\'"><circle r="1"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">stil</p>',
    "[Data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f'<form action="javascript:{PWN}=1"><button>Skicka</button></form>',
    f'<object data="javascript:{PWN}=1"></object>',
]
MARKER = "Fientlig text"  # the harmless words around the payloads: they must still show


def hostile(text: str, payloads: list[str] = PAYLOADS) -> str:
    return f"{MARKER} {text} " + " ".join(payloads) + " slut."


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_removes_the_payload(payload: str):
    for render in (md, md_inline):
        out = unstash(render(f"Före {payload} efter"))
        lowered = out.lower()
        assert "<script" not in lowered and "javascript:" not in lowered and "data:text" not in lowered
        for bad in ("onerror=", "onload=", "onclick=", "<iframe", "<svg", "<img", "<form", "<object", "style="):
            assert bad not in lowered, (payload, out)
        assert "Före" in out and "efter" in out


class _Audit(HTMLParser):
    """Everything in a page that could run code."""

    # As in a browser, <title> and <textarea> hold text only (RCDATA): no element starts there.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self.in_script = True
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name in ("href", "src", "action", "data", "formaction", "xlink:href") and value.startswith(
                ("javascript:", "data:text", "vbscript:")
            ):
                self.problems.append(f"<{tag} {name}={value[:40]}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.problems.append("<script> with the payload")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "project")
    if not (project / "package.json").exists():
        shutil.copyfile(ROOT / "package.json", project / "package.json")
    method = project / "data" / "methods" / "fokusgrupp.yaml"
    text = method.read_text(encoding="utf-8")
    text = text.replace(
        "\nname: Fokusgrupp\n", "\nname: " + _quoted("Fokusgrupp <img src=x onerror=alert(1)>") + "\n", 1
    )
    summary = next(line for line in text.splitlines() if line.startswith("summary: "))
    text = text.replace(
        summary, "summary: " + _quoted(hostile("i sammanfattningen", [PAYLOADS[0], PAYLOADS[1], PAYLOADS[5]])), 1
    )  # at most 300 characters
    text = text.replace("description: |-\n", "description: |-\n  " + hostile("i beskrivningen") + "\n\n", 1)
    strengths = "strengths:\n  - "
    text = text.replace(strengths, strengths + _quoted(hostile("i styrkorna")) + "\n  - ", 1)
    method.write_text(text, encoding="utf-8")
    guideline = project / "data" / "guidelines" / "krokom.yaml"
    text = guideline.read_text(encoding="utf-8")
    assert "      - p: Krokoms kommun\n" in text
    guideline.write_text(
        text.replace("      - p: Krokoms kommun\n", "      - p: " + _quoted(hostile("i riktlinjen")) + "\n", 1),
        encoding="utf-8",
    )
    # The other kinds of text field, each with a payload that used to get through: a name that
    # closes <title>, Markdown that MkDocs would parse a second time (attr_list), a plain field
    # with Markdown link syntax.
    title_breaker = "</title><script>window.__pwned='title'</script>"
    second_pass = "\\[Läs mer\\](javascript:window.__pwned='md2'){: onclick=\"window.__pwned='attr'\" }"
    edits = {
        "data/methods/enkat.yaml": [
            ("\nname: Enkät\n", "\nname: " + _quoted("Enkät" + title_breaker) + "\n"),
            ("\nexamples:\n", "\nexamples:\n  - organisation: " + _quoted("Kommun <img src=x onerror=window.__pwned='ex'>") + "\n    year: 2020\n    what: "
             + _quoted(MARKER + " i exemplet [z](javascript:window.__pwned='example') " + title_breaker) + "\n    title: " + _quoted("</a><script>window.__pwned='t'</script>")
             + "\n    url: \"https://example.se/?q=\\\"><script>x</script>\"\n"),
        ],
        "data/methods/dialogcafe.yaml": [("\norigin: Juanita", "\norigin: |-\n  # " + second_pass + "\n\n  Juanita")],
        "data/ladder.yaml": [("    name: Information\n", "    name: " + _quoted("Information" + title_breaker) + "\n")],
        "data/vocabularies/purposes.yaml": [
            ("    name: Informera om en fråga eller ett beslut\n", "    name: " + _quoted("Informera [x](javascript:window.__pwned='vocab') " + title_breaker) + "\n"),
        ],
        "data/guidelines/solna.yaml": [("    heading: Riktlinje för medborgardialog\n", "    heading: " + _quoted("Riktlinje " + title_breaker + " [y](javascript:window.__pwned='heading')") + "\n")],
    }
    for rel, replacements in edits.items():
        path = project / rel
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, (rel, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    site = tmp / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr + result.stdout
    return site


def test_hostile_yaml_builds_and_its_text_is_shown(hostile_site: Path):
    method = (hostile_site / "metoder" / "fokusgrupp" / "index.html").read_text(encoding="utf-8")
    for where in ("i sammanfattningen", "i beskrivningen", "i styrkorna"):
        assert f"{MARKER} {where}" in method
    assert f"{MARKER} i exemplet" in html.unescape((hostile_site / "metoder" / "enkat" / "index.html").read_text(encoding="utf-8"))
    assert f"{MARKER} i riktlinjen" in (hostile_site / "riktlinjer" / "krokom" / "index.html").read_text(
        encoding="utf-8"
    )
    # The name is plain text: its "<img …>" is shown as text in the heading, not made an element.
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", method, re.S).group(1)
    assert "<img src=x onerror=alert(1)>" in html.unescape(heading) and "<img" not in heading


def test_no_page_of_the_hostile_build_contains_anything_that_runs(hostile_site: Path):
    found = []
    for html_file in sorted(hostile_site.rglob("*.html")):
        audit = _Audit()
        audit.feed(html_file.read_text(encoding="utf-8"))
        found += [f"{html_file.relative_to(hostile_site).as_posix()}: {p}" for p in audit.problems]
    assert found == []


def test_nothing_of_it_runs_in_the_browser(browser, hostile_site: Path):
    server, url = serve(hostile_site)
    context = browser.new_context()
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # A blocked script is a CSP violation: there must be none, so nothing was even attempted.
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))")
    try:
        for path in ("metoder/fokusgrupp/", "metoder/enkat/", "metoder/dialogcafe/", "riktlinjer/krokom/", "riktlinjer/solna/", "trappan/", "metoder/syften/", "metoder/", "metoder/tabell/", CHOOSER):
            page.goto(url + path)
            if path == CHOOSER:
                page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)
            assert page.evaluate("() => window.__pwned === undefined"), path
            assert page.evaluate("() => window.__csp") == [], path
            assert (
                page.evaluate(
                    "() => document.querySelectorAll('main [onerror], main [onload], main [onclick], main iframe, main object').length"
                )
                == 0
            ), path
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []


def test_hostile_names_stay_text_in_titles_and_search(hostile_site: Path):
    page = (hostile_site / "metoder" / "enkat" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<script" not in title and "</title><script>" in html.unescape(title)
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith("metoder/enkat/")]
    assert titles and all("<script" not in t for t in titles)
    # The CSP of every page allows only the theme's own two inline scripts.
    for html_file in hostile_site.rglob("*.html"):
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html_file.read_text(encoding="utf-8"))
        assert policy and policy.group(1).count("'sha256-") <= 2, html_file
