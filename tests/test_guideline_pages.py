"""The five guidelines on the site: every sentence of each source is on its page, the
structured facts agree with the text, the comparison has a cell for every fact and
organisation, and the "our organisation" setting puts that guideline first."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ORGANISATION

from macros.loader.catalogue import load_catalogue
from macros.pages.guideline_pages import NOT_STATED, reorder_nav

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SOURCES = {
    "alingsas": "alingsas-riktlinjer-medborgardialog-2023.txt",
    "krokom": "krokom-policy-riktlinjer-medborgardialog-2021.txt",
    "region-varmland": "region-varmland-direktiv-medborgardialog-2019.txt",
    "solna": "solna-riktlinje-medborgardialog-2024.txt",
    "uppsala": "uppsala-riktlinje-medborgardialog.txt",
}

# The parts of each source that are left out of the guideline's text on purpose, as ranges of
# lines (first line, last line, both included, matched by how the line starts). Every range
# must be found in its source, so a changed fixture cannot make an exclusion silently void.
LEFT_OUT: dict[str, list[tuple[str, str, str]]] = {
    "alingsas": [
        # The document header (type, decided by, date and §, diarienummer, applies to,
        # validity, revision, owner): shown in the metadata box, not repeated in the text.
        ("Typ av styrdokument: Riktlinjer", "Dokumentansvarig: Demokratistrateg", "metadata"),
    ],
    "krokom": [
        # Fastställt av, Datum, För revidering ansvarar, Dokumentet gäller för, Dokumentet
        # gäller till och med: shown in the metadata box.
        ("**Fastställt av:**", "**Dokumentet gäller till och med:**", "metadata"),
        # The table of contents with page numbers: page furniture, not the guideline.
        ("# Innehåll", "<b>9</b>", "innehållsförteckning"),
    ],
    "region-varmland": [
        # The two-line document header table (Dokumenttyp, Ansvarig verksamhet, Version,
        # Antal sidor, Dokumentägare, Fastställare, Giltig fr.o.m., Giltig t.o.m.).
        ("Dokumenttyp Direktiv", "Dokumentägare Helena Agnemyr", "metadata"),
    ],
    "solna": [
        # The table of document facts (Dokumenttyp … Uppföljning): shown in the metadata box.
        ("Dokumenttyp:", "Uppföljning:", "metadata"),
    ],
    "uppsala": [
        # The cookie banner of uppsala.se: not part of the guideline.
        ("Kakor (cookies)", "Du kan när du vill ändra dina inställningar.", "kakbanner"),
    ],
}


# -- reading sources and pages --------------------------------------------------------------


def normalise(text: str) -> str:
    """Text without HTML tags, Markdown markers (emphasis, links, escapes) and extra white space."""
    text = re.sub(r"</?(?:a|em|strong|b|i|span|code|abbr|sup|sub|label)\b[^>]*>", "", text)  # inline: no space
    text = re.sub(r"<[^>]+>", " ", text)  # block tags separate words
    text = html.unescape(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("*", "").replace("\\", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def source_lines(guideline_id: str) -> list[str]:
    """The source's lines with the parts left out on purpose removed."""
    lines = (SEEDS / SOURCES[guideline_id]).read_text(encoding="utf-8").splitlines()
    for first, last, _why in LEFT_OUT[guideline_id]:
        starts = [i for i, line in enumerate(lines) if line.strip().startswith(first)]
        assert len(starts) == 1, f"{guideline_id}: the left-out part starting {first!r} is not in the source once"
        ends = [i for i, line in enumerate(lines) if i >= starts[0] and line.strip().startswith(last)]
        assert ends, f"{guideline_id}: the left-out part ending {last!r} is not in the source"
        del lines[starts[0] : ends[0] + 1]
    return lines


def source_sentences(guideline_id: str) -> list[str]:
    sentences = []
    for line in source_lines(guideline_id):
        line = line.strip()
        if re.fullmatch(r"-{3,}", line):  # a horizontal rule
            continue
        line = re.sub(r"^#+\s*", "", line)  # heading marks
        line = re.sub(r"^(?:[-•]|\d+\.)\s+", "", line)  # list marks
        for cell in line.split("\t"):  # table cells and columns
            for sentence in re.split(r"(?<=[.!?])\s+", normalise(cell)):
                if sentence:
                    sentences.append(sentence)
    return sentences


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    start = page.index('<article class="md-content__inner')
    return page[start : page.index("</article>", start)]


