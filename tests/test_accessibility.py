"""Accessibility in a real browser: axe-core (WCAG 2.0 and 2.1, levels A and AA, and its
best-practice rules, as Lighthouse runs them) on every
built page and on the chooser in its loading, result and error states, with zero violations;
and keyboard-only use of the navigation, the search and the chooser, with a visible focus.

No rule is disabled and no element is excluded: there is no exception to justify. The
theme's contrast failures are fixed in docs/assets/site.css (its last, marked section).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from quality import CHOOSER, describe_violations, html_pages, record_figure, run_axe

# -- axe-core on every page ------------------------------------------------------------------


def test_axe_finds_no_violation_on_any_page(page_visits: dict, built_site: Path):
    # One visit per page (tests/page_visits.py); the chooser is checked there as it first
    # opens, and in each of its later states below.
    visits = page_visits["visits"]
    found = {v["url"]: v["axe"] for v in visits if v["axe"]}
    record_figure("pages checked with axe-core", len(visits))
    record_figure("axe violations on pages", sum(len(v) for v in found.values()))
    assert [v["url"] for v in visits] == html_pages(built_site)
    assert not found, describe_violations(found)


def test_the_axe_check_reports_a_violation(page, site_url: str):
    """The empty result above is not vacuous: an image without a text alternative, a button
    without a name and two buttons too small and too close to tap (a rule outside the WCAG
    2.1 tags that Lighthouse runs) are each reported, and nothing else."""
    page.goto(site_url + "trappan/")
    assert run_axe(page) == []
    page.evaluate(
        """() => {
             const article = document.querySelector("article");
             article.append(Object.assign(document.createElement("img"), {src: "../assets/x.png"}));
             article.append(document.createElement("button"));
             const row = article.appendChild(document.createElement("p"));
             for (const name of ["Ett", "Två"]) {  // styled through the CSSOM, which the policy allows
               const tiny = row.appendChild(Object.assign(document.createElement("button"), {ariaLabel: name}));
               Object.assign(tiny.style, {all: "unset", display: "inline-block", width: "8px", height: "8px"});
             }
           }"""
    )
    assert sorted(v["id"] for v in run_axe(page)) == ["button-name", "image-alt", "target-size"]


def test_axe_finds_no_violation_on_a_phone(browser, site_url: str):
    """The narrow layout (menu in a drawer, stacked tables) on the pages with the most parts."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, locale="sv-SE", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    found = {}
    for url in (
        "",
        "trappan/",
        "metoder/",
        "metoder/tabell/",
        "metoder/fokusgrupp/",
        "riktlinjer/jamforelse/",
        CHOOSER,
    ):
        page.goto(site_url + url)
        page.locator("button.site-menu-button").click()  # the menu drawer open
        violations = run_axe(page)
        if violations:
            found[url] = violations
    context.close()
    assert not found, describe_violations(found)


# -- the chooser in each state ---------------------------------------------------------------


@pytest.fixture
def chooser(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.chooser_url = site_url + CHOOSER
    yield page
    context.close()


def _state(page) -> str | None:
    return page.evaluate("() => document.documentElement.dataset.chooser || null")


def test_chooser_while_loading(chooser):
    held = []
    # The worker script is held back, so the page stays in its loading state for the check.
    chooser.route("**/assets/chooser/worker.mjs*", lambda route: held.append(route))
    chooser.goto(chooser.chooser_url)
    chooser.wait_for_function("() => document.getElementById('chooser-status').textContent.includes('Laddar')")
    assert _state(chooser) is None
    violations = run_axe(chooser)
    for route in held:
        route.continue_()
    record_figure("axe violations: chooser loading", len(violations))
    assert not violations, describe_violations({"metodvaljaren (laddar)": violations})
    # Released, it starts and answers.
    chooser.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)


def test_chooser_with_a_result(chooser):
    chooser.goto(chooser.chooser_url)
    chooser.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)
    chooser.locator("#chooser-form input[type=checkbox]").first.check()
    chooser.locator("#chooser-form [type=submit]").first.click()
    chooser.wait_for_function("() => document.activeElement && document.activeElement.id === 'chooser-results-heading'")
    # The list of methods that do not fit, opened, is part of the result too.
    excluded = chooser.locator("#chooser-excluded details")
    if excluded.count():
        excluded.first.locator("summary").click()
    violations = run_axe(chooser)
    record_figure("axe violations: chooser result", len(violations))
    assert not violations, describe_violations({"metodvaljaren (resultat)": violations})
    assert "passar" in chooser.locator("#chooser-status").text_content()


@pytest.mark.parametrize(
    "how, why",
    [
        ("no-webassembly", "WebAssembly"),  # a browser with WebAssembly switched off
        ("files-blocked", "gick inte att ladda"),  # the runtime's files refused on the way
    ],
)
def test_chooser_when_it_cannot_start(chooser, how: str, why: str):
    if how == "no-webassembly":
        chooser.add_init_script("Object.defineProperty(window, 'WebAssembly', {value: undefined, configurable: true})")
    else:
        # The runtime and the chooser's files are refused, whichever of them the page and its
        # worker ask for first (the context's routes also see the worker's requests).
        chooser.context.route(
            lambda url: "/assets/pyodide/" in url or "/assets/chooser/chooser-" in url, lambda route: route.abort()
        )
    chooser.goto(chooser.chooser_url)
    chooser.wait_for_function("() => document.documentElement.dataset.chooser === 'failed'", timeout=60_000)
    failed = chooser.locator("#chooser-failed")
    assert failed.is_visible() and why in failed.text_content()
    assert "kunde inte starta" in chooser.locator("#chooser-status").text_content()  # announced (role=status)
    violations = run_axe(chooser)
    record_figure(f"axe violations: chooser error ({how})", len(violations))
    assert not violations, describe_violations({f"metodvaljaren (fel: {how})": violations})


