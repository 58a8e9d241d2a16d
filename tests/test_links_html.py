"""The built site's links and HTML: every internal link and anchor resolves to a file and an
id, and the Nu HTML Checker finds no error (theme errors that cannot be fixed are filtered
below, each with the reason)."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from quality import VNU, html_pages, record_figure

# Attributes that point at another file of the site.
LINK_ATTRS = {"href", "src", "poster", "data", "action"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRS or (name == "srcset"):
                urls = [p.strip().split()[0] for p in value.split(",") if p.strip()] if name == "srcset" else [value]
                self.links += [(tag, url) for url in urls]


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target_file(site: Path, page: str, path: str) -> Path | None:
    """The file a relative URL on `page` (a site path such as metoder/fokusgrupp/index.html) means."""
    # A path from the root (404.html has them: it is served at any depth) means the site's root.
    base = "" if path.startswith("/") else posixpath.dirname(page)
    joined = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    if joined.startswith(".."):
        return None
    candidate = site / joined if joined != "." else site
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(number of internal links checked, the ones that do not resolve)."""
    parsed: dict[Path, _Links] = {}

    def get(path: Path) -> _Links:
        if path not in parsed:
            parsed[path] = parse(path)
        return parsed[path]

    checked, broken = 0, []
    for html_file in sorted(site.rglob("*.html")):
        page = html_file.relative_to(site).as_posix()
        for tag, url in get(html_file).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue  # another site, an address or inline data: not a file of this site
            checked += 1
            target = html_file if not parts.path else _target_file(site, page, parts.path)
            if target is None:
                broken.append(f"{page}: <{tag}> {url}: filen finns inte")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in get(target).ids:
                broken.append(
                    f"{page}: <{tag}> {url}: ankaret #{fragment} finns inte i {target.relative_to(site).as_posix()}"
                )
    return checked, broken


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    checked, broken = broken_links(built_site)
    record_figure("internal links checked", checked)
    record_figure("broken links", len(broken))
    assert checked > 1000, "the check found too few links to be looking at the real site"
    assert not broken, "\n".join(broken)


def test_the_link_check_finds_a_broken_link_and_anchor(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">a</a><a href="a/#here">ok</a><a href="a/#gone">x</a><a href="b/">x</a><a href="https://example.org/x">ext</a><a href="/a/#here">root</a>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        '<h1 id="here">A</h1><img src="../missing.png" alt=""><a href="#here">top</a>', encoding="utf-8"
    )
    checked, broken = broken_links(site)
    assert checked == 7
    assert sorted(broken) == [
        "a/index.html: <img> ../missing.png: filen finns inte",
        "index.html: <a> a/#gone: ankaret #gone finns inte i a/index.html",
        "index.html: <a> b/: filen finns inte",
    ]


# -- the Nu HTML Checker ---------------------------------------------------------------------

# Errors from mkdocs-material's own templates, filtered with the reason. Each entry matches the
# message and the element it was found on, so the same error anywhere else still fails.
THEME_ERRORS = [
    # base.html and nav-item.html put autocomplete="off" on the theme's hidden toggle
    # checkboxes (drawer, search, menu sections) on purpose: it stops Firefox from restoring
    # a toggle's state on reload, which would leave the menu or search open. The elements are
    # outside any template block, so only a copy of the theme's templates could change them;
    # browsers ignore the attribute on other input types.
    (
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'class="md-(nav__)?toggle'),
    ),
    # nav-item.html writes tabindex="" on the label of a menu section
    # (navigation.sections), meaning "not focusable" (a section title is not a link). An
    # empty tabindex is ignored by browsers, so the behaviour is the one intended; fixing the
    # markup means forking the theme's 150-line nav-item.html.
    (
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">'),
    ),
    # toc.html labels the table of contents for the mobile menu's "__toc" toggle, which
    # nav-item.html only writes when the page is in the menu. On pages reached from lists
    # (methods, levels: not_in_nav) the label points at nothing and does nothing; the table
    # of contents itself works. Both partials are the theme's.
    (
        re.compile(
            r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"
        ),
        re.compile(r'<label class="md-nav__title" for="__toc">'),
    ),
]


def theme_error(message: dict) -> bool:
    return any(
        text.search(message.get("message", "")) and where.search(message.get("extract", ""))
        for text, where in THEME_ERRORS
    )


def run_vnu(*folders: Path) -> list[dict]:
    java = shutil.which("java")
    assert java, (
        "Java saknas: Nu HTML Checker (npm vnu-jar) körs med maskinens java (apt-get install default-jre-headless)"
    )
    assert VNU.is_file(), "node_modules/vnu-jar saknas: kör scripts/bootstrap.sh"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def describe(messages: list[dict], site: Path) -> str:
    out = []
    for m in messages[:40]:
        where = m.get("url", "").split(site.as_posix() + "/", 1)[-1]
        out.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()[:200]}")
    return "\n".join(out) + (f"\n… och {len(messages) - 40} till" if len(messages) > 40 else "")


# Pages made to try the filter: (body, whether its error must still be reported).
FILTER_CASES = {
    "theme.html": (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        False,
    ),
    "ours.html": ('<input type="checkbox" id="mine" autocomplete="off">', True),  # not the theme's: not filtered
    "broken.html": ("<p><span>unclosed</p>", True),
}


@pytest.fixture(scope="module")
def vnu(built_site: Path, tmp_path_factory) -> tuple[dict[str, list[dict]], Path]:
    """One run of the checker (one Java start) over the built site and the filter's cases:
    ({"site": messages, "cases": messages}, the cases' folder)."""
    cases = tmp_path_factory.mktemp("vnu-cases")
    for name, (body, _) in FILTER_CASES.items():
        html = f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'
        (cases / name).write_text(html, encoding="utf-8")
    found: dict[str, list[dict]] = {"site": [], "cases": []}
    for m in run_vnu(built_site, cases):
        found["cases" if cases.as_posix() + "/" in m.get("url", "") else "site"].append(m)
    return found, cases


def test_nu_html_checker_finds_no_error(vnu, built_site: Path):
    messages = vnu[0]["site"]
    errors = [m for m in messages if not theme_error(m)]
    record_figure("pages validated (Nu HTML Checker)", len(html_pages(built_site)))
    record_figure("HTML errors", len(errors))
    record_figure("HTML errors filtered as the theme's", len(messages) - len(errors))
    assert not errors, describe(errors, built_site)


def test_the_filter_only_hides_the_themes_errors(vnu):
    found, cases = vnu
    assert {m["url"].rsplit("/", 1)[-1] for m in found["cases"]} == set(FILTER_CASES)  # each has an error
    errors = [m for m in found["cases"] if not theme_error(m)]
    failing = {m["url"].rsplit("/", 1)[-1] for m in errors}
    assert failing == {name for name, (_, expect) in FILTER_CASES.items() if expect}, describe(errors, cases)
