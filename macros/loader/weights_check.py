"""The chooser's weights (chooser/weights.json) pass the same gate as data/: every id they name
must exist in the catalogue, or the build stops with the file, line and field.

The engine reads these ids as they stand; a renamed target group or a removed method would
otherwise make a rule silently apply to nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .problems import Problem
from .schema_check import suggestion

# Where weights.json names ids: (path, what it names). In a path, "*" is every key of a
# mapping and "[]" every item of a list; a path ending in "*" checks the keys themselves.
# The lists are named as x-vocabulary names them in data/schemas/ (weights.json has no schema).
GROUPS = ("target-groups", "quadrants")
REFERENCES = (
    (("target_groups", "related_groups", "*"), GROUPS),
    (("target_groups", "related_groups", "*", "[]"), GROUPS),
    (("target_groups", "open_to_all_group"), GROUPS),
    (("accessibility", "aspects", "[]", "groups", "[]"), GROUPS),
    (("accessibility", "aspects", "[]", "formats", "[]"), ("formats",)),
    (("dialogue_type", "purpose_types", "*"), ("purposes",)),
    (("dialogue_type", "purpose_types", "*", "[]"), ("dialogue-types",)),
    (("dialogue_type", "notice_types", "[]"), ("dialogue-types",)),
    (("dialogue_type", "sources", "*"), ("dialogue-types",)),
    (("dialogue_type", "group_types", "*"), GROUPS),
    (("dialogue_type", "group_types", "*", "[]"), ("dialogue-types",)),
    (("combination", "information_purposes", "[]"), ("purposes",)),
    (("legal", "*", "groups", "[]"), GROUPS),
    (("legal", "*", "purposes", "[]"), ("purposes",)),
    (("legal", "*", "area_purposes", "[]"), ("purposes",)),
    (("legal", "*", "methods", "[]"), ("methods",)),
    (("legal", "*", "level"), ("ladder",)),
    (("budget", "phrases", "*"), ("cost-levels",)),
)


def _walk(value, spec: tuple, path: tuple):
    """(path, id) for every id at `spec` in `value`."""
    if not spec:
        if isinstance(value, str):
            yield path, value
        return
    head, rest = spec[0], spec[1:]
    if head == "[]":
        for index, item in enumerate(value if isinstance(value, list) else []):
            yield from _walk(item, rest, path + (index,))
    elif head == "*":
        for key, item in (value.items() if isinstance(value, dict) else []):
            if rest:
                yield from _walk(item, rest, path + (key,))
            else:
                yield path + (key,), key
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest, path + (head,))


def _line(text: str, path: tuple) -> int:
    """The line of the last key of `path` in the JSON text (weights.json has one key a line
    or a short object a line, so the first match after the parent's line is the right one)."""
    line = 1
    for part in path:
        if isinstance(part, str):
            match = re.compile(rf'"{re.escape(part)}"\s*:').search(text, _offset(text, line))
            if match:
                line = text.count("\n", 0, match.start()) + 1
    return line


def _offset(text: str, line: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1])


def check_weights(path: Path, rel: str, ids: dict[str, list[str] | None], names: dict[str, str]) -> list[Problem]:
    """`ids`: list name -> its ids (None: not checked); `names`: list name -> how a message
    names it (the vocabulary's `definite`, e.g. syftena)."""
    try:
        text = path.read_text(encoding="utf-8")
        weights = json.loads(text)
    except FileNotFoundError:
        return [Problem(rel, 1, 1, "", "väntade metodväljarens vikter, fann att filen saknas")]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line, column = (error.lineno, error.colno) if isinstance(error, json.JSONDecodeError) else (1, 1)
        return [Problem(rel, line, column, "", "väntade giltig JSON i UTF-8, fann ett fel")]
    problems = []
    for spec, lists in REFERENCES:
        if any(ids.get(name) is None for name in lists):
            continue
        allowed = [i for name in lists for i in ids[name]]
        for where, value in _walk(weights, spec, ()):
            if value not in allowed:
                field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where).replace(".[", "[")
                problems.append(Problem(rel, _line(text, where), 1, field, f"väntade ett id ur {names[lists[0]]}, fann ”{value}”{suggestion(value, allowed)}"))
    return problems
