"""What every part of the build shares: the catalogue for this MkDocs config, page URLs and
the organisation setting."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

from .catalogue import load_catalogue
from .problems import DataError


def project_dir(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def catalogue_for(config) -> dict:
    """The validated catalogue; a data error stops the build before any page is written."""
    try:
        return load_catalogue(project_dir(config) / "data", project_dir(config))
    except DataError as error:
        raise PluginError("Fel i data/:\n" + error.report()) from None


def organisation(config, catalogue: dict) -> dict | None:
    """The guideline named by `extra.organisation` in mkdocs.yml, or None for a neutral site."""
    wanted = (config.get("extra") or {}).get("organisation")
    if not wanted:
        return None
    for guideline in catalogue["guidelines"]:
        if guideline["id"] == wanted:
            return guideline
    known = ", ".join(g["id"] for g in catalogue["guidelines"])
    raise PluginError(f"mkdocs.yml: extra.organisation: väntade ett av {known} eller null, fann ”{wanted}”")


# Where generated pages live. One place, so that pages, macros and tests agree.
def method_url(method_id: str) -> str:
    return f"metoder/{method_id}/"


def level_url(level_id: str) -> str:
    return f"metoder/niva-{level_id}/"


def guideline_url(guideline_id: str) -> str:
    return f"riktlinjer/{guideline_id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative directory URLs)."""
    target, _, anchor = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    path = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not path.endswith("/"):
        path += "/"
    if path == "./":
        path = "./"
    return path + (f"#{anchor}" if anchor else "")
