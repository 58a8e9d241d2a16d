"""Load and validate all of data/ into one catalogue: the single loader of the project.

The build, the tests and the command `python -m macros.loader` all call
`load_catalogue`. It reports every problem in one run (DataError) or returns the catalogue:

    {"ladder": {...}, "vocabularies": {"purposes": {...}, ...},
     "methods": [...], "guidelines": [...]}

Methods and guidelines are sorted by id, so the same data always gives the same catalogue.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from .problems import DataError, Problem
from .schema_check import SchemaFileError, check_schema, describe, suggestion
from .weights_check import check_weights
from .yaml_source import Document, read_yaml

VOCABULARIES = ("purposes", "target-groups", "quadrants", "dialogue-types", "roles", "formats", "cost-levels")
DESCRIPTION_WORDS = (150, 300)

_cache: dict[Path, tuple[tuple, dict]] = {}


def load_catalogue(data_dir: Path, project_dir: Path | None = None) -> dict:
    """The validated catalogue of `data_dir`; raises DataError listing every problem.

    Paths in messages are relative to `project_dir` (default: the parent of data_dir).
    A second call with unchanged files returns the cached result (fast `mkdocs serve`).
    """
    data_dir = data_dir.resolve()
    project_dir = (project_dir or data_dir.parent).resolve()
    files = sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    cached = _cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    catalogue = _Loader(data_dir, project_dir).load()
    _cache[data_dir] = (stamp, catalogue)
    return catalogue


class _Loader:
    def __init__(self, data_dir: Path, project_dir: Path):
        self.data_dir = data_dir
        self.project_dir = project_dir
        self.schema_dir = data_dir / "schemas"
        self.problems: list[Problem] = []
        self.unreadable_ids: dict[str, list[str]] = {}

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.project_dir).as_posix()
        except ValueError:
            return path.as_posix()

    def read(self, path: Path, schema: str) -> Document | None:
        doc, problems = read_yaml(path, self.rel(path))
        self.problems += problems
        if doc.data is None:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), "väntade en mappning med fält överst i filen, fann " + type(doc.data).__name__))
            return None
        try:
            schema_problems = check_schema(doc, self.schema_dir, schema)
        except SchemaFileError as error:
            schema_path, line, column, message = error.args
            problem = Problem(self.rel(schema_path), line, column, "", message)
            if problem not in self.problems:
                self.problems.append(problem)
            return None
        self.problems += schema_problems
        # Traps, NFC and duplicate keys do not change the shape; only schema problems stop the
        # cross-file checks for this file (which would otherwise trip over wrong types).
        doc.valid = not schema_problems and not doc.broken
        first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff")
        if not first_line.startswith("# yaml-language-server: $schema="):
            self.problems.append(Problem(doc.rel, 1, 1, "", f"väntade första raden ”# yaml-language-server: $schema=…{schema}.schema.json” (ger hjälp i editorn), fann ”{first_line[:60]}”"))
        return doc

    def load(self) -> dict:
        ladder_doc = self._required_file(self.data_dir / "ladder.yaml", "ladder")
        vocab_docs: dict[str, Document] = {}
        for name in VOCABULARIES:
            doc = self._required_file(self.data_dir / "vocabularies" / f"{name}.yaml", "vocabulary")
            if doc:
                vocab_docs[name] = doc
        for path in sorted((self.data_dir / "vocabularies").glob("*.yaml")):
            if path.stem not in VOCABULARIES:
                self.problems.append(Problem(self.rel(path), 1, 1, "", f"väntade en av ordlistorna {', '.join(VOCABULARIES)}, fann en okänd fil"))
        method_docs = self._folder("methods", "method")
        guideline_docs = self._folder("guidelines", "guideline")

        self.problems += _resolve_aliases(vocab_docs, method_docs, guideline_docs)
        # Cross-file checks look only at files whose shape is right (the schema problems are
        # already reported), but ids are gathered from every file so that one broken file
        # does not cause a cascade of "unknown id" messages elsewhere.
        ids = self._ids(ladder_doc, vocab_docs, method_docs, guideline_docs)
        if ladder_doc and ladder_doc.valid:
            self._check_ladder(ladder_doc, ids)
        for doc in method_docs:
            if doc.valid:
                self._check_method(doc, ids)
        for doc in guideline_docs:
            if doc.valid:
                self._check_guideline(doc, ids)
        for doc in vocab_docs.values():
            if doc.valid:
                self._check_vocabulary(doc, ids)
        weights = self.project_dir / "chooser" / "weights.json"
        if weights.exists():  # the engine's ids pass the same gate (absent in a bare data/ copy)
            # Old ids (aliases) are not accepted here: the engine maps them in its input only.
            self.problems += check_weights(weights, self.rel(weights), {**ids, "groups": _groups(ids)})
        if self.problems:
            raise DataError(self.problems)

        return {
            "ladder": ladder_doc.data,
            "vocabularies": {name: vocab_docs[name].data for name in VOCABULARIES},
            "methods": sorted((d.data for d in method_docs), key=lambda m: m["id"]),
            "guidelines": sorted((_resolve_facts(d.data) for d in guideline_docs), key=lambda g: g["id"]),
        }

    def _required_file(self, path: Path, schema: str) -> Document | None:
        if not path.exists():
            self.problems.append(Problem(self.rel(path), 0, 0, "", "väntade att filen finns, fann att den saknas"))
            return None
        return self.read(path, schema)

    def _folder(self, folder: str, schema: str) -> list[Document]:
        docs = []
        for path in sorted((self.data_dir / folder).glob("*")):
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            if path.suffix == ".yml":
                self.problems.append(Problem(self.rel(path), 0, 0, "", "väntade filändelsen .yaml, fann .yml"))
            doc = self.read(path, schema)
            if doc is None:
                # Unreadable (syntax error, empty, not UTF-8): its file name still tells its id,
                # so references to it elsewhere do not turn into a cascade of extra messages.
                self.unreadable_ids.setdefault(folder, []).append(path.stem)
                continue
            if doc.data.get("id") != path.stem:
                self.problems.append(doc.problem(("id",), f"väntade samma id som filnamnet (”{path.stem}”), fann {describe(doc.data.get('id'))}"))
            docs.append(doc)
        return docs

    # -- ids and references -------------------------------------------------------------

    def _unique(self, doc: Document, seen: dict[str, str], value: object, path: tuple, what: str) -> None:
        if not isinstance(value, str):
            return
        if value in seen:
            self.problems.append(doc.problem(path, f"väntade ett unikt id för {what}, fann ”{value}” som redan används i {seen[value]}"))
        else:
            line, _ = doc.where(path)
            seen[value] = f"{doc.rel}:{line}"

    def _ids(self, ladder_doc, vocab_docs, method_docs, guideline_docs) -> dict[str, list[str]]:
        ids: dict[str, list[str]] = {}
        ids["levels"] = _str_ids(_items(ladder_doc, "levels"))
        groups_seen: dict[str, str] = {}
        for name, doc in vocab_docs.items():
            seen: dict[str, str] = {}
            for index, item in enumerate(_items(doc, "items")):
                self._unique(doc, seen, item.get("id"), ("items", index, "id"), f"ordlistan {name}")
                if name in ("target-groups", "quadrants"):  # both may stand in a method's target_groups
                    self._unique(doc, groups_seen, item.get("id"), ("items", index, "id"), "målgrupper och fyrfältsgrupper")
            ids[name] = _str_ids(_items(doc, "items"))
        for name in VOCABULARIES:
            # A vocabulary that is missing or unreadable is reported once; references to it
            # are not checked, rather than each reported as unknown.
            ids.setdefault(name, None)
        seen = {}
        for doc in method_docs:
            self._unique(doc, seen, doc.data.get("id"), ("id",), "metoder")
        ids["methods"] = _str_ids(doc.data for doc in method_docs) + self.unreadable_ids.get("methods", [])
        seen = {}
        for doc in guideline_docs:
            self._unique(doc, seen, doc.data.get("id"), ("id",), "riktlinjer")
        ids["guidelines"] = _str_ids(doc.data for doc in guideline_docs) + self.unreadable_ids.get("guidelines", [])
        return ids

    def _ref(self, doc: Document, path: tuple, value: str | None, allowed: list[str] | None, what: str) -> None:
        if allowed is None:
            return
        if isinstance(value, str) and value not in allowed:
            listed = (", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + " …") or "inga finns ännu"
            self.problems.append(doc.problem(path, f"väntade ett id ur {what} ({listed}), fann ”{value}”{suggestion(value, allowed)}"))

    def _refs(self, doc: Document, path: tuple, values: list[str], allowed: list[str], what: str) -> None:
        for index, value in enumerate(values):
            self._ref(doc, path + (index,), value, allowed, what)

    # -- per kind of file ---------------------------------------------------------------

    def _check_vocabulary(self, doc: Document, ids: dict) -> None:
        stem = Path(doc.rel).stem
        if doc.data["vocabulary"] != stem:
            self.problems.append(doc.problem(("vocabulary",), f"väntade samma namn som filnamnet (”{stem}”), fann ”{doc.data['vocabulary']}”"))
        for index, item in enumerate(doc.data["items"]):
            self._refs(doc, ("items", index, "named_by"), item.get("named_by", []), ids["guidelines"], "riktlinjerna")
        # What the pages and the engine look items up by must be unique too.
        if stem == "quadrants":
            seen: dict = {}
            for index, item in enumerate(doc.data["items"]):
                cell = (item["affected"], item["active"])
                if cell in seen:
                    self.problems.append(doc.problem(("items", index), f"väntade en grupp per ruta i fyrfältsanalysen, fann samma affected/active som ”{seen[cell]}”"))
                seen.setdefault(cell, item["id"])
        if stem == "cost-levels":
            ranks: dict = {}
            for index, item in enumerate(doc.data["items"]):
                if item["rank"] in ranks:
                    self.problems.append(doc.problem(("items", index, "rank"), f"väntade en egen rank för varje kostnadsnivå, fann {item['rank']} som ”{ranks[item['rank']]}” redan har"))
                ranks.setdefault(item["rank"], item["id"])

    def _check_ladder(self, doc: Document, ids: dict) -> None:
        expected = ["information", "konsultation", "dialog", "inflytande", "medbeslutande"]
        for index, level in enumerate(doc.data["levels"]):
            if level["id"] != expected[index]:
                self.problems.append(doc.problem(("levels", index, "id"), f"väntade nivå {index + 1} ”{expected[index]}” (trappan i ordning), fann ”{level['id']}”"))
            if level["step"] != index + 1:
                self.problems.append(doc.problem(("levels", index, "step"), f"väntade steg {index + 1}, fann {level['step']}"))
            self._refs(doc, ("levels", index, "example_methods"), level["example_methods"], ids["methods"], "metoderna i data/methods/")
            self._refs(doc, ("levels", index, "sources"), level.get("sources", []), ids["guidelines"], "riktlinjerna")

    def _check_method(self, doc: Document, ids: dict) -> None:
        m = doc.data
        self._refs(doc, ("levels",), m["levels"], ids["levels"], "trappans nivåer")
        self._refs(doc, ("purposes",), m["purposes"], ids["purposes"], "syftena i purposes.yaml")
        self._refs(doc, ("target_groups",), m["target_groups"], _groups(ids), "målgrupperna i target-groups.yaml och quadrants.yaml")
        self._refs(doc, ("formats",), m["formats"], ids["formats"], "formerna i formats.yaml")
        self._ref(doc, ("cost", "level"), m["cost"]["level"], ids["cost-levels"], "kostnadsnivåerna i cost-levels.yaml")
        self._ref(doc, ("dialogue_type",), m["dialogue_type"], ids["dialogue-types"], "dialogtyperna i dialogue-types.yaml")
        self._refs(doc, ("combines_with",), m["combines_with"], [i for i in ids["methods"] if i != m["id"]], "de andra metoderna i data/methods/")
        for index, named in enumerate(m["guidelines"]):
            self._ref(doc, ("guidelines", index, "guideline"), named["guideline"], ids["guidelines"], "riktlinjerna i data/guidelines/")
            self._ref(doc, ("guidelines", index, "level"), named["level"], ids["levels"], "trappans nivåer")
        source_ids: dict[str, str] = {}
        for index, source in enumerate(m["sources"]):
            self._unique(doc, source_ids, source["id"], ("sources", index, "id"), "källor i filen")
            self._ref(doc, ("sources", index, "guideline"), source.get("guideline"), ids["guidelines"], "riktlinjerna")
        for fact in ("participants", "session_length", "lead_time", "cost"):
            self._ref(doc, (fact, "source"), m[fact]["source"], list(source_ids), "källorna i fältet sources")
        for fact, low, high in (("participants", "min", "max"), ("lead_time", "min_weeks", "max_weeks"), ("session_length", "min_hours", "max_hours")):
            a, b = m[fact].get(low), m[fact].get(high)
            numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
            if numbers and a > b:
                self.problems.append(doc.problem((fact, high), f"väntade {high} minst lika stort som {low} ({a}), fann {b}"))
        words = len(m["description"].split())
        low, high = DESCRIPTION_WORDS
        if not low <= words <= high:
            self.problems.append(doc.problem(("description",), f"väntade {low}–{high} ord, fann {words} ord"))

    def _check_guideline(self, doc: Document, ids: dict) -> None:
        g = doc.data
        sections: dict[str, dict] = {}
        seen: dict[str, str] = {}
        block_ids: dict[str, str] = {}
        for index, section in enumerate(g["sections"]):
            self._unique(doc, seen, section["id"], ("sections", index, "id"), "avsnitt i riktlinjen")
            sections[section["id"]] = section
            for b_index, block in enumerate(_walk_blocks(section["blocks"])):
                if "id" in block:
                    self._unique(doc, block_ids, block["id"], ("sections", index, "blocks", b_index, "id"), "block i riktlinjen")
        section_ids = list(sections)
        for name, fact in g["facts"].items():
            base = ("facts", name)
            self._ref(doc, base + ("section",), fact["section"], section_ids, "avsnitten i filen")
            if "ref" in fact and fact["section"] in sections:
                in_section = [b.get("id") for b in _walk_blocks(sections[fact["section"]]["blocks"]) if b.get("id")]
                self._ref(doc, base + ("ref",), fact["ref"], in_section, f"blocken i avsnittet {fact['section']}")
            self._refs(doc, base + ("sections",), fact.get("sections", []), section_ids, "avsnitten i filen")
            self._refs(doc, base + ("dialogue_types",), fact.get("dialogue_types", []), ids["dialogue-types"], "dialogtyperna")
            self._refs(doc, base + ("initiators",), fact.get("initiators", []), ids["roles"], "rollerna i roles.yaml")
            self._refs(doc, base + ("counted",), fact.get("counted", []), ids["levels"], "trappans nivåer")
            self._refs(doc, base + ("prerequisite",), fact.get("prerequisite", []), ids["levels"], "trappans nivåer")
            self._refs(doc, base + ("groups",), fact.get("groups", []), _groups(ids), "målgrupperna")
            for index, step in enumerate(fact.get("steps", [])):
                self._refs(doc, base + ("steps", index, "roles"), step["roles"], ids["roles"], "rollerna i roles.yaml")
            for index, item in enumerate(fact.get("items", [])):
                if isinstance(item, dict) and "role" in item:
                    self._ref(doc, base + ("items", index, "role"), item["role"], ids["roles"], "rollerna i roles.yaml")
                if isinstance(item, dict) and "kind" in item:
                    self._ref(doc, base + ("items", index, "section"), item["section"], section_ids, "avsnitten i filen")
                    self._ref(doc, base + ("items", index, "method"), item.get("method"), ids["methods"], "metoderna")


def _groups(ids: dict) -> list[str] | None:
    """Target groups and quadrants, which both stand in a target_groups list."""
    if ids["target-groups"] is None or ids["quadrants"] is None:
        return None
    return ids["target-groups"] + ids["quadrants"]


def _str_ids(records) -> list[str]:
    """The ids that are text; a missing, null or numeric id is a schema problem already."""
    return [r.get("id") for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)]


# Where methods and guidelines refer to vocabulary items: (vocabulary namespace, kind of file,
# path to a list or a single id; "*" = every key, "[]" = every list item).
_ALIAS_NAMESPACES = {"target-groups": "groups", "quadrants": "groups"}  # one namespace: both stand in target_groups
_ALIAS_REFERENCES = (
    ("groups", "method", ("target_groups",)),
    ("groups", "guideline", ("facts", "*", "groups")),
    ("purposes", "method", ("purposes",)),
    ("formats", "method", ("formats",)),
    ("cost-levels", "method", ("cost", "level")),
    ("dialogue-types", "method", ("dialogue_type",)),
    ("dialogue-types", "guideline", ("facts", "*", "dialogue_types")),
    ("roles", "guideline", ("facts", "*", "initiators")),
    ("roles", "guideline", ("facts", "*", "steps", "[]", "roles")),
    ("roles", "guideline", ("facts", "*", "items", "[]", "role")),
)


def _resolve_aliases(vocab_docs: dict[str, Document], method_docs: list[Document], guideline_docs: list[Document]) -> list[Problem]:
    """Rewrite references to an alias id (a vocabulary item's `aliases`) to the id of the item
    that carries it, in place, before the references are checked. An alias id carried by
    several items (barn-och-unga on barn and ungdomar) stands for all of them. The aliases
    stay in the vocabulary, so the export carries them and old links can be mapped."""
    problems: list[Problem] = []
    # Only files whose shape is right: the others are reported by the schema check already.
    vocab_docs = {name: doc for name, doc in vocab_docs.items() if doc.valid}
    method_docs = [doc for doc in method_docs if doc.valid]
    guideline_docs = [doc for doc in guideline_docs if doc.valid]
    guideline_ids = {d.data.get("id") for d in guideline_docs} | {Path(d.rel).stem for d in guideline_docs}
    targets: dict[str, dict[str, list[str]]] = {}  # namespace -> alias id -> item ids
    item_ids: dict[str, set[str]] = {}
    for name, doc in vocab_docs.items():
        item_ids.setdefault(_ALIAS_NAMESPACES.get(name, name), set()).update(i.get("id") for i in _items(doc, "items"))
    for name, doc in vocab_docs.items():
        space = _ALIAS_NAMESPACES.get(name, name)
        for index, item in enumerate(_items(doc, "items")):
            seen: set[str] = set()
            for a_index, alias in enumerate(item.get("aliases") or []):
                path = ("items", index, "aliases", a_index)
                if not isinstance(alias, dict) or not isinstance(alias.get("id"), str):
                    continue  # the schema check has reported it
                if alias["id"] in item_ids[space]:
                    problems.append(doc.problem(path + ("id",), f"väntade ett annat namn än ett ord som redan finns i ordlistan, fann ”{alias['id']}” som är ett eget ord"))
                elif alias["id"] in seen:
                    problems.append(doc.problem(path + ("id",), f"väntade varje annat namn en gång per ord, fann ”{alias['id']}” två gånger"))
                else:
                    seen.add(alias["id"])
                    targets.setdefault(space, {}).setdefault(alias["id"], []).append(item["id"])
                for n_index, guideline in enumerate(alias.get("named_by") or []):
                    if guideline not in guideline_ids:
                        problems.append(doc.problem(path + ("named_by", n_index), f"väntade ett id ur riktlinjerna ({', '.join(sorted(g for g in guideline_ids if g))}), fann ”{guideline}”"))
    if not targets:
        return problems

    def rewrite(node: Any, path: tuple, aliases: dict[str, list[str]]) -> Any:
        if not path:
            if isinstance(node, str):
                found = aliases.get(node)
                return found[0] if found and len(found) == 1 else node  # one id: several cannot stand in one place
            if isinstance(node, list):
                out: list = []
                for value in node:
                    for new in aliases.get(value, [value]) if isinstance(value, str) else [value]:
                        if new not in out:
                            out.append(new)
                return out
            return node
        head, rest = path[0], path[1:]
        if head == "*" and isinstance(node, dict):
            return {key: rewrite(value, rest, aliases) for key, value in node.items()}
        if head == "[]" and isinstance(node, list):
            return [rewrite(value, rest, aliases) for value in node]
        if isinstance(node, dict) and head in node:
            node[head] = rewrite(node[head], rest, aliases)
        return node

    docs = {"method": method_docs, "guideline": guideline_docs}
    for space, kind, path in _ALIAS_REFERENCES:
        if space in targets:
            for doc in docs[kind]:
                if isinstance(doc.data, dict):
                    doc.data = rewrite(doc.data, path, targets[space])
    return problems


def _items(doc: Document | None, key: str) -> list[dict]:
    """The list under `key`, keeping only mappings: tolerant of files that failed the schema."""
    if doc is None or not isinstance(doc.data.get(key), list):
        return []
    return [item for item in doc.data[key] if isinstance(item, dict)]


def _walk_blocks(blocks: list[dict]) -> list[dict]:
    out = []
    for block in blocks:
        out.append(block)
        if "details" in block:
            out += _walk_blocks(block["details"]["blocks"])
    return out


def _resolve_facts(guideline: dict) -> dict:
    """Copy list items that facts point to (ref, sections) into the fact, so users of the
    catalogue need not walk the text; the text itself stays the one source."""
    g = copy.deepcopy(guideline)
    sections = {s["id"]: s for s in g["sections"]}
    for fact in g["facts"].values():
        if "ref" in fact:
            for block in _walk_blocks(sections[fact["section"]]["blocks"]):
                if block.get("id") == fact["ref"]:
                    fact["items"] = list(block.get("list") or block.get("checklist") or [])
        if "sections" in fact:
            fact["phases"] = [
                {"name": sections[sid]["heading"], "section": sid, "items": [i for b in sections[sid]["blocks"] for i in b.get("checklist", []) + b.get("list", [])]}
                for sid in fact["sections"]
            ]
    return g


def catalogue_summary(catalogue: dict[str, Any]) -> str:
    return f"{len(catalogue['methods'])} metoder, {len(catalogue['guidelines'])} riktlinjer, {sum(len(v['items']) for v in catalogue['vocabularies'].values())} ord i {len(catalogue['vocabularies'])} ordlistor"
