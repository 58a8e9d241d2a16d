// The ticks of the checklists live in the page's address, one key per checklist with the
// numbers of its ticked boxes (?alingsas=1,4,5&krokom=2): nothing in storage, no cookies, so a
// half-done list can be bookmarked or sent. Ticking replaces the address (no new history
// entry per box); back and forward restore the ticks of that address.
(function () {
  const KEY = /^[a-z0-9-]{1,60}$/;

  function sheets() {
    return [...document.querySelectorAll("[data-checklist]")].filter((s) => KEY.test(s.dataset.checklist));
  }

  function boxes(sheet) {
    return [...sheet.querySelectorAll('input[type="checkbox"]')];
  }

  function read() {
    const query = new URLSearchParams(location.search);
    for (const sheet of sheets()) {
      const ticked = new Set((query.get(sheet.dataset.checklist) || "").split(",").filter((n) => /^[0-9]{1,3}$/.test(n)));
      boxes(sheet).forEach((box, i) => {
        box.checked = ticked.has(String(i + 1));
      });
    }
  }

  function write() {
    const query = new URLSearchParams(location.search);
    for (const sheet of sheets()) {
      const ticked = boxes(sheet).flatMap((box, i) => (box.checked ? [i + 1] : []));
      if (ticked.length) query.set(sheet.dataset.checklist, ticked.join(","));
      else query.delete(sheet.dataset.checklist);
    }
    const search = query.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", location.pathname + (search ? `?${search}` : "") + location.hash);
  }

  function start() {
    const all = sheets();
    if (!all.length) return;
    read();
    for (const sheet of all) sheet.addEventListener("change", write);
    window.addEventListener("popstate", read);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
