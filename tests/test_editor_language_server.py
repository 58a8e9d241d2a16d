"""The editor's experience, proved with the real yaml-language-server (the server behind VS Code's
Red Hat YAML extension and most other editors' YAML support) driven over its protocol.

The data files name their schema in a first-line modeline (`# yaml-language-server:
$schema=../schemas/method.schema.json`); nothing else tells the server which schema applies. The
expected texts are read from the schema files, following `$ref` into whichever file and `$defs`
they point at, so the tests hold however the shared definitions are organised.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from lsp_client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
METHOD = "methods/fokusgrupp.yaml"  # has every kind of field the checks below need
SETTINGS = {
    "yaml": {
        "validate": True,
        "hover": True,
        "completion": True,
        # No network: no schema catalogue and no Kubernetes schemas are fetched.
        "schemaStore": {"enable": False},
        "kubernetesCRDStore": {"enable": False},
    }
}
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)")


# -- the schema, as the server should read it ------------------------------------------------
def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def follow_ref(file: Path, node: dict) -> tuple[Path, dict]:
    """The (file, node) that `node`'s $ref points at: "#/$defs/x", "other.json" or both."""
    target, fragment = urldefrag(node["$ref"])
    file = (file.parent / target).resolve() if target else file
    found = load_json(file)
    for part in filter(None, fragment.split("/")):
        found = found[part.replace("~1", "/").replace("~0", "~")]
    return file, found


def schema_field(file: Path, path: tuple[str, ...]) -> tuple[Path, dict]:
    """The schema node of a field; "[]" in `path` steps into a list's items."""
    node = load_json(file)
    for step in path:
        while "$ref" in node and "properties" not in node and "items" not in node:
            file, node = follow_ref(file, node)
        node = node["items"] if step == "[]" else node["properties"][step]
    return file, node


def annotation(file: Path, node: dict, keyword: str) -> str:
    """A title or description: the field's own, else the one of the definition it refers to."""
    while keyword not in node and "$ref" in node:
        file, node = follow_ref(file, node)
    return node[keyword]


def enum_fields(file: Path, node: dict, path: tuple[str, ...] = ()):
    """Every (path, allowed values) of the schema's closed fields."""
    while "$ref" in node and "properties" not in node and "items" not in node:
        file, node = follow_ref(file, node)
    if "enum" in node:
        yield path, node["enum"]
    for name, child in node.get("properties", {}).items():
        yield from enum_fields(file, child, (*path, name))
    if isinstance(node.get("items"), dict):
        yield from enum_fields(file, node["items"], (*path, "[]"))


# -- the document ----------------------------------------------------------------------------
def key_line(lines: list[str], path: tuple[str, ...]) -> tuple[int, int]:
    """Line and column of the key at `path` (its first list item where "[]" stands)."""
    keys = [step for step in path if step != "[]"]
    line, parent_column = -1, -1
    for key in keys:
        for number in range(line + 1, len(lines)):
            text = lines[number]
            content = text.lstrip(" -")
            column = len(text) - len(content)
            if content and not content.startswith("#") and column <= parent_column:
                break  # left the parent's block
            if content.startswith(f"{key}:") and column > parent_column:
                line, parent_column = number, column
                break
        else:
            raise AssertionError(f"{'.'.join(path)} not in the test document")
    return line, parent_column


