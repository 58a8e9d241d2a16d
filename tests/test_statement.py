"""The accessibility statement: built from the settings a publishing body fills in, with the
11 items Digg asks for (https://www.digg.se/kunskap-och-stod/digital-tillganglighet/skapa-en-tillganglighetsredogorelse),
and a build that stops while a placeholder is left, unless the site says it is a demo."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import build_site, copy_project, replace_in


def _configure(project: Path, changes: dict[str, str]) -> None:
    replace_in(project / "mkdocs.yml", changes)


def _text(page: str) -> str:
    article = page[page.index("<article") : page.index("</article>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


def test_a_filled_in_statement_has_every_item_digg_asks_for(organisation_site: Path):
    # conftest's organisation_site has the settings of STATEMENT_FILLED filled in.
    page = (organisation_site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    text = _text(page)
    # 1-2: who stands behind which service, in one sentence that reads as one.
    assert "Exempels kommun står bakom webbplatsen Medborgardialog med metodväljaren." in text
    # 3: compliance in Digg's wording.
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service" in text
    # 4: the inaccessible content, each with its reason.
    brister = text[text.index("Innehåll som inte är tillgängligt Det här") : text.index("Oskäligt betungande anpassning")]
    assert brister.count("Skäl:") == 3
    # 5-7: date of the assessment, of the last update, and the method.
    assert "Senaste bedömningen gjordes den 2026-11-24." in text
    assert "Redogörelsen uppdaterades senast den 2026-12-01." in text
    assert "Självskattning: automatiska tester med axe-core" in text
    # 8: a way to tell us (mail link; the optional phone).
    assert 'href="mailto:tillganglighet@exempel.se"' in page and "telefon: 0123-456 78" in text
    # 9: Digg's complaint form.
    assert 'href="https://www.digg.se/tdosanmalan"' in page
    # 10: content exempted as a disproportionate burden (12 §), with its reason.
    assert "12 § lagen om tillgänglighet" in text and "Gamla protokoll som inskannade bilder. Skäl: Att skriva om" in text
    # 11: content outside the law (9 §).
    assert "9 § lagen om tillgänglighet" in text and "Riktlinjernas originaldokument" in text
    # Nothing left to fill in, no demo notice.
    assert "[Fyll i" not in page and "Exempel på en redogörelse" not in text and "fill-in" not in page


@pytest.fixture(scope="module")
def wrong_settings(tmp_path_factory) -> tuple[subprocess.CompletedProcess, list[str]]:
    """One build of a copy whose statement is not a demo, still has the placeholders and has
    two wrong values: (the build, the lines of its mkdocs.yml)."""
    project = copy_project(tmp_path_factory.mktemp("wrong-statement") / "project")
    _configure(project, {"    demo: true ": "    demo: false "} | WRONG)
    result = build_site(project, project.parent / "site")
    return result, (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()


WRONG = {"    status: delvis förenlig ": "    status: ganska bra ", "    response_days: 5": "    response_days: fem"}
FILL_IN = "Fyll i er organisations uppgifter, eller sätt extra.accessibility.demo: true om webbplatsen är en demonstration"


def _row(lines: list[str], key: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"    {key}: "))


def test_the_build_stops_on_a_placeholder_unless_it_is_a_demo_and_says_every_wrong_setting_at_once(wrong_settings):
    result, lines = wrong_settings
    message = result.stderr + result.stdout
    assert result.returncode != 0
    assert "Traceback" not in message
    reported = [line for line in message.splitlines() if line.startswith("mkdocs.yml, rad ")]
    assert reported == [
        f"mkdocs.yml, rad {_row(lines, 'status')}: extra.accessibility.status: väntade ett av helt förenlig, delvis förenlig, inte förenlig, fann ”ganska bra”",
        f"mkdocs.yml, rad {_row(lines, 'response_days')}: extra.accessibility.response_days: väntade ett antal arbetsdagar (heltal), fann ”fem”",
        f"mkdocs.yml, rad {_row(lines, 'organisation')}: extra.accessibility.organisation: platshållaren ”[Fyll i: organisationens namn, till exempel Exempels kommun]” är kvar. {FILL_IN}",
        f"mkdocs.yml, rad {_row(lines, 'email')}: extra.accessibility.email: platshållaren ”[Fyll i: e-postadress för frågor om tillgänglighet]” är kvar. {FILL_IN}",
    ]


def test_the_demo_site_shows_what_to_fill_in(built_site: Path):
    page = (built_site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    text = _text(page)
    assert "Exempel på en redogörelse" in text
    assert '<mark class="fill-in">[Fyll i: organisationens namn' in page
    assert "mailto:" not in page  # no mail link to a placeholder
    assert "example" not in page.lower().replace("exempel", "")