def guideline_text(page: str) -> str:
    """The page title and the guideline's own text (between the start and end markers)."""
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    start = page.index('class="guideline-text-start"')
    end = page.index('class="guideline-text-end"')
    return normalise(title + " " + page[page.index(">", start) + 1 : end])


class _Tree(HTMLParser):
    """The ids of a page, and the cells of its tables with their text and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.tables: list[dict] = []  # {"class": str, "rows": [[cell, ...], ...]}
        self._cell: dict | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "table":
            self.tables.append({"class": values.get("class") or "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = {"tag": tag, "scope": values.get("scope"), "text": "", "links": [], "class": values.get("class") or ""}
            self.tables[-1]["rows"][-1].append(self._cell)
        elif tag == "a" and self._cell is not None and values.get("href"):
            self._cell["links"].append(values["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    return tree


def table(page: str, cls: str) -> dict:
    return next(t for t in parse(page).tables if cls in t["class"].split())


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def catalogue() -> dict:
    return load_catalogue(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def guidelines(catalogue) -> dict[str, dict]:
    return {g["id"]: g for g in catalogue["guidelines"]}


def section_text(guideline: dict, section_id: str) -> str:
    section = next(s for s in guideline["sections"] if s["id"] == section_id)

    def walk(blocks):
        for block in blocks:
            yield block.get("p", "")
            yield from block.get("list", []) + block.get("checklist", [])
            if "table" in block:
                yield from block["table"]["header"] + [c for row in block["table"]["rows"] for c in row]
            if "details" in block:
                yield from walk(block["details"]["blocks"])

    return normalise(" ".join(walk(section["blocks"])))


# -- faithfulness --------------------------------------------------------------------------


def test_every_source_has_a_guideline_and_a_fixture(guidelines):
    assert set(guidelines) == set(SOURCES)
    for name in SOURCES.values():
        assert (SEEDS / name).is_file(), name


@pytest.mark.parametrize("guideline_id", sorted(SOURCES))
def test_every_sentence_of_the_source_is_on_the_page(built_site: Path, guideline_id: str):
    text = guideline_text(page_html(built_site, f"riktlinjer/{guideline_id}"))
    sentences = source_sentences(guideline_id)
    assert len(sentences) > 20
    missing = [s for s in sentences if s not in text]
    assert not missing, f"{len(missing)} meningar ur källan saknas på sidan riktlinjer/{guideline_id}/:\n" + "\n".join(f"  - {s}" for s in missing)


def test_the_left_out_parts_are_not_in_the_text(built_site: Path):
    uppsala = guideline_text(page_html(built_site, "riktlinjer/uppsala"))
    assert "Kakor på uppsala.se" not in uppsala and "cookies" not in uppsala
    krokom = guideline_text(page_html(built_site, "riktlinjer/krokom"))
    assert "Innehåll" not in krokom.split()
    assert "....." not in krokom


# -- the page of each guideline ------------------------------------------------------------


@pytest.mark.parametrize("guideline_id", sorted(SOURCES))
def test_guideline_page_has_metadata_headings_and_toc(built_site: Path, guidelines, guideline_id: str):
    g = guidelines[guideline_id]
    page = page_html(built_site, f"riktlinjer/{guideline_id}")
    body = article(page)
    meta = re.search(r'<dl class="fact-box guideline-meta">(.*?)</dl>', body, re.S).group(1)
    for label in ("Organisation", "Dokumenttyp", "Beslutad av", "Beslutsdatum", "Giltighetstid", "Dokumentansvarig", "Gäller för", "Källa"):
        assert f"<dt>{label}</dt>" in meta, label
    assert html.escape(g["decided_by"], quote=True) in meta
    toc = page[page.index('md-nav--secondary') :]
    tree = parse(page)
    for section in g["sections"]:
        level = section["level"]
        assert re.search(rf'<h{level} id="{re.escape(section["id"])}">', body), section["id"]
        assert section["id"] in tree.ids
        assert f'href="#{section["id"]}"' in toc, f"{section['id']} is not in the table of contents"
    # A link to the comparison, and the process as a table of roles x steps.
    assert 'href="../jamforelse/"' in body
    if g["facts"].get("process"):
        grid = table(page, "process-grid")
        steps = g["facts"]["process"]["steps"]
        assert len(grid["rows"]) == len(steps) + 1
        assert all(cell["scope"] == "col" for cell in grid["rows"][0])
        for step, row in zip(steps, grid["rows"][1:], strict=True):
            assert row[0]["scope"] == "row" and step["name"] in clean(row[0]["text"])
            assert sum(cell["text"].strip() == "Ja" for cell in row[1:]) == len(set(step["roles"]))


def test_tables_checklists_and_collapsible_parts_are_real_html(built_site: Path):
    alingsas = page_html(built_site, "riktlinjer/alingsas")
    types = table(alingsas, "guideline-table")
    assert [clean(c["text"]) for c in types["rows"][0]] == ["Typ av dialog", "Definition"]
    assert all(c["tag"] == "th" and c["scope"] == "col" for c in types["rows"][0])
    assert [clean(r[0]["text"]) for r in types["rows"][1:]][:2] == ["Medborgardialog", "Intressedialog (organisationsdialog)"]
    checklist = re.findall(r'<ul class="checklist">(.*?)</ul>', alingsas, re.S)
    assert len(checklist) == 4 and "Definiera frågans påverkbarhet" in checklist[0]
    krokom = page_html(built_site, "riktlinjer/krokom")
    assert re.search(r'<details class="guideline-details">\s*<summary>Fyrton vi använder oss av och ansvarig</summary>', krokom)
    # Krokom's empty method headings stay as they are.
    assert re.search(r'<h4 id="kund-brukarundersokningar">Kund/brukarundersökningar</h4>\s*<h4 id="klassrad-foraldrarad-elevrad">', krokom)
    solna = page_html(built_site, "riktlinjer/solna")
    assert "Utkast" in article(solna) and "2024-xx-xx" in article(solna)
    # Stacked on a narrow screen, each cell names its column (data-label, which site.css shows).
    labels = re.findall(r'<td data-label="([^"]*)"', alingsas)
    assert labels and "" not in labels and {"Typ av dialog", "Definition"} <= set(labels)


# What a reader of one guideline page sees first, by the label it has there.
AT_A_GLANCE = {
    "decision": "Vem beslutar om dialogen",
    "levels": "Nivåer på trappan som räknas som medborgardialog",
    "plan": "Vad planen ska innehålla",
    "feedback": "Återkoppling till deltagarna",
}


@pytest.mark.parametrize("guideline_id", sorted(SOURCES))
def test_at_a_glance_shows_each_stated_fact_with_its_section_or_says_it_is_not_stated(built_site: Path, guidelines, guideline_id: str):
    g = guidelines[guideline_id]
    box = re.search(r'<dl class="fact-box guideline-glance">(.*?)</dl>', article(page_html(built_site, f"riktlinjer/{guideline_id}")), re.S).group(1)
    rows = {normalise(dt): dd for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", box, re.S)}
    for key, label in AT_A_GLANCE.items():
        fact = g["facts"].get(key)
        if fact:
            assert normalise(fact["summary"]) in normalise(rows[label]), (key, rows[label][:80])
            assert f'href="#{fact["section"]}"' in rows[label], key
        else:
            assert normalise(rows[label]) == "Anges inte i riktlinjen.", key


# -- the facts agree with the text ----------------------------------------------------------


def test_krokom_counts_levels_3_to_5(built_site: Path, guidelines):
    krokom = guidelines["krokom"]
    levels = krokom["facts"]["levels"]
    assert levels["counted"] == ["dialog", "inflytande", "medbeslutande"]
    assert "information" in levels.get("prerequisite", [])
    assert "steg 3, 4 och 5 (dialog, inflytande och medskapande) som medborgardialog" in section_text(krokom, levels["section"])
    rules = {r["kind"]: r for r in krokom["facts"]["rules"]["items"]}
    assert "Minst en av informationsstegets metoder används därför alltid först" in section_text(krokom, rules["information-first"]["section"])
    assert (rules["group-size"]["min"], rules["group-size"]["max"]) == (8, 12)
    assert "minst en tredjedel av mötestiden" in section_text(krokom, rules["question-time"]["section"])
    # On the built pages: the comparison cell names exactly these levels and links to the section.
    cell = comparison_cell(built_site, "nivaer", "krokom")
    assert "Dialog" in cell["text"] and "Inflytande" in cell["text"] and "Medbeslutande" in cell["text"]
    assert "Konsultation" not in cell["text"].split("Förutsättning")[0]
    assert "../krokom/#medborgardialog" in cell["links"]
    assert "steg 3, 4 och 5" in section_on_page(built_site, "krokom", "medborgardialog")


def test_solna_needs_no_formal_decision(built_site: Path, guidelines):
    solna = guidelines["solna"]
    decision = solna["facts"]["decision"]
    assert decision["formal_decision"] is False
    assert "Inget formellt beslut behöver fattas i nämnd eller styrelse" in section_text(solna, decision["section"])
    cell = comparison_cell(built_site, "formellt-beslut", "solna")
    assert clean(cell["text"]).startswith("Nej")
    assert f"../solna/#{decision['section']}" in cell["links"]
    assert "Inget formellt beslut behöver fattas" in section_on_page(built_site, "solna", decision["section"])


def test_region_varmland_is_decided_by_the_presidium(built_site: Path, guidelines):
    region = guidelines["region-varmland"]
    decision = region["facts"]["decision"]
    assert decision["decided_by"] == "Regionfullmäktiges presidium"
    assert decision["formal_decision"] is True
    assert "Beslut om att genomföra en medborgardialog fattas av regionfullmäktiges presidium" in section_text(region, decision["section"])
    cell = comparison_cell(built_site, "beslut", "region-varmland")
    assert clean(cell["text"]).startswith("Regionfullmäktiges presidium")
    assert "fattas av regionfullmäktiges presidium" in section_on_page(built_site, "region-varmland", decision["section"])
    # The plan's contents are the list in the text, item for item.
    assert region["facts"]["plan"]["items"][0] == "Syfte" and len(region["facts"]["plan"]["items"]) == 13


def test_alingsas_was_decided_on_2023_11_06_paragraph_193(built_site: Path, guidelines):
    alingsas = guidelines["alingsas"]
    assert (alingsas["decision_date"], alingsas["decision_paragraph"], alingsas["decided_by"]) == ("2023-11-06", "§ 193", "Kommunstyrelsen")
    assert "Datum för beslut: 2023-11-06. § 193" in (SEEDS / SOURCES["alingsas"]).read_text(encoding="utf-8")
    page = article(page_html(built_site, "riktlinjer/alingsas"))
    assert "<dt>Beslutsdatum</dt><dd>2023-11-06, § 193</dd>" in page
    assert [p["name"] for p in alingsas["facts"]["checklist"]["phases"]] == ["Beslut om dialog", "Planering", "Genomförande", "Resultat"]


# -- the comparison ------------------------------------------------------------------------


def comparison(site: Path) -> tuple[list[str], dict[str, dict[str, dict]]]:
    """The organisation ids in page order and {row id: {organisation id: cell}}: one table per
    fact (after its heading), one row per organisation."""
    page = page_html(site, "riktlinjer/jamforelse")
    tables = [t for t in parse(page).tables if "cmp-table" in t["class"].split()]
    row_ids = re.findall(r'<h2 id="rad-([a-z0-9-]+)">', page)
    rows, columns = {}, []
    for row_id, cmp in zip(row_ids, tables, strict=True):
        assert [c["scope"] for c in cmp["rows"][0]] == ["col", "col"]
        cells = {}
        for org, cell in cmp["rows"][1:]:
            assert org["tag"] == "th" and org["scope"] == "row"
            cells[re.match(r"\.\./([a-z0-9-]+)/$", org["links"][0]).group(1)] = cell
        columns = columns or list(cells)
        assert list(cells) == columns
        rows[row_id] = cells
    return columns, rows


def comparison_cell(site: Path, row_id: str, guideline_id: str) -> dict:
    return comparison(site)[1][row_id][guideline_id]


def section_on_page(site: Path, guideline_id: str, section_id: str) -> str:
    """The text from a section's heading to the next heading on the built guideline page."""
    page = article(page_html(site, f"riktlinjer/{guideline_id}"))
    start = page.index(f'id="{section_id}"')
    following = re.search(r"<h[1-6][ >]", page[start:])
    end = start + following.start() if following else len(page)
    return normalise(page[start:end].split(">", 1)[1])


