"""Privacy and security of the built site, in a real browser and in the built files.

- Every page is opened with every request outside the site's origin blocked and recorded:
  none may occur. Afterwards no cookie exists and localStorage and sessionStorage are empty.
- Every page has a Content-Security-Policy <meta> with hashes of its own inline scripts;
  only the chooser page may compile WebAssembly. No violation occurs on any page, nor in the
  chooser's flow (start, answer, a new question).
- The build fails when anything in the built site would load from another origin.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project
from quality import CHOOSER, CSP_RECORDER, html_pages, is_csp_message, record_figure

from macros.publish import security

# -- every page in the browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def visits(browser, site_url: str, built_site: Path) -> dict:
    """Open every page once (the chooser through its whole flow) and record what happened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    external: list[str] = []
    csp: list[str] = []

    def same_origin(url: str) -> bool:
        return url.startswith((site_url, "data:", "blob:"))

    # Every request of the pages and of their workers is seen here; those to another origin
    # are recorded and refused, so nothing leaves the machine even if one slipped through.
    context.on("request", lambda request: None if same_origin(request.url) else external.append(request.url))
    context.route(
        "**/*", lambda route: route.continue_() if same_origin(route.request.url) else route.abort("blockedbyclient")
    )
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.on("console", lambda message: csp.append(f"console: {message.text}") if is_csp_message(message.text) else None)
    storage: list[str] = []
    pages = html_pages(built_site)
    for url in pages:
        page.goto(site_url + url)
        page.wait_for_load_state("load")
        if url == CHOOSER:
            # The whole flow: the worker starts Pyodide, answers the default question, then a
            # question from the form.
            page.wait_for_function("() => document.documentElement.dataset.chooser === 'ready'", timeout=60_000)
            page.wait_for_function("() => document.documentElement.dataset.chooserAnswered === '1'")
            page.locator("#chooser-form input[type=checkbox]").first.check()
            page.locator("#chooser-form [type=submit]").first.click()
            page.wait_for_function("() => Number(document.documentElement.dataset.chooserAnswers) >= 2")
        csp += [f"{url or '/'}: {v}" for v in page.evaluate("() => window.__cspViolations")]
        local, session = page.evaluate("() => [Object.keys(localStorage), Object.keys(sessionStorage)]")
        storage += [f"{url or '/'}: localStorage {key}" for key in local] + [
            f"{url or '/'}: sessionStorage {key}" for key in session
        ]
    # The theme's search (its worker loads the index) and a link followed from its results.
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("dialog")
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    csp += [f"sökning: {v}" for v in page.evaluate("() => window.__cspViolations")]
    local, session = page.evaluate("() => [Object.keys(localStorage), Object.keys(sessionStorage)]")
    storage += [f"sökning: localStorage {key}" for key in local] + [f"sökning: sessionStorage {key}" for key in session]
    result = {"pages": pages, "external": external, "csp": csp, "storage": storage, "cookies": context.cookies()}
    context.close()
    record_figure("pages opened with other origins blocked", len(pages))
    record_figure("external requests", len(external))
    record_figure("CSP violations", len(csp))
    return result


def test_every_page_was_opened(visits: dict, built_site: Path):
    assert "" in visits["pages"] and CHOOSER in visits["pages"] and "404.html" in visits["pages"]
    assert len(visits["pages"]) == len(list(built_site.rglob("*.html")))


def test_no_request_leaves_the_sites_origin(visits: dict):
    assert visits["external"] == []


def test_no_cookie_and_nothing_in_local_or_session_storage(visits: dict):
    assert visits["cookies"] == []
    assert visits["storage"] == []


def test_no_content_security_policy_violation_on_any_page_or_in_the_chooser(visits: dict):
    assert visits["csp"] == []


def test_the_recorders_see_a_violation_and_an_external_request(page, site_url: str):
    """The zero counts above are not vacuous: an inline script, an external image and an
    external fetch are refused by the policy, and each is reported."""
    external: list[str] = []
    page.context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: (external.append(route.request.url), route.abort())
    )
    page.context.add_init_script(CSP_RECORDER)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if is_csp_message(message.text) else None)
    page.goto(site_url + "trappan/")
    page.evaluate(
        """() => {
             const script = document.createElement("script");
             script.textContent = "window.__injected = true";
             document.body.append(script);
             const img = document.createElement("img");
             img.src = "https://example.org/pixel.png";
             document.body.append(img);
             return fetch("https://example.org/data.json").catch(() => null);
           }"""
    )
    page.wait_for_timeout(200)
    violations = page.evaluate("() => window.__cspViolations")
    assert page.evaluate("() => window.__injected === undefined")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src") and "example.org" in v for v in violations), violations
    assert any(v.startswith("connect-src") for v in violations), violations
    assert console, "Chromium reports violations on the console too"
    assert external == []  # the policy stopped them before any request was made


# -- the policy in the built pages -------------------------------------------------------------


