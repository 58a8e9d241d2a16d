"""The draft handlingsplan: Markdown with the headings of Region Värmland's list, prefilled
from the input and the advice, with blanks marked [Fyll i: …] for the user.

The headings and their source live in weights.json (key "plan"), not here. Standard library
only; `render_plan` takes the Chooser (for names) and the advice being built.
"""

from __future__ import annotations

from typing import Any


def _lc(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _num(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " samt " if any(" och " in item for item in items) else " och "
    return ", ".join(items[:-1]) + word + items[-1]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_plan(ch: Any, inp: dict, advice: dict) -> str:
    """The plan as Markdown. Every heading in weights.json gets a section, in order."""
    spec = ch.weights["plan"]
    blank_template = spec["blank"]

    def blank(what: str) -> str:
        return blank_template.format(what=what)

    org = inp["organisation"]
    facts = ch.guidelines[org].get("facts", {}) if org else {}
    short = ch._short(org) if org else ""
    combination = advice["combination"]
    main = next((s for s in combination if s["role"] == "main"), None)
    main_method = ch.method_by_id[main["id"]].data if main else None
    main_entry = next((r for r in advice["ranked"] if main and r["id"] == main["id"]), None)
    not_md = not inp["influenceable"] or not inp["needs_views"]

    sections: dict[str, list[str]] = {}

    # Syfte
    lines = [f"- Frågan som dialogen gäller: {blank('frågan, med egna ord')}"]
    if inp["purposes"]:
        lines.append("- Syfte: " + "; ".join(ch.purposes[p]["name"] for p in inp["purposes"]))
    else:
        lines.append(f"- Syfte: {blank('vad dialogen ska åstadkomma')}")
    lines.append(f"- Går frågan att påverka? {'Ja' if inp['influenceable'] else 'Nej'}")
    lines.append(f"- Behöver de förtroendevalda veta invånarnas värderingar och prioriteringar? {'Ja' if inp['needs_views'] else 'Nej'}")
    level = "information" if not_md else inp["level"]
    if level:
        lv = ch.level_by_id[level]
        lines.append(f"- Grad av inflytande: {lv['name']} ({_lc(lv['citizens_get'])}). Löftet till deltagarna: ”{lv['promise']}”")
    else:
        lines.append(f"- Grad av inflytande: {blank('nivå på delaktighetstrappan och löftet till deltagarna')}")
    lines.append(f"- Det som redan är bestämt och inte går att påverka: {blank('ramarna')}")
    for note in advice["notice"]:
        lines.append(f"- Obs: {note['text']}")
    sections["syfte"] = lines

    # Målgrupp och deltagare
    lines = []
    if inp["target_groups"]:
        lines.append("- Målgrupper: " + _join([_lc(ch.groups[g]["name"]) for g in inp["target_groups"]]))
        low = [_lc(ch.groups[g]["name"]) for g in inp["target_groups"] if g in ch.low_activity]
        if low:
            lines.append(f"- Grupper som sällan deltar och behöver sökas upp: {_join(low)}")
    else:
        lines.append(f"- Målgrupper: {blank('vilka som berörs, efter en målgruppsanalys')}")
    if inp["participants"] is not None:
        lines.append(f"- Förväntat antal deltagare: {_num(inp['participants'])}")
    else:
        lines.append(f"- Förväntat antal deltagare: {blank('antal')}")
    lines.append(f"- Hur deltagarna bjuds in eller väljs ut: {blank('inbjudan, urval')}")
    if "target_group_analysis" in facts:
        lines.append(f"- {short} om målgruppsanalys: {facts['target_group_analysis']['summary']}")
    sections["malgrupp"] = lines

    # Metod
    lines = []
    role_names = {"information": "information först", "main": "huvudmetod", "outreach": "når dem som sällan deltar"}
    for step in combination:
        lines.append(f"{step['step']}. **{step['name']}** ({role_names.get(step['role'], step['role'])}): {step['why']}")
    if not lines:
        lines.append(f"- {blank('metod; ingen metod i katalogen klarar era gränser')}")
    sections["metod"] = lines

    # Tidsplan
    lines = []
    if inp["weeks"] is not None:
        lines.append(f"- Resultatet behövs inom: {_num(inp['weeks'])} veckor")
    else:
        lines.append(f"- Resultatet behövs inom: {blank('datum')}")
    if main_method:
        lines.append(f"- {main_method['name']} tar: {main_method['lead_time']['text']}")
    lines += [
        f"- Beslut om dialogen: {blank('datum')}",
        f"- Genomförande: {blank('datum')}",
        f"- Beslut i frågan: {blank('datum')}",
        f"- Återkoppling till deltagarna: {blank('datum')}",
    ]
    sections["tidsplan"] = lines

    # Aktiviteter
    rows = [("Beslut om dialogen", "")]
    rows += [(f"Genomföra: {step['name']}", step["name"]) for step in combination]
    rows += [("Sammanställa resultatet", ""), ("Återkoppla till deltagarna", ""), ("Utvärdera", "")]
    lines = ["| Aktivitet | När | Ansvarig |", "| --- | --- | --- |"]
    lines += [f"| {_cell(activity)} | {blank('när')} | {blank('vem')} |" for activity, _ in rows]
    sections["aktiviteter"] = lines

    # Ansvar och roller
    lines = []
    steps = facts.get("process", {}).get("steps", [])
    if steps:
        lines.append(f"Arbetsgången hos {short}:")
        lines.append("")
        for step in steps:
            who = _join([_lc(ch.roles[r]["name"]) if r in ch.roles else r for r in step["roles"]])
            lines.append(f"- {step['name']}: {who}")
        lines += ["", "Att fylla i:", ""]
    lines += [
        f"- Politiskt ansvarig: {blank('namn')}",
        f"- Ansvarig tjänsteperson: {blank('namn')}",
        f"- Funktioner i förvaltningen som bidrar: {blank('till exempel kommunikation, planering')}",
        f"- Utbildningsinsatser inför dialogerna: {blank('vilka och för vem')}",
    ]
    if main_method:
        lines.append(f"- {main_method['name']} behöver: {main_method['staff']}")
    sections["ansvar"] = lines

    # Återkoppling och utvärdering
    lines = []
    if "feedback" in facts:
        lines.append(f"- {short} om återkoppling: {facts['feedback']['summary']}")
    lines.append(f"- Hur och när deltagarna får återkoppling: {blank('sätt och tidpunkter')}")
    if "evaluation" in facts:
        lines.append(f"- {short} om utvärdering: {facts['evaluation']['summary']}")
    lines.append(f"- Hur dialogen utvärderas: {blank('deltagarnas upplevelse och det interna arbetet')}")
    sections["aterkoppling"] = lines

    # Dokumentation
    sections["dokumentation"] = [
        f"- Hur dialogen dokumenteras: {blank('anteckningar, foton, sammanställning')}",
        f"- Hur resultaten tas till vara och sprids: {blank('beslutsunderlag, webbplats')}",
    ]

    # Risker
    lines = []
    if main_entry:
        lines += [f"- {c}" for c in main_entry["caveats"]]
    if main_method:
        lines += [f"- {w}" for w in main_method["weaknesses"]]
    lines.append(f"- {blank('fler risker och hur de hanteras')}")
    sections["risker"] = lines

    # Kostnader
    lines = []
    if inp["budget"]:
        lines.append(f"- Budget: {_lc(ch.costs[inp['budget']]['name'])} kostnadsnivå")
    for step in combination:
        m = ch.method_by_id[step["id"]].data
        lines.append(f"- {m['name']}: {_lc(ch.costs[m['cost']['level']]['name'])} kostnad. {m['cost']['text']}")
    lines.append(f"- Beräknad kostnad: {blank('belopp i kronor')}")
    sections["kostnader"] = lines

    title = "Handlingsplan för medborgardialog (utkast)" if not not_md else "Plan (utkast)"
    out = [
        f"# {title}",
        "",
        f"Utkast från metodväljaren. Rubrikerna följer {spec['source']['text']}. "
        f"Fyll i det som står inom {blank('…')}.",
    ]
    for number, heading in enumerate(spec["headings"], 1):
        out += ["", f"## {number}. {heading['heading']}", ""]
        out += sections.get(heading["id"], [f"- {blank(_lc(heading['heading']))}"])
    plan_fact = facts.get("plan")
    if plan_fact:
        out += ["", f"## Vad {short} kräver att planen innehåller", "", plan_fact["summary"]]
        if plan_fact.get("items"):
            out.append("")
            out += [f"- [ ] {item}" for item in plan_fact["items"]]
    return "\n".join(out) + "\n"