def test_comparison_has_a_cell_for_every_fact_and_organisation(built_site: Path, guidelines):
    """Every card has a row per organisation, each filled or "anges inte", and every link in a
    cell goes to a section that is on that guideline's page."""
    page = page_html(built_site, "riktlinjer/jamforelse")
    assert re.search(r'<div class="cmp-fact">\s*<table class="cmp-table [^"]*" aria-labelledby="rad-definition">', page)
    columns, rows = comparison(built_site)
    assert sorted(columns) == sorted(guidelines)
    ids = {gid: parse(page_html(built_site, f"riktlinjer/{gid}")).ids for gid in guidelines}
    blanks, bad_links = [], []
    for row_id, cells in rows.items():
        for gid, cell in cells.items():
            if clean(cell["text"]) == NOT_STATED:
                continue
            if not clean(cell["text"]) or not any(re.match(rf"\.\./{gid}/#", href) for href in cell["links"]):
                blanks.append(f"{row_id} × {gid}")
            bad_links += [f"{row_id} × {gid}: {href}" for href in cell["links"] if (m := re.match(rf"\.\./{gid}/#(.+)$", href)) and m.group(1) not in ids[gid]]
    assert not blanks, "rutor utan text eller länk till ett avsnitt: " + ", ".join(blanks)
    assert not bad_links, "\n".join(bad_links)


