"""The chooser page in a real browser: Debian's Chromium, driven by Playwright, against the
built site served on localhost.

The engine runs in Pyodide in a Web Worker; these tests check that what the page shows is what
the same engine says under CPython, that the address holds the state, that the page stays
quick and private, and that it says so plainly when WebAssembly is not allowed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chooser.engine import Chooser  # noqa: E402
from chooser.urlstate import from_query, to_query  # noqa: E402
from chooser.view import advice_view, to_html  # noqa: E402
from macros.pages.chooser_page import organisations, urls  # noqa: E402

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (scripts/bootstrap.sh browser)")

PAGE = "metodvaljaren/"
ANSWER_TIMEOUT = 30_000  # ms; the page itself gives up after 20 s
LONGTASKS = """
window.__longtasks = [];
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push(e.duration); })
    .observe({ type: "longtask", buffered: true });
} catch (e) {}
"""
# The input the keyboard test enters, and another for the shared-link tests.
KEYBOARD_INPUT = {
    "level": "dialog",
    "purposes": ["fordjupa"],
    "target_groups": ["ungdomar"],
    "participants": 40,
    "weeks": 8,
    "budget": "medel",
    "format": "fysiskt",
    "organisation": "krokom",
}
SHARED_INPUT = {
    "influenceable": True,
    "level": "konsultation",
    "purposes": ["samla-synpunkter", "kartlagga-behov"],
    "target_groups": ["aldre", "berorda-lagaktiva"],
    "participants": 300,
    "format": "digitalt",
    "organisation": "uppsala",
}


@pytest.fixture(scope="module")
def engine(built_site: Path) -> Chooser:
    """The engine under CPython, on the very catalogue the browser loads."""
    return Chooser(json.loads((built_site / "data" / "catalogue.json").read_text(encoding="utf-8")))


class Watch:
    """A page with everything it requests, logs and blocks recorded."""

    def __init__(self, page, origin: str) -> None:
        self.page = page
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

        def guard(route):
            # Nothing may leave the site's origin: block it (and record it) if it tries.
            if urlsplit(route.request.url).netloc != origin:
                self.blocked.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", guard)


@pytest.fixture
def watched(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.add_init_script(LONGTASKS)
    page = context.new_page()
    watch = Watch(page, urlsplit(site_url).netloc)
    yield watch
    context.close()


def answers(page) -> int:
    return int(page.evaluate("() => Number(document.documentElement.dataset.chooserAnswers || 0)"))


def wait_answers(page, count: int) -> None:
    # A locator, not wait_for_function: the page's Content-Security-Policy forbids eval.
    page.locator(f"html[data-chooser-answers='{count}']").wait_for(state="attached", timeout=ANSWER_TIMEOUT)


def open_chooser(watch: Watch, site_url: str, query: str = "") -> None:
    watch.page.goto(site_url + PAGE + (f"?{query}" if query else ""))
    wait_answers(watch.page, 1)


def ranked_ids(page) -> list[str]:
    return page.locator("#chooser-answer li.chooser-method").evaluate_all("items => items.map(li => li.dataset.id)")


def excluded_ids(page) -> list[str]:
    return page.locator("#chooser-excluded li a").evaluate_all("links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())")


def open_more(page) -> None:
    """Open "Fler val" (level, budget, format, guideline)."""
    if not page.locator("#chooser-more-choices").evaluate("d => d.open"):
        page.locator("#chooser-more-choices > summary").click()


def focused(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


def tab_to(page, element_id: str, limit: int = 250) -> None:
    """Press Tab (only Tab) until the element has focus."""
    for _ in range(limit):
        if focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_status_line_is_in_the_html_before_the_script_fills_it(built_site: Path):
    html = (built_site / "metodvaljaren" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="chooser-status" id="chooser-status" role="status"></p>', html)
    # The default advice is in the page as built, and the catalogue by level for no JavaScript.
    assert 'class="chooser-invitation"' in html and "<noscript>" in html and "Alla metoder efter nivå" in html
    assert "<script>" not in html.split('id="chooser"', 1)[1].split("</noscript></div>", 1)[0]
    assert " onclick=" not in html and " onchange=" not in html


def test_content_pages_load_no_pyodide(watched: Watch, site_url: str):
    watched.page.goto(site_url + "metoder/fokusgrupp/", wait_until="load")
    watched.page.wait_for_timeout(500)
    assert not [u for u in watched.requests if "/assets/pyodide/" in u or "/assets/chooser/" in u]
    assert not watched.errors


# The regions the worker redraws, compared as the browser parses them (one serialiser for both).
# The plan's date and link back are the page's own (written after each answer), so that line
# is left out on both sides; everything else must be the same to the character.
SAME_REGIONS = """([html, ids]) => {
  const built = new DOMParser().parseFromString(html, "text/html");
  const drawn = (root, id) => {
    const copy = root.getElementById(id).cloneNode(true);
    for (const made of copy.querySelectorAll("#chooser-plan-made")) made.replaceChildren();
    for (const made of copy.querySelectorAll("#chooser-plan-made")) made.removeAttribute("hidden");
    return copy.outerHTML;
  };
  return ids.map((id) => [id, drawn(document, id), drawn(built, id)]);
}"""


def build_time_html(engine: Chooser, query: str) -> str:
    """The HTML the build writes for a query: the same view (chooser/view.py) under CPython."""
    inp, notices = from_query(query, engine)
    view = advice_view(engine.advise(inp), urls(PAGE), organisations(engine.catalogue), notices)
    return to_html(view["answer"]) + to_html(view["plan"])


def test_an_empty_form_invites_an_answer_and_the_worker_draws_what_the_build_drew(watched: Watch, site_url: str, built_site: Path):
    page = watched.page
    page.goto(site_url + PAGE, wait_until="commit")
    page.locator("#chooser-answer .chooser-invitation").wait_for(state="attached")
    assert ranked_ids(page) == []  # no ranking by name before anything is chosen
    assert "av 100" not in page.locator("#chooser-answer").text_content()
    wait_answers(page, 1)
    assert page.evaluate("() => document.documentElement.dataset.chooser") == "ready"
    assert page.locator("#chooser-status").text_content() == "Metodväljaren är klar."
    assert page.locator("#chooser-count").text_content().startswith("Svara på frågorna")
    html = (built_site / "metodvaljaren" / "index.html").read_text(encoding="utf-8")
    for region, live, built in page.evaluate(SAME_REGIONS, [html, ["chooser-answer", "chooser-plan"]]):
        assert live == built, region
    assert page.url.endswith(PAGE)  # the default input keeps the address clean
    assert watched.errors == []


def test_the_pages_regions_after_the_first_answer_equal_the_build_time_html(watched: Watch, site_url: str, engine: Chooser):
    page = watched.page
    query = to_query(SHARED_INPUT) + "&zz=1"  # with a notice, too
    open_chooser(watched, site_url, query)
    compared = page.evaluate(SAME_REGIONS, [build_time_html(engine, query), ["chooser-answer", "chooser-plan"]])
    for region, live, built in compared:
        assert live == built, region
    assert "chooser-card" in compared[0][1] and "<table>" in compared[1][1]  # cards and the plan's table were compared
    assert page.locator("#chooser-answer .chooser-notice", has_text="zz").count() == 1


def test_keyboard_only_path_gives_the_engines_order(watched: Watch, site_url: str, engine: Chooser):
    page = watched.page
    open_chooser(watched, site_url)
    page.locator("body").focus()
    keys = page.keyboard

    tab_to(page, "chooser-p-fordjupa")
    keys.press("Space")
    tab_to(page, "chooser-t-ungdomar")
    keys.press("Space")
    tab_to(page, "chooser-n")
    keys.type("40")
    tab_to(page, "chooser-w")
    keys.type("8")
    keys.press("Tab")  # "Fler val" is next: Enter opens it
    assert page.evaluate("() => document.activeElement.closest('summary') !== null")
    keys.press("Enter")
    tab_to(page, "chooser-l-none")  # the radio group of levels: arrows move the choice
    for _ in range(3):
        keys.press("ArrowDown")
    assert focused(page) == "chooser-l-dialog"
    tab_to(page, "chooser-b")  # a closed select: arrows change the value
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    tab_to(page, "chooser-f-any")
    keys.press("ArrowDown")
    assert focused(page) == "chooser-f-fysiskt"
    tab_to(page, "chooser-o")
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    before = answers(page)
    tab_to(page, "chooser-submit")
    keys.press("Enter")

    page.locator("html[data-chooser-focused='1']").wait_for(state="attached", timeout=ANSWER_TIMEOUT)
    assert answers(page) > before
    assert focused(page) == "chooser-results-heading"  # focus moved to the results
    advice = engine.advise(KEYBOARD_INPUT)
    assert ranked_ids(page) == [m["id"] for m in advice["ranked"]]
    assert sorted(excluded_ids(page)) == sorted(e["id"] for e in advice["excluded"])
    first = advice["ranked"][0]
    assert page.locator("#chooser-answer .chooser-score-text").first.text_content().endswith(f"{first['score']} av 100 poäng")
    # The live region says what changed: the counts and the first method.
    status = page.locator("#chooser-status").text_content()
    counts = advice["counts"]
    assert status.startswith(f"Förslagen är uppdaterade. {counts['good']} passar väl, {counts['partial']} delvis") and status.endswith(f"Först: {first['name']}.")
    assert urlsplit(page.url).query == to_query(KEYBOARD_INPUT)
    assert [s["id"] for s in advice["combination"]] == page.locator(".chooser-steps li a").evaluate_all("a => a.map(x => x.getAttribute('href').split('/').filter(Boolean).pop())")
    assert page.locator(".chooser-requirements li").count() == len(advice["requirements"]) > 0


def test_a_shared_link_restores_the_form_and_the_results(watched: Watch, site_url: str, engine: Chooser):
    page = watched.page
    query = to_query(SHARED_INPUT)
    open_chooser(watched, site_url, query)
    assert page.locator("#chooser-l-konsultation").is_checked()
    assert page.locator("#chooser-p-samla-synpunkter").is_checked() and page.locator("#chooser-p-kartlagga-behov").is_checked()
    assert page.locator("#chooser-t-aldre").is_checked() and page.locator("#chooser-t-berorda-lagaktiva").is_checked()
    assert not page.locator("#chooser-t-barn").is_checked()
    assert page.locator("#chooser-n").input_value() == "300"
    assert page.locator("#chooser-f-digitalt").is_checked()
    assert page.locator("#chooser-o").input_value() == "uppsala"
    assert ranked_ids(page) == [m["id"] for m in engine.advise(SHARED_INPUT)["ranked"]]
    assert page.locator("#chooser-pending").is_hidden()
    assert urlsplit(page.url).query == query


def test_an_odd_link_is_cleaned_with_a_notice(watched: Watch, site_url: str, engine: Chooser):
    page = watched.page
    open_chooser(watched, site_url, "l=dialog&p=fordjupa,inte-ett-syfte&zz=1")
    assert urlsplit(page.url).query == "l=dialog&p=fordjupa"  # the engine's canonical form
    assert page.locator("#chooser-answer .chooser-notice", has_text="inte-ett-syfte").count() == 1
    assert ranked_ids(page) == [m["id"] for m in engine.advise({"level": "dialog", "purposes": ["fordjupa"]})["ranked"]]


def test_form_changes_replace_the_history_entry_and_visa_forslag_adds_one(watched: Watch, site_url: str, engine: Chooser):
    page = watched.page
    page.goto(site_url + "metoder/")
    open_chooser(watched, site_url)
    start = page.evaluate("() => history.length")
    open_more(page)
    for count, selector in enumerate(["#chooser-l-inflytande", "#chooser-p-utveckla-ideer", "#chooser-t-ungdomar", "#chooser-f-digitalt"], 2):
        page.locator(selector).check()
        wait_answers(page, count)
    page.locator("#chooser-n").fill("30")
    page.locator("#chooser-n").dispatch_event("change")
    wait_answers(page, 6)
    want = {"level": "inflytande", "purposes": ["utveckla-ideer"], "target_groups": ["ungdomar"], "participants": 30, "format": "digitalt"}
    assert urlsplit(page.url).query == to_query(want)  # the engine's canonical query
    assert page.evaluate("() => history.length") == start  # five changes, no new entry
    assert ranked_ids(page) == [m["id"] for m in engine.advise(want)["ranked"]]
    page.locator("#chooser-submit").click()
    wait_answers(page, 7)
    assert page.evaluate("() => history.length") == start + 1  # "Visa förslag" adds one
    page.go_back()  # back to the form's entry, same choices
    assert urlsplit(page.url).query == to_query(want) and page.locator("#chooser-l-inflytande").is_checked()
    page.go_back()  # one more step leaves the chooser
    assert urlsplit(page.url).path.endswith("/metoder/")


def test_back_and_forward_restore_a_shared_link(watched: Watch, site_url: str, engine: Chooser):
    page = watched.page
    open_chooser(watched, site_url, "l=inflytande")
    page.goto(site_url + PAGE + "?l=dialog&p=fordjupa")
    wait_answers(page, 1)
    page.go_back()
    wait_answers(page, 1)
    assert page.locator("#chooser-l-inflytande").is_checked() and not page.locator("#chooser-p-fordjupa").is_checked()
    assert ranked_ids(page) == [m["id"] for m in engine.advise({"level": "inflytande"})["ranked"]]


def test_private_quiet_and_quick(watched: Watch, site_url: str):
    """No request leaves the origin, nothing in the console, no main-thread task over 200 ms."""
    page = watched.page
    open_chooser(watched, site_url)
    open_more(page)
    for level in ("information", "dialog", "medbeslutande"):
        count = answers(page)
        page.locator(f"#chooser-l-{level}").check()
        wait_answers(page, count + 1)
    page.locator("#chooser-plan-section").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert watched.blocked == []
    assert all(urlsplit(u).scheme in ("http", "blob", "data") for u in watched.requests)
    assert any("/assets/pyodide/" in u and u.endswith("pyodide.asm.wasm") for u in watched.requests)  # the worker's requests are seen too
    assert watched.errors == []
    longest = page.evaluate("() => Math.max(0, ...window.__longtasks)")
    assert longest < 200, f"a main-thread task took {longest:.0f} ms"


def test_plan_can_be_copied_downloaded_and_printed(browser, site_url: str, engine: Chooser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(site_url + PAGE + "?l=dialog&p=fordjupa&o=krokom")
        wait_answers(page, 1)
        plan = engine.advise({"level": "dialog", "purposes": ["fordjupa"], "organisation": "krokom"})["plan"]
        page.locator("#chooser-copy").click()
        page.locator("#chooser-action-status", has_text="kopierad").wait_for()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith(plan["title"]) and "Krokom" in copied and page.url in copied
        with page.expect_download() as download:
            page.locator("#chooser-download").click()
        assert download.value.suggested_filename.endswith(".md")
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert text == plan if isinstance(plan, str) else "Krokom" in text
        # Skriv ut: only the plan is printed.
        page.evaluate("() => { window.print = () => {}; }")
        page.emulate_media(media="print")
        page.evaluate("() => document.documentElement.classList.add('chooser-print-plan')")
        assert page.locator("#chooser-plan").is_visible()
        assert page.locator("#chooser-form").is_hidden() and page.locator("#chooser-answer").is_hidden()
    finally:
        context.close()


# The page's worker, made to fail on the next question: it never answers, or it gets a request
# its Python cannot read (as a bug in the worker would). The page then starts a new worker.
BREAK_WORKER = {
    "silent": "() => { const w = window.__chooser.worker; w.postMessage = () => {}; }",
    "error": "() => { const w = window.__chooser.worker; const post = w.postMessage.bind(w); w.postMessage = (m) => post({ ...m, request: 'kaputt' }); }",
}


@pytest.mark.parametrize("how", ["silent", "error"])
def test_a_worker_that_hangs_or_errs_is_reported_and_restarted_once(watched: Watch, site_url: str, engine: Chooser, how: str):
    page = watched.page
    # The page's clock is Playwright's (it runs as usual): the 8 s per-query limit is jumped
    # over, not waited for.
    page.clock.install()
    open_chooser(watched, site_url, "l=dialog")
    page.evaluate(BREAK_WORKER[how])
    page.locator("#chooser-p-fordjupa").check()
    # The status line says so (after the 8 s per-query limit when it hangs) ...
    said = "svarade inte inom" if how == "silent" else "råkade ut för ett fel"
    if how == "silent":
        page.wait_for_timeout(500)
        assert page.locator("#chooser-status", has_text=said).count() == 0  # not before the limit
        page.clock.fast_forward(8_000)
    page.locator("#chooser-status", has_text=said).wait_for(timeout=12_000)
    assert page.locator("#chooser-answer").is_hidden()  # the old answer is not left in place
    # ... and a new worker answers the same question.
    wait_answers(page, 2)
    assert page.evaluate("() => document.documentElement.dataset.chooserRestarts") == "1"
    assert ranked_ids(page) == [m["id"] for m in engine.advise({"level": "dialog", "purposes": ["fordjupa"]})["ranked"]]
    assert page.locator("#chooser-answer").is_visible()
    # A second failure is not retried for ever: the page says the chooser does not work now.
    page.evaluate(BREAK_WORKER[how])
    page.locator("#chooser-p-utveckla-ideer").check()
    if how == "silent":
        page.wait_for_timeout(200)
        page.clock.fast_forward(8_000)
    page.locator("html[data-chooser='failed']").wait_for(state="attached", timeout=12_000)
    assert "fungerar inte just nu" in page.locator("#chooser-status").text_content()
    assert page.locator("#chooser-answer").is_hidden() and page.locator("#chooser-form").is_visible()


def test_usable_on_a_320_px_phone(browser, site_url: str):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="sv-SE", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        wait_answers(page, 1)
        # The deciding questions come first; "Visa förslag" stays on screen while the form scrolls.
        order = page.locator("#chooser-form > fieldset > legend").evaluate_all("ls => ls.map(l => l.textContent)")
        assert [t.split(" ", 1)[0] for t in order] == ["1.", "2.", "3.", "4."]
        page.locator("#chooser-t-ungdomar").scroll_into_view_if_needed()
        box = page.locator("#chooser-submit").bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 640, "Visa förslag is out of reach"
        open_more(page)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        for selector in ("#chooser-l-dialog", "#chooser-n", "#chooser-o", "#chooser-submit"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, selector
        # From the results, one link leads back to the form.
        page.locator("#chooser-p-fordjupa").check()
        wait_answers(page, 2)
        page.locator(".chooser-to-form a").click()
        assert page.locator("#chooser-form").bounding_box()["y"] <= 640
    finally:
        context.close()


def test_a_link_that_uses_fler_val_opens_it(watched: Watch, site_url: str):
    open_chooser(watched, site_url, "p=fordjupa")
    assert not watched.page.locator("#chooser-more-choices").evaluate("d => d.open")
    open_chooser(watched, site_url, "p=fordjupa&b=lag")
    assert watched.page.locator("#chooser-more-choices").evaluate("d => d.open")
    assert watched.page.locator("#chooser-b").input_value() == "lag"


def test_dela_and_kopiera_lank_say_that_they_worked(browser, site_url: str):
    context = browser.new_context(locale="sv-SE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    # A phone's share sheet, recorded (headless Chromium on Linux has none).
    context.add_init_script("window.__shared = []; navigator.share = async (data) => { window.__shared.push(data); };")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE + "?p=fordjupa&n=40")
        wait_answers(page, 1)
        page.locator("#chooser-copy-link").click()
        page.locator("#chooser-share-status", has_text="Länken är kopierad").wait_for()
        assert page.evaluate("() => navigator.clipboard.readText()") == page.url
        assert page.locator("#chooser-share").is_visible()
        page.locator("#chooser-share").click()
        page.locator("#chooser-share-status", has_text="Länken är delad").wait_for()
        assert page.evaluate("() => window.__shared[0].url") == page.url
    finally:
        context.close()
    # Without a share sheet only "Kopiera länk" is offered.
    context = browser.new_context(locale="sv-SE")
    context.add_init_script("delete Navigator.prototype.share;")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE + "?p=fordjupa")
        wait_answers(page, 1)
        assert page.locator("#chooser-share").is_hidden() and page.locator("#chooser-copy-link").is_visible()
    finally:
        context.close()


def test_without_webassembly_the_page_says_so_and_points_to_the_catalogue(browser, site_url: str):
    context = browser.new_context(locale="sv-SE")
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        page.locator("html[data-chooser='failed']").wait_for(state="attached", timeout=ANSWER_TIMEOUT)
        status = page.locator("#chooser-status").text_content()
        assert "kunde inte starta" in status and "WebAssembly" in status
        link = page.locator("#chooser-failed a")
        assert link.get_attribute("href") == "../metoder/"
        assert page.locator("#chooser-answer .chooser-invitation").is_visible()  # the default view stays
        # A shared link: the form keeps the link's values, and no advice for other values is shown.
        page.goto(site_url + PAGE + "?l=dialog&p=fordjupa")
        page.locator("html[data-chooser='failed']").wait_for(state="attached", timeout=ANSWER_TIMEOUT)
        assert page.locator("#chooser-l-dialog").is_checked()
        assert page.locator("#chooser-answer").is_hidden() and page.locator("#chooser-pending").is_visible()
        assert "inga förslag för era val" in page.locator("#chooser-status").text_content()
    finally:
        context.close()


def test_a_policy_without_wasm_unsafe_eval_is_reported_within_the_timeout(browser, site_url: str):
    """The worker is served with a policy that forbids compiling WebAssembly, as a host's
    header without 'wasm-unsafe-eval' would."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()

    def strict_worker(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": "script-src 'self'"})

    page.route("**/assets/chooser/worker.mjs*", strict_worker)
    try:
        page.goto(site_url + PAGE)
        page.locator("html[data-chooser='failed']").wait_for(state="attached", timeout=25_000)
        status = page.locator("#chooser-status").text_content()
        assert "kunde inte starta" in status and "WebAssembly" in status
        assert page.locator("#chooser-failed a", has_text="metodkatalogen").count() == 1
    finally:
        context.close()


def test_a_runtime_file_that_does_not_load_is_reported_at_once(browser, site_url: str):
    context = browser.new_context(locale="sv-SE")
    context.route("**/*.wasm", lambda route: route.abort())  # the context's routes see the worker's requests
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        page.locator("html[data-chooser='failed']").wait_for(state="attached", timeout=15_000)  # well before the 20 s limit
        assert "gick inte att ladda" in page.locator("#chooser-status").text_content()
    finally:
        context.close()


def test_while_loading_progress_shows_and_a_stalled_download_is_reported(browser, site_url: str):
    """The runtime never arrives (the host stops sending): the page shows progress in per
    cent, no advice for the link's values, and gives up only after 15 s without a byte."""
    context = browser.new_context(locale="sv-SE")
    held = []
    context.route("**/*.wasm", lambda route: held.append(route))  # never answered
    page = context.new_page()
    page.clock.install()  # Playwright's clock, running as usual: the 15 s are jumped over
    try:
        page.goto(site_url + PAGE + "?p=fordjupa&n=40")
        page.locator("#chooser-progress", has_text="%").wait_for(timeout=5_000)
        assert page.locator("#chooser-answer").is_hidden() and page.locator("#chooser-pending").is_visible()
        page.wait_for_timeout(1_000)  # every other file has arrived; only the held runtime is missing
        page.clock.fast_forward(10_000)
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.documentElement.dataset.chooser || ''") != "failed"  # not yet: < 15 s since the last byte
        page.clock.fast_forward(6_000)
        page.locator("html[data-chooser='failed']").wait_for(state="attached", timeout=5_000)
        assert "Inga data kom fram på 15 sekunder" in page.locator("#chooser-status").text_content()
        assert page.locator("#chooser-answer").is_hidden() and page.locator("#chooser-p-fordjupa").is_checked()
    finally:
        for route in held:
            try:
                route.abort()
            except Exception:  # noqa: BLE001 - the context is closing anyway
                pass
        context.close()


@pytest.fixture(scope="module")
def url_without_snapshot(published_site: Path):
    """The site built with CHOOSER_SNAPSHOT=off (conftest's published_site, which also sets the
    repository and the published address): the worker starts Pyodide from scratch."""
    from conftest import serve

    assert not list((published_site / "assets" / "chooser").glob("*.snapshot.gz"))
    server, url = serve(published_site)
    yield url
    server.shutdown()


def test_without_a_snapshot_the_worker_builds_the_chooser_from_catalogue_json(browser, url_without_snapshot: str, engine: Chooser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    watch = Watch(page, urlsplit(url_without_snapshot).netloc)
    try:
        query = to_query(SHARED_INPUT)
        open_chooser(watch, url_without_snapshot, query)
        assert ranked_ids(page) == [m["id"] for m in engine.advise(SHARED_INPUT)["ranked"]]
        assert any(u.endswith("/data/catalogue.json") for u in watch.requests)
        assert any(re.search(r"/assets/chooser/chooser-[0-9a-f]+\.zip$", u) for u in watch.requests)
        assert watch.errors == [] and watch.blocked == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def url_with_organisation(organisation_url: str):
    """The site built with `extra.organisation: krokom` in mkdocs.yml (conftest's organisation_site)."""
    return organisation_url


def test_the_sites_organisation_is_the_default_and_no_guideline_can_be_shared(browser, url_with_organisation: str, engine: Chooser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    watch = Watch(page, urlsplit(url_with_organisation).netloc)
    try:
        # A shared link without "o" gets the site's organisation, in the form and in the advice.
        open_chooser(watch, url_with_organisation, "l=dialog")
        assert page.locator("#chooser-o").input_value() == "krokom"
        assert ranked_ids(page) == [m["id"] for m in engine.advise({"level": "dialog", "organisation": "krokom"})["ranked"]]
        assert "Krokom" in page.locator(".chooser-requirements").text_content()
        # Choosing no guideline is written as "o=", so a reload keeps it.
        page.locator("#chooser-o").select_option("")
        wait_answers(page, 2)
        assert "o=" in urlsplit(page.url).query.split("&")
        page.reload()
        wait_answers(page, 1)
        assert page.locator("#chooser-o").input_value() == ""
        assert ranked_ids(page) == [m["id"] for m in engine.advise({"level": "dialog"})["ranked"]]
        assert watch.errors == [] and watch.blocked == []
    finally:
        context.close()
