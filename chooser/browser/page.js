// The chooser page (Metodväljaren) in the browser: form <-> URL state, the worker that runs
// the engine in Pyodide, the status line, the results and the plan's buttons.
//
// The page never waits for Pyodide: the form works at once, the view for the default input is
// already in the HTML (written at build time from the same chooser/view.py tree), and the
// worker starts as soon as the page opens. Each answer carries that tree, which `build` turns
// into DOM nodes (textContent only: text from the engine is never parsed as HTML). Advice is
// shown only for the form's values: while the worker has not answered a link's values, the
// results are hidden and a line says they are on their way.
//
// Instant navigation of mkdocs-material is off on this site (a deliberate choice: the chooser
// is one page with a worker, and a full page load is what the other pages need anyway), so
// this script runs once per page load. It still initialises through the theme's document$
// when the theme has one, and stops the worker of an earlier chooser view before it starts
// another, so turning instant navigation on would not leave two workers running.

// The page gives up only when no byte has arrived for STALL_MS, or when every byte is in and
// the start still takes longer than START_AFTER_DOWNLOAD_MS (a slow phone needs ~10 s).
const STALL_MS = 15000;
const START_AFTER_DOWNLOAD_MS = 60000;
const QUERY_TIMEOUT_MS = 8000; // a ready worker answers in milliseconds; this long means it hangs
// Tags and attributes the advice view may use (chooser/view.py TAGS, ATTRIBUTES).
const TAGS = new Set("a details div h3 h4 li meter ol p section span strong summary table tbody td th thead tr ul".split(" "));
const ATTRIBUTES = new Set("aria-hidden aria-label class data-id data-tier hidden href id max min open scope start value".split(" "));
const SAFE_HREF = /^(https:\/\/|\.\.?\/|#|[a-z0-9-]+\/)/i;

let current = null; // the state of the chooser on the page being shown

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A node of chooser/view.py ([tag, {attributes}, ...children], text as strings) as DOM nodes:
// the same tree the build wrote as HTML. Text is always text (never parsed as HTML).
function build(node) {
  if (typeof node === "string") return document.createTextNode(node);
  const [tag, attrs, ...children] = node;
  if (!TAGS.has(tag)) throw new Error(`tag ${tag} is not allowed`);
  const out = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (!ATTRIBUTES.has(name) || (name === "href" && !SAFE_HREF.test(String(value)))) throw new Error(`attribute ${name} is not allowed`);
    out.setAttribute(name, value === true ? "" : String(value));
  }
  out.append(...children.map(build));
  return out;
}

// -- the form and the address ----------------------------------------------------------------
// The page only reads the address (to set the form before the worker answers); the engine
// writes it (chooser/urlstate.py to_query): the page sends the form's values and puts the
// engine's canonical query in the address.

const LIST_KEYS = new Set(["p", "t", "s"]);

function formValues(form) {
  return [...new FormData(form)].map(([name, value]) => [name, String(value)]);
}

// Set the form from a query. Keys that are missing get the form's defaults; unknown keys and
// ids are left to the engine, which drops them with a notice.
function queryToForm(form, query) {
  for (const control of form.elements) {
    if (control.type === "radio" || control.type === "checkbox") control.checked = control.defaultChecked;
    else if (control.tagName === "SELECT") for (const option of control.options) option.selected = option.defaultSelected;
    else if (control.tagName === "INPUT") control.value = control.defaultValue;
  }
  for (const [key, raw] of new URLSearchParams(query)) {
    const values = LIST_KEYS.has(key) ? raw.split(",") : [raw];
    for (const control of form.elements) {
      if (control.name !== key) continue;
      if (control.type === "radio" || control.type === "checkbox") control.checked = values.includes(control.value);
      else if (control.tagName === "SELECT") {
        if ([...control.options].some((o) => o.value === raw)) control.value = raw;
      } else control.value = raw;
    }
  }
}

// True while every control shows its default: only then may the build-time advice be shown.
function formIsDefault(form) {
  return [...form.elements].every((c) => {
    if (c.type === "radio" || c.type === "checkbox") return c.checked === c.defaultChecked;
    if (c.tagName === "SELECT") return [...c.options].every((o) => o.selected === o.defaultSelected);
    if (c.tagName === "INPUT") return c.value === c.defaultValue;
    return true;
  });
}

function queryOfLocation() {
  return location.search.replace(/^\?/, "");
}

function urlFor(query) {
  return (query ? `${location.pathname}?${query}` : location.pathname) + location.hash;
}

// -- the chooser on one page view --------------------------------------------------------------

