// The chooser page (Metodväljaren) in the browser: form <-> URL state, the worker that runs
// the engine in Pyodide, the status line, the results and the plan's buttons.
//
// The page never waits for Pyodide: the form works at once, the advice for the default input
// is already in the HTML (rendered at build time by the same engine), and the worker starts
// as soon as the page opens. Results are rendered into the same HTML structure as the build's
// (macros/chooser_page.py), with DOM methods only: text from the engine is never parsed as HTML.
//
// Instant navigation of mkdocs-material is off on this site (a deliberate choice: the chooser
// is one page with a worker, and a full page load is what the other pages need anyway), so
// this script runs once per page load. It still initialises through the theme's document$
// when the theme has one, and stops the worker of an earlier chooser view before it starts
// another, so turning instant navigation on would not leave two workers running.

const START_TIMEOUT_MS = 20000;
// Input keys in the engine's URL order (chooser/urlstate.py KEYS): i, v, l, p, t, n, w, b, f, o.
const LIST_KEYS = new Set(["p", "t"]);
const NUMBER_KEYS = new Set(["n", "w"]);
const ORDER = ["i", "v", "l", "p", "t", "n", "w", "b", "f", "o"];
const ROLE_NAMES = { information: "Information först", main: "Huvudmetod", outreach: "Når dem som sällan deltar" };
const numberSv = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 });

let current = null; // the state of the chooser on the page being shown

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// -- the form and the address ----------------------------------------------------------------

