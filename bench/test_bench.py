"""Checks of the benchmark's own parts (not part of `make test`): `.venv/bin/python -m pytest bench`."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import ROOT, Scrambler, generate, validate  # noqa: E402
from plain import config  # noqa: E402
from run import noprune_estimate, Run, SizeResult  # noqa: E402


def count(folder: Path, owner: str | None = None) -> int:
    files = list(folder.glob("*.yml"))
    if owner is None:
        return len(files)
    return sum(1 for path in files if owner in yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bench") / "project"


def test_a_synthetic_catalogue_is_valid_and_in_the_real_proportions(synthetic):
    real = ROOT / "catalogue"
    blocks = 3
    areas = blocks * count(real / "areas")
    generate(areas, synthetic)
    validate(synthetic)  # raises CatalogueError on any problem
    made = synthetic / "catalogue"
    assert count(made / "areas") == areas
    for kind in ("tools", "recommendations"):
        by_area, other = count(real / kind, "area"), count(real / kind) - count(real / kind, "area")
        assert count(made / kind) == blocks * by_area + other
    for kind in ("sources", "roles", "phases", "guides", "terms", "strands"):
        assert sorted(p.name for p in (made / kind).glob("*.yml")) == sorted(p.name for p in (real / kind).glob("*.yml"))


def test_the_first_block_is_the_real_catalogue_and_the_others_differ_in_words_not_in_size(synthetic):
    real_area = next((ROOT / "catalogue" / "areas").glob("*.yml"))
    copy = synthetic / "catalogue" / "areas" / real_area.name
    assert copy.read_bytes() == real_area.read_bytes()
    original = yaml.safe_load(real_area.read_text(encoding="utf-8"))
    scrambled = yaml.safe_load((copy.parent / f"{real_area.stem}-x1.yml").read_text(encoding="utf-8"))
    assert scrambled["lead"] != original["lead"]
    assert len(scrambled["lead"]) == len(original["lead"])
    assert scrambled["strand"] == original["strand"]


def test_scrambling_keeps_links_and_markdown():
    scrambler = Scrambler(["alfa beta gamma delta epsilon"])
    text = "- Se [vejledningen](https://example.dk/side) og **fed** tekst{ .klasse } :material-printer:"
    out = scrambler.text(text, random.Random(1))
    for kept in ("](https://example.dk/side)", "{ .klasse }", ":material-printer:", "- ", "**"):
        assert kept in out
    assert len(out) == len(text) and out != text


def test_the_plain_site_has_no_macros_no_hooks_and_the_captured_nav():
    capture = {"nav": [{"Forside": "index.md"}], "extra_css": ["a.css"], "extra_javascript": [], "logo": "x.svg",
               "markdown_extensions": {"toc": {"permalink": True}, "abbr": {}}}
    for prune in (True, False):
        conf = config(ROOT, capture, prune=prune)
        assert "hooks" not in conf and "watch" not in conf
        assert all((p if isinstance(p, str) else next(iter(p))) != "macros" for p in conf["plugins"])
        assert conf["nav"] == capture["nav"]
        assert ("navigation.prune" in conf["theme"]["features"]) is prune
        assert {"toc": {"permalink": True}} in conf["markdown_extensions"] and "abbr" in conf["markdown_extensions"]


def test_the_quadratic_estimate_goes_through_the_measured_points():
    def size(pages, cpu):
        result = SizeResult(0, {}, pages)
        result.runs["noprune"] = [Run(cpu, cpu, 1)]
        return result

    alpha, beta = 0.01, 0.0001
    points = [size(p, alpha * p + beta * p * p) for p in (100, 400)]
    assert noprune_estimate(points, 1000) == pytest.approx(alpha * 1000 + beta * 1000**2)


def test_the_generator_runs_from_the_command_line(tmp_path):
    result = subprocess.run([sys.executable, str(BENCH / "generate.py"), "--areas", "16", str(tmp_path / "p")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "16 areas" in result.stdout


def test_peak_memory_is_the_childs_own_not_the_parents(tmp_path):
    from run import timed

    ballast = bytearray(300 * 1024 * 1024)  # Linux would count this in the child's ru_maxrss
    run = timed([sys.executable, "-c", "x = bytearray(100 * 1024 * 1024); import time; time.sleep(0.3)"],
                tmp_path, 60, tmp_path / "log")
    assert len(ballast) and 100 < run.rss_mb < 250
    assert run.wall >= 0.3 and run.cpu > 0


def test_the_results_keep_the_notes_and_judge_the_targets(tmp_path):
    import argparse
    from datetime import datetime, timezone

    from run import NOTES_MARKER, machine, write_results

    def size(areas, pages, cpu):
        result = SizeResult(areas, {}, pages)
        for variant, factor in (("project", 1.0), ("plain", 0.9), ("noprune", 1.2), ("defaults", 1.5)):
            if areas <= 160 or variant in ("project", "plain"):
                result.runs[variant] = [Run(cpu * factor, cpu * factor, 100) for _ in range(3)]
        return result

    results = [size(16, 66, 2.0), size(160, 400, 12.0), size(1600, 3700, 120.0)]
    path = tmp_path / "RESULTS.md"
    path.write_text("old figures\n" + NOTES_MARKER + "\nA note by hand.\n", encoding="utf-8")
    args = argparse.Namespace(runs=3, runs_large=1, large=160, noprune_max=160, defaults_max=160)
    write_results(path, results, None, None, machine(), args, datetime.now(timezone.utc), 60.0, (1.0, 1.0))
    text = path.read_text(encoding="utf-8")
    assert "old figures" not in text and text.endswith(NOTES_MARKER + "\nA note by hand.\n")
    assert "| 16 | **1.11 ×** |" in text  # (a)/(b) = 1 / 0.9
    assert "at most 1.2× the plain build (b), CPU: 1.11 × — met" in text
    assert "(c) **estimated**" in text


def test_the_web_run_rewrites_only_its_own_section(tmp_path):
    from datetime import datetime, timezone

    from run import WEB_END, WEB_START, machine, web_section, write_web_only

    result = SizeResult(16, {}, 66)
    result.runs = {"project": [Run(1.3, 1.3, 70)], "plain": [Run(1.1, 1.0, 50)]}
    serve = {"areas": 16, "page": "indsatsomraader/a.html", "first_build": 2.0, "rebuilds": [0.8, 0.9, 1.4],
             "rebuild_cpu": [0.5, 0.6, 1.2]}
    path = tmp_path / "RESULTS.md"
    path.write_text("# Title\n\nIntro of the full run.\n\n## Build time\n\nold rows\n", encoding="utf-8")
    for _ in range(2):  # the second run replaces the first run's section
        write_web_only(path, web_section([result], serve, machine(), datetime.now(timezone.utc), (1.0, 1.0), full=False))
    text = path.read_text(encoding="utf-8")
    assert text.count(WEB_START) == 1 and text.count(WEB_END) == 1
    assert text.index("Intro of the full run.") < text.index(WEB_START) < text.index("old rows")
    assert "(a)/(b), CPU: **1.30 ×** — target ≤ 1.2× **not met**" in text
    assert "median **0.90 s**" in text and "median **0.60 s**" in text  # from saving; CPU of the serve process
    assert "Target ≤ 1 s at 16 areas, CPU of the rebuild — met." in text


def test_lighthouse_figures_are_the_median_run_of_several():
    from web import median_run

    runs = [{"score": 91, "tbt": 300}, {"error": "NO_NAVSTART"}, {"score": 97, "tbt": 120}, {"score": 95, "tbt": 180}]
    chosen = median_run(runs)
    assert (chosen["score"], chosen["tbt"], chosen["scores"]) == (95, 180, [91, 95, 97])
    assert median_run([{"score": 90, "tbt": 400}, {"score": 90, "tbt": 200}])["tbt"] == 400  # ties: the slower run
    assert "error" in median_run([{"error": "NO_NAVSTART"}])
