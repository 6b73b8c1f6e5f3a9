// The recommendations explorer: facets (OR within a facet, AND across facets), live counts, state in the URL.
// Without JavaScript the form stays hidden and the full list reads as a plain page.
(function () {
  "use strict";
  const form = document.querySelector("form.rec-filters");
  if (!form) return;
  const items = Array.from(document.querySelectorAll(".rec[id]"));
  const groups = Array.from(document.querySelectorAll(".rec-group"));
  const status = form.querySelector(".rec-status");
  const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
  const facets = Array.from(new Set(boxes.map((box) => box.name)));
  const words = (text) => (text || "").split(" ").filter(Boolean);
  const valuesOf = (item) => ({
    strand: words(item.dataset.strand),
    area: words(item.dataset.area),
    role: words(item.dataset.roles),
    phase: words(item.dataset.phases),
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
    status.textContent = shown === items.length
      ? "Viser alle " + items.length + " anbefalinger."
      : "Viser " + shown + " af " + items.length + " anbefalinger.";
    if (writeUrl) {
      const params = new URLSearchParams();
      facets.forEach((facet) => { if (chosen[facet].size) params.set(facet, Array.from(chosen[facet]).join(",")); });
      const query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  const params = new URLSearchParams(location.search);
  boxes.forEach((box) => { box.checked = words((params.get(box.name) || "").replace(/,/g, " ")).includes(box.value); });
  form.hidden = false;
  form.addEventListener("change", () => update(true));
  form.addEventListener("reset", () => setTimeout(() => update(true)));
  update(false);
})();
