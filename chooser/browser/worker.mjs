// The chooser's module Web Worker: starts Pyodide from the site's own files (from the memory
// snapshot made at build time when there is one), builds the Chooser once from
// catalogue.json and answers queries. The page (page.js) never waits on it: it posts "init" as
// soon as it opens and "advise" whenever the form changes.
//
// Messages in:  {type: "init", config: {pyodide, package, stdlib, stdlibPyc, catalogue, snapshot, saveData, lockInfo, settings, sizes}}
//               {type: "advise", id, request}   (request: {query} or {form}, see chooser/worker.py)
// Messages out: {type: "progress", progress: {loaded, total, downloaded, snapshot}}
//               {type: "ready", methods, timings, timeOrigin}
//               {type: "failed", reason: "wasm" | "load", message}
//               {type: "answer", id, json, ms}   (json: text from chooser.worker.answer)
//               {type: "error", id, message}
// boot.mjs (shared with the build's snapshot maker) is imported in start(), in parallel with
// Pyodide's own modules, so that the downloads start before any module has arrived.

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

// Every byte that arrives is counted and reported to the page (at most every 200 ms, and at
// the end of each file): the page shows progress and gives up only when bytes stop coming.
const realFetch = self.fetch.bind(self);
const progress = { loaded: 0, total: 0, downloaded: false, snapshot: false };
let reportedAt = 0;

function report(force) {
  const now = performance.now();
  if (force || now - reportedAt > 200) {
    reportedAt = now;
    self.postMessage({ type: "progress", progress });
  }
}

// How to start, by the link. The memory snapshot saves the interpreter's start (about 1.3 s of
// a desktop's CPU, 5 s of a phone's) but costs 5.8 MB: it pays only on a fast link. The
// compiled standard library saves compiling its modules (seconds on a slow phone) but costs
// 0.8 MB more: it pays on a middling link, not on Slow 4G. The link is measured on the
// runtime's own first bytes (no estimate of the browser's: Chromium's is capped at 10 Mbit/s
// and absent in Safari and Firefox). Assumes the host compresses the runtime (about 2.5:1),
// which errs towards the smaller downloads when it does not. benchmarks/throttled.py has the
// figures.
const SNAPSHOT_MIN_BYTES_PER_S = 5e6; // on the wire; 40 Mbit/s
const COMPILED_MIN_BYTES_PER_S = 0.6e6; // 4.8 Mbit/s: plain 4G (9 Mbit/s) yes, Slow 4G (1.6) no
const WASM_GZIP_RATIO = 2.5;
const probe = { first: null, base: 0, bytes: 0, decide: null };
const linkSpeed = new Promise((resolve) => {
  probe.decide = resolve; // bytes per second on the wire; the first call counts
});

function probeChunk(n) {
  const now = performance.now();
  if (probe.first === null) {
    probe.first = now;
    probe.base = n;
    setTimeout(() => probe.decide(0), 2000); // a link this slow gets the smallest download
  }
  probe.bytes += n;
  const elapsed = now - probe.first;
  // A second (or 2 MB) from the first byte: long enough for TCP's slow start not to make a
  // good link look slow, short enough not to delay the library on a slow one (the runtime
  // fills the link meanwhile).
  if (probe.bytes - probe.base >= 2e6 || elapsed >= 1000) {
    probe.decide(((probe.bytes - probe.base) / WASM_GZIP_RATIO / Math.max(elapsed, 1)) * 1000);
  }
}

