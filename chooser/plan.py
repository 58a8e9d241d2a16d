"""The draft plan as plain data (no Markdown): a title, an intro, whose headings they are, the
choices it was made from and sections of blocks and runs (see README.md, "The plan").

The headings follow the chosen guideline (chooser/plan_headings.py): Region Värmland's list
when it is chosen, Alingsås' when it is, our own set otherwise, always named in
`headings_source`. A guideline that asks for a kommunikationsplan (facts.communication_plan)
gets that section, with what it says the plan must contain; its rules end the plan as a
checklist with links to their sections. Blanks for the reader are runs with `blank: true`.
The date and the link back are added by the page, not here. Standard library only.
"""

from __future__ import annotations

from typing import Any

from . import plan_headings as spec
from .swedish import join as _join
from .swedish import lc as _lc
from .swedish import num as _num
from .swedish import weeks_text

Run = dict
Block = dict


# -- runs and blocks --------------------------------------------------------------------------


def _t(text: str) -> Run:
    return {"text": text}


def _b(text: str) -> Run:
    return {"text": text, "strong": True}


def _blank(what: str) -> Run:
    return {"text": spec.BLANK.format(what=what), "blank": True}


def _a(text: str, href: str) -> Run:
    return {"text": text, "href": href}


def _p(*runs: Run) -> Block:
    return {"type": "paragraph", "runs": list(runs)}


def _ul(items: list[list[Run]], ordered: bool = False) -> Block:
    return {"type": "list", "ordered": ordered, "items": items}


def _check(items: list[list[Run]]) -> Block:
    return {"type": "checklist", "items": items}


def _field(label: str, *value: Run) -> list[Run]:
    """One line of a list: a label in bold and its value (text or a blank)."""
    return [_b(label + (" " if label.endswith("?") else ": ")), *value]


def _year(g: dict) -> str | None:
    for value in (g.get("decision_date"), g.get("valid_from"), (g.get("test_period") or {}).get("start")):
        if value and str(value)[:4].isdigit():
            return str(value)[:4]
    return None


def _doc_name(g: dict) -> str:
    """"Region Värmland, Direktiv för medborgardialog (2019)"."""
    title = g.get("title", "")
    name = title if g.get("organisation", "") in title else f"{g.get('organisation', g['id'])}, {title}"
    year = _year(g)
    return f"{name} ({year})" if year else name


def _href(guideline: str, section: str) -> str:
    return spec.GUIDELINE_HREF.format(guideline=guideline, section=section)


class _Context:
    """What every section builder reads: the chooser's names, the input, the advice and the
    chosen guideline (if any)."""

    def __init__(self, ch: Any, inp: dict, advice: dict):
        self.ch, self.inp, self.advice = ch, inp, advice
        self.org = inp.get("organisation")
        self.g = ch.guidelines.get(self.org) if self.org else None
        self.facts = (self.g or {}).get("facts", {})
        self.short = ch._short(self.org) if self.org else ""
        self.combination = advice.get("combination", [])
        main = next((s for s in self.combination if s.get("role") == "main"), None)
        self.main = ch.method_by_id[main["id"]].data if main else None
        self.main_entry = next((r for r in advice.get("ranked", []) if main and r["id"] == main["id"]), None)
        self.not_md = not inp.get("influenceable", True) or not inp.get("needs_views", True)

    def section_heading(self, section: str) -> str:
        return self.ch.section_headings.get(self.org, {}).get(section, section)

    def source(self, section: str) -> Run:
        """A link to a section of the chosen guideline, named by its heading."""
        return _a(f"Avsnitt: {self.section_heading(section)}", _href(self.org, section))

    def fact(self, key: str, label: str) -> Block | None:
        """"<Kort namn> om <label>: <summary> (Avsnitt: …)" for a fact of the guideline."""
        f = self.facts.get(key)
        if not f:
            return None
        return _p(_b(f"{self.short} om {label}: "), _t(f["summary"] + " "), self.source(f["section"]))


# -- the parts of the plan, one function each ---------------------------------------------------


def _syfte(c: _Context) -> list[Block]:
    ch, inp = c.ch, c.inp
    items = [_field("Frågan som dialogen gäller", _blank("frågan, med egna ord"))]
    if inp.get("purposes"):
        items.append(_field("Syfte", _t("; ".join(ch.purposes[p]["name"] for p in inp["purposes"]))))
    else:
        items.append(_field("Syfte", _blank("vad dialogen ska åstadkomma")))
    items.append(_field("Går frågan att påverka?", _t("Ja" if inp.get("influenceable", True) else "Nej")))
    items.append(_field(
        "Behöver de förtroendevalda veta invånarnas värderingar och prioriteringar?",
        _t("Ja" if inp.get("needs_views", True) else "Nej"),
    ))
    items.append(_field("Det som redan är bestämt och inte går att påverka", _blank("ramarna")))
    for note in c.advice.get("notice", []):
        text = note["text"] + (f" ({note['source']})" if note.get("source") else "")
        items.append(_field("Obs", _t(text)))
    return [_ul(items)]


