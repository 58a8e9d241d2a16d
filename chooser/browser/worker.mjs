// The chooser's module Web Worker: starts Pyodide from the site's own files, unpacks the
// chooser package, builds the Chooser once from catalogue.json and answers queries.
// The page (page.js) never waits on it: it posts "init" as soon as it opens and "advise"
// whenever the form changes.
//
// Messages in:  {type: "init", config: {pyodide, package, catalogue, snapshot, lockInfo}}
//               {type: "advise", id, query}
// Messages out: {type: "ready", methods, timings}
//               {type: "failed", reason: "wasm" | "load", message}
//               {type: "answer", id, json, ms}   (json: text from chooser_answer in boot.mjs)
//               {type: "error", id, message}
import { PYODIDE_OPTIONS, prepare, unpackPackage } from "./boot.mjs";

let ready = null; // Promise of {answer}
const t0 = performance.now();
const timings = {};

function mark(name) {
  timings[name] = Math.round(performance.now() - t0);
}

// A policy without 'wasm-unsafe-eval', or a browser without WebAssembly, fails here at once
// instead of leaving Pyodide waiting for a module that never compiles.
async function checkWebAssembly() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.compile !== "function") {
    throw Object.assign(new Error("WebAssembly saknas"), { reason: "wasm" });
  }
  try {
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (error) {
    throw Object.assign(new Error(`WebAssembly är avstängt: ${error.message}`), { reason: "wasm" });
  }
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// The snapshot is stored gzipped (31 MB of memory, 6 MB on the wire whatever the server
// does); it is unpacked here as it streams in.
async function fetchGunzip(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const unpacked = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

async function start(config) {
  await checkWebAssembly();
  mark("wasmChecked");
  // Everything is requested at once: the runtime (by loadPyodide), the package, the
  // catalogue and the snapshot travel in parallel.
  const packagePromise = fetchBytes(config.package);
  const cataloguePromise = fetch(config.catalogue).then((r) => {
    if (!r.ok) throw new Error(`${config.catalogue}: ${r.status}`);
    return r.text();
  });
  const snapshotPromise = config.snapshot ? fetchGunzip(config.snapshot) : null;
  const { loadPyodide } = await import(`${config.pyodide}pyodide.mjs`);
  mark("moduleLoaded");
  const options = {
    ...PYODIDE_OPTIONS,
    indexURL: config.pyodide,
    // The chooser loads no packages: an empty lock file saves fetching pyodide-lock.json.
    lockFileContents: { info: config.lockInfo, packages: {} },
    packageBaseUrl: config.pyodide,
    stdout: () => {},
    stderr: () => {},
  };
  if (snapshotPromise) options._loadSnapshot = snapshotPromise;
  const pyodide = await loadPyodide(options);
  mark("pyodideReady");
  const packageBytes = await packagePromise;
  if (snapshotPromise) {
    unpackPackage(pyodide, packageBytes); // modules are in the snapshot; weights.json is a file
  } else {
    prepare(pyodide, packageBytes);
  }
  mark("packageReady");
  const setup = pyodide.globals.get("chooser_setup");
  const methods = setup(await cataloguePromise);
  setup.destroy();
  mark("chooserReady");
  const answer = pyodide.globals.get("chooser_answer");
  return { answer, methods };
}

function fail(error) {
  self.postMessage({ type: "failed", reason: error.reason || "load", message: String(error && error.message ? error.message : error) });
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    if (ready) return;
    ready = start(message.config);
    ready.then(
      ({ methods }) => self.postMessage({ type: "ready", methods, timings }),
      (error) => fail(error),
    );
  } else if (message.type === "advise") {
    if (!ready) return;
    let chooser;
    try {
      chooser = await ready;
    } catch {
      return; // already reported as "failed"
    }
    try {
      const started = performance.now();
      const json = chooser.answer(String(message.query || ""));
      self.postMessage({ type: "answer", id: message.id, json, ms: performance.now() - started });
    } catch (error) {
      self.postMessage({ type: "error", id: message.id, message: String(error && error.message ? error.message : error) });
    }
  }
});
