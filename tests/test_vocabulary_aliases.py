"""Target groups merged into one choice: a method or guideline that uses an alias id (the old
id, or a guideline's own word) gets the item's id, and the export keeps the aliases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, catalogue

from macros.loader.catalogue import load_catalogue
from macros.loader.problems import DataError
from macros.publish.open_data import catalogue_json

# The merges of issue 11: alias id -> the ids it now stands for.
MERGED = {
    "barn-och-unga": ["barn", "ungdomar"],
    "affarsidkare": ["foretagare"],
    "hela-lanet": ["alla"],
    "mindre-aktiva": ["berorda-lagaktiva"],
}


def _groups() -> dict[str, dict]:
    vocab = catalogue()["vocabularies"]
    return {g["id"]: g for g in vocab["target-groups"]["items"] + vocab["quadrants"]["items"]}


def test_merged_ids_are_aliases_not_choices():
    groups = _groups()
    for alias, targets in MERGED.items():
        assert alias not in groups, f"{alias} is still its own choice"
        carriers = sorted(g["id"] for g in groups.values() if any(a["id"] == alias for a in g.get("aliases", [])))
        assert carriers == sorted(targets)


def test_children_and_young_people_have_age_hints():
    groups = _groups()
    assert "0–12 år" in groups["barn"]["name"]
    assert "13–25 år" in groups["ungdomar"]["name"]


def test_no_method_or_guideline_refers_to_a_merged_id_after_loading():
    cat = catalogue()
    for method in cat["methods"]:
        assert not set(method["target_groups"]) & set(MERGED), method["id"]
    for guideline in cat["guidelines"]:
        for fact in guideline["facts"].values():
            assert not set(fact.get("groups", [])) & set(MERGED), guideline["id"]


def test_guideline_words_resolve_to_the_merged_items():
    guidelines = {g["id"]: g for g in catalogue()["guidelines"]}
    # Region Värmland writes "invånare i hela länet" and "inte är aktiva"; it names no children.
    assert guidelines["region-varmland"]["facts"]["target_groups"]["groups"] == ["berorda-lagaktiva", "alla"]
    assert set(guidelines["solna"]["facts"]["target_groups"]["groups"]) >= {"barn", "ungdomar", "foretagare"}


def test_region_varmland_names_neither_children_nor_users_as_target_groups():
    groups = _groups()
    assert "region-varmland" not in groups["barn"].get("named_by", [])
    assert "region-varmland" not in groups["brukare"].get("named_by", [])


def test_export_carries_the_aliases():
    exported = json.loads(catalogue_json(load_catalogue(ROOT / "data")))
    items = {g["id"]: g for g in exported["vocabularies"]["target-groups"]["items"]}
    assert {"id": "affarsidkare", "name": "Affärsidkare", "named_by": ["alingsas"]} in items["foretagare"]["aliases"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_old_id_in_a_method_still_loads_and_is_resolved(data_copy: Path):
    _replace(data_copy / "methods" / "charrette.yaml", "target_groups: [", "target_groups: [affarsidkare, hela-lanet, barn-och-unga, ")
    method = next(m for m in load_catalogue(data_copy)["methods"] if m["id"] == "charrette")
    groups = method["target_groups"]
    assert groups[:4] == ["foretagare", "alla", "barn", "ungdomar"]
    assert len(groups) == len(set(groups)), "an alias next to its own item must not repeat the item"


@pytest.mark.parametrize(
    "alias, message",
    [
        ("alla", "är ett eget ord"),  # an alias may not shadow an item
        ("berorda-aktiva", "är ett eget ord"),  # nor an item of the other group vocabulary
    ],
)
def test_an_alias_that_is_an_item_id_is_reported(data_copy: Path, alias: str, message: str):
    _replace(data_copy / "vocabularies" / "target-groups.yaml", "      - id: affarsidkare\n", f"      - id: {alias}\n")
    with pytest.raises(DataError) as error:
        load_catalogue(data_copy)
    [problem] = [p for p in error.value.problems if message in p.message]
    assert problem.path == "data/vocabularies/target-groups.yaml"
    assert problem.field.endswith(".aliases[0].id")
    assert f"”{alias}”" in problem.message


def test_an_alias_named_by_an_unknown_guideline_is_reported(data_copy: Path):
    _replace(data_copy / "vocabularies" / "target-groups.yaml", "        named_by: [alingsas]\n  - id: civilsamhallet", "        named_by: [alingsos]\n  - id: civilsamhallet")
    with pytest.raises(DataError) as error:
        load_catalogue(data_copy)
    [problem] = error.value.problems
    assert problem.field.endswith(".aliases[0].named_by[0]")
    assert "”alingsos”" in problem.message and "alingsas" in problem.message
