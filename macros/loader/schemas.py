"""The JSON Schemas of data/schemas/ as the one declaration of every closed list and reference.

A schema's `enum` carries its Swedish labels in `x-labels`; a field that holds an id of a
vocabulary (or of the ladder, the methods, the guidelines) says so with `x-vocabulary`; the
Swedish message for a failing keyword is in `x-messages` (on the failing subschema, or the
default at the top of common.schema.json; MDN's browser-compat-data keeps its contributor
messages in its schema the same way, through ajv-errors' `errorMessage`). The loader, the pages
and the field reference read them from here, so each list is typed once.

References between the files are resolved through a `referencing.Registry` built from the
folder: no network, and a `$ref` to "common.schema.json#/$defs/id" works in the loader, in
jsonschema and in an editor alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"  # the project's own
COMMON = "common"  # the shared schema: $defs id, text, date, url; default x-messages


class SchemaFileError(Exception):
    """A schema file in data/schemas/ that cannot be read: (path, line, column, message)."""


def names(schema_dir: Path = SCHEMA_DIR) -> list[str]:
    """The schemas in the folder, by name (method for method.schema.json)."""
    return sorted(p.name.removesuffix(".schema.json") for p in schema_dir.glob("*.schema.json"))


_stamps: dict[Path, tuple] = {}


def refresh(schema_dir: Path) -> None:
    """Forget what was read from the folder if a schema changed since (mkdocs serve, tests
    that change a copy). Called where a caller starts using the schemas, not per node."""
    now = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(schema_dir.glob("*.schema.json")))
    if _stamps.get(schema_dir) != now:
        _stamps[schema_dir] = now
        for cached in (load, registry, _qualified):
            cached.cache_clear()
        _derefs.clear()
        _leads_to.clear()


def version(schema_dir: Path) -> tuple:
    """The folder's state as `refresh` last saw it, for caches kept elsewhere."""
    if schema_dir not in _stamps:
        refresh(schema_dir)
    return _stamps[schema_dir]


