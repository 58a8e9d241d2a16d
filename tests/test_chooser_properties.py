"""Properties of the chooser that hold for any input (hypothesis), and one that holds for
every method: it is ranked first for some input."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import catalogue, chooser  # noqa: E402

from chooser import from_query, to_query, validate_input  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])




def ids(vocabulary: str) -> list[str]:
    return [item["id"] for item in catalogue()["vocabularies"][vocabulary]["items"]]


@st.composite
def inputs(draw) -> dict:
    """Any valid input: each key present or not, ids from the data."""
    cat = catalogue()
    levels = [lv["id"] for lv in cat["ladder"]["levels"]]
    groups = ids("target-groups") + ids("quadrants")
    choices = {
        "influenceable": st.booleans(),
        "needs_views": st.booleans(),
        "level": st.none() | st.sampled_from(levels),
        "purposes": st.lists(st.sampled_from(ids("purposes")), max_size=4),
        "target_groups": st.lists(st.sampled_from(groups), max_size=5),
        "participants": st.none() | st.integers(min_value=1, max_value=5000),
        "weeks": st.none() | st.integers(min_value=0, max_value=80) | st.floats(min_value=0, max_value=80, allow_nan=False).map(lambda w: round(w, 2)),
        "budget": st.none() | st.sampled_from(ids("cost-levels")),
        "format": st.sampled_from(["any", *chooser().formats]),
        "organisation": st.none() | st.sampled_from([g["id"] for g in cat["guidelines"]]),
        "existing": st.lists(st.sampled_from(chooser().standing_ids), max_size=3) if chooser().standing_ids else st.just([]),
    }
    keys = draw(st.lists(st.sampled_from(sorted(choices)), unique=True))
    return {key: draw(choices[key]) for key in keys}


# -- parsing never raises ----------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=300))
def test_from_query_never_raises_on_any_text(text):
    inp, notices = from_query(text, chooser())
    assert validate_input(inp, chooser()) == inp
    assert all(isinstance(n, str) and "\n" not in n for n in notices)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(list("ivlptnwbfoxz") + ["", "p%2C", "&"]), st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö-,.0123456789%&=#?+ ", max_size=40)), max_size=12))
def test_from_query_never_raises_on_query_like_text(pairs):
    query = "&".join(f"{k}={v}" for k, v in pairs)
    inp, _ = from_query(query, chooser())
    assert validate_input(inp, chooser()) == inp


@SETTINGS
@given(inputs())
def test_url_round_trip_gives_the_same_input(inp):
    normalised = validate_input(inp, chooser())
    assert from_query(to_query(normalised), chooser()) == (normalised, [])


# -- the advice ------------------------------------------------------------------------------


@SETTINGS
@given(inputs())
def test_advice_is_deterministic(inp):
    first = json.dumps(chooser().advise(inp), ensure_ascii=False, sort_keys=True)
    again = json.dumps(chooser().advise(json.loads(json.dumps(inp))), ensure_ascii=False, sort_keys=True)
    assert first == again


@SETTINGS
@given(inputs())
def test_no_excluded_method_is_ranked_and_none_is_lost(inp):
    advice = chooser().advise(inp)
    ranked = [r["id"] for r in advice["ranked"]]
    excluded = [e["id"] for e in advice["excluded"]]
    assert not set(ranked) & set(excluded)
    assert sorted(ranked + excluded) == sorted(m["id"] for m in catalogue()["methods"])
    assert all(e["reason"] for e in advice["excluded"])
    assert {s["id"] for s in advice["combination"]} <= set(ranked)


@SETTINGS
@given(inputs())
def test_scores_are_0_to_100_and_sorted_by_tier_then_score(inp):
    advice = chooser().advise(inp)
    ranked = advice["ranked"]
    assert all(isinstance(r["score"], int) and 0 <= r["score"] <= 100 for r in ranked)
    tiers = ["good", "partial", "poor"]
    keys = [(tiers.index(r["tier"]), -r["score"]) for r in ranked]
    assert keys == sorted(keys)
    counts = advice["counts"]
    assert [counts[t] for t in tiers] == [sum(1 for r in ranked if r["tier"] == t) for t in tiers]
    assert counts["excluded"] == len(advice["excluded"])


@SETTINGS
@given(inputs())
def test_a_method_in_the_top_tier_serves_a_chosen_purpose(inp):
    advice = chooser().advise(inp)
    chosen = set(advice["input"]["purposes"])
    not_md = not advice["input"]["influenceable"] or not advice["input"]["needs_views"]
    if not chosen or not_md:
        return
    by_id = {m["id"]: m for m in catalogue()["methods"]}
    for entry in advice["ranked"]:
        if entry["tier"] == "good":
            assert chosen & set(by_id[entry["id"]]["purposes"]), entry["id"]


@SETTINGS
@given(inputs())
def test_the_main_method_is_never_a_channel_unless_the_purpose_is_to_inform(inp):
    advice = chooser().advise(inp)
    norm = advice["input"]
    informing = (not norm["influenceable"] or not norm["needs_views"] or norm["level"] == "information"
                 or (norm["purposes"] and set(norm["purposes"]) <= {"informera"}))
    by_id = {m["id"]: m for m in catalogue()["methods"]}
    for step in advice["combination"]:
        if step["role"] == "main" and not informing:
            assert by_id[step["id"]]["kind"] != "kanal", step
        if informing:
            method = by_id[step["id"]]
            assert method["kind"] == "kanal" or method["levels"][0] == "information", step


def _tightened(inp: dict, data) -> dict:
    """The same input with one or more hard limits made stricter."""
    out = dict(inp)
    ranks = {c["id"]: c["rank"] for c in catalogue()["vocabularies"]["cost-levels"]["items"]}
    if data.draw(st.booleans(), label="tighten weeks"):
        weeks = out.get("weeks")
        out["weeks"] = data.draw(st.integers(min_value=0, max_value=int(weeks) if weeks is not None else 80), label="weeks")
    if data.draw(st.booleans(), label="tighten budget"):
        current = ranks[out["budget"]] if out.get("budget") else max(ranks.values())
        out["budget"] = data.draw(st.sampled_from(sorted(c for c, r in ranks.items() if r <= current)), label="budget")
    if out.get("format", "any") == "any" and data.draw(st.booleans(), label="tighten format"):
        out["format"] = data.draw(st.sampled_from(["fysiskt", "digitalt"]), label="format")
    if out.get("existing") and data.draw(st.booleans(), label="fewer standing structures"):
        out["existing"] = out["existing"][1:]  # a structure the reader does not have adds setup time
    return out


@SETTINGS
@given(inputs(), st.data())
def test_tightening_a_hard_limit_never_brings_back_an_excluded_method(inp, data):
    before = {e["id"] for e in chooser().advise(inp)["excluded"]}
    stricter = _tightened(inp, data)
    after = {e["id"] for e in chooser().advise(stricter)["excluded"]}
    assert before <= after


# -- every method can win ----------------------------------------------------------------------


def _profiles(method: dict):
    """Inputs that describe the method's own profile, from the widest to narrower ones."""
    part = method["participants"]
    weeks = method["lead_time"]["min_weeks"]
    # A method that needs a standing structure is judged where the reader has it.
    existing = [method["id"]] if method.get("standing_structure") else []
    orgs = [None] + sorted({e["guideline"] for e in method["guidelines"]})
    for level, fmt, org in itertools.product(method["levels"], ["any", *(f for f in method["formats"] if f in chooser().formats)], orgs):
        yield {"level": level, "purposes": method["purposes"], "target_groups": method["target_groups"], "format": fmt,
               "participants": part["min"], "weeks": weeks, "budget": method["cost"]["level"], "organisation": org, "existing": existing}
    for purpose, group in itertools.product(method["purposes"], method["target_groups"]):
        yield {"level": method["levels"][0], "purposes": [purpose], "target_groups": [group],
               "participants": part["min"], "weeks": weeks, "budget": method["cost"]["level"], "existing": existing}


def test_every_method_is_ranked_first_for_some_input():
    never_first = {}
    for method in catalogue()["methods"]:
        if not any(chooser().advise(inp)["ranked"][0]["id"] == method["id"] for inp in _profiles(method)):
            best = chooser().advise(next(_profiles(method)))["ranked"][:3]
            never_first[method["id"]] = [(r["id"], r["score"]) for r in best]
    assert not never_first, f"methods that no profile input ranks first (identical profiles in data?): {never_first}"
