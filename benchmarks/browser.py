"""Figures for the chooser in the browser (not a test): Debian's Chromium, headless, on localhost.

    .venv/bin/python benchmarks/browser.py            # builds the site first (mkdocs build --strict)
    .venv/bin/python benchmarks/browser.py --runs 3   # fewer runs

Cold = a new browser context (empty cache); warm = a second load in the same context. Five runs
each; the medians are printed for
  (a) time to first content (first-contentful-paint),
  (b) time until the chooser has answered the first query (the page's "chooser-answered" mark),
  (c) time per re-rank in the worker (engine call, measured in the worker),
  (d) the longest main-thread task (PerformanceObserver "longtask"; 0 when none reached 50 ms),
  (e) bytes transferred for the chooser page and for a content page,
and the baseline: bare Pyodide loaded on the main thread from the same files, time to ready.

The site is served twice over: by a plain server (like `python -m http.server`, no compression)
and by one that gzips text and WebAssembly the way static hosts usually do. Times are taken on
the compressing server; bytes are shown for both. The snapshot's trade is measured too: the
same site built with CHOOSER_SNAPSHOT=off (the worker then starts Pyodide from scratch).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

CHOOSER_PAGE = "metodvaljaren/"
CONTENT_PAGE = "metoder/fokusgrupp/"
PYODIDE_MARKERS = ("/assets/pyodide/", ".snapshot.gz", "/assets/chooser/chooser-", "/assets/chooser/worker.mjs", "/assets/chooser/boot.mjs")
# Queries for the re-rank figure: different inputs, in the URL form the page uses.
RERANK_QUERIES = [
    "l=dialog&p=fordjupa",
    "l=konsultation&p=samla-synpunkter&t=ungdomar,aldre&n=200",
    "l=inflytande&p=utveckla-ideer,fysisk-miljo&w=12&b=medel&f=fysiskt",
    "l=information&p=informera&t=alla&f=digitalt",
    "i=0",
    "l=medbeslutande&p=prioritera&o=uppsala",
    "l=dialog&p=hantera-konflikt&t=berorda-aktiva,berorda-lagaktiva&n=40&w=6&o=krokom",
    "p=ge-rekommendation&n=25&w=20&b=hog",
    "t=barn,foraldrar&f=hybrid&o=alingsas",
    "l=konsultation&p=forbattra-service&t=brukare&o=solna",
]
LONGTASKS = """
window.__longtasks = [];
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push(e.duration); })
    .observe({ type: "longtask", buffered: true });
} catch (e) {}
"""
BASELINE_HTML = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Baseline</title></head>
<body><p>Bare Pyodide on the main thread.</p><script type="module" src="baseline.mjs"></script></body></html>
"""
BASELINE_JS = """import { loadPyodide } from "../assets/pyodide/VERSION/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/VERSION/", location.href).href });
pyodide.runPython("1 + 1");
performance.mark("pyodide-ready");
document.documentElement.dataset.ready = "1";
"""
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".map", ".wasm", ".csv", ".md"}


class _PlainHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
        ".gz": "application/gzip",
    }

    def log_message(self, *args) -> None:
        pass


class _GzipHandler(_PlainHandler):
    """Serves a gzipped copy of text and WebAssembly when the browser accepts it (cached)."""

    cache: dict[str, tuple[bytes, float]] = {}
    lock = threading.Lock()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder with a slash
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        stat = path.stat()
        with self.lock:
            cached = self.cache.get(str(path))
            if not cached or cached[1] != stat.st_mtime:
                cached = (gzip.compress(path.read_bytes(), compresslevel=6, mtime=0), stat.st_mtime)
                self.cache[str(path)] = cached
        body = cached[0]
        since = self.headers.get("If-Modified-Since")
        last_modified = self.date_time_string(int(stat.st_mtime))
        if since == last_modified:
            self.send_response(304)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        return io.BytesIO(body)


def _precompress(directory: Path) -> None:
    """Fill the gzip server's cache first, so no run pays for compressing on the fly."""
    for path in directory.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            _GzipHandler.cache[str(path)] = (gzip.compress(path.read_bytes(), compresslevel=6, mtime=0), path.stat().st_mtime)


def serve(directory: Path, handler_class) -> tuple[ThreadingHTTPServer, str]:
    if handler_class is _GzipHandler:
        _precompress(directory)
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def serve_gzip(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """The site served gzipped, as static hosts do (also used by benchmarks/throttled.py)."""
    return serve(directory, _GzipHandler)


def build(site_dir: Path, snapshot: bool) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHOOSER_SNAPSHOT="on" if snapshot else "off")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)], cwd=ROOT, check=True, env=env)
    version = next((site_dir / "assets" / "pyodide").iterdir()).name
    bench = site_dir / "_benchmark"
    bench.mkdir()
    (bench / "baseline.html").write_text(BASELINE_HTML, encoding="utf-8")
    (bench / "baseline.mjs").write_text(BASELINE_JS.replace("VERSION", version), encoding="utf-8")
    print(f"built {site_dir.name} ({'with' if snapshot else 'without'} snapshot) in {time.perf_counter() - started:.1f} s", flush=True)


