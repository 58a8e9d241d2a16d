// "Skriv ut" on the pages meant to be printed: the method pages and the checklists. A plain
// script, loaded by mkdocs.yml (extra_javascript): the Content-Security-Policy allows only the
// build's own files, so no inline handler. The button goes into <p data-print-page> where a
// page has one, else after the heading of a method page (recognised by p.method-levels).
(function () {
  function addButton() {
    const article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".print-button")) return;
    let place = article.querySelector("[data-print-page]");
    if (!place) {
      if (!article.querySelector(".method-levels")) return;
      place = document.createElement("p");
      place.className = "print-actions";
      const heading = article.querySelector("h1");
      if (heading) heading.after(place);
      else article.prepend(place);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button print-button";
    button.textContent = "Skriv ut";
    button.addEventListener("click", () => window.print());
    const hint = document.createElement("span");
    hint.className = "print-hint";
    hint.textContent = "Vill du ha en PDF? Välj Spara som PDF i utskriftsrutan.";
    place.replaceChildren(button, " ", hint);
    place.hidden = false;
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(addButton);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButton);
  else addButton();
})();
