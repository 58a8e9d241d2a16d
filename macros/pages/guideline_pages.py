"""The guidelines on the site: one generated page per guideline with its full text, and the
pieces that the hand-written pages riktlinjer/ (index), riktlinjer/jamforelse/ (comparison),
riktlinjer/checklistor/ (printable checklists) and malgruppsanalys/ show through macros.

Every text comes from data/guidelines/*.yaml (and data/vocabularies/). This module builds the
view data; the markup is in templates/guideline_*.{md,html}, guidelines_index.html,
target_group_quadrants.md and partials/, where text that editors write in Markdown goes
through md()/md_inline() (sanitised) and everything else is escaped on the way out.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from macros.loader.schemas import labels, title

from .components import by_id, stack_class
from .render import md_inline
from .templating import render
from .urls import guideline_url

COMPARISON_URL = "riktlinjer/jamforelse/"
CHECKLISTS_URL = "riktlinjer/checklistor/"
INDEX_URL = "riktlinjer/"
QUADRANTS_URL = "malgruppsanalys/"

NOT_STATED = "anges inte"

DOCUMENT_TYPES = labels("guideline", "document_type")
ORGANISATION_TYPES = labels("guideline", "organisation_type")


# -- helpers ------------------------------------------------------------------------------


def ordered(guidelines: list[dict], organisation_id: str | None) -> list[dict]:
    """The guidelines with our organisation's first (if set), then the rest in id order."""
    return sorted(guidelines, key=lambda g: (g["id"] != organisation_id, g["id"]))


def short(g: dict) -> str:
    return g.get("short_name") or g["organisation"]


def page_title(g: dict) -> str:
    return g["title"] if g["organisation"] in g["title"] else f"{g['title']}, {g['organisation']}"


def status(g: dict) -> str:
    """Decision date and paragraph, draft status, test period or start date, in Swedish."""
    paragraph = f", {g['decision_paragraph']}" if g.get("decision_paragraph") else ""
    if g["draft"]:
        return f"Utkast. Beslutsdatum i källan: {g.get('decision_date_text') or 'saknas'}{paragraph}"
    if g.get("decision_date"):
        return f"Beslutad {g['decision_date']}{paragraph}"
    if g.get("test_period"):
        return f"Testperiod {g['test_period']['start']} till {g['test_period']['end']}"
    if g.get("valid_from"):
        return f"Gäller från {g['valid_from']}; beslutsdatum anges inte i källan"
    return "Beslutsdatum anges inte i källan"


def headings(g: dict) -> dict[str, str]:
    return {s["id"]: s["heading"] for s in g["sections"]}


# (row id, Swedish label, fact key in the data, renderer key)
FACT_ROWS: list[tuple[str, str, str, str]] = [
    ("definition", title("guideline", "facts", "definition"), "definition", "definition"),
    ("medborgare", title("guideline", "facts", "citizens"), "citizens", "citizens"),
    ("inte-medborgardialog", title("guideline", "facts", "not_medborgardialog"), "not_medborgardialog", "not_medborgardialog"),
    ("initiativ", title("guideline", "facts", "initiative"), "initiative", "initiative"),
    ("beslut", title("guideline", "facts", "decision"), "decision", "decision"),
    ("formellt-beslut", title("guideline", "facts", "decision", "formal_decision"), "decision", "formal_decision"),
    ("nivaer", title("guideline", "facts", "levels"), "levels", "levels"),
    ("arbetsgang", title("guideline", "facts", "process"), "process", "process"),
    ("roller", title("guideline", "facts", "roles"), "roles", "roles"),
    ("plan", title("guideline", "facts", "plan"), "plan", "plan"),
    ("checklista", title("guideline", "facts", "checklist"), "checklist", "checklist"),
    ("malgruppsanalys", title("guideline", "facts", "target_group_analysis"), "target_group_analysis", "target_group_analysis"),
    ("malgrupper", title("guideline", "facts", "target_groups"), "target_groups", "target_groups"),
    ("regler", title("guideline", "facts", "rules"), "rules", "rules"),
    ("aterkoppling", title("guideline", "facts", "feedback"), "feedback", "feedback"),
    ("utvardering", title("guideline", "facts", "evaluation"), "evaluation", "evaluation"),
    ("uppfoljning", title("guideline", "facts", "follow_up"), "follow_up", "follow_up"),
]

# The rows a reader of one guideline page sees first.
AT_A_GLANCE = ("beslut", "formellt-beslut", "nivaer", "plan", "aterkoppling")


def fact_list(catalogue: dict, here: str, key: str, organisation_id: str | None = None) -> Markup:
    """One fact (e.g. target_group_analysis) of every guideline as a list, with links."""
    row = next(r for r in FACT_ROWS if r[2] == key)
    rows = [{"g": g, "fact": stated(row, g)} for g in ordered(catalogue["guidelines"], organisation_id)]
    return render("guideline_fact_list.html", **view(catalogue, here), renderer=row[3], rows=rows, not_stated=NOT_STATED)