class _Head(HTMLParser):
    """The CSP meta of a page, and what loads or runs in <head> before it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.before: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values.get("content") or "")
        elif self.in_head and not self.csp and tag in ("script", "link", "style", "base"):
            self.before.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_has_its_policy_first_in_head_and_only_the_chooser_allows_wasm(built_site: Path):
    checked = 0
    for html_file in sorted(built_site.rglob("*.html")):
        name = html_file.relative_to(built_site).as_posix()
        text = html_file.read_text(encoding="utf-8")
        head = _Head()
        head.feed(text)
        assert len(head.csp) == 1, f"{name}: väntade en CSP-meta, fann {len(head.csp)}"
        assert head.before == [], f"{name}: {head.before} kommer före CSP:n i <head>"
        policy = directives(head.csp[0])
        expected = {key: list(values) for key, values in security.POLICY.items()}
        scripts = policy.pop("script-src")
        assert policy == {k: v for k, v in expected.items() if k != "script-src"}, name
        wasm = "'wasm-unsafe-eval'" in scripts
        assert wasm == (name == security.CHOOSER_PAGE), f"{name}: 'wasm-unsafe-eval' {'finns' if wasm else 'saknas'}"
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, name
        # Exactly the page's own inline scripts are allowed, each by its hash.
        hashes = {s for s in scripts if s.startswith("'sha256-")}
        assert hashes == {security.sha256_source(s) for s in security.scan_html(text).inline_scripts}, name
        assert hashes, f"{name}: the theme's inline scripts should be there and hashed"
        checked += 1
    record_figure("pages with a CSP meta", checked)
    assert checked == len(html_pages(built_site))


def test_only_the_chooser_page_may_compile_webassembly(page, site_url: str):
    """'wasm-unsafe-eval' is there because it is needed, and only where it is needed."""
    compile_wasm = """async () => {
        try { await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return "compiled"; }
        catch (error) { return String(error); }
    }"""
    page.goto(site_url + "trappan/")
    assert "CompileError" in page.evaluate(compile_wasm)
    page.goto(site_url + CHOOSER)
    assert page.evaluate(compile_wasm) == "compiled"


# -- the build fails on an external asset ------------------------------------------------------


def test_the_guard_finds_each_kind_of_external_reference():
    html = """<!doctype html><html><head>
      <link rel="stylesheet" href="https://cdn.example.org/x.css">
      <link rel="preconnect" href="https://fonts.example.org">
      <link rel="icon" href="//example.org/favicon.ico">
      <link rel="canonical" href="https://example.org/page/">
      <script src="https://example.org/x.js"></script>
      <style>@import url("https://example.org/y.css"); body { background: url(https://example.org/bg.png) }</style>
    </head><body>
      <a href="https://example.org/">a link is not a request</a>
      <img src="https://example.org/a.png" srcset="local.png 1x, https://example.org/b.png 2x" alt="">
      <div style="background-image: url('https://example.org/c.png')"></div>
      <iframe src="https://example.org/embed"></iframe>
      <svg><use href="https://example.org/sprite.svg#i"></use></svg>
      <img src="data:image/png;base64,AAAA" alt=""><img src="../local.png" alt="">
    </body></html>"""
    urls = sorted(url for _, url in security.scan_html(html).resources if security.is_external(url))
    assert urls == sorted(
        [
            "https://cdn.example.org/x.css",
            "https://fonts.example.org",
            "//example.org/favicon.ico",
            "https://example.org/x.js",
            "https://example.org/y.css",
            "https://example.org/bg.png",
            "https://example.org/a.png",
            "https://example.org/b.png",
            "https://example.org/c.png",
            "https://example.org/embed",
            "https://example.org/sprite.svg#i",
        ]
    )
    assert security.css_urls(
        "@import 'https://e.org/a.css'; a { b: url(data:x) } c { d: url(\"//e.org/f.woff2\") }"
    ) == ["data:x", "//e.org/f.woff2", "https://e.org/a.css"]
    js = """import x from "https://e.org/m.js"; import("https://e.org/d.js"); importScripts('https://e.org/w.js');
            fetch(`https://e.org/api`); fetch("./local.json"); const text = "see https://e.org/docs";"""
    assert security.js_loads(js) == [
        "https://e.org/m.js",
        "https://e.org/d.js",
        "https://e.org/w.js",
        "https://e.org/api",
    ]


def test_the_build_fails_on_an_external_asset(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    if not (project / "package.json").exists():
        shutil.copyfile(ROOT / "package.json", project / "package.json")
    start = project / "docs" / "index.md"
    start.write_text(
        start.read_text(encoding="utf-8")
        + '\n<img src="https://images.example.org/logo.png" alt="Logotyp">\n\n[En vanlig länk](https://example.org/) är tillåten.\n',
        encoding="utf-8",
    )
    (project / "docs" / "assets" / "extra.css").write_text(
        "@import url(https://fonts.example.org/css?family=Roboto);\n", encoding="utf-8"
    )
    (project / "docs" / "assets" / "extra.js").write_text('fetch("https://stats.example.org/hit");\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "extra_css:\n", "extra_javascript:\n  - assets/extra.js\nextra_css:\n  - assets/extra.css\n", 1
        ),
        encoding="utf-8",
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    report = result.stderr + result.stdout
    assert "index.html: <img src> hämtar från en annan webbplats: https://images.example.org/logo.png" in report, report
    assert (
        "assets/extra.css: CSS hämtar från en annan webbplats: https://fonts.example.org/css?family=Roboto" in report
    ), report
    assert "assets/extra.js: JavaScript hämtar från en annan webbplats: https://stats.example.org/hit" in report, report
    assert not any(line.rstrip().endswith(" https://example.org/") for line in report.splitlines()), (
        report
    )  # a plain link is fine
