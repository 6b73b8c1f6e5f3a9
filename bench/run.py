"""`make bench`: the project's build against a plain Material build of the same pages, at three sizes.

For every size (areas in the synthetic catalogue, see generate.py) it
1. writes a project copy with the synthetic catalogue into bench/out/<size>/project;
2. builds it once untimed with bench/capture_hook.py (the Markdown, files and navigation the project hands
   to MkDocs); at the largest size this build runs under pyinstrument: the profile;
3. writes the plain site from it (plain.py): same pages as static Markdown, same theme, plugins and nav,
   no macros plugin, no hooks; with navigation.prune like the project, and a copy without it;
4. times the builds, interleaved: (a) project `mkdocs build`, (b) plain with prune, (b') plain without
   prune; each a fresh process: wall time, CPU time (user + system) and peak memory of the process;
5. measures the output: site size, search index, an area page's HTML and transfer size.
Then `catalogue build` against `mkdocs build` (validation and any PDF step), `mkdocs serve`'s rebuild after
one YAML file changes, and bench/RESULTS.md with the machine's description. Notes below the marker line in
RESULTS.md are kept.

    .venv/bin/python bench/run.py [--sizes 16,160,1600] [--runs 3] [--runs-large 1] [--root PROJECT]
    .venv/bin/python bench/run.py --only search   # the search step alone (bench/search.py), a few minutes

`--only web` measures, on its own and in a few minutes, what a reader and an editor feel at 16 areas (the real
catalogue): Lighthouse (mobile) on the home, an area, a tool and the explorer page (bench/web.py), the build
against the plain build (a)/(b), and `mkdocs serve`'s rebuild after one file changes. It rewrites only its own
section of RESULTS.md; the full run writes that section too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import IGNORE, ROOT, copy_project, generate  # noqa: E402
import search as search_step  # noqa: E402
import web  # noqa: E402
from macros.publish.loopback_nginx import free_port  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
NOTES_MARKER = "<!-- Notes below this line are written by hand and kept by `make bench`. -->"
WEB_START, WEB_END = "<!-- web: written by `make bench` (also alone: --only web) -->", "<!-- /web -->"
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "pymdown-extensions", "Jinja2",
            "PyYAML", "jsonschema", "pyinstrument")
AREA_HTML_TARGET = 80 * 1024
PDF_REPORT = re.compile(r"(?P<files>\d+) PDF'er \((?P<pages>\d+) sider\) lavet på (?P<seconds>[\d.]+) s")


# ---------------------------------------------------------------- running and timing a process


@dataclass
class Run:
    wall: float | None  # None: failed or timed out
    cpu: float | None
    rss_mb: float | None
    error: str = ""


def _peak_rss_kb(pid: int) -> int:
    """The process's own high-water mark. (ru_maxrss of a child is no use: Linux counts the parent's RSS at the
    moment of the fork in it.)"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, flags=re.M)
    return int(match.group(1)) if match else 0


