"""What the MkDocs glue shares: the catalogue for this MkDocs config and the organisation
setting. (Page URLs are in macros/pages/urls.py.)"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.loader.catalogue import load_catalogue
from macros.loader.problems import DataError


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
