// The "Print" button on tool and flyer pages: shown only where JavaScript runs, and bound here rather than with an
// inline onclick, which the site's Content-Security-Policy does not allow.
document.querySelectorAll("[data-print]").forEach(button => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
