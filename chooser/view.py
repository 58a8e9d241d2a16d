"""One view of the advice: the engine's answer as plain data, drawn by the build and the page.

    tree = advice_view(advice, chooser, urls)   # {"count": str, "answer": node, "plan": node, ...}

A node is a list ``[tag, {attribute: value}, child, ...]`` whose children are nodes or plain
strings (text, never mark-up). The build writes it as HTML (`to_html` below, used by
macros/pages/chooser_page.py) and the page turns it into DOM nodes with a small generic function
(`build` in chooser/browser/page.js, textContent only), so the two drawings are equal by
construction. Only the tags and attributes listed here may appear; links are relative or
https, never javascript:.

Standard library only: it runs under CPython at build time and in Pyodide in the worker.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from .swedish import genitive

TAGS = frozenset(
    "a details div h3 h4 li meter ol p section span strong summary table tbody td th thead tr ul".split()
)
ATTRIBUTES = frozenset(
    "aria-hidden aria-label class data-id data-tier hidden href id max min open scope start value".split()
)
_SAFE_HREF = re.compile(r"(https://|\.\.?/|#|[a-z0-9-]+/)", re.IGNORECASE)
ROLE_NAMES = {"information": "Information först", "main": "Huvudmetod", "outreach": "Når dem som sällan deltar"}
# Contract B tiers; words shown instead of a bare score.
TIER_NAMES = {"good": "Passar väl", "partial": "Passar delvis", "poor": "Passar inte"}
TOP_CARDS = 3  # methods shown as short cards first
def number(value: float) -> str:
    """Swedish digits: 18 000 with a non-breaking space, 0,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def _n(tag: str, attrs: dict | None = None, *children: Any) -> list:
    out: list = [tag, {k: v for k, v in (attrs or {}).items() if v is not None and v is not False}]
    for child in children:
        if child is None or child == "":
            continue
        if isinstance(child, tuple):
            out.extend(c for c in child if c is not None and c != "")
        else:
            out.append(child)
    return out


def _url(template: str, ident: str, fragment: str = "") -> str:
    return template.replace("ID", quote(ident, safe="-")) + (f"#{quote(fragment, safe='-')}" if fragment else "")


def is_empty(advice: dict) -> bool:
    """True when the reader has chosen nothing yet: the page invites an answer instead of ranking."""
    return bool(advice["empty"])


def count_text(advice: dict) -> str:
    if is_empty(advice):
        return "Svara på frågorna så föreslår metodväljaren metoder."
    counts = advice["counts"]
    return f"{number(counts['good'])} passar väl, {number(counts['partial'])} delvis, {number(counts['poor'] + counts['excluded'])} passar inte."


# -- the answer --------------------------------------------------------------------------------


def _notices(advice: dict, extra: list[str]) -> list:
    out = []
    for item in [*advice.get("notice", []), *({"text": t} for t in extra)]:
        source = item.get("source")
        out.append(_n("div", {"class": "chooser-notice"}, _n("p", {}, item["text"]), _n("p", {"class": "chooser-notice-source"}, f"Källa: {source}") if source else None))
    return out


def _score(entry: dict) -> list:
    score = max(0, min(100, int(entry["score"])))
    words = TIER_NAMES.get(entry.get("tier", ""))
    text = f"{words}: {number(score)} av 100 poäng" if words else f"{number(score)} av 100 poäng"
    return _n(
        "div",
        {"class": "chooser-score"},
        _n("meter", {"class": "chooser-bar", "min": "0", "max": "100", "value": str(score), "aria-hidden": "true"}),
        _n("span", {"class": "chooser-score-text"}, text),
    )


def _first(items: list[str]) -> str:
    return items[0] if items else ""


