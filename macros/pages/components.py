"""HTML pieces built from the catalogue, shared by macros and generated pages.

Each function takes the page's own URL so that links stay relative and work on any host.
"""

from __future__ import annotations

import html
import re

from .render import esc, md, md_escape, md_inline
from .urls import guideline_url, level_url, method_url, relative


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def methods_at(catalogue: dict, level_id: str) -> tuple[list[dict], list[dict]]:
    """The methods whose first (main) level is this level, and those that only also fit it."""
    fits = [m for m in catalogue["methods"] if level_id in m["levels"]]
    return [m for m in fits if m["levels"][0] == level_id], [m for m in fits if m["levels"][0] != level_id]


def level_badge(level: dict, here: str | None = None) -> str:
    label = f'<span class="md-step">{level["step"]}</span> {esc(level["name"])}'
    if here is None:
        return f'<span class="level-badge level-{level["id"]}">{label}</span>'
    return f'<a class="level-badge level-{level["id"]}" href="{relative(here, level_url(level["id"]))}">{label}</a>'


def method_link(method: dict, here: str) -> str:
    return f'<a href="{relative(here, method_url(method["id"]))}">{esc(method["name"])}</a>'


def staircase(catalogue: dict, here: str) -> str:
    """An ordered list drawn as stairs: screen readers hear five steps in order."""
    items = []
    for level in catalogue["ladder"]["levels"]:
        items.append(
            f'<li class="stair stair-{level["step"]} level-{level["id"]}">'
            f'<a href="#{level["id"]}"><span class="stair-step">Steg {level["step"]}</span> '
            f'<span class="stair-name">{esc(level["name"])}</span> '
            f'<span class="stair-get">Medborgarna får: {esc(level["citizens_get"].lower())}</span></a></li>'
        )
    return (
        '<figure class="staircase-figure">\n'
        '<ol class="staircase" aria-label="Delaktighetstrappan, från lägst till högst inflytande">\n'
        + "\n".join(items)
        + "\n</ol>\n<figcaption>Delaktighetstrappan: varje steg uppåt ger invånarna mer inflytande.</figcaption>\n</figure>\n"
    )


def guideline_view(guideline: dict, level_id: str) -> str:
    """How one guideline treats one level of the ladder, in a few words."""
    fact = guideline["facts"].get("levels")
    if not fact:
        return "Anges inte"
    if level_id in fact.get("counted", []):
        return "Räknas som medborgardialog"
    if level_id in fact.get("prerequisite", []):
        return "En förutsättning, inte en dialog"
    return "Räknas inte som medborgardialog"


def ladder_levels(catalogue: dict, here: str, heading_level: int = 2) -> str:
    methods = catalogue["methods"]
    known = by_id(methods)
    hashes = "#" * heading_level
    out = []
    for level in catalogue["ladder"]["levels"]:
        examples = [known[m] for m in level["example_methods"] if m in known]
        at_level = [m for m in methods if m["levels"][0] == level["id"]]
        out.append(f"{hashes} {level['step']}. {md_escape(level['name'])} {{#{level['id']}}}\n")
        rows = [
            ("Kännetecken", esc(level["hallmark"])),
            ("Medborgarna får", esc(level["citizens_get"])),
            ("Löfte till deltagarna", esc(level["promise"])),
            ("Motsvarighet i IAP2", f'<span lang="en">{esc(level["iap2"].capitalize())}</span>: ”{esc(level["iap2_promise"])}”'),
            ("Exempel på metoder", ", ".join(method_link(m, here) for m in examples) or "–"),
        ]
        out.append('<div class="level-facts">\n' + md(level["description"]) + "\n<dl>\n" + "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "\n</dl>\n</div>\n")
        if catalogue["guidelines"]:
            cells = []
            for g in catalogue["guidelines"]:
                fact = g["facts"].get("levels")
                view = esc(guideline_view(g, level["id"]))
                if fact:
                    view = f'<a href="{relative(here, guideline_url(g["id"]) + "#" + fact["section"])}">{view}</a>'
                cells.append(f'<tr><th scope="row">{esc(g.get("short_name") or g["organisation"])}</th><td>{view}</td></tr>')
            out.append(
                f'<table class="guideline-views">\n<caption>Så behandlar riktlinjerna nivån {esc(level["name"].lower())}</caption>\n'
                '<thead><tr><th scope="col">Riktlinje</th><th scope="col">Nivån i riktlinjen</th></tr></thead>\n<tbody>\n' + "\n".join(cells) + "\n</tbody></table>\n"
            )
        out.append(
            f'<p class="level-more"><a href="{relative(here, level_url(level["id"]))}">Alla {len(at_level)} metoder på nivån {esc(level["name"].lower())}</a></p>\n'
        )
    return "\n".join(out)


# Stacked tables (docs/assets/site.css): below a width that grows with the number of columns,
# each row of the table becomes a card. (columns at most, class)
_STACK_AT = ((2, "stack-s"), (3, "stack-m"), (5, "stack-l"))


def stack_class(columns: int) -> str:
    """The class that makes a table of this many columns stack into cards when it would not fit."""
    return next((cls for most, cls in _STACK_AT if columns <= most), "stack-xl")


def stack_label(header_html: str) -> str:
    """The attribute that names a cell's column while the table is stacked. The CSS shows it
    with an empty alternative text, so screen readers (which keep the table's own headers) do
    not hear it twice, and it is not in the page's text or the search index."""
    text = html.unescape(re.sub(r"<[^>]+>", "", header_html))
    return f' data-label="{esc(text)}"'


def fact_rows(rows: list[tuple[str, str]]) -> str:
    return '<dl class="fact-box">\n' + "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v) + "\n</dl>\n"


__all__ = ["stack_class", "stack_label", "by_id", "level_badge", "method_link", "staircase", "ladder_levels", "fact_rows", "md_inline"]
