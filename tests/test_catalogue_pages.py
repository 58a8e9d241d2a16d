"""The method catalogue on the site: a page per method whose links resolve, every method the
guidelines name, browsing without JavaScript, and open data that agrees with the YAML."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
METHOD_FILES = sorted((ROOT / "data" / "methods").glob("*.yaml"))

# Every method the five guidelines name, by the id it has in the catalogue (issue list).
NAMED_IN_GUIDELINES = [
    "webbplats", "informationsmote", "digitalt-stormote", "sociala-medier", "sms-tjanst", "digitala-brev",
    "skolplattform", "brev-och-affischer", "kommunens-tidning", "pressmeddelande", "lokalradio", "trycksaker",
    "fokusgrupp", "intervjuer", "enkat", "samradsmote-pbl", "brukarundersokning", "klassrad-foraldrarad-elevrad",
    "medborgarpanel", "medborgarforslag", "rad", "omradesmote", "community-researchers", "open-space", "dialogcafe",
    "webbforum", "sociala-fyrtorn", "framtidsverkstad", "gemensamma-projekt", "delegering", "medborgarbudget",
    "radslag-med-omrostning",
]
WELL_KNOWN = [
    "medborgarjury", "medborgarforsamling", "konsensuskonferens", "planeringscell", "deliberativ-opinionsmatning",
    "scenarioworkshop", "charrette", "planning-for-real", "trygghetsvandring", "workshop-i-samtalsform", "dialogpaus",
    "hackathon", "digital-karta", "digital-opinionskartlaggning",
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(html_file: Path) -> _Links:
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    target = urlparse(urljoin(page_url, href))
    path = site / unquote(target.path).lstrip("/")
    if target.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, target.fragment


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_catalogue_has_at_least_45_methods_including_the_named_ones():
    ids = {p.stem for p in METHOD_FILES}
    assert len(ids) >= 45
    assert not set(NAMED_IN_GUIDELINES) - ids, "named in a guideline but missing"
    assert not set(WELL_KNOWN) - ids


# Which guideline names which method, read from the sources' own method lists
# (Alingsås: the table "Grad av delaktighet"; Krokom: section 5 "Metoder för medborgardialog").
NAMED_BY = {
    "krokom": [
        "webbplats", "informationsmote", "digitalt-stormote", "sociala-medier", "sms-tjanst", "digitala-brev",
        "skolplattform", "brev-och-affischer", "kommunens-tidning", "pressmeddelande", "lokalradio", "fokusgrupp",
        "intervjuer", "enkat", "samradsmote-pbl", "brukarundersokning", "klassrad-foraldrarad-elevrad", "omradesmote",
        "community-researchers", "sociala-fyrtorn", "delegering", "medborgarbudget",
    ],
    "alingsas": [
        "kommunens-tidning", "webbplats", "trycksaker", "informationsmote", "enkat", "rad", "fokusgrupp",
        "medborgarforslag", "open-space", "dialogcafe", "webbforum", "omradesmote", "framtidsverkstad",
        "gemensamma-projekt", "radslag-med-omrostning", "medborgarbudget",
    ],
}


def test_methods_mark_the_guidelines_that_name_them():
    methods = {p.stem: load(p) for p in METHOD_FILES}
    for guideline, method_ids in NAMED_BY.items():
        for method_id in method_ids:
            assert guideline in {g["guideline"] for g in methods[method_id]["guidelines"]}, (guideline, method_id)
    # Krokom classes its councils as delegation (medbeslutande); the catalogue says so.
    rad = next(g for g in methods["rad"]["guidelines"] if g["guideline"] == "krokom")
    assert rad["level"] not in methods["rad"]["levels"] and rad.get("note")


@pytest.mark.parametrize("method_file", METHOD_FILES, ids=lambda p: p.stem)
def test_method_page_exists_and_its_links_resolve(built_site: Path, method_file: Path):
    method = load(method_file)
    page = built_site / "metoder" / method["id"] / "index.html"
    assert page.exists()
    html = page.read_text(encoding="utf-8")
    assert "<h1" in html and method["name"].replace("'", "&#x27;").split(" ")[0] in html
    for heading in ("Fakta", "Beskrivning", "Använd när", "Undvik när", "Styrkor", "Svagheter", "Så når ni alla", "I riktlinjerna", "Källor"):
        assert heading in html, heading
    parsed = parse(page)
    page_url = f"http://site/metoder/{method['id']}/"
    internal = [h for h in parsed.links if not urlparse(h).scheme and not h.startswith("mailto:")]
    assert internal
    for href in internal:
        target, fragment = resolve(built_site, page_url, href)
        assert target.exists(), f"{href} from {method['id']}"
        if fragment:
            assert fragment in parse(target).ids, f"{href} from {method['id']}"
    for other in method["combines_with"]:
        assert f"../{other}/" in parsed.links
    for named in method["guidelines"]:
        assert f"../../riktlinjer/{named['guideline']}/" in parsed.links


def test_catalogue_browses_without_javascript(built_site: Path):
    index = (built_site / "metoder" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<li class="method-card"', index)
    assert len(cards) == len(METHOD_FILES)  # every method once, grouped by its main level
    for level in ("information", "konsultation", "dialog", "inflytande", "medbeslutande"):
        assert f'id="{level}"' in index
        assert (built_site / "metoder" / f"niva-{level}" / "index.html").exists()
    table = (built_site / "metoder" / "tabell" / "index.html").read_text(encoding="utf-8")
    assert table.count('<th scope="row"') == len(METHOD_FILES)
    purposes = (built_site / "metoder" / "syften" / "index.html").read_text(encoding="utf-8")
    assert 'id="samla-synpunkter"' in purposes and "/fokusgrupp/" in purposes
    groups = (built_site / "metoder" / "malgrupper" / "index.html").read_text(encoding="utf-8")
    assert 'id="berorda-lagaktiva"' in groups and 'id="ungdomar"' in groups
    formats = (built_site / "metoder" / "former" / "index.html").read_text(encoding="utf-8")
    assert 'id="digitalt"' in formats


def test_open_data_agrees_with_the_yaml(built_site: Path):
    catalogue = json.loads((built_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert set(catalogue) == {"ladder", "vocabularies", "methods", "guidelines"}
    assert [m["id"] for m in catalogue["methods"]] == sorted(p.stem for p in METHOD_FILES)
    for path in METHOD_FILES:
        assert next(m for m in catalogue["methods"] if m["id"] == path.stem) == load(path)
    assert catalogue["ladder"] == load(ROOT / "data" / "ladder.yaml")
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "methods.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [m["id"] for m in catalogue["methods"]]
    for row, method in zip(rows, catalogue["methods"], strict=True):
        assert row["name"] == method["name"]
        assert row["levels"] == "; ".join(method["levels"])
        assert row["purposes"] == "; ".join(method["purposes"])
        assert row["participants.min"] == str(method["participants"]["min"])
        assert row["participants.max"] == ("" if method["participants"]["max"] is None else str(method["participants"]["max"]))
        assert row["outreach"] == ("true" if method["outreach"] else "false")
        assert row["description"] == method["description"]
    for schema in ("ladder", "vocabulary", "method", "guideline"):
        published = json.loads((built_site / "data" / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
        assert published == json.loads((ROOT / "data" / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    page = (built_site / "oppna-data" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in page and "data/catalogue.json" in page and "data/methods.csv" in page


def test_ladder_page_links_every_level_to_its_methods(built_site: Path):
    html = (built_site / "trappan" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="stair ') == 5
    ladder = load(ROOT / "data" / "ladder.yaml")
    for level in ladder["levels"]:
        assert f'id="{level["id"]}"' in html
        for method_id in level["example_methods"]:
            assert f"../metoder/{method_id}/" in html
    # How each guideline treats a level: Krokom counts dialog and up, not konsultation.
    section = html.split('id="konsultation"')[1].split('id="dialog"')[0]
    assert re.search(r"Krokom.*?Räknas inte som medborgardialog", section, re.S)