async function counted(url, done = () => {}, onChunk = () => {}) {
  const response = await realFetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  if (!response.body) return response;
  const body = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        progress.loaded += chunk.byteLength;
        onChunk(chunk.byteLength);
        report(false);
        controller.enqueue(chunk);
      },
      flush() {
        report(true);
        done();
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function fetchText(url) {
  return (await counted(url)).text();
}

async function fetchBytes(url) {
  return new Uint8Array(await (await counted(url)).arrayBuffer());
}

// The snapshot is Pyodide's memory (31 MB) without its all-zero pages (15 MB), gzipped
// (6 MB on the wire whatever the server does). Layout: see pack_pages in macros/publish/runtime.py.
// It is unpacked straight into the final buffer as the gzip stream yields its chunks: one big
// write and a reader are about twice as fast here as piping a Response through the stream.
class PageUnpacker {
  constructor() {
    this.prefix = new Uint8Array(0);
    this.memory = null;
  }

  push(chunk) {
    let pos = 0;
    if (!this.memory) {
      const joined = new Uint8Array(this.prefix.length + chunk.length);
      joined.set(this.prefix);
      joined.set(chunk, this.prefix.length);
      if (joined.length < 20) {
        this.prefix = joined;
        return;
      }
      const view = new DataView(joined.buffer);
      if (new TextDecoder().decode(joined.subarray(0, 8)) !== "CHSNAP01") throw new Error("Minnesbilden har fel format");
      const count = view.getUint32(16, true);
      const start = 20 + Math.ceil(count / 8);
      if (joined.length < start) {
        this.prefix = joined;
        return;
      }
      this.length = view.getUint32(8, true);
      this.page = view.getUint32(12, true);
      const bitmap = joined.subarray(20, start);
      const stored = [];
      for (let index = 0; index < count; index++) if ((bitmap[index >> 3] >> (index & 7)) & 1) stored.push(index);
      this.stored = stored;
      this.k = 0;
      this.within = 0;
      this.memory = new Uint8Array(this.length);
      chunk = joined;
      pos = start;
    }
    while (pos < chunk.length && this.k < this.stored.length) {
      const index = this.stored[this.k];
      const size = Math.min(this.page, this.length - index * this.page);
      const n = Math.min(size - this.within, chunk.length - pos);
      this.memory.set(chunk.subarray(pos, pos + n), index * this.page + this.within);
      pos += n;
      this.within += n;
      if (this.within === size) {
        this.k += 1;
        this.within = 0;
      }
    }
  }

  finish() {
    if (!this.memory || this.k !== this.stored.length) throw new Error("Minnesbilden är ofullständig");
    return this.memory;
  }
}

async function unpackSnapshot(packedPromise) {
  const packed = await packedPromise;
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  writer.write(packed).catch(() => {}); // a broken file shows up as an error of read() below
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const unpacker = new PageUnpacker();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    unpacker.push(value);
  }
  return unpacker.finish();
}

// Pyodide 314 only logs (console.warn) when pyodide.asm.wasm cannot be fetched or compiled,
// and then waits for ever; this turns that into a failure the page can report at once.
function wasmFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn;
    let next = false;
    console.warn = (...args) => {
      if (next) {
        next = false;
        const error = args[0];
        const text = String(error && error.message ? error.message : error);
        const blocked = (typeof WebAssembly === "object" && error instanceof WebAssembly.CompileError) || /unsafe-eval|Content.Security/i.test(text);
        reject(Object.assign(new Error(`pyodide.asm.wasm: ${text}`), { reason: blocked ? "wasm" : "load" }));
      } else if (String(args[0]).includes("wasm instantiation failed")) {
        next = true;
      }
      warn.apply(console, args);
    };
  });
}

// With a snapshot, Pyodide fetches and compiles pyodide.asm.wasm only once the snapshot has
// arrived. Here the module is compiled while the snapshot downloads and unpacks, and Pyodide
// gets the compiled module: its own request for the file is answered without going to the
// network, so the file is still fetched once. Its request for the standard library gets the
// bytes this worker has already fetched (and counted).
// Returns a function that puts fetch and instantiateStreaming back. (Pinned Pyodide 314: the
// browser tests and the benchmark would show it if a new version loaded differently.)
function compileEarly(wasmURL, compiled, stdlibURL, stdlib) {
  const realInstantiateStreaming = WebAssembly.instantiateStreaming;
  self.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === wasmURL) {
      return Promise.resolve(new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } }));
    }
    if (url === stdlibURL) return stdlib.then((bytes) => new Response(bytes));
    return realFetch(input, init);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const module = await compiled;
    mark("wasmCompiled");
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return () => {
    self.fetch = realFetch;
    WebAssembly.instantiateStreaming = realInstantiateStreaming;
  };
}

