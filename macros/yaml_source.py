"""Read one YAML file into plain Python, remembering where every value stands.

PyYAML alone is not enough for editors: it keeps the last of two equal keys without a word,
reads `no` as false, `010` as 8 and `2023-11-06` as a date, and forgets line numbers once
the data is built. This module composes the node tree itself and reports each of those
traps with file, line and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .problems import Problem, field_path

Path_ = tuple  # a path into the data: ("levels", 0, "id")

# YAML 1.1 words that PyYAML turns into booleans. Only lower-case true/false are accepted.
_BOOL_TRAPS = {"yes", "no", "on", "off", "y", "n"}
_INT_TRAP = re.compile(r"^[-+]?(0[0-9_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|[0-9]+_[0-9_]*)$")
_FLOAT_TRAP = re.compile(r"^[-+]?([0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[0-9_]*_[0-9_]*\.[0-9_]*)$")

_SYNTAX_HINTS = {
    "mapping values are not allowed here": "ett kolon (:) står på fel ställe; sätt texten inom citattecken om den innehåller ': '",
    "could not find expected ':'": "en rad saknar kolon efter nyckeln, eller indraget är fel",
    "found character '\\t' that cannot start any token": "tabbtecken får inte användas för indrag; använd mellanslag",
    "found undefined alias": "en hänvisning (*namn) pekar på ett ankare som inte finns",
    "expected <block end>, but found '-'": "en listpunkt (-) har fel indrag",
    "found unexpected end of stream": "filen tar slut mitt i ett värde; kontrollera citattecken",
    "did not find expected key": "indraget är fel eller en nyckel saknas",
    "found a tab character that violates indentation": "tabbtecken får inte användas för indrag; använd mellanslag",
}


@dataclass
class Document:
    """The data of one file and where each part of it stands in the file."""

    rel: str
    data: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    dates: set[Path_] = field(default_factory=set)  # plain scalars YAML would read as dates
    traps: set[Path_] = field(default_factory=set)  # values already reported as YAML 1.1 traps
    valid: bool = False  # set by the loader: no problem in this file so far

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest known parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        line, column = self.where(path, key)
        return Problem(self.rel, line, column, field_path(path), message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(path: Path, rel: str) -> tuple[Document, list[Problem]]:
    """Read `path`; `rel` is the name used in messages. Returns the document and its problems."""
    doc = Document(rel)
    problems: list[Problem] = []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[error.start : error.start + 1].hex().upper()
        problems.append(Problem(rel, line, column, "", f"väntade text sparad som UTF-8, fann byten 0x{bad} (filen är troligen sparad som Latin-1 eller Windows-1252); spara om filen som UTF-8"))
        return doc, problems
    text = text.removeprefix("\ufeff")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "").strip()
        hint = _SYNTAX_HINTS.get(problem, problem)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(rel, line, column, "", f"väntade giltig YAML, fann ett syntaxfel: {hint}"))
        return doc, problems
    except yaml.YAMLError as error:  # e.g. a reader error on control characters
        problems.append(Problem(rel, 1, 1, "", f"väntade giltig YAML, fann: {error}"))
        return doc, problems
    if node is None:
        problems.append(Problem(rel, 1, 1, "", "väntade innehåll, fann en tom fil"))
        return doc, problems
    constructor = SafeConstructor()
    doc.data = _convert(node, (), doc, problems, constructor)
    return doc, problems


def _convert(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], constructor: SafeConstructor) -> Any:
    doc.positions[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = _mark(key_node)
                problems.append(Problem(doc.rel, line, column, field_path(path), "väntade en enkel nyckel (ett ord), fann en lista eller mappning som nyckel"))
                continue
            key = key_node.value
            key_path = path + (key,)
            line, column = _mark(key_node)
            if key in first_seen:
                problems.append(Problem(doc.rel, line, column, field_path(key_path), f"väntade varje nyckel en gång, fann ”{key}” en gång till (första gången på rad {first_seen[key]}); YAML skulle tyst behålla bara den sista"))
                continue
            first_seen[key] = line
            _check_nfc(key, key_path, line, column, doc, problems)
            doc.key_positions[key_path] = (line, column)
            result[key] = _convert(value_node, key_path, doc, problems, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), doc, problems, constructor) for index, item in enumerate(node.value)]
    return _scalar(node, path, doc, problems, constructor)


def _scalar(node: yaml.ScalarNode, path: Path_, doc: Document, problems: list[Problem], constructor: SafeConstructor) -> Any:
    line, column = _mark(node)
    text = node.value
    if node.style is None:  # plain, unquoted: YAML 1.1 guesses the type
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "bool" and text not in ("true", "false"):
            doc.traps.add(path)
            meaning = "sant (true)" if text.lower() in ("yes", "on", "y", "true") else "falskt (false)"
            problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade true, false eller text inom citattecken, fann ”{text}” som YAML läser som {meaning}; skriv true/false, eller ”{text}” inom citattecken om du menar texten"))
            return constructor.construct_object(node)
        if tag == "int" and _INT_TRAP.match(text):
            doc.traps.add(path)
            value = constructor.construct_object(node)
            problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade ett vanligt tal eller text inom citattecken, fann {text} som YAML läser som talet {value}; skriv talet utan inledande nolla (eller utan _ och :), eller sätt citattecken om det är text"))
            return value
        if tag == "float" and _FLOAT_TRAP.match(text):
            doc.traps.add(path)
            problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade ett vanligt tal eller text inom citattecken, fann {text} som YAML läser som ett annat tal; sätt citattecken om det är text"))
            return constructor.construct_object(node)
        if tag == "timestamp":
            doc.dates.add(path)  # kept as text; the validator decides whether a date belongs here
            return text
        if tag in ("bool", "int", "float", "null"):
            return constructor.construct_object(node)
        if tag != "str":
            problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade text, tal, true/false eller null, fann YAML-typen {node.tag}"))
            return text
    elif node.tag not in ("tag:yaml.org,2002:str", "!"):
        problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade text, fann YAML-typen {node.tag}; ta bort taggen"))
        return text
    _check_nfc(text, path, line, column, doc, problems)
    return text


def _check_nfc(text: str, path: Path_, line: int, column: int, doc: Document, problems: list[Problem]) -> None:
    if unicodedata.is_normalized("NFC", text):
        return
    normal = unicodedata.normalize("NFC", text)
    index = next((i for i, (a, b) in enumerate(zip(text, normal, strict=False)) if a != b), 0)
    snippet = text[max(0, index - 10) : index + 10].replace("\n", " ")
    problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade text i Unicode NFC (å, ä, ö som ett tecken), fann tecken sammansatta av bokstav och prickar/ring nära ”{unicodedata.normalize('NFC', snippet)}”; skriv om tecknet eller spara om filen"))
