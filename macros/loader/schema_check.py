"""The first layer of validation: JSON Schema, with messages in Swedish for editors."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from .yaml_source import Document

_TYPES_SV = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en mappning med fält",
    "null": "null",
}
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


class SchemaFileError(Exception):
    """A schema file in data/schemas/ that cannot be read: (path, line, column, message)."""


@cache
def load_schema(schema_dir: Path, name: str) -> dict:
    path = schema_dir / f"{name}.schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaFileError(path, 1, 1, "väntade att schemat finns, fann att filen saknas") from None
    except UnicodeDecodeError:
        raise SchemaFileError(path, 1, 1, "väntade JSON sparad som UTF-8, fann andra tecken") from None
    except json.JSONDecodeError as error:
        raise SchemaFileError(path, error.lineno, error.colno, f"väntade giltig JSON, fann ett fel: {error.msg}") from None
    if not isinstance(schema, dict):
        raise SchemaFileError(path, 1, 1, "väntade ett JSON-objekt överst, fann något annat")
    return schema


@cache
def _validator(schema_dir: Path, name: str) -> Draft202012Validator:
    schema = load_schema(schema_dir, name)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise SchemaFileError(schema_dir / f"{name}.schema.json", 1, 1, f"väntade ett giltigt JSON Schema (2020-12), fann fel vid {'/'.join(map(str, error.absolute_path)) or 'roten'}") from None
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def date_fields(schema_dir: Path, name: str) -> set[str]:
    """Names of the fields that hold a date, so that a bare 2023-11-06 is expected there."""
    names: set[str] = set()

    def walk(node: Any, key: str | None) -> None:
        if isinstance(node, dict):
            text = json.dumps(node)
            if key and ('"format": "date"' in text or "#/$defs/date" in text) and "properties" not in node:
                names.add(key)
            for child_key, child in node.get("properties", {}).items():
                walk(child, child_key)
            for child_key, child in node.items():
                if child_key != "properties":
                    walk(child, None)
        elif isinstance(node, list):
            for child in node:
                walk(child, key)

    walk(load_schema(schema_dir, name), None)
    return names


def describe(value: Any) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "inget värde (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"talet {value}"
    if isinstance(value, str):
        short = value if len(value) <= 60 else value[:57] + "…"
        return f"texten ”{short}”" if value else "tom text"
    if isinstance(value, list):
        return f"en lista med {len(value)} värden"
    if isinstance(value, dict):
        return "en mappning med fälten " + ", ".join(value) if value else "en tom mappning"
    return repr(value)


def suggestion(found: object, allowed: list) -> str:
    if not isinstance(found, str):
        return ""
    close = difflib.get_close_matches(found, [a for a in allowed if isinstance(a, str)], n=1, cutoff=0.6)
    return f" (menade du ”{close[0]}”?)" if close else ""


def _title(schema: dict, name: str) -> str:
    sub = schema.get("properties", {}).get(name, {})
    title = sub.get("title")
    return f"{name} ({title})" if title else name


def _properties(schema: dict, root: dict) -> list[str]:
    names = list(schema.get("properties", {}))
    ref = schema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        names += list(root["$defs"][ref.split("/")[-1]].get("properties", {}))
    return names


def _messages(error: ValidationError, root: dict) -> list[tuple[tuple, str, bool]]:
    """(path, message, at_key) for one schema error."""
    path = tuple(error.absolute_path)
    value, kind, schema = error.instance, error.validator, error.schema
    if kind == "required":
        name = re.match(r"'(.+)' is a required property", error.message)
        missing = name.group(1) if name else str(error.validator_value)
        return [(path, f"väntade fältet {_title(schema, missing)}, fann att det saknas", True)]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        allowed = _properties(schema, root)
        extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        return [
            (path + (key,), f"väntade bara kända fält ({', '.join(allowed)}), fann okänt fält ”{key}”{suggestion(key, allowed)}", True)
            for key in extras
        ]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return [(path, f"väntade {' eller '.join(_TYPES_SV.get(t, t) for t in wanted)}, fann {describe(value)}", False)]
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        return [(path, f"väntade ett av {', '.join(allowed)}, fann {describe(value)}{suggestion(str(value), allowed)}", False)]
    if kind == "pattern":
        if error.validator_value == ID_PATTERN:
            return [(path, f"väntade ett id av små bokstäver a–z, siffror och bindestreck (inga å, ä, ö, versaler eller mellanslag), fann {describe(value)}", False)]
        if error.validator_value.startswith("^https?"):
            return [(path, f"väntade en webbadress som börjar med https://, fann {describe(value)}", False)]
        if "[0-9]{4}" in error.validator_value:
            return [(path, f"väntade ett datum ÅÅÅÅ-MM-DD, fann {describe(value)}", False)]
        return [(path, f"väntade text enligt mönstret {error.validator_value}, fann {describe(value)}", False)]
    if kind == "not" and isinstance(error.validator_value, dict) and "enum" in error.validator_value:
        taken = ", ".join(map(str, error.validator_value["enum"]))
        return [(path, f"väntade ett id som sidan inte redan använder ({taken} är upptagna), fann {describe(value)}", False)]
    if kind == "format":
        return [(path, f"väntade ett giltigt datum ÅÅÅÅ-MM-DD, fann {describe(value)}", False)]
    if kind == "minLength":
        if error.validator_value == 1:
            return [(path, "väntade text, fann tom text", False)]
        return [(path, f"väntade minst {error.validator_value} tecken, fann {len(value)}", False)]
    if kind == "maxLength":
        return [(path, f"väntade högst {error.validator_value} tecken, fann {len(value)}", False)]
    if kind == "minItems":
        return [(path, f"väntade minst {error.validator_value} värden i listan, fann {len(value)}", False)]
    if kind == "maxItems":
        return [(path, f"väntade högst {error.validator_value} värden i listan, fann {len(value)}", False)]
    if kind == "uniqueItems":
        seen, twice = set(), []
        for item in value:
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                twice.append(item if isinstance(item, str) else key)
            seen.add(key)
        return [(path, f"väntade varje värde en gång, fann dubbletter: {', '.join(map(str, twice))}", False)]
    if kind in ("minimum", "exclusiveMinimum"):
        return [(path, f"väntade minst {error.validator_value}, fann {describe(value)}", False)]
    if kind in ("maximum", "exclusiveMaximum"):
        return [(path, f"väntade högst {error.validator_value}, fann {describe(value)}", False)]
    if kind in ("oneOf", "anyOf"):
        options = []
        for sub in error.validator_value:
            if "required" in sub:
                options.append(", ".join(sub["required"]))
            elif "$ref" in sub:
                options.append(_TYPES_SV["string"] if sub["$ref"].endswith(("id", "date")) else sub["$ref"].split("/")[-1])
            elif "type" in sub:
                options.append(_TYPES_SV.get(sub["type"], sub["type"]))
        if isinstance(value, dict) and all("required" in sub for sub in error.validator_value):
            return [(path, f"väntade precis ett av fälten {' / '.join(options)}, fann {describe(value)}", False)]
        # Prefer the most specific reason from the alternatives, e.g. a malformed date.
        for sub_error in sorted(error.context, key=lambda e: -len(e.path)):
            if sub_error.validator not in ("type",):
                return _messages(sub_error, root)
        return [(path, f"väntade {' eller '.join(options)}, fann {describe(value)}", False)]
    return [(path, f"väntade {kind} {error.validator_value}, fann {describe(value)} ({error.message})", False)]


def check_schema(doc: Document, schema_dir: Path, name: str) -> list:
    """All schema problems of one document, with positions."""
    validator = _validator(schema_dir, name)
    root = load_schema(schema_dir, name)
    problems = []
    for error in validator.iter_errors(doc.data):
        for path, message, at_key in _messages(error, root):
            if path in doc.traps:  # already reported as a YAML 1.1 trap
                continue
            problems.append(doc.problem(path, message, key=at_key))
    known_dates = date_fields(schema_dir, name)
    for path in sorted(doc.dates, key=str):
        if not path or path[-1] not in known_dates:
            value = _get(doc.data, path)
            problems.append(doc.problem(path, f"väntade text, fann {value} som YAML läser som ett datum; sätt citattecken runt värdet"))
    return problems


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data
