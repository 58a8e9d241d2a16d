"""Lighthouse's mobile performance score for the chooser page, or with --accessibility its
accessibility score on one page of every page type (not a test: it prints figures).

    .venv/bin/python benchmarks/lighthouse.py --site site/ --runs 3
    .venv/bin/python benchmarks/lighthouse.py --site site/ --accessibility

Serves the built site gzipped (as static hosts do) and runs the pinned Lighthouse (npm
devDependency) with Debian's Chromium in its default mobile profile (simulated Slow 4G,
4x CPU). Prints each run's score, Total Blocking Time, Largest Contentful Paint and bytes,
and the medians. The accessibility table (tests/lighthouse.py's PAGE_TYPES, one run each, about
15 s a page) was part of the test suite, where axe on every page now stands in for it
(tests/test_lighthouse.py says why); the suite still runs it on two page types.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from browser import serve_gzip  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def run(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        subprocess.run(
            [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--only-categories=performance", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}", "--quiet"],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=300,
        )
        report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "si_ms": round(audits["speed-index"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
    }


def accessibility_table(site: Path) -> None:
    import importlib.util

    from conftest import serve

    # tests/lighthouse.py by its path: this file has the same module name.
    spec = importlib.util.spec_from_file_location("lighthouse_audit", ROOT / "tests" / "lighthouse.py")
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    server, base = serve(site)
    try:
        print("| sidtyp | sida | tillgänglighet | underkända granskningar |\n| --- | --- | --- | --- |")
        for kind, url in audit.PAGE_TYPES:
            score, failed = audit.accessibility(base + url)
            print(f"| {kind} | `{url or '/'}` | {score} | {', '.join(failed) or '–'} |", flush=True)
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="", help="e.g. l=dialog&p=fordjupa for a shared link")
    parser.add_argument("--accessibility", action="store_true", help="the accessibility score of every page type instead")
    args = parser.parse_args()
    if args.accessibility:
        accessibility_table(args.site)
        return
    server, base = serve_gzip(args.site)
    try:
        url = base + "metodvaljaren/" + (f"?{args.query}" if args.query else "")
        runs = [run(url) for _ in range(args.runs)]
    finally:
        server.shutdown()
    for key in ("score", "tbt_ms", "lcp_ms", "fcp_ms", "si_ms", "cls", "bytes"):
        values = [r[key] for r in runs]
        print(f"{key}: {values} (median {statistics.median(values)})")


if __name__ == "__main__":
    main()
