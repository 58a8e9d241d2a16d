"""The method catalogue in the browser: cards with level, size, time and cost; a filter by
level, purpose, target group, form and cost that is a plain page script (no Pyodide), keeps
its choice in the address and leaves the full list to a reader without JavaScript; and
method names in the table that break between words only."""

from __future__ import annotations

from conftest import catalogue
from layout import overflow_problems

VISIBLE = "() => [...document.querySelectorAll('.method-card')].filter(c => c.offsetParent !== null).map(c => c.querySelector('a').getAttribute('href'))"


def _expected(levels=(), groups=(), costs=(), purposes=(), formats=()) -> set[str]:
    """The methods that fit, computed from the data, not from the page."""
    out = set()
    for m in catalogue()["methods"]:
        if levels and not set(levels) & set(m["levels"]):
            continue
        if groups and not set(groups) & set(m["target_groups"]):
            continue
        if costs and m["cost"]["level"] not in costs:
            continue
        if purposes and not set(purposes) & set(m["purposes"]):
            continue
        if formats and not set(formats) & set(m["formats"]):
            continue
        out.add(f"{m['id']}/")
    return out


def test_every_card_shows_level_size_time_and_cost(page, site_url: str):
    page.goto(site_url + "metoder/")
    facts = page.eval_on_selector_all(
        ".method-card", "cards => cards.map(c => [c.querySelectorAll('.level-badge').length, [...c.querySelectorAll('dt')].map(d => d.textContent)])"
    )
    assert len(facts) == len(catalogue()["methods"])
    for badges, labels in facts:
        assert badges >= 1 and labels == ["Deltagare", "Kalendertid", "Kostnad"]


def test_the_filter_follows_the_address_and_writes_to_it(page, site_url: str):
    page.goto(site_url + "metoder/?l=dialog,inflytande&t=ungdomar&c=lag,medel,okand")
    shown = set(page.evaluate(VISIBLE))
    assert shown == _expected(levels=("dialog", "inflytande"), groups=("ungdomar",), costs=("lag", "medel"))
    assert 0 < len(shown) < len(catalogue()["methods"])
    assert page.locator("#filter-count").text_content() == f"Visar {len(shown)} av {len(catalogue()['methods'])} metoder."
    # A level with no card left loses its heading too; one with cards keeps it.
    for level in catalogue()["ladder"]["levels"]:
        has_cards = any(m["levels"][0] == level["id"] and f"{m['id']}/" in shown for m in catalogue()["methods"])
        assert page.locator(f"h2#{level['id']}").is_visible() == has_cards, level["id"]
    # Another choice goes into the address, and the address alone brings it back.
    page.locator("details[data-key=f] summary").click()
    page.locator("#filter-f-digitalt").check()
    assert "f=digitalt" in page.url and "l=dialog,inflytande" in page.url
    narrowed = set(page.evaluate(VISIBLE))
    assert narrowed == _expected(levels=("dialog", "inflytande"), groups=("ungdomar",), costs=("lag", "medel"), formats=("digitalt",))
    page.goto(page.url)
    assert set(page.evaluate(VISIBLE)) == narrowed
    assert page.locator("#filter-f-digitalt").is_checked()
    # Reset: everything again, and a clean address.
    page.locator(".catalogue-filter button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert len(page.evaluate(VISIBLE)) == len(catalogue()["methods"])


def test_the_filter_is_a_plain_page_script(page, site_url: str):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "metoder/?p=samla-synpunkter")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/assets/catalogue-filter.js") for url in requests)
    assert not [url for url in requests if "pyodide" in url or url.endswith("catalogue.json")]
    assert set(page.evaluate(VISIBLE)) == _expected(purposes=("samla-synpunkter",))


def test_without_javascript_the_full_list_stays(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + "metoder/?l=dialog")
    assert len(page.evaluate(VISIBLE)) == len(catalogue()["methods"])
    assert page.locator("#catalogue-filter").is_hidden()
    assert overflow_problems(page) == []
    context.close()


# Where a line breaks inside a word: two letters of one word on different lines.
MID_WORD_BREAKS = """() => {
  const out = [];
  for (const link of document.querySelectorAll('.methods-table th[scope=row] a')) {
    const node = link.firstChild, text = node.textContent, range = document.createRange();
    let top = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (top !== null && rect.top > top + 2 && /\\S/.test(text[i]) && /[^\\s-]/.test(text[i - 1])) out.push(text);
      top = rect.top;
    }
  }
  return out;
}"""


def test_method_names_in_the_table_break_between_words_only(browser, site_url: str):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    for width in (1280, 1024, 900, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site_url + "metoder/tabell/")
        assert page.evaluate(MID_WORD_BREAKS) == [], width
    context.close()
