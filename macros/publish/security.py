"""Build-time security: a Content-Security-Policy on every page, and a guard that fails the
build when the built site would load anything from another origin.

Both run after MkDocs has written the site (`on_post_build` in macros/hooks/build.py), so they
see exactly what a reader's browser gets, whatever the theme, a macro or a plugin produced.

The policy is a `<meta http-equiv="Content-Security-Policy">` that replaces a placeholder
put early in `<head>` by docs/overrides/main.html. The theme has inline scripts (one of them
differs with the page's depth), so their sha256 hashes are computed per page here rather than
allowing 'unsafe-inline' — but only for the scripts the build itself writes (THEME_SCRIPTS, a
fixed list): any other inline script, any event-handler attribute and any javascript:/data:
address in a page fails the build, whatever wrote it. Only the chooser page may compile
WebAssembly ('wasm-unsafe-eval').
A host that can send headers should send the same policy as a header (see the README), which
also covers `frame-ancestors`, ignored in a `<meta>`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

CSP_PLACEHOLDER = "__CSP_POLICY__"  # written by docs/overrides/main.html, replaced here
CHOOSER_PAGE = "metodvaljaren/index.html"  # the only page that runs WebAssembly (Pyodide)

# One directive a line; script-src gets the page's hashes (and 'wasm-unsafe-eval' on the
# chooser page). style-src has no 'unsafe-inline': the theme writes no inline <style> or
# style="" attribute with this configuration, and its script sets styles through the CSSOM,
# which a policy does not restrict. The browser tests check that no violation occurs.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# Script types a browser executes; others (application/json, …) are data and need no hash.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}

# Attributes that make the browser fetch something as soon as the page is shown.
_RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
# <link rel=…> values that fetch or connect; rel=canonical, alternate, prev, next do not.
_FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "prerender",
}

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.IGNORECASE)  # @import url(…) is a url() above
# Absolute URLs handed straight to a loader in JavaScript. Dynamic URLs built at run time
# cannot be seen here; the CSP (connect-src, script-src 'self') blocks those in the page.
_JS_LOADS = re.compile(
    r"""(?:\bimport\s*\(\s*|\bimportScripts\s*\(\s*|\bfetch\s*\(\s*|\bimport\s+[^;'"`]*?\bfrom\s*|\bimport\s*)"""
    r"""(['"`])((?:[a-z][a-z0-9+.-]*:)?//[^'"`\s]+)\1""",
    re.IGNORECASE,
)


# The inline scripts of mkdocs-material 9.8 (base.html), as sha256 of their text with the
# page's relative path to the site root written as ".". A new theme version that changes them
# fails the build with a message naming the script, so the list is updated on purpose.
THEME_SCRIPTS = {
    "6a9a103c779f08d5a3c5b0a6f87cd50ce016e024955a163b5729508e0385c9f9": "__md_scope (theme state, base.html)",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f": "tabbed content anchor (base.html)",
}
_SCOPE = re.compile(r'new URL\("[^"\\<]*",location\)')
# Attributes whose value is an address a browser may follow or load.
_URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background", "cite", "ping"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def theme_script_id(text: str) -> str:
    """The key of an inline script in THEME_SCRIPTS: its text with the root path normalised."""
    return hashlib.sha256(_SCOPE.sub('new URL(".",location)', text).encode("utf-8")).hexdigest()


def is_external(url: str) -> bool:
    """True for a URL on another origin (scheme://… or //…); data:, blob: and paths are local."""
    return bool(_EXTERNAL.match(url))


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline script's exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


@dataclass
class PageScan:
    """What one built HTML page contains that matters for its policy and its requests."""

    inline_scripts: list[str] = field(default_factory=list)
    resources: list[tuple[str, str]] = field(default_factory=list)  # (where, url)
    inline_styles: int = 0  # <style> elements and style="" attributes
    event_handlers: list[str] = field(default_factory=list)  # on…= attributes
    bad_urls: list[str] = field(default_factory=list)  # javascript:, vbscript:, data: addresses


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.scan.event_handlers.append(f"<{tag} {name}>")
            if name in _URL_ATTRS and _BAD_SCHEME.match(value):
                self.scan.bad_urls.append(f"<{tag} {name}=\"{value[:40]}\">")
            if name == "style":
                self.scan.inline_styles += 1
                self.scan.resources += [(f"<{tag} style>", m.group(2)) for m in _CSS_URL.finditer(value)]
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            if attr in values:
                urls = _srcset_urls(values[attr]) if attr == "srcset" else [values[attr]]
                self.scan.resources += [(f"<{tag} {attr}>", url) for url in urls]
        if tag == "link" and set(values.get("rel", "").lower().split()) & _FETCHING_RELS and "href" in values:
            self.scan.resources.append((f'<link rel="{values["rel"]}">', values["href"]))
        if tag == "script" and "src" not in values and values.get("type", "").lower().strip() in _JS_TYPES:
            self._script = []
        elif tag == "style":
            self._style = []
            self.scan.inline_styles += 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            if text:
                self.scan.inline_scripts.append(text)
            self._script = None
        elif tag == "style" and self._style is not None:
            self.scan.resources += [("<style>", url) for url in css_urls("".join(self._style))]
            self._style = None


def scan_html(text: str) -> PageScan:
    # The HTML parser turns CR LF into LF before a browser hashes a script; do the same.
    scanner = _Scanner()
    scanner.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    scanner.close()
    return scanner.scan


def css_urls(text: str) -> list[str]:
    return [m.group(2) for m in _CSS_URL.finditer(text)] + [m.group(2) for m in _CSS_IMPORT.finditer(text)]


def js_loads(text: str) -> list[str]:
    return [m.group(2) for m in _JS_LOADS.finditer(text)]


def policy(page_path: str, script_hashes: list[str]) -> str:
    """The policy for the built page at `page_path` (relative to the site, forward slashes)."""
    directives = {name: list(values) for name, values in POLICY.items()}
    if page_path == CHOOSER_PAGE:
        # Pyodide compiles WebAssembly; nothing else on the site may.
        directives["script-src"].append("'wasm-unsafe-eval'")
    directives["script-src"] += sorted(set(script_hashes))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def page_problems(name: str, scan: PageScan) -> list[str]:
    """What in one page the build did not write: scripts, handlers, script addresses."""
    problems = [
        f"{name}: ett inline-skript som bygget inte har skrivit: ”{script.strip()[:60]}”"
        for script in scan.inline_scripts
        if theme_script_id(script) not in THEME_SCRIPTS
    ]
    problems += [f"{name}: en händelsehanterare i HTML ({handler})" for handler in scan.event_handlers]
    problems += [f"{name}: en adress som kör kod eller bäddar in data ({url})" for url in scan.bad_urls]
    return problems


def apply_csp(site_dir: Path) -> tuple[list[str], list[str]]:
    """Write each page's policy into its placeholder, hashing only the build's own scripts.
    Returns the pages the theme did not mark and the problems found in pages."""
    unmarked, problems = [], []
    for html_file in sorted(site_dir.rglob("*.html")):
        name = html_file.relative_to(site_dir).as_posix()
        text = html_file.read_text(encoding="utf-8")
        if CSP_PLACEHOLDER not in text:
            unmarked.append(name)
            continue
        scan = scan_html(text)
        problems += page_problems(name, scan)
        hashes = [sha256_source(s) for s in scan.inline_scripts if theme_script_id(s) in THEME_SCRIPTS]
        html_file.write_text(text.replace(CSP_PLACEHOLDER, policy(name, hashes), 1), encoding="utf-8")
    return unmarked, problems


def external_assets(site_dir: Path) -> list[tuple[str, str, str]]:
    """(file, where, url) for every reference in the built site that would load from elsewhere."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in {".html", ".css", ".js", ".mjs"} or not path.is_file():
            continue
        name = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix == ".html":
            found += [(name, where, url) for where, url in scan_html(text).resources if is_external(url)]
        elif suffix == ".css":
            found += [(name, "CSS", url) for url in css_urls(text) if is_external(url)]
        else:
            found += [(name, "JavaScript", url) for url in js_loads(text)]
    return found


def check_site(site_dir: Path) -> list[str]:
    """Apply the CSP and look for external assets; returns the problems (empty when fine)."""
    unmarked, problems = apply_csp(site_dir)
    problems += [f"{name}: saknar platshållaren för Content-Security-Policy ({CSP_PLACEHOLDER})" for name in unmarked]
    problems += [
        f"{name}: {where} hämtar från en annan webbplats: {url}" for name, where, url in external_assets(site_dir)
    ]
    return problems