class _Recorder:
    """Every request a page makes (its workers' too), for the bytes on the wire."""

    def __init__(self, page) -> None:
        self.requests = []
        page.on("requestfinished", lambda request: self.requests.append(request))

    def bytes(self) -> tuple[int, int]:
        """(all bytes, Pyodide/chooser-runtime bytes) received: bodies as sent plus headers."""
        total = runtime = 0
        for request in self.requests:
            sizes = request.sizes()
            n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            total += n
            if any(marker in request.url for marker in PYODIDE_MARKERS):
                runtime += n
        return total, runtime


def _wait(page, selector: str, timeout: float = 60000) -> None:
    # A locator, not wait_for_function: the page's CSP (rightly) forbids eval.
    page.locator(selector).wait_for(state="attached", timeout=timeout)


def chooser_run(context, base: str, reranks: bool) -> dict:
    page = context.new_page()
    recorder = _Recorder(page)
    page.goto(base + CHOOSER_PAGE)
    _wait(page, "html[data-chooser-answered='1']")
    figures = page.evaluate(
        """() => ({
        fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
        answered: performance.getEntriesByName("chooser-answered")[0].startTime,
        ready: performance.getEntriesByName("chooser-ready")[0].startTime,
        worker: window.__chooser.timings.worker,
        longest: Math.max(0, ...window.__longtasks),
      })"""
    )
    figures["rerank"] = []
    if reranks:
        for query in RERANK_QUERIES:
            count = int(page.evaluate("() => document.documentElement.dataset.chooserAnswers"))
            page.evaluate("(q) => window.__chooser.ask({ query: q })", query)
            _wait(page, f"html[data-chooser-answers='{count + 1}']")
        figures["rerank"] = page.evaluate("() => window.__chooser.timings.rerankMs.slice(1)")
        figures["longest"] = page.evaluate("() => Math.max(0, ...window.__longtasks)")
    page.wait_for_timeout(300)  # let late requests (search index) finish
    figures["bytes"], figures["runtime_bytes"] = recorder.bytes()
    page.close()
    return figures


def baseline_run(context, base: str) -> dict:
    page = context.new_page()
    recorder = _Recorder(page)
    page.goto(base + "_benchmark/baseline.html")
    _wait(page, "html[data-ready='1']")
    ready = page.evaluate("() => performance.getEntriesByName('pyodide-ready')[0].startTime")
    longest = page.evaluate("() => Math.max(0, ...window.__longtasks)")
    total, _ = recorder.bytes()
    page.close()
    return {"ready": ready, "longest": longest, "bytes": total}


def content_run(context, base: str) -> dict:
    page = context.new_page()
    recorder = _Recorder(page)
    page.goto(base + CONTENT_PAGE, wait_until="load")
    page.wait_for_timeout(800)  # the theme's search worker fetches its index after load
    fcp = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    longest = page.evaluate("() => Math.max(0, ...window.__longtasks)")
    total, runtime = recorder.bytes()
    page.close()
    return {"fcp": fcp, "longest": longest, "bytes": total, "runtime_bytes": runtime}


def _new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.add_init_script(LONGTASKS)
    return context


def measure(browser, base: str, runs: int, label: str) -> dict:
    """Cold and warm figures for the chooser page, the baseline and a content page."""
    out: dict[str, list] = {}

    def add(key: str, value) -> None:
        out.setdefault(key, []).append(value)

    for _ in range(runs):
        for kind, run in (("chooser", lambda c: chooser_run(c, base, True)), ("baseline", lambda c: baseline_run(c, base)), ("content", lambda c: content_run(c, base))):
            context = _new_context(browser)
            cold = run(context)
            warm = run(context)
            context.close()
            for temp, figures in (("cold", cold), ("warm", warm)):
                for key, value in figures.items():
                    if key == "rerank":
                        out.setdefault(f"{kind}.rerank", []).extend(value)
                    elif key != "worker":
                        add(f"{kind}.{temp}.{key}", value)
                if kind == "chooser":
                    add(f"chooser.{temp}.worker", figures["worker"])
    print(f"  measured {label}: {runs} runs", flush=True)
    return out


def med(values: list) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", " ")


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:.2f} MB"