// The worker starts as soon as this script runs, before the rest of the page is parsed: the
// script is loaded with `async` right after the opening tag of #chooser, whose data attributes
// say where everything is. Messages that arrive before the page is wired up are kept.
function startWorker(root) {
  const early = { root, worker: null, failed: null, startedAt: performance.now(), queue: [], onMessage: null, onError: null };
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
    early.failed = "wasm";
    return early;
  }
  const d = root.dataset;
  const abs = (path) => (path ? new URL(path, document.baseURI).href : null);
  try {
    early.worker = new Worker(abs(d.worker), { type: "module", name: "metodvaljaren" });
  } catch {
    early.failed = "load";
    return early;
  }
  early.worker.addEventListener("message", (event) => {
    if (early.onMessage) early.onMessage(event.data || {});
    else early.queue.push(event.data || {});
  });
  early.worker.addEventListener("error", (event) => {
    event.preventDefault();
    if (early.onError) early.onError();
    else early.failed = "load";
  });
  const config = {
    pyodide: abs(d.pyodide),
    package: abs(d.package),
    stdlib: abs(d.stdlib),
    stdlibPyc: abs(d.stdlibPyc),
    catalogue: abs(d.catalogue),
    snapshot: abs(d.snapshot),
    saveData: Boolean(navigator.connection && navigator.connection.saveData),
    lockInfo: JSON.parse(d.lockInfo || "{}"),
    settings: d.settings || "{}",
    sizes: JSON.parse(d.sizes || "{}"), // bytes as unpacked, for the progress bar
  };
  early.progress = { loaded: 0, total: 0, downloaded: false };
  early.worker.postMessage({ type: "init", config });
  early.attach = (onMessage, onError) => {
    early.onMessage = onMessage;
    early.onError = onError;
    for (const data of early.queue.splice(0)) onMessage(data);
  };
  performance.mark("chooser-worker-started");
  return early;
}

const WHY = {
  wasm: "Den behöver WebAssembly, som saknas eller är avstängt i den här webbläsaren.",
  timeout: `Den tog för lång tid att starta (mer än ${START_AFTER_DOWNLOAD_MS / 1000} sekunder efter att filerna hade laddats).`,
  stalled: `Inga data kom fram på ${STALL_MS / 1000} sekunder; anslutningen kan ha brutits.`,
  load: "Filerna som den behöver gick inte att ladda.",
  broken: "Den slutade svara två gånger.",
};

