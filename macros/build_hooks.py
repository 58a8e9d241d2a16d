"""MkDocs hooks: validate data/ first, generate pages from it, publish open data.

Listed under `hooks:` in mkdocs.yml. The macros module (macros/site_macros.py) shares the
same cached catalogue, so data/ is read and validated once per build.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from macros.export import open_data_files
from macros.method_pages import level_page, method_page
from macros.site import catalogue_for, level_url, method_url, organisation, project_dir


def on_config(config):
    # Fails the build with every data problem listed, before any page is written.
    catalogue = catalogue_for(config)
    organisation(config, catalogue)
    return config


def _page(config, url: str, content: str) -> File:
    return File.generated(config, url.rstrip("/") + ".md", content=content)


def on_files(files, config):
    catalogue = catalogue_for(config)
    for method in catalogue["methods"]:
        files.append(_page(config, method_url(method["id"]), method_page(method, catalogue)))
    for level in catalogue["ladder"]["levels"]:
        files.append(_page(config, level_url(level["id"]), level_page(level, catalogue)))
    for path, content in open_data_files(catalogue, project_dir(config) / "data" / "schemas").items():
        files.append(File.generated(config, path, content=content))
    return files
