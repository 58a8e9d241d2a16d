"""The chooser page (Metodväljaren): the form, the advice for the default input and the
catalogue for readers without JavaScript, all rendered at build time.

The form's questions are the engine's inputs (chooser/engine.py, INPUT_KEYS) and each
control's name is the input's key in the URL (chooser/urlstate.py, KEYS), so the form, the
address and the engine agree. The advice is rendered here by the same engine that runs in the
browser; chooser/browser/page.js renders later answers into the same HTML structure.
"""

from __future__ import annotations

import json

from chooser.urlstate import KEYS

from .components import by_id
from .method_pages import cards
from .render import esc, number
from .runtime import CHOOSER_ASSETS, Runtime
from .site import guideline_url, level_url, method_url, relative

# input key -> query key, from the engine (chooser/urlstate.py KEYS): the form's control names.
Q = dict(KEYS)
ROLE_NAMES = {"information": "Information först", "main": "Huvudmetod", "outreach": "Når dem som sällan deltar"}


def default_input(organisation_id: str | None) -> dict:
    """The input the form shows before the reader changes anything."""
    return {"organisation": organisation_id} if organisation_id else {}


# -- the form ---------------------------------------------------------------------------------


def _hint(hint_id: str, text: str) -> str:
    return f'<p class="chooser-hint" id="{hint_id}">{text}</p>'


def _choice(kind: str, name: str, value: str, label: str, checked: bool, hint: str = "") -> str:
    control_id = f"chooser-{name}-{value or 'none'}"
    described = f' aria-describedby="{control_id}-hint"' if hint else ""
    hint_html = f'<span class="chooser-hint" id="{control_id}-hint">{esc(hint)}</span>' if hint else ""
    return (
        f'<div class="chooser-choice"><input type="{kind}" id="{control_id}" name="{name}" value="{esc(value)}"'
        f'{" checked" if checked else ""}{described}>'
        f'<label for="{control_id}">{esc(label)}</label>{hint_html}</div>'
    )


def _fieldset(legend: str, hint: str, body: str, css: str = "", fieldset_id: str = "") -> str:
    hint_id = f"{fieldset_id}-hint" if fieldset_id else ""
    attrs = f' id="{fieldset_id}"' if fieldset_id else ""
    attrs += f' class="chooser-fieldset{(" " + css) if css else ""}"'
    if hint:
        attrs += f' aria-describedby="{hint_id}"'
    return f"<fieldset{attrs}><legend>{legend}</legend>{_hint(hint_id, hint) if hint else ''}{body}</fieldset>"


