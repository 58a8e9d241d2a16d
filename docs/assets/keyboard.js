// Keyboard access to the theme's menu in the narrow layout (phones, or a desktop zoomed to
// 200–400 %). mkdocs-material draws the menu button as a <label> for a hidden checkbox, which
// a keyboard cannot reach, and leaves the closed menu's links in the tab order off screen
// (site.css hides them while the menu is closed). Our header (overrides/partials/header.html)
// has a real <button> instead, shown by this script: Tab reaches it, Enter or Space opens the
// menu and moves focus into it, Escape closes it and returns focus to the button. No request,
// no storage; allowed by the CSP as a file of the site itself.
(() => {
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector("button.site-menu-button");
  const menu = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !menu) return;

  menu.id = menu.id || "site-menu";
  button.setAttribute("aria-controls", menu.id);
  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  // The checkbox drives the theme's CSS and script (the overlay closes the menu too).
  toggle.addEventListener("change", sync);
  sync();
  button.hidden = false;

  button.addEventListener("click", (event) => {
    toggle.checked = !toggle.checked;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    if (toggle.checked && event.detail === 0) {
      // Opened with the keyboard (Enter or Space): focus the menu's first link once the style
      // change has made the menu visible, and so focusable.
      requestAnimationFrame(() => {
        const first = menu.querySelector(".md-nav--primary a[href]");
        if (first) first.focus();
      });
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      button.focus();
    }
  });
})();