def _inflytande(c: _Context) -> list[Block]:
    level = c.ch.levels[0] if c.not_md else c.inp.get("level")
    if level:
        lv = c.ch.level_by_id[level]
        items = [
            _field("Grad av inflytande", _t(f"{lv['name']} ({_lc(lv['citizens_get'])})")),
            _field("Löftet till deltagarna", _t(f"”{lv['promise']}”")),
        ]
    else:
        items = [_field("Grad av inflytande", _blank("nivå på delaktighetstrappan och löftet till deltagarna"))]
    items.append(_field("Hur deltagarnas synpunkter tas om hand", _blank("vem som läser dem och var de redovisas")))
    return [_ul(items), c.fact("levels", "nivåerna")]


def _malgrupp(c: _Context) -> list[Block]:
    ch, inp = c.ch, c.inp
    items = []
    if inp.get("target_groups"):
        items.append(_field("Målgrupper", _t(_join([_lc(ch.groups[g]["name"]) for g in inp["target_groups"]]))))
        low = [_lc(ch.groups[g]["name"]) for g in inp["target_groups"] if g in ch.low_activity]
        if low:
            items.append(_field("Grupper som sällan deltar och behöver sökas upp", _t(_join(low))))
    else:
        items.append(_field("Målgrupper", _blank("vilka som berörs, efter en målgruppsanalys")))
    if inp.get("participants") is not None:
        items.append(_field("Förväntat antal deltagare", _t(_num(inp["participants"]))))
    else:
        items.append(_field("Förväntat antal deltagare", _blank("antal")))
    items.append(_field("Hur deltagarna bjuds in eller väljs ut", _blank("inbjudan, urval")))
    out = [_ul(items)]
    fact = c.fact("target_group_analysis", "målgruppsanalys")
    if fact:
        out.append(fact)
    return out


ROLE_NAMES = {"information": "information först", "main": "huvudmetod", "outreach": "når dem som sällan deltar"}


def _metod(c: _Context) -> list[Block]:
    items = []
    for step in c.combination:
        line = [_b(step["name"]), _t(f" ({ROLE_NAMES.get(step['role'], step['role'])}): {step['why']}")]
        if step.get("sessions_text"):
            line.append(_t(f" {step['sessions_text']}."))
        items.append(line)
    if not items:
        return [_ul([[_blank("metod; ingen metod i katalogen klarar era gränser")]])]
    return [_ul(items, ordered=True)]


def _tidsplan(c: _Context) -> list[Block]:
    inp = c.inp
    if inp.get("weeks") is not None:
        items = [_field("Resultatet behövs inom", _t(weeks_text(inp["weeks"])))]
    else:
        items = [_field("Resultatet behövs inom", _blank("datum"))]
    if c.main:
        items.append(_field(f"{c.main['name']} tar", _t(c.main["lead_time"]["text"])))
    for label in ("Beslut om dialogen", "Genomförande", "Beslut i frågan", "Återkoppling till deltagarna"):
        items.append(_field(label, _blank("datum")))
    return [_ul(items), c.fact("decision", "beslutet")]


def _aktiviteter(c: _Context) -> list[Block]:
    activities = ["Beslut om dialogen"]
    activities += [f"Genomföra: {step['name']}" for step in c.combination]
    activities += ["Sammanställa resultatet", "Återkoppla till deltagarna", "Utvärdera"]
    rows = [[[_t(a)], [_blank("när")], [_blank("vem")]] for a in activities]
    return [{"type": "table", "header": ["Aktivitet", "När", "Ansvarig"], "rows": rows}]


def _ansvar(c: _Context) -> list[Block]:
    out: list[Block] = []
    steps = c.facts.get("process", {}).get("steps", [])
    if steps:
        process = c.facts["process"]
        out.append(_p(_b(f"Arbetsgången hos {c.short}: "), _t("stegen i tur och ordning och vem som gör vad. "), c.source(process["section"])))
        roles = c.ch.roles
        out.append(_ul([
            _field(step["name"], _t(_join([_lc(roles[r]["name"]) if r in roles else r for r in step["roles"]])))
            for step in steps
        ], ordered=True))
    items = [
        _field("Politiskt ansvarig", _blank("namn")),
        _field("Ansvarig tjänsteperson", _blank("namn")),
        _field("Funktioner i förvaltningen som bidrar", _blank("till exempel kommunikation, planering")),
        _field("Utbildningsinsatser inför dialogerna", _blank("vilka och för vem")),
    ]
    if c.main:
        items.append(_field(f"{c.main['name']} behöver", _t(c.main["staff"])))
    out.append(_ul(items))
    return out