def report(f: dict, plain: dict, nosnap: dict | None, runs: int) -> None:
    print()
    print(f"Chooser in the browser: medians of {runs} runs, Chromium headless on localhost, gzip server")
    for temp in ("cold", "warm"):
        print(f"{temp}:")
        print(f"  (a) time to first content, chooser page:     {med(f[f'chooser.{temp}.fcp']):6.0f} ms   (content page {med(f[f'content.{temp}.fcp']):.0f} ms)")
        print(f"  (b) chooser answered the first query:         {med(f[f'chooser.{temp}.answered']):6.0f} ms   (worker ready {med(f[f'chooser.{temp}.ready']):.0f} ms)")
        print(f"      baseline, bare Pyodide on the main thread: {med(f[f'baseline.{temp}.ready']):6.0f} ms to ready")
        ratio = med(f[f"chooser.{temp}.answered"]) / med(f[f"baseline.{temp}.ready"])
        print(f"      ratio (b)/(baseline):                      {ratio:6.2f}")
        print(f"  (d) longest main-thread task, chooser page:   {med(f[f'chooser.{temp}.longest']):6.0f} ms   (content page {med(f[f'content.{temp}.longest']):.0f} ms, baseline {med(f[f'baseline.{temp}.longest']):.0f} ms)")
        print(f"      worst run, chooser page:                   {max(f[f'chooser.{temp}.longest']):6.0f} ms")
        print(f"  (e) bytes, chooser page:  {mb(med(f[f'chooser.{temp}.bytes']))} gzip server, {mb(med(plain[f'chooser.{temp}.bytes']))} plain server")
        print(f"      bytes, content page:  {kb(med(f[f'content.{temp}.bytes']))} gzip server, {kb(med(plain[f'content.{temp}.bytes']))} plain server; Pyodide bytes: {med(f[f'content.{temp}.runtime_bytes']):.0f}")
        print(f"      bytes, baseline:      {mb(med(f[f'baseline.{temp}.bytes']))} gzip server, {mb(med(plain[f'baseline.{temp}.bytes']))} plain server")
        steps = f[f"chooser.{temp}.worker"]
        # Runs may take different paths (snapshot or compiled library, by the measured link).
        keys = list(dict.fromkeys(k for s in steps for k in s))
        print("      steps in the worker (ms after navigation start): " + ", ".join(f"{k} {med([s[k] for s in steps if k in s]):.0f}" for k in keys))
    print(f"  (c) re-rank in the worker: median {med(f['chooser.rerank']):.1f} ms, max {max(f['chooser.rerank']):.1f} ms ({len(f['chooser.rerank'])} re-ranks)")
    cold_ratio = med(f["chooser.cold.answered"]) / med(f["baseline.cold.ready"])
    print()
    print("Targets:")
    print(f"  (b) cold <= 0.6 x baseline: {cold_ratio:.2f} x  {'OK' if cold_ratio <= 0.6 else 'MISSED'}")
    print(f"  (b) warm < 800 ms: {med(f['chooser.warm.answered']):.0f} ms  {'OK' if med(f['chooser.warm.answered']) < 800 else 'MISSED'}")
    print(f"  (c) < 50 ms: {med(f['chooser.rerank']):.1f} ms  {'OK' if med(f['chooser.rerank']) < 50 else 'MISSED'}")
    worst = max(max(f["chooser.cold.longest"]), max(f["chooser.warm.longest"]))
    print(f"  (d) < 200 ms: median {max(med(f['chooser.cold.longest']), med(f['chooser.warm.longest'])):.0f} ms, worst {worst:.0f} ms  {'OK' if worst < 200 else 'MISSED'}")
    content_runtime = max(f["content.cold.runtime_bytes"] + f["content.warm.runtime_bytes"])
    print(f"  (e) content page: {content_runtime} Pyodide bytes, {kb(med(f['content.cold.bytes']))} gzip / {kb(med(plain['content.cold.bytes']))} plain  {'OK' if content_runtime == 0 and med(f['content.cold.bytes']) < 400 * 1024 else 'MISSED'}")
    if nosnap:
        print()
        print("The snapshot's trade (same site built with CHOOSER_SNAPSHOT=off):")
        for temp in ("cold", "warm"):
            print(
                f"  {temp}: first answer {med(nosnap[f'chooser.{temp}.answered']):.0f} ms without snapshot, {med(f[f'chooser.{temp}.answered']):.0f} ms with; "
                f"bytes {mb(med(nosnap[f'chooser.{temp}.bytes']))} without, {mb(med(f[f'chooser.{temp}.bytes']))} with (gzip server)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-compare", action="store_true", help="skip the build and runs without the snapshot")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, snapshot=True)
        nosnap_site = Path(tmp) / "site-without-snapshot"
        if not args.no_compare:
            build(nosnap_site, snapshot=False)
        servers = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                server, base = serve(site, _GzipHandler)
                servers.append(server)
                figures = measure(browser, base, args.runs, "gzip server")
                server, plain_base = serve(site, _PlainHandler)
                servers.append(server)
                plain = measure(browser, plain_base, max(1, args.runs // 2 + 1), "plain server")
                nosnap = None
                if not args.no_compare:
                    server, nosnap_base = serve(nosnap_site, _GzipHandler)
                    servers.append(server)
                    nosnap = measure(browser, nosnap_base, args.runs, "without snapshot")
            finally:
                browser.close()
                for server in servers:
                    server.shutdown()
        report(figures, plain, nosnap, args.runs)


if __name__ == "__main__":
    main()
