// Keyboard access to the theme's menu in the narrow layout (phones, or a desktop zoomed to
// 200–400 %). mkdocs-material draws the menu button as a <label> for a hidden checkbox,
// which a keyboard cannot reach, and leaves the closed menu's links in the tab order off
// screen (site.css hides them while the menu is closed). This makes the button a real
// button: Tab reaches it, Enter or Space opens the menu and moves focus into it, Escape
// closes it and returns focus to the button. No request, no storage; allowed by the CSP as
// a file of the site itself.
(() => {
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector('label.md-header__button[for="__drawer"]');
  const menu = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !menu) return;

  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Meny");
  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  sync();
  toggle.addEventListener("change", sync);

  button.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    // Handled here alone: the theme's own Enter handler would click the label a second time.
    event.preventDefault();
    event.stopPropagation();
    button.click(); // a click on the label toggles the checkbox, as a pointer does
    if (toggle.checked) {
      // After the style change has made the menu visible (and so focusable).
      requestAnimationFrame(() => {
        const first = menu.querySelector(".md-nav--primary a[href]");
        if (first) first.focus();
      });
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      button.click();
      button.focus();
    }
  });
})();
