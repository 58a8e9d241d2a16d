"""Every built page fits the screen at 320, 375 and 768 px and fits an A4 page in print
(WCAG 1.4.10, reflow): nothing scrolls sideways and no table is cut off behind a scroll bar.
The helpers are in tests/layout.py, so the chooser's own tests can check each state they visit."""

from __future__ import annotations

from pathlib import Path

from layout import WIDTHS, layout_problems, overflow_problems
from quality import CHOOSER, html_pages, record_figure


def test_no_page_overflows_on_a_phone_a_tablet_or_paper(page_visits: dict, built_site: Path):
    # Checked on the one visit of each page (tests/page_visits.py), resized to each width.
    visits = page_visits["visits"]
    found = {f"{v['url'] or '/'} @ {where}": problems for v in visits for where, problems in v["layout"].items()}
    record_figure("pages with layout problems", sorted({v["url"] for v in visits if v["layout"]}))
    assert [v["url"] for v in visits] == html_pages(built_site)
    assert not found, "\n".join(f"{where}: {'; '.join(problems)}" for where, problems in found.items())


def test_the_layout_check_reports_a_wide_box_and_a_cut_off_table(page, site_url: str):
    """The empty reports above are not vacuous: a box wider than a phone and a table in a
    scrolling box are each reported at 320 px, and the page itself fits again without them."""
    page.goto(site_url + "trappan/")
    assert layout_problems(page) == {}
    page.evaluate(
        """() => {  // styled through the CSSOM: the page's policy refuses style attributes
             const article = document.querySelector("article");
             const wide = article.appendChild(Object.assign(document.createElement("div"), {id: "wide"}));
             Object.assign(wide.style, {width: "600px", height: "10px"});
             const cut = article.appendChild(Object.assign(document.createElement("div"), {id: "cut"}));
             cut.style.overflowX = "auto";
             const cell = cut.appendChild(document.createElement("table")).insertRow().insertCell();
             Object.assign(cell.style, {minWidth: "900px"});
             cell.textContent = "x";
           }"""
    )
    problems = layout_problems(page)
    assert any(p.startswith("div#wide reaches") for p in problems["320px"]), problems
    assert any(p.startswith("div#cut hides") for p in problems["320px"]), problems
    assert "div#wide" not in " ".join(problems.get("768px", [])), problems


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
        # Opened once per link at the narrowest width, then widened (the open page reflows).
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(site_url + CHOOSER + query)
        page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'", timeout=60_000)
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            problems = overflow_problems(page)
            if problems:
                found[f"{query} @ {width}"] = problems
    context.close()
    assert not found, found
