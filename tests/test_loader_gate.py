"""The loader is the one gate: hostile or careless data is refused with file, line and field,
in Swedish, and nothing else ever comes out of it (no traceback, no silent data loss).

Each case changes one file of a copy of data/ the way an attacker or a careless editor would,
and names the problem the loader must report. A generated test then corrupts any one field of
any file and checks that the loader either reports it with a position or gives a catalogue the
build code and the engine can use.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chooser import Chooser, ChooserInputError
from macros.loader.catalogue import load_catalogue
from macros.loader.problems import DataError
from macros.publish.open_data import csv_cell, open_data_files

FOKUS = "methods/fokusgrupp.yaml"


def _replace(old: str, new: str, count: int = 1):
    def change(text: str) -> str:
        assert old in text, f"the case no longer matches the data: {old!r}"
        return text.replace(old, new, count)

    return change


def _append(extra: str):
    return lambda text: text + extra


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)

# (case, file in data/, change of its text, expected: line or None, field, words of the message)
CASES = [
    ("missing-id", FOKUS, _replace("id: fokusgrupp\n", ""), (2, "", "väntade fältet id")),
    ("null-id", FOKUS, _replace("id: fokusgrupp\n", "id: null\n"), (2, "id", "väntade text")),
    ("numeric-id", FOKUS, _replace("id: fokusgrupp\n", "id: 42\n"), (2, "id", "väntade text")),
    ("self-alias", FOKUS, _replace("name: Fokusgrupp\n", "name: &n [*n]\n"), (3, "", "ankaret &n")),
    ("undefined-alias", FOKUS, _replace("name: Fokusgrupp\n", "name: *nope\n"), (3, "", "aliaset *nope")),
    ("alias-bomb", FOKUS, lambda text: text + BOMB, (None, "", "data/ använder inga ankare")),
    ("deep-nesting", FOKUS, _append("extra: " + "[" * 600 + "]" * 600 + "\n"), (None, "", "högst 24 nivåer")),
    ("huge-float", FOKUS, _replace("  max: 12\n", "  max: 1.0e+309\n"), (None, "participants.max", "oändligt")),
    ("many-digits", FOKUS, _replace("  max: 12\n", "  max: " + "9" * 5000 + "\n"), (None, "participants.max", "högst 15 siffror")),
    ("nan", FOKUS, _replace("  min_weeks: 3\n", "  min_weeks: .nan\n"), (None, "lead_time.min_weeks", "inte ett tal")),
    ("inf", FOKUS, _replace("  max_weeks: 6\n", "  max_weeks: .inf\n"), (None, "lead_time.max_weeks", "oändligt")),
    ("list-item-indent", FOKUS, _replace("  - Enkel och snabb", "   - Enkel och snabb"), (None, "strengths[0]", "fortsättning på raden ovanför")),
    ("nul-byte", FOKUS, _replace("name: Fokusgrupp\n", "name: Fokus\x00grupp\n"), (3, "", "NUL-tecken")),
    ("control-char", FOKUS, _replace("name: Fokusgrupp\n", "name: Fokus\x07grupp\n"), (3, "", "styrtecknet U+0007")),
    ("bom", FOKUS, lambda text: "\ufeff" + text, (1, "", "utan BOM")),
    ("bidi-override", FOKUS, _replace("name: Fokusgrupp\n", "name: Fokus\u202egrupp\n"), (3, "", "U+202E")),
    ("zero-width", FOKUS, _replace("name: Fokusgrupp\n", "name: Fokus\u200bgrupp\n"), (3, "", "U+200B")),
    ("lone-surrogate", FOKUS, _replace("name: Fokusgrupp\n", 'name: "Fokus\\ud800grupp"\n'), (3, "", "ensamt surrogat")),
    ("reserved-section-id", "guidelines/krokom.yaml", lambda t: re.sub(r"(?m)^  - id: [a-z0-9-]+$", "  - id: i-korthet", t, count=1), (None, "sections[0].id", "i-korthet")),
    ("quadrant-without-affected", "vocabularies/quadrants.yaml", lambda t: re.sub(r"(?m)^    affected: (true|false)\n", "", t, count=1), (None, "items[0]", "väntade fältet affected")),
    ("quadrant-twice", "vocabularies/quadrants.yaml", lambda t: t.replace("    affected: false\n    active: false\n", "    affected: true\n    active: false\n", 1), (None, "items[1]", "samma affected/active")),
    ("cost-without-rank", "vocabularies/cost-levels.yaml", lambda t: re.sub(r"(?m)^    rank: 1\n", "", t, count=1), (None, "items[0]", "väntade fältet rank")),
    ("too-large", FOKUS, _append("# " + "x" * 1_100_000 + "\n"), (1, "", "högst 1")),
    ("schema-not-json", "schemas/method.schema.json", _replace("{", "{,", 1), (1, "", "väntade giltig JSON")),
]


@pytest.mark.parametrize(("case", "rel", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_or_careless_data_is_refused_with_its_place(case, rel, change, expected, data_copy: Path):
    path = data_copy / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8", errors="surrogatepass")
    started = time.perf_counter()
    with pytest.raises(DataError) as raised:
        load_catalogue(data_copy)
    assert time.perf_counter() - started < 10, "the loader must refuse at once, not expand the input"
    line, field, words = expected
    where = "data/" + rel
    matching = [
        p for p in raised.value.problems
        if p.path == where and (line is None or p.line == line) and p.field == field and words in p.message
    ]
    report = "\n".join(map(str, raised.value.problems))
    assert matching, f"expected {where}:{line}: {field}: …{words}… in\n{report}"
    assert all(p.line >= 1 for p in matching)
    assert not re.search(r"\b(found|expected|while|could not|Traceback)\b", report), report


def test_a_guideline_missing_from_nav_is_reported_against_its_yaml(tmp_path: Path):
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      - Solna: riktlinjer/solna.md\n", ""), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/guidelines/solna.yaml:1:1" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_csv_cells_that_start_a_formula_are_neutralised():
    assert csv_cell('=HYPERLINK("https://example.com","klick")').startswith("'=")
    for start in ("+", "-", "@", "\t", "\r"):
        assert csv_cell(start + "1").startswith("'")
    assert csv_cell("Fokusgrupp") == "Fokusgrupp"


# -- generated corruption of any one field -------------------------------------------------

CORRUPTIONS = [None, "", 0, -1, 10**20, 1e300, True, [], {}, "x" * 5000, "\u202eabc", "<script>x</script>", ["a", None]]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, path + (index,))


def _at(record, path):
    for part in path:
        record = record[part]
    return record


def _data_files() -> list[str]:
    data = ROOT / "data"
    return sorted(p.relative_to(data).as_posix() for p in data.rglob("*.yaml"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(file_index=st.integers(min_value=0), path_index=st.integers(min_value=0), action=st.sampled_from(["remove", *range(len(CORRUPTIONS))]))
def test_any_one_corrupted_field_is_reported_or_harmless(tmp_path_factory, file_index, path_index, action):
    import shutil

    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(ROOT / "data", data)
    files = _data_files()
    rel = files[file_index % len(files)]
    target = data / rel
    first_line, _ = target.read_text(encoding="utf-8").split("\n", 1)
    record = yaml.safe_load(target.read_text(encoding="utf-8"))
    paths = [p for p in _paths(record) if p]
    path = paths[path_index % len(paths)]
    parent = record
    for part in path[:-1]:
        parent = parent[part]
    if action == "remove":
        del parent[path[-1]]
    else:
        parent[path[-1]] = CORRUPTIONS[action]
    target.write_text(first_line + "\n" + yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        catalogue = load_catalogue(data)
    except DataError as error:
        assert error.problems and all(p.path.startswith("data/") and p.line >= 1 for p in error.problems), error
        return
    # Accepted: then everything that reads the catalogue must work with it.
    files_out = open_data_files(catalogue, data / "schemas")
    json.loads(files_out["data/catalogue.json"])
    Chooser(json.loads(json.dumps(catalogue))).advise({})


# -- the engine and its command line with any JSON ------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
INPUT_KEYS = ["influenceable", "needs_views", "level", "purposes", "target_groups", "participants", "weeks", "budget", "format", "organisation"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(INPUT_KEYS), json_values, max_size=6) | json_values)
def test_advise_takes_any_json_and_only_refuses_in_swedish(value):
    from conftest import chooser

    try:
        chooser().advise(value)
    except ChooserInputError as error:
        message = str(error)
        assert "\n" not in message and message, message


@pytest.mark.parametrize("text", ['{"participants": 1e400}', '{"participants": ' + "9" * 5000 + "}", '{"weeks": NaN}', "[1, 2", '"x"', '{"level": {"a": 1}}'])
def test_the_command_line_refuses_bad_json_with_one_swedish_line(text: str, tmp_path: Path):
    from conftest import catalogue

    catalogue_file = tmp_path / "catalogue.json"
    catalogue_file.write_text(json.dumps(catalogue(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "chooser", "--catalogue", str(catalogue_file)], input=text, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr


def test_random_garbage_yaml_never_gives_a_traceback(data_copy: Path):
    rng = random.Random(12)
    target = data_copy / FOKUS
    original = target.read_text(encoding="utf-8")
    for _ in range(40):
        chars = list(original)
        for _ in range(5):
            chars.insert(rng.randrange(len(chars)), rng.choice(":-[]{}&*!|>'\"#%@`\t\n ,?"))
        target.write_text("".join(chars), encoding="utf-8")
        try:
            load_catalogue(data_copy)
        except DataError as error:
            assert all(p.line >= 1 for p in error.problems if p.path.endswith("fokusgrupp.yaml"))


def test_the_published_catalogue_validates_against_its_published_schema():
    from conftest import catalogue
    from jsonschema import Draft202012Validator

    files = open_data_files(catalogue(), ROOT / "data" / "schemas")
    schema = json.loads(files["data/schemas/catalogue.schema.json"])
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(json.loads(files["data/catalogue.json"])))
    assert errors == [], [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
    # and it is not a schema that accepts anything
    broken = json.loads(files["data/catalogue.json"])
    broken["methods"][0]["levels"] = "dialog"
    assert list(Draft202012Validator(schema).iter_errors(broken))


def test_a_record_copied_from_the_template_is_refused_until_every_placeholder_is_filled(data_copy: Path):
    template = (ROOT / "data" / "mall" / "metod.yaml").read_text(encoding="utf-8")
    (data_copy / "methods" / "ny-metod.yaml").write_text(template, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(data_copy)
    problems = [p for p in raised.value.problems if p.path == "data/methods/ny-metod.yaml"]
    record = yaml.safe_load(template)
    placeholders = sum(1 for path in _paths(record) if "FYLL" in str(_at(record, path)) and not isinstance(_at(record, path), (dict, list)))
    held = [p for p in problems if "platshållare" in p.message]
    assert len(held) == placeholders, "\n".join(map(str, problems))
    assert [p.field for p in problems if p not in held] == ["id"]  # and its id is not the file name
    assert raised.value.problems == problems  # the template claims nothing about other files
    # Filled in, it is a valid record: the template's shape matches the schema.
    filled = re.sub(r'"?FYLL I: (timmar|minsta antal|största antal|kortaste|vanligt antal)[^"\n]*"?', "4", template)
    filled = re.sub(r"^id: \"FYLL I.*$", "id: ny-metod", filled, flags=re.M)
    filled = filled.replace("https://FYLL-I.example/sidan-du-läste", "https://example.se/sidan")
    filled = re.sub(r"FYLL I: 150–300 ord[^\n]*\n[^\n]*\n", " ".join(["ord"] * 160) + "\n", filled)
    filled = re.sub(r"FYLL I: ", "Text ", filled)
    (data_copy / "methods" / "ny-metod.yaml").write_text(filled, encoding="utf-8")
    catalogue = load_catalogue(data_copy)
    assert any(m["id"] == "ny-metod" for m in catalogue["methods"])


def test_every_id_in_the_chooser_weights_is_checked(data_copy: Path):
    weights = data_copy.parent / "chooser" / "weights.json"
    weights.parent.mkdir()
    text = (ROOT / "chooser" / "weights.json").read_text(encoding="utf-8")
    assert '"open_to_all_group": "alla"' in text and '"information_purposes": ["informera"]' in text
    text = text.replace('"open_to_all_group": "alla"', '"open_to_all_group": "alla-invanare"').replace('"information_purposes": ["informera"]', '"information_purposes": ["informer"]')
    weights.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(data_copy)
    lines = text.split("\n")
    found = {(p.path, p.line, p.field, p.message) for p in raised.value.problems}
    assert found == {
        ("chooser/weights.json", next(i for i, row in enumerate(lines, 1) if "alla-invanare" in row), "target_groups.open_to_all_group", "väntade ett id ur målgrupperna, fann ”alla-invanare”"),
        ("chooser/weights.json", next(i for i, row in enumerate(lines, 1) if '"informer"' in row), "combination.information_purposes[0]", "väntade ett id ur syftena, fann ”informer” (menade du ”informera”?)"),
    }
