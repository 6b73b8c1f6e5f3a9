"""`make serve` (mkdocs serve) prints no PDFs: a tool page links the PDF the last `make build` left in site/, served
as it is, or says where its PDF comes from instead of offering a link that answers 404."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from pypdf import PdfWriter

from macros.read.catalogue import load_catalogue
from macros.render.paths import html_path, page_path, pdf_path

from conftest import BUILD_ENV, ROOT

TOOLS = list(load_catalogue(ROOT, with_dates=False).tools)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(project):
    """`mkdocs serve` of a copy of the project on a free loopback port; yields (address, project)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}",
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
