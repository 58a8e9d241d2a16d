"""URL state: the chooser's input as a short query string, and back.

    to_query({"level": "dialog", "purposes": ["fordjupa"], "participants": 40})
    -> "l=dialog&p=fordjupa&n=40"

`from_query` never raises: unknown keys and ids are dropped with a notice (Swedish), values
are length-capped, and a round trip gives the same (normalised) input. Defaults are left out
of the query, so a link stays short. Standard library only.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from .engine import ANY_FORMAT, INPUT_LABELS, MAX_PARTICIPANTS, MAX_WEEKS, Chooser, ChooserInputError, validate_input
from .swedish import num

# input key -> query key, in the order they are written
KEYS = (
    ("influenceable", "i"),
    ("needs_views", "v"),
    ("level", "l"),
    ("purposes", "p"),
    ("target_groups", "t"),
    ("participants", "n"),
    ("weeks", "w"),
    ("budget", "b"),
    ("format", "f"),
    ("organisation", "o"),
    ("existing", "s"),
)
QUERY_KEYS = {short: key for key, short in KEYS}
MAX_QUERY = 2000  # characters of the whole query that are read
MAX_VALUE = 400  # characters of one value that are read
MAX_ITEMS = 40  # ids in one list
_INT = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6})?")
_UNKNOWN = {
    "level": "Okänd nivå",
    "purposes": "Okänt syfte",
    "target_groups": "Okänd målgrupp",
    "budget": "Okänd kostnadsnivå",
    "format": "Okänd form",
    "organisation": "Okänd organisation",
    "existing": "Okänd stående struktur",
}


def to_query(inp: dict, default_organisation: str | None = None) -> str:
    """A short query string (without "?") for an input; keys with default values are left out.

    `default_organisation` is the site's own guideline (mkdocs.yml extra.organisation): it is
    left out too, and "no guideline" on such a site is written as an explicit "o="."""
    parts = []
    for key, short in KEYS:
        value = inp.get(key)
        if key == "organisation" and default_organisation:
            if value != default_organisation:
                parts.append(f"{short}={quote(value or '', safe='-')}")
        elif key in ("influenceable", "needs_views"):
            if value is False:
                parts.append(f"{short}=0")
        elif key == "format":
            if value and value != ANY_FORMAT:
                parts.append(f"{short}={quote(value, safe='-')}")
        elif isinstance(value, list):
            if value:
                parts.append(f"{short}=" + ",".join(quote(v, safe="-") for v in value))
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int | float):
            parts.append(f"{short}={_number_text(value)}")
        elif isinstance(value, str):
            parts.append(f"{short}={quote(value, safe='-')}")
    return "&".join(parts)


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _show(text: str) -> str:
    """A piece of the query, safe to quote in a notice."""
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean if len(clean) <= 30 else clean[:30] + "…"


def from_query(query: Any, catalogue: Any, default_organisation: str | None = None) -> tuple[dict, list[str]]:
    """(normalised input, notices) for a query string; never raises.

    `catalogue` is the catalogue dict or a Chooser built on it. A query without "o" means the
    site's `default_organisation`, as the form shows it."""
    ch = catalogue if isinstance(catalogue, Chooser) else Chooser(catalogue)
    notices: list[str] = []
    try:
        raw = _parse(query, ch, notices)
        if default_organisation in ch.guidelines and "organisation" not in raw:
            raw["organisation"] = default_organisation
        return validate_input(raw, ch), notices
    except (ChooserInputError, ValueError, TypeError, KeyError, IndexError):  # defensive: _parse checks everything
        notices.append("Adressen gick inte att läsa; metodväljaren börjar från början.")
        return validate_input({}, ch), notices


# Inputs that are lists: a form sends one value per ticked box.
_LIST_INPUTS = frozenset({"purposes", "target_groups", "existing"})