def form(catalogue: dict, here: str, organisation_id: str | None) -> str:
    vocab = catalogue["vocabularies"]
    out = ['<form id="chooser-form" class="chooser-form" method="get" novalidate>']

    yes_no = [("1", "Ja"), ("0", "Nej")]
    out.append(
        _fieldset(
            "Frågan",
            "Medborgardialog passar när invånarna kan påverka frågan och de förtroendevalda behöver veta vad de tycker.",
            '<fieldset class="chooser-subfieldset"><legend>Kan invånarna fortfarande påverka frågan?</legend>'
            + "".join(_choice("radio", Q["influenceable"], v, t, v == "1") for v, t in yes_no)
            + "</fieldset>"
            + '<fieldset class="chooser-subfieldset"><legend>Behöver de förtroendevalda veta vad invånarna tycker, värderar eller prioriterar?</legend>'
            + "".join(_choice("radio", Q["needs_views"], v, t, v == "1") for v, t in yes_no)
            + "</fieldset>",
            fieldset_id="chooser-question",
        )
    )

    levels = [_choice("radio", Q["level"], "", "Vet inte än", True, "Metodväljaren väger då inte in nivån.")]
    for level in catalogue["ladder"]["levels"]:
        levels.append(_choice("radio", Q["level"], level["id"], f"{level['step']}. {level['name']}", False, f"Invånarna får {level['citizens_get'].lower()}. {level['hallmark']}."))
    out.append(
        _fieldset(
            "Hur mycket inflytande får invånarna?",
            f'Stegen på delaktighetstrappan. <a href="{relative(here, "trappan/")}">Läs mer om trappan</a>.',
            "".join(levels),
            "chooser-levels",
            "chooser-level",
        )
    )

    purposes = [_choice("checkbox", Q["purposes"], p["id"], p["name"], False, p["description"]) for p in vocab["purposes"]["items"]]
    out.append(_fieldset("Vad ska dialogen åstadkomma?", "Välj ett eller flera syften.", "".join(purposes), "chooser-columns", "chooser-purpose"))

    groups = "".join(_choice("checkbox", Q["target_groups"], g["id"], g["name"], False) for g in vocab["target-groups"]["items"])
    quadrants = "".join(_choice("checkbox", Q["target_groups"], q["id"], q["name"], False, q["description"]) for q in vocab["quadrants"]["items"])
    out.append(
        _fieldset(
            "Vilka behöver ni nå?",
            f'Välj de grupper som berörs. Grupper som sällan deltar behöver ofta sökas upp där de redan finns. <a href="{relative(here, "malgruppsanalys/")}">Så gör ni en målgruppsanalys</a>.',
            f'<fieldset class="chooser-subfieldset chooser-columns"><legend>Grupper</legend>{groups}</fieldset>'
            f'<fieldset class="chooser-subfieldset"><legend>Målgruppsanalysens fyra grupper</legend>{quadrants}</fieldset>',
            "",
            "chooser-groups",
        )
    )

    costs = "".join(f'<option value="{esc(c["id"])}">{esc(c["name"])}: {esc(c["description"])}</option>' for c in vocab["cost-levels"]["items"])
    formats = [_choice("radio", Q["format"], "any", "Spelar ingen roll", True)]
    formats += [_choice("radio", Q["format"], f["id"], f["name"], False, f["description"]) for f in vocab["formats"]["items"] if not f.get("fits_any_format")]
    out.append(
        _fieldset(
            "Era ramar",
            "Lämna fältet tomt om ni inte vet. Metoder som inte ryms i ramarna visas i en egen lista med skälet.",
            '<div class="chooser-field"><label for="chooser-n">Ungefär hur många deltagare väntar ni er?</label>'
            '<span class="chooser-hint" id="chooser-n-hint">Ett heltal, till exempel 40.</span>'
            f'<input type="number" id="chooser-n" name="{Q["participants"]}" min="1" max="10000000" step="1" inputmode="numeric" aria-describedby="chooser-n-hint"></div>'
            '<div class="chooser-field"><label for="chooser-w">Hur många veckor har ni på er?</label>'
            '<span class="chooser-hint" id="chooser-w-hint">Från beslutet om dialogen till att resultatet behövs, till exempel 8.</span>'
            f'<input type="number" id="chooser-w" name="{Q["weeks"]}" min="0" max="1000" step="any" inputmode="decimal" aria-describedby="chooser-w-hint"></div>'
            '<div class="chooser-field"><label for="chooser-b">Hur stor är budgeten?</label>'
            '<span class="chooser-hint" id="chooser-b-hint">Utöver arbetstiden för den som håller i dialogen.</span>'
            f'<select id="chooser-b" name="{Q["budget"]}" aria-describedby="chooser-b-hint"><option value="" selected>Ingen gräns angiven</option>{costs}</select></div>'
            '<fieldset class="chooser-subfieldset"><legend>Ska dialogen vara fysisk eller digital?</legend>' + "".join(formats) + "</fieldset>",
            "",
            "chooser-limits",
        )
    )

    options = ['<option value=""' + ("" if organisation_id else " selected") + ">Ingen särskild riktlinje</option>"]
    for g in catalogue["guidelines"]:
        selected = " selected" if g["id"] == organisation_id else ""
        options.append(f'<option value="{esc(g["id"])}"{selected}>{esc(g["organisation"])}</option>')
    out.append(
        _fieldset(
            "Vilken riktlinje gäller?",
            "",
            '<div class="chooser-field"><label for="chooser-o">Organisationens riktlinje för medborgardialog</label>'
            '<span class="chooser-hint" id="chooser-o-hint">Metodväljaren tar då med vad riktlinjen kräver och ger extra poäng åt metoder som riktlinjen nämner.</span>'
            f'<select id="chooser-o" name="{Q["organisation"]}" aria-describedby="chooser-o-hint">{"".join(options)}</select></div>',
            "",
            "chooser-organisation",
        )
    )
    out.append(
        '<div class="chooser-buttons"><button type="submit" class="md-button md-button--primary" id="chooser-submit">Visa förslag</button>'
        '<button type="button" class="md-button" id="chooser-reset">Börja om</button></div>'
    )
    out.append("</form>")
    return "".join(out)


