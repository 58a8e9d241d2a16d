"""Which headings the draft plan has, and whose they are.

A Python module rather than a JSON file so that it travels with the engine into the browser
(the runtime packs chooser/*.py). Each heading names the parts of the plan that go under it
(builders in plan.py) and, where a guideline lists what its plan must contain, `covers` holds
that guideline's own words, verbatim (typos included), so a test can check that every item
of the guideline's list has a heading.
"""

from __future__ import annotations

BLANK = "[Fyll i: {what}]"

# Relative to the chooser's page (metodvaljaren/); the exports resolve it against the link.
GUIDELINE_HREF = "../riktlinjer/{guideline}/#{section}"

TITLES = {
    "default": "Plan för medborgardialog (utkast)",
    "not_medborgardialog": "Plan för information (utkast)",
}

# Our own set, used when no guideline is chosen or the chosen one has no list of its own.
NEUTRAL = [
    {"id": "syfte", "heading": "Syfte och fråga", "parts": ["syfte"]},
    {"id": "inflytande", "heading": "Grad av inflytande", "parts": ["inflytande"]},
    {"id": "malgrupp", "heading": "Målgrupp och deltagare", "parts": ["malgrupp"]},
    {"id": "metod", "heading": "Metod", "parts": ["metod"]},
    {"id": "tidsplan", "heading": "Tidsplan och aktiviteter", "parts": ["tidsplan", "aktiviteter"]},
    {"id": "ansvar", "heading": "Ansvar och roller", "parts": ["ansvar"]},
    {"id": "aterkoppling", "heading": "Återkoppling", "parts": ["aterkoppling"]},
    {"id": "utvardering", "heading": "Utvärdering", "parts": ["utvardering"]},
    {"id": "dokumentation", "heading": "Dokumentation", "parts": ["dokumentation"]},
    {"id": "risker", "heading": "Risker", "parts": ["risker"]},
    {"id": "kostnader", "heading": "Kostnader", "parts": ["kostnader"]},
]
NEUTRAL_SOURCE = "Metodväljarens egna rubriker"

# Guidelines that say what their plan must contain. `sections` are the sections of the
# guideline the headings come from (named in headings_source); `title` is the guideline's
# own word for the document.
GUIDELINES = {
    "region-varmland": {
        "title": "Handlingsplan för medborgardialog (utkast)",
        "sections": ["tjanstemannastod"],
        "quote": "Handlingsplanen ska innehålla",
        "headings": [
            {"id": "syfte", "heading": "Syfte", "parts": ["syfte", "inflytande"], "covers": ["Syfte"]},
            {"id": "malgrupp", "heading": "Målgrupp och deltagare", "parts": ["malgrupp"], "covers": ["Val av målgrupp och deltagare"]},
            {"id": "metod", "heading": "Metod", "parts": ["metod"], "covers": ["Val av metod"]},
            {"id": "tidsplan", "heading": "Tidsplan", "parts": ["tidsplan"], "covers": ["Tidsplanering"]},
            {"id": "aktiviteter", "heading": "Aktiviteter", "parts": ["aktiviteter"], "covers": ["Aktivitetslista"]},
            {
                "id": "ansvar",
                "heading": "Ansvar och roller",
                "parts": ["ansvar"],
                "covers": [
                    "Ansvar och roller",
                    "Funktioner i förvaltningen som förväntas bidra innan eller under genomförandet",
                    "Utbildningsinsatser inför dialogerna",
                ],
            },
            {"id": "aterkoppling", "heading": "Återkoppling och utvärdering", "parts": ["aterkoppling", "utvardering"], "covers": ["Återkoppling och utvärdering"]},
            {
                "id": "dokumentation",
                "heading": "Dokumentation",
                "parts": ["dokumentation"],
                "covers": ["Hur dialogen ska dokumenteras", "Hur resultaten ska tas tillvara och spridas"],
            },
            {"id": "risker", "heading": "Risker", "parts": ["risker"], "covers": ["Utmaningar och risker"]},
            {"id": "kostnader", "heading": "Kostnader", "parts": ["kostnader"], "covers": ["Kostnader för genomförandet"]},
        ],
    },
    # Alingsås: what the proposal should contain (Vem gör vad?) and the planning phase of its
    # checklist; `covers` quotes the checklist items and the proposal's parts.
    "alingsas": {
        "title": "Förslag till genomförande av medborgardialog (utkast)",
        "sections": ["vem-gor-vad", "beslut-om-dialog", "planering"],
        "quote": None,
        "headings": [
            {
                "id": "syfte",
                "heading": "Mål, syfte och frågeställningar",
                "parts": ["syfte"],
                "covers": ["Definiera frågans påverkbarhet", "Bestäm mål och syfte", "Utarbeta frågeställningar som svarar mot mål"],
            },
            {"id": "malgrupp", "heading": "Målgruppsanalys", "parts": ["malgrupp"], "covers": ["Gör målgruppsanalys\\*"]},
            {"id": "inflytande", "heading": "Deltagarnas grad av inflytande", "parts": ["inflytande"], "covers": ["Bestäm deltagarnas grad av inflytande"]},
            {"id": "metod", "heading": "Metod", "parts": ["metod"], "covers": ["Välj metod"]},
            {"id": "kostnader", "heading": "Budget och resurser", "parts": ["kostnader"], "covers": ["Beräkna budget", "Avsätt resurser kopplade till projektplanen"]},
            {
                "id": "tidsplan",
                "heading": "Tidslinje med aktiviteter och ansvariga",
                "parts": ["tidsplan", "aktiviteter", "ansvar"],
                "covers": ["Upprätta tidsplan", "Utformatidslinje med aktiviteter som ska genomföras", "Utse ansvariga för varje aktivitet"],
            },
            {"id": "dokumentation", "heading": "Dokumentation och återkoppling", "parts": ["dokumentation", "aterkoppling"], "covers": ["Hitta forum för dokumentation"]},
            {"id": "utvardering", "heading": "Uppföljning och utvärdering", "parts": ["utvardering"], "covers": ["Utforma strategi för uppföljning och utvärdering"]},
        ],
        # Covered by the kommunikationsplan section, which every guideline that asks for one gets.
        "covered_elsewhere": ["Upprätta kommunikationsplan"],
    },
    # Krokom has no list; what it asks of the underlag (the influence participants get) goes
    # under the heading it is about.
    "krokom": {"plan_under": "inflytande"},
    # Solna calls the document a genomförandeplan (Steg 3 and 4); its contents are in an annex
    # that is not part of the text, so the headings are our own.
    "solna": {"title": "Genomförandeplan för medborgardialog (utkast)"},
}
