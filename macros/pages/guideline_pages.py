"""The guidelines on the site: one generated page per guideline with its full text, and the
pieces that the hand-written pages riktlinjer/ (index), riktlinjer/jamforelse/ (comparison),
riktlinjer/checklistor/ (printable checklists) and malgruppsanalys/ show through macros.

Every text comes from data/guidelines/*.yaml (and data/vocabularies/). Text that editors
write is rendered with render.md()/md_inline() (sanitised); everything else is escaped.
"""

from __future__ import annotations

import re

from macros.loader.schemas import labels, title

from .components import by_id, stack_class, stack_label
from .method_pages import FRONT_MATTER
from .render import esc, md, md_escape, md_inline
from .urls import guideline_url, method_url, relative

COMPARISON_URL = "riktlinjer/jamforelse/"
CHECKLISTS_URL = "riktlinjer/checklistor/"
INDEX_URL = "riktlinjer/"
QUADRANTS_URL = "malgruppsanalys/"

NOT_STATED = "anges inte"

DOCUMENT_TYPES = labels("guideline", "document_type")
ORGANISATION_TYPES = labels("guideline", "organisation_type")

# Ids of the headings this module adds to a guideline page; a section id must not clash.
PAGE_IDS = ("om-dokumentet", "i-korthet", "arbetsgangen-i-bild")


# -- helpers ------------------------------------------------------------------------------


def ordered(guidelines: list[dict], organisation_id: str | None) -> list[dict]:
    """The guidelines with our organisation's first (if set), then the rest in id order."""
    return sorted(guidelines, key=lambda g: (g["id"] != organisation_id, g["id"]))


def short(g: dict) -> str:
    return g.get("short_name") or g["organisation"]


def page_title(g: dict) -> str:
    return g["title"] if g["organisation"] in g["title"] else f"{g['title']}, {g['organisation']}"


def status(g: dict) -> str:
    """Decision date and paragraph, draft status, test period or start date, in Swedish."""
    paragraph = f", {g['decision_paragraph']}" if g.get("decision_paragraph") else ""
    if g["draft"]:
        return f"Utkast. Beslutsdatum i källan: {g.get('decision_date_text') or 'saknas'}{paragraph}"
    if g.get("decision_date"):
        return f"Beslutad {g['decision_date']}{paragraph}"
    if g.get("test_period"):
        return f"Testperiod {g['test_period']['start']} till {g['test_period']['end']}"
    if g.get("valid_from"):
        return f"Gäller från {g['valid_from']}; beslutsdatum anges inte i källan"
    return "Beslutsdatum anges inte i källan"


def section_href(g: dict, section_id: str, here: str) -> str:
    if here == guideline_url(g["id"]):
        return f"#{section_id}"
    return relative(here, guideline_url(g["id"]) + "#" + section_id)


def headings(g: dict) -> dict[str, str]:
    return {s["id"]: s["heading"] for s in g["sections"]}


def source_link(g: dict, section_id: str, here: str) -> str:
    """A link to the section a fact comes from, named by the section's heading."""
    heading = headings(g)[section_id]
    return f'<a class="cmp-source" href="{section_href(g, section_id, here)}">Avsnitt: {esc(heading)}</a>'


def _names(items: list[dict], ids: list[str]) -> list[str]:
    known = by_id(items)
    return [known[i]["name"] for i in ids if i in known]


