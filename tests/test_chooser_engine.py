"""The chooser engine: ranking, reasons, hard limits, combination, requirements, notices, plan.

Every expectation is derived from the data (methods, vocabularies, guidelines) or from the
guidelines' own texts, never copied from engine output.
"""

from __future__ import annotations

import ast
import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import catalogue, chooser  # noqa: E402

from chooser import Chooser, ChooserInputError, load_weights, validate_input  # noqa: E402
from chooser.engine import INPUT_KEYS  # noqa: E402


def methods() -> dict[str, dict]:
    return {m["id"]: m for m in catalogue()["methods"]}


def vocab(name: str) -> dict[str, dict]:
    return {item["id"]: item for item in catalogue()["vocabularies"][name]["items"]}


def guideline(gid: str) -> dict:
    return next(g for g in catalogue()["guidelines"] if g["id"] == gid)


def ranked_ids(advice: dict) -> list[str]:
    return [r["id"] for r in advice["ranked"]]


def top_part(advice: dict) -> list[str]:
    """The top third of the ranking: what 'ranks in the top part' means in these tests."""
    ids = ranked_ids(advice)
    return ids[: math.ceil(len(ids) / 3)]


def number(value: float) -> str:
    """Swedish: 16, 0,5, and from four digits a non-breaking space as thousands separator (18 000)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0") if value >= 1000 else str(int(value))
    return str(value).replace(".", ",")


# -- standard library only -----------------------------------------------------------------


def test_chooser_imports_only_the_standard_library():
    allowed = set(sys.stdlib_module_names)
    found = {}
    for path in sorted((ROOT / "chooser").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level > 0:  # relative import inside the package
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in allowed and top != "chooser":
                    found.setdefault(path.name, []).append(name)
    assert not found, f"third-party or project imports in chooser/: {found}"


def test_every_registered_id_has_a_function_and_every_function_is_registered():
    """weights.json lists the hard limits, gates and criteria by id; each id is one function."""
    from chooser.engine import CRITERIA, GATES, HARD_LIMITS

    weights = load_weights()
    assert [c["id"] for c in weights["criteria"]] and set(c["id"] for c in weights["criteria"]) == set(CRITERIA)
    assert set(g["id"] for g in weights["gates"]) == set(GATES)
    assert set(h["id"] for h in weights["hard_limits"]) == set(HARD_LIMITS)
    assert {g["cap"] for g in weights["gates"]} <= {"partial", "poor"}


def test_readme_scoring_tables_list_exactly_the_registry():
    """Drift check: the README's tables of limits, gates and criteria name the ids in weights.json."""
    import re

    weights = load_weights()
    text = (ROOT / "chooser" / "README.md").read_text(encoding="utf-8")
    for key, heading in (("hard_limits", "limit"), ("gates", "gate"), ("criteria", "criterion")):
        table = re.search(rf"^\| {heading} \|.*?\n((?:\|.*\n)+)", text, re.M)
        assert table, f"README.md has no table starting with '| {heading} |'"
        ids = re.findall(r"^\| `([a-z_]+)` \|", table.group(1), re.M)
        assert ids == [item["id"] for item in weights[key]], f"README table '{heading}' lists {ids}"


# -- output shape ------------------------------------------------------------------------------


