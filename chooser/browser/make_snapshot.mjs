// Make the chooser's Pyodide memory snapshot at build time (called by macros/publish/runtime.py):
//
//   node chooser/browser/make_snapshot.mjs <node_modules/pyodide> <chooser/browser/boot.mjs> <chooser.zip> <out.bin> <stdlib.zip>
//   node chooser/browser/make_snapshot.mjs --stdlib <node_modules/pyodide> <chooser/browser/boot.mjs> <chooser.zip> <out.zip>
//
// --stdlib writes the reduced standard library: only the files that Pyodide's start and the
// chooser import (measured with the full library), each without comments and docstrings
// (ast.unparse of Pyodide's own Python; `python -OO` drops docstrings too), 0.43 MB instead
// of 2.5 MB, and beside it the same modules compiled (<out>-pyc.zip, 1.2 MB, which a phone on a
// middling link gets: it saves seconds of compiling). The snapshot is made with the first.
//
// It starts the pinned Pyodide in Node, runs the same `prepare` as the browser worker does
// without a snapshot (chooser/browser/boot.mjs) and writes Pyodide's memory. The snapshot only works with the
// exact runtime that made it (Pyodide checks a build id), so the build copies both together.
//
// Reproducible: the same inputs give the same bytes. Randomness and clocks are fixed before
// Pyodide starts, so the hash seed, the random state of libc and the file times in memory do
// not vary. The snapshot holds no secret: the chooser needs no randomness.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const listModules = process.argv[2] === "--stdlib";
const [pyodideDir, bootPath, zipPath, outPath, stdlibPath] = process.argv.slice(listModules ? 3 : 2);
if (!outPath) {
  console.error("usage: node make_snapshot.mjs [--modules] <pyodide dir> <boot.mjs> <chooser.zip> <out> [stdlib.zip]");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const nodeCrypto = require("node:crypto");
let seed = 20240101;
const nextByte = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed >>> 24;
};
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = nextByte();
  return view;
};
Math.random = () => nextByte() / 256;
Date.now = () => 315532800000; // 1980-01-01, like the zip's file times
let tick = 0;
performance.now = () => (tick += 0.001);

// Python for --stdlib: the module files imported so far, from the mounted full library.
const REDUCE = `
import ast, importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
PREFIX = "/lib/python314.zip/"
names = sorted({m.__file__[len(PREFIX):] for m in list(sys.modules.values()) if (getattr(m, "__file__", None) or "").startswith(PREFIX)})
def strip(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree
full = zipfile.ZipFile(PREFIX.rstrip("/"))
with zipfile.ZipFile("/tmp/stdlib.zip", "w") as out, zipfile.ZipFile("/tmp/stdlib-pyc.zip", "w") as pyc:
    for name in names:
        text = ast.unparse(strip(ast.parse(full.read(name).decode("utf-8")))) + "\\n"
        out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        # The same module compiled (an unchecked hash-based .pyc, PEP 552): no compiling at start.
        code = compile(text, PREFIX + name, "exec", dont_inherit=True)
        data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(text.encode("utf-8")), checked=False))
        pyc.writestr(zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
`;

const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href);
const { PYODIDE_OPTIONS, prepare } = await import(pathToFileURL(path.resolve(bootPath)).href);

const pyodide = await loadPyodide({
  ...PYODIDE_OPTIONS,
  indexURL: path.resolve(pyodideDir) + "/",
  ...(stdlibPath ? { stdLibURL: path.resolve(stdlibPath) } : {}),
  _makeSnapshot: !listModules,
  stdout: () => {},
  stderr: (line) => console.error(line),
});
prepare(pyodide, new Uint8Array(fs.readFileSync(zipPath)));
if (listModules) {
  pyodide.runPython(REDUCE);
  fs.writeFileSync(outPath, pyodide.FS.readFile("/tmp/stdlib.zip"));
  fs.writeFileSync(outPath.replace(/\.zip$/, "-pyc.zip"), pyodide.FS.readFile("/tmp/stdlib-pyc.zip"));
  process.exit(0);
}
pyodide.runPython("import gc; gc.collect()");
fs.writeFileSync(outPath, pyodide.makeMemorySnapshot());