def _ul(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


# -- the full text ------------------------------------------------------------------------


def blocks_html(blocks: list[dict], caption_prefix: str = "") -> str:
    out = []
    for block in blocks:
        if "p" in block:
            out.append(md(block["p"]))
        elif "list" in block:
            tag = "ol" if block.get("ordered") else "ul"
            out.append(f"<{tag}>\n" + "\n".join(f"<li>{md_inline(i)}</li>" for i in block["list"]) + f"\n</{tag}>")
        elif "checklist" in block:
            out.append('<ul class="checklist">\n' + "\n".join(f"<li>{md_inline(i)}</li>" for i in block["checklist"]) + "\n</ul>")
        elif "table" in block:
            out.append(table_html(block["table"], caption_prefix))
        elif "details" in block:
            details = block["details"]
            out.append(
                f'<details class="guideline-details">\n<summary>{md_inline(details["summary"])}</summary>\n'
                + blocks_html(details["blocks"], caption_prefix)
                + "\n</details>"
            )
    # One raw HTML block: no blank line inside, so Markdown leaves it as it is.
    return "\n".join(out)


def table_html(table: dict, label: str = "") -> str:
    caption = f"<caption>{md_inline(table['caption'])}</caption>\n" if table.get("caption") else ""
    region = table.get("caption") or (label + ": tabell med " + ", ".join(table["header"])).strip(": ")
    headers = [md_inline(h) for h in table["header"]]
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    # A line break between cells keeps their words apart in the search index's snippets.
    rows = "\n".join(
        "<tr>" + "\n".join(f"<td{stack_label(h)}>{md_inline(cell)}</td>" for h, cell in zip(headers + [""] * (len(row) - len(headers)), row, strict=False)) + "</tr>"
        for row in table["rows"]
    )
    return (
        f'<div class="table-scroll" role="region" aria-label="{esc(region)}" tabindex="0">\n'
        f'<table class="guideline-table {stack_class(len(headers))}">\n{caption}<thead><tr>{head}</tr></thead>\n'
        f'<tbody>\n{rows}\n</tbody>\n</table>\n</div>'
    )


def sections_markdown(g: dict) -> str:
    """Each section as a Markdown heading at its level (in the TOC and search) and its blocks."""
    out = []
    for section in g["sections"]:
        if section["id"] in PAGE_IDS:
            raise ValueError(f"{g['id']}: avsnittets id {section['id']} krockar med sidans egna rubriker")
        out.append(f"{'#' * section['level']} {md_escape(section['heading'])} {{#{section['id']}}}\n")
        body = blocks_html(section["blocks"], section["heading"])
        if body:
            out.append(body + "\n")
    return "\n".join(out)


# -- metadata box -------------------------------------------------------------------------


def meta_box(g: dict) -> str:
    rows: list[tuple[str, str]] = [
        ("Organisation", f"{esc(g['organisation'])} ({esc(g['organisation_type'])})"),
        ("Dokumenttyp", esc(DOCUMENT_TYPES[g["document_type"]])),
        ("Beslutad av", esc(g["decided_by"])),
    ]
    if g.get("decision_date"):
        rows.append(("Beslutsdatum", esc(g["decision_date"] + (f", {g['decision_paragraph']}" if g.get("decision_paragraph") else ""))))
    elif g.get("decision_date_text"):
        text = g["decision_date_text"] + (f", {g['decision_paragraph']}" if g.get("decision_paragraph") else "")
        rows.append(("Beslutsdatum", esc(text) + (" (platshållare i ett utkast, inget beslut ännu)" if g["draft"] else "")))
    else:
        rows.append(("Beslutsdatum", "Anges inte i källan"))
    rows.append(("Status", "<strong>Utkast</strong>, inte beslutat" if g["draft"] else "Beslutat dokument"))
    if g.get("diarienummer"):
        rows.append(("Diarienummer", esc(g["diarienummer"])))
    if g.get("test_period"):
        rows.append(("Testperiod", f"{esc(g['test_period']['start'])} till {esc(g['test_period']['end'])}"))
    if g.get("valid_from"):
        rows.append(("Gäller från", esc(g["valid_from"])))
    rows.append(("Giltighetstid", esc(g["validity"])))
    rows.append(("Dokumentansvarig", esc(g["owner"])))
    if g.get("revision"):
        rows.append(("Revidering", esc(g["revision"])))
    rows.append(("Gäller för", esc(g["applies_to"])))
    source = g["source"]
    title = f'<a href="{esc(source["url"])}">{esc(source["title"])}</a>' if source.get("url") else esc(source["title"])
    rows.append(("Källa", f"{title}, {esc(source['publisher'])}" + (f". {esc(source['note'])}" if source.get("note") else "")))
    return '<dl class="fact-box guideline-meta">\n' + "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "\n</dl>"


# -- structured facts, one renderer per row of the comparison -------------------------------


def _summary(fact: dict) -> str:
    return f"<p>{esc(fact['summary'])}</p>"


def _levels_text(fact: dict, catalogue: dict) -> str:
    levels = by_id(catalogue["ladder"]["levels"])
    counted = [f'<span class="level-badge level-{lid}"><span class="md-step">{levels[lid]["step"]}</span> {esc(levels[lid]["name"])}</span>' for lid in fact["counted"] if lid in levels]
    out = '<p class="cmp-key">' + (" ".join(counted) or "Inga") + "</p>"
    prerequisite = [levels[lid]["name"] for lid in fact.get("prerequisite", []) if lid in levels]
    if prerequisite:
        out += f"<p>Förutsättning, inte dialog: {esc(', '.join(prerequisite))}.</p>"
    return out


def _fact_html(key: str, fact: dict, g: dict, catalogue: dict, here: str) -> str | None:
    """The cell for one fact of one guideline; None when the guideline is silent."""
    vocab = catalogue["vocabularies"]
    if key == "formal_decision":
        value = fact.get("formal_decision")
        if value is None:
            return None
        return f'<p class="cmp-key">{"Ja" if value else "Nej"}</p>'
    if key == "decision":
        return f'<p class="cmp-key">{esc(fact["decided_by"])}</p>' + _summary(fact)
    if key == "levels":
        return _levels_text(fact, catalogue) + _summary(fact)
    if key == "initiative":
        names = _names(vocab["roles"]["items"], fact.get("initiators", []))
        return (f'<p class="cmp-key">{esc(", ".join(names))}</p>' if names else "") + _summary(fact)
    if key == "not_medborgardialog":
        names = _names(vocab["dialogue-types"]["items"], fact.get("dialogue_types", []))
        return _summary(fact) + (f"<p>Skiljs från: {esc(', '.join(names))}.</p>" if names else "")
    if key == "process":
        steps = "".join(f"<li>{esc(step['name'])}</li>" for step in fact["steps"])
        picture = f'<p><a href="{section_href(g, "arbetsgangen-i-bild", here)}">Arbetsgången i bild</a></p>'
        return _summary(fact) + f'<ol class="cmp-steps">{steps}</ol>' + picture
    if key in ("plan", "checklist") and (fact.get("items") or fact.get("phases")):
        if fact.get("items"):
            items = _ul([md_inline(i) for i in fact["items"]], "cmp-items")
        else:
            items = _ul([f"{esc(p['name'])} ({len(p['items'])} punkter)" for p in fact["phases"]], "cmp-items")
        return _summary(fact) + items + f'<p><a href="{relative(here, CHECKLISTS_URL)}">Som utskrivbar checklista</a></p>'
    if key == "target_groups":
        names = _names(vocab["target-groups"]["items"] + vocab["quadrants"]["items"], fact.get("groups", []))
        return _summary(fact) + (f"<p>Målgrupper: {esc(', '.join(names))}.</p>" if names else "")
    if key == "rules":
        items = [f"{esc(rule['text'])} {source_link(g, rule['section'], here)}" for rule in fact["items"]]
        return _summary(fact) + _ul(items, "cmp-rules")
    return _summary(fact)


# (row id, Swedish label, fact key in the data, renderer key)
FACT_ROWS: list[tuple[str, str, str, str]] = [
    ("definition", title("guideline", "facts", "definition"), "definition", "definition"),
    ("medborgare", title("guideline", "facts", "citizens"), "citizens", "citizens"),
    ("inte-medborgardialog", title("guideline", "facts", "not_medborgardialog"), "not_medborgardialog", "not_medborgardialog"),
    ("initiativ", title("guideline", "facts", "initiative"), "initiative", "initiative"),
    ("beslut", title("guideline", "facts", "decision"), "decision", "decision"),
    ("formellt-beslut", title("guideline", "facts", "decision", "formal_decision"), "decision", "formal_decision"),
    ("nivaer", title("guideline", "facts", "levels"), "levels", "levels"),
    ("arbetsgang", title("guideline", "facts", "process"), "process", "process"),
    ("roller", title("guideline", "facts", "roles"), "roles", "roles"),
    ("plan", title("guideline", "facts", "plan"), "plan", "plan"),
    ("checklista", title("guideline", "facts", "checklist"), "checklist", "checklist"),
    ("malgruppsanalys", title("guideline", "facts", "target_group_analysis"), "target_group_analysis", "target_group_analysis"),
    ("malgrupper", title("guideline", "facts", "target_groups"), "target_groups", "target_groups"),
    ("regler", title("guideline", "facts", "rules"), "rules", "rules"),
    ("aterkoppling", title("guideline", "facts", "feedback"), "feedback", "feedback"),
    ("utvardering", title("guideline", "facts", "evaluation"), "evaluation", "evaluation"),
    ("uppfoljning", title("guideline", "facts", "follow_up"), "follow_up", "follow_up"),
]

# The rows a reader of one guideline page sees first.
AT_A_GLANCE = ("beslut", "formellt-beslut", "nivaer", "plan", "aterkoppling")


def fact_cell(row: tuple[str, str, str, str], g: dict, catalogue: dict, here: str) -> str | None:
    """The content of one comparison cell, with a link to the section; None if not stated."""
    _, _, key, renderer = row
    fact = g["facts"].get(key)
    if not fact:
        return None
    body = _fact_html(renderer, fact, g, catalogue, here)
    if body is None:
        return None
    return body + f"<p>{source_link(g, fact['section'], here)}</p>"


def fact_list(catalogue: dict, here: str, key: str, organisation_id: str | None = None) -> str:
    """One fact (e.g. target_group_analysis) of every guideline as a list, with links."""
    row = next(r for r in FACT_ROWS if r[2] == key)
    items = []
    for g in ordered(catalogue["guidelines"], organisation_id):
        content = fact_cell(row, g, catalogue, here)
        name = f'<a href="{relative(here, guideline_url(g["id"]))}">{esc(g["organisation"])}</a>'
        items.append(f"<dt>{name}</dt><dd>{content if content is not None else NOT_STATED.capitalize() + '.'}</dd>")
    return '<dl class="fact-box guideline-fact-list">\n' + "\n".join(items) + "\n</dl>\n"


# Without a choice in the address, the comparison shows every guideline when there are at most
# this many, else the first ones (ours first); docs/assets/compare.js reads the same number.
COMPARE_DEFAULT = 6


def comparison_picker(guidelines: list[dict], organisation_id: str | None) -> str:
    """The form to pick organisations. Hidden without JavaScript, when every row is shown."""
    items = []
    for g in guidelines:
        ours = " (vår organisation)" if g["id"] == organisation_id else ""
        items.append(
            f'<li><input type="checkbox" name="o" value="{esc(g["id"])}" id="cmp-o-{esc(g["id"])}">'
            f'<label for="cmp-o-{esc(g["id"])}">{esc(short(g))}{ours}</label></li>'
        )
    return (
        f'<form class="cmp-picker" id="cmp-picker" hidden data-default="{COMPARE_DEFAULT}">\n'
        "<fieldset>\n<legend>Välj organisationer att jämföra</legend>\n"
        '<ul class="cmp-picker-list">\n' + "\n".join(items) + "\n</ul>\n"
        '<p class="cmp-picker-buttons"><button type="button" class="md-button" data-pick="all">Välj alla</button> '
        '<button type="button" class="md-button" data-pick="none">Välj ingen</button></p>\n'
        "</fieldset>\n"
        '<p class="cmp-count" id="cmp-count" role="status"></p>\n'
        "</form>\n"
    )


def comparison_table(catalogue: dict, here: str, organisation_id: str | None = None) -> str:
    """Every fact as its own card: a heading and one row per organisation. Rows, not columns,
    so that any number of guidelines fits any screen; the reader picks which to show."""
    guidelines = ordered(catalogue["guidelines"], organisation_id)
    out = [comparison_picker(guidelines, organisation_id)]
    for row in FACT_ROWS:
        row_id, label = row[0], row[1]
        lines = []
        for g in guidelines:
            ours = g["id"] == organisation_id
            ours_class = ' class="cmp-ours"' if ours else ""
            name = (
                f'<a href="{relative(here, guideline_url(g["id"]))}">{esc(short(g))}</a>'
                + ('<span class="cmp-ours-label"> (vår organisation)</span>' if ours else "")
                + f'<span class="cmp-doc">{esc(DOCUMENT_TYPES[g["document_type"]])}{", utkast" if g["draft"] else ""}</span>'
            )
            content = fact_cell(row, g, catalogue, here)
            if content is None:
                cell = f'<td class="cmp-not-stated">{NOT_STATED}</td>'
            else:
                cell = f'<td class="cmp-cell">{content}</td>'
            lines.append(
                f'<tr data-org="{esc(g["id"])}"{ours_class}>'
                f'<th scope="row">{name}</th>\n{cell}</tr>'
            )
        out.append(
            f'<h2 id="rad-{row_id}">{esc(label)}</h2>\n'
            f'<div class="cmp-fact">\n<table class="cmp-table stack-s" aria-labelledby="rad-{row_id}">\n'
            f'<thead><tr><th scope="col">Organisation</th><th scope="col">Vad riktlinjen säger</th></tr></thead>\n'
            f'<tbody>\n' + "\n".join(lines) + "\n</tbody>\n</table>\n</div>\n"
        )
    out.append(f'<script src="{relative(here, "assets/compare.js")}"></script>\n')
    return "\n".join(out)


def at_a_glance(g: dict, catalogue: dict) -> str:
    here = guideline_url(g["id"])
    items = []
    for row in FACT_ROWS:
        if row[0] not in AT_A_GLANCE:
            continue
        content = fact_cell(row, g, catalogue, here)
        items.append(f"<dt>{esc(row[1])}</dt><dd>{content if content is not None else 'Anges inte i riktlinjen.'}</dd>")
    return '<dl class="fact-box guideline-glance">\n' + "\n".join(items) + "\n</dl>"


# -- the process as a picture: roles x steps ------------------------------------------------


def process_figure(g: dict, catalogue: dict) -> str:
    fact = g["facts"].get("process")
    if not fact:
        return "<p>Riktlinjen beskriver ingen arbetsgång i steg.</p>\n"
    role_items = catalogue["vocabularies"]["roles"]["items"]
    used = {r for step in fact["steps"] for r in step["roles"]}
    roles = [r for r in role_items if r["id"] in used]
    head = '<th scope="col">Steg</th>' + "".join(f'<th scope="col" class="process-role">{esc(r["name"])}</th>' for r in roles)
    rows = []
    for number, step in enumerate(fact["steps"], 1):
        label = esc(step["name"]) if re.match(r"^Steg \d", step["name"]) else f'<span class="process-no">{number}.</span> {esc(step["name"])}'
        # Stacked on a narrow column, a step shows the names of the roles that do it.
        cells = "\n".join(
            f'<td class="process-on"{stack_label(esc(r["name"]))}><span class="process-mark" aria-hidden="true"></span><span class="visually-hidden">Ja</span></td>'
            if r["id"] in step["roles"]
            else '<td class="process-off"><span class="visually-hidden">Nej</span></td>'
            for r in roles
        )
        rows.append(f'<tr><th scope="row">{label}</th>\n{cells}</tr>')
    described = [s for s in fact["steps"] if s.get("text")]
    role_names = {r["id"]: r["name"] for r in role_items}
    details = ""
    if described:
        details = '<ol class="process-steps">\n' + "\n".join(
            f"<li><strong>{esc(s['name'])}</strong> ({esc(', '.join(role_names.get(r, r) for r in s['roles']).lower())}): {esc(s['text'])}</li>"
            if s.get("text")
            else f"<li><strong>{esc(s['name'])}</strong> ({esc(', '.join(role_names.get(r, r) for r in s['roles']).lower())})</li>"
            for s in fact["steps"]
        ) + "\n</ol>"
    return (
        '<figure class="process-figure">\n'
        f'<div class="table-scroll" role="region" aria-label="Arbetsgången i bild: vem gör vad, {esc(short(g))}" tabindex="0">\n'
        f'<table class="process-grid {stack_class(len(roles) + 1)}">\n'
        "<caption>Vem gör vad i varje steg. Stegen står uppifrån och ned i tur och ordning; vid varje steg står de roller som gör det (i rutnätet en fylld ruta).</caption>\n"
        f'<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
        f"<figcaption>{esc(fact['summary'])} Sammanställt av webbplatsen ur avsnittet "
        f'<a href="#{fact["section"]}">{esc(headings(g)[fact["section"]])}</a>.</figcaption>\n'
        "</figure>\n" + details + "\n"
    )


# -- the generated page of one guideline -----------------------------------------------------


def guideline_page(g: dict, catalogue: dict, organisation_id: str | None = None) -> str:
    here = guideline_url(g["id"])
    out = [FRONT_MATTER, f"# {md_escape(page_title(g))}\n"]
    ours = " Det här är vår organisations riktlinje." if g["id"] == organisation_id else ""
    out.append(
        f'<p class="lead">{esc(DOCUMENT_TYPES[g["document_type"]])} för medborgardialog från {esc(g["organisation"])}. '
        f"Här finns hela texten, ordagrant, med webbplatsens sammanfattning först.{ours}</p>\n"
    )
    if g["draft"]:
        out.append(
            '<div class="admonition warning" role="note"><p class="admonition-title">Utkast</p>'
            f"<p>Dokumentet är ett utkast. Beslutsdatumet är en platshållare i källan "
            f"({esc(g.get('decision_date_text') or 'saknas')}), så riktlinjen är inte beslutad.</p></div>\n"
        )
    out.append(
        f'<p class="guideline-links"><a href="{relative(here, COMPARISON_URL)}">Jämför med de andra riktlinjerna</a> · '
        f'<a href="{relative(here, INDEX_URL)}">Alla riktlinjer</a> · '
        f'<a href="{relative(here, CHECKLISTS_URL)}">Checklistor</a></p>\n'
    )
    out.append("## Om dokumentet {#om-dokumentet}\n\n" + meta_box(g) + "\n")
    out.append(
        "## I korthet {#i-korthet}\n\n"
        '<p class="site-note">Webbplatsens sammanfattning, med länk till avsnittet där det står. '
        f'Alla fakta sida vid sida finns i <a href="{relative(here, COMPARISON_URL)}">jämförelsen</a>.</p>\n'
        + at_a_glance(g, catalogue)
        + "\n"
    )
    out.append("## Arbetsgången i bild {#arbetsgangen-i-bild}\n\n" + process_figure(g, catalogue))
    out.append(
        '<p class="guideline-text-start" role="note">Här börjar riktlinjens text, återgiven ordagrant med källans '
        "rubriker och stavning.</p>\n"
    )
    out.append(sections_markdown(g))
    out.append(
        '<p class="guideline-text-end" role="note">Slut på riktlinjens text. '
        f'<a href="{relative(here, COMPARISON_URL)}">Jämför med de andra riktlinjerna</a>.</p>\n'
    )
    return "\n".join(out)


# -- the hand-written pages' macros ---------------------------------------------------------


def guidelines_index(catalogue: dict, here: str, organisation_id: str | None = None) -> str:
    headers = ("Organisation", "Kommun eller region", "Dokumenttyp", "Beslutad av", "Datum och status")
    rows = []
    for g in ordered(catalogue["guidelines"], organisation_id):
        ours = ' <strong class="ours-label">(vår organisation)</strong>' if g["id"] == organisation_id else ""
        values = (ORGANISATION_TYPES[g["organisation_type"]], DOCUMENT_TYPES[g["document_type"]], g["decided_by"], status(g))
        rows.append(
            f"<tr>"
            f'<th scope="row"><a href="{relative(here, guideline_url(g["id"]))}">{esc(g["organisation"])}</a>{ours}</th>\n'
            + "\n".join(f"<td{stack_label(h)}>{esc(v)}</td>" for h, v in zip(headers[1:], values, strict=True))
            + "</tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    return (
        '<div class="table-scroll" role="region" aria-label="Riktlinjerna i en tabell" tabindex="0">\n'
        f'<table class="guidelines-index {stack_class(len(headers))} stack-compact">\n<caption>De {len(rows)} riktlinjerna</caption>\n'
        f'<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>\n"
    )


# -- the checklists page ----------------------------------------------------------------------

# Typos in a guideline's own checklist, marked [sic] where the list is printed (the guideline
# page keeps the text exactly as in the source). Each word is checked against the source in
# tests/test_checklists.py.
SIC = {"alingsas": ("Utformatidslinje",)}

# The facts a compiled checklist is made of, with the label each item starts with. Rules are
# added as they stand; everything is ordered as the guideline's sections are.
COMPILED_FACTS = (
    ("decision", "Beslut om dialogen"),
    ("plan", "Vad planen ska innehålla"),
    ("communication_plan", "Kommunikationsplan"),
    ("target_group_analysis", "Målgrupper"),
    ("feedback", "Återkoppling"),
    ("evaluation", "Utvärdering"),
    ("follow_up", "Uppföljning"),
)


def _sic(text: str, words: tuple[str, ...]) -> str:
    """md_inline(text) with [sic] after each known typo."""
    def mark(out: str) -> str:
        for word in words:
            out = re.sub(rf"\b{re.escape(word)}\b", f'{word} <span class="sic">[sic]</span>', out)
        return out

    return md_inline(text, mark)


def _checkbox_list(items: list[str | tuple[str, str]], prefix: str, start: int = 1) -> str:
    """Checkboxes whose labels are already HTML, each optionally followed by more HTML (a link
    outside the label); ids are numbered on across a checklist."""
    lines = []
    for index, item in enumerate(items, start):
        label, after = item if isinstance(item, tuple) else (item, "")
        box_id = f"{prefix}-{index}"
        lines.append(f'<li><input type="checkbox" id="{box_id}"><label for="{box_id}">{label}</label>{after}</li>')
    return '<ul class="print-checklist">\n' + "\n".join(lines) + "\n</ul>\n"


def _fill_in() -> str:
    return (
        '<dl class="print-fill-in">'
        "<dt>Dialog</dt><dd></dd><dt>Ansvarig</dt><dd></dd><dt>Datum</dt><dd></dd>"
        "</dl>\n"
    )


def compiled_items(g: dict) -> list[tuple[str, str]]:
    """(text, section id) for a guideline without a checklist of its own: its requirements in the
    data (facts and rules), in the order of the sections they come from."""
    order = {s["id"]: i for i, s in enumerate(g["sections"])}
    facts = g["facts"]
    items: list[tuple[int, int, str, str]] = []  # (section's place, order found, text, section)
    for key, label in COMPILED_FACTS:
        fact = facts.get(key)
        if fact:
            items.append((order[fact["section"]], len(items), f"{label}: {fact['summary']}", fact["section"]))
    summaries = [text for _, _, text, _ in items]
    for rule in facts.get("rules", {}).get("items", []):
        # A rule that a fact's summary already says word for word is not repeated.
        if any(rule["text"].rstrip(".") in summary for summary in summaries):
            continue
        items.append((order[rule["section"]], len(items), rule["text"], rule["section"]))
    return [(text, section) for _, _, text, section in sorted(items)]


def _sheet(g: dict, heading: str, anchor: str, source: str, body: str) -> str:
    """One printable checklist: its heading, fields to fill in, where it comes from, the boxes.
    data-checklist names it in the address, where its ticks are kept (assets/checklist-state.js)."""
    return (
        f"## {md_escape(heading)} {{#{anchor}}}\n\n"
        f'<section class="print-sheet" data-checklist="{esc(g["id"])}" aria-label="{esc(heading)}">\n'
        + _fill_in()
        + f'<p class="print-source">{source}</p>\n'
        + body
        + "</section>\n"
    )


def checklists(catalogue: dict, here: str, organisation_id: str | None = None) -> str:
    """A printable checklist for every guideline: its own list where it has one (Alingsås'
    checklist, Region Värmland's list of what the handlingsplan must contain), otherwise one
    compiled by the site from its requirements, each item linked to its section."""
    out = []
    for g in ordered(catalogue["guidelines"], organisation_id):
        name = f"{esc(g['title'])} ({esc(g['organisation'])})"
        checklist = g["facts"].get("checklist")
        plan = g["facts"].get("plan")
        if checklist and checklist.get("phases"):
            first = checklist["sections"][0] if checklist.get("sections") else checklist["section"]
            source = (
                f'Riktlinjens egen checklista, ordagrant, ur {name}, avsnittet '
                f'<a href="{section_href(g, first, here)}">{esc(headings(g)[first])}</a>. Stavfel i källan är markerade [sic].'
            )
            body, number = [], 1
            for phase in checklist["phases"]:
                items = [_sic(i, SIC.get(g["id"], ())) for i in phase["items"]]
                body.append(f"<h3>{esc(phase['name'])}</h3>\n" + _checkbox_list(items, g["id"], number))
                number += len(items)
            if any("målgruppsanalys" in item and "*" in item for phase in checklist["phases"] for item in phase["items"]):
                body.append(
                    f'<p class="print-note">* De fyra grupperna som behöver identifieras i en målgruppsanalys finns på sidan '
                    f'<a href="{relative(here, QUADRANTS_URL)}">Målgruppsanalys</a>.</p>\n'
                )
            out.append(_sheet(g, f"{short(g)}: checklista för dialogprocessen", f"checklista-{g['id']}", source, "".join(body)))
        elif plan and plan.get("items"):
            source = (
                f'Riktlinjens egen lista, ordagrant, ur {name}, avsnittet '
                f'<a href="{section_href(g, plan["section"], here)}">{esc(headings(g)[plan["section"]])}</a>. {esc(plan["summary"])}'
            )
            items = [_sic(i, SIC.get(g["id"], ())) for i in plan["items"]]
            out.append(_sheet(g, f"{short(g)}: vad handlingsplanen ska innehålla", f"plan-{g['id']}", source, _checkbox_list(items, g["id"])))
        else:
            source = (
                f"Sammanställd av webbplatsen ur riktlinjens text: {name} har ingen egen checklista. Punkterna är "
                "webbplatsens sammanfattning av det riktlinjen kräver, inte riktlinjens ordalydelse; varje punkt "
                "länkar till avsnittet där det står."
            )
            if checklist:
                source += f" Om riktlinjens egna checklistor: {esc(checklist['summary'])}"
            items = [
                (esc(text), f' <a class="print-source-link" href="{section_href(g, section, here)}">Avsnitt: {esc(headings(g)[section])}</a>')
                for text, section in compiled_items(g)
            ]
            heading = f"{short(g)}: checklista sammanställd av webbplatsen"
            out.append(_sheet(g, heading, f"checklista-{g['id']}", source, _checkbox_list(items, g["id"])))
    return "\n".join(out)


def quadrants(catalogue: dict, here: str) -> str:
    """The four groups of the target-group analysis as a 2x2 picture with their full text."""
    items = catalogue["vocabularies"]["quadrants"]["items"]

    def find(affected: bool, active: bool) -> dict:
        return next(q for q in items if q["affected"] == affected and q["active"] == active)

    cells = []
    for row, affected in enumerate((True, False), 2):
        for column, active in enumerate((True, False), 2):
            q = find(affected, active)
            methods = [m for m in catalogue["methods"] if q["id"] in m["target_groups"]]
            reach = ""
            if methods:
                reach = '<p class="quadrant-methods">Metoder som når gruppen: ' + ", ".join(
                    f'<a href="{relative(here, method_url(m["id"]))}">{esc(m["name"])}</a>' for m in methods
                ) + "</p>"
            cells.append(
                f'<div class="quadrant quadrant-{q["id"]} grid-r{row} grid-c{column}" markdown>\n\n'
                f"### {md_escape(q['name'])} {{#{q['id']}}}\n\n"
                f'<p class="quadrant-summary">{esc(q["description"])}</p>\n\n'
                f"<p>{esc(q['text'])}</p>\n\n"
                + (reach + "\n\n" if reach else "")
                + "</div>"
            )
    return (
        '<div class="quadrant-figure" markdown>\n\n'
        '<p class="quadrant-caption" id="fyrfaltet">Fyrfältet: raderna delar efter hur berörda grupperna är av frågan '
        "(berörda, icke berörda), kolumnerna efter hur aktiva de är (aktiva, lågaktiva).</p>\n\n"
        '<div class="quadrant-grid" role="group" aria-labelledby="fyrfaltet" markdown>\n\n'
        '<div class="quadrant-axis quadrant-axis-col grid-r1 grid-c2" aria-hidden="true">Aktiva</div>\n'
        '<div class="quadrant-axis quadrant-axis-col grid-r1 grid-c3" aria-hidden="true">Lågaktiva</div>\n'
        '<div class="quadrant-axis quadrant-axis-row grid-r2 grid-c1" aria-hidden="true">Berörda</div>\n'
        '<div class="quadrant-axis quadrant-axis-row grid-r3 grid-c1" aria-hidden="true">Icke berörda</div>\n'
        + "\n\n".join(cells)
        + "\n\n</div>\n\n</div>\n"
    )


def reorder_nav(nav: list | None, organisation_id: str | None, section: str = "Riktlinjer") -> list | None:
    """Put our organisation's guideline first in the Riktlinjer section of the navigation."""
    if not nav or not organisation_id:
        return nav
    target = f"riktlinjer/{organisation_id}.md"
    for entry in nav:
        if isinstance(entry, dict) and section in entry and isinstance(entry[section], list):
            children = entry[section]
            for index, child in enumerate(children):
                value = next(iter(child.values())) if isinstance(child, dict) else child
                if value == target:
                    children.insert(0, children.pop(index))
                    break
    return nav