def test_advice_has_every_output_key_and_is_json():
    advice = chooser().advise({"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["ungdomar"], "participants": 30, "weeks": 10, "budget": "medel", "format": "fysiskt", "organisation": "krokom"})
    assert set(advice) == {"input", "empty", "ranked", "excluded", "counts", "combination", "requirements", "notice", "plan"}
    assert json.loads(json.dumps(advice)) == advice
    for entry in advice["ranked"]:
        assert {"id", "name", "score", "reasons", "caveats"} <= set(entry)
        assert isinstance(entry["score"], int) and 0 <= entry["score"] <= 100
        assert entry["name"] == methods()[entry["id"]]["name"]
    assert set(ranked_ids(advice)) | {e["id"] for e in advice["excluded"]} == set(methods())


def test_defaults_when_keys_are_missing():
    inp = validate_input({}, catalogue())
    assert inp == {
        "influenceable": True,
        "needs_views": True,
        "level": None,
        "purposes": [],
        "target_groups": [],
        "participants": None,
        "weeks": None,
        "budget": None,
        "format": "any",
        "organisation": None,
        "existing": [],
    }
    advice = chooser().advise({})
    assert advice["empty"] is True
    assert chooser().advise({"organisation": "krokom"})["empty"] is True  # the site's default organisation is not a choice
    assert chooser().advise({"level": "dialog"})["empty"] is False
    assert advice["excluded"] == []
    assert len(advice["ranked"]) == len(methods())
    assert advice["notice"] == [] and advice["requirements"] == []


def assert_ordered(ranked: list[dict]) -> None:
    """Tier first (passar väl, delvis, inte), then score; equal scores are not ordered by name alone."""
    tiers = ["good", "partial", "poor"]
    keys = [(tiers.index(r["tier"]), -r["score"]) for r in ranked]
    assert keys == sorted(keys)


def test_ranking_is_sorted_by_tier_then_score():
    for inp in ({}, {"level": "konsultation"}, {"purposes": ["samla-synpunkter"], "weeks": 8}):
        assert_ordered(chooser().advise(inp)["ranked"])


def test_equal_scores_break_on_purpose_fit_before_the_name():
    """Two methods with the same score: the one that serves more of the chosen purposes comes first."""
    advice = chooser().advise({"purposes": ["samla-synpunkter", "fysisk-miljo"], "target_groups": ["alla"]})
    ranked = advice["ranked"]
    for a, b in zip(ranked, ranked[1:], strict=False):
        if a["score"] == b["score"] and a["tier"] == b["tier"]:
            assert a["fit"].get("purpose", 0) >= b["fit"].get("purpose", 0)


def test_same_input_gives_the_same_output():
    inp = {"level": "inflytande", "target_groups": ["berorda-lagaktiva", "aldre"], "participants": 25, "organisation": "uppsala"}
    first = json.dumps(chooser().advise(inp), ensure_ascii=False)
    assert json.dumps(Chooser(catalogue()).advise(dict(inp)), ensure_ascii=False) == first


# -- scenarios from the guidelines' own method tables ------------------------------------------

# Alingsås kommun, Riktlinjer för medborgardialog (2023), table "Grad av delaktighet …
# Metodexempel", the method examples per level as written there.
ALINGSAS_TABLE = {
    "information": ["Tidning", "webb", "trycksaker", "informationsmöte"],
    "konsultation": ["Enkäter", "råd", "fokusgrupper", "inlämnande förslag och synpunkter"],
    "dialog": ["Open space", "dialogcaféer", "webbforum", "medborgarstämma"],
    "inflytande": ["Framtidsverkstad", "gemensamma projekt"],
    "medbeslutande": ["Rådslag med omröstning", "medborgarbudget"],
}


def methods_named(gid: str, level: str) -> list[str]:
    """Methods that guideline `gid` lists on `level` (the methods' `guidelines` field)."""
    return sorted(m["id"] for m in catalogue()["methods"] for e in m["guidelines"] if e["guideline"] == gid and e["level"] == level)


@pytest.mark.parametrize("level", list(ALINGSAS_TABLE))
def test_alingsas_table_every_example_is_in_the_catalogue(level):
    by_name = {e["name"].casefold(): m["id"] for m in catalogue()["methods"] for e in m["guidelines"] if e["guideline"] == "alingsas"}
    missing = [name for name in ALINGSAS_TABLE[level] if name.casefold() not in by_name]
    assert not missing, f"Alingsås names these on {level}, but no method says so in `guidelines`: {missing}"


@pytest.mark.parametrize("organisation", [None, "alingsas"])
@pytest.mark.parametrize("level", list(ALINGSAS_TABLE))
def test_alingsas_examples_rank_in_the_top_third_for_their_level(level, organisation):
    by_name = {e["name"].casefold(): m["id"] for m in catalogue()["methods"] for e in m["guidelines"] if e["guideline"] == "alingsas" and e["level"] == level}
    expected = [by_name[name.casefold()] for name in ALINGSAS_TABLE[level] if name.casefold() in by_name]
    assert expected
    advice = chooser().advise({"level": level, "organisation": organisation})
    top = top_part(advice)
    assert [m for m in expected if m not in top] == [], f"{level}: top third is {top}"


KROKOM_LEVELS = ["information", "konsultation", "dialog", "inflytande", "medbeslutande"]


@pytest.mark.parametrize("organisation", [None, "krokom"])
@pytest.mark.parametrize("level", KROKOM_LEVELS)
def test_krokom_methods_per_level_rank_in_the_top_third(level, organisation):
    # Krokom also lists samråd and brukardialog among its methods; the gate offers those only
    # when the purpose calls for them (tested in the scenarios), so they are not expected here.
    kinds = {t["id"]: t["medborgardialog"] for t in catalogue()["vocabularies"]["dialogue-types"]["items"]}
    types = {m["id"]: m["dialogue_type"] for m in catalogue()["methods"]}
    expected = [m for m in methods_named("krokom", level) if kinds[types[m]]]
    assert expected, f"Krokom lists methods on every level; none found for {level}"
    advice = chooser().advise({"level": level, "organisation": organisation})
    top = top_part(advice)
    assert [m for m in expected if m not in top] == [], f"{level}: top third is {top}"


def test_a_guideline_placement_off_the_methods_own_levels_counts_and_is_explained():
    cases = [(m, e) for m in catalogue()["methods"] for e in m["guidelines"] if e["level"] and e["level"] not in m["levels"]]
    if not cases:
        pytest.skip("no guideline places a method off its own levels")
    for method, entry in cases:
        advice = chooser().advise({"level": entry["level"]})
        row = next(r for r in advice["ranked"] if r["id"] == method["id"])
        short = guideline(entry["guideline"]).get("short_name") or guideline(entry["guideline"])["organisation"]
        assert any(short in reason and "placerar metoden" in reason for reason in row["reasons"]), row["reasons"]
        assert method["id"] in top_part(advice)


# -- reasons and caveats -----------------------------------------------------------------------


def test_reasons_name_each_criterion_in_swedish():
    levels = {lv["id"]: lv for lv in catalogue()["ladder"]["levels"]}
    purposes = vocab("purposes")
    groups = vocab("target-groups")
    costs = vocab("cost-levels")
    method = methods()["fokusgrupp"]
    level = method["levels"][0]
    purpose = method["purposes"][0]
    group = next(g for g in method["target_groups"] if g in groups)
    budget = method["cost"]["level"]
    advice = chooser().advise({"level": level, "purposes": [purpose], "target_groups": [group], "budget": budget})
    row = next(r for r in advice["ranked"] if r["id"] == method["id"])
    reasons = row["reasons"]
    assert f"Passar nivån {levels[level]['name'].lower()} på delaktighetstrappan" in reasons
    assert f"Passar syftet: {purposes[purpose]['name']}" in reasons
    assert f"Når {groups[group]['name'].lower()}" in reasons
    assert f"Ryms i budgeten ({costs[budget]['name'].lower()} kostnad)" in reasons


def test_outreach_method_is_explained_for_groups_that_seldom_take_part():
    low = [g for g, item in vocab("target-groups").items() if item.get("low_activity")]
    for method in catalogue()["methods"]:
        if not method["outreach"]:
            continue
        group = next((g for g in low if g not in method["target_groups"] and not set(load_weights()["target_groups"]["related_groups"].get(g, [])) & set(method["target_groups"])), None)
        if group is None:
            continue
        row = next(r for r in chooser().advise({"target_groups": [group]})["ranked"] if r["id"] == method["id"])
        assert any(r.startswith("Söker upp människor där de finns") for r in row["reasons"])
        return
    pytest.skip("no outreach method without a listed low-activity group")


def test_interpreter_caveat_when_target_groups_call_for_it():
    method = next(m for m in catalogue()["methods"] if any(a["aspect"] == "tolkning" for a in m["accessibility"]))
    tip = next(a["tip"] for a in method["accessibility"] if a["aspect"] == "tolkning")
    row = next(r for r in chooser().advise({"target_groups": ["utlandsfodda"]})["ranked"] if r["id"] == method["id"])
    assert any(c.startswith("Kräver tolk för att nå utlandsfödda") and tip in c for c in row["caveats"])
    row = next(r for r in chooser().advise({"target_groups": ["aldre"]})["ranked"] if r["id"] == method["id"])
    assert not any("tolk" in c for c in row["caveats"])


def test_larger_group_than_the_method_handles_is_a_caveat_and_lowers_the_score():
    method = next(m for m in catalogue()["methods"] if m["participants"]["max"] and not m["participants"].get("repeatable")
                  and m["participants"]["max"] >= 4 * m["participants"]["min"])
    top = method["participants"]["max"]
    row_inside = next(r for r in chooser().advise({"participants": top})["ranked"] if r["id"] == method["id"])
    row_above = next(r for r in chooser().advise({"participants": top * 2})["ranked"] if r["id"] == method["id"])
    assert f"Större grupp än metoden brukar klara (högst {number(top)})" in row_above["caveats"]
    assert row_above["score"] < row_inside["score"]


def test_a_repeatable_method_is_never_excluded_by_the_total_and_says_how_many_sessions():
    for method in catalogue()["methods"]:
        part = method["participants"]
        if not part.get("repeatable") or not part["max"] or part.get("max_sessions"):
            continue
        total = part["max"] * 40 + 1
        advice = chooser().advise({"participants": total})
        assert method["id"] not in {e["id"] for e in advice["excluded"]}
        row = next(r for r in advice["ranked"] if r["id"] == method["id"])
        assert row["sessions"] == math.ceil(total / part["max"])
        assert row["sessions_text"].startswith(f"ca {number(row['sessions'])} tillfällen à ")
        fewer = next(r for r in chooser().advise({"participants": part["max"] * 2})["ranked"] if r["id"] == method["id"])
        assert fewer["fit"]["participants"] > row["fit"]["participants"]


def test_max_sessions_limits_a_repeatable_method():
    for method in catalogue()["methods"]:
        part = method["participants"]
        if part.get("repeatable") and part["max"] and part.get("max_sessions"):
            capacity = part["max"] * part["max_sessions"]
            far = capacity * load_weights()["participants"]["hard_factor"] + 1
            excluded = {e["id"]: e["reason"] for e in chooser().advise({"participants": far})["excluded"]}
            assert excluded[method["id"]].startswith(f"räcker till högst {number(capacity)} deltagare")
            return
    pytest.skip("no repeatable method with max_sessions in the data")


def test_wrong_purpose_lowers_the_score_and_says_so():
    method = methods()["fokusgrupp"]
    other = next(p for p in vocab("purposes") if p not in method["purposes"])
    good = next(r for r in chooser().advise({"purposes": [method["purposes"][0]]})["ranked"] if r["id"] == method["id"])
    bad = next(r for r in chooser().advise({"purposes": [other]})["ranked"] if r["id"] == method["id"])
    assert bad["score"] < good["score"]
    assert any(c.startswith("Passar inte syftet") for c in bad["caveats"])


# -- hard limits ---------------------------------------------------------------------------


def test_time_limit_excludes_with_the_numbers():
    weeks = 6
    advice = chooser().advise({"weeks": weeks})
    excluded = {e["id"]: e for e in advice["excluded"]}
    for method in catalogue()["methods"]:
        # A standing structure the reader does not have adds its setup time to the shortest time.
        shortest = method["lead_time"]["min_weeks"] + method.get("standing_structure", {}).get("setup_weeks", 0)
        slow = shortest > weeks
        assert (method["id"] in excluded) == slow, method["id"]
        if slow:
            assert any(r.startswith(f"tar minst {number(shortest)} veckor") and f"ni har {weeks} veckor" in r for r in excluded[method["id"]]["reasons"])


def test_budget_limit_excludes_methods_that_cost_more():
    ranks = {c: item["rank"] for c, item in vocab("cost-levels").items()}
    for budget, rank in ranks.items():
        advice = chooser().advise({"budget": budget})
        excluded = {e["id"] for e in advice["excluded"]}
        assert excluded == {m["id"] for m in catalogue()["methods"] if ranks[m["cost"]["level"]] > rank}
        for entry in advice["excluded"]:
            assert "kostar mer" in entry["reason"]


@pytest.mark.parametrize("wanted, other", [("fysiskt", "digitalt"), ("digitalt", "fysiskt")])
def test_format_limit_excludes_methods_only_in_the_other_form(wanted, other):
    advice = chooser().advise({"format": wanted})
    excluded = {e["id"] for e in advice["excluded"]}
    any_form = {f["id"] for f in vocab("formats").values() if f.get("fits_any_format")}
    assert excluded == {m["id"] for m in catalogue()["methods"] if wanted not in m["formats"] and "hybrid" not in m["formats"] and not any_form & set(m["formats"])}
    assert all(f"finns bara {other}" in e["reason"] for e in advice["excluded"])


def test_hybrid_is_a_wish_not_a_limit():
    advice = chooser().advise({"format": "hybrid"})
    assert advice["excluded"] == []
    scores = {r["id"]: r["score"] for r in advice["ranked"]}
    hybrid = [m["id"] for m in catalogue()["methods"] if "hybrid" in m["formats"]]
    one_form = [m["id"] for m in catalogue()["methods"] if len(m["formats"]) == 1 and m["formats"][0] in ("fysiskt", "digitalt")]
    assert min(scores[i] for i in hybrid) > max(scores[i] for i in one_form)


def test_participants_far_outside_the_range_exclude():
    factor = load_weights()["participants"]["hard_factor"]
    method = next(m for m in catalogue()["methods"] if m["participants"]["max"] and not m["participants"].get("repeatable"))
    top = method["participants"]["max"]
    many = top * factor + 1
    excluded = {e["id"]: e for e in chooser().advise({"participants": many})["excluded"]}
    assert f"klarar högst {number(top)} deltagare, ni väntar {number(many)}" in excluded[method["id"]]["reasons"]
    assert method["id"] not in {e["id"] for e in chooser().advise({"participants": top * factor})["excluded"]}
    big = max(catalogue()["methods"], key=lambda m: m["participants"]["min"])
    few = big["participants"]["min"] // factor - 1
    if few >= 1:
        excluded = {e["id"]: e for e in chooser().advise({"participants": few})["excluded"]}
        assert f"behöver minst {number(big['participants']['min'])} deltagare, ni väntar {few}" in excluded[big["id"]]["reasons"]


# -- combination ---------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["konsultation", "dialog", "inflytande", "medbeslutande"])
def test_information_comes_first_above_the_information_level(level):
    steps = chooser().advise({"level": level})["combination"]
    assert steps[0]["role"] == "information"
    assert "information" in methods()[steps[0]["id"]]["levels"]
    main = next(s for s in steps if s["role"] == "main")
    assert methods()[main["id"]]["levels"] != ["information"]
    assert [s["step"] for s in steps] == list(range(1, len(steps) + 1))
    assert all(s["why"] for s in steps)


def test_no_information_step_on_the_information_level():
    steps = chooser().advise({"level": "information"})["combination"]
    assert [s["role"] for s in steps] == ["main"]


def test_information_step_cites_the_organisations_rule():
    rule = next(r for r in guideline("krokom")["facts"]["rules"]["items"] if r["kind"] == "information-first")
    step = chooser().advise({"level": "dialog", "organisation": "krokom"})["combination"][0]
    assert {"guideline": "krokom", "section": rule["section"], "text": rule["text"]} in step["sources"]
    assert rule["text"] in step["why"]


@pytest.mark.parametrize("group", ["berorda-lagaktiva", "utlandsfodda", "ungdomar"])
def test_groups_that_seldom_take_part_get_an_outreach_step(group):
    advice = chooser().advise({"level": "dialog", "target_groups": [group]})
    steps = advice["combination"]
    assert any(methods()[s["id"]]["outreach"] for s in steps if s["role"] in ("outreach", "main"))
    ids = [s["id"] for s in steps]
    assert len(ids) == len(set(ids))


def test_no_outreach_step_without_low_activity_groups():
    steps = chooser().advise({"level": "dialog", "target_groups": ["foretagare"]})["combination"]
    assert "outreach" not in [s["role"] for s in steps]


def test_combination_only_uses_ranked_methods():
    advice = chooser().advise({"level": "dialog", "target_groups": ["utlandsfodda"], "weeks": 4, "budget": "lag", "format": "fysiskt"})
    ranked = set(ranked_ids(advice))
    assert {s["id"] for s in advice["combination"]} <= ranked


# -- requirements --------------------------------------------------------------------------


@pytest.mark.parametrize("gid", ["alingsas", "krokom", "region-varmland", "solna", "uppsala"])
def test_requirements_come_from_the_guideline_data(gid):
    g = guideline(gid)
    facts = g["facts"]
    sections = {s["id"] for s in g["sections"]}
    requirements = chooser().advise({"level": "dialog", "organisation": gid})["requirements"]
    assert requirements
    assert all(r["guideline"] == gid and r["section"] in sections for r in requirements)
    texts = " ".join(r["text"] for r in requirements)
    for rule in facts.get("rules", {}).get("items", []):
        if not rule.get("method") and rule["kind"] != "question-time":
            assert rule["text"] in texts
    if "decision" in facts:
        decision = next(r for r in requirements if r["kind"] == "decision")
        assert decision["decided_by"] == facts["decision"]["decided_by"]
    for kind in ("feedback", "evaluation"):
        if kind in facts:
            assert facts[kind]["summary"] in texts
    if facts.get("plan", {}).get("items"):
        plan = next(r for r in requirements if r["kind"] == "plan")
        assert plan["items"] == facts["plan"]["items"]


def test_level_not_counted_as_medborgardialog_is_said():
    for g in catalogue()["guidelines"]:
        counted = g["facts"].get("levels", {}).get("counted")
        if not counted:
            continue
        for level in [lv["id"] for lv in catalogue()["ladder"]["levels"]]:
            reqs = chooser().advise({"level": level, "organisation": g["id"]})["requirements"]
            item = next(r for r in reqs if r["kind"] == "levels")
            assert item["counted"] == (level in counted)
            assert ("räknas inte som medborgardialog" in item["text"]) == (level not in counted)


def test_no_requirements_without_an_organisation():
    assert chooser().advise({"level": "dialog"})["requirements"] == []


def test_group_size_rule_of_the_organisation_applies_to_its_method():
    for g in catalogue()["guidelines"]:
        for rule in g["facts"].get("rules", {}).get("items", []):
            if rule["kind"] != "group-size" or "method" not in rule:
                continue
            n = int(rule["max"]) * 3
            row = next(r for r in chooser().advise({"participants": n, "organisation": g["id"]})["ranked"] if r["id"] == rule["method"])
            assert any(rule["text"] in c for c in row["caveats"])
            assert row["sessions"] == 3 and f"à {int(rule['min'])}–{int(rule['max'])} deltagare" in row["sessions_text"]


def test_a_method_rule_is_shown_only_when_the_method_is_proposed():
    """Krokom's focus-group size appears when a focus group is in the advice, not otherwise."""
    for g in catalogue()["guidelines"]:
        for rule in g["facts"].get("rules", {}).get("items", []):
            if not rule.get("method"):
                continue
            method = methods()[rule["method"]]
            counted = g["facts"].get("levels", {}).get("counted") or [method["levels"][0]]
            level = next((lv for lv in method["levels"] if lv in counted), counted[0])
            proposing = {"level": level, "purposes": method["purposes"][:1], "target_groups": method["target_groups"][:1], "organisation": g["id"]}
            advice = chooser().advise(proposing)
            proposed = {s["id"] for s in advice["combination"]} | {r["id"] for r in advice["ranked"][:3]}
            shown = any(r.get("rule") == rule["kind"] and r["text"] == rule["text"] for r in advice["requirements"])
            assert shown == (rule["method"] in proposed)
            other = next(p for p in vocab("purposes") if p not in method["purposes"] and p != "informera")
            advice = chooser().advise({"level": level, "purposes": [other], "organisation": g["id"]})
            proposed = {s["id"] for s in advice["combination"]} | {r["id"] for r in advice["ranked"][:3]}
            assert rule["method"] not in proposed
            assert not any(r.get("rule") == rule["kind"] and r["text"] == rule["text"] for r in advice["requirements"])


def test_no_requirements_when_it_is_not_a_medborgardialog():
    for g in catalogue()["guidelines"]:
        assert chooser().advise({"influenceable": False, "level": "dialog", "organisation": g["id"]})["requirements"] == []


def test_a_level_the_organisation_does_not_count_gives_a_notice_and_only_the_level_verdict():
    for g in catalogue()["guidelines"]:
        counted = g["facts"].get("levels", {}).get("counted")
        if not counted:
            continue
        for level in [lv["id"] for lv in catalogue()["ladder"]["levels"] if lv["id"] not in counted]:
            advice = chooser().advise({"level": level, "organisation": g["id"]})
            notice = next(n for n in advice["notice"] if n["kind"] == "level-not-counted")
            assert advice["notice"].index(notice) == 0 and notice["guideline"] == g["id"]
            assert [r["kind"] for r in advice["requirements"]] == ["levels"]


# -- notices ---------------------------------------------------------------------------------


@pytest.mark.parametrize("inp", [{"influenceable": False}, {"needs_views": False}, {"influenceable": False, "level": "dialog"}])
def test_not_a_medborgardialog_points_to_information_methods(inp):
    advice = chooser().advise(inp)
    notice = next(n for n in advice["notice"] if n["kind"] == "not-medborgardialog")
    assert "inte en medborgardialog" in notice["text"]
    assert notice["methods"] and all("information" in methods()[i]["levels"] for i in notice["methods"])
    assert "information" in methods()[advice["ranked"][0]["id"]]["levels"]
    assert [s["role"] for s in advice["combination"]][0] == "main"


def test_improving_a_service_is_brukardialog():
    advice = chooser().advise({"purposes": ["forbattra-service"]})
    notice = next(n for n in advice["notice"] if n["kind"] == "brukardialog")
    assert "brukardialog" in notice["text"] and "inte medborgardialog" in notice["text"]


def test_statutory_planning_consultation_is_samrad_under_pbl():
    advice = chooser().advise({"purposes": ["lagstadgat-samrad"], "organisation": "solna"})
    notice = next(n for n in advice["notice"] if n["kind"] == "samrad")
    assert "samråd enligt plan- och bygglagen" in notice["text"]
    assert notice["section"] == guideline("solna")["facts"]["not_medborgardialog"]["section"]


def test_no_notice_for_an_ordinary_dialogue():
    assert chooser().advise({"level": "dialog", "purposes": ["fordjupa"]})["notice"] == []


# -- the plan: tests/test_plan.py -------------------------------------------------------------


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        [],
        "dialog",
        {"level": "trappsteg-7"},
        {"purposes": ["inget-sådant"]},
        {"purposes": "fordjupa"},
        {"target_groups": [1]},
        {"participants": -5},
        {"participants": 2.5},
        {"participants": True},
        {"weeks": -1},
        {"weeks": "sex"},
        {"weeks": float("nan")},
        {"budget": "gratis"},
        {"format": "brev"},
        {"organisation": "stockholm"},
        {"influenceable": "ja"},
        {"okand": 1},
    ],
)
def test_bad_input_raises_one_swedish_line(bad):
    with pytest.raises(ChooserInputError) as error:
        chooser().advise(bad)
    message = str(error.value)
    assert message and "\n" not in message
    assert any(word in message for word in ("ska", "Okänd", "Okänt", "får inte", "fann"))


