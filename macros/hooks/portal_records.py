"""MkDocs hook: the DCAT-AP-SE record of the open data (data/catalog.rdf, macros/publish/open_data.py),
the address Sveriges dataportal harvests. It needs absolute addresses, so it is written only
when site_url is set (SITE_URL, as the Pages workflow sets it). The publisher is the
organisation named in the accessibility statement's settings, with its dataportal.se
identifier from extra.open_data.publisher_uri when given.

Listed under `hooks:` in mkdocs.yml, after macros/hooks/statement.py (which checks those settings).
"""

from __future__ import annotations

from mkdocs.structure.files import File

from macros.hooks.config import catalogue_for
from macros.publish.open_data import EXPORT_DIR, dcat_catalogue


def on_files(files, config):
    if not config.get("site_url"):
        return files
    extra = config.get("extra") or {}
    statement = extra.get("accessibility") or {}
    placeholders = statement.get("placeholders", [])
    publisher = {
        "name": statement.get("organisation", config["site_name"]),
        "email": None if "email" in placeholders else statement.get("email"),
        "uri": (extra.get("open_data") or {}).get("publisher_uri"),
    }
    content = dcat_catalogue(catalogue_for(config), config["site_url"], publisher)
    files.append(File.generated(config, f"{EXPORT_DIR}/catalog.rdf", content=content))
    return files