def _card(entry: dict, urls: dict) -> list:
    """A short card: name, how well it fits in words, one plain "why" line, the main caveat."""
    why = _first(entry.get("reasons", []))
    caveat = _first(entry.get("caveats", []))
    return _n(
        "li",
        {"class": "chooser-method chooser-card", "data-id": entry["id"], "data-tier": entry.get("tier")},
        _n("h4", {"class": "chooser-method-name"}, _n("a", {"href": _url(urls["method"], entry["id"])}, entry["name"])),
        _score(entry),
        _n("p", {"class": "chooser-why"}, _n("strong", {}, "Varför: "), why) if why else _n("p", {"class": "chooser-why"}, entry.get("summary", "")),
        _n("p", {"class": "chooser-sessions"}, _n("strong", {}, "Omfattning: "), entry["sessions_text"]) if entry.get("sessions_text") else None,
        _n("p", {"class": "chooser-caveat"}, _n("strong", {}, "Tänk på: "), caveat) if caveat else None,
    )


def _items(css: str, label: str, items: list[str]) -> tuple:
    if not items:
        return ()
    return (_n("p", {"class": "chooser-list-label"}, label), _n("ul", {"class": css}, *(_n("li", {}, i) for i in items)))


def _method(entry: dict, urls: dict) -> list:
    return _n(
        "li",
        {"class": "chooser-method", "data-id": entry["id"], "data-tier": entry.get("tier")},
        _n("h4", {"class": "chooser-method-name"}, _n("a", {"href": _url(urls["method"], entry["id"])}, entry["name"])),
        _score(entry),
        _n("p", {"class": "chooser-summary"}, entry.get("summary", "")),
        _n("p", {"class": "chooser-sessions"}, _n("strong", {}, "Omfattning: "), entry["sessions_text"]) if entry.get("sessions_text") else None,
        _items("chooser-reasons", "Det här talar för metoden:", entry.get("reasons", [])),
        _items("chooser-caveats", "Tänk på:", entry.get("caveats", [])),
    )


def _ranked(advice: dict, urls: dict) -> list:
    ranked = advice["ranked"]
    if not ranked:
        return [_n("p", {"class": "chooser-empty"}, "Ingen metod i katalogen klarar alla era ramar. Se skälen under ”Metoder som inte passar” och pröva att ändra ramarna.")]
    top = [e for e in ranked[:TOP_CARDS] if e.get("tier") != "poor"] or ranked[:1]
    rest = ranked[len(top) :]
    out = [
        _n("h3", {"id": "chooser-top-heading"}, "Bäst för era val"),
        _n(
            "p",
            {"class": "chooser-hint"},
            "Poängen (0–100) visar hur väl metoden stämmer med det ni har valt: 100 när den stämmer på varje punkt. Metoder som inte ryms i era ramar får ingen poäng.",
        ),
        _n("ol", {"class": "chooser-ranked chooser-cards"}, *(_card(e, urls) for e in top)),
    ]
    if rest:
        # The rest, in full, one tap away: the cards, the combination and the plan stay near.
        out.append(
            _n(
                "details",
                {"class": "chooser-more"},
                _n("summary", {}, f"Visa {number(len(rest))} metoder till som passar, bäst först"),
                _n("ol", {"class": "chooser-ranked", "start": str(len(top) + 1)}, *(_method(e, urls) for e in rest)),
            )
        )
    return out


def _combination(advice: dict, urls: dict) -> list:
    steps = advice["combination"]
    if not steps:
        return []
    items = [
        _n("li", {}, _n("span", {"class": "chooser-role"}, f"{ROLE_NAMES.get(s['role'], s['role'])}:"), " ", _n("a", {"href": _url(urls["method"], s["id"])}, s["name"]), f". {s['why']}")
        for s in steps
    ]
    return [_n("h3", {"id": "chooser-combination-heading"}, "Förslag på kombination"), _n("ol", {"class": "chooser-steps"}, *items)]


