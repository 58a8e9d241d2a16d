"""The checklists page: one checklist for each guideline, the guideline's own list word for word
(typos marked [sic]) where it has one, otherwise one compiled by the site with a link per item;
ticks kept in the address only (no storage, no cookies), so a half-done list survives a reload
and can be sent as a link.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, catalogue

from macros.pages.guideline_pages import SIC, compiled_items

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
URL = "riktlinjer/checklistor/"


def guidelines() -> dict[str, dict]:
    return {g["id"]: g for g in catalogue()["guidelines"]}


def article(site: Path) -> str:
    page = (site / URL / "index.html").read_text(encoding="utf-8")
    start = page.index('<article class="md-content__inner')
    return page[start : page.index("</article>", start)]


def sheets(site: Path) -> dict[str, str]:
    """Each printable checklist's HTML, by the guideline id in data-checklist."""
    return dict(re.findall(r'<section class="print-sheet" data-checklist="([a-z0-9-]+)"[^>]*>(.*?)</section>', article(site), re.S))


def labels(sheet: str) -> list[str]:
    found = re.findall(r'<input type="checkbox" id="([a-z0-9-]+)"><label for="\1">(.*?)</label>', sheet)
    return [html.unescape(re.sub(r"<[^>]+>", "", label)) for _, label in found]


def test_every_guideline_has_a_checklist(built_site: Path):
    assert set(sheets(built_site)) == set(guidelines())
    ids = re.findall(r'<input type="checkbox" id="([a-z0-9-]+)"', article(built_site))
    assert len(ids) == len(set(ids))


def test_alingsas_own_checklist_is_printed_word_for_word_with_sic(built_site: Path):
    g = guidelines()["alingsas"]
    items = [i for phase in g["facts"]["checklist"]["phases"] for i in phase["items"]]
    printed = labels(sheets(built_site)["alingsas"])
    expected = [i.replace("\\*", "*") for i in items]
    for word in SIC["alingsas"]:
        expected = [i.replace(word, f"{word} [sic]") for i in expected]
    assert printed == expected
    assert "Utformatidslinje [sic] med aktiviteter som ska genomföras" in printed
    for phase in g["facts"]["checklist"]["phases"]:
        assert f"<h3>{html.escape(phase['name'], quote=False)}</h3>" in sheets(built_site)["alingsas"]


def test_sic_marks_only_what_the_source_really_spells_so():
    for gid, words in SIC.items():
        source = next(SEEDS.glob(f"{gid}-*.txt")).read_text(encoding="utf-8")
        for word in words:
            assert word in source, f"{word!r} is not in the source of {gid}"


def test_guideline_page_keeps_the_source_spelling(built_site: Path):
    page = (built_site / "riktlinjer" / "alingsas" / "index.html").read_text(encoding="utf-8")
    assert "Utformatidslinje med aktiviteter som ska genomföras" in page and "[sic]" not in page


def test_region_varmland_own_list_is_printed_word_for_word(built_site: Path):
    items = guidelines()["region-varmland"]["facts"]["plan"]["items"]
    assert labels(sheets(built_site)["region-varmland"]) == items


@pytest.mark.parametrize("gid", ["krokom", "solna", "uppsala"])
def test_compiled_checklists_say_so_and_link_every_item_to_its_section(built_site: Path, gid: str):
    g = guidelines()[gid]
    sheet = sheets(built_site)[gid]
    heading = re.search(rf'<h2 id="checklista-{gid}">(.*?)<', article(built_site)).group(1)
    assert "sammanställd av webbplatsen" in heading
    assert "Sammanställd av webbplatsen ur riktlinjens text" in sheet and "inte riktlinjens ordalydelse" in sheet
    items = compiled_items(g)
    rules = g["facts"].get("rules", {}).get("items", [])
    assert len(items) >= len(rules) // 2 + 3  # the requirements, not a token list
    rows = re.findall(r"<li>(.*?)</li>", sheet)
    assert len(rows) == len(items) == len(labels(sheet))
    section_ids = {s["id"] for s in g["sections"]}
    for row, (text, section) in zip(rows, items, strict=True):
        assert text in html.unescape(re.sub(r"<[^>]+>", "", row))
        link = re.search(r'<a class="print-source-link" href="\.\./' + gid + r'/#([a-z0-9-]+)">Avsnitt: ', row)
        assert link and link.group(1) == section and section in section_ids
    page = (built_site / "riktlinjer" / gid / "index.html").read_text(encoding="utf-8")
    for _, section in items:
        assert f'id="{section}"' in page


def test_compiled_checklist_is_ordered_like_the_guideline_and_keeps_every_rule():
    for gid in ("krokom", "solna", "uppsala"):
        g = guidelines()[gid]
        order = [s["id"] for s in g["sections"]]
        items = compiled_items(g)
        places = [order.index(section) for _, section in items]
        assert places == sorted(places)
        texts = " ".join(text for text, _ in items)
        for rule in g["facts"].get("rules", {}).get("items", []):
            assert rule["text"].rstrip(".") in texts, rule["text"]


def test_checklist_page_has_no_keyboard_shortcut_text(built_site: Path):
    text = re.sub(r"<[^>]+>", " ", article(built_site))
    assert "Ctrl+P" not in text and "Cmd+P" not in text
    assert "data-print-page" in article(built_site)


# -- in the browser ----------------------------------------------------------------------------


def test_ticks_live_in_the_address_survive_a_reload_and_travel_as_a_link(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + URL)
        boxes = page.locator('[data-checklist="alingsas"] input[type="checkbox"]')
        boxes.nth(0).check()
        boxes.nth(9).check()
        page.locator('[data-checklist="uppsala"] input[type="checkbox"]').nth(2).check()
        query = parse_qs(urlsplit(page.url).query)
        assert query == {"alingsas": ["1,10"], "uppsala": ["3"]}
        assert "%2C" not in page.url  # readable in a mail
        boxes.nth(0).uncheck()
        assert parse_qs(urlsplit(page.url).query)["alingsas"] == ["10"]
        # Nothing kept anywhere else.
        assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
        page.reload()
        assert boxes.nth(9).is_checked() and not boxes.nth(0).is_checked()
        assert page.locator('[data-checklist="uppsala"] input[type="checkbox"]').nth(2).is_checked()
        link = page.url
    finally:
        context.close()
    # The link, opened by someone else (a fresh context: no storage, no history).
    other = browser.new_context(locale="sv-SE")
    page = other.new_page()
    try:
        page.goto(link)
        ticked = page.locator('[data-checklist] input[type="checkbox"]:checked')
        assert ticked.count() == 2
        # Junk in the address is ignored, not an error.
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_url + URL + "?alingsas=1,x,999,-2&<script>=1")
        assert page.locator('[data-checklist] input[type="checkbox"]:checked').count() == 1
        assert errors == []
    finally:
        other.close()


def test_ticked_boxes_print_as_ticked(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(site_url + URL + "?krokom=1")
        page.emulate_media(media="print")
        box = page.locator('[data-checklist="krokom"] input[type="checkbox"]').first
        assert box.is_checked()
        assert "✓" in page.evaluate("(el) => getComputedStyle(el, '::after').content", box.element_handle())
    finally:
        context.close()
