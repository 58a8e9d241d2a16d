"""The layout as a newcomer reads it: every folder has its row in the README's layout table,
and the loader and the pages run without MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import PurePosixPath

from conftest import ROOT


def tracked_folders() -> set[str]:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    # Folders that hold files (a folder of folders, like .github/, is described by its rows).
    return {f"{PurePosixPath(name).parent}/" for name in files if "/" in name}


def table_rows() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+/)` \|", section, flags=re.M))


def test_every_folder_has_a_row_and_every_row_a_folder():
    folders, rows = tracked_folders(), table_rows()
    assert folders - rows == set(), "folders without a row in README.md's layout table"
    assert rows - folders == set(), "rows in README.md's layout table for folders that do not exist"


BLOCK_MKDOCS = """
import importlib, importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs.") or name.startswith("material"):
            raise ImportError("MkDocs is not allowed here: " + name)
sys.meta_path.insert(0, Block())
"""


def run_without_mkdocs(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK_MKDOCS + code], cwd=ROOT, capture_output=True, text=True)


def test_the_loader_and_the_pages_work_without_mkdocs():
    modules = sorted(f"macros.{p.parent.name}.{p.stem}" for folder in ("loader", "pages") for p in (ROOT / "macros" / folder).glob("*.py") if p.stem != "__main__")
    code = f"""
import json
for name in {modules!r}:
    importlib.import_module(name)
from pathlib import Path
from macros.loader.catalogue import load_catalogue
from macros.pages.method_pages import method_page
catalogue = load_catalogue(Path("data"))
method = next(m for m in catalogue["methods"] if m["id"] == "fokusgrupp")
print(json.dumps({{"modules": len({modules!r}), "page": method_page(method, catalogue)}}))
"""
    result = run_without_mkdocs(code)
    assert result.returncode == 0, result.stderr
    import json

    out = json.loads(result.stdout)
    assert out["modules"] >= 10
    assert "Fokusgrupp" in out["page"]


def test_the_blocker_would_catch_mkdocs():
    # The check above means something only if importing MkDocs fails under the blocker.
    result = run_without_mkdocs("import macros.hooks.config")
    assert result.returncode != 0 and "MkDocs is not allowed here" in result.stderr
