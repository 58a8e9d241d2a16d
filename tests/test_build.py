"""The real strict build: pages come out of data/, and bad data stops it before any page."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import LADDER_EDIT, build_site


def text_of(html_file: Path) -> str:
    html = html_file.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_and_ladder_pages_come_from_the_data(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in home
    ladder = text_of(built_site / "trappan" / "index.html")
    for name, get in [("Information", "Veta"), ("Konsultation", "Tycka"), ("Dialog", "Resonera"), ("Inflytande", "Planera/genomföra"), ("Medbeslutande", "Bestämma")]:
        assert name in ladder and get in ladder
    assert "Envägskommunikation" in ladder
    # The levels appear in the ladder's order.
    positions = [ladder.index(f"{step}. {name}") for step, name in enumerate(["Information", "Konsultation", "Dialog", "Inflytande", "Medbeslutande"], 1)]
    assert positions == sorted(positions)


def test_a_changed_yaml_value_shows_on_the_page(organisation_site: Path):
    # conftest's organisation_site has LADDER_EDIT in its data/ladder.yaml.
    old, new = (value.split(": ", 1)[1] for value in LADDER_EDIT)
    page = text_of(organisation_site / "trappan" / "index.html")
    assert new in page
    assert old not in page


def test_bad_data_fails_the_strict_build_before_any_page(project_copy: Path, tmp_path: Path):
    method = project_copy / "data" / "methods" / "fokusgrupp.yaml"
    method.write_text(method.read_text(encoding="utf-8").replace("outreach: false", "outreach: no"), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project_copy, site)
    assert result.returncode != 0
    assert "data/methods/fokusgrupp.yaml:" in result.stderr and "outreach" in result.stderr
    assert not (site / "index.html").exists()
