// Answers of the chooser's worker module in Pyodide under Node, with a given standard library
// (tests/test_chooser_runtime.py compares them with CPython's):
//
//   node tests/pyodide_answers.mjs <node_modules/pyodide> <stdlib.zip> <chooser.zip> <catalogue.json> <requests.json> <out.json>
//
// The library is the only one Pyodide gets (stdLibURL), so a module it lacks fails the import.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, stdlib, chooserZip, catalogue, requests, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/", stdLibURL: path.resolve(stdlib), stdout: () => {}, stderr: (line) => console.error(line) });
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(chooserZip)), "zip", { extractDir: "/home/pyodide" });
const worker = pyodide.pyimport("chooser.worker");
worker.setup(fs.readFileSync(catalogue, "utf8"), JSON.stringify({ organisation: null, urls: { method: "../metoder/ID/", guideline: "../riktlinjer/ID/" } }));
const answers = JSON.parse(fs.readFileSync(requests, "utf8")).map((request) => JSON.parse(worker.answer(JSON.stringify(request))));
const modules = pyodide.runPython("import sys, json\njson.dumps(sorted(sys.modules))");
fs.writeFileSync(out, JSON.stringify({ answers, modules: JSON.parse(modules) }));
