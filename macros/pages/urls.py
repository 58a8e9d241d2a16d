"""Where generated pages and files live, and links between them. One place, so that pages,
macros, hooks and tests agree."""

from __future__ import annotations

import posixpath

# The chooser's browser files (engine package, worker, page script) under the site.
CHOOSER_ASSETS = "assets/chooser/"


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