def _aterkoppling(c: _Context) -> list[Block]:
    out = [_ul([_field("Hur och när deltagarna får återkoppling", _blank("sätt och tidpunkter"))])]
    fact = c.fact("feedback", "återkoppling")
    if fact:
        out.append(fact)
    return out


def _utvardering(c: _Context) -> list[Block]:
    out = [_ul([_field("Hur dialogen utvärderas", _blank("deltagarnas upplevelse och det interna arbetet"))])]
    for key, label in (("evaluation", "utvärdering"), ("follow_up", "uppföljning")):
        fact = c.fact(key, label)
        if fact:
            out.append(fact)
    return out


def _dokumentation(c: _Context) -> list[Block]:
    return [_ul([
        _field("Hur dialogen dokumenteras", _blank("anteckningar, foton, sammanställning")),
        _field("Hur resultaten tas till vara och sprids", _blank("beslutsunderlag, webbplats")),
    ])]


def _risker(c: _Context) -> list[Block]:
    items = []
    if c.main_entry:
        items += [[_t(caveat)] for caveat in c.main_entry.get("caveats", [])]
    if c.main:
        items += [[_t(weakness)] for weakness in c.main.get("weaknesses", [])]
    items.append([_blank("fler risker och hur de hanteras")])
    return [_ul(items)]


def _kostnader(c: _Context) -> list[Block]:
    ch = c.ch
    items = []
    if c.inp.get("budget"):
        items.append(_field("Budget", _t(f"{ch.cost_phrase(c.inp['budget'])} som kostnadsnivå")))
    for step in c.combination:
        m = ch.method_by_id[step["id"]].data
        items.append(_field(m["name"], _t(f"{ch.cost_phrase(m['cost']['level'])}. {m['cost']['text']}")))
    items.append(_field("Beräknad kostnad", _blank("belopp i kronor")))
    return [_ul(items)]


PARTS = {
    "syfte": _syfte,
    "inflytande": _inflytande,
    "malgrupp": _malgrupp,
    "metod": _metod,
    "tidsplan": _tidsplan,
    "aktiviteter": _aktiviteter,
    "ansvar": _ansvar,
    "aterkoppling": _aterkoppling,
    "utvardering": _utvardering,
    "dokumentation": _dokumentation,
    "risker": _risker,
    "kostnader": _kostnader,
}


# -- sections that come from the guideline -------------------------------------------------------


def _item_text(item: Any) -> str:
    return item if isinstance(item, str) else str(item.get("text") or item.get("name") or "")


def communication_plan(c: _Context) -> dict | None:
    """The kommunikationsplan, when the chosen guideline asks for one, with what it says the
    plan must contain (facts.communication_plan: summary, section, optional items)."""
    f = c.facts.get("communication_plan")
    if not f:
        return None
    blocks: list[Block] = [_p(_b(f"{c.short} kräver en kommunikationsplan. "), _t(f["summary"] + " "), c.source(f["section"]))]
    items = [_item_text(i) for i in f.get("items", []) if _item_text(i)]
    if items:
        blocks.append(_p(_t(f"Det {c.short} säger att kommunikationsplanen ska innehålla:")))
        blocks.append(_check([[_t(i)] for i in items]))
    info = [s["name"] for s in c.combination if s.get("role") == "information"]
    channels = [_t(_join(info) + "; "), _blank("fler kanaler")] if info else [_blank("kanaler")]
    blocks.append(_ul([
        _field("Vad som ska kommuniceras, internt och externt", _blank("budskap före, under och efter dialogen")),
        _field("Till vilka målgrupper", _blank("målgrupper och hur de nås")),
        _field("Kanaler", *channels),
        _field("Vem tar fram planen och vem fastställer den", _blank("namn eller funktion")),
    ]))
    return {"id": "kommunikationsplan", "heading": "Kommunikationsplan", "blocks": blocks}


def plan_requirement(c: _Context) -> Block | None:
    """What the guideline says the plan must contain, as a paragraph with a link."""
    return c.fact("plan", "planen")


def requirements_section(c: _Context, plan_placed: bool = False) -> dict | None:
    """What the guideline requires of the plan and the dialogue, as a checklist with links
    (the plan's requirement is left out when a heading already has it)."""
    plan_fact = None if plan_placed else c.facts.get("plan")
    rules = c.facts.get("rules", {}).get("items", [])
    if not plan_fact and not rules:
        return None
    blocks: list[Block] = []
    if plan_fact:
        blocks.append(plan_requirement(c))
        items = [_item_text(i) for i in plan_fact.get("items", [])]
        if items:
            blocks.append(_check([[_t(i)] for i in items]))
    if rules:
        blocks.append(_p(_t("Regler i riktlinjen som dialogen ska följa:")))
        blocks.append(_check([[_t(r["text"] + " "), c.source(r["section"])] for r in rules]))
    return {"id": "riktlinjens-krav", "heading": f"Vad {c.short} kräver", "blocks": blocks}


