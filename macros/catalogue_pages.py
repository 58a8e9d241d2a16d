"""The method catalogue seen several ways, all plain HTML that works without JavaScript."""

from __future__ import annotations

from .components import by_id, level_badge
from .method_pages import cards
from .render import esc, md_escape, number
from .site import level_url, method_url, relative


def cards_by_level(catalogue: dict, here: str) -> str:
    out = []
    for level in catalogue["ladder"]["levels"]:
        main = [m for m in catalogue["methods"] if m["levels"][0] == level["id"]]
        out.append(f"## {level['step']}. {md_escape(level['name'])} ({len(main)}) {{#{level['id']}}}\n")
        out.append(f'<p>{esc(level["hallmark"])}. <a href="{relative(here, level_url(level["id"]))}">Alla metoder som passar nivån {esc(level["name"].lower())}</a></p>\n')
        out.append(cards(main, catalogue, here))
    return "\n".join(out)


def _range(low, high, unit: str) -> str:
    if high is None:
        return f"{number(low)}–"
    if low == high:
        return f"{number(low)}{unit}"
    return f"{number(low)}–{number(high)}{unit}"


def methods_table(catalogue: dict, here: str) -> str:
    vocab = catalogue["vocabularies"]
    levels = by_id(catalogue["ladder"]["levels"])
    names = {key: {i["id"]: i["name"] for i in vocab[key]["items"]} for key in vocab}
    group_names = names["target-groups"] | names["quadrants"]
    rows = []
    for m in catalogue["methods"]:
        p, t = m["participants"], m["lead_time"]
        rows.append(
            "<tr>"
            f'<th scope="row"><a href="{relative(here, method_url(m["id"]))}">{esc(m["name"])}</a></th>'
            f'<td>{" ".join(level_badge(levels[lid]) for lid in m["levels"])}</td>'
            f'<td>{esc(", ".join(names["purposes"][i] for i in m["purposes"]))}</td>'
            f'<td>{esc(", ".join(group_names[i] for i in m["target_groups"]))}</td>'
            f'<td>{esc(", ".join(names["formats"][i] for i in m["formats"]))}</td>'
            f'<td data-sort="{p["min"]}">{_range(p["min"], p["max"], "")}</td>'
            f'<td data-sort="{t["min_weeks"]}">{_range(t["min_weeks"], t["max_weeks"], " v")}</td>'
            f'<td>{esc(names["cost-levels"][m["cost"]["level"]])}</td>'
            "</tr>"
        )
    head = ["Metod", "Nivå", "Syften", "Målgrupper", "Form", "Deltagare", "Kalendertid", "Kostnad"]
    return (
        '<div class="table-scroll" role="region" aria-label="Alla metoder i en tabell" tabindex="0">\n'
        '<table class="methods-table">\n<caption>Alla metoder, i bokstavsordning. Kalendertid i veckor (v).</caption>\n<thead><tr>'
        + "".join(f'<th scope="col">{h}</th>' for h in head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n</div>\n"
    )


def methods_by(catalogue: dict, here: str, field: str) -> str:
    """A section per purpose, target group or format, listing the methods that have it."""
    vocab_name = {"purposes": "purposes", "target_groups": "target-groups", "formats": "formats", "quadrants": "quadrants"}[field]
    source_field = "target_groups" if field == "quadrants" else field
    out = []
    for item in catalogue["vocabularies"][vocab_name]["items"]:
        methods = [m for m in catalogue["methods"] if item["id"] in m[source_field]]
        out.append(f"## {md_escape(item['name'])} ({len(methods)}) {{#{item['id']}}}\n")
        out.append(f"<p>{esc(item['description'])}</p>\n")
        if methods:
            out.append("<ul>\n" + "\n".join(f'<li><a href="{relative(here, method_url(m["id"]))}">{esc(m["name"])}</a></li>' for m in methods) + "\n</ul>\n")
        else:
            out.append("<p>Ingen metod i katalogen är markerad för detta ännu.</p>\n")
    return "\n".join(out)
