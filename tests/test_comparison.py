"""The comparison of guidelines scales to many: the reader picks which organisations to
compare (kept in the address), each fact is a card with a row per organisation, and on a
phone the rows stack. Tried with 50 guidelines, 45 of them generated from the real five in a
test build."""

from __future__ import annotations

import re

import pytest
from conftest import build_site, copy_project, serve
from layout import WIDTHS, overflow_problems

from macros.pages.guideline_pages import COMPARE_DEFAULT

SOURCES = ("alingsas", "krokom", "region-varmland", "solna", "uppsala")
ROWS = "() => [...document.querySelectorAll('#rad-definition + .cmp-fact tr[data-org]')].filter(r => r.offsetParent !== null).map(r => r.dataset.org)"


@pytest.fixture(scope="module")
def fifty(tmp_path_factory):
    """A site with 50 guidelines: the five real ones and 45 copies under new ids and names."""
    project = copy_project(tmp_path_factory.mktemp("fifty") / "project")
    folder = project / "data" / "guidelines"
    for n in range(1, 46):
        source = SOURCES[n % len(SOURCES)]
        text = (folder / f"{source}.yaml").read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: test-{n:02d}", text, count=1, flags=re.M)
        text = re.sub(r"^organisation: .*$", f"organisation: Testkommun {n:02d}", text, count=1, flags=re.M)
        text = re.sub(r"^short_name: .*$", f"short_name: Test {n:02d}", text, count=1, flags=re.M)
        (folder / f"test-{n:02d}.yaml").write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    # The generated guideline pages are reached from the comparison, not from the menu.
    config.write_text(config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /riktlinjer/test-*.md\n"), encoding="utf-8")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr + result.stdout
    server, url = serve(site)
    yield site, url
    server.shutdown()


def test_fifty_guidelines_fit_every_screen(browser, fifty):
    site, url = fifty
    page_html = (site / "riktlinjer" / "jamforelse" / "index.html").read_text(encoding="utf-8")
    # Without JavaScript every organisation has a row in every fact's card: 50 per card.
    cards = page_html.count('<div class="cmp-fact">')
    assert cards >= 10 and page_html.count("<tr data-org=") == 50 * cards
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    for width in WIDTHS + (1280,):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url + "riktlinjer/jamforelse/?o=" + ",".join(f"test-{n:02d}" for n in range(1, 46)))
        assert len(page.evaluate(ROWS)) == 45
        assert overflow_problems(page) == [], width
    context.close()


def test_the_reader_picks_organisations_and_the_address_keeps_them(browser, fifty):
    _, url = fifty
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.goto(url + "riktlinjer/jamforelse/")
    # With many guidelines, the first few are shown at first, not all 50.
    assert len(page.evaluate(ROWS)) == COMPARE_DEFAULT
    page.locator("#cmp-picker button[data-pick=none]").click()
    assert page.evaluate(ROWS) == []
    assert "Ingen organisation vald" in page.locator("#cmp-count").text_content()
    page.locator("#cmp-o-krokom").check()
    page.locator("#cmp-o-test-07").check()
    assert page.evaluate(ROWS) == ["krokom", "test-07"]
    assert page.url.endswith("?o=krokom,test-07")
    # Every fact shows the same two, each a card: the row's cells stacked, one above the other.
    counts = page.evaluate("() => [...document.querySelectorAll('.cmp-fact')].map(f => [...f.querySelectorAll('tr[data-org]')].filter(r => r.offsetParent !== null).length)")
    assert len(counts) >= 10 and set(counts) == {2}
    layout = page.evaluate(
        "() => { const row = [...document.querySelectorAll('tr[data-org=krokom]')][0]; const [a, b] = row.children;"
        " return [getComputedStyle(row).display, a.getBoundingClientRect().bottom <= b.getBoundingClientRect().top + 1]; }"
    )
    assert layout == ["block", True]
    # The address alone brings the choice back, unknown ids are left out.
    page.goto(url + "riktlinjer/jamforelse/?o=uppsala,finns-inte,test-45")
    assert page.evaluate(ROWS) == ["test-45", "uppsala"]  # in the page's order
    assert page.locator("#cmp-count").text_content() == "Visar 2 av 50 organisationer."
    context.close()


def test_without_javascript_every_row_is_there(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(site_url + "riktlinjer/jamforelse/?o=krokom")
    assert len(page.evaluate(ROWS)) == 5
    assert page.locator("#cmp-picker").is_hidden()
    assert overflow_problems(page) == []
    context.close()
