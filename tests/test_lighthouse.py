"""Lighthouse's accessibility audit scores 100 on the chooser and on a method page, the two
run side by side (tests/lighthouse.py).

Lighthouse's audit is axe-core (the same package as ours) with Lighthouse's choice of rules,
and the one pass over every page (tests/page_visits.py) runs axe with all of those rules and
more (quality.AXE_RULES), so a rule Lighthouse would fail on any page already fails there.
This test keeps Lighthouse itself in the loop (its own gatherer, scoring and Chromium start)
on the most complex page and the most common page type; every page type, one after the other,
is in `benchmarks/lighthouse.py --accessibility` (about 15 s a page).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from lighthouse import PAGE_TYPES, accessibility
from quality import record_figure

IN_THE_SUITE = ("metodväljaren", "metod")


def test_lighthouse_accessibility_is_100_on_the_chooser_and_a_method_page(site_url: str):
    urls = dict(PAGE_TYPES)
    with ThreadPoolExecutor(len(IN_THE_SUITE)) as pool:
        runs = {kind: pool.submit(accessibility, site_url + urls[kind]) for kind in IN_THE_SUITE}
        scores = {kind: run.result() for kind, run in runs.items()}
    record_figure("Lighthouse accessibility per page type", {k: s for k, (s, _) in scores.items()})
    below = {kind: result for kind, result in scores.items() if result[0] < 100}
    assert not below, below
