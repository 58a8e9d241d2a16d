// Make the chooser's Pyodide memory snapshot at build time (called by macros/runtime.py):
//
//   node macros/make_snapshot.mjs <node_modules/pyodide> <chooser/browser/boot.mjs> <chooser.zip> <out.bin>
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

const [pyodideDir, bootPath, zipPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node make_snapshot.mjs <pyodide dir> <boot.mjs> <chooser.zip> <out>");
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

const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href);
const { PYODIDE_OPTIONS, prepare } = await import(pathToFileURL(path.resolve(bootPath)).href);

const pyodide = await loadPyodide({
  ...PYODIDE_OPTIONS,
  indexURL: path.resolve(pyodideDir) + "/",
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (line) => console.error(line),
});
prepare(pyodide, new Uint8Array(fs.readFileSync(zipPath)));
pyodide.runPython("import gc; gc.collect()");
fs.writeFileSync(outPath, pyodide.makeMemorySnapshot());
