// The navigation drawer on narrow screens (phones, and desktops zoomed in), by keyboard. Material opens it from a
// label a keyboard cannot reach, and slides its sections in as panels over one another, leaving the links of covered
// and closed panels in the tab order, unseen. Here a button opens and closes the drawer and says whether it is open;
// only the panel on screen takes focus (the others are inert), its "back" title is a tab stop, focus follows the panel
// that opens, and Escape or leaving the drawer closes it. The closed drawer is hidden by CSS (catalogue.css).
(function () {
  "use strict";
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector(".drawer-button");
  const drawer = document.querySelector(".md-sidebar--primary");
  const root = drawer && drawer.querySelector(".md-nav--primary");
  if (!toggle || !button || !root) return;
  const narrow = window.matchMedia("(max-width: 76.234375em)");  // where Material makes the navigation a drawer
  const FOCUSABLE = "a[href], label[tabindex], input:not([type=checkbox]), button";
  let inert = [];
  let shown = root;  // the panel on screen in the drawer
  const labels = Array.from(root.querySelectorAll("label[for]:not([tabindex]):not([for='__drawer'])"));
  // Words for screen readers where Material shows only an arrow: a title goes back, a section's arrow opens it.
  function say(label, text) {
    const words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = text;
    label.prepend(words);
  }
  labels.filter((label) => label.classList.contains("md-nav__title")).forEach((title) => say(title, "Tilbage fra "));
  root.querySelectorAll(".md-nav__container > label.md-nav__link").forEach((arrow) => {
    const link = arrow.parentElement.querySelector("a");
    if (!arrow.textContent.trim() && link) say(arrow, "Siderne i " + link.textContent.trim());
  });

  const own = (element, selector) => Array.from(element.children).filter((child) => child.matches(selector));
  const panelOf = (item) => own(item, ".md-nav")[0];
  const isOpen = (item) => own(item, ".md-nav__toggle").some((box) => box.checked) && !!panelOf(item);

  // The panel on screen: follow the open sections down from the top; everything covered or closed goes inert.
  function shownPanel() {
    inert.forEach((element) => { element.inert = false; });
    inert = [];
    let panel = root;
    for (;;) {
      const list = own(panel, ".md-nav__list")[0];
      const items = list ? Array.from(list.children) : [];
      const open = items.filter(isOpen).pop();
      items.filter((item) => item !== open).forEach((item) => {
        const closed = panelOf(item);
        if (closed && own(item, ".md-nav__toggle").length) inert.push(closed);
      });
      if (!open) break;
      inert.push(...own(panel, ".md-nav__title"), ...items.filter((item) => item !== open));
      inert.push(...Array.from(open.children).filter((child) => child !== panelOf(open)));
      panel = panelOf(open);
    }
    if (narrow.matches) inert.forEach((element) => { element.inert = true; });
    else inert = [];
    return panel;
  }

  function firstStop(panel) {
    return Array.from(panel.querySelectorAll(FOCUSABLE)).find((element) => !element.closest("[inert]"));
  }

  // Every label that opens a panel, and every nested panel's title (which goes back a level), is a tab stop on
  // narrow screens; Material clicks a focused label on Enter. Material gives the sections' labels a tab stop of
  // their own, which stays.
  function fitScreen() {
    labels.forEach((label) => {
      if (narrow.matches) label.tabIndex = 0;
      else label.removeAttribute("tabindex");
    });
    shown = shownPanel();
  }
  const sayExpanded = () => button.setAttribute("aria-expanded", String(toggle.checked));

  button.addEventListener("click", () => {
    toggle.click();  // Material follows the checkbox: overlay, scroll lock
    const stop = toggle.checked && firstStop(shown);
    if (stop) stop.focus();
  });
  toggle.addEventListener("change", sayExpanded);
  narrow.addEventListener("change", fitScreen);

  // A section opened or closed inside the drawer: focus goes to the panel now on screen, or back to the section's
  // own label when its panel closes.
  root.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.classList || !box.classList.contains("md-nav__toggle")) return;
    shown = shownPanel();
    if (!narrow.matches || !toggle.checked) return;
    const opener = box.checked ? null : root.querySelector(`label.md-nav__link[for="${box.id}"]`);
    const stop = opener && !opener.closest("[inert]") ? opener : firstStop(shown);
    if (stop) stop.focus();
  });

  drawer.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    toggle.click();
    button.focus();
  });
  drawer.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next && !drawer.contains(next) && next !== button) toggle.click();
  });

  fitScreen();
  sayExpanded();
})();
