"""Helpers shared by the quality-gate tests (accessibility, privacy, links and HTML): the
built pages, axe-core, the browser hooks that record requests and CSP violations, and the
figures the tests report (benchmarks/quality.py prints them)."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHOOSER = "metodvaljaren/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best-practice rules too: Lighthouse's accessibility audit runs them (aria-allowed-role,
# aria-dialog-name, heading-order, landmark rules), and so do we.
AXE_TAGS = [*WCAG_TAGS, "best-practice"]
# and the four rules outside those tags that Lighthouse's accessibility audit enables too
# (node_modules/lighthouse/core/gather/gatherers/accessibility.js), so that axe on every page
# checks every rule Lighthouse does (tests/test_lighthouse.py).
AXE_RULES = ["identical-links-same-purpose", "table-fake-caption", "target-size", "td-has-header"]


def html_pages(site: Path) -> list[str]:
    """Site-relative URLs of every built HTML page ("" for the home page, "trappan/", "404.html")."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
    return urls


# Runs before any script of every page (and again after each navigation): collects CSP
# violations, including those of the theme's and the chooser's scripts.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile || location.pathname}:${event.lineNumber} ${event.sample || ""}`);
});
"""


def is_csp_message(text: str) -> bool:
    """A console message in which Chromium reports a Content-Security-Policy violation."""
    return "Content Security Policy" in text or "Content-Security-Policy" in text


def run_axe(page, tags: list[str] = AXE_TAGS) -> list[dict]:
    """axe-core's violations on the page as it is now: WCAG 2.0/2.1 A and AA, best practice
    and AXE_RULES."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not restrict.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async ([tags, rules]) => {
             const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                                                rules: Object.fromEntries(rules.map((id) => [id, {enabled: true}]))});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
           }""",
        [tags, AXE_RULES],
    )
    return result


def describe_violations(by_page: dict[str, list[dict]]) -> str:
    lines = []
    for url, violations in by_page.items():
        for v in violations:
            lines.append(f"{url or '/'}: {v['id']} ({v['impact']}): {v['help']}")
            lines += [f"    {node}" for node in v["nodes"]]
    return "\n".join(lines)


def record_figure(name: str, value) -> None:
    """Keep a figure for the closing note when QUALITY_FIGURES names a JSON file."""
    target = os.environ.get("QUALITY_FIGURES")
    if not target:
        return
    path = Path(target)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist's workers write the same file
        figures = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        figures[name] = value
        path.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