class ChooserPage {
  constructor(root, early) {
    this.early = early && early.root === root ? early : startWorker(root);
    this.root = root;
    const d = root.dataset;
    this.cfg = { cataloguePage: d.cataloguePage, planExport: d.planExport ? new URL(d.planExport, document.baseURI).href : "" };
    this.form = root.querySelector("#chooser-form");
    this.status = root.querySelector("#chooser-status");
    this.heading = root.querySelector("#chooser-results-heading");
    this.plan = JSON.parse(d.plan || "null");
    this.worker = null;
    this.ready = false;
    this.failed = false;
    this.restarted = false;
    this.requestId = 0;
    this.lastRequest = null;
    this.focusOnAnswer = false;
    this.answered = false;
    this.timings = { rerankMs: [] };
    window.__chooser = this; // for the tests and the benchmark: timings and state, read-only use

    queryToForm(this.form, queryOfLocation());
    this.openUsedChoices();
    this.showing(formIsDefault(this.form));
    this.bind();
    this.start();
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  // A link that uses a choice under "Fler val" opens it, so that the reader sees every value.
  openUsedChoices() {
    const more = this.root.querySelector("#chooser-more-choices");
    if (!more) return;
    const changed = [...more.querySelectorAll("input, select")].some((c) =>
      c.type === "radio" || c.type === "checkbox" ? c.checked !== c.defaultChecked : c.tagName === "SELECT" ? [...c.options].some((o) => o.selected !== o.defaultSelected) : c.value !== c.defaultValue,
    );
    if (changed) more.open = true;
  }

  // Show the advice in the page only when it is for the form's values: the build-time advice
  // while the form has its defaults, otherwise the worker's latest answer.
  showing(current) {
    const r = this.root;
    r.querySelector("#chooser-answer").hidden = !current;
    r.querySelector("#chooser-plan").hidden = !current;
    r.querySelector(".chooser-plan-actions").hidden = !current || !this.plan;
    r.querySelector("#chooser-count").hidden = !current;
    r.querySelector("#chooser-pending").hidden = current;
    r.querySelector(".chooser-share").hidden = !current || (this.answer ? this.answer.view.empty : formIsDefault(this.form));
  }

  start() {
    this.setStatus("Laddar metodväljaren…");
    if (!this.early || this.early.failed) {
      this.fail(this.early ? this.early.failed : "wasm");
      return;
    }
    this.worker = this.early.worker;
    this.watchStart();
    this.early.attach((data) => this.onMessage(data), () => this.broken("error"));
    // The address as it is, so that the engine can say what it had to leave out of a link.
    this.ask({ query: queryOfLocation() });
  }

  // Progress from the first moment, and a start that fails only when bytes stop arriving.
  watchStart() {
    const early = this.early;
    const bar = this.root.querySelector("#chooser-progress");
    let seen = -1;
    let lastByteAt = performance.now();
    let allInAt = null;
    const update = () => {
      const { loaded, total, downloaded } = early.progress;
      if (loaded !== seen) {
        seen = loaded;
        lastByteAt = performance.now();
      }
      if (downloaded && allInAt === null) allInAt = performance.now();
      const percent = total ? Math.min(100, Math.floor((100 * loaded) / total)) : 0;
      bar.querySelector("progress").value = percent;
      bar.querySelector("span").textContent = allInAt === null ? `Laddar metodväljaren: ${percent} %` : "Laddar metodväljaren: startar…";
    };
    early.onProgress = update;
    update();
    this.startTimer = setInterval(() => {
      update();
      const now = performance.now();
      if (allInAt === null && now - lastByteAt > STALL_MS) this.fail("stalled");
      else if (allInAt !== null && now - allInAt > START_AFTER_DOWNLOAD_MS) this.fail("timeout");
    }, 500);
  }

  // The progress line keeps its place when done (hiding it would move the page under the reader).
  stopWatch() {
    clearInterval(this.startTimer);
    this.root.querySelector("#chooser-progress").classList.add("chooser-progress-done");
  }

  // The chooser could not start: say so, keep the form, show no advice for other values.
  fail(reason) {
    if (this.failed) return;
    this.failed = true;
    this.stopWatch();
    clearTimeout(this.queryTimer);
    if (this.worker) this.worker.terminate();
    const why = WHY[reason] || WHY.load;
    const started = reason === "broken" ? "Metodväljaren fungerar inte just nu." : "Metodväljaren kunde inte starta.";
    const shown = "Därför visas inga förslag för era val.";
    this.setStatus(`${started} ${why} ${shown} Ni kan välja metod själv i metodkatalogen.`);
    const box = this.root.querySelector("#chooser-failed");
    box.replaceChildren(
      el("p", {}, el("strong", {}, `${started} `), why),
      el("p", {}, `${shown} Ni kan också välja metod själv: `, el("a", { href: this.cfg.cataloguePage }, "bläddra i metodkatalogen"), "."),
    );
    box.hidden = false;
    this.root.querySelector("#chooser-pending").textContent = "Metodväljaren kan inte räkna fram förslag för de här valen.";
    this.showing(formIsDefault(this.form) && !this.answered);
    document.documentElement.dataset.chooser = "failed";
  }

  // A ready worker that errs or does not answer in time: say so and start a new one, once.
  broken(what) {
    if (this.failed) return;
    clearTimeout(this.queryTimer);
    if (!this.ready) {
      this.fail("load");
      return;
    }
    if (this.restarted) {
      this.fail("broken");
      return;
    }
    this.restarted = true;
    const said = what === "timeout" ? `Metodväljaren svarade inte inom ${QUERY_TIMEOUT_MS / 1000} sekunder.` : "Metodväljaren råkade ut för ett fel.";
    this.setStatus(`${said} Den startas om…`);
    this.showing(false);
    this.root.querySelector("#chooser-pending").textContent = `${said} Den startas om; förslagen för era val visas sedan.`;
    document.documentElement.dataset.chooserRestarts = "1";
    this.worker.terminate();
    this.ready = false;
    this.early = startWorker(this.root);
    if (this.early.failed) {
      this.fail(this.early.failed);
      return;
    }
    this.worker = this.early.worker;
    this.watchStart();
    this.early.attach((data) => this.onMessage(data), () => this.broken("error"));
    if (this.lastRequest) this.send(this.lastRequest);
  }

  onMessage(message) {
    if (message.type === "progress") {
      Object.assign(this.early.progress, message.progress);
      if (this.early.onProgress) this.early.onProgress();
    } else if (message.type === "ready") {
      this.ready = true;
      this.stopWatch();
      // Worker steps in ms after the page's navigation started (the worker has its own clock).
      const offset = message.timeOrigin - performance.timeOrigin;
      this.timings.worker = Object.fromEntries(Object.entries(message.timings).map(([k, v]) => [k, Math.round(v + offset)]));
      this.timings.readyAt = performance.now();
      performance.mark("chooser-ready");
      document.documentElement.dataset.chooser = "ready";
      // The question already asked now has the worker's whole attention.
      if (this.pendingId === this.requestId) this.armQueryTimer();
    } else if (message.type === "failed") {
      this.fail(message.reason);
    } else if (message.type === "answer") {
      this.timings.rerankMs.push(message.ms);
      if (message.id !== this.requestId) return; // an older question; a newer answer follows
      clearTimeout(this.queryTimer);
      this.pendingId = null;
      this.render(JSON.parse(message.json));
    } else if (message.type === "error") {
      this.lastError = message.message; // for the tests; the reader gets the status line
      if (message.id === this.requestId) this.broken("error");
    }
  }

  armQueryTimer() {
    clearTimeout(this.queryTimer);
    this.queryTimer = setTimeout(() => this.broken("timeout"), QUERY_TIMEOUT_MS);
  }

  // Questions go to the worker at once, also before it is ready: it answers them as soon as
  // it is, which saves a round trip on the first answer. Only the latest answer is shown.
  ask(request) {
    this.lastRequest = request;
    if (this.failed || !this.worker) return;
    this.send(request);
  }

  send(request) {
    this.requestId += 1;
    this.pendingId = this.requestId;
    this.worker.postMessage({ type: "advise", id: this.requestId, request });
    if (this.ready) this.armQueryTimer();
  }

  render(answer) {
    const { view } = answer;
    const r = this.root;
    // Open lists stay open when the advice is replaced.
    const open = new Set([...r.querySelectorAll("#chooser-answer details[open]")].map((d) => d.className));
    const fresh = build(view.answer);
    for (const details of fresh.querySelectorAll("details")) if (open.has(details.className)) details.open = true;
    r.querySelector("#chooser-answer").replaceWith(fresh);
    r.querySelector("#chooser-plan").replaceWith(build(view.plan));
    r.querySelector("#chooser-count").textContent = view.count;
    r.querySelector("#chooser-pending").textContent = "Förslagen för valen i formuläret visas när metodväljaren har laddats.";
    this.plan = view.plan_data;
    this.answer = answer;
    this.showing(true);
    this.setStatus(view.announce || view.count);
    // The engine's canonical form of the query replaces the address (same history entry).
    if (answer.query !== queryOfLocation()) history.replaceState(history.state, "", urlFor(answer.query));
    this.planMade(); // the plan's date and link back, now that the address is this answer's
    if (!this.answered) {
      this.answered = true;
      performance.mark("chooser-answered");
      document.documentElement.dataset.chooserAnswered = "1";
    }
    document.documentElement.dataset.chooserAnswers = String(Number(document.documentElement.dataset.chooserAnswers || 0) + 1);
    if (this.focusOnAnswer) {
      this.focusOnAnswer = false;
      this.heading.focus();
      document.documentElement.dataset.chooserFocused = "1";
    }
  }

  // Every change asks again; the answer replaces the address (no new history entry).
  changed() {
    if (!this.answered) this.showing(formIsDefault(this.form));
    this.ask({ form: formValues(this.form) });
  }

  bind() {
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.focusOnAnswer = true;
      if (this.failed) {
        this.heading.focus();
        return;
      }
      // "Visa förslag" adds one history entry; the answer then fills in its address.
      history.pushState({ chooser: "results" }, "", location.href);
      this.changed();
    });
    this.root.querySelector("#chooser-reset").addEventListener("click", () => {
      queryToForm(this.form, "");
      this.changed();
    });
    this.onPopState = () => {
      queryToForm(this.form, queryOfLocation());
      this.openUsedChoices();
      this.ask({ query: queryOfLocation() });
    };
    window.addEventListener("popstate", this.onPopState);
    this.bindPlan();
    this.bindShare();
  }

  // "Dela" opens the phone's share sheet where the browser has one; "Kopiera länk" works
  // everywhere. Both say whether it worked.
  bindShare() {
    const status = this.root.querySelector("#chooser-share-status");
    const share = this.root.querySelector("#chooser-share");
    if (typeof navigator.share === "function") share.hidden = false;
    share.addEventListener("click", async () => {
      try {
        await navigator.share({ title: document.title, text: "Förslag från metodväljaren", url: location.href });
        status.textContent = "Länken är delad.";
      } catch (error) {
        status.textContent = error && error.name === "AbortError" ? "Delningen avbröts." : "Det gick inte att dela. Välj Kopiera länk i stället.";
      }
    });
    this.root.querySelector("#chooser-copy-link").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(location.href);
        status.textContent = "Länken är kopierad. Klistra in den i ett mejl eller ett meddelande.";
      } catch {
        status.textContent = `Det gick inte att kopiera. Länken är: ${location.href}`;
      }
    });
  }

  // The plan's buttons. The exporter (plan-export.mjs, and for Word the Word library) is
  // loaded only when a button is pressed.
  bindPlan() {
    const actionStatus = this.root.querySelector("#chooser-action-status");
    const say = (text) => (actionStatus.textContent = text);
    const exporter = () => import(this.cfg.planExport);
    const download = (blob, name, said) => {
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      say(said);
    };
    const on = (id, handler) => {
      const button = this.root.querySelector(id);
      if (!button) return;
      button.addEventListener("click", async () => {
        try {
          await handler(await exporter(), this.planMeta());
        } catch (error) {
          console.error(error);
          say("Det gick inte. Markera texten i planen och kopiera den, eller försök igen.");
        }
      });
    };
    // Copy: the clipboard item is made at once, inside the click, with the formats still to come
    // (some browsers refuse a write after an await); the module loads meanwhile.
    const copy = this.root.querySelector("#chooser-copy");
    if (copy) {
      copy.addEventListener("click", async () => {
        const plan = this.plan;
        const meta = this.planMeta();
        const loaded = exporter();
        try {
          if (typeof ClipboardItem === "function" && navigator.clipboard.write) {
            const blob = (type, make) => loaded.then((x) => new Blob([make(x)], { type }));
            await navigator.clipboard.write([
              new ClipboardItem({ "text/html": blob("text/html", (x) => x.planHtml(plan, meta)), "text/plain": blob("text/plain", (x) => x.planText(plan, meta)) }),
            ]);
            say("Planen är kopierad med rubriker och listor. Klistra in den i Word eller i ett mejl.");
          } else {
            const x = await loaded; // a browser without rich copy gets the plain text
            await navigator.clipboard.writeText(x.planText(plan, meta));
            say("Planen är kopierad som text. Klistra in den i ett dokument eller mejl.");
          }
        } catch (error) {
          console.error(error);
          say("Det gick inte att kopiera. Markera texten i planen och kopiera den, eller välj Ladda ner.");
        }
      });
    }
    on("#chooser-docx", async (x, meta) => {
      say("Gör Word-filen…");
      download(await x.planDocx(this.plan, meta), x.fileName(this.plan, meta, "docx"), "Planen är nedladdad som en Word-fil (.docx).");
    });
    on("#chooser-download", async (x, meta) => {
      const blob = new Blob([x.planMarkdown(this.plan, meta)], { type: "text/markdown;charset=utf-8" });
      download(blob, x.fileName(this.plan, meta, "md"), "Planen är nedladdad som en Markdown-fil.");
    });
    const print = this.root.querySelector("#chooser-print");
    if (print) {
      print.addEventListener("click", () => {
        const html = document.documentElement;
        html.classList.add("chooser-print-plan");
        const done = () => {
          html.classList.remove("chooser-print-plan");
          window.removeEventListener("afterprint", done);
        };
        window.addEventListener("afterprint", done);
        window.print();
      });
    }
    this.planMade();
  }

  // The date, the organisation and the link back (the page's address) for the plan, its print
  // and its files.
  planMeta() {
    const select = this.form.querySelector("#chooser-o");
    const option = select && select.selectedOptions[0];
    return { date: new Date().toLocaleDateString("sv-SE"), link: location.href, organisation: option && option.value ? option.textContent : null };
  }

  planMade() {
    const made = this.root.querySelector("#chooser-plan-made");
    if (!made) return;
    const meta = this.planMeta();
    made.replaceChildren(`Gjord ${meta.date} i metodväljaren. Länk till samma förslag: `, el("a", { href: meta.link, class: "print-url-shown" }, meta.link));
    made.hidden = false;
  }

  destroy() {
    clearInterval(this.startTimer);
    clearTimeout(this.queryTimer);
    if (this.worker) this.worker.terminate();
    window.removeEventListener("popstate", this.onPopState);
  }
}

let early = null;

function init() {
  const root = document.getElementById("chooser");
  if (current && current.root === root) return;
  if (current) current.destroy();
  current = root ? new ChooserPage(root, early) : null;
}

performance.mark("chooser-script");
// JavaScript runs: show the form now rather than when the theme's script (at the end of the
// page) swaps the class, so the page does not shift under the reader.
document.documentElement.classList.replace("no-js", "js");
const root = document.getElementById("chooser");
if (root) early = startWorker(root);

if (window.document$ && typeof window.document$.subscribe === "function" && document.readyState !== "loading") {
  window.document$.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    else init();
  });
} else {
  init();
}
