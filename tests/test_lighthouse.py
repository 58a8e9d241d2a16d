"""Lighthouse's accessibility audit (axe with its best-practice rules, as Lighthouse weighs
them) scores 100 on one page of every page type (tests/lighthouse.py)."""

from __future__ import annotations

from lighthouse import PAGE_TYPES, accessibility
from quality import record_figure


def test_lighthouse_accessibility_is_100_on_every_page_type(site_url: str):
    scores = {}
    for kind, url in PAGE_TYPES:
        scores[kind] = accessibility(site_url + url)
    record_figure("Lighthouse accessibility per page type", {k: s for k, (s, _) in scores.items()})
    below = {kind: result for kind, result in scores.items() if result[0] < 100}
    assert not below, below