# -- the advice -------------------------------------------------------------------------------


def _score(score: int) -> str:
    score = max(0, min(100, int(score)))
    return (
        f'<div class="chooser-score"><meter class="chooser-bar" min="0" max="100" value="{score}" aria-hidden="true"></meter>'
        f'<span class="chooser-score-text">{number(score)} av 100</span></div>'
    )


def _items(css: str, label: str, items: list[str]) -> str:
    if not items:
        return ""
    return f'<p class="chooser-list-label">{label}</p><ul class="{css}">' + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


SHOWN_FIRST = 10  # methods shown in full; the rest are in a collapsed list (same in page.js)


def ranked_html(advice: dict, here: str) -> str:
    ranked = advice["ranked"]
    if not ranked:
        return '<p class="chooser-empty">Ingen metod i katalogen klarar alla era ramar. Se skälen under ”Metoder som inte passar” och pröva att ändra ramarna.</p>'
    items = []
    for index, entry in enumerate(ranked):
        if index == SHOWN_FIRST:
            # The rest stays one click away, so that the combination and the plan are near.
            items.append(f'</ol><details class="chooser-more"><summary>Visa {number(len(ranked) - SHOWN_FIRST)} metoder till som passar</summary><ol class="chooser-ranked" start="{SHOWN_FIRST + 1}">')
        items.append(
            f'<li class="chooser-method" data-id="{esc(entry["id"])}">'
            f'<h4 class="chooser-method-name"><a href="{relative(here, method_url(entry["id"]))}">{esc(entry["name"])}</a></h4>'
            + _score(entry["score"])
            + f'<p class="chooser-summary">{esc(entry["summary"])}</p>'
            + _items("chooser-reasons", "Det här talar för metoden:", entry["reasons"])
            + _items("chooser-caveats", "Tänk på:", entry["caveats"])
            + "</li>"
        )
    return '<ol class="chooser-ranked">' + "".join(items) + "</ol>" + ("</details>" if len(ranked) > SHOWN_FIRST else "")


def excluded_html(advice: dict, here: str) -> str:
    excluded = advice["excluded"]
    if not excluded:
        return '<p class="chooser-empty">Alla metoder ryms i era ramar.</p>'
    items = "".join(
        f'<li><a href="{relative(here, method_url(e["id"]))}">{esc(e["name"])}</a>: {esc(e["reason"])}</li>' for e in excluded
    )
    return f'<details class="chooser-excluded"><summary>Visa {number(len(excluded))} metoder som inte passar, med skälen</summary><ul>{items}</ul></details>'


def combination_html(advice: dict, here: str) -> str:
    steps = advice["combination"]
    if not steps:
        return '<p class="chooser-empty">Ingen kombination att föreslå med de här ramarna.</p>'
    items = "".join(
        f'<li><span class="chooser-role">{esc(ROLE_NAMES.get(s["role"], s["role"]))}:</span> '
        f'<a href="{relative(here, method_url(s["id"]))}">{esc(s["name"])}</a>. {esc(s["why"])}</li>'
        for s in steps
    )
    return f'<ol class="chooser-steps">{items}</ol>'


def requirements_html(advice: dict, here: str, guidelines: dict[str, dict]) -> str:
    reqs = advice["requirements"]
    if not reqs:
        return '<p class="chooser-empty">Välj en riktlinje under ”Vilken riktlinje gäller?” för att se vad den kräver.</p>'
    items = []
    for r in reqs:
        source = ""
        if r.get("guideline") and r.get("section"):
            heading = r.get("section_heading") or "riktlinjen"
            source = f' <a class="chooser-source" href="{relative(here, guideline_url(r["guideline"]) + "#" + r["section"])}">Läs i riktlinjen: {esc(heading)}</a>'
        items.append(f'<li><strong>{esc(r["title"])}:</strong> {esc(r["text"])}{source}</li>')
    first = guidelines.get(reqs[0].get("guideline"), {})
    intro = f'<p>Så säger {esc(first.get("organisation", "riktlinjen"))}s riktlinje om en dialog som den här:</p>' if first else ""
    return intro + '<ul class="chooser-requirements">' + "".join(items) + "</ul>"


