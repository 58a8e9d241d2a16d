"""The plan to take away, in a real browser (Debian's Chromium): the Word file opened by real
readers (python-docx, and LibreOffice converting it to PDF), the clipboard's HTML and plain
text, the Markdown download, and the printed plan on A4.

What each file must say is derived from the engine's plan for the same input (CPython, same
catalogue), never from the export code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

from chooser import Chooser
from chooser.urlstate import to_query

PAGE = "metodvaljaren/"
ANSWER_TIMEOUT = 30_000
INPUT = {"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["ungdomar"], "participants": 40, "weeks": 12, "budget": "medel", "organisation": "region-varmland"}
A4_CONTENT_PX = round((210 - 18 - 16) / 25.4 * 96)  # A4 less the margins of @page in guidelines.css


@pytest.fixture(scope="module")
def engine(built_site: Path) -> Chooser:
    return Chooser(json.loads((built_site / "data" / "catalogue.json").read_text(encoding="utf-8")))


@pytest.fixture
def context(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    yield context
    context.close()


def open_plan(context, site_url: str, inp: dict = INPUT):
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + PAGE + "?" + to_query(inp))
    page.locator("html[data-chooser-answers='1']").wait_for(state="attached", timeout=ANSWER_TIMEOUT)
    return page, requests


def expected(engine: Chooser, inp: dict = INPUT) -> dict:
    return engine.advise(inp)["plan"]


def runs_text(runs: list[dict]) -> str:
    return "".join(r["text"] for r in runs)


def download(page, button: str, save_to: Path) -> Path:
    with page.expect_download() as info:
        page.locator(button).click()
    target = save_to / info.value.suggested_filename
    info.value.save_as(target)
    return target


# -- Word ---------------------------------------------------------------------------------------


def test_word_file_has_real_headings_lists_tables_swedish_and_the_meta(context, site_url, engine, tmp_path):
    from docx import Document

    page, requests = open_plan(context, site_url)
    assert not any("/assets/vendor/docx-" in u for u in requests), "the Word library must load only when asked for"
    path = download(page, "#chooser-docx", tmp_path)
    assert path.name.endswith(".docx") and path.name.startswith("handlingsplan-for-medborgardialog-")
    assert any("/assets/vendor/docx-" in u for u in requests)
    assert all(urlsplit(u).netloc == urlsplit(site_url).netloc for u in requests if urlsplit(u).scheme.startswith("http"))
    link = page.evaluate("() => location.href")
    plan = expected(engine)

    doc = Document(str(path))
    paragraphs = doc.paragraphs
    styled = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert styled[0] == ("Heading 1", plan["title"])
    assert [t for s, t in styled if s == "Heading 2"] == ["Gjord utifrån dessa val"] + [s["heading"] for s in plan["sections"]]
    body = "\n".join(p.text for p in paragraphs)
    assert "Organisation: Region Värmland" in body
    assert re.search(r"Datum: \d{4}-\d{2}-\d{2}", body)
    assert f"Länk till förslaget: {link}" in body
    assert runs_text(plan["intro"]) in body
    # Lists are Word lists (numbering properties), not typed dashes.
    listed = [p for p in paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    first_list = next(b for b in plan["sections"][0]["blocks"] if b["type"] == "list")
    assert [p.text for p in listed[: len(first_list["items"])]] == [runs_text(i) for i in first_list["items"]]
    # Tables: the choices, and the activities with their header.
    choices = doc.tables[0]
    assert [[c.text for c in row.cells] for row in choices.rows] == [["Val", "Svar"]] + [[c["label"], c["value"]] for c in plan["choices"]]
    activities = next(b for s in plan["sections"] for b in s["blocks"] if b["type"] == "table")
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells] == activities["header"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [[runs_text(c) for c in row] for row in activities["rows"]]
    # Links go back to the advice and to the guideline's sections, absolute (Word keeps the
    # part after # as the hyperlink's anchor).
    rels = {rid: r.target_ref for rid, r in doc.part.rels.items() if r.reltype.endswith("/hyperlink")}
    qn = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    links = [rels[h.get(rid)] + ("#" + h.get(qn + "anchor") if h.get(qn + "anchor") else "") for h in doc.element.body.iter(qn + "hyperlink")]
    assert link in links
    sections = [f"{site_url}riktlinjer/region-varmland/#{r['href'].split('#')[1]}" for s in plan["sections"] for b in s["blocks"] if b["type"] == "paragraph" for r in b["runs"] if r.get("href")]
    assert sections and set(sections) <= set(links)
    # Swedish, A4, title in the document's properties.
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert re.search(r'<w:lang w:val="sv-SE"', styles)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert doc.core_properties.title == plan["title"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (scripts/bootstrap.sh browser installs it)")
def test_libreoffice_opens_the_word_file_and_converts_it_to_a_pdf(context, site_url, engine, tmp_path):
    page, _ = open_plan(context, site_url)
    path = download(page, "#chooser-docx", tmp_path)
    out = tmp_path / "out"
    profile = tmp_path / "lo-profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to"]
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        result = subprocess.run([*command, target, "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr
    pdf = (out / path.with_suffix(".pdf").name).read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    assert re.search(rb"/MediaBox\s*\[\s*0 0 595", pdf), "A4 pages"
    text = (out / path.with_suffix(".txt").name).read_text(encoding="utf-8-sig")
    plan = expected(engine)
    for heading in [plan["title"], *(s["heading"] for s in plan["sections"])]:
        assert heading in text
    assert "Syfte" in text and "[Fyll i:" in text


# -- clipboard and Markdown ---------------------------------------------------------------------


CLIPBOARD = """async () => {
  const items = await navigator.clipboard.read();
  const out = {};
  for (const item of items) for (const type of item.types) out[type] = await (await item.getType(type)).text();
  return out;
}"""


def test_copy_puts_html_and_plain_text_on_the_clipboard(context, site_url, engine):
    page, _ = open_plan(context, site_url)
    page.locator("#chooser-copy").click()
    page.locator("#chooser-action-status", has_text="kopierad").wait_for()
    clip = page.evaluate(CLIPBOARD)
    assert set(clip) >= {"text/html", "text/plain"}
    plan = expected(engine)
    html_text, plain = clip["text/html"], clip["text/plain"]
    assert f"<h1>{plan['title']}</h1>" in html_text
    for section in plan["sections"]:
        assert f"<h2>{section['heading']}</h2>" in html_text
        assert section["heading"] in plain
    assert "<ol>" in html_text and "<ul>" in html_text and "<table" in html_text and "<th " in html_text
    assert 'lang="sv"' in html_text
    link = page.evaluate("() => location.href")
    assert link in plain and link.replace("&", "&amp;") in html_text
    # Plain text stays readable: no tags, no Markdown.
    assert "<" not in plain and "**" not in plain and "| --- |" not in plain
    for choice in plan["choices"]:
        separator = " " if choice["label"].endswith("?") else ": "
        assert f"- {choice['label']}{separator}{choice['value']}\n" in plain
    activities = next(b for s in plan["sections"] for b in s["blocks"] if b["type"] == "table")
    row = activities["rows"][0]
    assert f"- {runs_text(row[0])} – När: {runs_text(row[1])} – Ansvarig: {runs_text(row[2])}" in plain


def test_markdown_is_a_third_download(context, site_url, engine, tmp_path):
    page, _ = open_plan(context, site_url)
    path = download(page, "#chooser-download", tmp_path)
    assert path.suffix == ".md"
    text = path.read_text(encoding="utf-8")
    plan = expected(engine)
    assert text.startswith(f"# {plan['title']}\n")
    for section in plan["sections"]:
        assert f"\n## {section['heading']}\n" in text
    assert "| Aktivitet | När | Ansvarig |" in text and "- [ ] " in text
    assert page.evaluate("() => location.href") in text


# -- print --------------------------------------------------------------------------------------


OVERFLOW = """(root) => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll(root + ' *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (r.left < -1 || r.right > width + 1) bad.push(`wider than the page: ${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)} > ${width}`);
    const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + 1) bad.push(`cut: ${el.tagName}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
  }
  if (document.documentElement.scrollWidth > width + 1) bad.push(`page scrolls sideways: ${document.documentElement.scrollWidth}`);
  return bad;
}"""


def print_view(page) -> None:
    """The page as it prints on A4: print media, the width inside the page's margins."""
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1123})
    page.emulate_media(media="print")


def test_printed_plan_carries_date_choices_and_link_and_fits_a4(context, site_url, engine):
    page, _ = open_plan(context, site_url)
    page.evaluate("() => { window.print = () => { document.documentElement.dataset.printed = '1'; }; }")
    page.locator("#chooser-print").click()
    assert page.locator("html[data-printed='1']").count() == 1
    page.evaluate("() => document.documentElement.classList.add('chooser-print-plan')")
    print_view(page)
    assert page.locator("#chooser-form").is_hidden() and page.locator("#chooser-ranked").is_hidden()
    printed = page.locator("#chooser-plan").inner_text()
    link = page.evaluate("() => location.href")
    assert re.search(r"Gjord \d{4}-\d{2}-\d{2} i metodväljaren", printed)
    assert link in printed
    for choice in expected(engine)["choices"]:
        assert choice["label"] in printed and choice["value"] in printed
    assert page.evaluate(OVERFLOW, "#chooser-plan") == []
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


def test_method_page_has_a_print_button_and_prints_link_addresses_within_a4(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + "metoder/fokusgrupp/")
        button = page.get_by_role("button", name="Skriv ut")
        button.wait_for()
        page.evaluate("() => { window.print = () => { document.documentElement.dataset.printed = '1'; }; }")
        button.click()
        assert page.locator("html[data-printed='1']").count() == 1
        print_view(page)
        assert button.is_hidden()
        after = page.evaluate("""() => [...document.querySelectorAll('article a[href^="https://"]')]
            .map((a) => [a.href, getComputedStyle(a, '::after').content])""")
        assert after, "the method page has external source links"
        for href, content in after:
            assert urlsplit(href).netloc in content, (href, content)
        assert page.evaluate(OVERFLOW, "article") == []
    finally:
        context.close()


def test_checklist_page_prints_within_a4_without_menus(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + "riktlinjer/checklistor/")
        page.get_by_role("button", name="Skriv ut").wait_for()
        print_view(page)
        assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
        assert page.get_by_role("button", name="Skriv ut").is_hidden()
        assert page.evaluate(OVERFLOW, "article") == []
    finally:
        context.close()


def test_no_ctrl_p_on_a_phone_but_a_print_button(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="sv-SE", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for url in ("riktlinjer/checklistor/", "metoder/fokusgrupp/"):
            page.goto(site_url + url)
            button = page.get_by_role("button", name="Skriv ut")
            button.wait_for()
            box = button.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320
            assert "Ctrl+P" not in page.locator("article").inner_text()
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_the_export_module_names_the_pinned_docx():
    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["docx"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pin)
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/docx"]["version"] == pin
    assert f'DOCX_MODULE = "../vendor/docx-{pin}.mjs"' in (ROOT / "chooser" / "browser" / "plan-export.mjs").read_text(encoding="utf-8")


def test_the_site_serves_only_the_parts_of_docx_the_export_uses(built_site: Path):
    from macros.publish.plan_export_files import docx_names

    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["docx"]
    bundle = (built_site / "assets" / "vendor" / f"docx-{pin}.mjs").read_bytes()
    whole = (ROOT / "node_modules" / "docx" / "dist" / "index.mjs").stat().st_size
    assert len(bundle) < whole / 3, (len(bundle), whole)
    assert bundle.startswith(f"/* docx {pin} (MIT".encode())
    assert "MIT License" in (built_site / "assets" / "vendor" / f"docx-{pin}.LICENSE.txt").read_text(encoding="utf-8")
    names = docx_names((ROOT / "chooser" / "browser" / "plan-export.mjs").read_text(encoding="utf-8"))
    assert {"Document", "Packer", "Paragraph", "Table", "HeadingLevel"} <= set(names)
    exported = re.findall(rb"export\s*\{([^}]*)\}", bundle)[-1].decode()
    assert sorted(part.split(" as ")[-1].strip() for part in exported.split(",")) == names


def test_a_missing_docx_line_stops_the_build_with_a_swedish_message():
    from mkdocs.exceptions import PluginError

    from macros.publish.plan_export_files import docx_names

    with pytest.raises(PluginError, match="väntade en rad"):
        docx_names("export async function planDocx() {}")