# -- the plan ----------------------------------------------------------------------------------


def _headings(c: _Context) -> tuple[list[dict], str, str, str]:
    """The headings, whose they are, the intro's sentence about them and the title."""
    own = spec.GUIDELINES.get(c.org or "", {})
    if c.not_md:
        title = spec.TITLES["not_medborgardialog"]
    else:
        title = own.get("title", spec.TITLES["default"])
    if own.get("headings"):
        names = [c.section_heading(s) for s in own["sections"]]
        where = "avsnittet " + names[0] if len(names) == 1 else "avsnitten " + _join(names)
        source = f"{_doc_name(c.g)}, {where}"
        if own.get("quote"):
            source += f": ”{own['quote']}”"
        return own["headings"], source, f"Rubrikerna följer {source}.", title
    source = spec.NEUTRAL_SOURCE
    if c.g:
        source += f"; {_doc_name(c.g)} har ingen lista över vad planen ska innehålla"
        why = (f"Rubrikerna är metodväljarens egna: {_doc_name(c.g)} har ingen lista över vad planen ska "
               f"innehålla. Det riktlinjen kräver står under rubrikerna, med länk till avsnittet.")
    else:
        why = "Rubrikerna är metodväljarens egna, eftersom ingen riktlinje är vald."
    return spec.NEUTRAL, source, why, title


def choices(c: _Context) -> list[dict]:
    """What the plan was made from, in Swedish, in the order of the form."""
    ch, inp = c.ch, c.inp
    yes_no = lambda value: "Ja" if value else "Nej"  # noqa: E731
    out = [
        {"label": "Riktlinje", "value": c.g["organisation"] if c.g else "Ingen vald"},
        {"label": "Går frågan att påverka?", "value": yes_no(inp.get("influenceable", True))},
        {"label": "Behöver de förtroendevalda veta invånarnas värderingar och prioriteringar?", "value": yes_no(inp.get("needs_views", True))},
        {"label": "Grad av inflytande", "value": ch.level_by_id[inp["level"]]["name"] if inp.get("level") else "Inte vald"},
        {"label": "Syfte", "value": "; ".join(ch.purposes[p]["name"] for p in inp.get("purposes", [])) or "Inte valt"},
        {"label": "Målgrupper", "value": "; ".join(ch.groups[g]["name"] for g in inp.get("target_groups", [])) or "Inga valda"},
        {"label": "Antal deltagare", "value": _num(inp["participants"]) if inp.get("participants") is not None else "Inte angivet"},
        {"label": "Tid tills resultatet behövs", "value": weeks_text(inp["weeks"]) if inp.get("weeks") is not None else "Inte angiven"},
        {"label": "Budget", "value": ch.costs[inp["budget"]]["name"] if inp.get("budget") else "Inte angiven"},
    ]
    fmt = inp.get("format")
    out.append({"label": "Form", "value": ch.formats[fmt]["name"] if fmt in ch.formats else "Alla former"})
    existing = [ch.method_by_id[m].data["name"] for m in inp.get("existing", []) if m in ch.method_by_id]
    if existing:
        out.append({"label": "Finns redan hos er", "value": "; ".join(existing)})
    return out


def render_plan(ch: Any, inp: dict, advice: dict) -> dict:
    """The plan as plain data (contract C). Every heading gets a section, in order."""
    c = _Context(ch, inp, advice)
    headings, source, why, title = _headings(c)
    under = spec.GUIDELINES.get(c.org or "", {}).get("plan_under")
    placed = False
    sections = []
    for heading in headings:
        blocks = [block for part in heading["parts"] for block in PARTS[part](c) if block]  # a fact the guideline lacks gives None
        if under and heading["id"] == under and plan_requirement(c):
            blocks.append(plan_requirement(c))
            placed = True
        sections.append({"id": heading["id"], "heading": heading["heading"], "blocks": blocks})
    extra = communication_plan(c)
    if extra:
        sections.append(extra)
    extra = requirements_section(c, placed) if c.g else None
    if extra:
        sections.append(extra)
    for number, section in enumerate(sections, 1):
        section["heading"] = f"{number}. {section['heading']}"
    intro = [
        _t(f"Utkast från metodväljaren. {why} Fyll i det som står inom "),
        _blank("…"),
        _t("."),
    ]
    return {"title": title, "intro": intro, "headings_source": source, "choices": choices(c), "sections": sections}
