"""The checks a scenario (cases.py) makes on one advice: a list of what is wrong, empty when it passes."""

from __future__ import annotations


def _kind(chooser, method_id: str) -> str:
    m = chooser.method_by_id.get(method_id)
    return m.data.get("kind", "metod") if m else "?"


def _is_information(chooser, method_id: str) -> bool:
    m = chooser.method_by_id.get(method_id)
    return bool(m) and (m.data.get("kind") == "kanal" or m.levels[:1] == ["information"])


def check(chooser, case: dict) -> list[str]:
    known = set(chooser.method_by_id)
    try:
        advice = chooser.advise(case["input"])
    except Exception as error:  # an input the engine does not accept yet is a failed case
        return [f"advise raised {type(error).__name__}: {error}"]
    ranked = [r["id"] for r in advice["ranked"]]
    excluded = {e["id"] for e in advice["excluded"]}
    top3, top5 = ranked[:3], ranked[:5]
    tiers = {r["id"]: r.get("tier") for r in advice["ranked"]}
    steps = advice["combination"]
    main = next((s["id"] for s in steps if s["role"] == "main"), None)
    notices = advice.get("notice", [])
    kinds = {n["kind"] for n in notices}
    texts = " ".join(n["text"] + " " + n.get("source", "") for n in notices)
    rules = {r.get("rule") for r in advice["requirements"] if r["kind"] == "rule"}
    wrong: list[str] = []

    for mid in case.get("top3", []):
        if mid not in top3:
            wrong.append(f"{mid} not in top 3 {top3}")
    none_good_names = {mid for n in notices if n["kind"] == "none-good" for mid in n.get("methods", [])}
    for group in case.get("top3_any", []):
        present = [m for m in group if m in known]
        if case.get("or_none_good") and set(present) & none_good_names:
            continue
        if present and not set(present) & set(top3):
            wrong.append(f"none of {present} in top 3 {top3}")
    for mid in case.get("not_top5", []):
        if mid in top5:
            wrong.append(f"{mid} in top 5 {top5}")
    for mid in case.get("not_excluded", []):
        if mid in excluded:
            reason = next(e["reason"] for e in advice["excluded"] if e["id"] == mid)
            wrong.append(f"{mid} excluded ({reason})")
    for mid in case.get("not_good", []):
        if tiers.get(mid) == "good":
            wrong.append(f"{mid} is in the tier 'good'")
    for mid, tier in case.get("tier", {}).items():
        if mid in known and tiers.get(mid) != tier:
            wrong.append(f"{mid} tier {tiers.get(mid)}, expected {tier}")
    if "main_any" in case and main not in case["main_any"]:
        wrong.append(f"main method {main} not one of {case['main_any']}")
    if main in case.get("main_not", []):
        wrong.append(f"main method is {main}")
    if "main_kind" in case and (main is None or _kind(chooser, main) != case["main_kind"]):
        wrong.append(f"main method {main} is not a {case['main_kind']}")
    if case.get("info_only") and not all(_is_information(chooser, s["id"]) for s in steps):
        wrong.append(f"combination has non-information steps {[s['id'] for s in steps]}")
    if "info_step_any" in case:
        info = next((s["id"] for s in steps if s["role"] == "information"), None)
        if info not in case["info_step_any"]:
            wrong.append(f"information step {info} not one of {case['info_step_any']}")
    if case.get("outreach"):
        outreach = any(s["role"] == "outreach" for s in steps) or (main and chooser.method_by_id[main].outreach)
        if not outreach or main is None:
            wrong.append(f"no outreach in the combination {[(s['role'], s['id']) for s in steps]}")
    for kind in case.get("notices", []):
        if kind not in kinds:
            wrong.append(f"no notice {kind} (have {sorted(kinds)})")
    for kind in case.get("no_notices", []):
        if kind in kinds:
            wrong.append(f"unexpected notice {kind}")
    for text in case.get("notice_text", []):
        if text not in texts:
            wrong.append(f"no notice says {text!r}")
    for rule in case.get("rules", []):
        if rule not in rules:
            wrong.append(f"requirement {rule} not shown (have {sorted(r for r in rules if r)})")
    for rule in case.get("no_rules", []):
        if rule in rules:
            wrong.append(f"requirement {rule} shown although it does not apply")
    for mid, least in case.get("sessions", {}).items():
        entry = next((r for r in advice["ranked"] if r["id"] == mid), None)
        if entry is None or (entry.get("sessions") or 0) < least or not entry.get("sessions_text"):
            wrong.append(f"{mid}: sessions {entry and entry.get('sessions')}, expected at least {least} with a text")
    for first, second in case.get("before", []):
        if first in ranked and second in ranked and ranked.index(first) > ranked.index(second):
            wrong.append(f"{second} ranks above {first}")
    if case.get("none_good"):
        counts = advice.get("counts", {})
        if counts.get("good", None) != 0:
            wrong.append(f"counts {counts}: expected no method in 'good'")
        if "none-good" not in kinds:
            wrong.append("no notice that nothing fits well")
    return wrong
