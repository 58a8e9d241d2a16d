"""The mkdocs-macros module: variables and macros that hand-written pages in docs/ use."""

from __future__ import annotations

from macros.hooks.config import catalogue_for, organisation, project_dir
from macros.pages import catalogue_pages as cp
from macros.pages import chooser_page
from macros.pages import components as c
from macros.pages import guideline_pages as gp
from macros.pages.schema_docs import fields_table, vocabulary_table
from macros.publish.runtime import runtime_for


def define_env(env) -> None:
    catalogue = catalogue_for(env.conf)
    env.variables["catalogue"] = catalogue
    env.variables["our_organisation"] = organisation(env.conf, catalogue)

    def here() -> str:
        return env.page.url if env.page else ""

    @env.macro
    def staircase() -> str:
        """The ladder as a staircase picture with a link to each level."""
        return c.staircase(catalogue, here())

    @env.macro
    def ladder_levels(heading_level: int = 2) -> str:
        """Every level of the ladder with its facts, methods and the guidelines' view of it."""
        return c.ladder_levels(catalogue, here(), heading_level)

    @env.macro
    def method_cards_by_level() -> str:
        """All methods as cards, grouped by their main level on the ladder."""
        return cp.cards_by_level(catalogue, here())

    @env.macro
    def methods_table() -> str:
        """All methods in one static table."""
        return cp.methods_table(catalogue, here())

    @env.macro
    def methods_by(field: str) -> str:
        """Methods grouped by purposes, target_groups, quadrants or formats."""
        return cp.methods_by(catalogue, here(), field)

    @env.macro
    def schema_fields(kind: str) -> str:
        """A table of every field of a kind of file (ladder, vocabulary, method, guideline)."""
        return fields_table(project_dir(env.conf) / "data" / "schemas", kind, here())

    @env.macro
    def vocabulary_ids() -> str:
        """The lists ids come from, the fields that take them (x-vocabulary) and their ids."""
        return vocabulary_table(catalogue, project_dir(env.conf) / "data" / "schemas")

    def our_id() -> str | None:
        ours = env.variables["our_organisation"]
        return ours["id"] if ours else None

    @env.macro
    def guidelines_index() -> str:
        """The guidelines in a table: type, decided by, date or draft status (ours first)."""
        return gp.guidelines_index(catalogue, here(), our_id())

    @env.macro
    def guideline_comparison() -> str:
        """Every structured fact of every guideline side by side, each cell linking to its section."""
        return gp.comparison_table(catalogue, here(), our_id())

    @env.macro
    def guideline_checklists() -> str:
        """The guidelines' checklists and plan contents as printable checklists."""
        return gp.checklists(catalogue, here(), our_id())

    @env.macro
    def guideline_fact(key: str) -> str:
        """One structured fact (e.g. target_group_analysis) of every guideline, with links."""
        return gp.fact_list(catalogue, here(), key, our_id())

    @env.macro
    def target_group_quadrants() -> str:
        """The four groups of the target-group analysis as a 2x2 picture with their full text."""
        return gp.quadrants(catalogue, here())

    @env.macro
    def count(kind: str) -> int:
        """Number of records of a kind: methods, guidelines, levels."""
        return len(catalogue["ladder"]["levels"] if kind == "levels" else catalogue[kind])

    @env.macro
    def link_to(url: str) -> str:
        """A relative link from the current page to a site URL such as metoder/fokusgrupp/."""
        from macros.pages.urls import relative

        return relative(here(), url)

    @env.macro
    def chooser_app() -> str:
        """The method chooser: form, status line, advice for the default input (rendered now by
        the same engine the browser runs) and, without JavaScript, the catalogue by level."""
        ours = env.variables["our_organisation"]
        return chooser_page.page(catalogue, here(), ours["id"] if ours else None, runtime_for(env.conf))
