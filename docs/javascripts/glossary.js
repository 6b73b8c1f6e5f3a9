// The glossary's explanations (Markdown abbreviations, written from catalogue/terms/) as tooltips that work
// from the keyboard too (WCAG 1.4.13): the first use of each term on a page is a tab stop, the explanation shows
// on focus and on hover, stays while the pointer is on it, and Escape closes it. It is placed inside the
// content column, so it never covers the navigation. Without JavaScript the abbreviations keep their titles.
(function () {
  "use strict";
  const article = document.querySelector("article.md-content__inner");
  if (!article) return;
  const terms = Array.from(article.querySelectorAll("abbr[title]"));
  if (!terms.length) return;
  const tips = new Map();  // explanation → its element, one per distinct explanation
  const seen = new Set();
  let shown = null;
  let hideTimer = 0;

  function tipFor(text) {
    if (!tips.has(text)) {
      const tip = document.createElement("span");
      tip.className = "glossary-tip";
      tip.id = "glossary-tip-" + (tips.size + 1);
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.textContent = text;
      tip.addEventListener("mouseenter", () => window.clearTimeout(hideTimer));
      tip.addEventListener("mouseleave", hideSoon);
      article.append(tip);
      tips.set(text, tip);
    }
    return tips.get(text);
  }

  function show(term) {
    window.clearTimeout(hideTimer);
    const tip = tips.get(term.dataset.glossary);
    if (shown && shown !== tip) shown.hidden = true;
    tip.hidden = false;
    shown = tip;
    const box = article.getBoundingClientRect();
    const at = term.getBoundingClientRect();
    const left = Math.max(0, Math.min(at.left - box.left, box.width - tip.offsetWidth));
    tip.style.left = left + "px";
    tip.style.top = (at.bottom - box.top + 6) + "px";
  }

  function hide() {
    window.clearTimeout(hideTimer);
    if (shown) shown.hidden = true;
    shown = null;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 300);
  }

  terms.forEach((term) => {
    const text = term.getAttribute("title");
    term.dataset.glossary = text;
    term.removeAttribute("title");  // the browser's own tooltip would show beside ours
    const tip = tipFor(text);
    term.setAttribute("aria-describedby", tip.id);
    if (!seen.has(text) && !term.closest("a, button, label, summary")) {
      seen.add(text);
      term.tabIndex = 0;
    }
    term.addEventListener("mouseenter", () => show(term));
    term.addEventListener("mouseleave", hideSoon);
    term.addEventListener("focus", () => show(term));
    term.addEventListener("blur", hide);
    term.addEventListener("click", () => (shown === tip ? hide() : show(term)));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && shown) hide();
  });
})();
