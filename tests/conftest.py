"""Shared fixtures: the project root, a copy of data/ to break, and one strict build of the
site for all the tests that read built pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project's data/ (and mkdocs.yml, docs/) to change in a test."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def copy_project(target: Path) -> Path:
    """A copy of everything the build reads, to change and build in a test."""
    for name in ("docs", "data", "macros", "chooser"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if (ROOT / "node_modules").exists():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` for `project` into `site_dir`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site, built once per test session with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stderr + result.stdout
    return site_dir
