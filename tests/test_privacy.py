"""Privacy and security of the built site, in a real browser and in the built files.

- Every page is opened with every request outside the site's origin blocked and recorded:
  none may occur. Afterwards no cookie exists and localStorage and sessionStorage are empty.
- Every page has a Content-Security-Policy <meta> with hashes of its own inline scripts;
  only the chooser page may compile WebAssembly. No violation occurs on any page, nor in the
  chooser's flow (start, answer, a new question).
- The build fails when anything in the built site would load from another origin.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, build_site, copy_project
from quality import CHOOSER, CSP_RECORDER, html_pages, is_csp_message, record_figure

from macros.publish import security

# -- every page in the browser ---------------------------------------------------------------

# Every page opened once (conftest.py's page_visits, tests/page_visits.py): requests to other
# origins recorded and refused, CSP reports, storage, then the cookies.


def _every(page_visits: dict, key: str) -> list[str]:
    return [f"{v['url'] or '/'}: {item}" for v in [*page_visits["visits"], page_visits["search"]] for item in v[key]]


def test_every_page_was_opened(page_visits: dict, built_site: Path):
    urls = [v["url"] for v in page_visits["visits"]]
    assert "" in urls and CHOOSER in urls and "404.html" in urls
    assert len(urls) == len(list(built_site.rglob("*.html")))
    record_figure("pages opened with other origins blocked", len(urls))


def test_no_request_leaves_the_sites_origin(page_visits: dict):
    external = _every(page_visits, "external")
    record_figure("external requests", len(external))
    assert external == []


def test_no_cookie_and_nothing_in_local_or_session_storage(page_visits: dict):
    assert page_visits["cookies"] == []
    assert _every(page_visits, "storage") == []


def test_no_content_security_policy_violation_on_any_page_or_in_the_chooser(page_visits: dict):
    csp = _every(page_visits, "csp")
    record_figure("CSP violations", len(csp))
    assert csp == []


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


# The type values with which a browser runs a <script> (HTML, "prepare the script element");
# others (application/json, …) are data, need no hash and are not run.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript", "module"}


class _Head(HTMLParser):
    """The CSP meta of a page, what loads or runs in <head> before it, and the text of every
    inline script (a <script> without src) as the browser hashes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.before: list[str] = []
        self.inline: list[str] = []
        self.in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values.get("content") or "")
        elif self.in_head and not self.csp and tag in ("script", "link", "style", "base"):
            self.before.append(tag)
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() in SCRIPT_TYPES:
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def csp_hash(script: str) -> str:
    """A script's CSP hash source as CSP Level 3 defines it: sha256 of its UTF-8 text, base64."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


# What each directive may allow on a page of this site: its own origin, nothing, inline
# images (the theme's icons) and, for scripts, hashes. Any host, scheme or wildcard fails.
ALLOWED_SOURCES = {"'self'", "'none'"}
EXTRA_SOURCES = {"img-src": {"data:"}, "script-src": {"'wasm-unsafe-eval'"}}


def test_every_page_has_its_policy_first_in_head_allowing_only_its_own_scripts(built_site: Path):
    checked = 0
    for html_file in sorted(built_site.rglob("*.html")):
        name = html_file.relative_to(built_site).as_posix()
        head = _Head()
        head.feed(html_file.read_text(encoding="utf-8"))
        assert len(head.csp) == 1, f"{name}: väntade en CSP-meta, fann {len(head.csp)}"
        assert head.before == [], f"{name}: {head.before} kommer före CSP:n i <head>"
        policy = directives(head.csp[0])
        assert {"default-src", "script-src", "object-src", "base-uri", "form-action"} <= set(policy), name
        assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"], name
        for directive, sources in policy.items():
            loose = [s for s in sources if s not in ALLOWED_SOURCES | EXTRA_SOURCES.get(directive, set()) and not (directive == "script-src" and s.startswith("'sha256-"))]
            assert loose == [], f"{name}: {directive} tillåter {loose}"
        # Exactly the page's own inline scripts are allowed, each by its hash.
        hashes = {s for s in policy["script-src"] if s.startswith("'sha256-")}
        assert head.inline, f"{name}: the theme's inline scripts should be there"
        assert hashes == {csp_hash(script) for script in head.inline}, name
        checked += 1
    record_figure("pages with a CSP meta", checked)
    assert checked == len(html_pages(built_site))


def test_on_every_page_the_policy_refuses_an_added_script_and_only_the_chooser_compiles_webassembly(page_visits: dict):
    """Each page's own policy, tried in the browser (tests/page_visits.py): an inline script
    added after load does not run and is reported; WebAssembly compiles only on the chooser
    page, which needs it for Pyodide."""
    probes = {v["url"]: v["probes"] for v in page_visits["visits"]}
    ran = [url for url, p in probes.items() if p["inline_script_ran"] or not (p["reported"] or "").startswith("script-src")]
    assert ran == []
    compiles = sorted(url for url, p in probes.items() if p["wasm"] == "compiled")
    assert compiles == [CHOOSER]
    assert all("CompileError" in p["wasm"] for url, p in probes.items() if url != CHOOSER)


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
