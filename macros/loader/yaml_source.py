"""Read one YAML file into plain Python, remembering where every value stands.

PyYAML alone is not enough for editors: it keeps the last of two equal keys without a word,
reads `no` as false, `010` as 8 and `2023-11-06` as a date, and forgets line numbers once
the data is built. This module composes the node tree itself and reports each of those
traps with file, line and column.

It is also the first part of the one gate (macros/loader/catalogue.py): before anything is built, a
file must be small enough, free of invisible and control characters, without anchors and
aliases (data/ has no use for them, and a few hundred bytes of nested aliases expand to
gigabytes) and not nested deeper than any file in data/ needs. Numbers must be finite and of
sane length. Everything is read with libyaml (CSafeLoader), which keeps every position.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # libyaml: about 20 times faster than pure Python, same events and positions
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML's wheels include libyaml
    from yaml import SafeLoader as _Loader

from .problems import Problem, field_path

Path_ = tuple  # a path into the data: ("levels", 0, "id")

# YAML 1.1 words that PyYAML turns into booleans. Only lower-case true/false are accepted.
_BOOL_TRAPS = {"yes", "no", "on", "off", "y", "n"}
_INT_TRAP = re.compile(r"^[-+]?(0[0-9_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|[0-9]+_[0-9_]*)$")
_FLOAT_TRAP = re.compile(r"^[-+]?([0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[0-9_]*_[0-9_]*\.[0-9_]*)$")

PLACEHOLDER = "FYLL I"  # what data/mall/ writes where the editor must fill in a value
PLACEHOLDER_URL = "FYLL-I"
MAX_BYTES = 1_000_000  # the largest file in data/ is under 100 kB
MAX_DEPTH = 24  # guidelines nest deepest: sections, blocks, details, blocks, tables (about 10)
MAX_DIGITS = 15  # more digits than any count or week in data/ has; also what a float keeps exactly
MAX_CHARACTER_PROBLEMS = 5  # per file; the rest would say the same thing

# Characters an editor cannot see that change how text reads or is sorted (bidi overrides
# can make a name read backwards; zero-width ones make two equal-looking ids differ).
_INVISIBLE = {
    0x200B: "nollbrett mellanslag",
    0x200C: "nollbrett icke-sammanfogande tecken",
    0x200D: "nollbrett sammanfogande tecken",
    0x2060: "ordsammanfogare",
    0xFEFF: "BOM-tecken",
    0x00AD: "mjukt bindestreck",
    0x061C: "arabisk bokstavsmarkering",
    0x200E: "vänster-till-höger-markering",
    0x200F: "höger-till-vänster-markering",
    **{cp: "riktningstecken" for cp in range(0x202A, 0x202F)},
    **{cp: "riktningstecken" for cp in range(0x2066, 0x206A)},
}

_SYNTAX_HINTS = {
    "mapping values are not allowed": "ett kolon (:) står på fel ställe; sätt texten inom citattecken om den innehåller ': '",
    "could not find expected ':'": "en rad saknar kolon efter nyckeln, eller indraget är fel",
    "found character '\\t' that cannot start any token": "tabbtecken får inte användas för indrag; använd mellanslag",
    "found undefined alias": "en hänvisning (*namn) pekar på ett ankare som inte finns",
    "expected <block end>, but found '-'": "en listpunkt (-) har fel indrag",
    "found unexpected end of stream": "filen tar slut mitt i ett värde; kontrollera citattecken",
    "did not find expected key": "indraget är fel eller en nyckel saknas",
    "found a tab character that violates indentation": "tabbtecken får inte användas för indrag; använd mellanslag",
    "found invalid Unicode character escape code": "en \\u-kod inom citattecken är inget giltigt tecken (t.ex. ett ensamt surrogat \\ud800); ta bort den eller skriv tecknet självt",
    "found unknown escape character": "ett omvänt snedstreck (\\) inom citattecken följs av ett tecken som inte får stå där; skriv \\\\ eller använd enkla citattecken",
    "found unexpected ':'": "ett kolon (:) står på fel ställe; sätt texten inom citattecken",
    "found character that cannot start any token": "raden börjar med ett tecken som inte får inleda ett värde (till exempel @ eller `); sätt texten inom citattecken",
    "did not find expected node content": "ett värde saknas eller börjar med ett tecken som måste stå inom citattecken",
    "did not find expected '-' indicator": "en listpunkt (-) har fel indrag",
    "did not find expected ',' or ']'": "en lista inom [ ] är inte stängd, eller ett värde i den behöver citattecken",
    "did not find expected ',' or '}'": "en mappning inom { } är inte stängd, eller ett värde i den behöver citattecken",
    "found unexpected end of stream while scanning a quoted scalar": "ett citattecken stängs aldrig",
    "while scanning a quoted scalar": "ett citattecken stängs aldrig",
    "could not find expected": "indraget är fel, eller ett kolon eller citattecken saknas",
    "found duplicate anchor": "samma ankare (&namn) finns två gånger; data/ använder inga ankare",
    "expected a single document": "filen innehåller flera YAML-dokument (---); en fil ska vara ett dokument",
    "but found another document": "filen innehåller flera YAML-dokument (---); en fil ska vara ett dokument",
}


def _hint(problem: str) -> str:
    """A Swedish hint for a parser message: the longest known start of it, or a general one."""
    problem = problem.strip()
    best = max((known for known in _SYNTAX_HINTS if problem.startswith(known)), key=len, default=None)
    return _SYNTAX_HINTS[best] if best else "kontrollera indrag, kolon och citattecken på raden"


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _characters(text: str, rel: str) -> tuple[list[Problem], bool]:
    """Control and invisible characters, each with its line; True when YAML cannot be read."""
    problems: list[Problem] = []
    fatal = False
    for index, char in enumerate(text):
        cp = ord(char)
        if char in "\t\n\r" or (0x20 <= cp < 0x7F) or (cp > 0x9F and cp not in _INVISIBLE):
            continue
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            break
        line, column = _line_col(text, index)
        if cp in _INVISIBLE:
            if cp == 0xFEFF and index == 0:
                message = "väntade UTF-8 utan BOM, fann ett osynligt BOM-tecken (U+FEFF) först i filen; spara filen som UTF-8 utan BOM"
            else:
                message = f"väntade bara synliga tecken, fann ett osynligt {_INVISIBLE[cp]} (U+{cp:04X}); ta bort det"
        else:
            fatal = True
            what = "ett NUL-tecken (U+0000)" if cp == 0 else f"styrtecknet U+{cp:04X}"
            message = f"väntade text, fann {what}; filen är skadad eller kopierad från fel ställe — ta bort tecknet"
        problems.append(Problem(rel, line, column, "", message))
    return problems, fatal


def _structure(text: str, rel: str) -> list[Problem]:
    """Anchors, aliases and too deep nesting, from the event stream: linear in the file's
    size, so nothing is expanded before it is refused."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(rel, line, column, "", f"väntade ett värde, fann aliaset *{event.anchor}; data/ använder inga ankare och alias (&namn, *namn) — skriv ut värdet"))
        elif getattr(event, "anchor", None):
            problems.append(Problem(rel, line, column, "", f"väntade ett värde, fann ankaret &{event.anchor}; data/ använder inga ankare och alias (&namn, *namn) — ta bort det"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(rel, line, column, "", f"väntade högst {MAX_DEPTH} nivåer av listor och mappningar i varandra, fann fler"))
                break
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if len(problems) >= MAX_CHARACTER_PROBLEMS:
            break
    return problems


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
    broken: bool = False  # a value had to be replaced (a number that is not one): not valid

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
    if len(raw) > MAX_BYTES:
        problems.append(Problem(rel, 1, 1, "", f"väntade en fil på högst {MAX_BYTES:,} byte, fann {len(raw):,} byte; dela upp den eller korta texten".replace(",", "\u00a0")))
        return doc, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[error.start : error.start + 1].hex().upper()
        problems.append(Problem(rel, line, column, "", f"väntade text sparad som UTF-8, fann byten 0x{bad} (filen är troligen sparad som Latin-1 eller Windows-1252); spara om filen som UTF-8"))
        return doc, problems
    char_problems, fatal = _characters(text, rel)
    problems += char_problems
    if fatal:
        return doc, problems
    text = text.removeprefix("\ufeff")
    try:
        structure = _structure(text, rel)
        if structure:
            return doc, problems + structure
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = _hint(error.problem or error.context or "")
        if mark and "\t" in text.split("\n")[mark.line][: mark.column + 1]:
            hint = _SYNTAX_HINTS["found a tab character that violates indentation"]  # libyaml says "cannot start any token"
        problems.append(Problem(rel, line, column, "", f"väntade giltig YAML, fann ett syntaxfel: {hint}"))
        return doc, problems
    except yaml.YAMLError:  # anything else the parser refuses, without a position
        problems.append(Problem(rel, 1, 1, "", f"väntade giltig YAML, fann något som inte går att läsa: {_hint('')}"))
        return doc, problems
    if node is None:
        problems.append(Problem(rel, 1, 1, "", "väntade innehåll, fann en tom fil"))
        return doc, problems
    constructor = SafeConstructor()
    doc.data = _convert(node, (), doc, problems, constructor, text.split("\n"))
    return doc, problems


def _convert(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], constructor: SafeConstructor, lines: list[str]) -> Any:
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
            result[key] = _convert(value_node, key_path, doc, problems, constructor, lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), doc, problems, constructor, lines) for index, item in enumerate(node.value)]
    return _scalar(node, path, doc, problems, constructor, lines)


