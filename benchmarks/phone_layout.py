"""The chooser page's height on a 375 px phone (not a test): how far a reader scrolls.

    .venv/bin/python benchmarks/phone_layout.py --site site/

Prints, for the page as built (before the worker answers) and for a shared link after the
first answer: the page's height, where "Visa förslag" is, where the first result starts, and
how many history entries five form changes add.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from browser import serve_gzip  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

FIRST_RESULT = "#chooser-answer .chooser-method, #chooser-answer .chooser-invitation, #chooser-ranked li, #chooser-results-heading"
GEOMETRY = """(sel) => {
  const top = (q) => { const e = document.querySelector(q); return e ? Math.round(e.getBoundingClientRect().top + scrollY) : null; };
  return { page: document.documentElement.scrollHeight, submit: top('#chooser-submit'), first_result: top(sel), form: Math.round(document.querySelector('#chooser-form').getBoundingClientRect().height) };
}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, base = serve_gzip(args.site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True, locale="sv-SE")
        page = context.new_page()
        page.goto(base + "metodvaljaren/")
        print("as built (375 px):", page.evaluate(GEOMETRY, FIRST_RESULT))
        page.goto(base + "metodvaljaren/?l=dialog&p=fordjupa&t=ungdomar&n=40&w=8")
        page.locator("html[data-chooser-answers='1']").wait_for(state="attached", timeout=60000)
        print("shared link, answered (375 px):", page.evaluate(GEOMETRY, FIRST_RESULT))
        page.goto(base + "metoder/")
        page.goto(base + "metodvaljaren/")
        page.locator("html[data-chooser-answers='1']").wait_for(state="attached", timeout=60000)
        start = page.evaluate("() => history.length")
        for n, selector in enumerate(["#chooser-p-fordjupa", "#chooser-p-utveckla-ideer", "#chooser-t-ungdomar", "#chooser-t-aldre", "#chooser-p-informera"], 2):
            page.locator(selector).check()
            page.locator(f"html[data-chooser-answers='{n}']").wait_for(state="attached", timeout=60000)
        added = page.evaluate("() => history.length") - start
        backs = 0
        while "/metodvaljaren/" in page.url and backs < 10:
            page.go_back()
            backs += 1
        print(f"five form changes add {added} history entries; Back pressed {backs} times to leave the chooser")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
