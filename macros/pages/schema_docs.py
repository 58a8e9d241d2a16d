"""Field documentation generated from the JSON Schemas, so it can never drift from them."""

from __future__ import annotations

import json
from pathlib import Path

from .render import esc

_TYPES = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "true/false", "array": "lista", "object": "fält", "null": "null"}


def _resolve(node: dict, root: dict) -> dict:
    """Merge a local $ref into the node (titles on the node win)."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    merged = dict(_resolve(target, root))
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    if "properties" in target and "properties" in node:
        merged["properties"] = {**target["properties"], **node["properties"]}
    return merged


def _type(node: dict, root: dict) -> str:
    if "enum" in node:
        return "ett av: " + ", ".join(str(v) for v in node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node and "properties" not in node:
            return " eller ".join(_type(_resolve(sub, root), root) for sub in node[key])
    kind = node.get("type", "object" if "properties" in node else "")
    kinds = kind if isinstance(kind, list) else [kind]
    text = " eller ".join(_TYPES.get(k, k) for k in kinds if k)
    if node.get("format") == "date" or "[0-9]{4}" in node.get("pattern", ""):
        text = "datum ÅÅÅÅ-MM-DD" + (" eller null" if "null" in kinds else "")
    elif node.get("pattern") == "^[a-z0-9]+(-[a-z0-9]+)*$":
        text = "id"
    if kind == "array" and "items" in node:
        text = "lista av " + _type(_resolve(node["items"], root), root)
    return text or "värde"


def fields(schema: dict) -> list[tuple[str, str, str, str, bool]]:
    """(path, title, type, description, required) for every field, depth first."""
    rows: list[tuple[str, str, str, str, bool]] = []

    def walk(node: dict, prefix: str, depth: int) -> None:
        node = _resolve(node, schema)
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], prefix + "[]", depth)
            return
        required = set(node.get("required", []))
        for name, child in node.get("properties", {}).items():
            child = _resolve(child, schema)
            path = f"{prefix}.{name}" if prefix else name
            rows.append((path, child.get("title", ""), _type(child, schema), child.get("description", ""), name in required))
            if depth < 4:
                walk(child, path, depth + 1)
        for key in ("oneOf", "anyOf"):
            for sub in node.get(key, []):
                if "properties" in _resolve(sub, schema):
                    walk(sub, prefix, depth + 1)

    walk(schema, "", 0)
    seen, unique = set(), []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            unique.append(row)
    return unique


def fields_table(schema_dir: Path, kind: str) -> str:
    schema = json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
    rows = "\n".join(
        f'<tr><th scope="row"><code>{esc(path)}</code></th><td>{esc(title)}</td><td>{esc(kind_)}</td><td>{"ja" if req else "nej"}</td><td>{esc(desc)}</td></tr>'
        for path, title, kind_, desc, req in fields(schema)
    )
    return (
        f'<div class="table-scroll" role="region" aria-label="Fälten i {esc(schema.get("title", kind))}" tabindex="0">\n'
        f'<table class="field-table">\n<caption>{esc(schema.get("title", kind))}: {esc(schema.get("description", ""))}</caption>\n'
        '<thead><tr><th scope="col">Fält</th><th scope="col">Namn</th><th scope="col">Typ</th><th scope="col">Krävs</th><th scope="col">Beskrivning</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table>\n</div>\n"
    )
