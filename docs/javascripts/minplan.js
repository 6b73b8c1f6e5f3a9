// "Min plan": a reader keeps recommendations and tools and marks where the workplace stands on each area.
// Everything lives in this browser's localStorage: no server, no account, nothing leaves the machine, and it
// works from file:// too. The pages carry only data attributes (data-plan-rec, data-plan-tool, data-plan-area);
// the controls are made here, so without JavaScript they are simply absent.
(function () {
  "use strict";
  const KEY = "sygefravaer-katalog/min-plan/v1";
  const STATUSES = [
    { value: "ikke-startet", label: "Ikke startet", mark: "○" },
    { value: "i-gang", label: "I gang", mark: "◐" },
    { value: "forankret", label: "Forankret", mark: "●" },
  ];
  const UNRATED = { value: "", label: "Ikke vurderet", mark: "–" };
  let memory = null; // the plan while the browser refuses storage: it lasts until the page is closed
  let storageRefused = false;

  // ------------------------------------------------------------ storage

  function emptyPlan() {
    return { items: [], status: {} };
  }

  function load() {
    let raw = null;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (error) {
      storageRefused = true;
      return memory || emptyPlan();
    }
    if (!raw) return memory && storageRefused ? memory : emptyPlan();
    try {
      const plan = JSON.parse(raw);
      const items = Array.isArray(plan.items) ? plan.items.filter((key) => typeof key === "string") : [];
      const status = {};
      Object.keys(plan.status || {}).forEach((area) => {
        if (STATUSES.some((s) => s.value === plan.status[area])) status[area] = plan.status[area];
      });
      return { items: items, status: status };
    } catch (error) {
      return emptyPlan();
    }
  }

  function save(plan) {
    memory = plan;
    try {
      window.localStorage.setItem(KEY, JSON.stringify(plan));
      storageRefused = false;
    } catch (error) {
      storageRefused = true;
    }
    refresh();
  }

  // ------------------------------------------------------------ small helpers

  function make(tag, attributes, children) {
    const element = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      if (name === "text") element.textContent = attributes.text;
      else if (attributes[name] !== null && attributes[name] !== undefined) element.setAttribute(name, attributes[name]);
    });
    (children || []).forEach((child) => element.append(child));
    return element;
  }

  function planUrl() {
    let base = ".";
    const config = document.getElementById("__config");
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) { /* Material's config is missing: the page is at the root */ }
    return base.replace(/\/$/, "") + "/min-plan.html";
  }

  let live = null;
  function announce(message) {
    if (!live) {
      live = make("div", { class: "minplan-live", role: "status", "aria-live": "polite" });
      document.body.append(live);
    }
    live.textContent = "";
    window.setTimeout(() => { live.textContent = message; }, 50);
  }

  function storageWarning() {
    return storageRefused ? " Din browser tillader ikke at gemme, så planen forsvinder, når du lukker siden." : "";
  }

  // ------------------------------------------------------------ keeping items

  function setKept(key, kept) {
    const plan = load();
    const index = plan.items.indexOf(key);
    if (kept && index < 0) plan.items.push(key);
    if (!kept && index >= 0) plan.items.splice(index, 1);
    save(plan);
    announce((kept ? "Gemt i Min plan." : "Fjernet fra Min plan.") + storageWarning());
  }

  function keepBox(key, text, describedBy) {
    const input = make("input", { type: "checkbox", "data-plan-key": key, "aria-describedby": describedBy });
    input.checked = load().items.includes(key);
    input.addEventListener("change", () => setKept(key, input.checked));
    return make("label", { class: "minplan-keep minplan-control" }, [input, " " + text]);
  }

  function describable(element, id) {
    const target = element.matches("p, li") ? element : element.querySelector("p") || element;
    if (!target.id) target.id = id;
    return target.id;
  }

  function enhanceRecommendations() {
    document.querySelectorAll("[data-plan-rec]:not([data-plan-ready])").forEach((element) => {
      element.setAttribute("data-plan-ready", "");
      const id = element.getAttribute("data-plan-rec");
      const host = element.closest("li") || element;
      const box = keepBox("rec:" + id, "Gem i min plan", describable(element, "minplan-rec-" + id));
      host.append(make("p", { class: "minplan-keep-line" }, [box]));
    });
  }

  function enhanceTools() {
    document.querySelectorAll("[data-plan-tool]:not([data-plan-ready])").forEach((element) => {
      element.setAttribute("data-plan-ready", "");
      const id = element.getAttribute("data-plan-tool");
      const heading = document.querySelector("h1");
      const box = keepBox("tool:" + id, "Gem værktøjet i min plan", heading ? describable(heading, "minplan-tool-" + id) : null);
      element.append(make("p", { class: "minplan-keep-line" },
        [box, " ", make("a", { href: planUrl(), class: "minplan-control", text: "Se min plan" })]));
    });
  }

  // ------------------------------------------------------------ area status

  function setStatus(area, value) {
    const plan = load();
    if (value) plan.status[area] = value;
    else delete plan.status[area];
    save(plan);
    const status = STATUSES.find((s) => s.value === value) || UNRATED;
    announce("Status gemt i Min plan: " + status.label + "." + storageWarning());
  }

  function enhanceAreas() {
    document.querySelectorAll("[data-plan-area]:not([data-plan-ready])").forEach((element) => {
      element.setAttribute("data-plan-ready", "");
      const area = element.getAttribute("data-plan-area");
      const current = load().status[area] || "";
      const radios = STATUSES.map((status) => {
        const input = make("input", { type: "radio", name: "minplan-status-" + area, value: status.value,
          "data-plan-status": area });
        input.checked = status.value === current;
        input.addEventListener("change", () => { if (input.checked) setStatus(area, status.value); });
        return make("label", {}, [input, " " + status.label]);
      });
      const reset = make("button", { type: "button", class: "minplan-reset", "data-plan-reset": area,
        text: "Fjern markering" });
      reset.hidden = !current;
      reset.addEventListener("click", () => { setStatus(area, ""); radios[0].querySelector("input").focus(); });
      element.append(make("fieldset", { class: "minplan-status minplan-control" }, [
        make("legend", { text: "Hvor står jeres arbejdsplads med indsatsområdet?" }),
        make("span", { class: "minplan-choices" }, radios),
        reset,
        make("a", { href: planUrl(), text: "Se min plan" }),
      ]));
    });
  }

  // ------------------------------------------------------------ the "Min plan" page

  function planData() {
    const script = document.getElementById("minplan-data");
    return script ? JSON.parse(script.textContent) : null;
  }

  function keptEntries(data, plan) {
    const order = {};  // catalogue order: the recommendations, then the tools, however many there are
    let next = 0;
    Object.keys(data.recommendations).forEach((id) => { order["rec:" + id] = next++; });
    Object.keys(data.tools).forEach((id) => { order["tool:" + id] = next++; });
    const entries = [];
    let missing = 0;
    plan.items.forEach((key) => {
      const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
      const entry = kind === "rec" ? data.recommendations[id] : kind === "tool" ? data.tools[id] : null;
      if (entry) entries.push(Object.assign({ key: key, type: kind, order: order[key] }, entry));
      else missing += 1;
    });
    entries.sort((a, b) => a.rank - b.rank || a.order - b.order);
    return { entries: entries, missing: missing };
  }

  function keptItem(entry) {
    const what = entry.type === "rec" ? "Anbefaling" : "Værktøj (" + entry.kind.toLowerCase() + ")";
    const main = entry.type === "rec"
      ? make("p", { class: "minplan-text", text: entry.text })
      : make("p", { class: "minplan-text" }, [make("a", { href: entry.url, text: entry.title })]);
    const remove = make("button", { type: "button", class: "minplan-remove minplan-control", text: "Fjern",
      "aria-label": "Fjern fra min plan: " + (entry.text || entry.title) });
    remove.addEventListener("click", () => {
      setKept(entry.key, false);
      const heading = document.getElementById("minplan-kept-title");
      if (heading) heading.focus();
    });
    return make("li", { class: "minplan-item", "data-plan-key": entry.key }, [
      main,
      make("p", { class: "minplan-source", text: what + " · Kilde: " + entry.source }),
      remove,
    ]);
  }

  function keptSection(data, plan) {
    const kept = keptEntries(data, plan);
    const heading = make("h2", { id: "minplan-kept-title", tabindex: "-1",
      text: "Gemte anbefalinger og værktøjer (" + kept.entries.length + ")" });
    const section = make("section", { class: "minplan-kept", "aria-labelledby": "minplan-kept-title" }, [heading]);
    if (!kept.entries.length) {
      section.append(make("p", { class: "minplan-empty",
        text: "Du har ikke gemt noget endnu. Sæt flueben ved «Gem i min plan» ved en anbefaling eller et værktøj." }));
    }
    let owner = null;
    let list = null;
    kept.entries.forEach((entry) => {
      if (entry.owner !== owner) {
        owner = entry.owner;
        section.append(make("h3", {}, [make("a", { href: entry.owner_url, text: owner })]));
        list = make("ul", { class: "minplan-list" });
        section.append(list);
      }
      list.append(keptItem(entry));
    });
    if (kept.missing) {
      section.append(make("p", { class: "minplan-missing",
        text: kept.missing + " gemte punkter findes ikke længere i kataloget og vises ikke." }));
    }
    return section;
  }

  function overviewSection(data, plan) {
    const counts = {};
    const rows = data.areas.map((area) => {
      const status = STATUSES.find((s) => s.value === plan.status[area.id]) || UNRATED;
      counts[status.label] = (counts[status.label] || 0) + 1;
      return make("tr", { "data-plan-area-row": area.id, "data-status": status.value || "ikke-vurderet" }, [
        make("td", { text: area.number + "." }),
        make("td", {}, [make("a", { href: area.url, text: area.title })]),
        make("td", { class: "minplan-status-cell" },
          [make("span", { "aria-hidden": "true", class: "minplan-mark", text: status.mark }), " " + status.label]),
      ]);
    });
    const summary = STATUSES.concat([UNRATED]).filter((s) => counts[s.label])
      .map((s) => counts[s.label] + " " + s.label.toLowerCase()).join(" · ");
    const title = "Status for de " + data.areas.length + " indsatsområder";
    return make("section", { class: "minplan-overview", "aria-labelledby": "minplan-overview-title" }, [
      make("h2", { id: "minplan-overview-title", text: title }),
      make("p", { class: "minplan-summary", text: summary + "." }),
      make("table", { class: "minplan-status-table" }, [
        make("thead", {}, [make("tr", {}, ["Nr.", "Indsatsområde", "Status"].map((text) =>
          make("th", { scope: "col", text: text })))]),
        make("tbody", {}, rows),
      ]),
      make("p", { class: "minplan-hint minplan-control",
        text: "Markér status på hvert indsatsområdes side under «Hvor står jeres arbejdsplads med indsatsområdet?»." }),
    ]);
  }

  function renderPlanPage(root, data) {
    const plan = load();
    const print = make("button", { type: "button", class: "md-button md-button--primary", text: "Print min plan" });
    print.addEventListener("click", () => window.print());
    const clear = make("button", { type: "button", class: "md-button", text: "Ryd min plan" });
    clear.addEventListener("click", () => {
      const question = "Vil du slette alt i Min plan – de gemte anbefalinger og værktøjer og status for " +
        "indsatsområderne? Det kan ikke fortrydes.";
      if (!window.confirm(question)) return;
      save(emptyPlan());
      announce("Min plan er ryddet.");
      const heading = document.getElementById("minplan-kept-title");
      if (heading) heading.focus();
    });
    const date = new Date().toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" });
    root.replaceChildren(
      make("p", { class: "minplan-actions minplan-control" }, [print, " ", clear]),
      make("p", { class: "minplan-date", text: "Min plan pr. " + date + "." + storageWarning() }),
      keptSection(data, plan),
      overviewSection(data, plan),
    );
  }

  // ------------------------------------------------------------ keeping every control in step

  function refresh() {
    const plan = load();
    document.querySelectorAll("input[data-plan-key]").forEach((input) => {
      input.checked = plan.items.includes(input.getAttribute("data-plan-key"));
    });
    document.querySelectorAll("input[data-plan-status]").forEach((input) => {
      input.checked = plan.status[input.getAttribute("data-plan-status")] === input.value;
    });
    document.querySelectorAll("[data-plan-reset]").forEach((button) => {
      button.hidden = !plan.status[button.getAttribute("data-plan-reset")];
    });
    const root = document.getElementById("minplan");
    const data = root && planData();
    if (data) {
      const focused = document.activeElement && document.activeElement.id;
      renderPlanPage(root, data);
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }
  }

  function init() {
    enhanceRecommendations();
    enhanceTools();
    enhanceAreas();
    const root = document.getElementById("minplan");
    const data = root && planData();
    if (data) renderPlanPage(root, data);
  }

  window.addEventListener("storage", (event) => { if (event.key === KEY || event.key === null) refresh(); });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's page stream: also right after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