def notices_html(advice: dict, extra: list[str] | None = None) -> str:
    texts = [n["text"] for n in advice["notice"]] + list(extra or [])
    return "".join(f'<div class="chooser-notice"><p>{esc(t)}</p></div>' for t in texts)


def _runs(runs: list[dict]) -> str:
    """The plan's runs (contract C) as inline HTML; page.js draws the same."""
    out = []
    for run in runs:
        text = esc(run["text"])
        if run.get("href"):
            out.append(f'<a href="{esc(run["href"])}">{text}</a>')
        elif run.get("strong"):
            out.append(f"<strong>{text}</strong>")
        elif run.get("blank"):
            out.append(f'<span class="plan-blank">{text}</span>')
        else:
            out.append(text)
    return "".join(out)


def _plan_block(block: dict) -> str:
    kind = block["type"]
    if kind == "paragraph":
        return f"<p>{_runs(block['runs'])}</p>"
    if kind == "list":
        tag = "ol" if block.get("ordered") else "ul"
        return f"<{tag}>" + "".join(f"<li>{_runs(i)}</li>" for i in block["items"]) + f"</{tag}>"
    if kind == "checklist":
        box = '<span class="plan-box" aria-hidden="true">☐ </span>'
        return '<ul class="plan-checklist">' + "".join(f"<li>{box}{_runs(i)}</li>" for i in block["items"]) + "</ul>"
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in block["header"])
    rows = "".join("<tr>" + "".join(f"<td>{_runs(c)}</td>" for c in row) + "</tr>" for row in block["rows"])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def plan_html(plan: dict) -> str:
    """The plan (plain data, contract C) as HTML: title h3, sections h4, below the page's own
    headings. The date and the link back are filled in by page.js (#chooser-plan-made)."""
    choices = "".join(f"<dt>{esc(c['label'])}</dt><dd>{esc(c['value'])}</dd>" for c in plan["choices"])
    out = [
        f"<h3>{esc(plan['title'])}</h3>",
        '<p class="chooser-plan-made" id="chooser-plan-made" hidden></p>',
        f"<p>{_runs(plan['intro'])}</p>",
        f'<h4>Gjord utifrån dessa val</h4><dl class="chooser-plan-choices">{choices}</dl>',
    ]
    for section in plan["sections"]:
        out.append(f'<h4 id="plan-{esc(section["id"])}">{esc(section["heading"])}</h4>')
        out += [_plan_block(b) for b in section["blocks"]]
    return "".join(out)


def count_text(advice: dict) -> str:
    n, x = len(advice["ranked"]), len(advice["excluded"])
    fits = f"{number(n)} metod passar" if n == 1 else f"{number(n)} metoder passar"
    return f"{fits} dina val. {number(x)} passar inte." if x else f"{fits} dina val."


