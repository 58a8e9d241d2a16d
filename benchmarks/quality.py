"""Figures of the quality gates, as the tests measure them: pages checked, axe-core
violations, HTML errors, broken links, external requests, CSP violations, and how long the
quality tests take.

    .venv/bin/python benchmarks/quality.py

Runs the accessibility, privacy, sanitising and links/HTML tests once (one strict build, one
browser) with QUALITY_FIGURES set, so each test records what it counted, then prints them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_accessibility.py", "tests/test_privacy.py", "tests/test_sanitising.py", "tests/test_links_html.py"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        figures_file = Path(tmp) / "figures.json"
        env = dict(os.environ, QUALITY_FIGURES=str(figures_file), NO_MKDOCS_2_WARNING="1")
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        figures = json.loads(figures_file.read_text(encoding="utf-8")) if figures_file.exists() else {}
    summary = next(
        (
            line
            for line in reversed(result.stdout.splitlines())
            if " passed" in line or " failed" in line or " error" in line
        ),
        "",
    )
    axe_total = sum(value for key, value in figures.items() if key.startswith("axe violations"))
    chooser_states = sum(1 for key in figures if key.startswith("axe violations: chooser"))
    rows = [
        ("pages checked (axe-core, CSP, requests, HTML)", figures.get("pages checked with axe-core")),
        ("chooser states checked with axe-core", chooser_states),
        ("axe-core violations (WCAG 2.0/2.1 A, AA)", axe_total),
        ("HTML errors (Nu HTML Checker)", figures.get("HTML errors")),
        ("  theme errors filtered, with reasons", figures.get("HTML errors filtered as the theme's")),
        ("internal links and anchors checked", figures.get("internal links checked")),
        ("broken links", figures.get("broken links")),
        ("external requests", figures.get("external requests")),
        ("CSP violations (pages and chooser flow)", figures.get("CSP violations")),
        ("pages with a CSP meta", figures.get("pages with a CSP meta")),
        ("quality tests", summary.strip()),
        ("quality tests, wall time", f"{seconds:.0f} s"),
    ]
    print("Quality gates")
    for name, value in rows:
        print(f"  {name:<48} {'–' if value is None else value}")
    if result.returncode != 0:
        print(result.stdout[-4000:], file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