class Workspace:
    """A temporary copy of data/ opened in one running server."""

    def __init__(self, folder: Path, client: LanguageClient) -> None:
        self.folder, self.client = folder, client
        self.schema = folder / "schemas" / "method.schema.json"
        self.count = 0

    def open(self, relative: str, text: str) -> str:
        """Open `text` as a new file next to `relative` (written to disk too, as an editor
        would have it) and return its URI."""
        self.count += 1
        path = (self.folder / relative).with_name(f"test-{self.count}-{Path(relative).name}")
        path.write_text(text, encoding="utf-8")
        self.client.open(path.as_uri(), text)
        return path.as_uri()

    @functools.cached_property
    def method_uri(self) -> str:
        """The test method, unchanged, opened once for the hover tests."""
        return self.open(METHOD, "\n".join(self.method_lines()))

    def method_lines(self) -> list[str]:
        return (self.folder / METHOD).read_text(encoding="utf-8").split("\n")

    def diagnostics(self, uri: str) -> list[dict]:
        return self.client.diagnostics(uri)

    def hover(self, uri: str, line: int, character: int) -> dict:
        return self.client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        )

    def completion_labels(self, uri: str, line: int, character: int) -> set[str]:
        result = self.client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items = result["items"] if isinstance(result, dict) else result
        return {item["label"] for item in items}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    if shutil.which("node") is None:
        pytest.fail("node is not installed: the editor test runs yaml-language-server under Node.js")
    if not SERVER.exists():
        pytest.fail(f"{SERVER.relative_to(ROOT)} is missing: run scripts/bootstrap.sh (npm ci from package-lock.json)")
    folder = tmp_path_factory.mktemp("editor") / "data"
    shutil.copytree(ROOT / "data", folder)
    client = LanguageClient(["node", str(SERVER), "--stdio"], cwd=folder, settings=SETTINGS)
    client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": folder.as_uri(),
            "workspaceFolders": [{"uri": folder.as_uri(), "name": "data"}],
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {
                    "hover": {"contentFormat": ["markdown"]},
                    "completion": {"completionItem": {"snippetSupport": True}},
                },
            },
        },
    )
    client.notify("initialized", {})
    client.wait_configured()
    yield Workspace(folder, client)
    client.close()


# -- hover -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        ("id",),
        ("name",),
        ("kind",),
        ("facilitation",),
        ("facilitation", "level"),
        ("participants", "min"),
        ("participants", "source"),
    ],
    ids=".".join,
)
def test_hover_on_a_key_shows_the_fields_title_and_swedish_description(workspace, path):
    lines, uri = workspace.method_lines(), workspace.method_uri
    line, column = key_line(lines, path)
    hover = workspace.hover(uri, line, column + 1)
    assert hover is not None, f"no hover on {'.'.join(path)}"
    shown = hover["contents"]["value"]
    file, node = schema_field(workspace.schema, path)
    assert f"#### {annotation(file, node, 'title')}\n" in shown
    assert annotation(file, node, "description") in shown
    assert hover["range"]["start"]["line"] == line


def test_hover_lists_the_allowed_values_of_a_closed_field(workspace):
    lines, uri = workspace.method_lines(), workspace.method_uri
    line, column = key_line(lines, ("facilitation", "level"))
    shown = workspace.hover(uri, line, column + 1)["contents"]["value"]
    _, node = schema_field(workspace.schema, ("facilitation", "level"))
    listed = shown.partition("Allowed Values:\n\n")[2].partition("\n\n")[0]
    assert sorted(listed.split("\n")) == sorted(f"* `{value}`" for value in node["enum"])


# -- completion ------------------------------------------------------------------------------
def present_keys(lines: list[str], column: int, start: int = 0) -> set[str]:
    """The keys at `column` in the block that starts at line `start`."""
    keys = set()
    for text in lines[start:]:
        content = text.lstrip(" ")
        indent = len(text) - len(content)
        if content and not content.startswith("#") and indent < column:
            break
        if indent == column and (match := re.match(r"([a-z_]+):", content)):
            keys.add(match[1])
    return keys


def test_completion_at_a_new_top_level_key_offers_exactly_the_unused_fields(workspace):
    lines = workspace.method_lines()
    line, _ = key_line(lines, ("aliases",))
    lines[line] = ""  # the writer deleted aliases and starts a new key here
    uri = workspace.open(METHOD, "\n".join(lines))
    offered = workspace.completion_labels(uri, line, 0)
    properties = set(load_json(workspace.schema)["properties"])
    assert "aliases" in offered
    assert offered == properties - present_keys(lines, 0)


