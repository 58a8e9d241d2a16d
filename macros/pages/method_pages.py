"""Generated pages of the method catalogue: one per method and one per ladder level."""

from __future__ import annotations

from macros.loader.schemas import labels

from .components import by_id, fact_rows, level_badge, method_link
from .render import esc, md, md_escape, md_inline, number, number_range
from .urls import guideline_url, level_url, method_url, relative

ASPECTS = labels("method", "accessibility", "aspect")
FACILITATION = labels("method", "facilitation", "level")
FRONT_MATTER = "---\nrender_macros: false\n---\n\n"  # text from YAML is never a Jinja template


def _names(vocabulary: dict, ids: list[str]) -> list[str]:
    known = by_id(vocabulary["items"])
    return [known[i]["name"] for i in ids if i in known]


def _list(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{md_inline(i)}</li>" for i in items) + "\n</ul>\n"


def method_page(method: dict, catalogue: dict) -> str:
    here = method_url(method["id"])
    vocab = catalogue["vocabularies"]
    levels = by_id(catalogue["ladder"]["levels"])
    methods = by_id(catalogue["methods"])
    guidelines = by_id(catalogue["guidelines"])
    sources = by_id(method["sources"])
    cost_names = by_id(vocab["cost-levels"]["items"])

    def cite(source_id: str) -> str:
        return f' <span class="cite">(källa: {esc(sources[source_id]["title"])})</span>'

    out = [FRONT_MATTER, f"# {md_escape(method['name'])}\n"]
    badges = " ".join(level_badge(levels[lid], here) for lid in method["levels"])
    # The levels and the aliases are left out of the search snippet, which shows the summary;
    # macros/hooks/search_tuning.py puts them in the index as keywords instead.
    out.append(f'<p class="method-levels" data-search-exclude>Nivå på delaktighetstrappan: {badges}</p>\n')
    out.append(f'<p class="lead">{md_inline(method["summary"])}</p>\n')
    if method.get("aliases"):
        out.append(f'<p data-search-exclude>Kallas också: {esc(", ".join(method["aliases"]))}.</p>\n')
    p, s, t, cost = method["participants"], method["session_length"], method["lead_time"], method["cost"]
    out.append(
        "## Fakta {#fakta}\n\n"
        + fact_rows(
            [
                ("Deltagare", esc(p["text"]) + cite(p["source"])),
                ("Tid per tillfälle", esc(s["text"]) + cite(s["source"])),
                ("Kalendertid", esc(t["text"]) + cite(t["source"])),
                ("Kostnad", f"{esc(cost_names[cost['level']]['name'])}. {esc(cost['text'])}" + cite(cost["source"])),
                ("Form", esc(", ".join(_names(vocab["formats"], method["formats"])))),
                ("Samtalsledning", f"{esc(FACILITATION[method['facilitation']['level']])}. {esc(method['facilitation']['text'])}"),
                ("Personal och resurser", esc(method["staff"])),
                ("Passar för", esc(", ".join(_names(vocab["purposes"], method["purposes"])))),
                ("Målgrupper", esc(", ".join(_names(vocab["target-groups"], method["target_groups"]) + _names(vocab["quadrants"], method["target_groups"])))),
                ("Uppsökande", "Ja, metoden söker upp människor där de redan finns." if method["outreach"] else "Nej, deltagarna kommer till metoden."),
                ("Typ av dialog", esc(", ".join(_names(vocab["dialogue-types"], [method["dialogue_type"]])))),
            ]
        )
    )
    out.append("## Beskrivning {#beskrivning}\n\n" + md(method["description"]) + "\n")
    out.append("## Använd när {#anvand-nar}\n\n" + _list(method["use_when"]))
    out.append("## Undvik när {#undvik-nar}\n\n" + _list(method["avoid_when"]))
    out.append("## Styrkor {#styrkor}\n\n" + _list(method["strengths"]))
    out.append("## Svagheter {#svagheter}\n\n" + _list(method["weaknesses"]))
    out.append("## Så når ni alla {#tillganglighet}\n\n<dl>\n" + "\n".join(f"<dt>{esc(ASPECTS[a['aspect']])}</dt><dd>{md_inline(a['tip'])}</dd>" for a in method["accessibility"]) + "\n</dl>\n")
    if method.get("standing_structure"):
        s = method["standing_structure"]
        out.append(f"## Kräver {md_escape(s['what'])} {{#staende-struktur}}\n\n<p>{esc(s['text'])}{cite(s['source'])}</p>\n")
    if method.get("examples"):
        # Real cases, each with the page it was read on (issue: never invented or embellished).
        items = []
        for ex in method["examples"]:
            result = f" {esc(ex['result'])}" if ex.get("result") else ""
            link = f' <a href="{esc(ex["url"])}">{esc(ex.get("title") or "Källa")}</a>'
            items.append(f"<li><strong>{esc(ex['organisation'])} ({ex['year']}).</strong> {esc(ex['what'])}{result}{link}</li>")
        out.append("## Exempel {#exempel}\n\n<ul class=\"method-examples\">\n" + "\n".join(items) + "\n</ul>\n")
    out.append("## I riktlinjerna {#riktlinjer}\n\n")
    if method["guidelines"]:
        rows = []
        for named in method["guidelines"]:
            g = guidelines[named["guideline"]]
            level = levels[named["level"]]["name"] if named["level"] else "anges inte"
            note = f" {esc(named['note'])}" if named.get("note") else ""
            if named["level"] and named["level"] not in method["levels"]:
                note += f" <strong>Riktlinjen placerar metoden på en annan nivå ({esc(level.lower())}) än katalogen.</strong>"
            rows.append(f'<li><a href="{relative(here, guideline_url(g["id"]))}">{esc(g["organisation"])}</a> kallar den ”{esc(named["name"])}”, nivå: {esc(level.lower())}.{note}</li>')
        out.append("<ul>\n" + "\n".join(rows) + "\n</ul>\n")
    else:
        out.append("<p>Ingen av riktlinjerna på webbplatsen nämner metoden.</p>\n")
    if method["combines_with"]:
        out.append("## Kombinera med {#kombinera}\n\n<ul>\n" + "\n".join(f"<li>{method_link(methods[m], here)}: {md_inline(methods[m]['summary'])}</li>" for m in method["combines_with"]) + "\n</ul>\n")
    if method.get("origin"):
        out.append("## Ursprung {#ursprung}\n\n" + md(method["origin"]) + "\n")
    out.append("## Källor {#kallor}\n\n<ul>\n")
    for source in method["sources"]:
        parts = [esc(source["title"])]
        if source.get("guideline") in guidelines:
            parts = [f'<a href="{relative(here, guideline_url(source["guideline"]))}">{esc(source["title"])}</a>']
        elif source.get("url"):
            parts = [f'<a href="{esc(source["url"])}">{esc(source["title"])}</a>']
        parts += [esc(source[k]) for k in ("publisher", "year") if source.get(k)]
        out.append(f"<li>{', '.join(parts)}</li>\n")
    out.append("</ul>\n")
    out.append(f'\n<p class="back"><a href="{relative(here, "metoder/")}">Alla metoder</a> · <a href="{relative(here, "metodvaljaren/")}">Metodväljaren</a></p>\n')
    return "".join(out)


def level_page(level: dict, catalogue: dict) -> str:
    here = level_url(level["id"])
    methods = [m for m in catalogue["methods"] if level["id"] in m["levels"]]
    main = [m for m in methods if m["levels"][0] == level["id"]]
    also = [m for m in methods if m["levels"][0] != level["id"]]
    out = [FRONT_MATTER, f"# Metoder på nivån {md_escape(level['name'].lower())}\n\n"]
    out.append(f'<p class="lead">{esc(level["hallmark"])}. Medborgarna får {esc(level["citizens_get"].lower())}.</p>\n')
    out.append(f'<p><a href="{relative(here, "trappan/#" + level["id"])}">Om nivån {esc(level["name"].lower())} på delaktighetstrappan</a></p>\n')
    out.append(f"## Främst på den här nivån ({len(main)}) {{#framst}}\n\n" + cards(main, catalogue, here))
    if also:
        out.append(f"## Passar också här ({len(also)}) {{#ocksa}}\n\n" + cards(also, catalogue, here))
    return "".join(out)


def card_facts(method: dict, catalogue: dict) -> list[tuple[str, str]]:
    """Size, time and cost of a method in a few words, for its card."""
    p, t = method["participants"], method["lead_time"]
    size = number_range(p["min"], p["max"], "") + " per tillfälle" + (", flera tillfällen går" if p.get("repeatable") else "")
    weeks = f"minst {number(t['min_weeks'])} veckor, pågår sedan" if t["max_weeks"] is None else number_range(t["min_weeks"], t["max_weeks"], " veckor")
    cost = by_id(catalogue["vocabularies"]["cost-levels"]["items"])[method["cost"]["level"]]["name"]
    return [("Deltagare", size), ("Kalendertid", weeks), ("Kostnad", cost)]


def cards(methods: list[dict], catalogue: dict, here: str) -> str:
    """Method cards: name, summary, levels, and size, time and cost. The data attributes are
    what the catalogue's filter (docs/assets/catalogue-filter.js) matches."""
    levels = by_id(catalogue["ladder"]["levels"])
    items = []
    for m in methods:
        facts = "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in card_facts(m, catalogue))
        items.append(
            f'<li class="method-card" data-levels="{" ".join(m["levels"])}" data-purposes="{" ".join(m["purposes"])}" '
            f'data-groups="{" ".join(m["target_groups"])}" data-formats="{" ".join(m["formats"])}" data-cost="{m["cost"]["level"]}">'
            f'<h3 class="method-card-title"><a href="{relative(here, method_url(m["id"]))}">{esc(m["name"])}</a></h3>'
            f"<p>{md_inline(m['summary'])}</p>"
            f'<p class="method-card-levels">{" ".join(level_badge(levels[lid]) for lid in m["levels"])}</p>'
            f'<dl class="method-card-facts">{facts}</dl></li>'
        )
    return '<ul class="method-cards">\n' + "\n".join(items) + "\n</ul>\n"
