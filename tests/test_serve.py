"""`make serve` (mkdocs serve --dirty) prints no PDFs: a tool page links the PDF the last `make build` left in site/,
served as it is, or says where its PDF comes from instead of offering a link that answers 404. A rebuild renders
again only the pages that changed (macros/mkdocs_incremental.py), and what the reader sees stays whole."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request

import pytest
from pypdf import PdfWriter

from macros.read.catalogue import load_catalogue
from macros.render.paths import html_path, page_path, pdf_path

from conftest import BUILD_ENV, ROOT
from macros.publish.loopback_nginx import free_port

CATALOGUE = load_catalogue(ROOT, with_dates=False)
TOOLS = list(CATALOGUE.tools)
SERVE = ["serve", "--strict", "--dirty"]  # as `make serve` runs it (there with --livereload too)


@pytest.fixture
def served(project):
    """`mkdocs serve` of a copy of the project on a free loopback port; yields (address, project)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", *SERVE, "--dev-addr", f"127.0.0.1:{port}",
                               "--config-file", str(project / "mkdocs.yml")],
                              cwd=project, env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    address = f"http://127.0.0.1:{port}/"
    try:
        yield address, project, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(address: str, server) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-3000:]
        try:
            urllib.request.urlopen(address, timeout=5)
            return
        except OSError:
            time.sleep(1)
    pytest.fail("mkdocs serve did not answer within 180 s")


@pytest.mark.browser
def test_serve_links_the_last_builds_pdf_and_explains_a_missing_one(served, page):
    address, project, server = served
    printed, unprinted = TOOLS[0], TOOLS[1]
    last_build = project / "site"  # where `make build` leaves the site; only one tool's PDF is there
    made = last_build / pdf_path("tools", printed)
    made.parent.mkdir(parents=True)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": printed})  # as the PDF step would leave it: served byte for byte
    with made.open("wb") as stream:
        writer.write(stream)
    wait_for(address, server)

    page.goto(address + html_path(page_path("tools", printed)))
    link = page.get_by_role("link", name="Hent som PDF")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body() == made.read_bytes()

    page.goto(address + html_path(page_path("tools", unprinted)))
    assert page.get_by_role("link", name="Hent som PDF").count() == 0
    assert page.locator(".print-actions").inner_text().startswith("PDF'en laves ved make build.")
    page.goto(address + "vaerktoejer/index.html")  # the whole catalogue's PDF: not in the last build either
    assert page.get_by_role("link", name="Hent hele kataloget som PDF").count() == 0
    assert "PDF'en laves ved make build." in page.locator(".print-actions").inner_text()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until_served(url: str, text: str, server) -> None:
    """Until the served page holds `text` (the rebuild after a save is done)."""
    deadline = time.monotonic() + 120
    while text not in fetch(url):
        assert server.poll() is None, server.stderr.read().decode()[-3000:]
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not show {text!r} within 120 s of the change")
        time.sleep(0.2)


def pages_in(index: dict) -> dict[str, list[str]]:
    """The search index's entries (title and text) by page."""
    entries: dict[str, list[str]] = {}
    for doc in index["docs"]:
        entries.setdefault(doc["location"].split("#")[0], []).append(doc["title"] + " " + doc["text"])
    return entries


def replace_line(path, field: str, value: str) -> None:
    text, count = re.subn(rf"^{field}: .*$", f"{field}: {value}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, f"{path} has no one-line {field}"
    path.write_text(text, encoding="utf-8")


@pytest.mark.browser
def test_a_rebuild_shows_the_change_and_keeps_the_rest_of_the_site_whole(served, page):
    """One area file changes twice while `mkdocs serve --dirty` runs: first the source's heading, shown under the
    area's name (its own page and the search index change), then the area's short name (its heading, and the
    navigation of every page of its strand)."""
    address, project, server = served
    areas = CATALOGUE.areas
    changed = next(a for a in areas if areas[a]["strand"] == "strategi-og-koordination")
    # the strand's last area: not next to the changed one (no footer link to it), its text never names it
    sibling = [a for a in areas if areas[a]["strand"] == areas[changed]["strand"]][-1]
    elsewhere = next(a for a in areas if areas[a]["strand"] != areas[changed]["strand"])
    url = {area: address + html_path(page_path("areas", area)) for area in (changed, sibling, elsewhere)}

    def name(area: str) -> str:  # an area's name, its heading and its entry in the navigation
        return f"{areas[area]['number']}. {areas[area]['toc_title']}"

    wait_for(address, server)
    before = json.loads(fetch(address + "search/search_index.json"))
    page.goto(url[elsewhere])
    elsewhere_text = page.locator("article").inner_text()

    source = project / "catalogue" / "areas" / f"{changed}.yml"
    page.goto("about:blank")  # no open page of the site: the live reload would cut into the next navigation
    replace_line(source, "title", "Ændret sidetitel under serve")
    wait_until_served(address + "catalogue.json", "Ændret sidetitel under serve", server)  # the build's last file
    page.goto(url[changed])
    assert page.locator(".page-subtitle").inner_text() == "Ændret sidetitel under serve"
    page.goto(url[elsewhere])  # a page that did not change is still served whole
    assert page.locator("article").inner_text() == elsewhere_text
    assert page.get_by_role("heading", level=1).inner_text().removesuffix("¶") == name(elsewhere)
    after = json.loads(fetch(address + "search/search_index.json"))
    old, new = pages_in(before), pages_in(after)
    assert list(new) == list(old), "every page, in the same order, after the rebuild"
    for location, entries in old.items():
        if location != html_path(page_path("areas", changed)):
            assert new[location] == entries, location
    assert any("Ændret sidetitel under serve" in entry for entry in new[html_path(page_path("areas", changed))])
    assert after["config"] == before["config"]  # the hooks' Danish folding and synonyms on every entry still
    assert {name for doc in after["docs"] for name in doc} == {name for doc in before["docs"] for name in doc}

    page.goto("about:blank")
    replace_line(source, "toc_title", "Ændret navigationstitel under serve")
    wait_until_served(address + "catalogue.json", "Ændret navigationstitel under serve", server)
    renamed = f"{areas[changed]['number']}. Ændret navigationstitel under serve"
    page.goto(url[changed])
    assert page.get_by_role("heading", level=1).inner_text().removesuffix("¶") == renamed
    page.goto(url[sibling])
    nav = page.locator("nav.md-nav--primary")
    assert nav.get_by_role("link", name=renamed, exact=True).count() == 1
    assert nav.get_by_role("link", name=name(changed), exact=True).count() == 0
    assert page.get_by_role("heading", level=1).inner_text().removesuffix("¶") == name(sibling)