_LIST_ITEM = re.compile(r"^\s*- ")


def _scalar(node: yaml.ScalarNode, path: Path_, doc: Document, problems: list[Problem], constructor: SafeConstructor, lines: list[str]) -> Any:
    line, column = _mark(node)
    text = node.value
    plain = not node.style  # None from PyYAML, "" from libyaml
    if plain and node.end_mark.line > node.start_mark.line:
        # A plain value that goes on over several lines swallows a list item indented one
        # space too far ("- a" / "   - b" reads as "a - b"): data would be lost silently.
        for number in range(node.start_mark.line + 1, node.end_mark.line + 1):
            if number < len(lines) and _LIST_ITEM.match(lines[number]):
                problems.append(Problem(doc.rel, number + 1, lines[number].index("-") + 1, field_path(path), "väntade en ny listpunkt, fann ”- …” som YAML läser som fortsättning på raden ovanför (indraget är fel); ställ listpunkterna exakt under varandra"))
                break
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        doc.broken = True
        problems.append(Problem(doc.rel, line, column, field_path(path), "väntade text, fann ett ogiltigt Unicode-tecken (ett ensamt surrogat, t.ex. \\ud800); ta bort det"))
        return ""
    if PLACEHOLDER in text or PLACEHOLDER_URL in text:
        # From data/mall/: a copied record may not carry the template's words (or, by the
        # template's design, another record's claims) into the catalogue.
        doc.traps.add(path)
        doc.broken = True
        problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade egen text eller ett eget värde, fann mallens platshållare ”{text[:60]}”"))
        return text
    if plain:  # plain, unquoted: YAML 1.1 guesses the type
        tag = node.tag.rsplit(":", 1)[-1]
        if tag in ("int", "float") and len(re.sub(r"[^0-9]", "", text.split("e")[0].split("E")[0])) > MAX_DIGITS:
            doc.traps.add(path)
            doc.broken = True
            problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade ett tal med högst {MAX_DIGITS} siffror, fann ett med {len(re.sub(r'[^0-9]', '', text))}"))
            return 0
        if tag == "float" and not _finite(text):
            doc.traps.add(path)
            doc.broken = True
            problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade ett vanligt tal, fann {text} (oändligt eller inte ett tal); skriv ett tal eller null"))
            return 0
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


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text.replace("_", "")))
    except ValueError:  # .inf, .nan and friends are not Python floats as written
        return False


def _check_nfc(text: str, path: Path_, line: int, column: int, doc: Document, problems: list[Problem]) -> None:
    if unicodedata.is_normalized("NFC", text):
        return
    normal = unicodedata.normalize("NFC", text)
    index = next((i for i, (a, b) in enumerate(zip(text, normal, strict=False)) if a != b), 0)
    snippet = text[max(0, index - 10) : index + 10].replace("\n", " ")
    problems.append(Problem(doc.rel, line, column, field_path(path), f"väntade text i Unicode NFC (å, ä, ö som ett tecken), fann tecken sammansatta av bokstav och prickar/ring nära ”{unicodedata.normalize('NFC', snippet)}”; skriv om tecknet eller spara om filen"))
