"""The plan's export files in the site: chooser/browser/plan-export.mjs and the Word library
it loads (npm package docx, pinned exactly in package.json), served from the site itself.

    assets/chooser/plan-export.mjs       planDocx, planHtml, planText, planMarkdown
    assets/vendor/docx-<version>.mjs     node_modules/docx/dist/index.mjs (ES module, no imports)
    assets/vendor/docx-<version>.LICENSE.txt

Both are loaded only when a plan button is pressed. The version is in the file name, so a
new version is a new address; plan-export.mjs names it (DOCX_MODULE) and the build checks
that the three agree.
"""

from __future__ import annotations

import json
import re
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


def plan_export_sources(project_dir: Path) -> dict[str, Path]:
    """Site path -> source file, for the export module and the Word library."""
    version = docx_version(project_dir)
    source = project_dir / EXPORT_SOURCE
    if not source.is_file():
        raise PluginError(f"{EXPORT_SOURCE} saknas.")
    wanted = f'"../vendor/docx-{version}.mjs"'
    if f"DOCX_MODULE = {wanted}" not in source.read_text(encoding="utf-8"):
        raise PluginError(f"{EXPORT_SOURCE}: väntade DOCX_MODULE = {wanted}, samma version som docx i package.json.")
    folder = project_dir / "node_modules" / "docx"
    library = folder / "dist" / "index.mjs"
    if not library.is_file():
        raise PluginError("node_modules/docx/dist/index.mjs saknas. Kör npm ci igen.")
    return {
        EXPORT_PATH: source,
        f"{VENDOR_DIR}docx-{version}.mjs": library,
        f"{VENDOR_DIR}docx-{version}.LICENSE.txt": folder / "LICENSE",
    }


def plan_export_files(config) -> list:
    """MkDocs File objects for the export files, to add to the build's files."""
    from mkdocs.structure.files import File

    project_dir = Path(config["config_file_path"]).resolve().parent
    return [File.generated(config, path, abs_src_path=str(source)) for path, source in plan_export_sources(project_dir).items()]
