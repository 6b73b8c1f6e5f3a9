"""What a reader's browser pays: Lighthouse (mobile) on the home, an area, a tool and the explorer page.

The built site is served the way the hosting notes serve it: nginx on loopback with the committed
configuration in hosting/nginx/ (gzip, caching headers, the Content-Security-Policy), under its sub-path.
Lighthouse is the npm package pinned in bench/package.json (`npm ci --prefix bench` once; node_modules is not
committed), run against Debian's chromium with its default mobile settings (simulated slow 4G, a mid-range
phone's CPU). Per page: the performance score, the total byte weight of the first load (transferred, as
Lighthouse counts it) and the same requests' size uncompressed, and the requests that made it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from macros.publish import loopback_nginx
from macros.publish.loopback_nginx import PREFIX

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"


def pages(site: Path) -> dict[str, str]:
    """The measured pages: home, the first area and the first tool by file name, the explorer."""
    area = sorted((site / "indsatsomraader").glob("*.html"))[0]
    tool = sorted(p for p in (site / "vaerktoejer").glob("*.html") if p.name != "index.html")[0]
    explorer = next(p for p in sorted(site.rglob("*.html")) if 'class="rec-filters' in p.read_text(encoding="utf-8"))
    return {"home": "index.html", "area": area.relative_to(site).as_posix(), "tool": tool.relative_to(site).as_posix(),
            "explorer": explorer.relative_to(site).as_posix()}


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that makes this machine a mobile phone as Lighthouse means it. Lighthouse's default 4×
    assumes a desktop of benchmark index ~1,500 (its throttling guide); a machine busy with other work scores
    lower, and 4× more on top of that measures a phone several times slower than Lighthouse's."""
    return round(min(4.0, max(1.0, 4.0 * benchmark_index / 1500)), 1)


def lighthouse(url: str, out: Path, slowdown: float | None = None) -> dict:
    """One Lighthouse run (mobile, performance only); the figures kept from its report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix bench` once")
    throttling = [f"--throttling.cpuSlowdownMultiplier={slowdown}"] if slowdown else []
    done = subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", *throttling,
                           "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}"],
                          env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stderr or done.stdout)[-500:]}
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "bytes": audits["total-byte-weight"]["numericValue"],
        "uncompressed": sum(item.get("resourceSize") or 0 for item in requests),
        "requests": len(requests),
        "search_index": any("search_index" in item["url"] for item in requests),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "benchmark_index": round(report["environment"]["benchmarkIndex"]),
        "largest": sorted(((item.get("transferSize") or 0, item["url"].split(PREFIX, 1)[-1]) for item in requests),
                          reverse=True)[:3],
    }


def version() -> str | None:
    package = LIGHTHOUSE.parents[1] / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else None


RUNS = 3  # Lighthouse's own advice for a figure that holds: several runs, the median one


def median_run(runs: list[dict]) -> dict:
    """The run with the median score (ties: the median total blocking time), with the others' scores beside it."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[-1]
    ranked = sorted(ok, key=lambda r: (r["score"], -r["tbt"]))
    return {**ranked[(len(ranked) - 1) // 2], "scores": sorted(r["score"] for r in ok)}


def measure(site: Path, out: Path, runs: int = RUNS) -> dict:
    """Lighthouse on each measured page of the built site in `site`: `runs` times as Lighthouse sets it, and
    `runs` times with the CPU slowdown fitted to this machine's speed during the run; the median run of each."""
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        with loopback_nginx.serve(site, out / "nginx") as origin:
            base = origin + PREFIX
            for name, path in pages(site).items():
                plain, fitted = [], []
                for run in range(runs):  # interleaved, so a busy spell of the machine falls on both
                    plain.append(r := lighthouse(base + path, out / f"lighthouse-{name}-{run}.json"))
                    if "error" not in r:
                        slowdown = calibrated_slowdown(r["benchmark_index"])
                        again = lighthouse(base + path, out / f"lighthouse-{name}-{run}-calibrated.json", slowdown)
                        fitted.append({**again, "slowdown": slowdown})
                results[name] = r = {"page": path, **median_run(plain)}
                if fitted:
                    r["calibrated"] = median_run(fitted)
                shown = r.get("error") or (f"performance {r['score']} of {r['scores']} (calibrated "
                                           f"{r.get('calibrated', {}).get('score')} of {r.get('calibrated', {}).get('scores')}), "
                                           f"{r['bytes'] / 1024:.0f} KiB in {r['requests']} requests")
                print(f"   lighthouse {name} ({path}): {shown}", flush=True)
    except loopback_nginx.NginxError as error:
        raise SystemExit(str(error)) from None
    return results


TARGET_KIB, TARGET_SCORE = 300, 95


def runs(result: dict) -> str:
    return ", ".join(str(score) for score in result.get("scores", [result["score"]]))


def report_lines(results: dict) -> list[str]:
    lines = ["| page | performance (median run; all runs) | performance, CPU slowdown fitted to this machine | first load (transferred) | uncompressed | requests | search index loaded | "
             "FCP | LCP | TBT | CLS | largest requests (transferred) |",
             "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"]
    for name, r in results.items():
        if "error" in r:
            lines.append(f"| {name} (`{r['page']}`) | {r['error'][:80]} | | | | | | | | | | |")
            continue
        largest = ", ".join(f"`{url}` {size / 1024:.0f} KiB" for size, url in r["largest"])
        c = r.get("calibrated") or {}
        fitted = (f"{c['score']} ({c['slowdown']}×, TBT {c['tbt']:.0f} ms; {runs(c)})" if "score" in c
                  else c.get("error", "–")[:60])
        lines.append(f"| {name} (`{r['page']}`) | **{r['score']}** ({runs(r)}) | {fitted} | **{r['bytes'] / 1024:.0f} KiB** | "
                     f"{r['uncompressed'] / 1024:.0f} KiB | {r['requests']} | {'yes' if r['search_index'] else 'no'} | "
                     f"{r['fcp'] / 1000:.1f} s | {r['lcp'] / 1000:.1f} s | {r['tbt']:.0f} ms | {r['cls']:.3f} | {largest} |")
    ok = [r for r in results.values() if "error" not in r]
    met = ok and len(ok) == len(results) and all(r["bytes"] <= TARGET_KIB * 1024 and r["score"] >= TARGET_SCORE for r in ok)
    lines += ["", f"Target: every measured page ≤ {TARGET_KIB} KiB on first load and performance ≥ {TARGET_SCORE} — "
              + ("met." if met else "**not met**.")]
    return lines
