"""One browser pass over the built site: every page is opened once, in one Chromium context,
and everything the per-page tests check is collected on that one visit:

- axe-core's violations (WCAG 2.0/2.1 A and AA and best practice) as the page opens at 1280 px;
- the layout at 320, 375 and 768 px and on A4 paper (the open page resized, as a reader who
  zooms does: WCAG 1.4.10 reflow is about the page at 400 %);
- Content-Security-Policy violations (the `securitypolicyviolation` events and Chromium's
  console reports) and every request to another origin, including those of workers; such
  requests are refused and recorded, so nothing leaves the machine;
- the keys in localStorage and sessionStorage, and at the end the context's cookies;
- last, what the page's own policy refuses: an inline script added to the page, and
  compiling WebAssembly (allowed on the chooser page only). What these probes make the
  browser report is kept apart from the page's own reports above.

The chooser is taken through its whole flow (the worker starts Pyodide, answers the default
question, then a question from the form), and the theme's search is used once and a result
followed, so their scripts are seen too. The theme's search worker builds its index again on
every page load, about half of the pass's work in Chromium; so the pages get the index with
the site's own search settings and no documents (the same request, answered at once), and the
search at the end gets the real one. tests/test_accessibility.py, tests/test_privacy.py and
tests/test_layout.py assert on the result; conftest.py's `page_visits` fixture runs it once.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from layout import layout_problems
from quality import CHOOSER, CSP_RECORDER, html_pages, is_csp_message, run_axe


@dataclass
class Visit:
    """What one page did and how it fared while it was open."""

    url: str  # site-relative ("" for the home page)
    axe: list[dict] = field(default_factory=list)
    layout: dict[str, list[str]] = field(default_factory=dict)  # "320px", "print", … -> problems
    csp: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    storage: list[str] = field(default_factory=list)
    probes: dict = field(default_factory=dict)  # what the policy let through when tried
    seconds: float = 0.0


# Tried after everything else on a page; resolves once the browser has reported the inline
# script it refused, so its console message has arrived before the probe ends.
PROBE = """async () => {
  const reported = new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), {once: true});
    setTimeout(() => resolve(null), 2000);
  });
  const script = document.createElement("script");
  script.textContent = "window.__probeRan = true";
  document.body.append(script);
  const directive = await reported;
  let wasm;
  try { await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); wasm = "compiled"; }
  catch (error) { wasm = String(error); }
  return {inline_script_ran: window.__probeRan === true, reported: directive, wasm};
}"""


SEARCH_INDEX = "**/search/search_index.json"


def _storage(page) -> list[str]:
    local, session = page.evaluate("() => [Object.keys(localStorage), Object.keys(sessionStorage)]")
    return [f"localStorage {key}" for key in local] + [f"sessionStorage {key}" for key in session]


def _chooser_flow(page) -> None:
    # The worker starts Pyodide and answers the default question, then one from the form.
    page.wait_for_function("() => document.documentElement.dataset.chooser === 'ready'", timeout=60_000)
    page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'")
    page.locator("#chooser-form input[type=checkbox]").first.check()
    page.locator("#chooser-form [type=submit]").first.click()
    page.wait_for_function("() => Number(document.documentElement.dataset.chooserAnswers) >= 2")


def visit_site(browser, site_url: str, site: Path) -> dict:
    """Open every page of `site` (served at `site_url`) once; returns plain data:
    {"visits": [Visit as dict, …], "search": Visit as dict, "cookies": [...]}."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    current: list[Visit] = []  # the visit the events belong to (one page at a time)

    def same_origin(url: str) -> bool:
        return url.startswith((site_url, "data:", "blob:"))

    def on_request(request) -> None:
        if not same_origin(request.url) and current:
            current[-1].external.append(request.url)

    # Every request of the pages and of their workers passes here; another origin is refused.
    context.on("request", on_request)
    context.route(
        "**/*", lambda route: route.continue_() if same_origin(route.request.url) else route.abort("blockedbyclient")
    )
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    empty_index = json.dumps({"config": index["config"], "docs": []})
    context.route(SEARCH_INDEX, lambda route: route.fulfill(status=200, content_type="application/json", body=empty_index))
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()

    probing = [False]

    def on_console(message) -> None:
        if is_csp_message(message.text) and current and not probing[0]:
            current[-1].csp.append(f"console: {message.text}")

    page.on("console", on_console)
    visits = []
    for url in html_pages(site):
        visit = Visit(url)
        current.append(visit)
        started = time.monotonic()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(site_url + url)
        # The chooser is checked here as it first opens; tests/test_accessibility.py checks
        # each of its later states.
        visit.axe = run_axe(page)
        if url == CHOOSER:
            _chooser_flow(page)
        visit.layout = layout_problems(page)
        visit.csp += page.evaluate("() => window.__cspViolations")
        visit.storage = _storage(page)
        # The browser sends a probe's console reports before the probe's result, so they are
        # all in before probing ends.
        probing[0] = True
        visit.probes = page.evaluate(PROBE)
        probing[0] = False
        visit.seconds = round(time.monotonic() - started, 2)
        visits.append(asdict(visit))

    # The theme's search, with the real index, and a link followed from its results.
    context.unroute(SEARCH_INDEX)
    search = Visit("sökning")
    current.append(search)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("dialog")
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    search.csp += page.evaluate("() => window.__cspViolations")
    search.storage = _storage(page)
    result = {"visits": visits, "search": asdict(search), "cookies": context.cookies()}
    context.close()
    return result
