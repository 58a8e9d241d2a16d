"""MkDocs hooks: validate data/ first, generate pages from it, publish open data.

Listed under `hooks:` in mkdocs.yml. The macros module (macros/hooks/page_macros.py) shares the
same cached catalogue, so data/ is read and validated once per build.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros.hooks.config import catalogue_for, organisation, project_dir
from macros.pages import templating
from macros.pages.guideline_pages import guideline_page, reorder_nav
from macros.pages.method_pages import level_page, method_page
from macros.pages.render import leftover_placeholders, unstash
from macros.pages.urls import guideline_url, level_url, method_url
from macros.publish.open_data import open_data_files
from macros.publish.plan_export_files import plan_export_files
from macros.publish.runtime import runtime_files
from macros.publish.security import check_site


def on_config(config):
    # Page templates render through the theme's Jinja environment (its filters, translations).
    templating.use_theme(config.theme.get_env())
    # Fails the build with every data problem listed, before any page is written.
    catalogue = catalogue_for(config)
    ours = organisation(config, catalogue)
    _guidelines_in_nav(config, catalogue)
    # "Our organisation": its guideline comes first in the Riktlinjer section of the menu.
    config["nav"] = reorder_nav(config["nav"], ours["id"] if ours else None)
    return config


def _nav_files(nav) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_files(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_files(value) for value in nav.values())) if nav else set()
    return set()


def _guidelines_in_nav(config, catalogue) -> None:
    # A guideline page is generated from its YAML file; the editor who forgot the menu entry
    # is pointed to that file, not to a generated .md they never wrote.
    listed = _nav_files(config["nav"])
    unlisted = config.get("not_in_nav")  # pages the site reaches from elsewhere on purpose
    missing = [
        g["id"] for g in catalogue["guidelines"]
        if (page := guideline_url(g["id"]).rstrip("/") + ".md") not in listed and not (unlisted and unlisted.match_file(page))
    ]
    if config["nav"] and missing:
        raise PluginError("\n".join(
            f"data/guidelines/{gid}.yaml:1:1: (filen): väntade sidan {guideline_url(gid).rstrip('/')}.md under Riktlinjer i nav i mkdocs.yml, fann att den saknas"
            for gid in missing
        ))


def _page(config, url: str, content: str) -> File:
    return File.generated(config, url.rstrip("/") + ".md", content=content)


def on_files(files, config):
    catalogue = catalogue_for(config)
    for method in catalogue["methods"]:
        files.append(_page(config, method_url(method["id"]), method_page(method, catalogue)))
    for level in catalogue["ladder"]["levels"]:
        files.append(_page(config, level_url(level["id"]), level_page(level, catalogue)))
    ours = organisation(config, catalogue)
    for guideline in catalogue["guidelines"]:
        files.append(_page(config, guideline_url(guideline["id"]), guideline_page(guideline, catalogue, ours["id"] if ours else None)))
    for path, content in open_data_files(catalogue, project_dir(config) / "data" / "schemas").items():
        files.append(File.generated(config, path, content=content))
    # The chooser's browser runtime: Pyodide, the chooser package and its glue (macros/publish/runtime.py).
    for file in runtime_files(config):
        files.append(file)
    # The plan's export module and the Word library, loaded when a plan button is pressed.
    for file in plan_export_files(config):
        files.append(file)
    return files


def on_page_content(html_text, page, config, files):
    # Data text in Markdown fields was rendered and sanitised once, before MkDocs' Markdown;
    # only now, after it, does the clean HTML go back into the page (macros/pages/render.py).
    out = unstash(html_text)
    if leftover_placeholders(out):
        raise PluginError(f"{page.file.src_uri}: text från data/ hamnade där den inte kan visas säkert (en platshållare blev kvar)")
    # The theme writes page.title as HTML (header, <title>, search index): escape it once here,
    # whether it came from the menu or from a heading with text from data/.
    page.title = html.escape(html.unescape(page.title or ""), quote=False)
    return out


def on_post_build(config):
    # Last step: a Content-Security-Policy into every page (hashes of its inline scripts), and
    # the build fails if anything in the built site would load from another origin.
    problems = check_site(Path(config["site_dir"]))
    if problems:
        raise PluginError("Säkerhetskontrollen av den byggda webbplatsen hittade fel:\n" + "\n".join(problems))
