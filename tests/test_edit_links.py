"""Editors' way from a page to its source: every page built from data/ links to its YAML file
in the repository ("Ändra den här sidan"), when mkdocs.yml names the repository, and the
theme's repository link then makes no request to another origin."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PUBLISHED_REPO, ROOT, catalogue, serve

REPO = PUBLISHED_REPO
LINK = '<p class="edit-source"><a href="{}">Ändra den här sidan</a>'


@pytest.fixture(scope="module")
def repo_site(published_site: Path) -> Path:
    return published_site


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_page_from_data_links_to_its_yaml_file(repo_site: Path):
    data = catalogue()
    pages = {f"metoder/{m['id']}": f"data/methods/{m['id']}.yaml" for m in data["methods"]}
    pages |= {f"riktlinjer/{g['id']}": f"data/guidelines/{g['id']}.yaml" for g in data["guidelines"]}
    pages |= {f"metoder/niva-{level['id']}": "data/ladder.yaml" for level in data["ladder"]["levels"]}
    for url, source in pages.items():
        assert (ROOT / source).is_file(), source  # the link leads to a file that exists
        assert LINK.format(f"{REPO}/edit/main/{source}") in _page(repo_site, url), url
    # Hand-written pages have no such link, and the theme's own edit button is not there.
    for url in ("", "trappan", "metoder", "riktlinjer/jamforelse"):
        page = _page(repo_site, url)
        assert "edit-source" not in page and "md-content__button" not in page, url


def test_no_link_when_the_repository_is_not_set(built_site: Path):
    assert not [p for p in built_site.rglob("*.html") if "Ändra den här sidan" in p.read_text(encoding="utf-8")]


def test_the_repository_link_asks_no_other_origin(browser, repo_site: Path):
    server, base = serve(repo_site)
    context = browser.new_context()
    page = context.new_page()
    requests, console = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(base + "metoder/fokusgrupp/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.locator(f".md-header a.md-source[href='{REPO}']").count() == 1
    # The theme's script looks for this attribute to fetch the repository's facts from its API;
    # the site's CSP would block that call, so its absence is checked as well as the requests.
    assert page.locator("[data-md-component=source]").count() == 0
    assert not [text for text in console if "Content Security Policy" in text], console
    others = [url for url in requests if urlsplit(url).netloc != urlsplit(base).netloc and not url.startswith("data:")]
    assert others == []
    context.close()
    server.shutdown()
