"""The plan's export files in the site: chooser/browser/plan-export.mjs and the Word library
it loads (npm package docx, pinned exactly in package.json), served from the site itself.

    assets/chooser/plan-export.mjs       planDocx, planHtml, planText, planMarkdown
    assets/vendor/docx-<version>.mjs     the parts of docx that plan-export.mjs uses
    assets/vendor/docx-<version>.LICENSE.txt

docx ships one 1 MB ES module; esbuild (a pinned dev dependency) bundles only the names
plan-export.mjs takes from it (its `const { … } = docx;` line) and minifies them, about a
quarter of the bytes. plan-export.mjs is loaded when a plan button is pressed, the library
only when a Word file is asked for. The version is in the file name, so a new version is a
new address; plan-export.mjs names it (DOCX_MODULE) and the build checks that they agree.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

EXPORT_SOURCE = "chooser/browser/plan-export.mjs"
EXPORT_PATH = "assets/chooser/plan-export.mjs"
VENDOR_DIR = "assets/vendor/"


def _package_json(project_dir: Path) -> Path:
    # A test's copy of the project links node_modules; its package.json is beside the link's target.
    own = project_dir / "package.json"
    if own.is_file() or not (project_dir / "node_modules").exists():
        return own
    return (project_dir / "node_modules").resolve().parent / "package.json"


def docx_version(project_dir: Path) -> str:
    """The exact version of docx that package.json pins, checked against node_modules."""
    try:
        pin = json.loads(_package_json(project_dir).read_text(encoding="utf-8"))["dependencies"]["docx"]
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"package.json: väntade en exakt version av docx under dependencies, fann inget ({error})") from None
    if not re.fullmatch(r"\d+\.\d+\.\d+", pin):
        raise PluginError(f"package.json: väntade en exakt version av docx (som 9.15.2), fann ”{pin}”")
    installed = project_dir / "node_modules" / "docx" / "package.json"
    if not installed.is_file():
        raise PluginError(f"node_modules/docx saknas: planens Word-fil behöver docx {pin} från npm. Kör scripts/bootstrap.sh (eller npm ci) och bygg igen.")
    found = json.loads(installed.read_text(encoding="utf-8")).get("version")
    if found != pin:
        raise PluginError(f"node_modules/docx är version {found}, men package.json kräver {pin}. Kör scripts/bootstrap.sh (eller npm ci).")
    return pin


def docx_names(source_text: str) -> list[str]:
    """The names plan-export.mjs takes from docx: its `const { A, B } = docx;` line."""
    match = re.search(r"const \{([A-Za-z, ]+)\} = docx;", source_text)
    if not match:
        raise PluginError(f"{EXPORT_SOURCE}: väntade en rad ”const {{ … }} = docx;” med de delar av docx som används.")
    return sorted(name.strip() for name in match.group(1).split(",") if name.strip())


def docx_bundle(project_dir: Path, names: list[str], version: str) -> bytes:
    """Only `names` of docx, bundled and minified by esbuild (deterministic output)."""
    esbuild = project_dir / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        raise PluginError("node_modules/.bin/esbuild saknas: planens Word-fil byggs med esbuild från npm. Kör scripts/bootstrap.sh (eller npm ci).")
    entry = f'export {{ {", ".join(names)} }} from "docx";\n'
    banner = f"/* docx {version} (MIT, see docx-{version}.LICENSE.txt): only the parts plan-export.mjs uses. */"
    command = [str(esbuild), "--bundle", "--minify", "--format=esm", "--target=es2020", "--log-level=error",
               f"--banner:js={banner}", "--sourcefile=docx-parts.mjs"]
    try:
        # The entry comes on stdin; "docx" resolves from the project's node_modules (cwd).
        result = subprocess.run(command, input=entry.encode("utf-8"), capture_output=True, timeout=120, check=False, cwd=project_dir)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"esbuild kunde inte köras för planens Word-bibliotek: {error}") from None
    if result.returncode != 0:
        raise PluginError("esbuild kunde inte bygga planens Word-bibliotek:\n" + result.stderr.decode("utf-8", "replace"))
    return result.stdout


def plan_export_sources(project_dir: Path) -> dict[str, Path | bytes]:
    """Site path -> source file or content, for the export module and the Word library."""
    version = docx_version(project_dir)
    source = project_dir / EXPORT_SOURCE
    if not source.is_file():
        raise PluginError(f"{EXPORT_SOURCE} saknas.")
    text = source.read_text(encoding="utf-8")
    wanted = f'"../vendor/docx-{version}.mjs"'
    if f"DOCX_MODULE = {wanted}" not in text:
        raise PluginError(f"{EXPORT_SOURCE}: väntade DOCX_MODULE = {wanted}, samma version som docx i package.json.")
    folder = project_dir / "node_modules" / "docx"
    return {
        EXPORT_PATH: source,
        f"{VENDOR_DIR}docx-{version}.mjs": docx_bundle(project_dir, docx_names(text), version),
        f"{VENDOR_DIR}docx-{version}.LICENSE.txt": folder / "LICENSE",
    }


_cache: dict[tuple, dict] = {}


def _stamp(project_dir: Path) -> tuple:
    paths = [project_dir / EXPORT_SOURCE, _package_json(project_dir), project_dir / "node_modules" / "docx" / "package.json",
             project_dir / "node_modules" / "esbuild" / "package.json"]
    return (str(project_dir),) + tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file())


def plan_export_files(config) -> list:
    """MkDocs File objects for the export files, to add to the build's files."""
    from mkdocs.structure.files import File

    project_dir = Path(config["config_file_path"]).resolve().parent
    key = _stamp(project_dir)
    if key not in _cache:  # mkdocs serve rebuilds often; the bundle changes only with its inputs
        _cache.clear()
        _cache[key] = plan_export_sources(project_dir)
    out = []
    for path, source in _cache[key].items():
        if isinstance(source, Path):
            out.append(File.generated(config, path, abs_src_path=str(source)))
        else:
            out.append(File.generated(config, path, content=source))
    return out
