"""The chooser's browser runtime in the build (macros/publish/runtime.py): the pinned Pyodide files, the
chooser zip and the memory snapshot."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros.publish import runtime

ROOT = Path(__file__).resolve().parent.parent
PIN = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]


def fake_project(tmp_path: Path, pin: str = PIN, installed: str | None = PIN) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text(json.dumps({"dependencies": {"pyodide": pin}}), encoding="utf-8")
    if installed is not None:
        folder = project / "node_modules" / "pyodide"
        folder.mkdir(parents=True)
        (folder / "package.json").write_text(json.dumps({"version": installed}), encoding="utf-8")
        for name in runtime.PYODIDE_FILES:
            (folder / name).write_bytes(b"x")
    return project


def test_the_built_site_serves_exactly_the_pinned_runtime_files(built_site: Path):
    folder = built_site / "assets" / "pyodide"
    assert [p.name for p in folder.iterdir()] == [PIN]
    assert sorted(p.name for p in (folder / PIN).iterdir()) == sorted(runtime.PYODIDE_FILES)
    # The chooser gets the reduced standard library beside its own files, as source and
    # compiled (the worker picks one by the link's speed).
    assert len(list((built_site / "assets" / "chooser").glob("stdlib-*-pyc.zip"))) == 1
    assert len(list((built_site / "assets" / "chooser").glob("stdlib-*.zip"))) == 2
    for name in runtime.PYODIDE_FILES:
        assert (folder / PIN / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes()
    chooser = built_site / "assets" / "chooser"
    names = sorted(p.name for p in chooser.iterdir())
    assert {"worker.mjs", "boot.mjs", "page.js", "chooser.css"} <= set(names)
    (package,) = [n for n in names if n.endswith(".zip") and not n.startswith("stdlib-")]
    with zipfile.ZipFile(chooser / package) as archive:
        members = archive.namelist()
    assert "chooser/engine.py" in members and "chooser/weights.json" in members
    assert all(m.startswith("chooser/") and (m.endswith(".py") or m == "chooser/weights.json") for m in members)
    (snapshot,) = [n for n in names if n.endswith(".snapshot.gz")]
    assert gzip.decompress((chooser / snapshot).read_bytes())[:8] == runtime.SNAPSHOT_MAGIC


def test_a_missing_node_modules_fails_the_build_with_a_clear_message(tmp_path: Path):
    project = fake_project(tmp_path, installed=None)
    with pytest.raises(PluginError, match="node_modules/pyodide saknas.*npm ci"):
        runtime.installed_pyodide(project)


def test_a_version_other_than_the_pin_fails_the_build(tmp_path: Path):
    project = fake_project(tmp_path, installed="0.27.0")
    with pytest.raises(PluginError, match=f"version 0.27.0, men package.json kräver {PIN}"):
        runtime.installed_pyodide(project)


def test_the_pin_must_be_exact(tmp_path: Path):
    project = fake_project(tmp_path, pin=f"^{PIN}")
    with pytest.raises(PluginError, match="exakt version"):
        runtime.pinned_version(project)


def test_the_chooser_zip_depends_only_on_the_sources(tmp_path: Path):
    first = runtime.chooser_zip(ROOT)
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "chooser", copy / "chooser", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "chooser" / "notes.txt").write_text("not shipped", encoding="utf-8")
    assert runtime.chooser_zip(copy) == first
    with zipfile.ZipFile(BytesIO(first)) as archive:
        assert "chooser/notes.txt" not in archive.namelist()
        assert not [m for m in archive.namelist() if "browser" in m]


def test_pages_pack_and_unpack():
    raw = bytes(4096 * 3) + b"\x01" * 100 + bytes(4096 * 2) + b"tail"
    packed = runtime.pack_pages(raw)
    assert len(packed) < len(raw)
    assert runtime.unpack_pages(packed) == raw


def test_the_snapshot_is_reproducible(built_site: Path):
    """Made again from scratch (no cache), the reduced library and the snapshot have the very
    bytes the build published (made earlier, by the build or a build before it)."""
    if not shutil.which("node"):
        pytest.skip("needs node")
    package = runtime.chooser_zip(ROOT)
    pyodide = ROOT / "node_modules" / "pyodide"
    published = built_site / "assets" / "chooser"
    stdlib = runtime.reduced_stdlib(ROOT, pyodide, package, None)
    assert [p.read_bytes() for p in published.glob("stdlib-*.zip") if not p.name.endswith("-pyc.zip")] == [stdlib]
    snapshot = runtime.make_snapshot(ROOT, pyodide, package, None, stdlib)
    assert [p.read_bytes() for p in published.glob("chooser-*.snapshot.gz")] == [snapshot]


# -- chooser/worker.py and chooser/view.py under CPython (the same code the worker runs) --------

from conftest import catalogue, chooser  # noqa: E402

from chooser import view, worker  # noqa: E402
from chooser.urlstate import form_query, from_query, to_query  # noqa: E402

URLS = {"method": "../metoder/ID/", "guideline": "../riktlinjer/ID/"}


def answer(request: dict, organisation: str | None = None) -> dict:
    worker.setup(json.dumps(catalogue()), json.dumps({"organisation": organisation, "urls": URLS}))
    return json.loads(worker.answer(json.dumps(request)))


def test_the_worker_answers_a_query_with_the_engines_advice_and_canonical_query():
    got = answer({"query": "?p=fordjupa,inte-ett-syfte&l=dialog&zz=1"})
    inp = {"level": "dialog", "purposes": ["fordjupa"]}
    assert got["query"] == "l=dialog&p=fordjupa" == to_query(chooser().validate_input(inp))
    assert got["ranked"] == [m["id"] for m in chooser().advise(inp)["ranked"]]
    assert any("inte-ett-syfte" in n for n in got["notices"]) and any("zz" in n for n in got["notices"])
    # The view is the one the build draws for the same advice, notices included.
    expected = view.advice_view(chooser().advise(inp), URLS, {g["id"]: g["organisation"] for g in catalogue()["guidelines"]}, got["notices"])
    assert got["view"] == json.loads(json.dumps(expected))


def test_the_worker_reads_the_forms_values_as_the_browser_sends_them():
    pairs = [["i", "1"], ["v", "1"], ["l", ""], ["p", "fordjupa"], ["p", "samla-synpunkter"], ["n", "40"], ["w", "8,5"], ["b", ""], ["f", "any"], ["o", ""]]
    got = answer({"form": pairs})
    inp = {"purposes": ["fordjupa", "samla-synpunkter"], "participants": 40, "weeks": 8.5}
    assert got["query"] == to_query(chooser().validate_input(inp)) == "p=fordjupa,samla-synpunkter&n=40&w=8.5"
    assert got["notices"] == []  # empty fields are defaults, not errors
    assert got["ranked"] == [m["id"] for m in chooser().advise(inp)["ranked"]]


def test_the_sites_organisation_is_the_default_of_the_query():
    # No "o" in a link means the site's guideline; choosing none is written "o=".
    assert answer({"query": "l=dialog"}, "krokom")["query"] == "l=dialog"
    assert answer({"query": "l=dialog"}, "krokom")["view"]["answer"] == answer({"query": "l=dialog&o=krokom"})["view"]["answer"]
    assert answer({"form": [["l", "dialog"], ["o", ""]]}, "krokom")["query"] == "l=dialog&o="
    assert answer({"query": "l=dialog&o="}, "krokom")["ranked"] == [m["id"] for m in chooser().advise({"level": "dialog"})["ranked"]]
    inp, _ = from_query(form_query([["o", "uppsala"]]), chooser(), "krokom")
    assert inp["organisation"] == "uppsala"


def test_an_empty_form_gets_an_invitation_and_no_plan():
    got = answer({"form": [["i", "1"], ["v", "1"], ["f", "any"], ["o", ""]]})
    assert got["view"]["empty"] and got["view"]["plan_data"] is None
    html = view.to_html(got["view"]["answer"])
    assert "chooser-invitation" in html and "chooser-method" not in html and "av 100" not in html
    assert not answer({"query": "i=0"})["view"]["empty"]  # "no" to a question is a choice


def test_the_html_writer_escapes_text_and_refuses_what_the_page_would_refuse():
    assert view.to_html(["p", {"class": 'a"b'}, "<script>&"]) == '<p class="a&quot;b">&lt;script&gt;&amp;</p>'
    for bad in (["script", {}], ["a", {"onclick": "x"}], ["a", {"href": "javascript:alert(1)"}], ["a", {"href": "data:text/html,x"}]):
        with pytest.raises(ValueError):
            view.to_html(bad)
    # The page's tree->DOM function checks the same lists.
    page_js = (ROOT / "chooser" / "browser" / "page.js").read_text(encoding="utf-8")
    assert f'new Set("{" ".join(sorted(view.TAGS))}".split(" "))' in page_js
    assert f'new Set("{" ".join(sorted(view.ATTRIBUTES))}".split(" "))' in page_js


def requests_covering_every_input(count: int = 200) -> list[dict]:
    """Queries that use every key and every id, singly and mixed (seeded), and form values."""
    import random

    ch = chooser()
    single = ["", "i=0", "v=0", "i=0&v=0", "n=1", "n=40", "n=5000", "n=10000000", "w=0", "w=2.5", "w=52", "zz=1", "p=x,y"]
    single += [f"l={lv}" for lv in ch.levels] + [f"p={p}" for p in ch.purposes] + [f"t={g}" for g in ch.groups]
    single += [f"b={b}" for b in ch.costs] + [f"f={f}" for f in [*ch.formats, "any"]] + [f"o={o}" for o in ch.guidelines]
    rng = random.Random(13)
    mixed = []
    for _ in range(count):
        parts = [rng.choice(single) for _ in range(rng.randint(2, 6))]
        mixed.append("&".join(p for p in parts if p))
    requests = [{"query": q} for q in single + mixed]
    requests.append({"form": [["l", "dialog"], ["p", "fordjupa"], ["p", "samla-synpunkter"], ["n", "40"], ["w", "8,5"], ["o", ""]]})
    return requests


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
@pytest.mark.parametrize("compiled", [False, True], ids=["source", "compiled"])
def test_the_reduced_standard_library_gives_the_same_answers_as_cpython(tmp_path: Path, compiled: bool):
    """The browser's reduced python_stdlib.zip (as source or compiled) is all Pyodide gets
    here: every answer for inputs that use every key and id must be the one CPython gives,
    and no import may fail."""
    pyodide_dir = ROOT / "node_modules" / "pyodide"
    package = runtime.chooser_zip(ROOT)
    # The build's cache: how the library is made is test_the_snapshot_is_reproducible's part.
    stdlib = runtime.reduced_stdlib(ROOT, pyodide_dir, package, ROOT / "node_modules" / ".cache" / "medborgardialog", compiled=compiled)
    full = zipfile.ZipFile(pyodide_dir / "python_stdlib.zip")
    assert len(stdlib) < (0.6 if compiled else 0.4) * (pyodide_dir / "python_stdlib.zip").stat().st_size
    names = zipfile.ZipFile(BytesIO(stdlib)).namelist()
    assert len(names) < len(full.namelist()) / 2 and all(n.endswith(".pyc" if compiled else ".py") for n in names)
    requests = requests_covering_every_input()
    for name, data in {"stdlib.zip": stdlib, "chooser.zip": package, "catalogue.json": json.dumps(catalogue()).encode(), "requests.json": json.dumps(requests).encode()}.items():
        (tmp_path / name).write_bytes(data)
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "pyodide_answers.mjs"), str(pyodide_dir), *(str(tmp_path / n) for n in ("stdlib.zip", "chooser.zip", "catalogue.json", "requests.json", "out.json"))],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    got = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    worker.setup(json.dumps(catalogue()), json.dumps({"organisation": None, "urls": URLS}))
    for request, answer in zip(requests, got["answers"], strict=True):
        expected = json.loads(json.dumps(worker.respond(request)))
        expected.pop("python_ms"), answer.pop("python_ms")
        assert answer == expected, request
    assert "chooser.view" in got["modules"] and "chooser.worker" in got["modules"]
