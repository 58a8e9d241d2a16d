"""The method catalogue seen several ways, all plain HTML that works without JavaScript
(templates/cards_by_level.md, catalogue_filter.html, methods_table.html, methods_by.md)."""

from __future__ import annotations

from markupsafe import Markup

from .components import methods_at
from .method_pages import method_view
from .templating import render

# The filter's groups: (URL key, legend, vocabulary, data attribute of a card). The keys are
# those of the chooser's address (chooser/urlstate.py) where they mean the same.
FILTERS = (
    ("l", "Nivå på trappan", "levels", "levels"),
    ("p", "Syfte", "purposes", "purposes"),
    ("t", "Målgrupp", "target-groups", "groups"),
    ("f", "Form", "formats", "formats"),
    ("c", "Kostnad", "cost-levels", "cost"),
)


def filter_groups(catalogue: dict) -> list[dict]:
    """The filter's groups with their options (value, label), in the order of FILTERS."""
    vocab = catalogue["vocabularies"]
    groups = []
    for key, legend, source, attribute in FILTERS:
        if source == "levels":
            options = [(i["id"], f"{i['step']}. {i['name']}") for i in catalogue["ladder"]["levels"]]
        elif source == "target-groups":
            options = [(i["id"], i["name"]) for i in vocab["target-groups"]["items"] + vocab["quadrants"]["items"]]
        else:
            options = [(i["id"], i["name"]) for i in vocab[source]["items"]]
        groups.append({"key": key, "legend": legend, "attribute": attribute, "options": options})
    return groups


def cards_by_level(catalogue: dict, here: str) -> Markup:
    """The filter, then every method as a card under its main level."""
    by_level = [level | {"main": methods_at(catalogue, level["id"])[0]} for level in catalogue["ladder"]["levels"]]
    return render("cards_by_level.md", **method_view(catalogue, here), groups=filter_groups(catalogue), by_level=by_level)


METHODS_TABLE_HEAD = ("Metod", "Nivå", "Syften", "Målgrupper", "Form", "Deltagare", "Kalendertid", "Kostnad")


def methods_table(catalogue: dict, here: str) -> Markup:
    return render("methods_table.html", **method_view(catalogue, here), head=METHODS_TABLE_HEAD, rows=catalogue["methods"])


# A field of a method -> the vocabulary its values come from (quadrants are target groups too).
BY_FIELD = {"purposes": ("purposes", "purposes"), "target_groups": ("target-groups", "target_groups"), "formats": ("formats", "formats"), "quadrants": ("quadrants", "target_groups")}


def methods_by(catalogue: dict, here: str, field: str) -> Markup:
    """A section per purpose, target group or format, listing the methods that have it."""
    vocab_name, source_field = BY_FIELD[field]
    items = [item | {"methods": [m for m in catalogue["methods"] if item["id"] in m[source_field]]} for item in catalogue["vocabularies"][vocab_name]["items"]]
    return render("methods_by.md", here=here, items=items)
