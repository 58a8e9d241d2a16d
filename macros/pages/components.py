"""Pieces built from the catalogue, shared by macros and generated pages: the ladder
(templates/ladder/) and small helpers on the catalogue's data.

Each function takes the page's own URL so that links stay relative and work on any host.
"""

from __future__ import annotations

from markupsafe import Markup

from .templating import render


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def methods_at(catalogue: dict, level_id: str) -> tuple[list[dict], list[dict]]:
    """The methods whose first (main) level is this level, and those that only also fit it."""
    fits = [m for m in catalogue["methods"] if level_id in m["levels"]]
    return [m for m in fits if m["levels"][0] == level_id], [m for m in fits if m["levels"][0] != level_id]


def staircase(catalogue: dict, here: str) -> Markup:
    """An ordered list drawn as stairs: screen readers hear five steps in order."""
    return render("staircase.html", here=here, levels=catalogue["ladder"]["levels"])


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


def ladder_levels(catalogue: dict, here: str, heading_level: int = 2) -> Markup:
    """Every level with its facts, example methods, its methods' page and the guidelines' view of it."""
    known = by_id(catalogue["methods"])
    ladder = []
    for level in catalogue["ladder"]["levels"]:
        views = []
        for g in catalogue["guidelines"]:
            fact = g["facts"].get("levels")
            views.append({"id": g["id"], "name": g.get("short_name") or g["organisation"], "text": guideline_view(g, level["id"]), "section": fact["section"] if fact else None})
        ladder.append(
            level
            | {
                "examples": [known[m] for m in level["example_methods"] if m in known],
                "views": views,
                "count": len(methods_at(catalogue, level["id"])[0]),
            }
        )
    return render("ladder_levels.md", here=here, ladder=ladder, heading_level=heading_level)


# Stacked tables (docs/assets/site.css): below a width that grows with the number of columns,
# each row of the table becomes a card. (columns at most, class)
_STACK_AT = ((2, "stack-s"), (3, "stack-m"), (5, "stack-l"))


def stack_class(columns: int) -> str:
    """The class that makes a table of this many columns stack into cards when it would not fit."""
    return next((cls for most, cls in _STACK_AT if columns <= most), "stack-xl")


__all__ = ["stack_class", "by_id", "methods_at", "staircase", "ladder_levels"]
