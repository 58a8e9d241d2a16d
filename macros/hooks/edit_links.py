"""MkDocs hook: an "Ändra den här sidan" link on every page built from data/, to the YAML file
it comes from in the repository (repo_url and edit_uri in mkdocs.yml; no link when repo_url
is unset). The theme's own edit button stays off: it would point at docs/ files that these
pages do not have. overrides/main.html draws the link.

Listed under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

from macros.hooks.config import catalogue_for
from macros.pages.urls import guideline_url, level_url, method_url


def data_sources(catalogue: dict) -> dict[str, str]:
    """Site URL of each page built from data -> its YAML file, relative to the repository."""
    sources = {method_url(m["id"]): f"data/methods/{m['id']}.yaml" for m in catalogue["methods"]}
    sources |= {guideline_url(g["id"]): f"data/guidelines/{g['id']}.yaml" for g in catalogue["guidelines"]}
    sources |= {level_url(level["id"]): "data/ladder.yaml" for level in catalogue["ladder"]["levels"]}
    return sources


def on_config(config):
    # Without a repository there is nothing to edit: MkDocs would warn (and --strict fail) on
    # every page from docs/ that edit_uri alone is not an address.
    if not config.get("repo_url"):
        config["edit_uri"] = None
    return config


def edit_url(config, path: str) -> str | None:
    repo = config.get("repo_url")
    if not repo:
        return None
    edit_uri = config.get("edit_uri") or "edit/main/"
    return repo.rstrip("/") + "/" + edit_uri.strip("/") + "/" + path


def on_page_context(context, page, config, nav):
    page.edit_url = None  # never the theme's button
    path = data_sources(catalogue_for(config)).get(page.url)
    url = edit_url(config, path) if path else None
    context["data_source"] = {"path": path, "url": url} if url else None
    return context
