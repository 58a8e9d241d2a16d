"""Every built page fits the screen at 320, 375 and 768 px and fits an A4 page in print
(WCAG 1.4.10, reflow): nothing scrolls sideways and no table is cut off behind a scroll bar.
The helpers are in tests/layout.py, so the chooser's own tests can check each state they visit."""

from __future__ import annotations

from pathlib import Path

from layout import WIDTHS, layout_report, overflow_problems
from quality import CHOOSER, html_pages, record_figure


def test_no_page_overflows_on_a_phone_a_tablet_or_paper(browser, site_url: str, built_site: Path):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    found: dict[str, list[str]] = {}
    pages = html_pages(built_site)
    for url in pages:
        found |= layout_report(page, site_url + url)
    context.close()
    record_figure("pages with layout problems", sorted({k.split(" @ ")[0] for k in found}))
    assert len(pages) > 60
    assert not found, "\n".join(f"{where}: {'; '.join(problems)}" for where, problems in found.items())


def test_the_chooser_fits_a_phone_as_it_opens(browser, site_url: str):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site_url + CHOOSER)
        page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)
        problems = overflow_problems(page)
        if problems:
            found[width] = problems
    context.close()
    assert not found, found


def test_the_chooser_fits_a_phone_with_results_plan_and_every_list_open(browser, site_url: str):
    """The states a reader reaches: a shared link with results, the plan, notices, requirements,
    and every folded list (Fler val, more methods, methods ruled out) open."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    found = {}
    for query in ("?l=dialog&p=fordjupa,fysisk-miljo&t=ungdomar,utlandsfodda&n=200&o=krokom", "?l=medbeslutande&n=20000&w=4&b=lag"):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(site_url + CHOOSER + query)
            page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)
            page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            problems = overflow_problems(page)
            if problems:
                found[f"{query} @ {width}"] = problems
    context.close()
    assert not found, found
