"""The 404 page: Swedish, with a search and links to the main parts, and working when the
site lives under a sub-path (as a GitHub Pages project site does) and the missing address is
deep: the host serves 404.html at whatever address was asked for."""

from __future__ import annotations

import functools
import re
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PUBLISHED_URL
from layout import overflow_problems
from quality import run_axe

SUB = "/medborgardialog/"


class _PagesHost(SimpleHTTPRequestHandler):
    """Serves the site under SUB and answers 404.html, with status 404, for anything missing."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        if not self.path.startswith(SUB):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(SUB) :]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@pytest.fixture(scope="module")
def sub_site(published_site: Path):
    """conftest's published_site (built for PUBLISHED_URL, whose path is SUB) served as GitHub
    Pages serves a project site."""
    assert urlsplit(PUBLISHED_URL).path == SUB
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHost, directory=str(published_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB}"
    server.shutdown()


def test_a_missing_page_answers_in_swedish_with_search_and_the_main_parts(browser, sub_site: str):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    response = page.goto(sub_site + "metoder/finns-inte/alls/")
    assert response.status == 404
    assert page.title() == "Sidan finns inte - Medborgardialog"
    assert page.locator("article h1").text_content().strip() == "Sidan finns inte"
    assert "Not found" not in page.content()
    # The site's own style loaded from the sub-path (the header colour comes from the theme's CSS).
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    links = page.eval_on_selector_all("article a[href]", "els => els.map(a => [a.textContent.trim(), a.href])")
    names = [name for name, _ in links]
    for wanted in ("Startsidan", "Metodväljaren", "Alla metoder", "Delaktighetstrappan", "Riktlinjerna"):
        assert wanted in names
    for name, href in links:
        assert href.startswith(sub_site), (name, href)
        with urllib.request.urlopen(href) as answer:  # every link leads to a real page
            assert answer.status == 200, href
    assert overflow_problems(page) == []
    assert run_axe(page) == []
    # The search field opens the site's search with the words typed.
    page.locator("#not-found-q").fill("fokusgrupp")
    page.locator(".not-found-search button[type=submit]").click()
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__list > .md-search-result__item > a").first.get_attribute("href")
    assert re.search(r"metoder/fokusgrupp/", first)
    context.close()


def test_the_host_really_answers_404(sub_site: str):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(sub_site + "finns/inte/")
    assert error.value.code == 404
    assert "Sidan finns inte" in error.value.read().decode("utf-8")
