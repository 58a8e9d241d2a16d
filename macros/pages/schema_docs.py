"""Field documentation generated from the JSON Schemas, so it can never drift from them: every
field with its type, the Swedish label of each allowed value (`x-labels`) and the list an id
comes from (`x-vocabulary`), and the table of those lists with the fields that use them."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from macros.loader import schemas

from .templating import render

FIELD_REFERENCE_URL = "faltreferens/"  # the page with the table of lists (vocabulary_table)

_TYPES = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "true/false", "array": "lista", "object": "fält", "null": "null"}


class Field(NamedTuple):
    path: str  # participants.min; [] for every item of a list
    title: str
    kind: str  # the type in words: "text", "lista av id", "datum ÅÅÅÅ-MM-DD"
    description: str
    required: bool
    values: tuple[tuple[str, str], ...]  # (value, Swedish label) of a closed list
    lists: tuple[str, ...]  # the lists an id comes from (x-vocabulary)


def _type(node: dict, schema_dir: Path) -> str:
    node = schemas.deref(schema_dir, node)
    if "enum" in node:
        return "ett av"
    for key in ("anyOf", "oneOf"):
        if key in node and "properties" not in node:
            return " eller ".join(_type(sub, schema_dir) for sub in node[key])
    kind = node.get("type", "object" if "properties" in node else "")
    kinds = kind if isinstance(kind, list) else [kind]
    text = " eller ".join(_TYPES.get(k, k) for k in kinds if k)
    if node.get("format") == "date":
        text = "datum ÅÅÅÅ-MM-DD"
    elif node.get("pattern") == schemas.id_pattern(schema_dir):
        text = "id"
    elif node.get("pattern", "").startswith("^http"):
        text = "webbadress"
    if kind == "array" and "items" in node:
        text = "lista av " + _type(node["items"], schema_dir)
    return text or "värde"


def _closed(node: dict, schema_dir: Path) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The allowed values with labels and the x-vocabulary lists of a field or its items."""
    node = schemas.deref(schema_dir, node)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        values, lists = _closed(node["items"], schema_dir)
        return values, lists or schemas.vocabularies_of(node)
    labels = node.get("x-labels", {})
    values = tuple((str(v), labels.get(v, "")) for v in node.get("enum", []))
    return values, schemas.vocabularies_of(node)


def fields(schema_dir: Path, kind: str) -> list[Field]:
    """Every field of a kind of file, depth first."""
    rows: list[Field] = []

    def walk(node: dict, prefix: str, depth: int) -> None:
        node = schemas.deref(schema_dir, node)
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], prefix + "[]", depth)
            return
        required = set(node.get("required", []))
        for name, child in node.get("properties", {}).items():
            child = schemas.deref(schema_dir, child)
            path = f"{prefix}.{name}" if prefix else name
            values, lists = _closed(child, schema_dir)
            rows.append(Field(path, child.get("title", ""), _type(child, schema_dir), child.get("description", ""), name in required, values, lists))
            if depth < 4:
                walk(child, path, depth + 1)
        for key in ("oneOf", "anyOf"):
            for sub in node.get(key, []):
                if "properties" in schemas.deref(schema_dir, sub):
                    walk(sub, prefix, depth + 1)

    walk(schemas.root(schema_dir, kind), "", 0)
    seen, unique = set(), []
    for row in rows:
        if row.path not in seen:
            seen.add(row.path)
            unique.append(row)
    return unique


def fields_table(schema_dir: Path, kind: str, here: str = FIELD_REFERENCE_URL) -> str:
    """The fields of a kind of file as a table, for the page at `here` (its id fields link to
    the table of lists on the field reference page)."""
    schemas.refresh(schema_dir)
    schema = schemas.load(schema_dir, kind)
    return render(
        "schema_fields.html",
        here=here,
        lists_page=FIELD_REFERENCE_URL,
        schema_title=schema.get("title", kind),
        schema_description=schema.get("description", ""),
        rows=fields(schema_dir, kind),
    )


def _field_path(path: tuple) -> str:
    """The data field a schema path describes: properties.cost.properties.level -> cost.level."""
    out, parts = "", list(path)
    while parts:
        part = parts.pop(0)
        if part == "properties" and parts:
            name = parts.pop(0)
            out += f".{name}" if out else name
        elif part == "items":
            out += "[]"
        elif part == "$defs" and parts:
            out += f"(del {parts.pop(0)})"
    return out.removesuffix("[]")


def used_in(schema_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """List name -> (kind of file, field) for every field that holds its ids."""
    out: dict[str, list[tuple[str, str]]] = {}
    for kind, path, lists in schemas.schema_references(schema_dir):
        for name in lists:
            out.setdefault(name, []).append((schemas.load(schema_dir, kind).get("title", kind), _field_path(path)))
    return out


def vocabulary_table(catalogue: dict, schema_dir: Path) -> str:
    """Every list an id can come from (the ladder, each vocabulary, the methods, the
    guidelines), the fields that take its ids (from x-vocabulary) and the ids it has."""
    schemas.refresh(schema_dir)
    uses = used_in(schema_dir)
    rows = [("ladder", "Delaktighetstrappan", "data/ladder.yaml", [level["id"] for level in catalogue["ladder"]["levels"]])]
    for name, vocabulary in catalogue["vocabularies"].items():
        rows.append((name, vocabulary["name"], f"data/vocabularies/{name}.yaml", [item["id"] for item in vocabulary["items"]]))
    rows.append(("methods", "Metoderna", "data/methods/", None))
    rows.append(("guidelines", "Riktlinjerna", "data/guidelines/", [g["id"] for g in catalogue["guidelines"]]))
    views = [{"name": name, "heading": heading, "file": file, "ids": ids, "used_in": uses.get(name, [])} for name, heading, file, ids in rows]
    return render("vocabulary_ids.html", rows=views)
