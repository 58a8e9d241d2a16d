"""The chooser's browser runtime in the site: the pinned Pyodide files, the chooser package as
a zip, the browser glue (chooser/browser/) and a memory snapshot of the started runtime.

Everything is served from the site itself; nothing is fetched from a CDN at build or run time.

    assets/pyodide/<version>/     pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm,
                                  python_stdlib.zip, pyodide-lock.json (from node_modules)
    assets/chooser/               worker.mjs, boot.mjs, page.js, chooser.css (chooser/browser/)
    assets/chooser/chooser-<hash>.zip            chooser/*.py + weights.json
    assets/chooser/chooser-<hash>.snapshot.gz    memory snapshot (see make_snapshot below)

The catalogue itself is the open-data file data/catalogue.json (macros/publish/open_data.py).

The snapshot is Pyodide's memory right after it has started, unpacked the chooser zip,
imported the engine and read its weights: loading it in the browser skips the interpreter's
start-up and the imports. It holds no data from data/: editing a method does not make a new
snapshot (the browser builds the Chooser from data/catalogue.json, which takes ~20 ms). It is made here at build time by running the same pinned Pyodide in Node
(chooser/browser/make_snapshot.mjs), is byte-for-byte reproducible, and is cached under
node_modules/.cache/ keyed by everything that goes into it. Set CHOOSER_SNAPSHOT=off in the
environment to build a site without it (the worker then starts Pyodide from scratch).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import struct
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.pages.urls import CHOOSER_ASSETS

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
BROWSER_FILES = ("worker.mjs", "boot.mjs", "page.js", "chooser.css")
# The plan's exporter (Word, Markdown, text), loaded by page.js only when a button is pressed.
# macros/publish/plan_export_files.py copies it with the Word library; it is part of the stamp here so
# that a new exporter is never mixed with a cached old page script.
PLAN_EXPORT = "plan-export.mjs"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same sources give the same zip


@dataclass(frozen=True)
class Runtime:
    """What the build copies and what the chooser page needs to know about it (site paths)."""

    version: str
    pyodide_dir: str  # e.g. assets/pyodide/314.0.7/
    package: str  # e.g. assets/chooser/chooser-0123abcd.zip
    snapshot: str | None  # None when built with CHOOSER_SNAPSHOT=off
    lock_info: dict  # the "info" of pyodide-lock.json: the worker passes it instead of fetching the file
    stamp: str  # short hash of the glue files, appended as ?v= so a new build is never mixed with a cached old one
    files: dict[str, Path | bytes]  # site path -> source file or content
    plan_export: bool = False  # chooser/browser/plan-export.mjs is there and served
    stdlib: str = ""  # e.g. assets/chooser/stdlib-0123abcd.zip: the reduced standard library
    sizes: dict | None = None  # site path -> bytes
    stdlib_pyc: str = ""  # the same library compiled, for a middling link


def _package_json(project_dir: Path) -> Path:
    """package.json of the project; a copy of the project that links node_modules (as the
    tests make) uses the one beside the linked folder."""
    own = project_dir / "package.json"
    if own.is_file() or not (project_dir / "node_modules").exists():
        return own
    return (project_dir / "node_modules").resolve().parent / "package.json"


def pinned_version(project_dir: Path) -> str:
    """The exact Pyodide version that package.json pins; a range is an error."""
    package_json = _package_json(project_dir)
    try:
        pin = json.loads(package_json.read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"package.json: väntade en exakt version av pyodide under dependencies, fann inget ({error})") from None
    if not re.fullmatch(r"\d+\.\d+\.\d+", pin):
        raise PluginError(f"package.json: väntade en exakt version av pyodide (som 314.0.7), fann ”{pin}”")
    return pin


def installed_pyodide(project_dir: Path) -> Path:
    """node_modules/pyodide, checked against the pin in package.json."""
    pin = pinned_version(project_dir)
    folder = project_dir / "node_modules" / "pyodide"
    if not (folder / "package.json").is_file():
        raise PluginError(
            f"node_modules/pyodide saknas: metodväljaren behöver Pyodide {pin} från npm. Kör scripts/bootstrap.sh (eller npm ci) i {project_dir} och bygg igen."
        )
    found = json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version")
    if found != pin:
        raise PluginError(
            f"node_modules/pyodide är version {found}, men package.json kräver {pin}. Kör scripts/bootstrap.sh (eller npm ci) så att node_modules stämmer med låsfilen."
        )
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise PluginError(f"node_modules/pyodide saknar {', '.join(missing)}. Kör npm ci igen.")
    return folder


def chooser_zip(project_dir: Path) -> bytes:
    """chooser/*.py and chooser/weights.json as a zip whose bytes depend only on their content."""
    package = project_dir / "chooser"
    sources = sorted(package.glob("*.py")) + [p for p in [package / "weights.json"] if p.is_file()]
    if not (package / "__init__.py").is_file():
        raise PluginError("chooser/__init__.py saknas: metodväljarens motor behövs för sidan Metodväljaren.")
    out = tempfile.SpooledTemporaryFile()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sources:
            info = zipfile.ZipInfo(f"chooser/{path.name}", date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    out.seek(0)
    return out.read()


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _node(project_dir: Path, args: list[str], what: str) -> None:
    script = project_dir / "chooser" / "browser" / "make_snapshot.mjs"
    try:
        result = subprocess.run(["node", str(script), *args], capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise PluginError(f"node saknas: bygget kör Pyodide i Node för att göra {what}. Installera Node 20.") from None
    if result.returncode != 0:
        raise PluginError(f"{what[:1].upper() + what[1:]} kunde inte göras (chooser/browser/make_snapshot.mjs):\n" + (result.stderr or result.stdout)[-3000:])


def _cache_key(project_dir: Path, pyodide_dir: Path, package: bytes, *extra: bytes) -> str:
    return _digest(
        (pyodide_dir / "pyodide.asm.wasm").read_bytes(),
        (pyodide_dir / "pyodide.asm.mjs").read_bytes(),
        (pyodide_dir / "pyodide.mjs").read_bytes(),
        (pyodide_dir / "python_stdlib.zip").read_bytes(),
        (project_dir / "chooser" / "browser" / "make_snapshot.mjs").read_bytes(),
        (project_dir / "chooser" / "browser" / "boot.mjs").read_bytes(),
        package,
        *extra,
    )[:24]


def _cached(cache_dir: Path | None, name: str, make) -> bytes:
    cached = cache_dir / name if cache_dir else None
    if cached and cached.is_file():
        return cached.read_bytes()
    data = make()
    if cached:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".tmp")
            partial.write_bytes(data)
            partial.replace(cached)
        except OSError:
            pass  # a read-only node_modules only costs the next build a few seconds
    return data


def reduced_stdlib(project_dir: Path, pyodide_dir: Path, package: bytes, cache_dir: Path | None, compiled: bool = False) -> bytes:
    """python_stdlib.zip with only the files that Pyodide's start and the chooser import, each
    without comments and docstrings (0.43 MB instead of 2.5 MB). Which files is measured, not
    listed: Pyodide runs the chooser's preload in Node with the full library (make_snapshot.mjs
    --stdlib). The engine's answers under this library are checked against CPython's in
    tests/test_chooser_runtime.py. `compiled`: the same modules as .pyc (1.2 MB)."""
    key = _cache_key(project_dir, pyodide_dir, package, b"stdlib-3")
    suffix = ".pyc" if compiled else ".py"

    def make() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            zip_path, out = Path(tmp) / "chooser.zip", Path(tmp) / "stdlib.zip"
            zip_path.write_bytes(package)
            boot = project_dir / "chooser" / "browser" / "boot.mjs"
            _node(project_dir, ["--stdlib", str(pyodide_dir), str(boot), str(zip_path), str(out)], "metodväljarens standardbibliotek")
            both = {".py": out.read_bytes(), ".pyc": (Path(tmp) / "stdlib-pyc.zip").read_bytes()}
        for kind, data in both.items():
            names = zipfile.ZipFile(BytesIO(data)).namelist()
            if "encodings/__init__" + kind not in names or "json/__init__" + kind not in names:
                raise PluginError("Metodväljarens standardbibliotek blev ofullständigt (chooser/browser/make_snapshot.mjs --stdlib).")
            if cache_dir and kind != suffix:
                _cached(cache_dir, f"stdlib-{key}{kind}.zip", lambda data=data: data)
        return both[suffix]

    return _cached(cache_dir, f"stdlib-{key}{suffix}.zip", make)


def make_snapshot(project_dir: Path, pyodide_dir: Path, package: bytes, cache_dir: Path | None, stdlib: bytes) -> bytes:
    """The gzipped memory snapshot for this runtime, chooser package and reduced standard
    library (cached)."""

    def make() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            zip_path, stdlib_path, raw_path = Path(tmp) / "chooser.zip", Path(tmp) / "stdlib.zip", Path(tmp) / "snapshot.bin"
            zip_path.write_bytes(package)
            stdlib_path.write_bytes(stdlib)
            boot = project_dir / "chooser" / "browser" / "boot.mjs"
            _node(project_dir, [str(pyodide_dir), str(boot), str(zip_path), str(raw_path), str(stdlib_path)], "minnesbilden för metodväljaren (eller bygg med CHOOSER_SNAPSHOT=off)")
            # mtime=0 and a fixed level: the same snapshot always gives the same bytes.
            return gzip.compress(pack_pages(raw_path.read_bytes()), compresslevel=6, mtime=0)

    key = _cache_key(project_dir, pyodide_dir, package, stdlib, SNAPSHOT_MAGIC + struct.pack("<I", PAGE))
    return _cached(cache_dir, f"chooser-{key}.snapshot.gz", make)


SNAPSHOT_MAGIC = b"CHSNAP01"
PAGE = 4096


def pack_pages(raw: bytes) -> bytes:
    """The snapshot without its all-zero pages (about half of Pyodide's memory), so the
    browser unpacks 15 MB instead of 31 MB. Layout, little-endian: magic, u32 full length,
    u32 page size, u32 page count, a bitmap with one bit per page (1 = stored), then the stored
    pages in order. chooser/browser/worker.mjs (unpackPages) reverses it."""
    count = (len(raw) + PAGE - 1) // PAGE
    bitmap = bytearray((count + 7) // 8)
    pages = []
    for index in range(count):
        page = raw[index * PAGE : (index + 1) * PAGE]
        if page.count(0) != len(page):
            bitmap[index // 8] |= 1 << (index % 8)
            pages.append(page)
    header = SNAPSHOT_MAGIC + struct.pack("<III", len(raw), PAGE, count)
    return header + bytes(bitmap) + b"".join(pages)


def unpack_pages(packed: bytes) -> bytes:
    """The inverse of pack_pages (for tests)."""
    if packed[:8] != SNAPSHOT_MAGIC:
        raise ValueError("not a packed snapshot")
    length, page, count = struct.unpack("<III", packed[8:20])
    bitmap = packed[20 : 20 + (count + 7) // 8]
    out = bytearray(length)
    offset = 20 + len(bitmap)
    for index in range(count):
        if bitmap[index // 8] >> (index % 8) & 1:
            size = min(page, length - index * page)
            out[index * page : index * page + size] = packed[offset : offset + size]
            offset += size
    return bytes(out)


def snapshot_enabled() -> bool:
    return os.environ.get("CHOOSER_SNAPSHOT", "on").lower() not in ("off", "0", "no", "false")


def runtime(project_dir: Path) -> Runtime:
    folder = installed_pyodide(project_dir)
    version = pinned_version(project_dir)
    pyodide_dir = f"assets/pyodide/{version}/"
    files: dict[str, Path | bytes] = {pyodide_dir + name: folder / name for name in PYODIDE_FILES}

    package = chooser_zip(project_dir)
    package_path = f"{CHOOSER_ASSETS}chooser-{hashlib.sha256(package).hexdigest()[:10]}.zip"
    files[package_path] = package

    cache_dir = project_dir / "node_modules" / ".cache" / "medborgardialog"
    stdlib = reduced_stdlib(project_dir, folder, package, cache_dir)
    stdlib_path = f"{CHOOSER_ASSETS}stdlib-{hashlib.sha256(stdlib).hexdigest()[:10]}.zip"
    files[stdlib_path] = stdlib
    stdlib_pyc = reduced_stdlib(project_dir, folder, package, cache_dir, compiled=True)
    stdlib_pyc_path = f"{CHOOSER_ASSETS}stdlib-{hashlib.sha256(stdlib_pyc).hexdigest()[:10]}-pyc.zip"
    files[stdlib_pyc_path] = stdlib_pyc

    snapshot_path = None
    if snapshot_enabled():
        snapshot = make_snapshot(project_dir, folder, package, cache_dir, stdlib)
        snapshot_path = f"{CHOOSER_ASSETS}chooser-{hashlib.sha256(snapshot).hexdigest()[:10]}.snapshot.gz"
        files[snapshot_path] = snapshot

    browser = project_dir / "chooser" / "browser"
    glue = b""
    for name in BROWSER_FILES:
        path = browser / name
        if not path.is_file():
            raise PluginError(f"chooser/browser/{name} saknas.")
        files[CHOOSER_ASSETS + name] = path
        glue += path.read_bytes()
    plan_export = (browser / PLAN_EXPORT).is_file()
    if plan_export:
        glue += (browser / PLAN_EXPORT).read_bytes()
    lock_info = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    stamp = hashlib.sha256(glue + package).hexdigest()[:10]
    # Bytes the browser unpacks, per file, so that the page can show progress in MB and per cent.
    sizes = {name: len(data) if isinstance(data, bytes) else data.stat().st_size for name, data in files.items()}
    return Runtime(version, pyodide_dir, package_path, snapshot_path, lock_info, stamp, files, plan_export, stdlib_path, sizes, stdlib_pyc_path)


_cache: dict[tuple, Runtime] = {}


def runtime_for(config) -> Runtime:
    """The runtime for this MkDocs config, made once per build (hooks and macros share it)."""
    project_dir = Path(config["config_file_path"]).resolve().parent
    key = (project_dir, snapshot_enabled(), _inputs_stamp(project_dir))
    if key not in _cache:
        _cache.clear()
        _cache[key] = runtime(project_dir)
    return _cache[key]


def _inputs_stamp(project_dir: Path) -> tuple:
    paths = sorted((project_dir / "chooser").glob("*.py")) + sorted((project_dir / "chooser" / "browser").glob("*"))
    paths += [project_dir / "chooser" / "weights.json", _package_json(project_dir), project_dir / "node_modules" / "pyodide" / "package.json"]
    paths += [project_dir / "chooser" / "browser" / "make_snapshot.mjs"]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file())


def runtime_files(config) -> list:
    """MkDocs File objects for every runtime file, to add to the build's files."""
    from mkdocs.structure.files import File

    out = []
    for path, source in runtime_for(config).files.items():
        if isinstance(source, Path):
            out.append(File.generated(config, path, abs_src_path=str(source)))
        else:
            out.append(File.generated(config, path, content=source))
    return out
