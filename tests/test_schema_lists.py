"""Each closed list is declared once, in the schemas: the labels of an enum (x-labels), the list a
field's ids come from (x-vocabulary) and the message for a keyword (x-messages). These tests
change the schemas of a copy of data/ and check that the loader, the field reference and the
pages follow, and that a broken declaration is reported with its file and line."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, catalogue

from macros.loader import schemas
from macros.loader.catalogue import load_catalogue
from macros.loader.problems import DataError
from macros.pages.schema_docs import fields_table, vocabulary_table

METHOD_SCHEMA = "schemas/method.schema.json"


def _edit(data: Path, rel: str, change) -> str:
    """Change the JSON of a schema in the copy; returns its new text (written as the repo writes it)."""
    path = data / rel
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def _where(text: str, after: str, key: str) -> tuple[int, int]:
    """(line, column) of the first `key` after the line that contains `after`."""
    lines = text.split("\n")
    start = next(i for i, row in enumerate(lines) if after in row)
    index = next(i for i in range(start, len(lines)) if key in lines[i])
    return index + 1, lines[index].index(key) + 1


def _facilitation(schema: dict) -> dict:
    return schema["properties"]["facilitation"]["properties"]["level"]


def _problems(data: Path) -> list[tuple]:
    with pytest.raises(DataError) as raised:
        load_catalogue(data, data.parent)
    return [(p.path, p.line, p.column, p.field, p.message) for p in raised.value.problems]


def test_the_schemas_as_committed_pass_the_meta_check():
    load_catalogue(ROOT / "data")  # raises DataError with the schema's line otherwise


def test_an_enum_value_without_a_label_is_reported_at_its_line(data_copy: Path):
    text = _edit(data_copy, METHOD_SCHEMA, lambda s: _facilitation(s)["x-labels"].pop("hog"))
    line, column = _where(text, '"facilitation": {', '"x-labels"')
    assert _problems(data_copy) == [
        ("data/" + METHOD_SCHEMA, line, column, "properties.facilitation.properties.level.x-labels", "väntade en svensk etikett för varje värde i enum (lag, medel, hog), fann ingen för ”hog”"),
    ]


def test_a_label_for_a_value_outside_the_enum_is_reported(data_copy: Path):
    text = _edit(data_copy, METHOD_SCHEMA, lambda s: _facilitation(s)["x-labels"].update(hgo="Mycket"))
    line, column = _where(text, '"facilitation": {', '"hgo"')
    assert _problems(data_copy) == [
        ("data/" + METHOD_SCHEMA, line, column, "properties.facilitation.properties.level.x-labels.hgo", "väntade etiketter bara för värdena i enum (lag, medel, hog), fann ”hgo” (menade du ”hog”?)"),
    ]


def test_an_x_vocabulary_that_names_no_file_is_reported_at_its_line(data_copy: Path):
    text = _edit(data_copy, METHOD_SCHEMA, lambda s: s["properties"]["formats"]["items"].update({"x-vocabulary": "format"}))
    line, column = _where(text, '"formats": {', '"x-vocabulary"')
    assert _problems(data_copy) == [
        ("data/" + METHOD_SCHEMA, line, column, "properties.formats.items.x-vocabulary",
         "väntade namnet på en ordlista i data/vocabularies/ (cost-levels, dialogue-types, formats, purposes, quadrants, roles, target-groups) eller en av ladder, methods, guidelines, fann ”format”, som inte har någon fil (menade du ”formats”?)"),
    ]


def test_the_reference_check_follows_x_vocabulary(data_copy: Path):
    # Point the method's formats at the purposes: every method's formats are now unknown purposes.
    _edit(data_copy, METHOD_SCHEMA, lambda s: s["properties"]["formats"]["items"].update({"x-vocabulary": "purposes"}))
    problems = _problems(data_copy)
    others = [p for p in problems if not p[3].startswith("formats[")]
    assert others == [("data/vocabularies/formats.yaml", 1, 1, "", "väntade en av ordlistorna som schemana hänvisar till (cost-levels, dialogue-types, purposes, quadrants, roles, target-groups), fann en okänd fil")]
    fokus = [p for p in problems if p[0] == "data/methods/fokusgrupp.yaml"]
    assert fokus and fokus[0][4].startswith("väntade ett id ur syftena i purposes.yaml (informera, ")
    assert "fann ”fysiskt”" in fokus[0][4]


def test_an_unknown_vocabulary_file_is_one_no_schema_names(data_copy: Path):
    (data_copy / "vocabularies" / "colours.yaml").write_text((data_copy / "vocabularies" / "roles.yaml").read_text(encoding="utf-8").replace("vocabulary: roles", "vocabulary: colours"), encoding="utf-8")
    assert _problems(data_copy) == [
        ("data/vocabularies/colours.yaml", 1, 1, "", "väntade en av ordlistorna som schemana hänvisar till (cost-levels, dialogue-types, formats, purposes, quadrants, roles, target-groups), fann en okänd fil"),
    ]


def test_the_message_for_a_keyword_is_the_schemas_own(data_copy: Path):
    fokus = data_copy / "methods" / "fokusgrupp.yaml"
    fokus.write_text(fokus.read_text(encoding="utf-8").replace("combines_with: [", "combines_with: [Dialogcafé, ", 1), encoding="utf-8")
    _edit(data_copy, "schemas/common.schema.json", lambda s: s["$defs"]["id"]["x-messages"].update(pattern="väntade ett id utan versaler, fann {found}"))
    [message] = [p[4] for p in _problems(data_copy) if p[3] == "combines_with[0]"]
    assert message == "väntade ett id utan versaler, fann texten ”Dialogcafé”"
    # Without the def's own message, the default for the keyword at the top of common.schema.json.
    _edit(data_copy, "schemas/common.schema.json", lambda s: s["$defs"]["id"].pop("x-messages"))
    [message] = [p[4] for p in _problems(data_copy) if p[3] == "combines_with[0]"]
    assert message == f"väntade text enligt mönstret {schemas.id_pattern(data_copy / 'schemas')}, fann texten ”Dialogcafé”"


def test_a_reference_outside_the_schema_folder_is_refused_without_fetching(data_copy: Path):
    _edit(data_copy, METHOD_SCHEMA, lambda s: s["properties"]["name"].update({"$ref": "https://example.org/name.schema.json"}))
    [problem] = _problems(data_copy)
    assert problem[:4] == ("data/" + METHOD_SCHEMA, 1, 1, "")
    assert problem[4] == "väntade en $ref till ett schema i data/schemas/, fann ”https://example.org/name.schema.json” som inte finns där"


def test_labels_and_titles_are_read_from_the_schema(data_copy: Path):
    schema_dir = data_copy / "schemas"
    _edit(data_copy, METHOD_SCHEMA, lambda s: _facilitation(s)["x-labels"].update(lag="Knappt någon"))
    _edit(data_copy, "schemas/guideline.schema.json", lambda s: s["properties"]["facts"]["properties"]["decision"].update(title="Vem bestämmer"))
    assert schemas.labels("method", "facilitation", "level", schema_dir=schema_dir) == {"lag": "Knappt någon", "medel": "En van samtalsledare", "hog": "Erfaren, ofta extern, samtalsledning"}
    assert schemas.title("guideline", "facts", "decision", schema_dir=schema_dir) == "Vem bestämmer"
    # Through a list (accessibility is a list of tips) and a $ref (cost.level refers to the common id).
    assert list(schemas.labels("method", "accessibility", "aspect", schema_dir=schema_dir))[:2] == ["tolkning", "barnpassning"]
    assert schemas.node_at("method", "cost", "level", schema_dir=schema_dir)["pattern"] == schemas.id_pattern(schema_dir)


def test_the_field_reference_lists_the_labels_from_the_schema(data_copy: Path):
    schema_dir = data_copy / "schemas"
    _edit(data_copy, METHOD_SCHEMA, lambda s: _facilitation(s)["x-labels"].update(medel="Någon som har lett samtal förut"))
    html = fields_table(schema_dir, "method")
    assert "<li><code>medel</code>: Någon som har lett samtal förut</li>" in html
    assert "En van samtalsledare" not in html
    assert "<li><code>tolkning</code>: Tolkning och andra språk</li>" in html
    # An id field links to the list its ids come from.
    row = next(r for r in html.split("<tr>") if "<code>purposes</code></th>" in r)
    assert 'lista av id ur <a href="#lista-purposes"><code>purposes</code></a>' in row
    # The same table on another page (open data) links to the field reference page's table.
    assert '<a href="../faltreferens/#lista-purposes">' in fields_table(schema_dir, "method", "oppna-data/")


def test_the_table_of_lists_names_the_fields_from_x_vocabulary(data_copy: Path):
    schema_dir = data_copy / "schemas"
    cat = catalogue()

    def row(html: str, name: str) -> str:
        return unescape(next(r for r in html.split("\n") if f'id="lista-{name}"' in r))

    assert "Dialogmetod: <code>purposes</code>" in row(vocabulary_table(cat, schema_dir), "purposes")
    assert "Riktlinje för medborgardialog: <code>facts.process.steps[].roles</code>" in row(vocabulary_table(cat, schema_dir), "roles")
    _edit(data_copy, METHOD_SCHEMA, lambda s: s["properties"]["purposes"]["items"].pop("x-vocabulary"))
    assert "<code>purposes</code>" not in row(vocabulary_table(cat, schema_dir), "purposes").split("</th>")[1].split("</td>")[0]


def test_the_published_schemas_resolve_their_shared_definitions_without_network():
    from jsonschema import Draft202012Validator

    registry = schemas.registry(ROOT / "data" / "schemas")
    validator = Draft202012Validator(schemas.load(ROOT / "data" / "schemas", "method"), registry=registry)
    method = next(m for m in catalogue()["methods"] if m["id"] == "fokusgrupp")
    assert not list(validator.iter_errors(method))
    errors = list(validator.iter_errors({**method, "id": "Fokus Grupp"}))
    assert [e.validator for e in errors] == ["pattern"]  # the pattern of common.schema.json#/$defs/id


# -- the engine reads vocabulary ids from the catalogue, not from its code --------------------

RENAMED = {"fysiskt": "pa-plats", "digitalt": "pa-natet", "hybrid": "bade-och", "medborgardialog": "md", "samer": "samiska", "information": "info"}


def _rename(value, mapping: dict[str, str], keys: bool):
    """The same data with every id in `mapping` renamed (string values; mapping keys too if
    `keys`), except a guideline's own section ids (Krokom has a section "medborgardialog")."""
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_rename(v, mapping, keys) for v in value]
    if isinstance(value, dict):
        return {(mapping.get(k, k) if keys else k): v if k in ("sections", "section") else _rename(v, mapping, keys) for k, v in value.items()}
    return value


@pytest.mark.parametrize("inp", [
    {"format": "fysiskt", "level": "dialog", "participants": 40},
    {"format": "digitalt", "target_groups": ["aldre", "samer"], "purposes": ["fysisk-miljo"], "organisation": "krokom"},
    {"format": "hybrid", "level": "konsultation", "target_groups": ["foraldrar"], "organisation": "alingsas"},
    {"level": "information", "format": "fysiskt", "organisation": "uppsala", "target_groups": ["samer"]},
    {"influenceable": False, "format": "digitalt", "organisation": "solna"},
])
def test_the_engine_gives_the_same_advice_when_the_vocabulary_ids_are_renamed(inp):
    from chooser import Chooser
    from chooser.engine import load_weights

    cat = catalogue()
    reverse = {new: old for old, new in RENAMED.items()}
    # The Sami group's name and the level's name stay; only the ids change, in the data and
    # in the weights (where ids are also keys), never in the engine's code.
    renamed = Chooser(_rename(cat, RENAMED, keys=False), _rename(load_weights(), RENAMED, keys=True))
    advice = Chooser(cat).advise(inp)
    assert _rename(renamed.advise(_rename(inp, RENAMED, keys=False)), reverse, keys=False) == advice
