"""The method catalogue seen several ways, all plain HTML that works without JavaScript."""

from __future__ import annotations

from .components import by_id, level_badge, stack_label
from .method_pages import cards
from .render import esc, md_escape, number_range
from .urls import level_url, method_url, relative

# The filter's groups: (URL key, legend, vocabulary, data attribute of a card). The keys are
# those of the chooser's address (chooser/urlstate.py) where they mean the same.
FILTERS = (
    ("l", "Nivå på trappan", "levels", "levels"),
    ("p", "Syfte", "purposes", "purposes"),
    ("t", "Målgrupp", "target-groups", "groups"),
    ("f", "Form", "formats", "formats"),
    ("c", "Kostnad", "cost-levels", "cost"),
)


def catalogue_filter(catalogue: dict) -> str:
    """The filter form. Hidden without JavaScript, when every card is shown; the page script
    docs/assets/catalogue-filter.js shows it and keeps the choice in the address."""
    vocab = catalogue["vocabularies"]
    groups = []
    for key, legend, source, attribute in FILTERS:
        if source == "levels":
            items = [(i["id"], f"{i['step']}. {i['name']}") for i in catalogue["ladder"]["levels"]]
        elif source == "target-groups":
            items = [(i["id"], i["name"]) for i in vocab["target-groups"]["items"] + vocab["quadrants"]["items"]]
        else:
            items = [(i["id"], i["name"]) for i in vocab[source]["items"]]
        boxes = "\n".join(
            f'<li><input type="checkbox" name="{key}" value="{esc(value)}" id="filter-{key}-{esc(value)}">'
            f'<label for="filter-{key}-{esc(value)}">{esc(name)}</label></li>'
            for value, name in items
        )
        groups.append(
            f'<details class="filter-group" data-key="{key}" data-attribute="{attribute}">\n'
            f'<summary>{esc(legend)}<span class="filter-chosen"></span></summary>\n'
            f'<fieldset><legend class="visually-hidden">{esc(legend)}</legend>\n<ul class="filter-options">\n{boxes}\n</ul>\n</fieldset>\n</details>'
        )
    return (
        '<form class="catalogue-filter" id="catalogue-filter" hidden aria-labelledby="catalogue-filter-title">\n'
        '<p class="catalogue-filter-title" id="catalogue-filter-title">Filtrera metoderna</p>\n'
        '<p class="filter-help">Inom en grupp räcker ett av valen; mellan grupperna måste alla stämma.</p>\n'
        + "\n".join(groups)
        + '\n<p class="filter-actions"><button type="reset" class="md-button">Visa alla metoder</button></p>\n'
        '<p class="filter-count" id="filter-count" role="status"></p>\n</form>\n'
    )


def cards_by_level(catalogue: dict, here: str) -> str:
    out = [catalogue_filter(catalogue)]
    for level in catalogue["ladder"]["levels"]:
        main = [m for m in catalogue["methods"] if m["levels"][0] == level["id"]]
        out.append(f"## {level['step']}. {md_escape(level['name'])} ({len(main)}) {{#{level['id']}}}\n")
        out.append(
            f'<div class="catalogue-level" data-level="{level["id"]}">\n'
            f'<p>{esc(level["hallmark"])}. <a href="{relative(here, level_url(level["id"]))}">Alla metoder som passar nivån {esc(level["name"].lower())}</a></p>\n'
            + str(cards(main, catalogue, here))
            + "</div>\n"
        )
    out.append('<p class="filter-none" id="filter-none" hidden>Ingen metod passar alla valen. Ta bort något val.</p>\n')
    out.append(f'<script src="{relative(here, "assets/catalogue-filter.js")}"></script>\n')
    return "\n".join(out)


METHODS_TABLE_HEAD = ("Metod", "Nivå", "Syften", "Målgrupper", "Form", "Deltagare", "Kalendertid", "Kostnad")


def methods_table(catalogue: dict, here: str) -> str:
    vocab = catalogue["vocabularies"]
    levels = by_id(catalogue["ladder"]["levels"])
    names = {key: {i["id"]: i["name"] for i in vocab[key]["items"]} for key in vocab}
    group_names = names["target-groups"] | names["quadrants"]
    rows = []
    for m in catalogue["methods"]:
        p, t = m["participants"], m["lead_time"]
        cells = [
            ("", " ".join(level_badge(levels[lid]) for lid in m["levels"])),
            ("", esc(", ".join(names["purposes"][i] for i in m["purposes"]))),
            ("", esc(", ".join(group_names[i] for i in m["target_groups"]))),
            ("", esc(", ".join(names["formats"][i] for i in m["formats"]))),
            (f' data-sort="{p["min"]}"', number_range(p["min"], p["max"], "", open_end="dash")),
            (f' data-sort="{t["min_weeks"]}"', number_range(t["min_weeks"], t["max_weeks"], " v", open_end="dash")),
            ("", esc(names["cost-levels"][m["cost"]["level"]])),
        ]
        rows.append(
            f"<tr>"
            f'<th scope="row"><a href="{relative(here, method_url(m["id"]))}">{esc(m["name"])}</a></th>\n'
            # A line break between cells keeps their words apart in the search index's snippets.
            + "\n".join(f"<td{attrs}{stack_label(head)}>{value}</td>" for head, (attrs, value) in zip(METHODS_TABLE_HEAD[1:], cells, strict=True))
            + "</tr>"
        )
    return (
        '<div class="table-scroll" role="region" aria-label="Alla metoder i en tabell" tabindex="0">\n'
        '<table class="methods-table stack-l stack-compact">\n<caption>Alla metoder, i bokstavsordning. Kalendertid i veckor (v).</caption>\n'
        '<thead><tr>'
        + "\n".join(f'<th scope="col">{h}</th>' for h in METHODS_TABLE_HEAD)
        + '</tr></thead>\n<tbody>\n'
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