def test_completion_inside_a_nested_object_offers_exactly_its_unused_fields(workspace):
    lines = workspace.method_lines()
    start, _ = key_line(lines, ("participants",))
    line, column = key_line(lines, ("participants", "max_sessions"))
    lines[line] = " " * column
    uri = workspace.open(METHOD, "\n".join(lines))
    offered = workspace.completion_labels(uri, line, column)
    _, node = schema_field(workspace.schema, ("participants",))
    assert "max_sessions" in offered
    assert offered == set(node["properties"]) - present_keys(lines, column, start + 1)


def closed_fields() -> list[tuple[tuple[str, ...], list]]:
    schema = ROOT / "data" / "schemas" / "method.schema.json"
    return list(enum_fields(schema, load_json(schema)))


@pytest.mark.parametrize(("path", "allowed"), closed_fields(), ids=[".".join(path) for path, _ in closed_fields()])
def test_completion_on_a_closed_fields_value_offers_exactly_the_allowed_values(workspace, path, allowed):
    lines = workspace.method_lines()
    line, column = key_line(lines, path)
    key = path[-1]
    lines[line] = lines[line][: column + len(key) + 1] + " "  # the writer has typed "key: "
    uri = workspace.open(METHOD, "\n".join(lines))
    assert workspace.completion_labels(uri, line, len(lines[line])) == set(allowed)


def test_the_schema_has_the_closed_fields_the_completion_test_covers():
    # Guards the parametrisation above against an empty list (a schema the walker misreads).
    paths = [path for path, _ in closed_fields()]
    assert ("kind",) in paths and ("facilitation", "level") in paths


