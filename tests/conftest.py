"""Shared fixtures: the project root, a copy of data/ to break, the strict builds of the site
that the tests read (each made once per test run, also under pytest-xdist), the browser and the
one pass of it over every page (tests/page_visits.py)."""

from __future__ import annotations

import fcntl
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


def shared(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` run once per test run, whichever test (and pytest-xdist worker) needs the
    folder first; the others wait for it and use the same folder. A failure is not kept across
    workers: another worker that needs the folder tries again and reports the error itself."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by its workers
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


def _strict_build(project: Path, site: Path, **env: str) -> None:
    result = build_site(project, site, **env)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site, built once per test run with --strict."""
    return shared(tmp_path_factory, "site", lambda site: _strict_build(ROOT, site))


# The variant a publisher sets through the environment (no file changes), in one build:
# the repository (edit links), the published address (DCAT record, 404.html under a
# sub-path) and a site without the chooser's memory snapshot.
PUBLISHED_REPO = "https://github.com/example/medborgardialog"
PUBLISHED_URL = "https://example.org/medborgardialog/"
PUBLISHED_ENV = {"REPO_URL": PUBLISHED_REPO, "SITE_URL": PUBLISHED_URL, "CHOOSER_SNAPSHOT": "off"}


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site built with PUBLISHED_ENV, shared by the tests of the edit links, the portal
    records, the 404 page under a sub-path and the chooser without a snapshot."""
    return shared(tmp_path_factory, "published", lambda site: _strict_build(ROOT, site, **PUBLISHED_ENV))


# What an organisation changes in its copy of the project, in one build: its own guideline as
# the primary one, its accessibility statement filled in, and a wording of its own in data/.
ORGANISATION = "krokom"
STATEMENT_FILLED = {
    "    demo: true ": "    demo: false ",
    '    organisation: "[Fyll i: organisationens namn, till exempel Exempels kommun]"': "    organisation: Exempels kommun",
    '    email: "[Fyll i: e-postadress för frågor om tillgänglighet]"': "    email: tillganglighet@exempel.se",
    "    phone: null ": '    phone: "0123-456 78" ',
    "    disproportionate_burden: []": (
        "    disproportionate_burden:\n"
        "      - content: Gamla protokoll som inskannade bilder.\n"
        "        reason: Att skriva om dem som text skulle kosta mer än nyttan för de få som läser dem."
    ),
}
LADDER_EDIT = ("hallmark: Envägskommunikation", "hallmark: Envägsinformation från kommunen")


def replace_in(path: Path, changes: dict[str, str]) -> None:
    """Replace each text in the file, failing if one is not there (the file has changed)."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, f"{path.name}: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def configure_organisation(project: Path) -> None:
    replace_in(project / "mkdocs.yml", {"  organisation: null": f"  organisation: {ORGANISATION}"} | STATEMENT_FILLED)
    replace_in(project / "data" / "ladder.yaml", dict([LADDER_EDIT]))


@pytest.fixture(scope="session")
def organisation_site(tmp_path_factory) -> Path:
    """A copy of the project as an organisation sets it up (configure_organisation), built
    strictly once per test run."""

    def make(site: Path) -> None:
        project = copy_project(site.parent / (site.name + "-project"))
        configure_organisation(project)
        _strict_build(project, site)

    return shared(tmp_path_factory, "organisation", make)


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
def organisation_url(organisation_site: Path):
    """Base URL of organisation_site served on localhost."""
    server, url = serve(organisation_site)
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


@pytest.fixture(scope="session")
def page_visits(tmp_path_factory, browser, site_url: str, built_site: Path) -> dict:
    """Every built page opened once in one Chromium context, with what it did (axe, layout,
    CSP reports, other-origin requests, storage, cookies): tests/page_visits.py. Made once per
    run; under pytest-xdist the modules that read it run in one worker (PAGE_VISIT_MODULES)."""
    from page_visits import visit_site

    def make(folder: Path) -> None:
        folder.mkdir(parents=True)
        result = visit_site(browser, site_url, built_site)
        (folder / "visits.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")

    return json.loads((shared(tmp_path_factory, "page-visits", make) / "visits.json").read_text(encoding="utf-8"))


# -- pytest-xdist: tests that share a costly fixture stay together ---------------------------

# The modules whose tests read the one browser pass (page_visits) run in one worker, so that
# no worker waits for the pass another is making. (pytest-xdist's own xdist_group mark does
# not work with pytest 9.2, which no longer lets a plugin rename a test.)
PAGE_VISIT_MODULES = ("tests/test_accessibility.py", "tests/test_layout.py", "tests/test_privacy.py")
# Handed out first, longest first, so that the two workers end at about the same time
# (measured with --durations); the other modules follow, those with the most tests first.
SLOW_FIRST = (
    "page-visits",
    "tests/test_chooser_browser.py",
    "tests/test_loader_gate.py",
    "tests/test_plan_export.py",
    "tests/test_chooser_runtime.py",
    "tests/test_comparison.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadscope (a module's tests in one worker, so its own fixtures are made once),
    with PAGE_VISIT_MODULES as one unit and SLOW_FIRST handed out first."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Modules(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return "page-visits" if module in PAGE_VISIT_MODULES else module

        def _assign_work_unit(self, node) -> None:
            first = next((scope for scope in SLOW_FIRST if scope in self.workqueue), None)
            if first:
                self.workqueue.move_to_end(first, last=False)
            super()._assign_work_unit(node)

    return Modules(config, log)
