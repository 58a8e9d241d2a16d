"""Open data: the catalogue as JSON, the methods as CSV, and the JSON Schemas."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

EXPORT_DIR = "data"  # folder of the built site that holds the open data
CSV_SEPARATOR = "; "  # lists inside one CSV cell


def catalogue_json(catalogue: dict) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _flatten(prefix: str, value, row: dict) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, child, row)
    elif isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            row[prefix] = CSV_SEPARATOR.join(str(v) for v in value)
        else:  # lists of records: one readable cell, e.g. "tolkning: Erbjud tolk …"
            row[prefix] = CSV_SEPARATOR.join(
                ", ".join(f"{k}: {v}" for k, v in item.items()) if isinstance(item, dict) else str(item) for item in value
            )
    elif value is None:
        row[prefix] = ""
    elif isinstance(value, bool):
        row[prefix] = "true" if value else "false"
    else:
        row[prefix] = str(value)


def methods_rows(catalogue: dict) -> tuple[list[str], list[dict]]:
    rows = []
    for method in catalogue["methods"]:
        row: dict = {}
        _flatten("", method, row)
        rows.append(row)
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    return columns, rows


# A cell that starts with one of these is a formula in Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: OWASP's advice against CSV injection is to prefix a
    cell that could start a formula with a single quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def methods_csv(catalogue: dict) -> str:
    columns, rows = methods_rows(catalogue)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: csv_cell(row.get(c, "")) for c in columns})
    return out.getvalue()


def catalogue_schema(schema_dir: Path) -> dict:
    """The JSON Schema of catalogue.json, made from the schemas of data/: the same records, plus
    what the loader adds to a guideline's facts (the `items` and `phases` it copies from the
    text, so that users of the catalogue need not walk the sections)."""
    def load(name: str) -> dict:
        return json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))

    guideline = load("guideline")
    fact = guideline["$defs"]["fact"]["properties"]
    fact.setdefault("items", {"title": "Punkter", "description": "Punkterna i blocket som ref pekar på.", "type": "array"})
    fact["phases"] = {
        "title": "Faser",
        "description": "För ett faktum med sections: avsnittens rubriker och punkter.",
        "type": "array",
        "items": {"type": "object", "required": ["name", "section", "items"], "properties": {"name": {"type": "string"}, "section": {"type": "string"}, "items": {"type": "array"}}},
    }
    guideline["$id"] = "catalogue-guideline.schema.json"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "catalogue.schema.json",
        "title": "Katalogen",
        "description": "Hela katalogen som öppna data (catalogue.json): trappan, ordlistorna, metoderna och riktlinjerna.",
        "type": "object",
        "additionalProperties": False,
        "required": ["ladder", "vocabularies", "methods", "guidelines"],
        "properties": {
            "ladder": {"$ref": "ladder.schema.json"},
            "vocabularies": {"type": "object", "additionalProperties": {"$ref": "vocabulary.schema.json"}},
            "methods": {"type": "array", "items": {"$ref": "method.schema.json"}},
            "guidelines": {"type": "array", "items": {"$ref": "catalogue-guideline.schema.json"}},
        },
        # Embedded with their own $id, so their internal "#/$defs/…" references keep working.
        "$defs": {
            "ladder": load("ladder"),
            "vocabulary": load("vocabulary"),
            "method": load("method"),
            "guideline": copy.deepcopy(guideline),
        },
    }


def open_data_files(catalogue: dict, schema_dir: Path) -> dict[str, str]:
    """Site path -> content of every open-data file. They are added to MkDocs' files, so
    pages can link to them and link validation covers them."""
    files = {
        f"{EXPORT_DIR}/catalogue.json": catalogue_json(catalogue),
        f"{EXPORT_DIR}/methods.csv": methods_csv(catalogue),
    }
    for schema in sorted(schema_dir.glob("*.schema.json")):
        files[f"{EXPORT_DIR}/schemas/{schema.name}"] = schema.read_text(encoding="utf-8")
    files[f"{EXPORT_DIR}/schemas/catalogue.schema.json"] = json.dumps(catalogue_schema(schema_dir), ensure_ascii=False, indent=1) + "\n"
    return files
