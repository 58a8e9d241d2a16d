"""The loader: every broken fixture in fixtures/broken is reported with the right file,
line and field; the real data loads, and always to the same catalogue."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros import catalogue as catalogue_module
from macros.catalogue import load_catalogue
from macros.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).parent / "fixtures" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def apply_case(case: str, data_dir: Path) -> list[tuple[str, int, str, str]]:
    folder = BROKEN / case
    for source in folder.rglob("*"):
        if source.is_file() and source.name not in ("expect.txt", "remove.txt"):
            target = data_dir / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    removals = folder / "remove.txt"
    if removals.exists():
        for rel in removals.read_text().split():
            (data_dir / rel).unlink()
    expected = []
    for line in (folder / "expect.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        path, number, field, words = line.split(":", 3)
        expected.append(("data/" + path, int(number), field, words))
    return expected


def test_corpus_is_large_enough():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_broken_data_is_reported_with_file_line_and_field(case: str, data_copy: Path):
    expected = apply_case(case, data_copy)
    with pytest.raises(DataError) as raised:
        load_catalogue(data_copy, data_copy.parent)
    problems = raised.value.problems
    report = raised.value.report()
    for path, line, field, words in expected:
        matching = [p for p in problems if p.path == path and p.line == line and p.field == field and words in p.message]
        assert matching, f"expected {path}:{line}: {field}: …{words}… in\n{report}"
    # Every message has the documented shape and says what was expected and found.
    for problem in problems:
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")
        assert "väntade" in problem.message


def test_real_data_loads_to_the_same_catalogue_every_time():
    first = load_catalogue(ROOT / "data")
    catalogue_module._cache.clear()
    second = load_catalogue(ROOT / "data")
    assert first is not second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    # …and in a fresh interpreter (no shared state, other hash seed).
    code = "import json,sys;from pathlib import Path;from macros.catalogue import load_catalogue;print(json.dumps(load_catalogue(Path('data')),sort_keys=True))"
    env = dict(os.environ, PYTHONHASHSEED="123")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == json.dumps(first, sort_keys=True)


def test_check_command_reports_all_problems_and_exits_non_zero(data_copy: Path):
    apply_case("22-several-files-at-once", data_copy)
    result = subprocess.run([sys.executable, "-m", "macros.check_data", str(data_copy)], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, GITHUB_ACTIONS="true"))
    assert result.returncode == 1
    assert "konsultaton" in result.stderr and "sant (true)" in result.stderr and "formats.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error file=")]
    assert len(annotations) >= 3
    assert any(",line=" in a and ",col=" in a for a in annotations)


def test_check_command_passes_on_real_data():
    result = subprocess.run([sys.executable, "-m", "macros.check_data"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Data i ordning" in result.stdout