def timed(command: list[str], cwd: Path, timeout: float, log: Path) -> Run:
    """Run a command in a process of its own: wall time, CPU time (user + system, with the processes it
    waited for) and peak memory of the process (read every 20 ms)."""
    peak = 0
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        deadline = start + timeout
        while True:
            peak = max(peak, _peak_rss_kb(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                process.returncode = -9
                return Run(None, None, None, f"timed out after {timeout:.0f} s")
            time.sleep(0.02)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        return Run(None, None, None, f"exit {process.returncode}: {tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak / 1024)


def mkdocs_build(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config),
            "--site-dir", str(site)]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------- measuring the output


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "source") and attrs.get("src"):
            self.urls.add(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.urls.add(attrs["href"])


def _resources(page: Path, site: Path) -> set[Path]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    out = set()
    for url in parser.urls:
        if re.match(r"^[a-z]+:|^//", url):
            continue
        target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
        if target.is_file() and site.resolve() in target.parents:
            out.add(target)
    return out


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def output_sizes(site: Path, area_page: str) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    areas = sorted((site / "indsatsomraader").glob("*.html"))
    tools = sorted((site / "vaerktoejer").glob("*.html"))
    page = site / area_page
    html = page.read_bytes()
    # Shared assets: what the front page loads too (theme CSS/JS, logo); what only this page loads is its own.
    own = _resources(page, site) - _resources(site / "index.html", site)
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_files": len(files),
        "pdf_files": sum(1 for p in files if p.suffix == ".pdf"),
        "search_bytes": index.stat().st_size if index.exists() else None,
        "search_gzip": gz(index.read_bytes()) if index.exists() else None,
        "area_page": area_page,
        "area_html": len(html),
        "area_html_gzip": gz(html),
        "area_own_assets": sum(p.stat().st_size for p in own),
        "area_transfer": gz(html) + sum(gz(p.read_bytes()) for p in own),
        "area_html_median": statistics.median(p.stat().st_size for p in areas),
        "area_html_max": max(p.stat().st_size for p in areas),
        "tool_html_max": max((p.stat().st_size for p in tools if p.name != "index.html"), default=0),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
    }


# ---------------------------------------------------------------- one size


@dataclass
class SizeResult:
    areas: int
    counts: dict
    pages: int = 0
    runs: dict = field(default_factory=dict)  # variant -> [Run]
    sizes: dict = field(default_factory=dict)  # variant -> output_sizes
    cli: list = field(default_factory=list)  # [Run] of `catalogue build`
    pdf: list = field(default_factory=list)  # (files, pages, seconds) as `catalogue build` reports its PDF step
    validate: Run | None = None
    profile: dict | None = None
    lighthouse: dict | None = None
    error: str = ""


VARIANTS = {"project": "(a) project", "plain": "(b) plain, navigation.prune", "noprune": "(b′) plain, no prune",
            "defaults": "(c) plain, Material defaults"}


def capture_config(project: Path) -> Path:
    """The project's mkdocs.yml plus the capture hook, last."""
    conf = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    conf["hooks"] = list(conf.get("hooks") or []) + [str(BENCH / "capture_hook.py")]
    path = project / "mkdocs-capture.yml"
    path.write_text(yaml.safe_dump(conf, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bench_size(areas: int, args, out: Path, *, profile: bool) -> SizeResult:
    base = out / str(areas)
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    project, capture, plain = base / "project", base / "capture", base / "plain"
    print(f"== {areas} areas: generating", flush=True)
    result = SizeResult(areas, generate(areas, project, args.root))

    print(f"== {areas} areas: capture build{' under pyinstrument' if profile else ''}", flush=True)
    capture.mkdir()
    command = mkdocs_build(capture_config(project), base / "site-capture")
    if profile:
        session = out / f"profile-{areas}.pyisession"
        command = [sys.executable, "-m", "pyinstrument", "--interval", "0.002", "-r", "pyisession", "-o",
                   str(session)] + command[1:]
    env_capture = {"BENCH_CAPTURE": str(capture)}
    os.environ.update(env_capture)
    ENV.update(env_capture)
    first = timed(command, project, args.timeout, base / "capture.log")
    if first.wall is None:
        result.error = f"the capture build failed ({first.error})"
        print("   ", result.error, flush=True)
        return result
    if profile:
        result.profile = summarise_profile(session, project, out / f"profile-{areas}")
    data = json.loads((capture / "capture.json").read_text(encoding="utf-8"))
    if not str(data.get("macros_module", "")).startswith(str(project)):
        raise SystemExit(f"the build used {data.get('macros_module')}, not the copy in {project}")
    result.pages = len(data["pages"])

    made = subprocess.run([sys.executable, str(BENCH / "plain.py"), str(project), str(capture), str(plain)],
                          cwd=project, env={**ENV, "PYTHONPATH": str(project)}, capture_output=True, text=True)
    if made.returncode != 0:
        raise SystemExit(f"plain.py failed:\n{made.stderr}")

    runs = args.runs if areas <= args.large else args.runs_large
    variants = {"project": project / "mkdocs.yml", "plain": plain / "mkdocs.yml"}
    if areas <= args.noprune_max:  # quadratic in the pages with a navigation of every page
        variants["noprune"] = plain / "mkdocs-noprune.yml"
    if areas <= args.defaults_max:  # the baseline, quadratic too
        variants["defaults"] = plain / "mkdocs-defaults.yml"
    for variant in variants:
        result.runs[variant] = []
    for i in range(runs):
        for variant, config in variants.items():
            if result.runs[variant] and result.runs[variant][-1].wall is None:
                continue  # failed or timed out once: do not wait again
            timeout = args.timeout_baseline if variant == "defaults" else args.timeout
            run = timed(mkdocs_build(config, base / f"site-{variant}"), config.parent, timeout,
                        base / f"{variant}-{i}.log")
            result.runs[variant].append(run)
            shown = f"{run.wall:.1f} s wall, {run.cpu:.1f} s CPU, {run.rss_mb:.0f} MB" if run.wall else run.error
            print(f"   run {i + 1}/{runs} {VARIANTS[variant]}: {shown}", flush=True)

    area_id = next(iter(sorted((project / "catalogue" / "areas").glob("*.yml")))).stem
    for variant in variants:
        site = base / f"site-{variant}"
        if result.runs[variant][-1].wall is not None:
            result.sizes[variant] = output_sizes(site, f"indsatsomraader/{area_id}.html")

    if areas <= args.cli_max:  # `catalogue build` = validate + strict mkdocs build (+ PDF step, if any) + swap
        cli_runs = runs if areas <= 16 else 1  # the PDF step prints hundreds of pages at 160 areas
        for i in range(cli_runs):
            log = base / f"cli-{i}.log"
            run = timed([sys.executable, "-m", "macros.cli", "--root", str(project), "build", "--site-dir",
                         str(base / "site-cli")], project, args.timeout, log)
            result.cli.append(run)
            reported = PDF_REPORT.search(log.read_text(encoding="utf-8", errors="replace"))
            if reported:
                result.pdf.append((int(reported["files"]), int(reported["pages"]), float(reported["seconds"])))
            print(f"   run {i + 1}/{cli_runs} catalogue build: "
                  f"{f'{run.wall:.1f} s wall, {run.cpu:.1f} s CPU' if run.wall else run.error}", flush=True)
        result.validate = timed([sys.executable, "-m", "macros.cli", "--root", str(project), "validate"],
                                project, args.timeout, base / "validate.log")
        if result.cli and result.cli[-1].wall is not None:
            result.sizes["cli"] = {"pdf_files": sum(1 for _ in (base / "site-cli").rglob("*.pdf"))}
    if areas == args.web_areas and "project" in result.sizes:
        print(f"== {areas} areas: Lighthouse", flush=True)
        result.lighthouse = web.measure(base / "site-project", base / "web")
    for site in base.glob("site-*"):  # keep bench/out small; the logs stay
        if site.name not in ("site-project",):
            shutil.rmtree(site, ignore_errors=True)
    return result


# ---------------------------------------------------------------- mkdocs serve


def serve_rebuild(project: Path, repeats: int, timeout: float, log: Path) -> dict:
    """Start `mkdocs serve`, change one area's title in its YAML file, time until the served page shows it."""
    port = free_port()
    one_line_title = re.compile(r"^title: (?![>|]).+$", flags=re.M)  # a title we can replace line for line
    areas = sorted((project / "catalogue" / "areas").glob("*.yml"), key=lambda p: not re.search(r"-x\d+$", p.stem))
    area = next(p for p in areas if one_line_title.search(p.read_text(encoding="utf-8")))
    url = f"http://127.0.0.1:{port}/indsatsomraader/{area.stem}.html"
    original = area.read_text(encoding="utf-8")

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    result = {"page": url.split("/", 3)[3], "first_build": None, "rebuilds": [], "rebuild_cpu": []}

    def cpu_seconds(pid: int) -> float:
        """CPU time (user + system) the serve process has used so far: the steady figure on a busy machine."""
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    with log.open("wb") as output:
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dirty", "--dev-addr",
                                   f"127.0.0.1:{port}", "--config-file", str(project / "mkdocs.yml")],
                                  cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            while not fetch():
                if time.perf_counter() - start > timeout or server.poll() is not None:
                    result["error"] = "the first build did not finish"
                    return result
                time.sleep(0.1)
            result["first_build"] = time.perf_counter() - start
            for i in range(repeats):
                time.sleep(1.5)  # let the watcher settle
                marker = f"bmk{os.getpid()}x{i}"
                area.write_text(one_line_title.sub(f"title: Ændret titel {marker}", original, count=1),
                                encoding="utf-8")
                changed, cpu_before = time.perf_counter(), cpu_seconds(server.pid)
                while marker not in fetch():
                    if time.perf_counter() - changed > timeout:
                        result["error"] = f"no rebuild within {timeout:.0f} s"
                        return result
                    time.sleep(0.05)
                result["rebuilds"].append(time.perf_counter() - changed)
                result["rebuild_cpu"].append(cpu_seconds(server.pid) - cpu_before)
                print(f"   serve rebuild {i + 1}/{repeats}: {result['rebuilds'][-1]:.1f} s, "
                      f"{result['rebuild_cpu'][-1]:.2f} s CPU", flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            area.write_text(original, encoding="utf-8")
    return result


# ---------------------------------------------------------------- profile


def summarise_profile(session_path: Path, project: Path, stem: Path) -> dict:
    """Text and HTML reports, plus where the time goes: the project's own functions, and self time by
    package."""
    from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
    from pyinstrument.session import Session

    session = Session.load(str(session_path))
    stem.with_suffix(".txt").write_text(ConsoleRenderer(unicode=True, color=False, show_all=False, short_mode=False,
                                                        time="seconds").render(session), encoding="utf-8")
    stem.with_suffix(".html").write_text(HTMLRenderer().render(session), encoding="utf-8")
    root = session.root_frame()
    total = root.time
    mine = str(project / "macros") + os.sep

    project_functions: dict[str, float] = {}
    by_package: dict[str, float] = {}

    def package(path: str) -> str:
        if path.startswith(mine):
            return "project macros/"
        if path.endswith(".html") or "/templates/" in path:
            return "theme templates (Material, Jinja)"
        match = re.search(r"site-packages/([A-Za-z0-9_]+)", path) or re.search(r"python3\.\d+/([A-Za-z0-9_]+)", path)
        return match.group(1) if match else path.rsplit("/", 1)[-1] or "?"

    def walk(frame, inside: set[str], owner: str):
        path = frame.file_path or ""
        key = f"{frame.function} ({path[len(mine):]}:{frame.line_no})" if path.startswith(mine) else None
        if key and key not in inside:  # inclusive time, counted once per call chain
            project_functions[key] = project_functions.get(key, 0) + frame.time
            inside = inside | {key}
        if path and not frame.is_synthetic and path != "<built-in>":
            owner = package(path)  # built-ins (regex, stat) and [self] count for the package that called them
        by_package[owner] = by_package.get(owner, 0) + frame.time - sum(child.time for child in frame.children)
        for child in frame.children:
            walk(child, inside, owner)

    walk(root, set(), "?")
    top_project = sorted(project_functions.items(), key=lambda item: -item[1])[:12]
    return {
        "duration": session.duration,
        "cpu_time": session.cpu_time,
        "total": total,
        "project_functions": [(name, t, t / total) for name, t in top_project],
        "by_package": [(name, t, t / total) for name, t in sorted(by_package.items(), key=lambda i: -i[1])[:10]],
        "report": stem.with_suffix(".txt").name,
    }


# ---------------------------------------------------------------- report


def machine() -> dict:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory / 1024**2, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "versions": versions}


def fmt(value, unit="s", digits=1):
    if value is None:
        return "–"
    return f"{value:.{digits}f} {unit}".strip()


def kb(value):
    return "–" if value is None else f"{value / 1024:,.0f} KB"


def noprune_estimate(results: list[SizeResult], pages: int, variant: str = "noprune") -> float | None:
    """CPU time of a plain build without prune at `pages` pages, from T = α·P + β·P² through the two largest
    sizes where it was built (each page renders the navigation: the cost per page grows with the pages)."""
    points = [(r.pages, median(run.cpu for run in r.runs[variant])) for r in results if r.runs.get(variant)]
    points = [(p, t) for p, t in points if t][-2:]
    if len(points) < 2:
        return None
    (p1, t1), (p2, t2) = points
    beta = (t2 / p2 - t1 / p1) / (p2 - p1)
    alpha = t1 / p1 - beta * p1
    return alpha * pages + beta * pages**2


def web_section(results: list[SizeResult], serve: dict | None, info: dict, started: datetime, loads: tuple,
                full: bool) -> list[str]:
    """What a reader and an editor feel (issue 16): page weight and Lighthouse, the 16-area build ratio, the
    rebuild. Written by the full run and by `--only web`."""
    real = next((r for r in results if r.areas == 16 and not r.error), None)
    lines = [WEB_START, "## What a reader and an editor feel: Lighthouse, build ratio, rebuild", "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC by `make bench`"
             + ("" if full else ' (`BENCH_ARGS="--only web"`: this section only; the sections below it are from the '
                'full run dated above them and were not re-measured)')
             + f". Load average at start / end {loads[0]:.2f} / {loads[1]:.2f} on {info['cores']} cores.", ""]
    if real and real.lighthouse:
        bench_index = sorted(r.get("benchmark_index") or 0 for r in real.lighthouse.values())
        lines += ["### Lighthouse, mobile, first load", "",
                  "Lighthouse " + (web.version() or "?") + " (bench/package.json), its default mobile settings (simulated "
                  "slow 4G, CPU slowed 4×), Debian's chromium; the site served by nginx on loopback with the committed "
                  "hosting/nginx/ configuration (gzip, Content-Security-Policy) under its sub-path. Each page is measured "
                  f"{web.RUNS} times, as Lighthouse advises for a figure that holds; the table shows the median run, with every "
                  "run's score beside it. \"transferred\" is "
                  "Lighthouse's total byte weight; \"uncompressed\" is the same requests' size unpacked. Lighthouse's "
                  f"CPU benchmark of this machine during the runs: {bench_index[0]}–{bench_index[-1]} (a desktop "
                  "scores 1,000–2,000; below that, the simulated phone is slower than Lighthouse assumes and total "
                  "blocking time and the score suffer; the third column repeats each run with Lighthouse's CPU slowdown fitted "
                  "to that index, `web.calibrated_slowdown`).", ""]
        lines += web.report_lines(real.lighthouse) + [""]
    if real and real.runs.get("plain"):
        a = [run for run in real.runs["project"] if run.wall is not None]
        b = [run for run in real.runs["plain"] if run.wall is not None]
        cpu_a, cpu_b = median(run.cpu for run in a), median(run.cpu for run in b)
        q = cpu_a / cpu_b if cpu_a and cpu_b else None
        lines += ["### Build, like for like, 16 areas (the real catalogue)", "",
                  f"(a) the project's `mkdocs build` {fmt(median(run.wall for run in a))} wall, {fmt(cpu_a)} CPU; "
                  f"(b) the same pages as a plain Material site with the same plugins {fmt(median(run.wall for run in b))} "
                  f"wall, {fmt(cpu_b)} CPU (medians of {len(a)}). (a)/(b), CPU: **{fmt(q, '×', 2)}** — target ≤ 1.2× "
                  + ("met." if q and q <= 1.2 else "**not met**."), ""]
    if serve:
        lines += ["### `mkdocs serve`: rebuild after one YAML file changes", ""]
        if serve.get("rebuilds"):
            t, cpu = median(serve["rebuilds"]), median(serve.get("rebuild_cpu") or [float("inf")])
            lines.append(f"`mkdocs serve --dirty` as `make serve` runs it (only the pages that changed are rendered again). "
                         f"At {serve['areas']} areas: median **{fmt(t, 's', 2)}** over {len(serve['rebuilds'])} changes "
                         f"({', '.join(fmt(x, 's', 2) for x in serve['rebuilds'])}), from saving the file until the served "
                         f"page `{serve['page']}` shows the change; first build until served {fmt(serve['first_build'])}. "
                         f"CPU time of the serve process per rebuild (steadier on a busy machine): median "
                         f"**{fmt(cpu, 's', 2)}** "
                         f"({', '.join(fmt(x, 's', 2) for x in serve.get('rebuild_cpu') or [])}; it includes answering this "
                         f"benchmark's polls of the page every 50 ms). The time from saving also holds the wait for MkDocs' "
                         f"file watcher, which looks for changes every 0.5 s. Target ≤ 1 s at 16 areas, CPU of the rebuild "
                         f"— " + ("met." if cpu <= 1 and serve["areas"] <= 16 else "**not met**."))
        else:
            lines.append(f"At {serve['areas']} areas: {serve.get('error', 'not measured')}.")
        lines.append("")
    return lines + [WEB_END, ""]


def write_web_only(path: Path, section: list[str]) -> None:
    """Replace the web section of RESULTS.md (or put it after the title paragraph), keeping everything else."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark\n\n"
    block = "\n".join(section)
    if WEB_START in text and WEB_END in text:
        head, rest = text.split(WEB_START, 1)
        text = head + block.rstrip("\n") + "\n\n" + rest.split(WEB_END, 1)[1].lstrip("\n")
    else:
        title, _, rest = text.partition("\n\n")
        intro, _, rest = rest.partition("\n\n")
        text = f"{title}\n\n{intro}\n\n{block}\n{rest}"
    path.write_text(text, encoding="utf-8")


def write_results(path: Path, results: list[SizeResult], small_serve: dict | None, serve: dict | None, info: dict, args,
                  started: datetime, elapsed: float, loads: tuple) -> None:
    lines = ["# Benchmark: the catalogue build against a plain Material build", "",
             f"Written by `make bench` (`bench/run.py`) on {started:%Y-%m-%d %H:%M} UTC, in {elapsed / 60:.1f} min. "
             f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']:.0f} GiB, {info['system']}, "
             f"Python {info['python']}; "
             + ", ".join(f"{name} {version}" for name, version in info["versions"].items()) + ". "
             f"Load average at start / end: {loads[0]:.2f} / {loads[1]:.2f} (another process on this 2-core machine "
             "slows wall times; CPU time, user + system of the build process, is the steadier figure).", ""]
    lines += web_section(results, small_serve, info, started, loads, full=True)
    lines += ["Each build is a fresh `python -m mkdocs build --strict` process; figures are medians of "
              f"{args.runs} runs ({args.runs_large} above {args.large} areas), runs interleaved. (a) is the project; "
              "(b) is a plain Material site of the same pages (the Markdown the project hands to MkDocs, after "
              "macros and hooks, written as static files with their front matter), same theme, plugins, "
              "Markdown extensions and navigation, no macros plugin, no hooks, with `navigation.prune` like the "
              "project; (b′) is (b) without `navigation.prune`; (c) is the issue's \"plain Material site\": the "
              "same pages with Material's defaults, MkDocs' automatic navigation of every page and no prune. "
              f"(b′) is built up to {args.noprune_max} areas, (c) up to {args.defaults_max}: in both every page "
              "carries the whole navigation, so they grow with the square of the pages.", ""]

    lines += ["## Build time", "",
              "| areas | pages | variant | wall | CPU | peak memory | CPU per page | runs |",
              "|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in results:
        if r.error:
            lines.append(f"| {r.areas} | – | (a) project | {r.error} | | | | |")
            continue
        for variant, runs in r.runs.items():
            cpu = median(run.cpu for run in runs)
            failed = [run.error for run in runs if run.wall is None]
            wall = fmt(median(run.wall for run in runs)) if not failed or len(failed) < len(runs) else failed[0][:60]
            lines.append(f"| {r.areas} | {r.pages} | {VARIANTS[variant]} | {wall} | {fmt(cpu)} | "
                         f"{fmt(median(run.rss_mb for run in runs), 'MB', 0)} | "
                         f"{fmt(cpu / r.pages * 1000 if cpu else None, 'ms', 1)} | {len(runs)} |")
    lines.append("")

    def ratio(r: SizeResult, a: str, b: str, what: str = "cpu"):
        va = median(getattr(run, what) for run in r.runs.get(a, []))
        vb = median(getattr(run, what) for run in r.runs.get(b, []))
        return va / vb if va and vb else None

    lines += ["## Headline: (a) / (b)", "",
              "| areas | (a)/(b) CPU | (a)/(b) wall | (a)/(b′) CPU | (a)/(b′) wall | (a)/(c) CPU | (a)/(c) wall |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if not r.error:
            lines.append(f"| {r.areas} | **{fmt(ratio(r, 'project', 'plain'), '×', 2)}** | "
                         f"{fmt(ratio(r, 'project', 'plain', 'wall'), '×', 2)} | "
                         f"{fmt(ratio(r, 'project', 'noprune'), '×', 2)} | "
                         f"{fmt(ratio(r, 'project', 'noprune', 'wall'), '×', 2)} | "
                         f"{fmt(ratio(r, 'project', 'defaults'), '×', 2)} | "
                         f"{fmt(ratio(r, 'project', 'defaults', 'wall'), '×', 2)} |")
    lines.append("")

    lines += ["## Output", "",
              "| areas | variant | site | files | search index (gzip) | area page HTML (gzip) | area page transfer "
              "beyond shared assets | area pages: median / max HTML | largest tool page HTML |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for variant, s in r.sizes.items():
            if variant == "cli":
                continue
            lines.append(f"| {r.areas} | {VARIANTS[variant]} | {s['site_bytes'] / 1024**2:.1f} MB | {s['site_files']} | "
                         f"{kb(s['search_bytes'])} ({kb(s['search_gzip'])}) | {kb(s['area_html'])} "
                         f"({kb(s['area_html_gzip'])}) | {kb(s['area_transfer'])} | {kb(s['area_html_median'])} / "
                         f"{kb(s['area_html_max'])} | {kb(s['tool_html_max'])} |")
    lines += ["", "The area page measured is the first area by file name (`" +
              (results[0].sizes.get("project", {}).get("area_page", "?")) + "`); its transfer is its gzip'ed "
              "HTML plus any file it loads that the front page does not (the theme's CSS and JavaScript, the logo "
              "and the stylesheets are shared and cached).", ""]

    lines += ["## `catalogue build` against `mkdocs build`", "",
              "| areas | runs | `catalogue build` wall | CPU¹ | `mkdocs build` wall (a) | difference | of which the PDF "
              "step (its own report) | `catalogue validate` alone | PDF files |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if r.cli:
            cli_wall = median(run.wall for run in r.cli)
            build_wall = median(run.wall for run in r.runs.get("project", []))
            diff = cli_wall - build_wall if cli_wall and build_wall else None
            pdf = (f"{fmt(median(s for _, _, s in r.pdf))} ({r.pdf[-1][0]} PDFs, {r.pdf[-1][1]} pages)"
                   if r.pdf else "no PDF step reported")
            lines.append(f"| {r.areas} | {len(r.cli)} | {fmt(cli_wall)} | {fmt(median(run.cpu for run in r.cli))} | "
                         f"{fmt(build_wall)} | {fmt(diff)} | {pdf} | {fmt(r.validate.wall if r.validate else None)} | "
                         f"{r.sizes.get('cli', {}).get('pdf_files', '–')} |")
    lines += ["", "¹ CPU of the command and the processes it waited for; Chromium's own processes may be missed.", ""]

    if serve:
        lines += ["## `mkdocs serve`: rebuild after one YAML file changes", ""]
        if serve.get("rebuilds"):
            lines.append(f"At {serve['areas']} areas, `mkdocs serve --strict --livereload --dirty` (`make serve`) on loopback; one area file's "
                         f"title changed, timed until the served page `{serve['page']}` shows it: median "
                         f"**{fmt(median(serve['rebuilds']))}** over {len(serve['rebuilds'])} changes "
                         f"({', '.join(fmt(t) for t in serve['rebuilds'])}); first build until served "
                         f"{fmt(serve['first_build'])}.")
        else:
            lines.append(f"At {serve['areas']} areas: {serve.get('error', 'not measured')}.")
        lines.append("")

    lines += ["## Targets (issue 8)", ""]
    real = next((r for r in results if r.areas == 16 and not r.error), None)
    small = next((r for r in results if r.areas == 160 and not r.error), None)
    large = next((r for r in results if r.areas == 1600), None)

    def verdict(ok):
        return "–" if ok is None else ("met" if ok else "**not met**")

    if real:
        q = ratio(real, "project", "plain")
        lines.append(f"- Real catalogue at most 1.2× the plain build (b), CPU: {fmt(q, '×', 2)} — {verdict(q and q <= 1.2)}.")
    if large and not large.error:
        a = median(run.cpu for run in large.runs["project"])
        qp = ratio(large, "project", "plain")
        parts = []
        for variant in ("defaults", "noprune"):
            q = ratio(large, "project", variant)
            if q is not None:
                parts.append(f"(a)/{VARIANTS[variant].split()[0]} = {q:.2f}, measured")
                continue
            estimate = noprune_estimate(results, large.pages, variant)
            if estimate and a:
                parts.append(f"{VARIANTS[variant].split()[0]} **estimated** at {estimate:.0f} s CPU (α·pages + β·pages² "
                             f"through the sizes where it was built), (a)/{VARIANTS[variant].split()[0]} ≈ {a / estimate:.2f}")
        q_c = ratio(large, "project", "defaults")
        if q_c is None and (estimate_c := noprune_estimate(results, large.pages, "defaults")) and a:
            q_c = a / estimate_c
        lines.append(f"- 1,600 areas in at most a quarter of the plain Material build of the same pages (the issue's "
                     f"baseline is (c), Material's defaults): {'; '.join(parts) or 'no baseline'} — "
                     f"{verdict(q_c <= 0.25) if q_c else '–'}; against (b), same navigation with prune, measured: "
                     f"{fmt(qp, '×', 2)}.")
    elif large:
        lines.append(f"- 1,600 areas: {large.error} — **not met**.")
    if small and large and not large.error:
        a160 = median(run.cpu for run in small.runs["project"])
        a1600 = median(run.cpu for run in large.runs["project"])
        if a160 and a1600:
            growth = (a1600 / large.pages) / (a160 / small.pages)
            lines.append(f"- Cost per page flat from 160 to 1,600 areas: {a160 / small.pages * 1000:.1f} → "
                         f"{a1600 / large.pages * 1000:.1f} ms CPU per page, ×{growth:.2f} — {verdict(growth <= 1.25)} "
                         "(flat taken as within 25 %).")
    sizes = [(r.areas, r.sizes["project"]["area_html_max"]) for r in results if "project" in r.sizes]
    if sizes:
        lines.append("- An area page's HTML under 80 KB at every size (largest area page): "
                     + ", ".join(f"{a}: {kb(s)}" for a, s in sizes)
                     + f" — {verdict(all(s < AREA_HTML_TARGET for _, s in sizes))}.")
    lines.append("")

    profiled = next((r for r in reversed(results) if r.profile), None)
    if profiled:
        p = profiled.profile
        lines += [f"## Profile of the {profiled.areas}-area build", "",
                  f"pyinstrument (wall-clock sampling every 2 ms) over the capture build: {p['duration']:.1f} s wall, "
                  f"{p['cpu_time']:.1f} s CPU. Full report: `bench/out/{p['report']}` (and `.html`).", "",
                  "| the project's functions (time including callees) | s | share |", "|---|---:|---:|"]
        lines += [f"| `{name}` | {t:.1f} | {share:.0%} |" for name, t, share in p["project_functions"]]
        lines += ["", "| self time by package | s | share |", "|---|---:|---:|"]
        lines += [f"| {name} | {t:.1f} | {share:.0%} |" for name, t, share in p["by_package"]]
        lines.append("")

    notes = ""
    if path.exists() and NOTES_MARKER in path.read_text(encoding="utf-8"):
        notes = path.read_text(encoding="utf-8").split(NOTES_MARKER, 1)[1]
    path.write_text("\n".join(lines) + "\n" + NOTES_MARKER + (notes or "\n"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="16,160,1600", help="areas per synthetic catalogue")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per build")
    parser.add_argument("--runs-large", type=int, default=3, help="timed runs above --large areas")
    parser.add_argument("--large", type=int, default=160)
    parser.add_argument("--noprune-max", type=int, default=160, help="build (b′) up to this many areas")
    parser.add_argument("--defaults-max", type=int, default=1600, help="build (c) up to this many areas")
    parser.add_argument("--timeout-baseline", type=float, default=3600, help="seconds before a (c) build counts as failed")
    parser.add_argument("--cli-max", type=int, default=160,
                        help="time `catalogue build` (with its PDF step) up to this many areas")
    parser.add_argument("--profile-from", type=int, default=160, help="profile the capture build from this size")
    parser.add_argument("--serve-areas", default="16,160", help="sizes for the `mkdocs serve` measurement; 0: skip it")
    parser.add_argument("--timeout", type=float, default=480, help="seconds before a build counts as failed")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to measure (default: this one)")
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--web-areas", type=int, default=16, help="run Lighthouse on the site of this size")
    parser.add_argument("--only", choices=("all", "web", "search"), default="all",
                        help="web: Lighthouse, the build ratio and the rebuild at 16 areas; search: the search step")
    args = parser.parse_args()
    args.root = args.root.resolve()
    if args.only == "web":
        args.sizes, args.serve_areas, args.web_areas = "16", "16", 16
        args.cli_max = args.noprune_max = args.defaults_max = 0
        args.profile_from = 10**9
    sizes = [int(size) for size in args.sizes.split(",")]
    started, clock, load = datetime.now(timezone.utc), time.perf_counter(), os.getloadavg()[0]
    args.out.mkdir(parents=True, exist_ok=True)
    # One snapshot of the project for every size: others may be editing it while the benchmark runs.
    snapshot = args.out / "snapshot"
    copy_project(snapshot, args.root)
    shutil.copytree(args.root / "catalogue", snapshot / "catalogue", ignore=IGNORE)
    args.root = snapshot
    if args.only == "search":
        bench_search(args)
        return

    results = [bench_size(areas, args, args.out, profile=areas >= args.profile_from) for areas in sizes]
    serves = {}  # areas -> the rebuild measurement
    for areas in [int(a) for a in str(args.serve_areas).split(",") if int(a)]:
        print(f"== mkdocs serve at {areas} areas", flush=True)
        project = args.out / str(areas) / "project"
        if not project.exists():
            generate(areas, project, args.root)
        serves[areas] = {**serve_rebuild(project, 3, args.timeout, args.out / f"serve-{areas}.log"), "areas": areas}
    loads = (load, os.getloadavg()[0])
    small_serve, large_serve = serves.get(16), serves.get(max(serves, default=0))
    if args.only == "web":
        write_web_only(args.results, web_section(results, small_serve, machine(), started, loads, full=False))
    else:
        write_results(args.results, results, small_serve, large_serve, machine(), args, started,
                      time.perf_counter() - clock, loads)
        bench_search(args)
    print(f"Results in {args.results}", flush=True)


def bench_search(args) -> None:
    print("== search: index size and time to first result in Chromium", flush=True)
    info = machine()
    result = search_step.run(args.root, args.out)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    described = f"{info['cpu']} ({info['cores']} cores), load {os.getloadavg()[0]:.1f}"
    search_step.write_section(args.results, search_step.section(result, when, described), NOTES_MARKER)
    print(f"Search figures in {args.results}", flush=True)


if __name__ == "__main__":
    main()
