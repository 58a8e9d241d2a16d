"""Figures for the data and the build (not a test): load + validate time, full strict build,
and the rebuild of `mkdocs serve` after one method file changes.

    .venv/bin/python benchmarks/build.py
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_times(runs: int = 7) -> list[float]:
    from macros.loader import catalogue

    times = []
    for _ in range(runs):
        catalogue._cache.clear()
        started = time.perf_counter()
        catalogue.load_catalogue(ROOT / "data")
        times.append(time.perf_counter() - started)
    return times


def parser_comparison(runs: int = 5) -> tuple[float, float]:
    """Median seconds to load all of data/ with libyaml (as the loader does) and with
    PyYAML's pure-Python parser, in the same process."""
    import yaml

    from macros.loader import yaml_source

    medians = []
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        yaml_source._Loader = loader
        medians.append(statistics.median(load_times(runs)))
    yaml_source._Loader = yaml.CSafeLoader
    return medians[0], medians[1]


def build_times(runs: int = 3) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as site:
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", site], cwd=ROOT, check=True)
            times.append(time.perf_counter() - started)
    return times


def serve_rebuild_times(runs: int = 3) -> list[float]:
    """Edit one method file in a copy of the project and time until serve has rebuilt."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("docs", "data", "macros", "chooser"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        if (ROOT / "node_modules").exists():
            (project / "node_modules").symlink_to(ROOT / "node_modules")
        port = 8765
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
        built = re.compile(r"Documentation built in")
        times = []
        try:
            _wait_for(proc, re.compile(r"Serving on"), 180)
            method = project / "data" / "methods" / "fokusgrupp.yaml"
            for run in range(runs):
                time.sleep(1.5)
                text = method.read_text(encoding="utf-8")
                method.write_text(text.replace("Fokusgrupp\n", f"Fokusgrupp {run}\n", 1) if run == 0 else text.replace(f"Fokusgrupp {run - 1}\n", f"Fokusgrupp {run}\n", 1), encoding="utf-8")
                started = time.perf_counter()
                _wait_for(proc, built, 120)
                times.append(time.perf_counter() - started)
        finally:
            proc.terminate()
            proc.wait(10)
        return times


def _wait_for(proc: subprocess.Popen, pattern: re.Pattern, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("mkdocs serve stopped")
        if "ERROR" in line or "Aborted" in line:
            raise RuntimeError(line)
        if pattern.search(line):
            return
    raise TimeoutError(pattern.pattern)


def main() -> None:
    loads = load_times()
    print(f"data: load + validate all of data/: median {statistics.median(loads) * 1000:.0f} ms (min {min(loads) * 1000:.0f} ms, {len(loads)} runs; target < 1000 ms)")
    fast, slow = parser_comparison()
    print(f"data: libyaml {fast * 1000:.0f} ms against pure-Python PyYAML {slow * 1000:.0f} ms (ratio {fast / slow:.2f}, same process)")
    builds = build_times()
    print(f"build: mkdocs build --strict: median {statistics.median(builds):.1f} s (min {min(builds):.1f} s, {len(builds)} runs; target < 15 s)")
    rebuilds = serve_rebuild_times()
    print(f"serve: rebuild after editing one method file: median {statistics.median(rebuilds):.1f} s ({len(rebuilds)} runs; target < 5 s)")


if __name__ == "__main__":
    main()