# Without a choice in the address, the comparison shows every guideline when there are at most
# this many, else the first ones (ours first); docs/assets/compare.js reads the same number.
COMPARE_DEFAULT = 6


def comparison_table(catalogue: dict, here: str, organisation_id: str | None = None) -> Markup:
    """Every fact as its own card: a heading and one row per organisation, ours first."""
    guidelines = ordered(catalogue["guidelines"], organisation_id)
    rows = [{"id": row[0], "label": row[1], "renderer": row[3], "cells": [{"g": g, "fact": stated(row, g)} for g in guidelines]} for row in FACT_ROWS]
    return render(
        "guideline_comparison.html",
        **view(catalogue, here),
        guidelines=guidelines,
        rows=rows,
        organisation_id=organisation_id,
        compare_default=COMPARE_DEFAULT,
        not_stated=NOT_STATED,
    )


# -- the process as a picture: roles x steps ------------------------------------------------


# -- the generated page of one guideline -----------------------------------------------------


def stated(row: tuple[str, str, str, str], g: dict) -> dict | None:
    """The fact a row of the comparison shows for `g`; None when the guideline is silent."""
    _, _, key, renderer = row
    fact = g["facts"].get(key)
    if not fact or (renderer == "formal_decision" and fact.get("formal_decision") is None):
        return None
    return fact


def view(catalogue: dict, here: str) -> dict:
    """What every guideline template reads besides its own data."""
    return {
        "here": here,
        "vocab": catalogue["vocabularies"],
        "ladder": catalogue["ladder"]["levels"],
        "levels": by_id(catalogue["ladder"]["levels"]),
        "headings": {g["id"]: headings(g) for g in catalogue["guidelines"]},
        "short": {g["id"]: short(g) for g in catalogue["guidelines"]},
        "document_types": DOCUMENT_TYPES,
        "stack_class": stack_class,
        "comparison_url": COMPARISON_URL,
        "checklists_url": CHECKLISTS_URL,
        "index_url": INDEX_URL,
        "quadrants_url": QUADRANTS_URL,
    }


def process_view(g: dict, catalogue: dict) -> dict | None:
    """The process as rows of steps and columns of the roles that take part."""
    fact = g["facts"].get("process")
    if not fact:
        return None
    role_items = catalogue["vocabularies"]["roles"]["items"]
    used = {r for step in fact["steps"] for r in step["roles"]}
    role_names = {r["id"]: r["name"] for r in role_items}
    steps = [
        {
            "name": step["name"],
            "numbered": not re.match(r"^Steg \d", step["name"]),  # "Steg 1 …" numbers itself
            "roles": step["roles"],
            "role_names": ", ".join(role_names.get(r, r) for r in step["roles"]).lower(),
            "text": step.get("text"),
        }
        for step in fact["steps"]
    ]
    return {
        "roles": [r for r in role_items if r["id"] in used],
        "steps": steps,
        "described": any(s["text"] for s in steps),
        "summary": fact["summary"],
        "section": fact["section"],
        "section_heading": headings(g)[fact["section"]],
    }


def guideline_page(g: dict, catalogue: dict, organisation_id: str | None = None) -> str:
    glance = [{"label": row[1], "renderer": row[3], "fact": stated(row, g)} for row in FACT_ROWS if row[0] in AT_A_GLANCE]
    return render(
        "guideline_page.md",
        **view(catalogue, guideline_url(g["id"])),
        g=g,
        title=page_title(g),
        ours=g["id"] == organisation_id,
        document_type=DOCUMENT_TYPES[g["document_type"]],
        glance=glance,
        process=process_view(g, catalogue),
        short_name=short(g),
    )


# -- the hand-written pages' macros ---------------------------------------------------------


INDEX_HEAD = ("Organisation", "Kommun eller region", "Dokumenttyp", "Beslutad av", "Datum och status")


def guidelines_index(catalogue: dict, here: str, organisation_id: str | None = None) -> Markup:
    rows = [
        {
            "g": g,
            "ours": g["id"] == organisation_id,
            "values": (ORGANISATION_TYPES[g["organisation_type"]], DOCUMENT_TYPES[g["document_type"]], g["decided_by"], status(g)),
        }
        for g in ordered(catalogue["guidelines"], organisation_id)
    ]
    return render("guidelines_index.html", **view(catalogue, here), head=INDEX_HEAD, rows=rows)


# -- the checklists page ----------------------------------------------------------------------

# Typos in a guideline's own checklist, marked [sic] where the list is printed (the guideline
# page keeps the text exactly as in the source). Each word is checked against the source in
# tests/test_checklists.py.
SIC = {"alingsas": ("Utformatidslinje",)}

# The facts a compiled checklist is made of, with the label each item starts with. Rules are
# added as they stand; everything is ordered as the guideline's sections are.
COMPILED_FACTS = (
    ("decision", "Beslut om dialogen"),
    ("plan", "Vad planen ska innehålla"),
    ("communication_plan", "Kommunikationsplan"),
    ("target_group_analysis", "Målgrupper"),
    ("feedback", "Återkoppling"),
    ("evaluation", "Utvärdering"),
    ("follow_up", "Uppföljning"),
)


