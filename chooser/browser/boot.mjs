// The steps that start the chooser inside Pyodide. Shared by the worker (worker.mjs, in the
// browser) and by chooser/browser/make_snapshot.mjs (Node, at build time), so that a memory snapshot
// taken after `prepare` holds exactly the state the worker would otherwise build itself.

// Python that runs once, after the chooser package is unpacked: import the worker's module
// (chooser/worker.py, which the CPython tests run too) and every module the package imports,
// so that none is imported later (nor after a start from the snapshot).
export const PRELUDE = "import chooser.worker\nchooser.worker.preload()\n";
// Without a snapshot the worker imports only what it uses (modules imported inside functions
// come when first needed): parsing every source for its imports cost 0.3 s of a slow phone.
export const IMPORT_ONLY = "import chooser.worker\n";

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
export function prepare(pyodide, zipBytes, everything = true) {
  unpackPackage(pyodide, zipBytes);
  pyodide.runPython(everything ? PRELUDE : IMPORT_ONLY);
}

// Build the Chooser once from the text of catalogue.json and the page's settings (JSON text);
// returns chooser.worker.answer, the function that answers each question.
export function setup(pyodide, catalogueText, settingsText) {
  const worker = pyodide.pyimport("chooser.worker");
  try {
    const methods = worker.setup(catalogueText, settingsText);
    return { answer: worker.answer.copy(), methods };
  } finally {
    worker.destroy();
  }
}
