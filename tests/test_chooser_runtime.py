"""The chooser's browser runtime in the build (macros/runtime.py): the pinned Pyodide files, the
chooser zip and the memory snapshot."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros import runtime

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
    for name in runtime.PYODIDE_FILES:
        assert (folder / PIN / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes()
    chooser = built_site / "assets" / "chooser"
    names = sorted(p.name for p in chooser.iterdir())
    assert {"worker.mjs", "boot.mjs", "page.js", "chooser.css"} <= set(names)
    (package,) = [n for n in names if n.endswith(".zip")]
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


def test_the_snapshot_is_reproducible(tmp_path: Path):
    """Made twice from scratch (no cache), the snapshot has the same bytes."""
    if not shutil.which("node"):
        pytest.skip("needs node")
    package = runtime.chooser_zip(ROOT)
    pyodide = ROOT / "node_modules" / "pyodide"
    first = runtime.make_snapshot(ROOT, pyodide, package, None)
    second = runtime.make_snapshot(ROOT, pyodide, package, None)
    assert first == second