# -- the model of issue 10: gates, tiers, sessions, structures, notices ------------------------


def variant(change) -> Chooser:
    """A Chooser on a copy of the catalogue changed by `change(catalogue)` (a fact the data may not have yet)."""
    import copy

    cat = copy.deepcopy(catalogue())
    change(cat)
    return Chooser(cat)


def method_in(cat: dict, mid: str) -> dict:
    return next(m for m in cat["methods"] if m["id"] == mid)


TIER_ORDER = {"good": 0, "partial": 1, "poor": 2}


def test_a_higher_score_never_gets_a_lower_tier_and_a_gate_caps_tier_and_score():
    advice = chooser().advise({"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["alla"]})
    free = sorted((e for e in advice["ranked"] if not e["gates"]), key=lambda e: -e["score"])
    assert {"good", "partial"} <= {e["tier"] for e in free}  # there are tiers to compare
    tiers = [TIER_ORDER[e["tier"]] for e in free]
    assert tiers == sorted(tiers)
    # A method that serves none of the purposes (or is another kind of dialogue) cannot pass,
    # and its number says so: below every passing method's.
    gated = [e for e in advice["ranked"] if {"purpose", "dialogue_type"} & set(e["gates"])]
    assert gated
    lowest_passing = min(e["score"] for e in advice["ranked"] if e["tier"] != "poor")
    assert all(e["tier"] == "poor" and e["score"] < lowest_passing for e in gated)


def test_the_tier_thresholds_in_weights_json_are_inclusive_lower_bounds():
    """weights.json's "tiers": score >= good passes well. Moving the threshold onto a method's
    score makes it good; one point above, it is partial again."""
    import copy

    inp = {"level": "dialog", "purposes": ["fordjupa"]}
    entry = next(e for e in chooser().advise(inp)["ranked"] if not e["gates"] and e["tier"] == "partial")
    for good, expected in ((entry["score"], "good"), (entry["score"] + 1, "partial")):
        weights = copy.deepcopy(load_weights())
        weights["tiers"]["good"] = good
        again = next(e for e in Chooser(catalogue(), weights).advise(inp)["ranked"] if e["id"] == entry["id"])
        assert (again["score"], again["tier"]) == (entry["score"], expected)


def test_a_method_serving_none_of_the_purposes_cannot_pass_nor_be_main():
    purpose = "trygghet"
    advice = chooser().advise({"level": "dialog", "purposes": [purpose]})
    serving = {m["id"] for m in catalogue()["methods"] if purpose in m["purposes"]}
    for entry in advice["ranked"]:
        if entry["id"] not in serving:
            assert entry["tier"] == "poor" and "purpose" in entry["gates"]
    main = next(s for s in advice["combination"] if s["role"] == "main")
    assert main["id"] in serving


def test_another_dialogue_type_is_offered_only_when_a_purpose_calls_for_it():
    types = load_weights()["dialogue_type"]["purpose_types"]
    for method in catalogue()["methods"]:
        dtype = method.get("dialogue_type", "medborgardialog")
        if dtype == "medborgardialog":
            continue
        calling = [p for p, ts in types.items() if dtype in ts]
        plain = next(p for p in method["purposes"] if p not in calling) if set(method["purposes"]) - set(calling) else None
        if plain:
            row = next(r for r in chooser().advise({"purposes": [plain]})["ranked"] if r["id"] == method["id"])
            assert row["tier"] == "poor" and "dialogue_type" in row["gates"]
            assert any("inte som medborgardialog" in c for c in row["caveats"])
            if calling:  # says what to choose if the question really is such a case
                assert any(vocab("purposes")[calling[0]]["name"] in c for c in row["caveats"])
        if calling:
            row = next(r for r in chooser().advise({"purposes": calling[:1]})["ranked"] if r["id"] == method["id"])
            assert "dialogue_type" not in row["gates"]


def test_a_channel_is_never_the_main_method_of_a_dialogue_but_is_chosen_to_inform():
    channels = {m["id"] for m in catalogue()["methods"] if m["kind"] == "kanal"}
    assert channels
    for purpose in set(vocab("purposes")) - set(load_weights()["combination"]["information_purposes"]):
        advice = chooser().advise({"level": "dialog", "purposes": [purpose]})
        main = [s["id"] for s in advice["combination"] if s["role"] == "main"]
        assert not set(main) & channels, purpose
    steps = chooser().advise({"purposes": ["informera"], "target_groups": ["ungdomar"]})["combination"]
    assert steps and all(methods()[s["id"]]["kind"] == "kanal" or methods()[s["id"]]["levels"][0] == "information" for s in steps)


def test_information_step_reaches_the_chosen_groups():
    group = "aldre"
    steps = chooser().advise({"level": "dialog", "purposes": ["fordjupa"], "target_groups": [group]})["combination"]
    info = next(s for s in steps if s["role"] == "information")
    reaching = [m for m in catalogue()["methods"] if (m["kind"] == "kanal" or m["levels"][0] == "information") and group in m["target_groups"]]
    if reaching:
        assert group in methods()[info["id"]]["target_groups"]


def test_outreach_is_added_beside_the_main_method_never_instead():
    for level in ("konsultation", "dialog", "inflytande"):
        without = chooser().advise({"level": level, "purposes": ["utveckla-ideer"], "target_groups": ["foretagare"]})
        with_low = chooser().advise({"level": level, "purposes": ["utveckla-ideer"], "target_groups": ["foretagare", "utlandsfodda"]})
        roles = [s["role"] for s in with_low["combination"]]
        assert "main" in roles
        main = next(s["id"] for s in with_low["combination"] if s["role"] == "main")
        if "outreach" in roles:
            assert roles.index("outreach") > roles.index("main")
            assert main != next(s["id"] for s in with_low["combination"] if s["role"] == "outreach")
        assert any(s["role"] == "main" for s in without["combination"])


def test_combines_with_claims_come_from_the_data():
    for level in ("konsultation", "dialog", "inflytande"):
        for group in ("utlandsfodda", "aldre", "ungdomar"):
            steps = chooser().advise({"level": level, "target_groups": [group]})["combination"]
            main = next((s for s in steps if s["role"] == "main"), None)
            for step in steps:
                if "brukar kombineras med" in step["why"]:
                    a, b = methods()[step["id"]], methods()[main["id"]]
                    assert b["id"] in a["combines_with"] or a["id"] in b["combines_with"]


def test_a_standing_structure_adds_its_setup_time_unless_the_reader_has_it():
    def add(cat):
        method_in(cat, "medborgarpanel")["standing_structure"] = {"what": "en medborgarpanel", "setup_weeks": 16,
                                                                 "text": "Att bygga upp en panel tar månader.", "source": "dialogguiden"}
    ch = variant(add)
    panel = methods()["medborgarpanel"]
    weeks = panel["lead_time"]["min_weeks"] + 1
    excluded = {e["id"]: e["reason"] for e in ch.advise({"weeks": weeks})["excluded"]}
    assert "medborgarpanel" in excluded and "varav 16 veckor för att bygga upp en medborgarpanel" in excluded["medborgarpanel"]
    advice = ch.advise({"weeks": weeks, "existing": ["medborgarpanel"]})
    row = next(r for r in advice["ranked"] if r["id"] == "medborgarpanel")
    assert "Ni har redan en medborgarpanel" in row["reasons"]
    row = next(r for r in ch.advise({})["ranked"] if r["id"] == "medborgarpanel")
    assert any(c.startswith("Kräver en medborgarpanel") and "16 veckor att bygga upp" in c for c in row["caveats"])
    with pytest.raises(ChooserInputError, match="Okänd metod med stående struktur"):
        ch.advise({"existing": ["enkat"]})
    assert ch.standing_ids == sorted(m["id"] for m in catalogue()["methods"] if "standing_structure" in m or m["id"] == "medborgarpanel")


def test_a_format_that_fits_any_form_is_never_excluded_by_the_form():
    def media(cat):
        method_in(cat, "lokalradio")["formats"] = ["medier"]
    ch = variant(media)
    assert "medier" in ch.any_formats and "medier" not in ch.formats
    for fmt in ("fysiskt", "digitalt", "hybrid"):
        assert "lokalradio" not in {e["id"] for e in ch.advise({"format": fmt})["excluded"]}
    with pytest.raises(ChooserInputError):
        ch.advise({"format": "medier"})


def test_an_alias_of_a_target_group_is_read_as_the_group():
    def alias(cat):
        item = next(g for g in cat["vocabularies"]["target-groups"]["items"] if g["id"] == "aldre")
        item["aliases"] = [{"id": "seniorer", "name": "Seniorer"}]
    ch = variant(alias)
    assert ch.validate_input({"target_groups": ["seniorer", "aldre"]})["target_groups"] == ["aldre"]


def test_none_good_notice_names_the_limit_and_the_methods_it_brings_back():
    advice = chooser().advise({"level": "inflytande", "purposes": ["ge-rekommendation"], "weeks": 3, "budget": "lag"})
    assert advice["counts"]["good"] == 0
    notice = next(n for n in advice["notice"] if n["kind"] == "none-good")
    assert notice["methods"]
    relaxed = chooser().advise({"level": "inflytande", "purposes": ["ge-rekommendation"]})
    good = {r["id"] for r in relaxed["ranked"] if r["tier"] == "good"}
    assert set(notice["methods"]) <= good
    assert "mer tid" in notice["text"] and "en större budget" in notice["text"]
    for mid in notice["methods"]:
        assert methods()[mid]["name"] in notice["text"]
    assert not any(n["kind"] == "none-good" for n in chooser().advise({"level": "dialog"})["notice"])
    assert not any(n["kind"] == "none-good" for n in chooser().advise({})["notice"])


@pytest.mark.parametrize("inp, kind, law", [
    ({"target_groups": ["samer"]}, "sami-consultation", "Lag (2022:66)"),
    ({"target_groups": ["samer"]}, "national-minorities", "Lag (2009:724)"),
    ({"target_groups": ["barn"]}, "children", "Lag (2018:1197)"),
    ({"purposes": ["lagstadgat-samrad"]}, "samrad", "Plan- och bygglag (2010:900) 5 kap. 11 §"),
    ({"level": "medbeslutande", "purposes": ["vaga-alternativ"]}, "referendum", "Kommunallag (2017:725) 8 kap."),
])
def test_legal_duties_are_notices_with_their_source(inp, kind, law):
    notice = next(n for n in chooser().advise(inp)["notice"] if n["kind"] == kind)
    assert notice["source"].startswith(law) and notice["text"]


def test_legal_notices_do_not_appear_without_their_cause():
    kinds = {n["kind"] for n in chooser().advise({"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["aldre"]})["notice"]}
    assert not kinds & {"sami-consultation", "national-minorities", "children", "samrad", "referendum"}


def test_a_sami_administrative_area_in_the_guideline_text_brings_the_consultation_duty_for_place_questions():
    # Krokom's guideline names "samrådsgruppen för samiskt förvaltningsområde" (section
    # "delegering"); no other guideline names an administrative area.
    naming = {
        g["id"]: s["id"]
        for g in catalogue()["guidelines"]
        for s in g.get("sections", [])
        if "förvaltningsområde" in json.dumps(s.get("blocks", []), ensure_ascii=False)
    }
    assert naming == {"krokom": "delegering"}
    for g in catalogue()["guidelines"]:
        notices = chooser().advise({"purposes": ["fysisk-miljo"], "organisation": g["id"]})["notice"]
        sami = [n for n in notices if n["kind"] == "sami-consultation"]
        if g["id"] in naming:
            assert [(n["guideline"], n["section"]) for n in sami] == [(g["id"], naming[g["id"]])]
            assert sami[0]["text"].startswith(f"{g['short_name']}s riktlinje nämner samiskt förvaltningsområde.")
        else:
            assert sami == [], g["id"]
        # A question that is not about land, water or a place brings no such duty.
        assert not any(n["kind"] == "sami-consultation" for n in chooser().advise({"purposes": ["fordjupa"], "organisation": g["id"]})["notice"])


# -- language of the engine's sentences --------------------------------------------------------


BAD_SWEDISH = ["Okänt målgrupp", "Okänd syfte", " 1 veckor", "medel kostnad", "en del som är", "(metoden: minst 1)", "influenceable ska"]


def engine_texts(advice: dict) -> list[str]:
    texts = [t for r in advice["ranked"] for t in r["reasons"] + r["caveats"] + [r.get("sessions_text", "")]]
    texts += [e["reason"] for e in advice["excluded"]] + [s["why"] for s in advice["combination"]]
    return texts + [n["text"] for n in advice["notice"]]


def test_the_engines_sentences_are_good_swedish():
    import re

    sys.path.insert(0, str(ROOT / "tests"))
    from scenarios.cases import CASES

    inputs = [c["input"] for c in CASES if "existing" not in c["input"]]
    inputs += [{"participants": 5000}, {"participants": 18000, "weeks": 1, "budget": "medel"}, {"format": "digitalt", "budget": "medel"}]
    for inp in inputs:
        for text in engine_texts(chooser().advise(inp)):
            for bad in BAD_SWEDISH:
                assert bad not in text, (bad, text)
            # four digits and more get a non-breaking space (18 000), except law numbers (2022:66) and years
            for match in re.finditer(r"(?<![\d:()/\u00a0])\d{4,}(?![\d:)])", text):
                assert 1900 <= int(match.group()) <= 2100, (match.group(), text)
    assert "18\u00a0000" in " ".join(engine_texts(chooser().advise({"participants": 18000})))


@pytest.mark.parametrize("bad, expected", [
    ({"target_groups": ["okand"]}, "Okänd målgrupp"),
    ({"purposes": ["okand"]}, "Okänt syfte"),
    ({"influenceable": "ja"}, "Går frågan att påverka?"),
])
def test_error_messages_are_swedish(bad, expected):
    with pytest.raises(ChooserInputError) as error:
        chooser().advise(bad)
    assert expected in str(error.value)
    assert not str(error.value).startswith(tuple(INPUT_KEYS))


def test_no_requirements_when_the_purpose_makes_it_a_dialogue_the_guideline_does_not_cover():
    types = load_weights()["dialogue_type"]["purpose_types"]
    for g in catalogue()["guidelines"]:
        outside = set(g["facts"].get("not_medborgardialog", {}).get("dialogue_types", []))
        for purpose, kinds in types.items():
            advice = chooser().advise({"level": "konsultation", "purposes": [purpose], "organisation": g["id"]})
            if outside & set(kinds):
                assert advice["requirements"] == [], (g["id"], purpose)
            else:
                assert advice["requirements"], (g["id"], purpose)
