"""URL state: input <-> short query string. Unknown keys and ids are dropped with a notice,
values are length-capped, parsing never raises, and a round trip gives the same input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import catalogue, chooser  # noqa: E402

from chooser import from_query, to_query, validate_input  # noqa: E402
from chooser.urlstate import MAX_ITEMS, MAX_QUERY  # noqa: E402

FULL = {
    "influenceable": False,
    "needs_views": False,
    "level": "inflytande",
    "purposes": ["utveckla-ideer", "fysisk-miljo"],
    "target_groups": ["ungdomar", "berorda-lagaktiva"],
    "participants": 120,
    "weeks": 6.5,
    "budget": "medel",
    "format": "hybrid",
    "organisation": "region-varmland",
}


def test_defaults_give_an_empty_query():
    assert to_query(validate_input({}, catalogue())) == ""
    assert from_query("", chooser()) == (validate_input({}, catalogue()), [])


def test_full_input_round_trips_and_stays_short():
    inp = validate_input(FULL, catalogue())
    query = to_query(inp)
    assert len(query) < 200
    assert from_query(query, chooser()) == (inp, [])
    assert from_query("?" + query, chooser()) == (inp, [])
    assert from_query(query, catalogue()) == (inp, [])  # the catalogue dict works too


def test_empty_organisation_means_no_guideline_without_a_notice():
    # A site with a default organisation writes "o=" when the reader picks no guideline.
    inp, notices = from_query("l=dialog&o=", chooser())
    assert inp["organisation"] is None and inp["level"] == "dialog"
    assert notices == []


def test_query_leaves_out_defaults_and_uses_short_keys():
    query = to_query(validate_input({"level": "dialog", "participants": 40}, catalogue()))
    assert query == "l=dialog&n=40"


def test_unknown_keys_and_ids_are_dropped_with_a_notice():
    inp, notices = from_query("l=dialog&zz=1&p=fordjupa,inte-ett-syfte&o=oslo", chooser())
    assert inp["level"] == "dialog"
    assert inp["purposes"] == ["fordjupa"]
    assert inp["organisation"] is None
    text = " ".join(notices)
    assert "zz" in text and "inte-ett-syfte" in text and "oslo" in text
    assert len(notices) == 3


@pytest.mark.parametrize("query", ["n=-3", "n=abc", "n=0", "w=1e9", "w=nan", "w=-1", "i=kanske", "n=99999999999999"])
def test_bad_values_are_dropped_with_a_notice(query):
    inp, notices = from_query(query, chooser())
    assert inp == validate_input({}, catalogue())
    assert len(notices) == 1


def test_long_values_and_queries_are_capped():
    inp, notices = from_query("p=" + "a" * 100_000, chooser())
    assert inp["purposes"] == [] and notices
    assert all(len(n) < 300 for n in notices)
    purposes = [p["id"] for p in catalogue()["vocabularies"]["purposes"]["items"]]
    groups = [g["id"] for g in catalogue()["vocabularies"]["target-groups"]["items"]]
    inp, _ = from_query("t=" + ",".join(groups * 3) + "&p=" + ",".join(purposes), chooser())
    assert len(inp["target_groups"]) <= MAX_ITEMS and len(set(inp["target_groups"])) == len(inp["target_groups"])
    _, notices = from_query("x=1&" * MAX_QUERY, chooser())
    assert any(str(MAX_QUERY) in n for n in notices)


@pytest.mark.parametrize("query", ["%", "%zz=%%", "&&&", "=", "==dialog", "l", "l=%ff%fe", "p=,,,", "\x00\n\r", "ö=å", "#l=dialog", None, 42])
def test_odd_strings_never_raise(query):
    inp, notices = from_query(query, chooser())
    assert validate_input(inp, catalogue()) == inp
    assert isinstance(notices, list)


def test_hash_prefix_is_read():
    inp, notices = from_query("#l=dialog", chooser())
    assert inp["level"] == "dialog" and notices == []
