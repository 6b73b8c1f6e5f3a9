"""The way off Material, proven: the same catalogue built with Zensical (`make zensical`) has the same pages as the
MkDocs build, the area texts, the prose pages' macro output, a search index with the pages' text, and a search
that finds an area in Chromium over HTTP and from disk, with no request leaving the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.publish import zensical
from macros.read.catalogue import load_catalogue
from macros.render.diagrams import plain
from macros.render.site import PARTS

from conftest import ROOT, released_pages

CATALOGUE = load_catalogue(ROOT)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("zensical")
    site = work / "site-zensical"
    assert zensical.build(ROOT, site, folder=work / "build") == 0
    return site


def pages(site: Path) -> set[str]:
    return set(released_pages(site))  # the editor (admin/) is MkDocs-side tooling, not a page


def visible_text(html: str) -> str:
    article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", article, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", "", text).split())  # tags away, not spaced: <abbr>TRIO</abbr>-samarbejdet


def first_sentence(markdown: str) -> str:
    return " ".join(plain(markdown).split())[:60]


def test_same_pages_as_the_mkdocs_build(zensical_site, built_site):
    assert pages(zensical_site) == pages(built_site)
    exported = json.loads((zensical_site / "catalogue.json").read_text(encoding="utf-8"))
    assert [area["id"] for area in exported["areas"]] == list(CATALOGUE.areas)


def test_area_texts_and_prose_macros(zensical_site):
    for area_id, area in CATALOGUE.areas.items():
        text = visible_text((zensical_site / f"indsatsomraader/{area_id}.html").read_text(encoding="utf-8"))
        assert area["title"] in text, area_id
        for part, _heading in PARTS:
            if part in area:
                assert first_sentence(area[part]) in text, (area_id, part)
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "{{" not in home and "count(" not in home  # the macros ran before Zensical saw the page
    home_text = visible_text(home)
    assert f"erfaringerne fra {len(CATALOGUE.areas)} indsatsområder" in home_text
    assert all(challenge["question"] in home_text for challenge in CATALOGUE.challenges.values())
    assert '<abbr title="' in home  # the glossary's terms explained on hover


def test_no_pdf_link_is_dead(zensical_site):
    """Zensical prints no PDFs: a page links the PDF of the last `make build` (copied in) or says where it comes from."""
    for tool_id in CATALOGUE.tools:
        page = zensical_site / f"vaerktoejer/{tool_id}.html"
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]+\.pdf)"', html)
        assert links or "PDF'en laves ved <code>make build</code>." in html, tool_id
        for link in links:
            assert (page.parent / link).resolve().is_file(), link


def test_search_index_holds_every_page_and_its_text(zensical_site):
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["da"]
    located = {item["location"].split("#")[0] for item in index["items"]}
    assert located >= pages(zensical_site) - {"404.html", "min-plan.html", "index.html"}  # every content page
    texts = " ".join(re.sub(r"<[^>]+>", " ", item["text"]) for item in index["items"]
                     if item["location"].startswith("indsatsomraader/virksomhedspraktik.html"))
    assert first_sentence(CATALOGUE.areas["virksomhedspraktik"]["motivation"]) in " ".join(texts.split())


@pytest.mark.browser
@pytest.mark.parametrize("where", ["http", "file"])
def test_search_finds_an_area_in_chromium(zensical_site, browser, where):
    import functools
    import http.server
    import threading

    server = None
    if where == "http":
        from conftest import _QuietHandler

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                 functools.partial(_QuietHandler, directory=zensical_site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
    else:
        base = zensical_site.as_uri() + "/"
    page = browser.new_page()
    outside = []
    page.on("request", lambda request: request.url.startswith((base, "data:")) or outside.append(request.url))
    try:
        page.goto(base + "index.html")
        page.get_by_role("button", name="Søg").first.click()
        page.keyboard.type("virksomhedspraktik")
        results = page.locator("a:has(mark)")
        results.first.wait_for()
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any("indsatsomraader/virksomhedspraktik.html" in href for href in hrefs), hrefs
        assert outside == []
    finally:
        page.close()
        if server:
            server.shutdown()


def test_privacy_guard_fails_the_zensical_build_on_an_outside_script(tmp_path):
    """Zensical has Material's build-time guard: an outside script in the configuration fails the strict build."""
    import subprocess
    import sys

    import yaml

    config_file = zensical.prepare(ROOT, tmp_path / "build")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert any(isinstance(plugin, dict) and "privacy" in plugin for plugin in config["plugins"])
    config["extra_javascript"].append("https://cdn.example.com/x.js")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).with_name("zensical")), "build", "--strict", "--config-file",
                             str(config_file)], cwd=config_file.parent, capture_output=True, text=True)
    assert result.returncode != 0
    assert "External file: https://cdn.example.com/x.js" in result.stdout + result.stderr