# -- keyboard only ---------------------------------------------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== "none";
  const r = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className), text: (el.textContent || "").trim().slice(0, 40),
          visible: outline || shadow, onscreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
          inMain: Boolean(el.closest(".md-content")), inNav: Boolean(el.closest(".md-sidebar--primary")), inSearch: Boolean(el.closest(".md-search"))};
}"""


def _tab(page, key: str = "Tab") -> dict:
    page.keyboard.press(key)
    return page.evaluate(FOCUS_STYLE)


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(page, site_url: str):
    for url in ("", "metoder/fokusgrupp/", "riktlinjer/krokom/", CHOOSER):
        page.goto(site_url + url)
        first = _tab(page)
        assert "md-skip" in first["cls"].split() and first["text"] == "Gå till innehållet", (url, first)
        assert first["visible"] and first["onscreen"], (url, first)
        target = page.locator("a.md-skip").get_attribute("href")
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == target
        assert page.evaluate("(id) => Boolean(document.getElementById(id).closest('.md-content'))", target[1:])
        after = _tab(page)
        # The next Tab goes on from the content, past the header and the menu.
        assert after["inMain"] and not after["inNav"], (url, after)
        assert after["visible"], (url, after)


def test_the_menu_works_with_the_keyboard_alone(page, site_url: str):
    page.goto(site_url)
    seen = []
    for _ in range(80):
        focus = _tab(page)
        seen.append(focus)
        assert focus["visible"], f"fokus syns inte: {focus}"
        if focus["inNav"] and focus["text"] == "Delaktighetstrappan":
            break
    else:
        raise AssertionError(f"Tab nådde aldrig menyn: {[f['text'] for f in seen]}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/trappan/")
    assert page.locator("h1").first.text_content().strip() == "Delaktighetstrappan"


def test_the_menu_on_a_phone_works_with_the_keyboard_alone(browser, site_url: str):
    """In the narrow layout the menu is a drawer: its button is reached with Tab, Enter opens
    it with focus on its first link, Escape closes it; while closed, no focus goes off screen."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="sv-SE")
    page = context.new_page()
    page.goto(site_url + "trappan/")
    stops = [_tab(page) for _ in range(12)]
    # (The search field opens the theme's search overlay on focus; it animates in, so its
    # parts are left out of the on-screen check.)
    off = [stop for stop in stops if stop and not stop["inSearch"] and not (stop["onscreen"] and stop["visible"])]
    assert off == [], off
    button = [stop for stop in stops if stop and stop["tag"] == "button" and "site-menu-button" in stop["cls"]]
    assert button, f"menyknappen nås inte med Tab: {[s['cls'] for s in stops if s]}"
    page.locator("button.site-menu-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    inside = _tab(page)
    assert inside["inNav"] and inside["onscreen"] and inside["visible"], inside
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.classList.contains('site-menu-button')")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "false"
    context.close()


def test_search_works_with_the_keyboard_alone(page, site_url: str):
    page.goto(site_url)
    page.keyboard.press("/")  # the theme's shortcut to the search field
    assert page.evaluate("() => document.activeElement.getAttribute('data-md-component')") == "search-query"
    page.keyboard.type("fokusgrupp")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.closest('.md-search-result__item') !== null")
    assert focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/metoder/fokusgrupp/**")


def test_the_chooser_works_with_the_keyboard_alone(page, site_url: str):
    page.goto(site_url + CHOOSER)
    page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)
    # Tab from the top to the first control of the form.
    for _ in range(120):
        focus = _tab(page)
        if page.evaluate("() => Boolean(document.activeElement.closest('#chooser-form'))"):
            break
    else:
        raise AssertionError("Tab nådde aldrig metodväljarens formulär")
    start = page.evaluate("() => window.location.search")
    assert focus["visible"], focus
    # Arrow keys move within a group of radio buttons; Space ticks a checkbox.
    page.keyboard.press("ArrowRight")
    moved = page.evaluate("() => ({name: document.activeElement.name, checked: document.activeElement.checked})")
    assert moved["checked"]
    controls = []
    for _ in range(200):
        focus = _tab(page)
        info = page.evaluate(
            "() => ({type: document.activeElement.type, name: document.activeElement.name, inForm: Boolean(document.activeElement.closest('#chooser-form'))})"
        )
        assert focus["visible"], f"fokus syns inte: {focus}"
        controls.append(info)
        if info["type"] == "checkbox" and info["name"] == "p":
            page.keyboard.press("Space")
            assert page.evaluate("() => document.activeElement.checked")
        if info["type"] == "submit":
            break
    else:
        raise AssertionError("Tab nådde aldrig knappen Visa förslag")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'chooser-results-heading'")
    assert page.evaluate("() => window.location.search") != start  # the choices are in the address
    assert "passar" in page.locator("#chooser-status").text_content()


# -- the accessibility statement (its content: tests/test_statement.py) ----------------------


def test_every_page_links_to_the_statement_from_its_footer(built_site: Path):
    missing = []
    for html_file in sorted(built_site.rglob("*.html")):
        page = html_file.read_text(encoding="utf-8")
        footer = page[page.find('<footer class="md-footer">') :]
        links = re.findall(r'<a href="([^"]*)">Tillgänglighetsredogörelse</a>', footer)
        rel = html_file.relative_to(built_site).as_posix()
        base = "" if (links and links[0].startswith("/")) else posixpath.dirname(rel)
        ok = (
            links
            and (built_site / posixpath.normpath(posixpath.join(base, links[0].lstrip("/"))) / "index.html").is_file()
        )
        if not ok:
            missing.append(rel)
    assert missing == []
