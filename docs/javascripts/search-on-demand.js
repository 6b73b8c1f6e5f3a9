// Search on demand: the search index and the search worker are loaded when the reader first reaches for search
// (focuses the search field, opens search, or points at it), not with every page.
//
// Material 9.8 starts its search worker and fetches search/search_index.json on page load over http(s); only
// from file:// does it wait until search opens, and no setting changes that. This script runs before Material's
// bundle (docs/overrides/main.html puts it first in the `scripts` block, after Material's configuration) and
// holds back exactly those two requests until then: the request for the index waits in `send`, the worker is
// created on first use. Nothing else of Material's changes, so the index, the query and the results are
// Material's own.
(function () {
  "use strict";
  if (location.protocol === "file:") return; // Material already waits; the offline plugin's shim runs the worker

  const INDEX = /\/search\/search_index\.json$/;
  const pathOf = (url) => new URL(String(url), location.href).pathname;
  // The search worker is the one Material's configuration on this page names (the Danish worker, as
  // docs/overrides/main.html sets it): its file, not the part after "#".
  const config = document.getElementById("__config");
  const WORKER = config ? pathOf(JSON.parse(config.textContent).search) : null;
  let wanted = false;
  const waiting = [];

  function start() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach((go) => go());
  }
  const whenWanted = (go) => (wanted ? go() : waiting.push(go));

  // The index: Material fetches it with XMLHttpRequest; its `send` waits until search is wanted.
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(pathOf(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    const args = arguments;
    if (!this.searchIndex) return send.apply(this, args);
    whenWanted(() => send.apply(this, args));
  };

  // The worker: a stand-in that Material talks to at once; the real worker starts when search is wanted.
  const RealWorker = window.Worker;
  if (RealWorker) {
    class SearchWorker extends EventTarget {
      constructor(url, options) {
        super();
        this.onmessage = null;
        this.onerror = null;
        const queued = [];
        this.postMessage = (message) => queued.push(message);
        this.terminate = () => { queued.length = 0; this.stopped = true; };
        whenWanted(() => {
          if (this.stopped) return;
          const worker = new RealWorker(url, options);
          const relay = (event) => {
            const copy = event.type === "message" ? new MessageEvent("message", { data: event.data }) : new Event(event.type);
            this.dispatchEvent(copy);
            if (typeof this["on" + event.type] === "function") this["on" + event.type](copy);
          };
          worker.addEventListener("message", relay);
          worker.addEventListener("error", relay);
          this.postMessage = (message) => worker.postMessage(message);
          this.terminate = () => worker.terminate();
          queued.splice(0).forEach((message) => worker.postMessage(message));
        });
      }
    }
    window.Worker = function (url, options) {
      return WORKER && pathOf(url) === WORKER ? new SearchWorker(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  // What counts as reaching for search. A search link (?q=…) or a highlight link (?h=…) wants it at once.
  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) start();
  const isSearch = (target) => target instanceof Element && !!target.closest(".md-search, [for=__search]");
  document.addEventListener("focusin", (event) => { if (isSearch(event.target)) start(); });
  document.addEventListener("pointerover", (event) => { if (isSearch(event.target)) start(); }, { passive: true });
  document.addEventListener("change", (event) => { if (event.target.id === "__search" && event.target.checked) start(); });
})();
