"""Open data: the catalogue as JSON, the methods as CSV, and the JSON Schemas."""

from __future__ import annotations

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


def methods_csv(catalogue: dict) -> str:
    columns, rows = methods_rows(catalogue)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def open_data_files(catalogue: dict, schema_dir: Path) -> dict[str, str]:
    """Site path -> content of every open-data file. They are added to MkDocs' files, so
    pages can link to them and link validation covers them."""
    files = {
        f"{EXPORT_DIR}/catalogue.json": catalogue_json(catalogue),
        f"{EXPORT_DIR}/methods.csv": methods_csv(catalogue),
    }
    for schema in sorted(schema_dir.glob("*.schema.json")):
        files[f"{EXPORT_DIR}/schemas/{schema.name}"] = schema.read_text(encoding="utf-8")
    return files
