"""The method chooser: ranked, explained advice on citizen-dialogue methods.

Standard library only, so that the same code runs under CPython and in Pyodide. Give it the
catalogue as exported by the build (catalogue.json, a dict), never YAML:

    from chooser import Chooser
    chooser = Chooser(catalogue)                 # once; builds indexes
    advice = chooser.advise({"level": "dialog", "target_groups": ["ungdomar"]})
    advice["ranked"][0]["name"], advice["plan"]

    query = to_query(advice["input"])            # "l=dialog&t=ungdomar"
    inp, notices = from_query(query, chooser)    # never raises

README.md beside this file explains the scoring.
"""

from __future__ import annotations

from .engine import INPUT_KEYS, Chooser, ChooserInputError, load_weights, validate_input
from .urlstate import from_query, to_query

__all__ = ["INPUT_KEYS", "Chooser", "ChooserInputError", "advise", "from_query", "load_weights", "to_query", "validate_input"]


def advise(catalogue: dict, inp: dict) -> dict:
    """One-off advice; build a Chooser yourself when advising more than once."""
    return Chooser(catalogue).advise(inp)
