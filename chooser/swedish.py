"""Swedish text for the chooser's sentences, shared by the engine, the plan and the view:
numbers (18 000 with a non-breaking space, 0,5), names in lists and in the genitive.
Standard library only, like the rest of chooser/."""

from __future__ import annotations

NBSP = "\u00a0"

_SORT = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "æ": "z\x02", "ø": "z\x03", "é": "e", "è": "e", "ü": "y"})


def name_key(name: str) -> str:
    """Sort key for Swedish names: å, ä, ö after z."""
    return name.casefold().translate(_SORT)


def lc(text: str) -> str:
    """Lower-case the first letter, unless the word is an acronym (PBL)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def num(value: float) -> str:
    """A number the Swedish way: 16, 0,5, 2,25, 18 000 (non-breaking space from four digits)."""
    if float(value).is_integer():
        whole = int(value)
        return f"{whole:,}".replace(",", NBSP) if abs(whole) >= 1000 else str(whole)
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def genitive(name: str) -> str:
    """Alingsås -> Alingsås, Krokom -> Krokoms: a name ending in s, x or z takes no extra s."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def weeks_text(value: float) -> str:
    return f"{num(value)} vecka" if value == 1 else f"{num(value)} veckor"


def join(items: list[str]) -> str:
    """a, b och c; "barn och unga samt äldre" when a name has an "och" of its own."""
    if len(items) <= 1:
        return "".join(items)
    word = " samt " if any(" och " in item for item in items) else " och "
    return ", ".join(items[:-1]) + word + items[-1]


def span_text(low: float, high: float | None) -> str:
    """ "8–12", "minst 20", or "1" when both ends are the same."""
    if high is None:
        return f"minst {num(low)}"
    return num(low) if low == high else f"{num(low)}–{num(high)}"
