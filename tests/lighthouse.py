"""Lighthouse's accessibility audit (npm `lighthouse`, pinned in package.json) run with
Debian's Chromium, and one page of each page type. tests/test_lighthouse.py runs it on two of
them; every type is reported by

    .venv/bin/python benchmarks/lighthouse.py --site site/ --accessibility
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# The same flags as the browser tests (tests/conftest.py), headless.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

# One page of each type: (type, site-relative URL).
PAGE_TYPES = [
    ("startsida", ""),
    ("innehållssida", "trappan/"),
    ("metodväljaren", "metodvaljaren/"),
    ("metodkatalogen", "metoder/"),
    ("metodtabellen", "metoder/tabell/"),
    ("metod", "metoder/fokusgrupp/"),
    ("nivå", "metoder/niva-dialog/"),
    ("metoder per syfte", "metoder/syften/"),
    ("riktlinje", "riktlinjer/krokom/"),
    ("riktlinjer, översikt", "riktlinjer/"),
    ("jämförelsen", "riktlinjer/jamforelse/"),
    ("checklistor", "riktlinjer/checklistor/"),
    ("fältreferens", "faltreferens/"),
    ("tillgänglighetsredogörelse", "tillganglighet/"),
    ("404", "404.html"),  # the page a host serves for a missing address
]


def accessibility(url: str) -> tuple[int, list[str]]:
    """Lighthouse's accessibility score (0-100) for `url` and the audits that failed."""
    assert LIGHTHOUSE.exists(), "node_modules/.bin/lighthouse saknas: kör scripts/bootstrap.sh"
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--only-categories=accessibility", "--output=json", f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
            check=True,
            env=dict(os.environ, CHROME_PATH=CHROMIUM),
            timeout=180,
            capture_output=True,
        )
        result = json.loads(report.read_text(encoding="utf-8"))
    score = round(result["categories"]["accessibility"]["score"] * 100)
    failed = [key for key, audit in result["audits"].items() if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    return score, failed