async function start(config) {
  const modules = Promise.all([
    import("./boot.mjs"),
    import(`${config.pyodide}pyodide.mjs`),
    // Imported here rather than by loadPyodide, which would ask for it only after pyodide.mjs.
    import(`${config.pyodide}pyodide.asm.mjs`),
  ]);
  modules.then(() => {
    progress.loaded += (config.sizes.asm || 0) + (config.sizes.mjs || 0); // module scripts cannot be counted as they arrive
    report(true);
  }, () => {}); // awaited below
  // The runtime and the catalogue are requested at once, before the WebAssembly check; the
  // standard library (as source or compiled) and the snapshot or the package follow as soon
  // as the runtime's first bytes have shown how fast the link is.
  const wasmURL = `${config.pyodide}pyodide.asm.wasm`;
  let wasmDone = () => {};
  const wasmBytes = new Promise((resolve) => {
    wasmDone = resolve;
  });
  const wasmResponse = counted(wasmURL, () => (wasmDone(), probe.decide(Infinity)), probeChunk);
  wasmResponse.catch(() => (wasmDone(), probe.decide(0))); // reported through Pyodide's own failure below
  const cataloguePromise = fetchText(config.catalogue);
  cataloguePromise.catch(() => {}); // awaited below
  await checkWebAssembly();
  mark("wasmChecked");
  const compiled = WebAssembly.compileStreaming(wasmResponse);
  compiled.catch(() => {}); // reported through Pyodide's own failure below
  const sizes = config.sizes || {};
  progress.total = ["wasm", "asm", "mjs", "catalogue"].reduce((sum, k) => sum + (sizes[k] || 0), 0);
  const speed = config.saveData ? 0 : await linkSpeed;
  const useSnapshot = Boolean(config.snapshot) && speed >= SNAPSHOT_MIN_BYTES_PER_S;
  const useCompiled = !useSnapshot && Boolean(config.stdlibPyc) && speed >= COMPILED_MIN_BYTES_PER_S;
  const stdlibURL = useCompiled ? config.stdlibPyc : config.stdlib;
  const stdlib = fetchBytes(stdlibURL);
  stdlib.catch(() => {}); // reported by Pyodide's start
  progress.snapshot = useSnapshot;
  progress.total += (useSnapshot ? sizes.snapshot || 0 : sizes.package || 0) + (useCompiled ? sizes.stdlib_pyc || 0 : sizes.stdlib || 0);
  mark(useSnapshot ? "snapshotChosen" : useCompiled ? "compiledChosen" : "sourceChosen");
  const packed = useSnapshot ? fetchBytes(config.snapshot) : null;
  const packagePromise = useSnapshot ? null : fetchBytes(config.package);
  if (packagePromise) packagePromise.catch(() => {}); // awaited below
  // The page learns when every byte is in: from then on only the CPU works.
  Promise.allSettled([wasmBytes, stdlib, cataloguePromise, packed || packagePromise, modules]).then(() => {
    progress.downloaded = true;
    report(true);
  });
  const snapshotPromise = packed ? unpackSnapshot(packed).then((memory) => (mark("snapshotUnpacked"), memory)) : null;
  const [{ PYODIDE_OPTIONS, prepare, setup }, { loadPyodide }, asm] = await modules;
  mark("moduleLoaded");
  const options = {
    ...PYODIDE_OPTIONS,
    indexURL: config.pyodide,
    createPyodideModule: asm.default,
    // The chooser loads no packages: an empty lock file saves fetching pyodide-lock.json.
    lockFileContents: { info: config.lockInfo, packages: {} },
    packageBaseUrl: config.pyodide,
    stdLibURL: stdlibURL,
    stdout: () => {},
    stderr: () => {},
  };
  if (snapshotPromise) options._loadSnapshot = snapshotPromise;
  const restore = compileEarly(wasmURL, compiled, stdlibURL, stdlib);
  let pyodide;
  try {
    pyodide = await Promise.race([loadPyodide(options), wasmFailure()]);
  } finally {
    restore();
  }
  mark("pyodideReady");
  if (!snapshotPromise) {
    // Without a snapshot: unpack and import here (the snapshot was taken after this step).
    prepare(pyodide, await packagePromise, false);
    mark("packageReady");
  }
  const chooser = setup(pyodide, await cataloguePromise, config.settings || "{}");
  mark("chooserReady");
  return chooser;
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
      ({ methods }) => self.postMessage({ type: "ready", methods, timings, timeOrigin: performance.timeOrigin }),
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
      const json = chooser.answer(JSON.stringify(message.request || {}));
      self.postMessage({ type: "answer", id: message.id, json, ms: performance.now() - started });
    } catch (error) {
      self.postMessage({ type: "error", id: message.id, message: String(error && error.message ? error.message : error) });
    }
  }
});
