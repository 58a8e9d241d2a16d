// The comparison of guidelines (riktlinjer/jamforelse/): the reader picks which organisations
// to compare, and the choice is kept in the address (?o=alingsas,krokom) so that a link shows
// the same comparison. Without JavaScript the form stays hidden and every row is shown.
// No request, no storage; a file of the site itself, so the CSP allows it.
(() => {
  const form = document.getElementById("cmp-picker");
  if (!form) return;
  const boxes = [...form.querySelectorAll('input[name="o"]')];
  const known = new Set(boxes.map((box) => box.value));
  const count = document.getElementById("cmp-count");
  const first = Number(form.dataset.default) || boxes.length;

  const fromAddress = () => {
    const raw = new URLSearchParams(location.search).get("o");
    if (raw === null) {
      // No choice yet: the first few (ours comes first; all of them when there are few).
      return new Set(boxes.slice(0, first).map((box) => box.value));
    }
    return new Set(raw.split(",").filter((id) => known.has(id)));
  };

  const show = (chosen) => {
    for (const box of boxes) box.checked = chosen.has(box.value);
    for (const row of document.querySelectorAll("tr[data-org]")) row.hidden = !chosen.has(row.dataset.org);
    count.textContent = chosen.size
      ? `Visar ${chosen.size} av ${boxes.length} organisationer.`
      : "Ingen organisation vald. Välj minst en ovan.";
  };

  const save = () => {
    const chosen = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
    const params = new URLSearchParams(location.search);
    params.set("o", boxes.filter((box) => chosen.has(box.value)).map((box) => box.value).join(","));
    // Commas are kept readable in the address; ids are plain ASCII.
    history.replaceState(null, "", `${location.pathname}?${params.toString().replace(/%2C/g, ",")}${location.hash}`);
    show(chosen);
  };

  form.addEventListener("change", save);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", (event) => {
    const pick = event.target.closest("[data-pick]");
    if (!pick) return;
    for (const box of boxes) box.checked = pick.dataset.pick === "all";
    save();
  });
  form.hidden = false;
  show(fromAddress());
})();