def _excluded(advice: dict, urls: dict) -> list:
    excluded = advice["excluded"]
    if not excluded:
        return []
    items = [_n("li", {}, _n("a", {"href": _url(urls["method"], e["id"])}, e["name"]), f": {e['reason']}") for e in excluded]
    return [
        _n(
            "details",
            {"class": "chooser-excluded", "id": "chooser-excluded"},
            _n("summary", {}, f"Visa {number(len(excluded))} metoder som inte ryms i era ramar, med skälen"),
            _n("ul", {}, *items),
        )
    ]


def _requirements(advice: dict, urls: dict, organisations: dict[str, str]) -> list:
    reqs = advice.get("requirements") or []
    if not reqs:
        return []
    items = []
    for r in reqs:
        source = None
        if r.get("guideline") and r.get("section"):
            heading = r.get("section_heading") or "riktlinjen"
            source = (" ", _n("a", {"class": "chooser-source", "href": _url(urls["guideline"], r["guideline"], r["section"])}, f"Läs i riktlinjen: {heading}"))
        items.append(_n("li", {}, _n("strong", {}, f"{r['title']}:"), f" {r['text']}", source))
    name = organisations.get(reqs[0].get("guideline") or "")
    return [
        _n("h3", {"id": "chooser-requirements-heading"}, "Vad riktlinjen kräver"),
        _n("p", {}, f"Så säger {genitive(name)} riktlinje om en dialog som den här:") if name else None,
        _n("ul", {"class": "chooser-requirements"}, *items),
    ]


def _invitation() -> list:
    return [
        _n(
            "div",
            {"class": "chooser-invitation"},
            _n("p", {}, _n("strong", {}, "Svara på frågorna ovan, så föreslår metodväljaren metoder som passar er dialog.")),
            _n("p", {}, "De fem första frågorna avgör mest: om frågan går att påverka, vad dialogen ska åstadkomma, vilka ni behöver nå, hur många och hur lång tid ni har."),
        )
    ]


def answer_tree(advice: dict, urls: dict, organisations: dict[str, str], extra_notices: list[str] | None = None) -> list:
    """The results region (#chooser-answer): notices, then cards, combination, the rest."""
    notices = _notices(advice, list(extra_notices or []))
    if is_empty(advice):
        body = _invitation() + [x for x in _requirements(advice, urls, organisations) if x is not None]
    else:
        ranked = _ranked(advice, urls)
        # The cards, then the suggested combination, then the rest (collapsed) and the others.
        cards, rest = ranked[:3], ranked[3:]
        body = cards + _combination(advice, urls) + rest + _excluded(advice, urls) + _requirements(advice, urls, organisations)
    return _n("div", {"class": "chooser-answer", "id": "chooser-answer"}, *notices, *[b for b in body if b is not None])


# -- the plan (contract C) ---------------------------------------------------------------------


def _runs(runs: list[dict]) -> tuple:
    out = []
    for run in runs:
        text = run.get("text", "")
        if run.get("strong"):
            out.append(_n("strong", {}, text))
        elif run.get("blank"):
            out.append(_n("span", {"class": "chooser-blank"}, text))
        elif run.get("href") and _SAFE_HREF.match(run["href"]):
            out.append(_n("a", {"href": run["href"]}, text))
        else:
            out.append(text)
    return tuple(out)


def _block(block: dict) -> list:
    kind = block.get("type")
    if kind == "paragraph":
        return _n("p", {}, _runs(block["runs"]))
    if kind == "list":
        return _n("ol" if block.get("ordered") else "ul", {}, *(_n("li", {}, _runs(item)) for item in block["items"]))
    if kind == "checklist":
        return _n("ul", {"class": "chooser-checklist"}, *(_n("li", {}, _n("span", {"aria-hidden": "true"}, "☐ "), _runs(item)) for item in block["items"]))
    if kind == "table":
        return _n(
            "table",
            {},
            _n("thead", {}, _n("tr", {}, *(_n("th", {"scope": "col"}, h) for h in block["header"]))),
            _n("tbody", {}, *(_n("tr", {}, *(_n("td", {}, _runs(cell)) for cell in row)) for row in block["rows"])),
        )
    raise ValueError(f"unknown plan block {kind!r}")


