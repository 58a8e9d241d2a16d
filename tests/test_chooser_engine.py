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
from chooser.engine import INPUT_KEYS, name_key  # noqa: E402


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
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


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


def test_weights_are_read_from_the_file_beside_the_code():
    on_disk = json.loads((ROOT / "chooser" / "weights.json").read_text(encoding="utf-8"))
    assert load_weights() == on_disk
    assert sum(c["weight"] for c in on_disk["criteria"]) > 0
    assert {c["input"] for c in on_disk["criteria"]} <= set(INPUT_KEYS)


# -- output shape ------------------------------------------------------------------------------


def test_advice_has_every_output_key_and_is_json():
    advice = chooser().advise({"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["ungdomar"], "participants": 30, "weeks": 10, "budget": "medel", "format": "fysiskt", "organisation": "krokom"})
    assert set(advice) == {"input", "ranked", "excluded", "combination", "requirements", "notice", "plan"}
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
    }
    advice = chooser().advise({})
    assert advice["excluded"] == []
    assert len(advice["ranked"]) == len(methods())
    assert advice["notice"] == [] and advice["requirements"] == []


def test_ranking_is_sorted_by_score_then_name():
    for inp in ({}, {"level": "konsultation"}, {"purposes": ["samla-synpunkter"], "weeks": 8}):
        ranked = chooser().advise(inp)["ranked"]
        keys = [(-r["score"], name_key(r["name"])) for r in ranked]
        assert keys == sorted(keys)


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
    expected = methods_named("krokom", level)
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
    method = next(m for m in catalogue()["methods"] if m["participants"]["max"] and m["participants"]["max"] >= 4 * m["participants"]["min"])
    top = method["participants"]["max"]
    inside = chooser().advise({"participants": top})
    above = chooser().advise({"participants": top * 2})
    row_inside = next(r for r in inside["ranked"] if r["id"] == method["id"])
    row_above = next(r for r in above["ranked"] if r["id"] == method["id"])
    assert f"Större grupp än metoden brukar klara (högst {top})" in row_above["caveats"]
    assert row_above["score"] < row_inside["score"]


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
        slow = method["lead_time"]["min_weeks"] > weeks
        assert (method["id"] in excluded) == slow
        if slow:
            assert f"tar minst {number(method['lead_time']['min_weeks'])} veckor, ni har {weeks} veckor" in excluded[method["id"]]["reasons"]


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
    assert excluded == {m["id"] for m in catalogue()["methods"] if wanted not in m["formats"] and "hybrid" not in m["formats"]}
    assert all(f"finns bara {other}" in e["reason"] for e in advice["excluded"])


def test_hybrid_is_a_wish_not_a_limit():
    advice = chooser().advise({"format": "hybrid"})
    assert advice["excluded"] == []
    scores = {r["id"]: r["score"] for r in advice["ranked"]}
    hybrid = [m["id"] for m in catalogue()["methods"] if "hybrid" in m["formats"]]
    one_form = [m["id"] for m in catalogue()["methods"] if len(m["formats"]) == 1 and "hybrid" not in m["formats"]]
    assert min(scores[i] for i in hybrid) > max(scores[i] for i in one_form)


def test_participants_far_outside_the_range_exclude():
    factor = load_weights()["participants"]["hard_factor"]
    method = next(m for m in catalogue()["methods"] if m["participants"]["max"])
    top = method["participants"]["max"]
    many = top * factor + 1
    excluded = {e["id"]: e for e in chooser().advise({"participants": many})["excluded"]}
    assert f"klarar högst {top} deltagare, ni väntar {many}" in excluded[method["id"]]["reasons"]
    assert method["id"] not in {e["id"] for e in chooser().advise({"participants": top * factor})["excluded"]}
    big = max(catalogue()["methods"], key=lambda m: m["participants"]["min"])
    few = big["participants"]["min"] // factor - 1
    if few >= 1:
        excluded = {e["id"]: e for e in chooser().advise({"participants": few})["excluded"]}
        assert f"behöver minst {big['participants']['min']} deltagare, ni väntar {few}" in excluded[big["id"]]["reasons"]


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
            n = int(rule["max"]) + 1
            row = next(r for r in chooser().advise({"participants": n, "organisation": g["id"]})["ranked"] if r["id"] == rule["method"])
            assert any(rule["text"] in c for c in row["caveats"])
            assert f"Större grupp än metoden brukar klara (högst {int(rule['max'])})" in row["caveats"]


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