# The facts a reader compares side by side: each must have its own card in the comparison.
COMPARED = ("definition", "citizens", "not_medborgardialog", "initiative", "decision", "levels", "process", "roles", "plan", "checklist", "target_group_analysis", "target_groups", "rules", "feedback", "evaluation", "follow_up")


def test_comparison_shows_each_guidelines_fact_and_anges_inte_where_it_is_silent(built_site: Path, guidelines):
    """Read from the data, not from the code: the card of a fact shows, for a guideline that
    states it, the fact's summary and a link to the section it comes from, and "anges inte"
    for a guideline that does not."""
    _, rows = comparison(built_site)
    problems = []
    for key in COMPARED:
        holders = {gid: g["facts"][key] for gid, g in guidelines.items() if g["facts"].get(key)}
        assert holders, f"no guideline states {key}: the fixture data changed"
        # The card of this fact: the one that shows every holder's summary in its row.
        card = next((cells for cells in rows.values() if all(clean(f["summary"]) in clean(cells[gid]["text"]) for gid, f in holders.items())), None)
        if card is None:
            problems.append(f"{key}: no card shows the summaries of {', '.join(holders)}")
            continue
        for gid in guidelines:
            text, links = clean(card[gid]["text"]), card[gid]["links"]
            if gid not in holders:
                if text != NOT_STATED:
                    problems.append(f"{key} × {gid}: says {text[:40]!r}, the guideline does not state it")
            elif clean(holders[gid]["summary"]) not in text:
                problems.append(f"{key} × {gid}: the summary is missing")
            elif f"../{gid}/#{holders[gid]['section']}" not in links:
                problems.append(f"{key} × {gid}: no link to its section {holders[gid]['section']}")
    assert not problems, "\n".join(problems)


