"""The mkdocs-macros module: variables and macros that hand-written pages in docs/ use."""

from __future__ import annotations

from . import catalogue_pages as cp
from . import components as c
from .schema_docs import fields_table
from .site import catalogue_for, organisation, project_dir


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
        return fields_table(project_dir(env.conf) / "data" / "schemas", kind)

    @env.macro
    def count(kind: str) -> int:
        """Number of records of a kind: methods, guidelines, levels."""
        return len(catalogue["ladder"]["levels"] if kind == "levels" else catalogue[kind])

    @env.macro
    def link_to(url: str) -> str:
        """A relative link from the current page to a site URL such as metoder/fokusgrupp/."""
        from .site import relative

        return relative(here(), url)