def results(advice: dict, here: str, catalogue: dict) -> str:
    guidelines = by_id(catalogue["guidelines"])
    return (
        '<section class="chooser-results" id="chooser-results" aria-labelledby="chooser-results-heading">'
        '<h2 id="chooser-results-heading" tabindex="-1">Förslag</h2>'
        '<p class="chooser-stale" id="chooser-stale" hidden>Förslagen nedan gäller grundvalen. Förslagen för valen i adressen visas när metodväljaren har laddats.</p>'
        f'<p class="chooser-count" id="chooser-count">{esc(count_text(advice))}</p>'
        f'<div id="chooser-notices">{notices_html(advice)}</div>'
        '<h3 id="chooser-combination-heading">Förslag på kombination</h3>'
        f'<div id="chooser-combination">{combination_html(advice, here)}</div>'
        '<h3 id="chooser-ranked-heading">Metoder som passar, bäst först</h3>'
        f'<div id="chooser-ranked">{ranked_html(advice, here)}</div>'
        '<h3 id="chooser-excluded-heading">Metoder som inte passar</h3>'
        f'<div id="chooser-excluded">{excluded_html(advice, here)}</div>'
        '<h3 id="chooser-requirements-heading">Vad riktlinjen kräver</h3>'
        f'<div id="chooser-requirements">{requirements_html(advice, here, guidelines)}</div>'
        "</section>"
        '<section class="chooser-plan-section" id="chooser-plan-section" aria-labelledby="chooser-plan-heading">'
        '<h2 id="chooser-plan-heading">Utkast till plan</h2>'
        "<p>Planen fylls i från dina val. Det som står inom [Fyll i: …] fyller ni i själva.</p>"
        '<div class="chooser-plan-actions">'
        '<button type="button" class="md-button" id="chooser-copy">Kopiera</button>'
        '<button type="button" class="md-button" id="chooser-docx">Ladda ner Word (.docx)</button>'
        '<button type="button" class="md-button" id="chooser-download">Ladda ner Markdown</button>'
        '<button type="button" class="md-button" id="chooser-print">Skriv ut</button>'
        '<span class="chooser-action-status" id="chooser-action-status" role="status"></span></div>'
        f'<div class="chooser-plan" id="chooser-plan" data-plan="{esc(json.dumps(advice["plan"], ensure_ascii=False))}">{plan_html(advice["plan"])}</div>'
        "</section>"
    )


def catalogue_by_level(catalogue: dict, here: str) -> str:
    out = ['<div class="chooser-catalogue"><h2 id="katalogen">Alla metoder efter nivå</h2>']
    for level in catalogue["ladder"]["levels"]:
        main = [m for m in catalogue["methods"] if m["levels"][0] == level["id"]]
        out.append(f'<h3 id="niva-{esc(level["id"])}">{level["step"]}. {esc(level["name"])} ({len(main)})</h3>')
        out.append(f'<p>{esc(level["hallmark"])}. <a href="{relative(here, level_url(level["id"]))}">Alla metoder som passar nivån {esc(level["name"].lower())}</a></p>')
        out.append(cards(main, catalogue, here).replace("\n", ""))
    out.append("</div>")
    return "".join(out)


def page(catalogue: dict, here: str, organisation_id: str | None, rt: Runtime) -> str:
    """The whole chooser: config for page.js, status line, form, advice and the catalogue."""
    from chooser.engine import Chooser

    advice = Chooser(catalogue).advise(default_input(organisation_id))
    to = lambda path: relative(here, path)  # noqa: E731
    config = {
        "data-worker": f"{to(CHOOSER_ASSETS)}worker.mjs?v={rt.stamp}",
        "data-pyodide": to(rt.pyodide_dir),
        "data-package": to(rt.package),
        "data-snapshot": to(rt.snapshot) if rt.snapshot else "",
        "data-catalogue": to("data/catalogue.json"),
        "data-lock-info": json.dumps(rt.lock_info, sort_keys=True),
        "data-method-url": to(method_url("ID")),
        "data-guideline-url": to(guideline_url("ID")),
        "data-catalogue-page": to("metoder/"),
        "data-default-query": f"o={organisation_id}" if organisation_id else "",
    }
    attrs = " ".join(f'{k}="{esc(v)}"' for k, v in config.items())
    html = (
        f'<div class="chooser" id="chooser" {attrs}>'
        f'<link rel="stylesheet" href="{to(CHOOSER_ASSETS)}chooser.css?v={rt.stamp}">'
        f'<script type="module" async src="{to(CHOOSER_ASSETS)}page.js?v={rt.stamp}"></script>'
        '<noscript><p class="chooser-nojs">Metodväljaren behöver JavaScript för att räkna fram förslag för era val. '
        'Här nedanför finns förslagen för grundvalen och alla metoder ordnade efter nivå.</p></noscript>'
        '<p class="chooser-status" id="chooser-status" role="status"></p>'
        '<div class="chooser-failed" id="chooser-failed" hidden></div>'
        + form(catalogue, here, organisation_id)
        + results(advice, here, catalogue)
        + "<noscript>"
        + catalogue_by_level(catalogue, here)
        + "</noscript></div>"
    )
    # One raw HTML block for Markdown: a blank line would end it, so no line breaks at all
    # (the plan's own line breaks are kept as &#10; inside its attribute).
    return html.replace("\r", "").replace("\n", " ")
