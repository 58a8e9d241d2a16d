"""Generated pages of the method catalogue: one per method and one per ladder level. The
view data is built here; the markup is in templates/method_page.md, level_page.md and
partials/method_cards.html."""

from __future__ import annotations

from markupsafe import Markup

from macros.loader.schemas import labels

from .components import by_id, methods_at
from .templating import render
from .urls import level_url, method_url

ASPECTS = labels("method", "accessibility", "aspect")
FACILITATION = labels("method", "facilitation", "level")


def method_view(catalogue: dict, here: str) -> dict:
    """What the method templates (page, cards) read besides the method itself."""
    vocab = catalogue["vocabularies"]
    return {
        "here": here,
        "vocab": vocab,
        "levels": by_id(catalogue["ladder"]["levels"]),
        "methods": by_id(catalogue["methods"]),
        "guidelines": by_id(catalogue["guidelines"]),
        "cost_names": {c["id"]: c["name"] for c in vocab["cost-levels"]["items"]},
        "aspects": ASPECTS,
        "facilitation": FACILITATION,
    }


def method_page(method: dict, catalogue: dict) -> str:
    view = method_view(catalogue, method_url(method["id"]))
    return render("method_page.md", **view, m=method, sources=by_id(method["sources"]))


def level_page(level: dict, catalogue: dict) -> str:
    main, also = methods_at(catalogue, level["id"])
    return render("level_page.md", **method_view(catalogue, level_url(level["id"])), level=level, main=main, also=also)


def cards(methods: list[dict], catalogue: dict, here: str) -> Markup:
    """Method cards (templates/partials/method_cards.html) for a hand-written page."""
    return render("cards.html", **method_view(catalogue, here), cards=methods)