// The query for the form's state, the way chooser/urlstate.py to_query writes it: keys in a
// fixed order, lists joined with commas, defaults (i=1, v=1, f=any, empty fields) left out.
function formToQuery(form) {
  const parts = [];
  for (const key of ORDER) {
    const controls = [...form.elements].filter((c) => c.name === key);
    if (!controls.length) continue;
    if (LIST_KEYS.has(key)) {
      const ids = controls.filter((c) => c.checked).map((c) => encodeURIComponent(c.value));
      if (ids.length) parts.push(`${key}=${ids.join(",")}`);
      continue;
    }
    const control = controls[0];
    let value;
    if (control.type === "radio") value = (controls.find((c) => c.checked) || {}).value || "";
    else value = control.value.trim();
    // "No guideline" on a site whose default is one: say so in the address ("o="), or a
    // reload would bring the default back.
    if (!value && key === "o" && control.tagName === "SELECT" && [...control.options].some((o) => o.defaultSelected && o.value)) {
      parts.push("o=");
      continue;
    }
    if (!value) continue;
    if ((key === "i" || key === "v") && value === "1") continue;
    if (key === "f" && value === "any") continue;
    if (NUMBER_KEYS.has(key)) {
      const number = Number(value.replace(",", "."));
      value = Number.isFinite(number) ? String(number) : value;
    }
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return parts.join("&");
}

// Set the form from a query (as written by formToQuery or urlstate.to_query). Keys that are
// missing get the form's defaults; unknown keys and ids are left to the engine, which drops
// them with a notice.
function queryToForm(form, query) {
  // The controls' defaults from the HTML (not form.reset(), which would fire "reset").
  for (const control of form.elements) {
    if (control.type === "radio" || control.type === "checkbox") control.checked = control.defaultChecked;
    else if (control.tagName === "SELECT") for (const option of control.options) option.selected = option.defaultSelected;
    else if (control.tagName === "INPUT") control.value = control.defaultValue;
  }
  const params = new URLSearchParams(query);
  for (const [key, raw] of params) {
    const controls = [...form.elements].filter((c) => c.name === key);
    if (!controls.length) continue;
    const values = LIST_KEYS.has(key) ? raw.split(",") : [raw];
    for (const control of controls) {
      if (control.type === "radio" || control.type === "checkbox") {
        if (LIST_KEYS.has(key)) control.checked = values.includes(control.value);
        else control.checked = control.value === raw;
      } else if (control.tagName === "SELECT") {
        if ([...control.options].some((o) => o.value === raw)) control.value = raw;
      } else {
        control.value = raw;
      }
    }
  }
}

function queryOfLocation() {
  return location.search.replace(/^\?/, "");
}

// A shared link without "o" means the site's own organisation, as the form shows it.
function withDefaults(query, defaultQuery) {
  if (!query || !defaultQuery || new URLSearchParams(query).has("o")) return query;
  return `${query}&${defaultQuery}`;
}

function withNoGuideline(query) {
  return query ? `${query}&o=` : "o=";
}

function urlFor(query) {
  return query ? `${location.pathname}?${query}` : location.pathname;
}

// -- rendering, the same structure as macros/chooser_page.py -----------------------------------

function countText(advice) {
  const n = advice.ranked.length;
  const x = advice.excluded.length;
  const fits = n === 1 ? `${numberSv.format(n)} metod passar` : `${numberSv.format(n)} metoder passar`;
  return x ? `${fits} dina val. ${numberSv.format(x)} passar inte.` : `${fits} dina val.`;
}

function link(template, id, text) {
  return el("a", { href: template.replace("ID", encodeURIComponent(id)) }, text);
}

function items(css, label, list) {
  if (!list.length) return [];
  return [el("p", { class: "chooser-list-label" }, label), el("ul", { class: css }, list.map((t) => el("li", {}, t)))];
}

function empty(text) {
  return el("p", { class: "chooser-empty" }, text);
}

const SHOWN_FIRST = 10; // methods shown in full; the rest in a collapsed list (as macros/chooser_page.py)

function rankedNodes(advice, cfg, moreOpen) {
  if (!advice.ranked.length) {
    return [empty("Ingen metod i katalogen klarar alla era ramar. Se skälen under ”Metoder som inte passar” och pröva att ändra ramarna.")];
  }
  const nodes = advice.ranked.map((entry) => {
        const score = Math.max(0, Math.min(100, Math.round(entry.score)));
        return el(
          "li",
          { class: "chooser-method", "data-id": entry.id },
          el("h4", { class: "chooser-method-name" }, link(cfg.methodUrl, entry.id, entry.name)),
          el(
            "div",
            { class: "chooser-score" },
            el("meter", { class: "chooser-bar", min: 0, max: 100, value: score, "aria-hidden": "true" }),
            el("span", { class: "chooser-score-text" }, `${numberSv.format(score)} av 100`),
          ),
          el("p", { class: "chooser-summary" }, entry.summary),
          items("chooser-reasons", "Det här talar för metoden:", entry.reasons),
          items("chooser-caveats", "Tänk på:", entry.caveats),
        );
      });
  const out = [el("ol", { class: "chooser-ranked" }, nodes.slice(0, SHOWN_FIRST))];
  if (nodes.length > SHOWN_FIRST) {
    out.push(
      el(
        "details",
        { class: "chooser-more", open: moreOpen },
        el("summary", {}, `Visa ${numberSv.format(nodes.length - SHOWN_FIRST)} metoder till som passar`),
        el("ol", { class: "chooser-ranked", start: SHOWN_FIRST + 1 }, nodes.slice(SHOWN_FIRST)),
      ),
    );
  }
  return out;
}

function excludedNodes(advice, cfg, wasOpen) {
  if (!advice.excluded.length) return [empty("Alla metoder ryms i era ramar.")];
  return [
    el(
      "details",
      { class: "chooser-excluded", open: wasOpen },
      el("summary", {}, `Visa ${numberSv.format(advice.excluded.length)} metoder som inte passar, med skälen`),
      el(
        "ul",
        {},
        advice.excluded.map((e) => el("li", {}, link(cfg.methodUrl, e.id, e.name), `: ${e.reason}`)),
      ),
    ),
  ];
}

function combinationNodes(advice, cfg) {
  if (!advice.combination.length) return [empty("Ingen kombination att föreslå med de här ramarna.")];
  return [
    el(
      "ol",
      { class: "chooser-steps" },
      advice.combination.map((s) =>
        el("li", {}, el("span", { class: "chooser-role" }, `${ROLE_NAMES[s.role] || s.role}:`), " ", link(cfg.methodUrl, s.id, s.name), `. ${s.why}`),
      ),
    ),
  ];
}

function requirementsNodes(advice, cfg, organisations) {
  const reqs = advice.requirements;
  if (!reqs.length) return [empty("Välj en riktlinje under ”Vilken riktlinje gäller?” för att se vad den kräver.")];
  const name = organisations[reqs[0].guideline];
  const list = el(
    "ul",
    { class: "chooser-requirements" },
    reqs.map((r) => {
      const source =
        r.guideline && r.section
          ? [" ", el("a", { class: "chooser-source", href: `${cfg.guidelineUrl.replace("ID", encodeURIComponent(r.guideline))}#${encodeURIComponent(r.section)}` }, `Läs i riktlinjen: ${r.section_heading || "riktlinjen"}`)]
          : [];
      return el("li", {}, el("strong", {}, `${r.title}:`), ` ${r.text}`, source);
    }),
  );
  return name ? [el("p", {}, `Så säger ${name}s riktlinje om en dialog som den här:`), list] : [list];
}

function noticeNodes(advice, extra) {
  return [...advice.notice.map((n) => n.text), ...extra].map((t) => el("div", { class: "chooser-notice" }, el("p", {}, t)));
}

// The plan (plain data, contract C): the same HTML as plan_html in macros/chooser_page.py.
function runNodes(runs) {
  return runs.map((run) => {
    if (run.href) return el("a", { href: run.href }, run.text);
    if (run.strong) return el("strong", {}, run.text);
    if (run.blank) return el("span", { class: "plan-blank" }, run.text);
    return run.text;
  });
}

function planBlock(block) {
  if (block.type === "paragraph") return el("p", {}, runNodes(block.runs));
  if (block.type === "list") return el(block.ordered ? "ol" : "ul", {}, block.items.map((i) => el("li", {}, runNodes(i))));
  if (block.type === "checklist") {
    return el("ul", { class: "plan-checklist" }, block.items.map((i) => el("li", {}, el("span", { class: "plan-box", "aria-hidden": "true" }, "☐ "), runNodes(i))));
  }
  return el(
    "table",
    {},
    el("thead", {}, el("tr", {}, block.header.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, block.rows.map((row) => el("tr", {}, row.map((c) => el("td", {}, runNodes(c)))))),
  );
}

function planNodes(plan) {
  return [
    el("h3", {}, plan.title),
    el("p", { class: "chooser-plan-made", id: "chooser-plan-made", hidden: true }),
    el("p", {}, runNodes(plan.intro)),
    el("h4", {}, "Gjord utifrån dessa val"),
    el("dl", { class: "chooser-plan-choices" }, plan.choices.flatMap((c) => [el("dt", {}, c.label), el("dd", {}, c.value)])),
    ...plan.sections.flatMap((s) => [el("h4", { id: `plan-${s.id}` }, s.heading), ...s.blocks.map(planBlock)]),
  ];
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
  const config = { pyodide: abs(d.pyodide), package: abs(d.package), catalogue: abs(d.catalogue), snapshot: abs(d.snapshot), lockInfo: JSON.parse(d.lockInfo || "{}") };
  config.prefetched = Boolean(config.snapshot);
  early.worker.postMessage({ type: "init", config });
  if (config.prefetched) prefetch(early.worker, config);
  early.attach = (onMessage, onError) => {
    early.onMessage = onMessage;
    early.onError = onError;
    for (const data of early.queue.splice(0)) onMessage(data);
  };
  performance.mark("chooser-worker-started");
  return early;
}

// The page starts before its worker does, so it starts downloading the snapshot and hands the
// bytes to the worker (transferred, not copied). The runtime is compiled in the worker, not
// here: compiling it from the page showed up as main-thread tasks of 50–100 ms.
function prefetch(worker, config) {
  const send = (what, promise, transfer) =>
    promise.then(
      (value) => worker.postMessage({ type: "prefetched", what, value }, transfer(value)),
      (error) => worker.postMessage({ type: "prefetched", what, error: String((error && error.message) || error), reason: error && error.name === "CompileError" ? "wasm" : "load" }),
    );
  const snapshot = fetch(config.snapshot).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${config.snapshot}: ${r.status}`))));
  send("snapshot", snapshot.then((buffer) => new Uint8Array(buffer)), (bytes) => [bytes.buffer]);
}

class ChooserPage {
  constructor(root, early) {
    this.early = early && early.root === root ? early : startWorker(root);
    this.root = root;
    const d = root.dataset;
    this.cfg = { methodUrl: d.methodUrl, guidelineUrl: d.guidelineUrl, cataloguePage: d.cataloguePage };
    this.form = root.querySelector("#chooser-form");
    this.status = root.querySelector("#chooser-status");
    this.heading = root.querySelector("#chooser-results-heading");
    this.organisations = Object.fromEntries([...this.form.querySelectorAll("#chooser-o option")].filter((o) => o.value).map((o) => [o.value, o.textContent]));
    this.plan = JSON.parse(root.querySelector("#chooser-plan").dataset.plan || "null");
    this.worker = null;
    this.ready = false;
    this.failed = false;
    this.requestId = 0;
    this.focusOnAnswer = false;
    this.answered = false;
    this.timings = { rerankMs: [] };
    window.__chooser = this; // for the tests and the benchmark: timings and state, read-only use

    const query = queryOfLocation();
    queryToForm(this.form, query);
    if (query && query !== (d.defaultQuery || "")) root.querySelector("#chooser-stale").hidden = false;
    this.bind();
    this.start();
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  start() {
    this.setStatus("Laddar metodväljaren…");
    if (!this.early || this.early.failed) {
      this.fail(this.early ? this.early.failed : "wasm");
      return;
    }
    this.worker = this.early.worker;
    this.timer = setTimeout(() => this.fail("timeout"), Math.max(0, START_TIMEOUT_MS - (performance.now() - this.early.startedAt)));
    this.early.attach((data) => this.onMessage(data), () => this.fail("load"));
    // The address as it is, so that the engine can say what it had to leave out of a link.
    this.ask(withDefaults(queryOfLocation(), this.root.dataset.defaultQuery) || formToQuery(this.form));
  }

  fail(reason) {
    if (this.failed || this.ready) return;
    this.failed = true;
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    const why = {
      wasm: "Den behöver WebAssembly, som saknas eller är avstängt i den här webbläsaren.",
      timeout: "Den tog för lång tid att starta (mer än 20 sekunder).",
      load: "Filerna som den behöver gick inte att ladda.",
    }[reason];
    const text = `Metodväljaren kunde inte starta. ${why} Förslagen nedan gäller grundvalen. Du kan välja metod själv i metodkatalogen.`;
    this.setStatus(text);
    const box = this.root.querySelector("#chooser-failed");
    box.replaceChildren(
      el("p", {}, el("strong", {}, "Metodväljaren kunde inte starta. "), why),
      el("p", {}, "Förslagen nedan gäller grundvalen. Du kan också välja metod själv: ", el("a", { href: this.cfg.cataloguePage }, "bläddra i metodkatalogen"), "."),
    );
    box.hidden = false;
    document.documentElement.dataset.chooser = "failed";
  }

  onMessage(message) {
    if (message.type === "ready") {
      this.ready = true;
      clearTimeout(this.timer);
      // Worker steps in ms after the page's navigation started (the worker has its own clock).
      const offset = message.timeOrigin - performance.timeOrigin;
      this.timings.worker = Object.fromEntries(Object.entries(message.timings).map(([k, v]) => [k, Math.round(v + offset)]));
      this.timings.readyAt = performance.now();
      performance.mark("chooser-ready");
      document.documentElement.dataset.chooser = "ready";
    } else if (message.type === "failed") {
      this.fail(message.reason);
    } else if (message.type === "answer") {
      this.timings.rerankMs.push(message.ms);
      if (message.id !== this.requestId) return; // an older question; a newer answer follows
      this.render(JSON.parse(message.json));
    } else if (message.type === "error") {
      if (message.id === this.requestId) this.setStatus("Metodväljaren kunde inte räkna fram förslag för de här valen. Pröva att ändra dem eller börja om.");
    }
  }

  // Questions go to the worker at once, also before it is ready: it answers them as soon as
  // it is, which saves a round trip on the first answer. Only the latest answer is shown.
  ask(query) {
    if (this.failed || !this.worker) return;
    this.send(query);
  }

  send(query) {
    this.requestId += 1;
    this.worker.postMessage({ type: "advise", id: this.requestId, query });
  }

  render(answer) {
    const { advice } = answer;
    const r = this.root;
    const excluded = r.querySelector("#chooser-excluded");
    const wasOpen = Boolean(excluded.querySelector("details[open]"));
    r.querySelector("#chooser-stale").hidden = true;
    r.querySelector("#chooser-count").textContent = countText(advice);
    r.querySelector("#chooser-notices").replaceChildren(...noticeNodes(advice, answer.notices));
    const more = r.querySelector("#chooser-ranked details.chooser-more");
    r.querySelector("#chooser-ranked").replaceChildren(...rankedNodes(advice, this.cfg, Boolean(more && more.open)));
    excluded.replaceChildren(...excludedNodes(advice, this.cfg, wasOpen));
    r.querySelector("#chooser-combination").replaceChildren(...combinationNodes(advice, this.cfg));
    r.querySelector("#chooser-requirements").replaceChildren(...requirementsNodes(advice, this.cfg, this.organisations));
    const plan = r.querySelector("#chooser-plan");
    plan.replaceChildren(...planNodes(advice.plan));
    this.plan = advice.plan;
    this.planMade();
    this.advice = advice;
    this.setStatus(countText(advice));
    // The engine's canonical form of the query replaces the address (same history entry).
    // An explicit "o=" (no guideline on a site that has a default one) is not part of the
    // engine's input, so it is kept from the address.
    const canonical = new URLSearchParams(queryOfLocation()).get("o") === "" ? withNoGuideline(answer.query) : answer.query;
    if (canonical !== queryOfLocation() && (queryOfLocation() || canonical)) history.replaceState(history.state, "", urlFor(canonical));
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

  // Every change: the address first (a new history entry), then a new answer.
  changed() {
    const query = formToQuery(this.form);
    if (query !== queryOfLocation()) history.pushState({ chooser: query }, "", urlFor(query));
    this.ask(query);
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
      this.changed();
    });
    this.root.querySelector("#chooser-reset").addEventListener("click", () => {
      queryToForm(this.form, "");
      this.changed();
    });
    this.onPopState = () => {
      queryToForm(this.form, queryOfLocation());
      this.ask(withDefaults(queryOfLocation(), this.root.dataset.defaultQuery) || formToQuery(this.form));
    };
    window.addEventListener("popstate", this.onPopState);

    // The plan's buttons load the export module (and the Word library) only when pressed.
    const actionStatus = this.root.querySelector("#chooser-action-status");
    const exporter = () => import(new URL(`plan-export.mjs${new URL(import.meta.url).search}`, import.meta.url).href);
    const download = (blob, name, said) => {
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      actionStatus.textContent = said;
    };
    const on = (id, handler) => this.root.querySelector(id).addEventListener("click", async () => {
      try {
        await handler(await exporter(), this.planMeta());
      } catch (error) {
        console.error(error);
        actionStatus.textContent = "Det gick inte. Markera texten i planen och kopiera den, eller försök igen.";
      }
    });
    // Copy: the clipboard item is made at once, inside the click, with the formats still to come
    // (some browsers refuse a write after an await); the module loads meanwhile.
    this.root.querySelector("#chooser-copy").addEventListener("click", async () => {
      const plan = this.plan;
      const meta = this.planMeta();
      const loaded = exporter();
      try {
        if (typeof ClipboardItem === "function" && navigator.clipboard.write) {
          const blob = (type, make) => loaded.then((x) => new Blob([make(x)], { type }));
          await navigator.clipboard.write([
            new ClipboardItem({ "text/html": blob("text/html", (x) => x.planHtml(plan, meta)), "text/plain": blob("text/plain", (x) => x.planText(plan, meta)) }),
          ]);
          actionStatus.textContent = "Planen är kopierad med rubriker och listor. Klistra in den i Word eller i ett mejl.";
        } else {
          const x = await loaded; // a browser without rich copy gets the plain text
          await navigator.clipboard.writeText(x.planText(plan, meta));
          actionStatus.textContent = "Planen är kopierad som text. Klistra in den i ett dokument eller mejl.";
        }
      } catch (error) {
        console.error(error);
        actionStatus.textContent = "Det gick inte att kopiera. Markera texten i planen och kopiera den, eller välj Ladda ner.";
      }
    });
    on("#chooser-docx", async (x, meta) => {
      actionStatus.textContent = "Gör Word-filen…";
      download(await x.planDocx(this.plan, meta), x.fileName(this.plan, meta, "docx"), "Planen är nedladdad som en Word-fil (.docx).");
    });
    on("#chooser-download", async (x, meta) => {
      const blob = new Blob([x.planMarkdown(this.plan, meta)], { type: "text/markdown;charset=utf-8" });
      download(blob, x.fileName(this.plan, meta, "md"), "Planen är nedladdad som en Markdown-fil.");
    });
    this.root.querySelector("#chooser-print").addEventListener("click", () => {
      const html = document.documentElement;
      html.classList.add("chooser-print-plan");
      const done = () => {
        html.classList.remove("chooser-print-plan");
        window.removeEventListener("afterprint", done);
      };
      window.addEventListener("afterprint", done);
      window.print();
    });
    this.planMade();
  }

  // The date and the link back (the page's address) for the plan, its print and its files.
  planMeta() {
    const select = this.form.querySelector("#chooser-o");
    const organisation = select && select.value ? this.organisations[select.value] || null : null;
    return { date: new Date().toLocaleDateString("sv-SE"), link: location.href, organisation };
  }

  planMade() {
    const made = this.root.querySelector("#chooser-plan-made");
    if (!made) return;
    const meta = this.planMeta();
    made.replaceChildren(`Gjord ${meta.date} i metodväljaren. Länk till samma förslag: `, el("a", { href: meta.link, class: "print-url-shown" }, meta.link));
    made.hidden = false;
  }

  destroy() {
    clearTimeout(this.timer);
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
