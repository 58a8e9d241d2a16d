"""The chooser's side of the browser worker: what chooser/browser/worker.mjs calls in Pyodide.

    setup(catalogue_text, settings_text)  # once: builds the Chooser; returns the method count
    answer(request_text) -> JSON text     # per question from the page

A request is {"query": "l=dialog&p=fordjupa"} (an address: a shared link, back/forward) or
{"form": [["l", "dialog"], ["p", "fordjupa"], ...]} (the form's values as the browser sends
them). The answer holds the engine's canonical query (the page puts it in the address), its
notices, the counts and the view of the advice (chooser/view.py), the same data the build
draws as HTML. The CPython tests call these functions too (tests/test_chooser_runtime.py).

Standard library only. `preload()` imports every module the package imports, so that a memory
snapshot taken after it (chooser/browser/make_snapshot.mjs) needs no import later.
"""

from __future__ import annotations

import ast
import importlib
import json
import pathlib
import time

from .engine import Chooser, load_weights
from .urlstate import form_query, from_query, to_query
from .view import advice_view

_weights = load_weights()  # read now, so that a start from the snapshot needs no file
_state: dict = {}


def preload() -> None:
    """Import every module that chooser/*.py imports (also inside functions)."""
    root = pathlib.Path(__file__).parent
    for path in sorted(root.glob("*.py")):
        if path.stem == "__main__":
            continue
        names = [] if path.stem == "__init__" else ["chooser." + path.stem]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.append(node.module)
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError:
                pass


def setup(catalogue_text: str, settings_text: str = "{}") -> int:
    """Build the Chooser once. Settings: {"organisation": the site's default guideline or
    null, "urls": {"method": "../metoder/ID/", "guideline": "../riktlinjer/ID/"}}."""
    settings = json.loads(settings_text or "{}")
    chooser = Chooser(json.loads(catalogue_text), _weights)
    organisation = settings.get("organisation")
    _state.update(
        chooser=chooser,
        organisation=organisation if organisation in chooser.guidelines else None,
        urls=settings.get("urls") or {"method": "ID", "guideline": "ID"},
        organisations={g["id"]: g.get("organisation", g["id"]) for g in chooser.catalogue["guidelines"]},
    )
    return len(chooser.methods)


def respond(request: dict) -> dict:
    """The answer for one request, as a dict (see the module's docstring)."""
    started = time.perf_counter()
    chooser, organisation = _state["chooser"], _state["organisation"]
    query = form_query(request["form"]) if "form" in request else str(request.get("query") or "")
    inp, notices = from_query(query.lstrip("?"), chooser, organisation)
    advice = chooser.advise(inp)
    view = advice_view(advice, _state["urls"], _state["organisations"], notices)
    return {
        "query": to_query(inp, organisation),
        "notices": notices,
        "counts": advice.get("counts"),
        "ranked": [entry["id"] for entry in advice["ranked"]],
        "view": view,
        # Until chooser/plan.py returns plain data (contract C) its Markdown is the fallback
        # download when plan-export.mjs is not there.
        "plan_markdown": advice["plan"] if isinstance(advice.get("plan"), str) else "",
        "python_ms": (time.perf_counter() - started) * 1000,
    }


def answer(request_text: str) -> str:
    """respond() for the worker: JSON text in, JSON text out."""
    return json.dumps(respond(json.loads(request_text)), ensure_ascii=False)
