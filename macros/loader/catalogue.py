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

from . import schemas
from .problems import DataError, Problem
from .schema_check import SchemaFileError, check_schema, describe, suggestion
from .schema_meta import check_schema_files
from .weights_check import check_weights
from .yaml_source import Document, read_yaml

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
        self.kinds: dict[int, str] = {}  # id(doc) -> the schema it was read with

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
        self.kinds[id(doc)] = schema
        # Traps, NFC and duplicate keys do not change the shape; only schema problems stop the
        # cross-file checks for this file (which would otherwise trip over wrong types).
        doc.valid = not schema_problems and not doc.broken
        first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff")
        if not first_line.startswith("# yaml-language-server: $schema="):
            self.problems.append(Problem(doc.rel, 1, 1, "", f"väntade första raden ”# yaml-language-server: $schema=…{schema}.schema.json” (ger hjälp i editorn), fann ”{first_line[:60]}”"))
        return doc

    def load(self) -> dict:
        schemas.refresh(self.schema_dir)
        try:
            meta, misspelt = check_schema_files(self.schema_dir, self.data_dir / "vocabularies", lambda p: self.rel(p))
            self.problems += meta
            self.lists = _Lists(self.schema_dir)
        except SchemaFileError as error:
            schema_path, line, column, message = error.args
            raise DataError([Problem(self.rel(schema_path), line, column, "", message)]) from None
        ladder_doc = self._required_file(self.data_dir / "ladder.yaml", "ladder")
        vocab_docs: dict[str, Document] = {}
        named = self.lists.vocabularies
        for name in named:
            path = self.data_dir / "vocabularies" / f"{name}.yaml"
            doc = self.read(path, "vocabulary") if path.exists() else None  # a missing one: see check_schema_files
            if doc:
                vocab_docs[name] = doc
        self.lists.vocab_data = {name: doc.data for name, doc in vocab_docs.items() if isinstance(doc.data, dict)}
        for path in sorted((self.data_dir / "vocabularies").glob("*.yaml")):
            if path.stem not in named and path.stem not in misspelt:  # a misspelt name is reported with the schema
                self.problems.append(Problem(self.rel(path), 1, 1, "", f"väntade en av ordlistorna som schemana hänvisar till ({', '.join(named)}), fann en okänd fil"))
        method_docs = self._folder("methods", "method")
        guideline_docs = self._folder("guidelines", "guideline")
        docs = ([ladder_doc] if ladder_doc else []) + list(vocab_docs.values()) + method_docs + guideline_docs

        self.problems += self._resolve_aliases(vocab_docs, docs)
        # Cross-file checks look only at files whose shape is right (the schema problems are
        # already reported), but ids are gathered from every file so that one broken file
        # does not cause a cascade of "unknown id" messages elsewhere.
        ids = self._ids(ladder_doc, vocab_docs, method_docs, guideline_docs)
        for doc in docs:
            if doc.valid:
                self._check_references(doc, ids)
        if ladder_doc and ladder_doc.valid:
            self._check_ladder(ladder_doc)
        for doc in method_docs:
            if doc.valid:
                self._check_method(doc)
        for doc in guideline_docs:
            if doc.valid:
                self._check_guideline(doc)
        for doc in vocab_docs.values():
            if doc.valid:
                self._check_vocabulary(doc)
        weights = self.project_dir / "chooser" / "weights.json"
        if weights.exists():  # the engine's ids pass the same gate (absent in a bare data/ copy)
            # Old ids (aliases) are not accepted here: the engine maps them in its input only.
            names = {name: self.lists.definite(name) for name in ids}
            self.problems += check_weights(weights, self.rel(weights), ids, names)
        if self.problems:
            raise DataError(self.problems)

        return {
            "ladder": ladder_doc.data,
            "vocabularies": {name: vocab_docs[name].data for name in named},
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

    def _ids(self, ladder_doc, vocab_docs, method_docs, guideline_docs) -> dict[str, list[str] | None]:
        """Every list an x-vocabulary can name -> its ids; None for a vocabulary that is
        missing or unreadable (reported once; references to it are not checked)."""
        ids: dict[str, list[str] | None] = {}
        ids["ladder"] = _str_ids(_items(ladder_doc, "levels"))
        shared: dict[tuple, dict[str, str]] = {}  # ids must be unique across vocabularies that share a field
        for name, doc in vocab_docs.items():
            seen: dict[str, str] = {}
            for index, item in enumerate(_items(doc, "items")):
                self._unique(doc, seen, item.get("id"), ("items", index, "id"), f"ordlistan {name}")
                space = self.lists.namespace(name)
                if len(space) > 1:
                    what = " och ".join(self.lists.name(v).lower() for v in space)
                    self._unique(doc, shared.setdefault(space, {}), item.get("id"), ("items", index, "id"), what)
            ids[name] = _str_ids(_items(doc, "items"))
        for name in self.lists.vocabularies:
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
        """A reference inside one file (a source, a section, a block): not a vocabulary."""
        if allowed is None:
            return
        if isinstance(value, str) and value not in allowed:
            self.problems.append(doc.problem(path, f"väntade ett id ur {what} ({_listed(allowed)}), fann ”{value}”{suggestion(value, allowed)}"))

    def _refs(self, doc: Document, path: tuple, values: list[str], allowed: list[str], what: str) -> None:
        for index, value in enumerate(values):
            self._ref(doc, path + (index,), value, allowed, what)

    def _check_references(self, doc: Document, ids: dict) -> None:
        """Every field the schema marks with x-vocabulary holds an id of that list. A record
        never refers to itself (a method does not combine with itself)."""
        kind = self.kinds[id(doc)]
        own = {"method": "methods", "guideline": "guidelines"}.get(kind)
        for path, lists in schemas.references(self.schema_dir, kind, doc.data).items():
            if any(ids.get(name) is None for name in lists):
                continue
            allowed = [i for name in lists for i in ids[name]]
            key = "x-vocabulary"
            if own in lists:
                allowed = [i for i in allowed if i != doc.data.get("id")]
                key = "x-vocabulary-self"
            value = _at(doc.data, path)
            if value not in allowed:
                template = self.lists.messages[key]
                message = template.format(list=self.lists.phrase(lists), allowed=_listed(allowed), id=value, suggestion=suggestion(value, allowed))
                self.problems.append(doc.problem(path, message))

    # -- per kind of file ---------------------------------------------------------------

    def _check_vocabulary(self, doc: Document) -> None:
        stem = Path(doc.rel).stem
        if doc.data["vocabulary"] != stem:
            self.problems.append(doc.problem(("vocabulary",), f"väntade samma namn som filnamnet (”{stem}”), fann ”{doc.data['vocabulary']}”"))
        # What the pages and the engine look items up by must be unique too: the cell of the
        # target-group analysis (affected, active) and the rank that orders cost levels.
        seen: dict = {}
        ranks: dict = {}
        for index, item in enumerate(doc.data["items"]):
            if "affected" in item and "active" in item:
                cell = (item["affected"], item["active"])
                if cell in seen:
                    self.problems.append(doc.problem(("items", index), f"väntade en grupp per ruta i fyrfältsanalysen, fann samma affected/active som ”{seen[cell]}”"))
                seen.setdefault(cell, item["id"])
            if "rank" in item:
                if item["rank"] in ranks:
                    self.problems.append(doc.problem(("items", index, "rank"), f"väntade en egen rank för varje ord i {doc.data['definite']}, fann {item['rank']} som ”{ranks[item['rank']]}” redan har"))
                ranks.setdefault(item["rank"], item["id"])

    def _check_ladder(self, doc: Document) -> None:
        # SKR's five levels in their order: the schema's enum is the one list of them.
        expected = schemas.node_at("ladder", "levels", "id", schema_dir=self.schema_dir)["enum"]
        for index, level in enumerate(doc.data["levels"]):
            if level["id"] != expected[index]:
                self.problems.append(doc.problem(("levels", index, "id"), f"väntade nivå {index + 1} ”{expected[index]}” (trappan i ordning), fann ”{level['id']}”"))
            if level["step"] != index + 1:
                self.problems.append(doc.problem(("levels", index, "step"), f"väntade steg {index + 1}, fann {level['step']}"))

    def _check_method(self, doc: Document) -> None:
        m = doc.data
        source_ids: dict[str, str] = {}
        for index, source in enumerate(m["sources"]):
            self._unique(doc, source_ids, source["id"], ("sources", index, "id"), "källor i filen")
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

    def _check_guideline(self, doc: Document) -> None:
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
            for index, item in enumerate(fact.get("items", [])):
                if isinstance(item, dict) and "kind" in item:
                    self._ref(doc, base + ("items", index, "section"), item["section"], section_ids, "avsnitten i filen")

    # -- aliases --------------------------------------------------------------------------

    def _resolve_aliases(self, vocab_docs: dict[str, Document], docs: list[Document]) -> list[Problem]:
        """Rewrite references to an alias id (a vocabulary item's `aliases`) to the id of the
        item that carries it, in place, before the references are checked: in every field the
        schemas mark with an x-vocabulary that has the alias. An alias id carried by several
        items (barn-och-unga on barn and ungdomar) stands for all of them in a list. The
        aliases stay in the vocabulary, so the export carries them and old links can be mapped."""
        problems: list[Problem] = []
        # Only files whose shape is right: the others are reported by the schema check already.
        vocab_docs = {name: doc for name, doc in vocab_docs.items() if doc.valid}
        item_ids = {name: {i.get("id") for i in _items(doc, "items")} for name, doc in vocab_docs.items()}
        targets: dict[str, dict[str, list[str]]] = {}  # vocabulary -> alias id -> item ids
        for name, doc in vocab_docs.items():
            taken = set().union(*(item_ids.get(v, set()) for v in self.lists.namespace(name)))
            for index, item in enumerate(_items(doc, "items")):
                seen: set[str] = set()
                for a_index, alias in enumerate(item.get("aliases") or []):
                    path = ("items", index, "aliases", a_index, "id")
                    if not isinstance(alias, dict) or not isinstance(alias.get("id"), str):
                        continue  # the schema check has reported it
                    if alias["id"] in taken:
                        problems.append(doc.problem(path, f"väntade ett annat namn än ett ord som redan finns i ordlistan, fann ”{alias['id']}” som är ett eget ord"))
                    elif alias["id"] in seen:
                        problems.append(doc.problem(path, f"väntade varje annat namn en gång per ord, fann ”{alias['id']}” två gånger"))
                    else:
                        seen.add(alias["id"])
                        targets.setdefault(name, {}).setdefault(alias["id"], []).append(item["id"])
        if not targets:
            return problems
        for doc in docs:
            if not doc.valid or id(doc) not in self.kinds:
                continue
            refs = schemas.references(self.schema_dir, self.kinds[id(doc)], doc.data)
            lists_at: dict[tuple, dict[str, list[str]]] = {}
            for path, lists in refs.items():
                aliases: dict[str, list[str]] = {}
                for name in lists:
                    for alias, items in targets.get(name, {}).items():
                        aliases.setdefault(alias, []).extend(items)
                if aliases and _at(doc.data, path) in aliases:
                    parent = _at(doc.data, path[:-1])
                    if isinstance(parent, list):
                        lists_at.setdefault(path[:-1], {}).update(aliases)
                    elif len(aliases[_at(doc.data, path)]) == 1:  # one id: several cannot stand in one place
                        parent[path[-1]] = aliases[_at(doc.data, path)][0]
            for path, aliases in lists_at.items():
                old = _at(doc.data, path)
                new: list = []
                for value in old:
                    for item in aliases.get(value, [value]) if isinstance(value, str) else [value]:
                        if item not in new:
                            new.append(item)
                old[:] = new
        return problems


class _Lists:
    """What the schemas say about the lists: which vocabularies there are, which share a field
    (target groups and quadrants both stand in target_groups), and how a message names them."""

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir
        self.collections = schemas.collections(schema_dir)
        self.vocabularies = sorted(schemas.vocabulary_names(schema_dir))
        self.messages = schemas.default_messages(schema_dir)
        self.vocab_data: dict[str, dict] = {}
        groups: dict[str, set[str]] = {name: {name} for name in self.vocabularies}
        for _, _, lists in schemas.schema_references(schema_dir):
            merged = set().union(*(groups.get(v, {v}) for v in lists))
            for v in merged:
                groups[v] = merged
        self.groups = groups

    def namespace(self, name: str) -> tuple[str, ...]:
        return tuple(sorted(self.groups.get(name, {name})))

    def name(self, vocabulary: str) -> str:
        return self.vocab_data.get(vocabulary, {}).get("name", vocabulary)

    def definite(self, name: str) -> str:
        if name in self.collections:
            return self.collections[name]["definite"]
        return self.vocab_data.get(name, {}).get("definite", name)

    def phrase(self, lists: tuple[str, ...]) -> str:
        """"syftena i purposes.yaml"; "målgrupperna i target-groups.yaml och fyrfältsgrupperna i quadrants.yaml"."""
        parts = []
        for name in lists:
            where = self.collections[name]["where"] if name in self.collections else f"{name}.yaml"
            parts.append(f"{self.definite(name)} i {where}" if where else self.definite(name))
        return " och ".join(parts)


def _listed(allowed: list[str]) -> str:
    return (", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + " …") or "inga finns ännu"


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _str_ids(records) -> list[str]:
    """The ids that are text; a missing, null or numeric id is a schema problem already."""
    return [r.get("id") for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)]


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