def test_comparison_shows_at_a_glance_who_decides_and_which_levels(built_site: Path):
    _, rows = comparison(built_site)
    assert clean(rows["nivaer"]["region-varmland"]["text"]) == NOT_STATED  # the directive says nothing about levels
    assert clean(rows["formellt-beslut"]["uppsala"]["text"]) == NOT_STATED
    assert clean(rows["formellt-beslut"]["alingsas"]["text"]).startswith("Ja")
    assert "Kostnader för genomförandet" in rows["plan"]["region-varmland"]["text"]
    assert "tre" in rows["aterkoppling"]["krokom"]["text"]


# -- index, checklists and target-group analysis --------------------------------------------


def test_guidelines_index_lists_type_decision_and_status(built_site: Path):
    index = table(page_html(built_site, "riktlinjer"), "guidelines-index")
    rows = {clean(r[0]["text"]): [clean(c["text"]) for c in r[1:]] for r in index["rows"][1:]}
    assert rows["Alingsås kommun"][:2] == ["Kommun", "Riktlinjer"] and rows["Region Värmland"][:2] == ["Region", "Direktiv"]
    assert rows["Krokoms kommun"][1] == "Policy och riktlinjer" and rows["Uppsala kommun"][1] == "Riktlinje"
    assert rows["Alingsås kommun"][3] == "Beslutad 2023-11-06, § 193"
    assert rows["Solna stad"][3].startswith("Utkast") and "2024-xx-xx" in rows["Solna stad"][3]
    assert rows["Krokoms kommun"][3] == "Testperiod 2021-04-15 till 2022-04-15"
    assert rows["Region Värmland"][2] == "Regionfullmäktige"