def _sic(text: str, words: tuple[str, ...]) -> Markup:
    """md_inline(text) with [sic] (templates/partials/sic.html) after each known typo: added to
    the HTML that nh3 has cleaned, so that the mark is ours and not data."""
    sic = str(render("partials/sic.html"))

    def mark(out: str) -> str:
        for word in words:
            out = re.sub(rf"\b{re.escape(word)}\b", lambda m: m.group(0) + sic, out)
        return out

    return md_inline(text, mark)


def compiled_items(g: dict) -> list[tuple[str, str]]:
    """(text, section id) for a guideline without a checklist of its own: its requirements in the
    data (facts and rules), in the order of the sections they come from."""
    order = {s["id"]: i for i, s in enumerate(g["sections"])}
    facts = g["facts"]
    items: list[tuple[int, int, str, str]] = []  # (section's place, order found, text, section)
    for key, label in COMPILED_FACTS:
        fact = facts.get(key)
        if fact:
            items.append((order[fact["section"]], len(items), f"{label}: {fact['summary']}", fact["section"]))
    summaries = [text for _, _, text, _ in items]
    for rule in facts.get("rules", {}).get("items", []):
        # A rule that a fact's summary already says word for word is not repeated.
        if any(rule["text"].rstrip(".") in summary for summary in summaries):
            continue
        items.append((order[rule["section"]], len(items), rule["text"], rule["section"]))
    return [(text, section) for _, _, text, section in sorted(items)]


def sheet(g: dict) -> dict:
    """One printable checklist of a guideline as groups of items (label, section to link or
    None); the kind says where its items come from: its own checklist, its own list of what
    the plan must contain, or compiled by the site from its requirements."""
    checklist, plan = g["facts"].get("checklist"), g["facts"].get("plan")
    sic = SIC.get(g["id"], ())
    if checklist and checklist.get("phases"):
        groups, start = [], 1
        for phase in checklist["phases"]:
            groups.append({"name": phase["name"], "start": start, "items": [{"label": _sic(i, sic), "section": None} for i in phase["items"]]})
            start += len(phase["items"])
        marked = any("målgruppsanalys" in item and "*" in item for phase in checklist["phases"] for item in phase["items"])
        first = checklist["sections"][0] if checklist.get("sections") else checklist["section"]
        return {"g": g, "kind": "checklist", "anchor": f"checklista-{g['id']}", "section": first, "groups": groups, "quadrants_note": marked}
    if plan and plan.get("items"):
        items = [{"label": _sic(i, sic), "section": None} for i in plan["items"]]
        return {"g": g, "kind": "plan", "anchor": f"plan-{g['id']}", "section": plan["section"], "summary": plan["summary"], "groups": [{"name": None, "start": 1, "items": items}]}
    items = [{"label": text, "section": section} for text, section in compiled_items(g)]
    summary = checklist["summary"] if checklist else None
    return {"g": g, "kind": "compiled", "anchor": f"checklista-{g['id']}", "summary": summary, "groups": [{"name": None, "start": 1, "items": items}]}


def checklists(catalogue: dict, here: str, organisation_id: str | None = None) -> Markup:
    """A printable checklist for every guideline: its own list where it has one (Alingsås'
    checklist, Region Värmland's list of what the handlingsplan must contain), otherwise one
    compiled by the site from its requirements, each item linked to its section."""
    sheets = [sheet(g) for g in ordered(catalogue["guidelines"], organisation_id)]
    return render("guideline_checklists.md", **view(catalogue, here), sheets=sheets)


def quadrants(catalogue: dict, here: str) -> Markup:
    """The four groups of the target-group analysis as a 2x2 picture: rows by how affected the
    groups are, columns by how active."""
    items = catalogue["vocabularies"]["quadrants"]["items"]
    cells = []
    for row, affected in enumerate((True, False), 2):
        for column, active in enumerate((True, False), 2):
            q = next(q for q in items if q["affected"] == affected and q["active"] == active)
            methods = [m for m in catalogue["methods"] if q["id"] in m["target_groups"]]
            cells.append({"quadrant": q, "row": row, "column": column, "methods": methods})
    return render("target_group_quadrants.md", here=here, cells=cells)


def reorder_nav(nav: list | None, organisation_id: str | None, section: str = "Riktlinjer") -> list | None:
    """Put our organisation's guideline first in the Riktlinjer section of the navigation."""
    if not nav or not organisation_id:
        return nav
    target = f"riktlinjer/{organisation_id}.md"
    for entry in nav:
        if isinstance(entry, dict) and section in entry and isinstance(entry[section], list):
            children = entry[section]
            for index, child in enumerate(children):
                value = next(iter(child.values())) if isinstance(child, dict) else child
                if value == target:
                    children.insert(0, children.pop(index))
                    break
    return nav
