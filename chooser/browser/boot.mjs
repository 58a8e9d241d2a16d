// The steps that start the chooser inside Pyodide. Shared by the worker (worker.mjs, in the
// browser) and by macros/make_snapshot.mjs (Node, at build time), so that a memory snapshot
// taken after `prepare` holds exactly the state the worker would otherwise build itself.

// Python that runs once, after the chooser package is unpacked: import the engine and every
// module it imports (also those imported inside functions), so that none is imported later,
// and define the two functions the worker calls.
export const PRELUDE = `
import ast
import importlib
import json
import pathlib
import time

import chooser


def _preload():
    root = pathlib.Path(chooser.__file__).parent
    for path in sorted(root.glob("*.py")):
        if path.stem == "__main__":
            continue
        names = [] if path.stem == "__init__" else ["chooser." + path.stem]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.append(node.module)
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError:
                pass


_preload()
del _preload

from chooser.engine import Chooser, load_weights
from chooser.urlstate import from_query, to_query

# Read now, so that a start from the snapshot needs no file: weights.json is in memory.
_weights = load_weights()
_chooser = None


def chooser_setup(catalogue_text):
    """Build the Chooser once from the text of catalogue.json."""
    global _chooser
    _chooser = Chooser(json.loads(catalogue_text), _weights)
    return len(_chooser.methods)


def chooser_answer(query):
    """Advice for a query string, as JSON text: canonical query, notices and the advice."""
    started = time.perf_counter()
    inp, notices = from_query(query, _chooser)
    advice = _chooser.advise(inp)
    return json.dumps(
        {"query": to_query(inp), "notices": notices, "advice": advice, "python_ms": (time.perf_counter() - started) * 1000},
        ensure_ascii=False,
    )
`;

// Options for loadPyodide that must be the same when the snapshot is made and when it is
// loaded: a fixed hash seed and program name keep the snapshot reproducible.
export const PYODIDE_OPTIONS = {
  env: { PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
  _sysExecutable: "/chooser",
};

// Unpack the chooser package (a zip of chooser/*.py and weights.json) into the home folder,
// which is on sys.path. A start from the snapshot skips it: the modules and the weights are
// already in memory.
export function unpackPackage(pyodide, zipBytes) {
  pyodide.unpackArchive(zipBytes, "zip", { extractDir: "/home/pyodide" });
}

// The full preparation: unpack, then import everything and define the worker's functions.
export function prepare(pyodide, zipBytes) {
  unpackPackage(pyodide, zipBytes);
  pyodide.runPython(PRELUDE);
}

// Build the Chooser once from the text of catalogue.json; returns the number of methods.
export function setup(pyodide, catalogueText) {
  const chooserSetup = pyodide.globals.get("chooser_setup");
  try {
    return chooserSetup(catalogueText);
  } finally {
    chooserSetup.destroy();
  }
}