@cache
def load(schema_dir: Path, name: str) -> dict:
    """The schema as written in data/schemas/<name>.schema.json."""
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
def registry(schema_dir: Path) -> Registry:
    """Every schema of the folder under its $id (= its file name), for jsonschema's $ref."""
    resources = []
    for name in names(schema_dir):
        schema = load(schema_dir, name)
        resources.append((schema.get("$id", f"{name}.schema.json"), Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


# -- walking schemas: $ref resolved, siblings merged ------------------------------------------


@cache
def _qualified(schema_dir: Path, name: str) -> dict:
    """The schema with every local "#/…" reference written as "<name>.schema.json#/…", so a
    node taken out of its file still says where its references point."""
    file = f"{name}.schema.json"

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {key: walk(value) for key, value in node.items() if key != "$ref"}
            if "$ref" in node:
                ref = node["$ref"]
                out["$ref"] = file + ref if ref.startswith("#") else ref
            return out
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node

    return walk(load(schema_dir, name))


def root(schema_dir: Path, name: str) -> dict:
    """The schema's root node, ready for `deref`."""
    return _qualified(schema_dir, name)


def target(schema_dir: Path, ref: str) -> dict:
    """The node a qualified $ref points to."""
    file, _, pointer = ref.partition("#")
    node: Any = _qualified(schema_dir, file.removesuffix(".schema.json"))
    for part in [p for p in pointer.split("/") if p]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


_derefs: dict[int, tuple[dict, dict]] = {}  # id(node) -> (node, merged); cleared by refresh


def deref(schema_dir: Path, node: dict) -> dict:
    """The node with its $ref (and the target's own $ref) merged in; the node's own keys win,
    and `properties` of both are kept (a fact's own fields next to the shared ones)."""
    if "$ref" not in node:
        return node
    known = _derefs.get(id(node))
    if known is not None and known[0] is node:
        return known[1]
    merged = _merge(schema_dir, node)
    _derefs[id(node)] = (node, merged)
    return merged


def _merge(schema_dir: Path, node: dict) -> dict:
    base = deref(schema_dir, target(schema_dir, node["$ref"]))
    merged = {**base, **{k: v for k, v in node.items() if k != "$ref"}}
    if "properties" in base and "properties" in node:
        merged["properties"] = {**base["properties"], **node["properties"]}
    if "x-messages" in base and "x-messages" in node:
        merged["x-messages"] = {**base["x-messages"], **node["x-messages"]}
    return merged


def node_at(kind: str, *path: str, schema_dir: Path = SCHEMA_DIR) -> dict:
    """The schema node of a field: node_at("method", "facilitation", "level"). Lists are
    stepped through (accessibility, aspect is the aspect of every accessibility item)."""
    refresh(schema_dir)
    node = deref(schema_dir, root(schema_dir, kind))
    for name in path:
        while node.get("type") == "array" and "items" in node:
            node = deref(schema_dir, node["items"])
        node = deref(schema_dir, node["properties"][name])
    return node


def labels(kind: str, *path: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """The Swedish label of each allowed value of a closed list, in the schema's order."""
    node = node_at(kind, *path, schema_dir=schema_dir)
    return {value: node["x-labels"][value] for value in node["enum"]}


def title(kind: str, *path: str, schema_dir: Path = SCHEMA_DIR) -> str:
    """The Swedish title of a field: title("guideline", "facts", "decision")."""
    return node_at(kind, *path, schema_dir=schema_dir)["title"]


def id_pattern(schema_dir: Path = SCHEMA_DIR) -> str:
    """The pattern every id follows, from common.schema.json."""
    return load(schema_dir, COMMON)["$defs"]["id"]["pattern"]


def default_messages(schema_dir: Path) -> dict[str, str]:
    return load(schema_dir, COMMON).get("x-messages", {})


def collections(schema_dir: Path) -> dict[str, dict]:
    """The lists outside data/vocabularies/ an x-vocabulary can name: ladder, methods, guidelines."""
    return load(schema_dir, COMMON).get("x-collections", {})


def vocabularies_of(node: dict) -> tuple[str, ...]:
    """The lists an x-vocabulary names, as a tuple (one name or a list of names)."""
    value = node.get("x-vocabulary")
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


# -- walking data with its schema -------------------------------------------------------------


def instance_nodes(schema_dir: Path, name: str, data: Any, only: str | None = None) -> Iterator[tuple[tuple, dict]]:
    """(path, schema node) for every value of `data` and every schema node that applies to it
    (through properties, items, $ref, allOf, anyOf, oneOf). Follows the data, so recursive
    schemas (a guideline's blocks) end where the data ends. With `only`, skips the parts of
    the schema where that keyword cannot appear."""

    def walk(node: dict, value: Any, path: tuple) -> Iterator[tuple[tuple, dict]]:
        if only and not _has(schema_dir, node, only):
            return
        node = deref(schema_dir, node)
        yield path, node
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(key, []):
                yield from walk(sub, value, path)
        if isinstance(value, dict):
            properties = node.get("properties", {})
            for key, child in value.items():
                if key in properties:
                    yield from walk(properties[key], child, path + (key,))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index, child in enumerate(value):
                yield from walk(node["items"], child, path + (index,))

    yield from walk(root(schema_dir, name), data, ())


def references(schema_dir: Path, name: str, data: Any) -> dict[tuple, tuple[str, ...]]:
    """Path of every id in `data` that refers to a list -> the lists it may come from."""
    found: dict[tuple, tuple[str, ...]] = {}
    for path, node in instance_nodes(schema_dir, name, data, only="x-vocabulary"):
        lists = vocabularies_of(node)
        if lists:
            found.setdefault(path, lists)
    return {path: lists for path, lists in found.items() if isinstance(_get(data, path), str)}


_leads_to: dict[tuple[int, str], bool] = {}


def _has(schema_dir: Path, node: dict, key: str, seen: frozenset = frozenset()) -> bool:
    """Whether `key` appears in the node or any schema below it (so a walk for it can skip
    the rest: a guideline's text has no vocabulary ids)."""
    memo = _leads_to.get((id(node), key))
    if memo is not None:
        return memo
    if id(node) in seen:
        return False
    node_ = deref(schema_dir, node)
    inner = seen | {id(node)}
    children = [node_[k] for k in ("items",) if isinstance(node_.get(k), dict)]
    children += list(node_.get("properties", {}).values())
    children += [sub for k in ("allOf", "anyOf", "oneOf") for sub in node_.get(k, [])]
    found = key in node_ or any(_has(schema_dir, child, key, inner) for child in children)
    if not seen or found:  # a False inside a cycle may be partial; only cache it at the top
        _leads_to[(id(node), key)] = found
    return found


def schema_references(schema_dir: Path) -> list[tuple[str, tuple, tuple[str, ...]]]:
    """(schema name, path in the schema file, lists) for every x-vocabulary in the folder."""
    out = []
    for name in names(schema_dir):
        for path, node in schema_nodes(load(schema_dir, name), ()):
            if "x-vocabulary" in node:
                out.append((name, path, vocabularies_of(node)))
    return out


def vocabulary_names(schema_dir: Path) -> list[str]:
    """Every vocabulary some field refers to, in the order they are first named."""
    seen: list[str] = []
    outside = collections(schema_dir)
    for _, _, lists in schema_references(schema_dir):
        seen += [v for v in lists if isinstance(v, str) and v not in outside and v not in seen]
    return seen


def schema_nodes(node: Any, path: tuple) -> Iterator[tuple[tuple, dict]]:
    """Every mapping in a schema file with its path (for positions in messages)."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key not in ("x-labels", "x-messages", "enum", "const"):
                yield from schema_nodes(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schema_nodes(value, path + (index,))


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data