# -- diagnostics -----------------------------------------------------------------------------
def test_every_data_file_as_it_is_has_no_diagnostics(workspace):
    files = sorted(
        path
        for path in workspace.folder.rglob("*.yaml")
        if path.parent.name != "mall"
        and not path.name.startswith("test-")
        and MODELINE.match(path.read_text(encoding="utf-8"))
    )
    assert len(files) > 60  # methods, guidelines, vocabularies and the ladder
    for path in files:  # all at once: the server validates each after a short pause
        workspace.client.open(path.as_uri(), path.read_text(encoding="utf-8"))
    reported = {}
    for path in files:
        if diagnostics := workspace.client.diagnostics(path.as_uri()):
            reported[str(path.relative_to(workspace.folder))] = [
                (d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics
            ]
    assert reported == {}


def test_the_template_is_flagged_only_on_its_placeholders(workspace):
    template = workspace.folder / "mall" / "metod.yaml"
    lines = template.read_text(encoding="utf-8").split("\n")
    workspace.client.open(template.as_uri(), "\n".join(lines))
    diagnostics = workspace.client.diagnostics(template.as_uri())
    assert diagnostics, "the editor shows nothing wrong in an unfilled template"
    flagged = [
        (d["message"], "\n".join(lines[d["range"]["start"]["line"] : d["range"]["end"]["line"] + 1]))
        for d in diagnostics
    ]
    assert [(message, value) for message, value in flagged if "FYLL I" not in value] == []


def replace_value(lines: list[str], path: tuple[str, ...], value: str) -> int:
    line, column = key_line(lines, path)
    key = path[-1]
    lines[line] = f"{lines[line][: column + len(key) + 1]} {value}"
    return line


def expect_only_on(diagnostics: list[dict], line: int) -> list[str]:
    """The messages, after checking that every diagnostic is an error on `line`."""
    assert diagnostics, f"no diagnostic for line {line + 1}"
    assert {(d["range"]["start"]["line"], d["severity"]) for d in diagnostics} == {(line, 1)}, diagnostics
    return [d["message"] for d in diagnostics]


def test_a_value_outside_a_closed_list_is_an_error_on_its_line(workspace):
    lines = workspace.method_lines()
    line = replace_value(lines, ("kind",), "verktyg")
    diagnostics = workspace.diagnostics(workspace.open(METHOD, "\n".join(lines)))
    (message,) = expect_only_on(diagnostics, line)
    _, node = schema_field(workspace.schema, ("kind",))
    assert all(f'"{value}"' in message for value in node["enum"]), message


def test_text_where_a_number_is_required_is_an_error_on_its_line(workspace):
    lines = workspace.method_lines()
    line = replace_value(lines, ("participants", "min"), "sex")
    diagnostics = workspace.diagnostics(workspace.open(METHOD, "\n".join(lines)))
    (message,) = expect_only_on(diagnostics, line)
    file, node = schema_field(workspace.schema, ("participants", "min"))
    assert f'Incorrect type. Expected "{node["type"]}"' in message


def test_an_unknown_key_is_an_error_on_its_line(workspace):
    lines = workspace.method_lines()
    line, _ = key_line(lines, ("name",))
    lines.insert(line + 1, "farg: blå")
    diagnostics = workspace.diagnostics(workspace.open(METHOD, "\n".join(lines)))
    (message,) = expect_only_on(diagnostics, line + 1)
    assert "farg" in message and "not allowed" in message


def test_a_missing_required_field_is_an_error_at_the_start_of_the_record(workspace):
    assert "summary" in load_json(workspace.schema)["required"]
    lines = workspace.method_lines()
    line, _ = key_line(lines, ("summary",))
    del lines[line]
    diagnostics = workspace.diagnostics(workspace.open(METHOD, "\n".join(lines)))
    first_key, _ = key_line(lines, ("id",))
    assert expect_only_on(diagnostics, first_key) == ['Missing property "summary".']


def test_an_id_that_breaks_the_shared_id_rule_is_an_error_on_its_line(workspace):
    lines = workspace.method_lines()
    line = replace_value(lines, ("id",), "Fokus Grupp")
    diagnostics = workspace.diagnostics(workspace.open(METHOD, "\n".join(lines)))
    (message,) = expect_only_on(diagnostics, line)
    file, node = schema_field(workspace.schema, ("id",))
    while "pattern" not in node:
        file, node = follow_ref(file, node)
    assert node["pattern"] in message


# -- definitions in another schema file ------------------------------------------------------
def split_schema(schema: Path, name: str) -> Path:
    """A copy of `schema` whose own $defs live in a separate file `name` beside it (the schema
    itself if it keeps none: then its definitions are elsewhere already)."""
    split = load_json(schema)
    if not split.get("$defs"):
        return schema
    shared = {"$schema": split["$schema"], "$id": name, "$defs": split.pop("$defs")}
    text = json.dumps(split, ensure_ascii=False).replace('"#/$defs/', f'"{name}#/$defs/')
    target = schema.with_name(f"split-{schema.name}")
    split = json.loads(text) | {"$id": target.name}
    target.write_text(json.dumps(split, ensure_ascii=False, indent=2), encoding="utf-8")
    (schema.parent / name).write_text(json.dumps(shared, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def test_definitions_in_another_schema_file_are_resolved(workspace):
    split = split_schema(workspace.schema, "split-shared.schema.json")
    file, node = schema_field(split, ("id",))
    while "pattern" not in node:
        file, node = follow_ref(file, node)
    assert file != split, "the id rule is not in another file: the split did not happen"
    lines = workspace.method_lines()
    lines[0] = f"# yaml-language-server: $schema=../schemas/{split.relative_to(workspace.folder / 'schemas')}"
    uri = workspace.open(METHOD, "\n".join(lines))
    assert workspace.diagnostics(uri) == []
    line, column = key_line(lines, ("participants", "source"))
    shown = workspace.hover(uri, line, column + 1)["contents"]["value"]
    assert annotation(*schema_field(split, ("participants", "source")), "description") in shown
    line = replace_value(lines, ("id",), "Fokus Grupp")
    diagnostics = workspace.diagnostics(workspace.open(METHOD, "\n".join(lines)))
    (message,) = expect_only_on(diagnostics, line)
    assert node["pattern"] in message