def test_checklist_page_prints_alingsas_checklist_and_region_varmlands_plan(built_site: Path, guidelines):
    page = article(page_html(built_site, "riktlinjer/checklistor"))
    boxes = re.findall(r'<input type="checkbox" id="([a-z0-9-]+)"><label for="\1">(.*?)</label>', page)
    labels = [html.unescape(label) for _, label in boxes]
    phases = guidelines["alingsas"]["facts"]["checklist"]["phases"]
    plan = guidelines["region-varmland"]["facts"]["plan"]["items"]
    # The two own lists; the other guidelines' compiled checklists: tests/test_checklists.py.
    assert len(re.findall(r'id="(?:alingsas|region-varmland)-\d+"', page)) == sum(len(p["items"]) for p in phases) + len(plan) == 23 + 13
    assert "Definiera frågans påverkbarhet" in labels and "Utforma strategi för uppföljning och utvärdering" in labels
    assert "Kostnader för genomförandet" in labels
    assert len({box_id for box_id, _ in boxes}) == len(boxes)
    css = (built_site / "assets" / "guidelines.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4", css)
    printed = css[css.index("@media print") :]
    for hidden in (".md-header", ".md-sidebar", ".md-footer", ".md-search"):
        assert hidden in printed.split("display: none")[0]
    assert re.search(r'<link rel="stylesheet" href="(\.\./)+assets/guidelines\.css', page_html(built_site, "riktlinjer/checklistor"))


def test_target_group_analysis_is_a_2x2_picture_with_full_text(built_site: Path, catalogue):
    page = article(page_html(built_site, "malgruppsanalys"))
    for label in ("Aktiva", "Lågaktiva", "Berörda", "Icke berörda"):
        assert re.search(rf'<div [^>]*class="quadrant-axis[^"]*"[^>]*>{label}</div>', page), label
    for quadrant in catalogue["vocabularies"]["quadrants"]["items"]:
        assert re.search(rf'<div class="quadrant quadrant-{quadrant["id"]} grid-r[23] grid-c[23]">', page)
        assert f'id="{quadrant["id"]}"' in page
        assert normalise(quadrant["text"]) in normalise(page)
    # Berörda och lågaktiva sits in the affected row and the low-activity column.
    assert 'quadrant-berorda-lagaktiva grid-r2 grid-c3' in page


# -- "our organisation" --------------------------------------------------------------------


def test_reorder_nav_moves_our_guideline_first():
    nav = [{"Start": "index.md"}, {"Riktlinjer": [{"Översikt": "riktlinjer/index.md"}, {"Alingsås": "riktlinjer/alingsas.md"}, {"Krokom": "riktlinjer/krokom.md"}]}]
    assert reorder_nav(nav, "krokom")[1]["Riktlinjer"][0] == {"Krokom": "riktlinjer/krokom.md"}
    assert reorder_nav(None, "krokom") is None
    assert reorder_nav([{"Start": "index.md"}], None) == [{"Start": "index.md"}]


def nav_guidelines(page: str, ids: list[str]) -> list[str]:
    """The guideline ids in the order the primary navigation links to them."""
    nav = page[page.index("md-nav--primary") : page.index("<article")]  # the menu comes before the article
    found = re.findall(r'href="(?:\./)?riktlinjer/([a-z0-9-]+)/"', nav)
    return [gid for gid in found if gid in ids]


def test_the_neutral_site_names_no_organisation(built_site: Path, guidelines):
    home = page_html(built_site, "")
    assert "inställd för" not in home
    assert nav_guidelines(home, list(guidelines)) == sorted(guidelines)


def test_our_organisation_comes_first_and_is_named_on_the_home_page(organisation_site: Path, guidelines):
    # organisation_site is the project with `organisation: krokom` (conftest.ORGANISATION).
    home = page_html(organisation_site, "")
    assert nav_guidelines(home, list(guidelines))[0] == ORGANISATION == "krokom"
    assert "Krokoms kommun" in normalise(article(home))
    assert re.search(r'href="riktlinjer/krokom/"', article(home))
    columns, _ = comparison(organisation_site)
    assert columns[0] == "krokom"


def test_the_ids_the_page_adds_are_the_ones_the_schema_keeps_from_sections():
    # The guideline page writes its own headings' ids in its template; the schema refuses a
    # section with one of them (the loader reports it). The two must name the same ids.
    from macros.loader.schemas import node_at

    template = (ROOT / "macros" / "pages" / "templates" / "guideline_page.md").read_text(encoding="utf-8")
    written = set(re.findall(r'anchor\("([a-z0-9-]+)"\)', template))
    reserved = set(node_at("guideline", "sections", "id")["not"]["enum"])
    assert written and written == reserved
