"""The search step of `make bench` (`bench/run.py --only search` runs it alone): what the Danish search costs.

It builds the project once, then measures
- the index: search/search_index.json as Material writes it (the added fields and question cards taken out
  again, which is exact: the hook only adds) against the index the site ships, raw and gzipped;
- time to first result in Debian's Chromium over loopback HTTP: the query typed at a quick typist's pace (60 ms a
  key), a quiet second, then the last key; the time from that keydown to the result list being filled.
  Once with the site as built (search-da.js around Material's worker), once with Material's own worker and
  index served in their place (the baseline);
- time from opening the search box on a fresh page to the first result (index download and lunr build).
The figures go into their own section of bench/RESULTS.md, between SECTION_BEGIN and SECTION_END.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import threading
from pathlib import Path

QUERIES = ["sygefravaersrapport", "onbording", "fraværssamtale", "samtale efter 14 dage",
           "hvordan holder vi fast i det", "leder", "konsulent", "korttidsfravær"]
RUNS = 3
KEY_DELAY_MS = 60
SECTION_BEGIN = "<!-- search step: begin -->"
SECTION_END = "<!-- search step: end -->"
ADDED_FIELDS = ("title_folded", "folded", "synonyms")
TARGET_MS = 300
GROWTH_LIMIT = 0.30


def material_index(index: dict) -> dict:
    """The index without what macros/render/search_index.py adds."""
    docs = [{key: value for key, value in doc.items() if key not in ADDED_FIELDS}
            for doc in index["docs"] if doc["location"].split("#")[0] != "index.html"]
    fields = {name: spec for name, spec in index["config"]["fields"].items() if name not in ADDED_FIELDS}
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs}


def encoded(index: dict) -> bytes:
    return json.dumps(index, separators=(",", ":")).encode("utf-8")  # as Material writes it


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# The result of the last key: the list is filled, or (no result) the meta line is rewritten; at most 10 s.
ARM_JS = """() => {
  const result = document.querySelector('.md-search-result')
  const input = document.querySelector('.md-search__input')
  window.__lastKey = new Promise(resolve => {
    let start = null
    input.addEventListener('keydown', () => { start = performance.now() }, {once: true})
    const observer = new MutationObserver(() => {
      if (start !== null) { observer.disconnect(); resolve(performance.now() - start) }
    })
    observer.observe(result, {childList: true, subtree: true, characterData: true})
    setTimeout(() => resolve(10000), 10000)
  })
}"""


def _type_and_time(page, query: str) -> float:
    page.locator(".md-search__input").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_timeout(300)
    page.keyboard.type(query[:-1], delay=KEY_DELAY_MS)
    page.wait_for_timeout(1000)
    page.evaluate(ARM_JS)
    page.keyboard.press(query[-1])
    return page.evaluate("window.__lastKey")


def _latencies(browser, url: str, baseline: dict | None, material_worker: str) -> tuple[dict, list[float]]:
    context = browser.new_context(locale="da-DK")
    if baseline is not None:  # Material as it comes: its own worker and its own index
        worker = (Path(baseline["site"]) / "assets" / "javascripts" / "workers" / material_worker).read_bytes()
        context.route("**/workers/search-da.js*", lambda route: route.fulfill(body=worker, content_type="text/javascript"))
        context.route("**/search/search_index.json", lambda route: route.fulfill(body=baseline["index"], content_type="application/json"))
    page = context.new_page()
    opening = []
    for _ in range(RUNS):
        page.goto(url + "index.html")
        started = page.evaluate("performance.now()")
        page.locator(".md-search__input").click()
        page.keyboard.type("onboarding", delay=0)
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        opening.append(page.evaluate("performance.now()") - started)
    times = {query: statistics.median(_type_and_time(page, query) for _ in range(RUNS)) for query in QUERIES}
    context.close()
    return times, opening


def run(root: Path, out: Path, chromium: str = "/usr/bin/chromium") -> dict:
    from playwright.sync_api import sync_playwright

    site = out / "search-site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=root, check=True, capture_output=True)
    shipped = (site / "search" / "search_index.json").read_bytes()
    plain = encoded(material_index(json.loads(shipped)))
    material_worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            danish, danish_open = _latencies(browser, url, None, material_worker)
            material, material_open = _latencies(browser, url, {"site": site, "index": plain}, material_worker)
            browser.close()
    finally:
        server.shutdown()
    return {
        "index": {"material": len(plain), "shipped": len(shipped),
                  "material_gz": len(gzip.compress(plain, 9, mtime=0)), "shipped_gz": len(gzip.compress(shipped, 9, mtime=0))},
        "queries": {query: (danish[query], material[query]) for query in QUERIES},
        "opening": (statistics.median(danish_open), statistics.median(material_open)),
    }


def section(result: dict, when: str, machine: str) -> str:
    size = result["index"]
    growth = size["shipped"] / size["material"] - 1
    worst = max(danish for danish, _ in result["queries"].values())
    lines = [
        SECTION_BEGIN,
        "## Search: Danish query handling (`bench/run.py --only search`)",
        "",
        f"Measured {when} on {machine}; Debian's Chromium, loopback HTTP, median of {RUNS} runs. Time to first "
        f"result: from the keydown of a query's last letter (typed at {KEY_DELAY_MS} ms a key, then a quiet "
        "second) to the result list being filled.",
        "",
        "| Index | Material's (search/search_index.json) | shipped (with folded forms, synonyms, question cards) | growth |",
        "|---|---:|---:|---:|",
        f"| raw | {size['material'] / 1024:.0f} KB | {size['shipped'] / 1024:.0f} KB | {growth:+.1%} |",
        f"| gzip | {size['material_gz'] / 1024:.0f} KB | {size['shipped_gz'] / 1024:.0f} KB | "
        f"{size['shipped_gz'] / size['material_gz'] - 1:+.1%} |",
        "",
        "| Query | Danish search | Material's worker and index |",
        "|---|---:|---:|",
    ]
    for query, (danish, material) in result["queries"].items():
        lines.append(f"| `{query}` | {danish:.0f} ms | {material:.0f} ms |")
    danish_open, material_open = result["opening"]
    lines += [
        f"| open the search box on a fresh page, type `onboarding`: first result | {danish_open:.0f} ms | {material_open:.0f} ms |",
        "",
        f"Targets: index growth at most {GROWTH_LIMIT:.0%} ({'met' if growth <= GROWTH_LIMIT else 'NOT met'}); "
        f"first result within {TARGET_MS} ms of the last keystroke (slowest query {worst:.0f} ms: "
        f"{'met' if worst <= TARGET_MS else 'NOT met'}).",
        SECTION_END,
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str, notes_marker: str) -> None:
    """Put the search section into RESULTS.md in place of the previous one, above the hand-written notes."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_BEGIN in current:
        before, rest = current.split(SECTION_BEGIN, 1)
        after = rest.split(SECTION_END, 1)[1].lstrip("\n")
        current = before + text + after
    elif notes_marker in current:
        before, after = current.split(notes_marker, 1)
        current = before + text + "\n" + notes_marker + after
    else:
        current += "\n" + text
    path.write_text(current, encoding="utf-8")

