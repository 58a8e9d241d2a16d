// The catalogue's filter (metoder/): level, purpose, target group, form and cost. A plain page
// script over the cards already in the page (their data-* attributes), so it needs neither
// Pyodide nor a download. The choice is kept in the address (?l=dialog&t=ungdomar,aldre), so a
// link shows the same list. Without JavaScript the form stays hidden and every card is shown.
// No request, no storage; a file of the site itself, so the CSP allows it.
(() => {
  const form = document.getElementById("catalogue-filter");
  if (!form) return;
  const groups = [...form.querySelectorAll(".filter-group")];
  const cards = [...document.querySelectorAll(".method-card")];
  const count = document.getElementById("filter-count");
  const none = document.getElementById("filter-none");

  const chosen = () =>
    groups.map((group) => ({
      group,
      key: group.dataset.key,
      attribute: group.dataset.attribute,
      values: [...group.querySelectorAll("input:checked")].map((box) => box.value),
    }));

  const apply = () => {
    const choice = chosen();
    let shown = 0;
    for (const card of cards) {
      // Within a group one value is enough; every group with a choice must match.
      const fits = choice.every(({ attribute, values }) => {
        if (!values.length) return true;
        const own = (card.dataset[attribute] || "").split(" ");
        return values.some((value) => own.includes(value));
      });
      card.hidden = !fits;
      if (fits) shown += 1;
    }
    // A level's heading and text go when none of its cards is left.
    for (const level of document.querySelectorAll(".catalogue-level")) {
      const empty = !level.querySelector(".method-card:not([hidden])");
      level.hidden = empty;
      const heading = level.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.hidden = empty;
    }
    for (const { group, values } of choice) {
      group.querySelector(".filter-chosen").textContent = values.length ? ` (${values.length} valda)` : "";
    }
    none.hidden = shown > 0;
    count.textContent = `Visar ${shown} av ${cards.length} metoder.`;
    return choice;
  };

  const save = () => {
    const params = new URLSearchParams(location.search);
    for (const { key, values } of apply()) {
      if (values.length) params.set(key, values.join(","));
      else params.delete(key);
    }
    const query = params.toString().replace(/%2C/g, ",");
    history.replaceState(null, "", `${location.pathname}${query ? "?" + query : ""}${location.hash}`);
  };

  // From the address: unknown values are left out, so an old link still works.
  const params = new URLSearchParams(location.search);
  for (const group of groups) {
    const wanted = (params.get(group.dataset.key) || "").split(",");
    let any = false;
    for (const box of group.querySelectorAll("input")) {
      box.checked = wanted.includes(box.value);
      any = any || box.checked;
    }
    group.open = any;
  }
  form.addEventListener("change", save);
  form.addEventListener("submit", (event) => event.preventDefault());
  // A reset clears the boxes after this event; the list follows once it has.
  form.addEventListener("reset", () => setTimeout(save));
  form.hidden = false;
  apply();
})();
