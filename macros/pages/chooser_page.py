"""The chooser page (Metodväljaren): the form, the advice for the default input and the
catalogue for readers without JavaScript, all rendered at build time (templates/chooser_form.html
and chooser_page.html, with the form's Swedish text).

The form's questions are the engine's inputs (chooser/engine.py, INPUT_KEYS) and each
control's name is the input's key in the URL (chooser/urlstate.py, KEYS), so the form, the
address and the engine agree. The advice is drawn from chooser/view.py's plain data, which
the worker sends to chooser/browser/page.js for every later answer: one view, two writers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from markupsafe import Markup

from chooser.urlstate import KEYS
from chooser.view import advice_view, to_html

from .components import methods_at
from .method_pages import method_view
from .templating import render
from .urls import CHOOSER_ASSETS, guideline_url, method_url, relative

# input key -> query key, from the engine (chooser/urlstate.py KEYS): the form's control names.
Q = dict(KEYS)

if TYPE_CHECKING:  # the runtime builds files with MkDocs; the page only reads its names
    from macros.publish.runtime import Runtime


def default_input(organisation_id: str | None) -> dict:
    """The input the form shows before the reader changes anything."""
    return {"organisation": organisation_id} if organisation_id else {}


# -- the form ---------------------------------------------------------------------------------


def form(catalogue: dict, here: str, organisation_id: str | None) -> Markup:
    """The questions that decide most come first (can the question be influenced, what should
    the dialogue achieve, who, how many, when); the rest sit under "Fler val"."""
    vocab = catalogue["vocabularies"]
    # Contract B: standing bodies the reader already has (input "existing", query key "s"),
    # offered once the engine reads them.
    standing = [m for m in catalogue["methods"] if m.get("standing_structure")] if "existing" in Q else []
    return render(
        "chooser_form.html",
        here=here,
        q=Q,
        purposes=vocab["purposes"]["items"],
        target_groups=vocab["target-groups"]["items"],
        levels=catalogue["ladder"]["levels"],
        quadrants=vocab["quadrants"]["items"],
        costs=vocab["cost-levels"]["items"],
        formats=[f for f in vocab["formats"]["items"] if not f.get("fits_any_format")],
        guidelines=catalogue["guidelines"],
        organisation_id=organisation_id,
        standing=standing,
    )


# -- the advice: chooser/view.py's tree, written as HTML --------------------------------------


def urls(here: str) -> dict:
    """Link templates relative to the chooser page (the same the page gives the worker)."""
    return {"method": relative(here, method_url("ID")), "guideline": relative(here, guideline_url("ID"))}


def organisations(catalogue: dict) -> dict[str, str]:
    return {g["id"]: g.get("organisation", g["id"]) for g in catalogue["guidelines"]}


def download_sizes(rt: Runtime, catalogue: dict) -> dict[str, int]:
    """Bytes of each file the worker loads (as unpacked), for the page's progress bar."""
    from macros.publish.open_data import catalogue_json

    sizes = rt.sizes or {}
    return {
        "wasm": sizes.get(rt.pyodide_dir + "pyodide.asm.wasm", 0),
        "asm": sizes.get(rt.pyodide_dir + "pyodide.asm.mjs", 0),
        "mjs": sizes.get(rt.pyodide_dir + "pyodide.mjs", 0),
        "stdlib": sizes.get(rt.stdlib, 0),
        "stdlib_pyc": sizes.get(rt.stdlib_pyc, 0),
        "package": sizes.get(rt.package, 0),
        "snapshot": sizes.get(rt.snapshot, 0) if rt.snapshot else 0,
        "catalogue": len(catalogue_json(catalogue).encode("utf-8")),
    }


def page(catalogue: dict, here: str, organisation_id: str | None, rt: Runtime) -> str:
    """The whole chooser: config for page.js, status line, form, advice and the catalogue."""
    from chooser.engine import Chooser

    advice = Chooser(catalogue).advise(default_input(organisation_id))
    view = advice_view(advice, urls(here), organisations(catalogue))
    to = lambda path: relative(here, path)  # noqa: E731
    config = {
        "data-worker": f"{to(CHOOSER_ASSETS)}worker.mjs?v={rt.stamp}",
        "data-pyodide": to(rt.pyodide_dir),
        "data-package": to(rt.package),
        "data-stdlib": to(rt.stdlib),
        "data-stdlib-pyc": to(rt.stdlib_pyc),
        "data-sizes": json.dumps(download_sizes(rt, catalogue), sort_keys=True),
        "data-snapshot": to(rt.snapshot) if rt.snapshot else "",
        "data-catalogue": to("data/catalogue.json"),
        "data-lock-info": json.dumps(rt.lock_info, sort_keys=True),
        "data-catalogue-page": to("metoder/"),
        "data-plan-export": f"{to(CHOOSER_ASSETS)}plan-export.mjs?v={rt.stamp}" if rt.plan_export else "",
        # What the worker needs besides the catalogue (chooser/worker.py setup).
        "data-settings": json.dumps({"organisation": organisation_id, "urls": urls(here)}, sort_keys=True),
        "data-plan": json.dumps(view["plan_data"], ensure_ascii=False),
    }
    html = render(
        "chooser_page.html",
        **method_view(catalogue, here),
        config=config,
        stamp=rt.stamp,
        form=form(catalogue, here, organisation_id),
        view=view,
        # chooser/view.py writes its own trees, escaping every text (the view shared with page.js);
        # a line break in its text is a space, as in the browser.
        answer=Markup(to_html(view["answer"]).replace("\n", " ")),
        plan=Markup(to_html(view["plan"]).replace("\n", " ")),
        by_level=[level | {"main": methods_at(catalogue, level["id"])[0]} for level in catalogue["ladder"]["levels"]],
    )
    # One raw HTML block for Markdown: a blank line would end it, so no line breaks at all.
    return html.replace("\r", "").replace("\n", " ")
