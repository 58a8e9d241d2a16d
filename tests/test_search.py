"""The site's search as staff use it: the real search (mkdocs-material's worker and lunr
index, tuned by macros/hooks/search_tuning.py and docs/assets/search-fold.js) in the browser, with
queries typed as on a phone, and the snippets the results show."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from quality import record_figure
from search_queries import QUERIES, open_search, search

from macros.hooks.search_tuning import fold


@pytest.fixture
def search_page(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    open_search(page, site_url)
    yield page
    context.close()


def test_what_staff_type_finds_the_page_in_the_top_three(search_page, site_url: str):
    assert len(QUERIES) >= 20
    missed = {}
    for query, wanted in QUERIES:
        found = search(search_page, site_url, query)
        if wanted not in found[:3]:
            missed[query] = (wanted, found[:5])
    record_figure("search queries with the right page in the top 3", f"{len(QUERIES) - len(missed)}/{len(QUERIES)}")
    assert not missed, "\n".join(f"{q!r}: väntade {w} bland de tre första, fick {f}" for q, (w, f) in missed.items())


def test_search_ignores_diacritics_both_ways(search_page, site_url: str):
    # Typed without and with them, the same first page; "idé" and "ide" alike.
    for plain, marked in (("aterkoppling", "återkoppling"), ("enkat", "enkät"), ("malgruppsanalys", "målgruppsanalys")):
        assert search(search_page, site_url, plain)[:1] == search(search_page, site_url, marked)[:1]
    assert search(search_page, site_url, "ide")[:3] == search(search_page, site_url, "idé")[:3]
    assert search(search_page, site_url, "ide")


def test_method_pages_come_before_editor_pages(search_page, site_url: str):
    for query in ("fokusgrupp", "medborgarpanel", "enkat", "workshop"):
        found = search(search_page, site_url, query)
        editor = [p for p in ("faltreferens/", "oppna-data/") if p in found]
        methods = [p for p in found if p.startswith("metoder/")]
        assert methods, query
        for p in editor:
            assert found.index(p) > found.index(methods[0]), (query, found)
        assert "faltreferens/" not in found[:5], (query, found)


def test_snippets_are_summaries_and_words_stay_apart(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    fokus = docs["metoder/fokusgrupp/"]
    assert fokus["text"].startswith("<p>Ett samtal i en liten grupp")  # the summary, first
    assert "Kallas också" not in fokus["text"] and "Nivå på delaktighetstrappan" not in fokus["text"]
    assert "Fokusgruppsintervju" in fokus["keywords"]  # still found by its alias
    table = docs["metoder/tabell/"]["text"]
    assert re.search(r"Metod\s+Nivå\s+Syften\s+Målgrupper", table), table[:300]
    assert not re.search(r"[a-zåäö][A-ZÅÄÖ][a-zåäö]", re.sub(r"<[^>]+>", " ", table)), "ord som går ihop"
    assert "404.html" not in docs


def test_folding_matches_the_page_script():
    assert fold("Återkoppling, IDÉ och Målgruppsanalys") == "aterkoppling, ide och malgruppsanalys"
    script = (Path(__file__).parent.parent / "docs" / "assets" / "search-fold.js").read_text(encoding="utf-8")
    assert 'normalize("NFD").replace(/\\p{M}/gu, "")' in script  # the same rule on both sides
