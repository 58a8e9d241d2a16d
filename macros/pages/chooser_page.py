"""The chooser page (Metodväljaren): the form, the advice for the default input and the
catalogue for readers without JavaScript, all rendered at build time.

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

from .method_pages import cards
from .render import esc
from .templating import render
from .urls import CHOOSER_ASSETS, guideline_url, level_url, method_url, relative

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
        "chooser/form.html",
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


def results(view: dict) -> str:
    """The results and the plan for one view of the advice (chooser/view.py advice_view)."""
    return (
        '<section class="chooser-results" id="chooser-results" aria-labelledby="chooser-results-heading">'
        '<h2 id="chooser-results-heading" tabindex="-1">Förslag</h2>'
        f'<p class="chooser-count" id="chooser-count">{esc(view["count"])}</p>'
        f'<div class="chooser-share"{" hidden" if view["empty"] else ""}><button type="button" class="md-button" id="chooser-share" hidden>Dela</button>'
        '<button type="button" class="md-button" id="chooser-copy-link">Kopiera länk</button>'
        '<span class="chooser-action-status" id="chooser-share-status" role="status"></span></div>'
        '<p class="chooser-pending" id="chooser-pending" hidden>Förslagen för valen i formuläret visas när metodväljaren har laddats.</p>'
        + to_html(view["answer"])
        + '<p class="chooser-to-form"><a href="#chooser-form">Tillbaka till frågorna</a></p>'
        "</section>"
        '<section class="chooser-plan-section" id="chooser-plan-section" aria-labelledby="chooser-plan-heading">'
        '<h2 id="chooser-plan-heading">Utkast till plan</h2>'
        "<p>Planen fylls i från era val. Det som står inom [Fyll i: …] fyller ni i själva.</p>"
        f'<div class="chooser-plan-actions"{"" if view["plan_data"] else " hidden"}>'
        '<button type="button" class="md-button" id="chooser-copy">Kopiera</button>'
        '<button type="button" class="md-button" id="chooser-docx">Ladda ner Word (.docx)</button>'
        '<button type="button" class="md-button" id="chooser-download">Ladda ner Markdown</button>'
        '<button type="button" class="md-button" id="chooser-print">Skriv ut</button>'
        '<span class="chooser-action-status" id="chooser-action-status" role="status"></span></div>'
        + to_html(view["plan"])
        + "</section>"
    )


def catalogue_by_level(catalogue: dict, here: str) -> str:
    out = ['<div class="chooser-catalogue"><h2 id="katalogen">Alla metoder efter nivå</h2>']
    for level in catalogue["ladder"]["levels"]:
        main = [m for m in catalogue["methods"] if m["levels"][0] == level["id"]]
        out.append(f'<h3 id="niva-{esc(level["id"])}">{level["step"]}. {esc(level["name"])} ({len(main)})</h3>')
        out.append(f'<p>{esc(level["hallmark"])}. <a href="{relative(here, level_url(level["id"]))}">Alla metoder som passar nivån {esc(level["name"].lower())}</a></p>')
        out.append(str(cards(main, catalogue, here)).replace("\n", ""))
    out.append("</div>")
    return "".join(out)


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
    attrs = " ".join(f'{k}="{esc(v)}"' for k, v in config.items())
    html = (
        f'<div class="chooser" id="chooser" {attrs}>'
        f'<link rel="stylesheet" href="{to(CHOOSER_ASSETS)}chooser.css?v={rt.stamp}">'
        f'<script type="module" async src="{to(CHOOSER_ASSETS)}page.js?v={rt.stamp}"></script>'
        '<noscript><p class="chooser-nojs">Metodväljaren behöver JavaScript för att räkna fram förslag för era val. '
        'Här nedanför finns alla metoder ordnade efter nivå.</p></noscript>'
        '<p class="chooser-status" id="chooser-status" role="status"></p>'
        '<p class="chooser-progress" id="chooser-progress"><span>Laddar metodväljaren: 0 %</span> <progress max="100" value="0" aria-label="Metodväljaren laddas"></progress></p>'
        '<div class="chooser-failed" id="chooser-failed" hidden></div>'
        + str(form(catalogue, here, organisation_id))
        + results(view)
        + "<noscript>"
        + catalogue_by_level(catalogue, here)
        + "</noscript></div>"
    )
    # One raw HTML block for Markdown: a blank line would end it, so no line breaks at all.
    return html.replace("\r", "").replace("\n", " ")