def form_query(pairs: Any) -> str:
    """The query for a form's values as the browser sends them ([[name, value], ...], names
    are the query keys): repeated list keys joined, empty fields left out, numbers with a
    decimal comma read as a point. "o" is kept even when empty (explicitly no guideline).
    from_query then checks every value; the result is not canonical, to_query's is."""
    values: dict[str, list[str]] = {}
    for pair in pairs if isinstance(pairs, list | tuple) else []:
        if isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair):
            values.setdefault(pair[0], []).append(pair[1].strip()[:MAX_VALUE])
    parts = []
    for key, short in KEYS:
        given = values.get(short)
        if given is None:
            continue
        if key in _LIST_INPUTS:
            ids = [v for v in given if v]
            if ids:
                parts.append(f"{short}=" + ",".join(quote(v, safe="-") for v in ids))
        elif key == "organisation":
            parts.append(f"{short}={quote(given[0], safe='-')}")
        elif given[0]:
            value = given[0].replace(",", ".") if key in ("participants", "weeks") else given[0]
            parts.append(f"{short}={quote(value, safe='-.')}")
    return "&".join(parts)


def _parse(query: Any, ch: Chooser, notices: list[str]) -> dict:
    if not isinstance(query, str):
        notices.append("Adressen gick inte att läsa; metodväljaren börjar från början.")
        return {}
    if len(query) > MAX_QUERY:
        notices.append(f"Adressen var längre än {MAX_QUERY} tecken; resten lästes inte.")
        query = query[:MAX_QUERY]
    query = query.lstrip("?#")
    allowed = {
        "level": ch.levels,
        "purposes": list(ch.purposes),
        "target_groups": list(ch.groups),
        "budget": list(ch.costs),
        "format": [*ch.formats, ANY_FORMAT],
        "organisation": list(ch.guidelines),
        "existing": ch.standing_ids,
    }
    raw: dict[str, Any] = {}
    for part in query.split("&"):
        if not part:
            continue
        short, _, value = part.partition("=")
        short = unquote(short, errors="replace")
        key = QUERY_KEYS.get(short)
        if key is None:
            notices.append(f"Okänd del ”{_show(short)}” i adressen togs bort.")
            continue
        if len(value) > MAX_VALUE:
            notices.append(f"Värdet för {INPUT_LABELS[key]} var för långt och kortades.")
            value = value[:MAX_VALUE]
        value = unquote(value, errors="replace")
        if key in ("influenceable", "needs_views"):
            if value in ("0", "1"):
                raw[key] = value == "1"
            else:
                notices.append(f"Värdet ”{_show(value)}” för {INPUT_LABELS[key]} ska vara 0 eller 1 och togs bort.")
        elif key in ("purposes", "target_groups", "existing"):
            ids: list[str] = []
            for item in value.split(","):
                if not item:
                    continue
                if item not in allowed[key] and item not in ch.aliases.get(key, {}):
                    notices.append(f"{_UNKNOWN[key]} ”{_show(item)}” togs bort.")
                elif item not in ids:
                    if len(ids) >= MAX_ITEMS:
                        notices.append(f"Fler än {MAX_ITEMS} id i {INPUT_LABELS[key]}; resten togs bort.")
                        break
                    ids.append(item)
            raw[key] = ids
        elif key == "participants":
            if _INT.fullmatch(value) and 1 <= int(value) <= MAX_PARTICIPANTS:
                raw[key] = int(value)
            else:
                notices.append(f"Antalet deltagare ”{_show(value)}” ska vara ett heltal från 1 till {num(MAX_PARTICIPANTS)} och togs bort.")
        elif key == "weeks":
            if _DECIMAL.fullmatch(value) and float(value) <= MAX_WEEKS:
                raw[key] = float(value)
            else:
                notices.append(f"Antalet veckor ”{_show(value)}” ska vara ett tal från 0 till {num(MAX_WEEKS)} och togs bort.")
        elif key == "organisation" and value == "":
            raw[key] = None  # "o=": explicitly no guideline, on a site that has a default one
        else:
            if value in allowed[key]:
                raw[key] = value
            else:
                notices.append(f"{_UNKNOWN[key]} ”{_show(value)}” togs bort.")
    return raw
