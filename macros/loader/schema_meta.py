"""The schemas' own keywords checked like data: every `x-labels` has a label for exactly the
values of its `enum`, and every `x-vocabulary` names a list that exists. Reported with the
schema file's line and column, in the editor format, before any data is checked against it."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from . import schemas
from .problems import Problem, field_path
from .schema_check import suggestion

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader


def _positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Path -> (line, column) of each key in a JSON file (JSON is YAML, and libyaml keeps marks)."""
    out: dict[tuple, tuple[int, int]] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                out[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                out[path + (index,)] = (value.start_mark.line + 1, value.start_mark.column + 1)
                walk(value, path + (index,))

    try:
        tree = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return out
    if tree is not None:
        walk(tree, ())
    return out


def check_schema_files(schema_dir: Path, vocabulary_dir: Path, rel: Callable[[Path], str]) -> tuple[list[Problem], set[str]]:
    """Problems in the schemas' x-labels and x-vocabulary (the JSON itself is read by
    schemas.load), and the vocabulary files suggested for a misspelt x-vocabulary."""
    problems: list[Problem] = []
    suggested: set[str] = set()
    present = sorted(p.stem for p in vocabulary_dir.glob("*.yaml"))
    outside = list(schemas.collections(schema_dir))
    known = present + outside
    missing_reported: set[str] = set()
    for name in schemas.names(schema_dir):
        path = schema_dir / f"{name}.schema.json"
        try:
            schema = schemas.load(schema_dir, name)
        except schemas.SchemaFileError:
            continue  # reported when the data is checked against it
        positions: dict = {}  # read only when there is something to report

        def report(at: tuple, message: str, path: Path = path, positions: dict = positions) -> None:
            if not positions:
                positions.update(_positions(path.read_text(encoding="utf-8")))
            line, column = positions.get(at, (1, 1))
            problems.append(Problem(rel(path), line, column, field_path(at), message))

        for at, node in schemas.schema_nodes(schema, ()):
            if "x-labels" in node:
                _check_labels(node, at + ("x-labels",), report)
            if "x-vocabulary" in node:
                lists = node["x-vocabulary"]
                if not (isinstance(lists, str) or isinstance(lists, list) and lists and all(isinstance(v, str) for v in lists)):
                    report(at + ("x-vocabulary",), f"väntade namnet på en ordlista eller en lista med namn, fann {_shown(lists)}")
                    continue
                for index, value in enumerate([lists] if isinstance(lists, str) else lists):
                    if value in known:
                        continue
                    where = at + ("x-vocabulary",) + (() if isinstance(lists, str) else (index,))
                    if value in missing_reported:
                        continue  # one message per missing list, at its first use
                    missing_reported.add(value)
                    close = _close(value, known)
                    suggested.update(close)
                    hint = f" (menade du ”{close[0]}”?)" if close else ""
                    report(where, f"väntade namnet på en ordlista i data/vocabularies/ ({', '.join(present)}) eller en av {', '.join(outside)}, fann ”{value}”, som inte har någon fil{hint}")
    return problems, suggested


def _close(value: str, known: list[str]) -> list[str]:
    """A suggestion only for a likely typo (role for roles), not for a file that was removed."""
    return difflib.get_close_matches(value, known, n=1, cutoff=0.8)


def _check_labels(node: dict, at: tuple, report: Callable[[tuple, str], None]) -> None:
    labels, values = node["x-labels"], node.get("enum")
    if not isinstance(values, list):
        report(at, "väntade x-labels bara bredvid en enum, fann x-labels utan enum")
        return
    if not isinstance(labels, dict):
        report(at, f"väntade en mappning från värde till svensk etikett, fann {_shown(labels)}")
        return
    for value in values:
        if value not in labels:
            report(at, f"väntade en svensk etikett för varje värde i enum ({', '.join(map(str, values))}), fann ingen för ”{value}”")
        elif not isinstance(labels[value], str) or not labels[value].strip():
            report(at + (value,), f"väntade en etikett som text, fann {_shown(labels[value])}")
    for key in labels:
        if key not in values:
            report(at + (key,), f"väntade etiketter bara för värdena i enum ({', '.join(map(str, values))}), fann ”{key}”{suggestion(key, values)}")


def _shown(value: Any) -> str:
    from .schema_check import describe

    return describe(value)
