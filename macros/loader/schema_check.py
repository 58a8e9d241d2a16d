"""The first layer of validation: JSON Schema, with messages in Swedish for editors.

The message for a failing keyword is the schema's own: `x-messages` on the failing subschema
(the id's pattern, a date's format), else the default in common.schema.json. This module only
fills in what was found.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing.exceptions import Unresolvable

from . import schemas
from .schemas import SchemaFileError
from .yaml_source import Document

__all__ = ["SchemaFileError", "check_schema", "date_fields", "describe", "suggestion"]

_TYPES_SV = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en mappning med fält",
    "null": "null",
}


def _validator(schema_dir: Path, name: str) -> Draft202012Validator:
    return _validator_for(schema_dir, name, schemas.version(schema_dir))


@cache
def _validator_for(schema_dir: Path, name: str, version: tuple) -> Draft202012Validator:
    """One per version of the schemas, so an edited schema is used at once."""
    for other in [name] + [n for n in schemas.names(schema_dir) if n != name]:  # those it may refer to, too
        _check_schema(schema_dir, other, version)
    return Draft202012Validator(schemas.load(schema_dir, name), registry=schemas.registry(schema_dir), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _check_schema(schema_dir: Path, name: str, version: tuple) -> None:
    try:
        Draft202012Validator.check_schema(schemas.load(schema_dir, name))
    except SchemaError as error:
        raise SchemaFileError(schema_dir / f"{name}.schema.json", 1, 1, f"väntade ett giltigt JSON Schema (2020-12), fann fel vid {'/'.join(map(str, error.absolute_path)) or 'roten'}") from None


def date_fields(schema_dir: Path, name: str, data: Any) -> set[tuple]:
    """Paths in `data` whose schema is a date, so that a bare 2023-11-06 is expected there."""
    return {path for path, node in schemas.instance_nodes(schema_dir, name, data, only="format") if node.get("format") == "date"}


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


class _Messages:
    """Turns jsonschema's errors into (path, message, at_key) with the schemas' own texts."""

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir
        self.defaults = schemas.default_messages(schema_dir)

    def text(self, error: ValidationError, kind: str, **values: Any) -> str:
        own = schemas.deref(self.schema_dir, error.schema).get("x-messages", {}) if isinstance(error.schema, dict) else {}
        template = own.get(kind) or self.defaults.get(kind) or "väntade {kind} {value}, fann {found}"
        values.setdefault("found", describe(error.instance))
        values.setdefault("value", error.validator_value)
        values.setdefault("kind", kind)
        return template.format(**values)

    def _title(self, schema: dict, name: str) -> str:
        sub = schemas.deref(self.schema_dir, schema).get("properties", {}).get(name, {})
        title = schemas.deref(self.schema_dir, sub).get("title") if isinstance(sub, dict) else None
        return f"{name} ({title})" if title else name

    def _option(self, sub: dict) -> str:
        sub = schemas.deref(self.schema_dir, sub)
        if "required" in sub:
            return ", ".join(sub["required"])
        kind = sub.get("type", "")
        return _TYPES_SV.get(kind, kind) if isinstance(kind, str) else " eller ".join(_TYPES_SV.get(k, k) for k in kind)

    def of(self, error: ValidationError) -> list[tuple[tuple, str, bool]]:
        path = tuple(error.absolute_path)
        value, kind = error.instance, error.validator
        if kind == "required":
            name = re.match(r"'(.+)' is a required property", error.message)
            missing = name.group(1) if name else str(error.validator_value)
            return [(path, self.text(error, kind, field=self._title(error.schema, missing)), True)]
        if kind in ("additionalProperties", "unevaluatedProperties"):
            allowed = list(schemas.deref(self.schema_dir, error.schema).get("properties", {}))
            extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
            return [
                (path + (key,), self.text(error, kind, allowed=", ".join(allowed), key=key, suggestion=suggestion(key, allowed)), True)
                for key in extras
            ]
        if kind == "type":
            wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            return [(path, self.text(error, kind, expected=" eller ".join(_TYPES_SV.get(t, t) for t in wanted)), False)]
        if kind == "enum":
            allowed = [str(v) for v in error.validator_value]
            return [(path, self.text(error, kind, allowed=", ".join(allowed), suggestion=suggestion(str(value), allowed)), False)]
        if kind == "not" and isinstance(error.validator_value, dict) and "enum" in error.validator_value:
            return [(path, self.text(error, kind, taken=", ".join(map(str, error.validator_value["enum"]))), False)]
        if kind in ("minLength", "maxLength", "minItems", "maxItems"):
            return [(path, self.text(error, kind, count=len(value)), False)]
        if kind == "uniqueItems":
            seen, twice = set(), []
            for item in value:
                key = json.dumps(item, sort_keys=True)
                if key in seen:
                    twice.append(item if isinstance(item, str) else key)
                seen.add(key)
            return [(path, self.text(error, kind, duplicates=", ".join(map(str, twice))), False)]
        if kind in ("oneOf", "anyOf"):
            alternatives = error.validator_value
            options = [self._option(sub) for sub in alternatives]
            if isinstance(value, dict) and all("required" in sub for sub in alternatives):
                return [(path, self.text(error, "oneOf", options=" / ".join(options)), False)]
            # Prefer the most specific reason from the alternatives, e.g. a malformed date.
            for sub_error in sorted(error.context, key=lambda e: -len(e.path)):
                if sub_error.validator != "type":
                    return self.of(sub_error)
            return [(path, self.text(error, "anyOf", options=" eller ".join(options)), False)]
        return [(path, self.text(error, kind), False)]


def check_schema(doc: Document, schema_dir: Path, name: str) -> list:
    """All schema problems of one document, with positions."""
    validator = _validator(schema_dir, name)
    messages = _Messages(schema_dir)
    problems = []
    try:
        errors = list(validator.iter_errors(doc.data))
    except Unresolvable as error:  # a $ref outside data/schemas/: never fetched
        raise SchemaFileError(schema_dir / f"{name}.schema.json", 1, 1, f"väntade en $ref till ett schema i data/schemas/, fann ”{error.ref}” som inte finns där") from None
    for error in errors:
        for path, message, at_key in messages.of(error):
            if path in doc.traps:  # already reported as a YAML 1.1 trap
                continue
            problems.append(doc.problem(path, message, key=at_key))
    if doc.dates:
        known_dates = date_fields(schema_dir, name, doc.data)
        for path in sorted(doc.dates, key=str):
            if path not in known_dates:
                value = _get(doc.data, path)
                problems.append(doc.problem(path, f"väntade text, fann {value} som YAML läser som ett datum; sätt citattecken runt värdet"))
    return problems


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data
