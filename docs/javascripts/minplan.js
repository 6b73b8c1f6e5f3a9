// "Min plan": a reader keeps recommendations and tools, gives each an owner, a deadline, a status and a note,
// and marks where the workplace stands on each area. The plan lives in this browser's localStorage (no server,
// no account) and leaves it only when the reader says so: as a Word file, as a JSON file, or as a link that
// carries the whole plan in its fragment (never sent to a server). Works from file:// too. The pages carry only
// data attributes (data-plan-rec, data-plan-tool, data-plan-area, data-minplan-count); the controls are made
// here, so without JavaScript they are simply absent. Self-contained: the one helper it needs, the vendored zip
// library for the Word file, it loads itself when the reader asks for the file.
(function () {
  "use strict";
  const KEY = "sygefravaer-katalog/min-plan/v2";
  const OLD_KEY = "sygefravaer-katalog/min-plan/v1"; // { items: [key], status: { area: value } }, read once
  const TAB_KEY = "sygefravaer-katalog/min-plan:"; // window.name prefix: the plan for this tab when storage fails
  const FORMAT = "sygefravaer-katalog/min-plan";
  const FORMAT_VERSION = 2;
  const LINK_PREFIX = "#plan=";
  const FFLATE = "javascripts/vendor/fflate/fflate.min.js";
  const AREA_STATUSES = [
    { value: "ikke-startet", label: "Ikke startet", mark: "○" },
    { value: "i-gang", label: "I gang", mark: "◐" },
    { value: "forankret", label: "Forankret", mark: "●" },
  ];
  const UNRATED = { value: "", label: "Ikke vurderet", mark: "–" };
  const ITEM_STATUSES = [
    { value: "ikke-startet", label: "Ikke startet" },
    { value: "i-gang", label: "I gang" },
    { value: "udfoert", label: "Udført" },
  ];
  const NOTE_MAX = 5000;
  let storageProblem = null; // null, "full" or "blocked": why the last write to localStorage failed

  // ------------------------------------------------------------ the plan and its storage
  // A plan: { heading: {workplace, date, updated}, items: {key: {owner, deadline, note, status, updated}},
  //           areas: {area id: {status, updated}} }. Every part carries the time of its last edit, so two
  // plans merge item by item with the newer edit winning.

  function now() {
    return new Date().toISOString();
  }

  function emptyPlan() {
    return { heading: { workplace: "", date: "", updated: "" }, items: {}, areas: {} };
  }

  const text = (value, max) => (typeof value === "string" ? value.slice(0, max || 200) : "");
  const stamp = (value) => (typeof value === "string" && !isNaN(Date.parse(value)) ? value : "");
  const isoDate = (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "");
  const known = (list, value, fallback) => (list.some((s) => s.value === value) ? value : fallback);

  function cleanItem(item) {
    item = item || {};
    return { owner: text(item.owner), deadline: isoDate(item.deadline), note: text(item.note, NOTE_MAX),
      status: known(ITEM_STATUSES, item.status, "ikke-startet"), updated: stamp(item.updated) };
  }

  // Any plan shape this script has written (storage v1 and v2, files and links of version 2) as a clean plan.
  function normalise(raw) {
    const plan = emptyPlan();
    if (!raw || typeof raw !== "object") return plan;
    if (Array.isArray(raw.items)) {
      raw.items.forEach((item) => {
        if (typeof item === "string") plan.items[item] = cleanItem({}); // storage v1: keys only
        else if (item && typeof item.key === "string") plan.items[item.key] = cleanItem(item);
      });
    } else if (raw.items && typeof raw.items === "object") {
      Object.keys(raw.items).forEach((key) => { plan.items[key] = cleanItem(raw.items[key]); });
    }
    if (raw.status && typeof raw.status === "object") { // storage v1
      Object.keys(raw.status).forEach((area) => {
        const status = known(AREA_STATUSES, raw.status[area], "");
        if (status) plan.areas[area] = { status: status, updated: "" };
      });
    }
    const areas = Array.isArray(raw.areas) ? raw.areas : Object.keys(raw.areas || {}).map((id) =>
      Object.assign({ id: id }, raw.areas[id]));
    areas.forEach((area) => {
      const status = area && typeof area.id === "string" ? known(AREA_STATUSES, area.status, "") : "";
      if (status) plan.areas[area.id] = { status: status, updated: stamp(area.updated) };
    });
    const heading = raw.heading || {};
    plan.heading = { workplace: text(heading.workplace), date: isoDate(heading.date), updated: stamp(heading.updated) };
    return plan;
  }

  function tabPlan() {
    try {
      return window.name.startsWith(TAB_KEY) ? JSON.parse(window.name.slice(TAB_KEY.length)) : null;
    } catch (error) {
      return null;
    }
  }

  function problemOf(error) {
    return error && (error.name === "QuotaExceededError" || error.code === 22) ? "full" : "blocked";
  }

  function load() {
    const kept = tabPlan(); // written when storage failed: newer than anything in storage
    let raw = null;
    try {
      const storage = window.localStorage;
      raw = storage.getItem(KEY) || storage.getItem(OLD_KEY);
    } catch (error) {
      storageProblem = "blocked";
    }
    if (kept) return normalise(kept);
    try {
      return normalise(raw ? JSON.parse(raw) : null);
    } catch (error) {
      return emptyPlan();
    }
  }

  // Writes the plan; when the browser refuses (storage full or blocked) the plan is kept in window.name, which
  // lasts as long as the tab, so it reaches the plan page and can leave as a file or a link from there.
  function store(plan) {
    const json = JSON.stringify(plan);
    try {
      window.localStorage.setItem(KEY, json);
      storageProblem = null;
      if (tabPlan()) window.name = "";
    } catch (error) {
      storageProblem = problemOf(error);
      window.name = TAB_KEY + json;
    }
  }

  // At start: can this browser keep the plan at all? (Blocked site data, a full disk, some private windows.)
  function probeStorage() {
    try {
      const storage = window.localStorage;
      storage.setItem(KEY + "/probe", "1");
      storage.removeItem(KEY + "/probe");
    } catch (error) {
      storageProblem = problemOf(error);
    }
  }

  function save(plan, rerender) {
    store(plan);
    refresh(rerender !== false);
  }

  // ------------------------------------------------------------ small helpers

  function make(tag, attributes, children) {
    const element = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      if (name === "text") element.textContent = attributes.text;
      else if (attributes[name] !== null && attributes[name] !== undefined && attributes[name] !== false) {
        element.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach((child) => element.append(child));
    return element;
  }

  function siteBase() {
    const config = document.getElementById("__config");
    try {
      return (JSON.parse(config.textContent).base || ".").replace(/\/$/, "");
    } catch (error) {
      return "."; // Material's config is missing: the page is at the root
    }
  }

  function planUrl() {
    return siteBase() + "/min-plan.html";
  }

  function siteName() {
    const topic = document.querySelector(".md-header__topic .md-ellipsis");
    return topic ? topic.textContent.trim() : document.title;
  }

  function danishDate(iso) {
    if (!isoDate(iso)) return "";
    const [year, month, day] = iso.split("-").map(Number);
    return new Date(year, month - 1, day).toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" });
  }

  function today() {
    const date = new Date();
    return [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  }

  function shortAddress(address) {
    return address.replace(/^[a-z]+:\/\//i, "");
  }

  function slug(value) {
    return value.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
      .normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  }

  function download(bytes, type, name) {
    const url = URL.createObjectURL(new Blob([bytes], { type: type }));
    const link = make("a", { href: url, download: name });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  let live = null;
  function announce(message) {
    if (!live) {
      live = make("div", { class: "minplan-live visually-hidden", role: "status", "aria-live": "polite" });
      document.body.append(live);
    }
    live.textContent = "";
    window.setTimeout(() => { live.textContent = message; }, 50);
  }

  // ------------------------------------------------------------ when storage fails: say so where it happens

  function problemText() {
    const why = storageProblem === "full"
      ? "Browserens lager er fuldt, så Min plan kan ikke gemmes i browseren."
      : "Browseren tillader ikke, at siden gemmer data, så Min plan kan ikke gemmes i browseren.";
    return why + " Planen huskes kun, så længe denne fane er åben.";
  }

  function warningBox(extra) {
    return make("div", { class: "minplan-warning", role: "alert", "data-minplan-warning": "" }, [
      make("p", {}, [make("strong", { text: "Min plan gemmes ikke. " }), problemText()]),
      extra || make("p", {}, ["Gå til ", make("a", { href: planUrl(), text: "Min plan" }),
        " og vælg «Gem som fil» eller «Kopiér link», så du ikke mister den."]),
    ]);
  }

  // A visible warning right below the control the reader just used (one per page, moved along).
  function warnAt(control) {
    document.querySelectorAll(".minplan-warning[data-minplan-near]").forEach((old) => old.remove());
    if (!storageProblem || !control) return;
    const box = warningBox();
    box.setAttribute("data-minplan-near", "");
    const line = control.closest(".minplan-keep-line, .minplan-status, .minplan-item") || control;
    line.after(box);
  }

  // On pages with plan controls: a warning above the content as soon as the page knows storage fails.
  function warnOnPage() {
    if (!storageProblem || document.getElementById("minplan")) return;
    if (!document.querySelector("[data-plan-rec], [data-plan-tool], [data-plan-area]")) return;
    if (document.querySelector(".minplan-warning[data-minplan-top]")) return;
    const box = warningBox();
    box.setAttribute("data-minplan-top", "");
    box.setAttribute("role", "note");
    const content = document.querySelector(".md-content__inner") || document.body;
    const heading = content.querySelector("h1");
    if (heading) heading.after(box);
    else content.prepend(box);
  }

  // ------------------------------------------------------------ keeping items

  function setKept(key, kept, control) {
    const plan = load();
    if (kept && !plan.items[key]) plan.items[key] = cleanItem({ updated: now() });
    if (!kept) delete plan.items[key];
    save(plan);
    warnAt(control);
    announce((kept ? "Gemt i Min plan." : "Fjernet fra Min plan.") + (storageProblem ? " " + problemText() : ""));
  }

  function keepBox(key, label, describedBy) {
    const input = make("input", { type: "checkbox", "data-plan-key": key, "aria-describedby": describedBy });
    input.checked = Boolean(load().items[key]);
    input.addEventListener("change", () => setKept(key, input.checked, input));
    return make("label", { class: "minplan-keep minplan-control" }, [input, " " + label]);
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

  function setStatus(area, value, control) {
    const plan = load();
    if (value) plan.areas[area] = { status: value, updated: now() };
    else delete plan.areas[area];
    save(plan);
    warnAt(control);
    const status = AREA_STATUSES.find((s) => s.value === value) || UNRATED;
    announce("Status gemt i Min plan: " + status.label + "." + (storageProblem ? " " + problemText() : ""));
  }

  function enhanceAreas() {
    document.querySelectorAll("[data-plan-area]:not([data-plan-ready])").forEach((element) => {
      element.setAttribute("data-plan-ready", "");
      const area = element.getAttribute("data-plan-area");
      const current = (load().areas[area] || {}).status || "";
      const radios = AREA_STATUSES.map((status) => {
        const input = make("input", { type: "radio", name: "minplan-status-" + area, value: status.value,
          "data-plan-status": area });
        input.checked = status.value === current;
        input.addEventListener("change", () => { if (input.checked) setStatus(area, status.value, input); });
        return make("label", {}, [input, " " + status.label]);
      });
      const reset = make("button", { type: "button", class: "minplan-reset", "data-plan-reset": area,
        text: "Fjern markering" });
      reset.hidden = !current;
      reset.addEventListener("click", () => { setStatus(area, "", reset); radios[0].querySelector("input").focus(); });
      element.append(make("fieldset", { class: "minplan-status minplan-control" }, [
        make("legend", { text: "Hvor står jeres arbejdsplads med indsatsområdet?" }),
        make("span", { class: "minplan-choices" }, radios),
        reset,
        make("a", { href: planUrl(), text: "Se min plan" }),
      ]));
    });
  }

  // ------------------------------------------------------------ the count in the header, on every page

  function updateCount(plan) {
    const count = Object.keys(plan.items).length;
    document.querySelectorAll("[data-minplan-count]").forEach((badge) => {
      badge.textContent = String(count);
      badge.hidden = count === 0;
      const link = badge.closest("a");
      if (link) {
        const label = "Min plan: " + (count === 0 ? "ingen gemte punkter" : count === 1 ? "1 gemt punkt" : count + " gemte punkter");
        link.setAttribute("aria-label", label);
        link.setAttribute("title", label);
      }
    });
  }

  // ------------------------------------------------------------ the "Min plan" page: data and order

  function planData() {
    const script = document.getElementById("minplan-data");
    return script ? JSON.parse(script.textContent) : null;
  }

  function entryOf(data, key) {
    const kind = key.slice(0, key.indexOf(":"));
    const id = key.slice(key.indexOf(":") + 1);
    const entry = kind === "rec" ? data.recommendations[id] : kind === "tool" ? data.tools[id] : null;
    return entry ? Object.assign({ key: key, type: kind, name: entry.text || entry.title }, entry) : null;
  }

  // The kept entries in catalogue order, grouped by strand (or guide): [{group, entries}]
  function keptGroups(data, plan) {
    const order = {};
    let next = 0;
    Object.keys(data.recommendations).forEach((id) => { order["rec:" + id] = next++; });
    Object.keys(data.tools).forEach((id) => { order["tool:" + id] = next++; });
    const entries = Object.keys(plan.items).map((key) => entryOf(data, key)).filter(Boolean);
    entries.sort((a, b) => a.rank - b.rank || order[a.key] - order[b.key]);
    return data.groups.map((group) => ({ group: group, entries: entries.filter((e) => e.group === group.id) }))
      .filter((g) => g.entries.length);
  }

  function missingKeys(data, plan) {
    return Object.keys(plan.items).filter((key) => !entryOf(data, key));
  }

  function describeKind(entry) {
    return entry.type === "rec" ? "Anbefaling" : "Værktøj (" + entry.kind.toLowerCase() + ")";
  }

  function statusLabel(list, value) {
    return (list.find((s) => s.value === value) || UNRATED).label;
  }

  // ------------------------------------------------------------ the "Min plan" page: one kept item

  let fieldCount = 0;

  function field(label, control, wide) {
    if (!control.id) control.id = "minplan-field-" + (++fieldCount);
    const id = control.id;
    return make("p", { class: "minplan-field" + (wide ? " minplan-field--wide" : "") },
      [make("label", { for: id, text: label }), control]);
  }

  // What the printed plan shows for an item instead of the form fields (blank lines to fill in by hand).
  function factsOf(entry, item) {
    const blank = "______________";
    const parts = [
      ["Ansvarlig", item.owner || blank],
      ["Frist", danishDate(item.deadline) || blank],
      ["Status", statusLabel(ITEM_STATUSES, item.status)],
    ];
    const lines = [make("p", {}, parts.map(([name, value], i) =>
      make("span", {}, [make("strong", { text: name + ": " }), value + (i < parts.length - 1 ? " · " : "")])))];
    if (item.note) lines.push(make("p", {}, [make("strong", { text: "Note: " }), item.note]));
    if (entry.type === "tool") lines.push(make("p", { class: "minplan-address", text: shortAddress(entry.address) }));
    return lines;
  }

  function keptItem(entry, item) {
    const safe = entry.key.replace(/[^a-z0-9-]/gi, "-");
    const nameId = "minplan-name-" + safe;
    const main = entry.type === "rec"
      ? make("p", { class: "minplan-text", id: nameId, text: entry.text })
      : make("p", { class: "minplan-text", id: nameId }, [make("a", { href: entry.url, text: entry.title })]);
    const facts = make("div", { class: "minplan-facts" }, factsOf(entry, item));

    const owner = make("input", { type: "text", autocomplete: "off", "aria-describedby": nameId, "data-field": "owner" });
    const deadline = make("input", { type: "date", "aria-describedby": nameId, "data-field": "deadline" });
    const status = make("select", { "aria-describedby": nameId, "data-field": "status" },
      ITEM_STATUSES.map((s) => make("option", { value: s.value, text: s.label })));
    const note = make("textarea", { rows: "2", maxlength: String(NOTE_MAX), "aria-describedby": nameId, "data-field": "note" });
    owner.value = item.owner;
    deadline.value = item.deadline;
    status.value = item.status;
    note.value = item.note;
    [owner, deadline, status, note].forEach((control) => {
      control.id = "minplan-" + control.getAttribute("data-field") + "-" + safe; // the same after every render
      control.addEventListener(control.tagName === "SELECT" ? "change" : "input", () => {
        const plan = load();
        if (!plan.items[entry.key]) return;
        const value = control.tagName === "INPUT" && control.type === "date" ? isoDate(control.value) : control.value;
        plan.items[entry.key][control.getAttribute("data-field")] = value;
        plan.items[entry.key].updated = now();
        facts.replaceChildren(...factsOf(entry, plan.items[entry.key]));
        const hadWarning = Boolean(storageProblem);
        save(plan, false);
        if (storageProblem && !hadWarning) warnAt(control);
      });
    });

    const remove = make("button", { type: "button", class: "minplan-remove", text: "Fjern",
      "aria-label": "Fjern fra min plan: " + entry.name });
    remove.addEventListener("click", () => {
      setKept(entry.key, false);
      const heading = document.getElementById("minplan-kept-title");
      if (heading) heading.focus();
    });
    return make("li", { class: "minplan-item", "data-plan-key": entry.key }, [
      main,
      make("p", { class: "minplan-source" }, [describeKind(entry) + " · ",
        make("a", { href: entry.owner_url, text: entry.owner }), " · Kilde: " + entry.source]),
      make("div", { class: "minplan-fields minplan-control" }, [
        field("Ansvarlig", owner), field("Frist", deadline), field("Status", status), field("Note", note, true),
      ]),
      facts,
      make("p", { class: "minplan-control" }, [remove]),
    ]);
  }

  function keptSection(data, plan) {
    const groups = keptGroups(data, plan);
    const total = groups.reduce((sum, g) => sum + g.entries.length, 0);
    const heading = make("h2", { id: "minplan-kept-title", tabindex: "-1",
      text: "Gemte anbefalinger og værktøjer (" + total + ")" });
    const section = make("section", { class: "minplan-kept", "aria-labelledby": "minplan-kept-title" }, [heading]);
    if (!total) {
      section.append(make("p", { class: "minplan-empty",
        text: "Du har ikke gemt noget endnu. Sæt flueben ved «Gem i min plan» ved en anbefaling eller et værktøj." }));
    }
    groups.forEach((g) => {
      section.append(make("h3", { text: g.group.title }));
      section.append(make("ul", { class: "minplan-list" }, g.entries.map((entry) => keptItem(entry, plan.items[entry.key]))));
    });
    const missing = missingKeys(data, plan).length;
    if (missing) {
      section.append(make("p", { class: "minplan-missing",
        text: missing + " gemte punkter findes ikke længere i kataloget og vises ikke." }));
    }
    return section;
  }

  function areaRows(data, plan) {
    return data.areas.map((area) => {
      const value = (plan.areas[area.id] || {}).status || "";
      return { area: area, status: AREA_STATUSES.find((s) => s.value === value) || UNRATED };
    });
  }

  function statusSummary(rows) {
    const counts = {};
    rows.forEach((row) => { counts[row.status.label] = (counts[row.status.label] || 0) + 1; });
    return AREA_STATUSES.concat([UNRATED]).filter((s) => counts[s.label])
      .map((s) => counts[s.label] + " " + s.label.toLowerCase()).join(" · ") + ".";
  }

  function overviewSection(data, plan) {
    const rows = areaRows(data, plan);
    const title = "Status for de " + data.areas.length + " indsatsområder";
    return make("section", { class: "minplan-overview", "aria-labelledby": "minplan-overview-title" }, [
      make("h2", { id: "minplan-overview-title", text: title }),
      make("p", { class: "minplan-summary", text: statusSummary(rows) }),
      make("table", { class: "minplan-status-table" }, [
        make("thead", {}, [make("tr", {}, ["Nr.", "Indsatsområde", "Status"].map((label) =>
          make("th", { scope: "col", text: label })))]),
        make("tbody", {}, rows.map((row) =>
          make("tr", { "data-plan-area-row": row.area.id, "data-status": row.status.value || "ikke-vurderet" }, [
            make("td", { text: row.area.number + "." }),
            make("td", {}, [make("a", { href: row.area.url, text: row.area.title })]),
            make("td", { class: "minplan-status-cell" },
              [make("span", { "aria-hidden": "true", class: "minplan-mark", text: row.status.mark }), " " + row.status.label]),
          ]))),
      ]),
      make("p", { class: "minplan-hint minplan-control",
        text: "Markér status på hvert indsatsområdes side under «Hvor står jeres arbejdsplads med indsatsområdet?»." }),
    ]);
  }

  // ------------------------------------------------------------ the plan's heading

  function headingLine(plan) {
    const workplace = plan.heading.workplace.trim();
    return "Handleplan" + (workplace ? " for " + workplace : "") + " · " + danishDate(plan.heading.date || today());
  }

  function headingSection(plan) {
    const printed = make("p", { class: "minplan-heading-print", text: headingLine(plan) });
    const workplace = make("input", { type: "text", autocomplete: "organization", "data-heading": "workplace",
      id: "minplan-workplace" });
    const date = make("input", { type: "date", "data-heading": "date", id: "minplan-plan-date" });
    workplace.value = plan.heading.workplace;
    date.value = plan.heading.date;
    [workplace, date].forEach((control) => control.addEventListener("input", () => {
      const current = load();
      current.heading[control.getAttribute("data-heading")] = control.type === "date" ? isoDate(control.value) : control.value;
      current.heading.updated = now();
      printed.textContent = headingLine(current);
      save(current, false);
    }));
    return make("div", { class: "minplan-heading" }, [
      printed,
      make("div", { class: "minplan-fields minplan-control" },
        [field("Arbejdsplads/enhed", workplace), field("Dato for planen", date)]),
    ]);
  }

  // ------------------------------------------------------------ leaving the browser: a file of the whole plan

  function fileOf(plan, data) {
    const items = Object.keys(plan.items).map((key) => {
      const entry = entryOf(data, key);
      return Object.assign({ key: key, title: entry ? entry.name : "" }, plan.items[key]);
    });
    const areas = Object.keys(plan.areas).map((id) => Object.assign({ id: id }, plan.areas[id]));
    return { format: FORMAT, version: FORMAT_VERSION, saved: now(), edition: data.edition,
      heading: plan.heading, items: items, areas: areas };
  }

  function baseName(plan) {
    const workplace = slug(plan.heading.workplace);
    return "min-plan" + (workplace ? "-" + workplace : "") + "-" + today();
  }

  function saveFile(data) {
    const plan = load();
    const json = JSON.stringify(fileOf(plan, data), null, 2);
    download(new TextEncoder().encode(json), "application/json", baseName(plan) + ".json");
    announce("Planen er gemt som fil i din mappe til overførsler.");
  }

  // A file or a link, read: the plan it holds, and what in it this catalogue no longer has.
  function readImport(raw, data) {
    if (!raw || raw.format !== FORMAT || typeof raw.version !== "number") {
      throw new Error("Det er ikke en fil fra Min plan.");
    }
    if (raw.version > FORMAT_VERSION) {
      throw new Error("Filen er gemt med en nyere udgave af kataloget, som denne side ikke kan læse.");
    }
    const plan = normalise(raw);
    const titles = {};
    (Array.isArray(raw.items) ? raw.items : []).forEach((item) => {
      if (item && typeof item.key === "string") titles[item.key] = text(item.title, 300);
    });
    const missing = Object.keys(plan.items).filter((key) => !entryOf(data, key))
      .map((key) => titles[key] || key.slice(key.indexOf(":") + 1));
    Object.keys(plan.items).forEach((key) => { if (!entryOf(data, key)) delete plan.items[key]; });
    const areaIds = data.areas.map((area) => area.id);
    const missingAreas = Object.keys(plan.areas).filter((id) => !areaIds.includes(id));
    missingAreas.forEach((id) => delete plan.areas[id]);
    return { plan: plan, missing: missing, missingAreas: missingAreas, saved: stamp(raw.saved),
      otherEdition: typeof raw.edition === "string" && raw.edition !== data.edition };
  }

  const newer = (a, b) => (Date.parse(a.updated) || 0) > (Date.parse(b.updated) || 0);

  // Merging: everything of both plans; where both have an item (or an area, or the heading), the newer edit wins.
  function merge(mine, theirs) {
    const plan = normalise(mine);
    Object.keys(theirs.items).forEach((key) => {
      if (!plan.items[key] || newer(theirs.items[key], plan.items[key])) plan.items[key] = theirs.items[key];
    });
    Object.keys(theirs.areas).forEach((id) => {
      if (!plan.areas[id] || newer(theirs.areas[id], plan.areas[id])) plan.areas[id] = theirs.areas[id];
    });
    if (newer(theirs.heading, plan.heading)) plan.heading = theirs.heading;
    return plan;
  }

  // ------------------------------------------------------------ leaving the browser: a link with the plan

  async function squeeze(bytes, stream) {
    const compressed = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(compressed).arrayBuffer());
  }

  function toBase64Url(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(value) {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  async function linkOf(plan, data) {
    const file = fileOf(plan, data);
    file.items.forEach((item) => { delete item.title; }); // the page knows the titles: a shorter link
    const bytes = await squeeze(new TextEncoder().encode(JSON.stringify(file)), new CompressionStream("deflate-raw"));
    return new URL(planUrl(), window.location.href).href.split("#")[0] + LINK_PREFIX + toBase64Url(bytes);
  }

  async function readLink(fragment) {
    const bytes = await squeeze(fromBase64Url(fragment.slice(LINK_PREFIX.length)), new DecompressionStream("deflate-raw"));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  async function copyLink(data, output) {
    const link = await linkOf(load(), data);
    const box = make("input", { type: "text", readonly: "", value: link, class: "minplan-link-field" });
    const status = make("p", { class: "minplan-link-status", role: "status" });
    output.replaceChildren(field("Link til planen", box, true), status);
    output.hidden = false;
    box.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch (error) {
      try { copied = document.execCommand("copy"); } catch (ignored) { copied = false; }
    }
    status.textContent = (copied ? "Linket er kopieret." : "Kopiér linket fra feltet (Ctrl+C).") +
      " Det indeholder hele planen og sendes ingen steder hen; den, der åbner det, bliver spurgt, før noget erstattes." +
      (window.location.protocol === "file:" ? " Et link til en fil på denne computer virker kun her." : "");
    box.focus();
  }

  // ------------------------------------------------------------ leaving the browser: a Word file

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = make("script", { src: src });
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error("could not load " + src)));
      document.head.append(script);
    });
  }

  async function saveWord(data) {
    if (!window.fflate) await loadScript(siteBase() + "/" + FFLATE);
    const plan = load();
    const parts = wordParts(plan, data, siteName());
    const files = {};
    Object.keys(parts).forEach((path) => { files[path] = window.fflate.strToU8(parts[path]); });
    download(window.fflate.zipSync(files, { level: 6 }),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", baseName(plan).replace("min-plan", "handleplan") + ".docx");
    announce("Handleplanen er hentet som Word-fil.");
  }

  // Office Open XML, written by hand: the few parts Word and LibreOffice need, with named styles (Title,
  // Heading 1, a table style with borders) so the reader can restyle the document in Word.
  function wordParts(plan, data, site) {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const xml = (value) => String(value).replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const links = [];
    const run = (value, props) => "<w:r>" + (props ? "<w:rPr>" + props + "</w:rPr>" : "") +
      String(value).split("\n").map((line) => '<w:t xml:space="preserve">' + xml(line) + "</w:t>").join("<w:br/>") + "</w:r>";
    const para = (content, style) => "<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' : "") + content + "</w:p>";
    const hyperlink = (address) => {
      links.push(address);
      return '<w:hyperlink r:id="rIdLink' + links.length + '">' + run(address, '<w:rStyle w:val="Hyperlink"/>') + "</w:hyperlink>";
    };
    const cell = (width, paragraphs) => '<w:tc><w:tcPr><w:tcW w:w="' + width + '" w:type="dxa"/></w:tcPr>' +
      (paragraphs.length ? paragraphs.join("") : "<w:p/>") + "</w:tc>";
    const table = (widths, header, rows) => "<w:tbl><w:tblPr><w:tblStyle w:val=\"Planetabel\"/>" +
      '<w:tblW w:w="' + widths.reduce((a, b) => a + b, 0) + '" w:type="dxa"/><w:tblLayout w:type="fixed"/>' +
      '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>' +
      "<w:tblGrid>" + widths.map((w) => '<w:gridCol w:w="' + w + '"/>').join("") + "</w:tblGrid>" +
      '<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' +
      header.map((label, i) => cell(widths[i], [para(run(label, "<w:b/>"))])).join("") + "</w:tr>" +
      rows.map((cells) => "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cells.map((c, i) => cell(widths[i], c)).join("") + "</w:tr>").join("") +
      "</w:tbl>";

    const body = [];
    const workplace = plan.heading.workplace.trim();
    const title = "Handleplan" + (workplace ? ": " + workplace : "");
    body.push(para(run(title), "Title"));
    body.push(para(run("Arbejdsplads/enhed: ", "<w:b/>") + run(workplace || "–")));
    body.push(para(run("Dato: ", "<w:b/>") + run(danishDate(plan.heading.date || today()))));
    body.push(para(run("Lavet med «Min plan» i " + site + (data.address ? ", " : "."), '<w:color w:val="595959"/>') +
      (data.address ? hyperlink(data.address) : ""), "Small"));

    const groups = keptGroups(data, plan);
    if (!groups.length) body.push(para(run("Planen har ingen gemte anbefalinger eller værktøjer.")));
    const widths = [3400, 1500, 1250, 1100, 2388];
    groups.forEach((g) => {
      body.push(para(run(g.group.title), "Heading1"));
      body.push(table(widths, ["Anbefaling eller værktøj", "Ansvarlig", "Frist", "Status", "Note"], g.entries.map((entry) => {
        const item = plan.items[entry.key];
        return [
          [para(run(entry.name, entry.type === "tool" ? "<w:b/>" : "")),
            para(run(describeKind(entry) + " · " + entry.owner), "Small"),
            para(hyperlink(entry.address), "Small")],
          [para(run(item.owner))],
          [para(run(danishDate(item.deadline)))],
          [para(run(statusLabel(ITEM_STATUSES, item.status)))],
          item.note ? [para(run(item.note))] : [],
        ];
      })));
    });

    const rows = areaRows(data, plan);
    body.push(para(run("Status for de " + data.areas.length + " indsatsområder"), "Heading1"));
    body.push(para(run(statusSummary(rows))));
    body.push(table([900, 6238, 2500], ["Nr.", "Indsatsområde", "Status"], rows.map((row) => [
      [para(run(row.area.number + "."))], [para(run(row.area.title))], [para(run(row.status.label))],
    ])));
    body.push('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
      '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>');

    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const rel = (id, type, target, external) => '<Relationship Id="' + id + '" Type="' + type + '" Target="' + xml(target) + '"' +
      (external ? ' TargetMode="External"' : "") + "/>";
    const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const style = (type, id, name, inner, isDefault) => '<w:style w:type="' + type + '" w:styleId="' + id + '"' +
      (isDefault ? ' w:default="1"' : "") + '><w:name w:val="' + name + '"/>' + inner + "</w:style>";
    const border = (side) => "<w:" + side + ' w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>';
    const stamped = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    return {
      "[Content_Types].xml": head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        "</Types>",
      "_rels/.rels": head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        rel("rId1", R + "officeDocument", "word/document.xml") +
        rel("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml") +
        rel("rId3", R + "extended-properties", "docProps/app.xml") + "</Relationships>",
      "docProps/core.xml": head + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>' + xml(title) + "</dc:title>" +
        "<dc:language>da-DK</dc:language><dc:creator>Min plan</dc:creator>" +
        '<dcterms:created xsi:type="dcterms:W3CDTF">' + stamped + "</dcterms:created>" +
        '<dcterms:modified xsi:type="dcterms:W3CDTF">' + stamped + "</dcterms:modified></cp:coreProperties>",
      "docProps/app.xml": head + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        "<Application>" + xml(site) + " – Min plan</Application></Properties>",
      "word/_rels/document.xml.rels": head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        rel("rIdStyles", R + "styles", "styles.xml") +
        links.map((address, i) => rel("rIdLink" + (i + 1), R + "hyperlink", address, true)).join("") + "</Relationships>",
      "word/styles.xml": head + "<w:styles " + W + ">" +
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>' +
        '<w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="da-DK" w:eastAsia="da-DK" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
        '<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
        style("paragraph", "Normal", "Normal", "<w:qFormat/>", true) +
        style("paragraph", "Title", "Title", '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
          '<w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:b/><w:color w:val="1D4F6E"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr>') +
        style("paragraph", "Heading1", "heading 1", '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
          '<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>' +
          '<w:rPr><w:b/><w:color w:val="1D4F6E"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>') +
        style("paragraph", "Small", "Small", '<w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>') +
        style("character", "Hyperlink", "Hyperlink", '<w:rPr><w:color w:val="1D4F6E"/><w:u w:val="single"/></w:rPr>') +
        style("table", "Planetabel", "Plan Table", '<w:tblPr><w:tblBorders>' +
          ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("") +
          '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>' +
          '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
          '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E3ECF2"/></w:tcPr></w:tblStylePr>') +
        "</w:styles>",
      "word/document.xml": head + "<w:document " + W + "><w:body>" + body.join("") + "</w:body></w:document>",
    };
  }

  // ------------------------------------------------------------ reading a file or a link: show, then ask

  function showImport(root, data, result, origin) {
    const panel = document.getElementById("minplan-import");
    const plan = result.plan;
    const groups = keptGroups(data, plan);
    const count = groups.reduce((sum, g) => sum + g.entries.length, 0);
    const rated = Object.keys(plan.areas).length;
    const what = [
      make("h2", { id: "minplan-import-title", tabindex: "-1", text: origin === "link" ? "Linket indeholder en plan" : "Filen indeholder en plan" }),
      make("p", { text: headingLine(plan) + (result.saved ? " · gemt " + new Date(result.saved).toLocaleString("da-DK") : "") + "." }),
      make("p", { text: count + (count === 1 ? " anbefaling eller værktøj" : " anbefalinger og værktøjer") +
        " og status for " + rated + " af " + data.areas.length + " indsatsområder." }),
    ];
    if (count) {
      what.push(make("ul", { class: "minplan-import-list" }, groups.flatMap((g) => g.entries.map((entry) => {
        const item = plan.items[entry.key];
        const facts = [item.owner && "ansvarlig: " + item.owner, item.deadline && "frist: " + danishDate(item.deadline),
          statusLabel(ITEM_STATUSES, item.status).toLowerCase()].filter(Boolean).join(", ");
        return make("li", { text: entry.name + " (" + facts + ")" });
      }))));
    }
    if (result.otherEdition || result.missing.length || result.missingAreas.length) {
      const note = make("div", { class: "minplan-note", "data-minplan-missing": "" }, [
        make("p", { text: (origin === "link" ? "Linket" : "Filen") + " er lavet med en anden udgave af kataloget." +
          (result.missing.length || result.missingAreas.length ? "" : " Alle dens punkter findes stadig.") }),
      ]);
      if (result.missing.length) {
        note.append(make("p", { text: result.missing.length + (result.missing.length === 1 ? " punkt findes" : " punkter findes") +
          " ikke længere i kataloget og bliver ikke hentet:" }));
        note.append(make("ul", {}, result.missing.map((title) => make("li", { text: title }))));
      }
      if (result.missingAreas.length) {
        note.append(make("p", { text: "Status for " + result.missingAreas.length +
          " indsatsområder, som ikke længere findes, bliver ikke hentet." }));
      }
      what.push(note);
    }
    const mine = Object.keys(load().items).length;
    what.push(make("p", { text: mine
      ? "Din plan i denne browser har " + mine + (mine === 1 ? " punkt" : " punkter") + ". Vælg, om planen herfra skal erstatte den, eller om de skal flettes " +
        "(ved punkter, der findes i begge, vinder den nyeste ændring)."
      : "Din plan i denne browser er tom." }));
    const done = (message) => {
      panel.hidden = true;
      panel.replaceChildren();
      if (window.location.hash.startsWith(LINK_PREFIX)) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      refresh(true);
      announce(message);
      const heading = document.getElementById("minplan-kept-title");
      if (heading) heading.focus();
    };
    const replace = make("button", { type: "button", class: "md-button md-button--primary", text: "Erstat min plan" });
    replace.addEventListener("click", () => { store(plan); done("Din plan er erstattet."); });
    const combine = make("button", { type: "button", class: "md-button", text: "Flet ind i min plan" });
    combine.addEventListener("click", () => { store(merge(load(), plan)); done("Planerne er flettet."); });
    const cancel = make("button", { type: "button", class: "md-button", text: "Annullér" });
    cancel.addEventListener("click", () => done("Intet er ændret."));
    what.push(make("p", { class: "minplan-actions" }, [replace, " ", combine, " ", cancel]));
    panel.replaceChildren(...what);
    panel.hidden = false;
    document.getElementById("minplan-import-title").focus();
  }

  function showImportError(message) {
    const panel = document.getElementById("minplan-import");
    panel.replaceChildren(make("h2", { id: "minplan-import-title", tabindex: "-1", text: "Planen kunne ikke læses" }),
      make("p", { text: message }));
    panel.hidden = false;
    document.getElementById("minplan-import-title").focus();
  }

  // ------------------------------------------------------------ the "Min plan" page

  function actions(data) {
    const button = (label, primary) => make("button", { type: "button", class: "md-button" + (primary ? " md-button--primary" : ""), text: label });
    const word = button("Hent som Word", true);
    const saveAsFile = button("Gem som fil");
    const open = button("Hent fra fil");
    const link = button("Kopiér link");
    const print = button("Print min plan");
    const clear = button("Ryd min plan");
    const picker = make("input", { type: "file", accept: ".json,application/json", class: "minplan-picker",
      "aria-label": "Hent fra fil" });
    picker.hidden = true; // opened by the button
    const linkOutput = make("div", { class: "minplan-link" });
    linkOutput.hidden = true;
    word.addEventListener("click", () => saveWord(data).catch((error) => {
      announce("Word-filen kunne ikke laves: " + error.message);
    }));
    saveAsFile.addEventListener("click", () => saveFile(data));
    open.addEventListener("click", () => picker.click());
    picker.addEventListener("change", async () => {
      const file = picker.files && picker.files[0];
      picker.value = "";
      if (!file) return;
      try {
        showImport(null, data, readImport(JSON.parse(await file.text()), data), "file");
      } catch (error) {
        showImportError("«" + file.name + "» kan ikke læses som en plan: " +
          (error instanceof SyntaxError ? "filen er ikke en gyldig JSON-fil." : error.message));
      }
    });
    link.addEventListener("click", () => copyLink(data, linkOutput));
    print.addEventListener("click", () => window.print());
    clear.addEventListener("click", () => {
      const question = "Vil du slette alt i Min plan – de gemte anbefalinger og værktøjer med ansvarlige, frister og " +
        "noter, og status for indsatsområderne? Det kan ikke fortrydes.";
      if (!window.confirm(question)) return;
      save(emptyPlan());
      announce("Min plan er ryddet.");
      const heading = document.getElementById("minplan-kept-title");
      if (heading) heading.focus();
    });
    return make("div", { class: "minplan-actions minplan-control" }, [
      make("p", {}, [word, " ", saveAsFile, " ", open, " ", link, " ", print, " ", clear, picker]),
      linkOutput,
    ]);
  }

  function renderPlanPage(root, data) {
    const plan = load();
    const parts = [];
    if (storageProblem) {
      parts.push(warningBox(make("p", {}, ["Brug «Gem som fil» eller «Kopiér link» herunder, før du lukker fanen, " +
        "så du ikke mister planen."])));
    }
    const panel = make("section", { id: "minplan-import", class: "minplan-import minplan-control", "aria-labelledby": "minplan-import-title" });
    panel.hidden = true;
    parts.push(headingSection(plan), actions(data), panel, keptSection(data, plan), overviewSection(data, plan));
    root.replaceChildren(...parts);
  }

  // ------------------------------------------------------------ keeping every control in step

  function refresh(rerender) {
    const plan = load();
    updateCount(plan);
    document.querySelectorAll("input[data-plan-key]").forEach((input) => {
      input.checked = Boolean(plan.items[input.getAttribute("data-plan-key")]);
    });
    document.querySelectorAll("input[data-plan-status]").forEach((input) => {
      input.checked = (plan.areas[input.getAttribute("data-plan-status")] || {}).status === input.value;
    });
    document.querySelectorAll("[data-plan-reset]").forEach((button) => {
      button.hidden = !plan.areas[button.getAttribute("data-plan-reset")];
    });
    const root = document.getElementById("minplan");
    const data = rerender && root && planData();
    const panel = document.getElementById("minplan-import");
    if (data && !(panel && !panel.hidden)) { // never under the reader's feet while a file or link is shown
      const focused = document.activeElement && document.activeElement.id;
      renderPlanPage(root, data);
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }
  }

  function init() {
    probeStorage();
    enhanceRecommendations();
    enhanceTools();
    enhanceAreas();
    updateCount(load());
    warnOnPage();
    const root = document.getElementById("minplan");
    const data = root && planData();
    if (!data) return;
    renderPlanPage(root, data);
    if (window.location.hash.startsWith(LINK_PREFIX)) {
      readLink(window.location.hash)
        .then((raw) => showImport(root, data, readImport(raw, data), "link"))
        .catch(() => showImportError("Linket er ufuldstændigt eller beskadiget. Bed om at få det sendt igen."));
    }
  }

  window.addEventListener("storage", (event) => { if (event.key === KEY || event.key === null) refresh(true); });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's page stream: also right after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