def plan_tree(plan: dict | None) -> list:
    if not plan:
        return _n("div", {"class": "chooser-plan", "id": "chooser-plan"}, _n("p", {"class": "chooser-empty"}, "Planen fylls i när ni har svarat på frågorna."))
    # The date and the link back are the page's to write (page.js planMade), not the engine's.
    children: list = [_n("h3", {}, plan["title"]), _n("p", {"class": "chooser-plan-made", "id": "chooser-plan-made", "hidden": True}), _n("p", {}, _runs(plan.get("intro", [])))]
    if plan.get("choices"):
        children.append(_n("p", {"class": "chooser-list-label"}, "Planen bygger på era val:"))
        children.append(_n("ul", {"class": "chooser-plan-choices"}, *(_n("li", {}, _n("strong", {}, f"{c['label']}: "), c["value"]) for c in plan["choices"])))
    for section in plan["sections"]:
        children.append(_n("h4", {"id": f"plan-{section['id']}"}, section["heading"]))
        children.extend(_block(b) for b in section["blocks"])
    return _n("div", {"class": "chooser-plan", "id": "chooser-plan"}, *children)


_BOLD_OR_BLANK = re.compile(r"\*\*(.+?)\*\*|(\[Fyll i:[^\]]*\])")


def _md_runs(text: str) -> list[dict]:
    runs, last = [], 0
    for match in _BOLD_OR_BLANK.finditer(text):
        if match.start() > last:
            runs.append({"text": text[last : match.start()]})
        runs.append({"text": match.group(1), "strong": True} if match.group(1) else {"text": match.group(2), "blank": True})
        last = match.end()
    if last < len(text):
        runs.append({"text": text[last:]})
    return runs


def plan_data(advice: dict) -> dict | None:
    """The plan as contract C's plain data (None for an empty form)."""
    if is_empty(advice):
        return None
    plan = advice.get("plan")
    return plan


# -- the whole view and its HTML ---------------------------------------------------------------


def advice_view(advice: dict, urls: dict, organisations: dict[str, str], extra_notices: list[str] | None = None) -> dict:
    """Everything the page shows for one answer, as plain data."""
    plan = plan_data(advice)
    count = count_text(advice)
    top = advice["ranked"][0]["name"] if advice["ranked"] and not is_empty(advice) else ""
    return {
        "empty": is_empty(advice),
        "count": count,
        # What the live region says after an answer: what changed, in one sentence or two.
        "announce": f"Förslagen är uppdaterade. {count} Först: {top}." if top else ("Metodväljaren är klar." if is_empty(advice) else count),
        "answer": answer_tree(advice, urls, organisations, extra_notices),
        "plan": plan_tree(plan),
        "plan_data": plan,
    }


def _escape(text: str, quote_marks: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00a0", "&nbsp;")
    return text.replace('"', "&quot;") if quote_marks else text


def to_html(node: Any) -> str:
    """A node as HTML, every text escaped. Refuses tags, attributes and links outside the lists."""
    if isinstance(node, str):
        return _escape(node)
    tag, attrs, *children = node
    if tag not in TAGS:
        raise ValueError(f"tag {tag!r} is not allowed in the advice view")
    parts = [f"<{tag}"]
    for name, value in attrs.items():
        if name not in ATTRIBUTES:
            raise ValueError(f"attribute {name!r} is not allowed in the advice view")
        if name == "href" and not _SAFE_HREF.match(str(value)):
            raise ValueError(f"link {value!r} is not allowed in the advice view")
        parts.append(f" {name}" if value is True else f' {name}="{_escape(str(value), True)}"')
    parts.append(">")
    parts.extend(to_html(c) for c in children)
    parts.append(f"</{tag}>")
    return "".join(parts)
