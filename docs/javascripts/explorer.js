// The recommendations explorer: facets (OR within a facet, AND across facets), live counts, state in the URL,
// a link to the results, "Kopiér link" for the filtered view. Without JavaScript the form stays hidden and the
// full list reads as a plain page.
(function () {
  "use strict";
  const form = document.querySelector("form.rec-filters");
  if (!form) return;
  const items = Array.from(document.querySelectorAll(".rec[id]"));
  const groups = Array.from(document.querySelectorAll(".rec-group"));
  const status = form.querySelector(".rec-status");
  const showCount = form.querySelector(".rec-show-count");
  const results = document.getElementById("rec-results");
  const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
  const facets = Array.from(new Set(boxes.map((box) => box.name)));
  const missing = {};  // a facet's value for items that have none (the phase: "Uden angivet fase")
  form.querySelectorAll("[data-missing]").forEach((fieldset) => {
    missing[fieldset.querySelector("input").name] = fieldset.dataset.missing;
  });
  const words = (text) => (text || "").split(" ").filter(Boolean);
  const orMissing = (facet, values) => (values.length || !missing[facet] ? values : [missing[facet]]);
  const valuesOf = (item) => ({
    strand: words(item.dataset.strand),
    area: words(item.dataset.area),
    role: words(item.dataset.roles),
    phase: orMissing("phase", words(item.dataset.phases)),
    origin: [item.dataset.origin || "national"],
  });
  const itemValues = new Map(items.map((item) => [item, valuesOf(item)]));

  function selection() {
    const chosen = {};
    facets.forEach((facet) => { chosen[facet] = new Set(); });
    boxes.forEach((box) => { if (box.checked) chosen[box.name].add(box.value); });
    return chosen;
  }

  function matches(item, chosen, ignore) {
    const values = itemValues.get(item);
    return facets.every((facet) => facet === ignore || chosen[facet].size === 0 ||
      values[facet].some((value) => chosen[facet].has(value)));
  }

  function say(message) {
    status.textContent = message;
  }

  function update(writeUrl) {
    const chosen = selection();
    let shown = 0;
    items.forEach((item) => {
      item.hidden = !matches(item, chosen, null);
      if (!item.hidden) shown += 1;
    });
    groups.forEach((group) => { group.hidden = !group.querySelector(".rec[id]:not([hidden])"); });
    boxes.forEach((box) => {
      const count = items.filter((item) => matches(item, chosen, box.name) &&
        itemValues.get(item)[box.name].includes(box.value)).length;
      box.parentElement.querySelector(".rec-facet-count").textContent = "(" + count + ")";
      box.parentElement.classList.toggle("rec-facet-empty", count === 0 && !box.checked);
    });
    form.querySelectorAll("details.rec-facet").forEach((details) => {
      const ticked = details.querySelectorAll("input:checked").length;
      details.querySelector(".rec-facet-chosen").textContent = ticked ? "(" + ticked + " valgt)" : "";
    });
    say(shown === items.length
      ? "Viser alle " + items.length + " anbefalinger."
      : "Viser " + shown + " af " + items.length + " anbefalinger.");
    showCount.textContent = shown;
    if (writeUrl) {
      const params = new URLSearchParams();
      facets.forEach((facet) => { if (chosen[facet].size) params.set(facet, Array.from(chosen[facet]).join(",")); });
      const query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  // The filtered view's address. navigator.clipboard exists only in secure contexts (https, localhost); an
  // intranet on plain http or file:// gets the older copy command.
  function copyLink() {
    const address = location.href;
    const done = () => say("Linket til udvalget er kopieret.");
    const fallback = () => {
      const field = document.createElement("textarea");
      field.value = address;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.append(field);
      field.select();
      const copied = document.execCommand("copy");
      field.remove();
      say(copied ? "Linket til udvalget er kopieret." : "Kopiér adressen fra adresselinjen: " + address);
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(address).then(done, fallback);
    else fallback();
  }

  // A link to one recommendation (#id, as in catalogue.json) opens it even when the filter in the address hides it.
  function revealTarget() {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.matches(".rec[id]") || !target.hidden) return;
    boxes.forEach((box) => { box.checked = false; });
    update(true);
    target.scrollIntoView();
  }

  const params = new URLSearchParams(location.search);
  boxes.forEach((box) => { box.checked = words((params.get(box.name) || "").replace(/,/g, " ")).includes(box.value); });
  form.querySelectorAll("details.rec-facet").forEach((details) => {
    if (details.querySelector("input:checked")) details.open = true;
  });
  form.hidden = false;
  form.addEventListener("change", () => update(true));
  form.addEventListener("reset", () => setTimeout(() => update(true)));
  form.querySelector(".rec-copy").addEventListener("click", copyLink);
  form.querySelector(".rec-show").addEventListener("click", (event) => {
    event.preventDefault();  // keep the filter's address; move the reader and the keyboard to the results
    results.scrollIntoView();
    results.focus({ preventScroll: true });
  });
  window.addEventListener("hashchange", revealTarget);
  update(false);
  revealTarget();
})();
