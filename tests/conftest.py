"""Shared fixtures: a copy of the project to break, a strictly built site, a loopback server, a real browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true"}


def pdf_text(pdf) -> str:
    """The text of a PDF (a path, its bytes or a pypdf reader), a line break between pages; the ligatures Chromium
    sets (the «ﬂ» of «konflikter») read as their letters."""
    from pypdf import PdfReader

    if not isinstance(pdf, PdfReader):
        pdf = PdfReader(io.BytesIO(pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() or "" for page in pdf.pages))


def squash(text: str) -> str:
    """Text compared without spaces and hyphens: PDFs and diagrams break lines, and may split a long word."""
    return re.sub(r"[\s\-\u00ad]+", "", text).casefold()


def copy_project(target: Path) -> Path:
    """The project's sources (not its venv, site or git data) in a folder of its own."""
    ignore = shutil.ignore_patterns(".venv", "site", ".site*", ".git", "__pycache__", ".pytest_cache", "*.egg-info")
    for name in ("catalogue", "content", "docs", "macros"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def released_pages(site: Path) -> list[str]:
    """The built HTML pages readers get (site-relative): all but the editor, which `make dist` leaves out."""
    from macros.publish.dist import released

    return sorted(p for p in (path.relative_to(site).as_posix() for path in site.rglob("*.html")) if released(p))


def build(project: Path, site_dir: Path, tool: str = "mkdocs", config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(site_dir),
         "--config-file", str(project / config)],
        cwd=project, env=BUILD_ENV, capture_output=True, text=True,
    )


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def build_with_pdfs(project: Path, site: Path) -> Path:
    """A strict build with the post-build step of `catalogue build` (every tool, flyer and the whole catalogue
    printed to PDF)."""
    from macros.publish.pdf import build_pdfs

    result = build(project, site)
    assert result.returncode == 0, result.stderr
    report = build_pdfs(project, site)
    assert not report.warnings, report.warnings
    return site


# Where the tests publish a site that names its address: .test is reserved for testing (RFC 2606), so no real
# site is ever named and the shipped defaults stay free of any address.
PUBLISHED_AT = "https://intranet.kommune.test/sygefravaer/"
REPOSITORY = "https://git.kommune.test/hr/sygefravaer-katalog"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project as shipped (no site_url, no repo_url), built strictly once per test session with its
    PDFs, so every test sees the same complete site."""
    return build_with_pdfs(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def addressed_site(tmp_path_factory) -> Path:
    """The project as a municipality publishes it, with site_url and repo_url set (the shipped mkdocs.yml leaves
    them unset): built strictly with its PDFs, so printouts carry the address and a QR code, pages the pencil."""
    project = copy_project(tmp_path_factory.mktemp("addressed") / "project")
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: {PUBLISHED_AT}\nrepo_url: {REPOSITORY}\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    return build_with_pdfs(project, project / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A folder served on loopback by a real HTTP server; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on loopback by a real HTTP server."""
    with serve(built_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does, as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()
