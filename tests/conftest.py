"""Shared fixtures: the project root, a copy of data/ to break, and one strict build of the
site for all the tests that read built pages."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@functools.cache
def catalogue() -> dict:
    """The project's catalogue as the chooser gets it: through JSON, as in the browser."""
    from macros.loader.catalogue import load_catalogue

    return json.loads(json.dumps(load_catalogue(ROOT / "data")))


@functools.cache
def chooser():
    """One Chooser on the project's catalogue, shared by the engine tests."""
    from chooser import Chooser

    return Chooser(catalogue())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project's data/ (and mkdocs.yml, docs/) to change in a test."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def copy_project(target: Path) -> Path:
    """A copy of everything the build reads, to change and build in a test."""
    for name in ("docs", "data", "macros", "chooser"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "package.json"):
        shutil.copyfile(ROOT / name, target / name)
    if (ROOT / "node_modules").exists():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def build_site(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` for `project` into `site_dir` (extra environment
    variables as keyword arguments). Not --quiet: it hides warnings, and --strict then passes them."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site, built once per test session with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stderr + result.stdout
    return site_dir


# -- real-browser tests ----------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # otherwise Chromium calls home and the closed network refuses
    "--disable-component-update",
    "--disable-sync",
]


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".zip": "application/zip"}

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # The browser cancels downloads it no longer needs; a reset connection is not a failure.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


PUBLISHED_REPO = "https://github.com/example/medborgardialog"
PUBLISHED_URL = "https://example.org/medborgardialog/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """One build as a publisher configures it (repository and published address), shared by
    the tests of the edit links and of the portal records."""
    site = tmp_path_factory.mktemp("published")
    result = build_site(ROOT, site, REPO_URL=PUBLISHED_REPO, SITE_URL=PUBLISHED_URL)
    assert result.returncode == 0, result.stderr + result.stdout
    return site


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve `directory` on a free localhost port in a thread; returns (server, base URL)."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built site served on localhost."""
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page in a fresh context (empty cache, no storage) for each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()
