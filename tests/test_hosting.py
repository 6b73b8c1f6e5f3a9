"""Hosting on an intranet: a real nginx under a sub-path, file://, no outside request, a reproducible zip.

nginx runs the committed configuration in hosting/nginx/ (only its folder paths replaced) on loopback,
Chromium loads every page through it and from disk with every request outside 127.0.0.1 and file://
aborted and counted, and `catalogue dist` runs twice, the second time with the clock 400 days ahead.
"""

from __future__ import annotations

import gzip
import http.client
import posixpath
import shutil
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import BUILD_ENV, ROOT, build, released_pages
from macros.publish import csp, dist, loopback_nginx
from macros.publish.loopback_nginx import HOSTING, PREFIX
SEARCH_PAGE = "indsatsomraader/analyse.html"  # a page one folder down, so relative paths matter
MISSING = "findes/ikke.html"
QUERY, FOUND = "virksomhedspraktik", "indsatsomraader/virksomhedspraktik.html"


# --- the built pages and what they reference -------------------------------------------------------------

class _References(HTMLParser):
    """Every href and src of elements that link or load (not the SVG namespace or the like)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link", "area")) or
                          (name == "src" and tag in ("script", "img", "iframe", "source", "audio", "video"))):
                self.found.append(value)


def references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.found


def is_external(reference: str) -> bool:
    split = urlsplit(reference)
    return bool(split.scheme or split.netloc)


def target(page: str, reference: str) -> str | None:
    """The site path a local reference of a page points at ('' is the page itself, None if external)."""
    if is_external(reference):
        return None
    path = unquote(urlsplit(reference).path)
    if not path:
        return page
    if path.startswith("/"):  # only the 404 page links from the server root (checked below)
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def local_targets(site: Path) -> dict[str, set[str]]:
    """For every page, the site paths its links, scripts, style sheets and images point at."""
    return {page: {target(page, ref) for ref in references((site / page).read_text(encoding="utf-8"))} - {None}
            for page in released_pages(site)}


def test_every_relative_link_in_every_page_resolves_to_a_file(built_site):
    problems, checked = [], 0
    for page in released_pages(built_site):
        for reference in references((built_site / page).read_text(encoding="utf-8")):
            if is_external(reference):
                continue
            if reference.startswith("/") and page != "404.html":  # would break under a sub-path and file://
                problems.append(f"{page}: {reference} is absolute")
                continue
            checked += 1
            path = target(page, reference)
            if not (built_site / path).is_file():  # a folder would need a server to find its index.html
                problems.append(f"{page}: {reference} → {path} is not a file")
    assert not problems, "\n".join(problems[:20])
    assert checked > 20 * len(released_pages(built_site))


# --- nginx on loopback, with the committed configuration --------------------------------------------------

@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory) -> str:
    """hosting/nginx/ as committed, paths pointed at this run's folders, serving the site under PREFIX."""
    try:
        with loopback_nginx.serve(built_site, tmp_path_factory.mktemp("nginx")) as origin:
            yield origin
    except loopback_nginx.NginxError as error:
        pytest.fail(f"{error} (make test installs it, as root)")


def get(origin: str, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(urlsplit(origin).netloc, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_committed_csp_include_matches_the_built_pages(built_site):
    """Material's inline scripts changed (upgrade, template edit)? Then run `make csp` and commit the file."""
    assert (HOSTING / "sygefravaer-csp.conf").read_text(encoding="utf-8") == csp.nginx_include(built_site)


def test_nginx_serves_every_page_and_every_referenced_file(built_site, nginx):
    targets = local_targets(built_site)
    assets = set().union(*targets.values()) - set(targets)
    failures = []
    for path in sorted(set(targets) | assets):
        response = get(nginx, PREFIX + path)
        if response.status != 200:
            failures.append(f"{path}: {response.status}")
    assert not failures, failures
    assert len(targets) >= 50 and len(assets) >= 10


def test_nginx_headers_caching_compression_and_security(built_site, nginx):
    page = get(nginx, PREFIX + "index.html", {"Accept-Encoding": "gzip"})
    assert page.status == 200 and page.getheader("Content-Encoding") == "gzip"
    assert b'lang="da"' in gzip.decompress(page.body)
    assert page.getheader("Cache-Control") == "no-cache"
    assert page.getheader("Content-Security-Policy") == csp.policy(built_site)
    assert "'unsafe-inline'" not in page.getheader("Content-Security-Policy")
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert page.getheader("Referrer-Policy") == "same-origin"

    bundle = next((built_site / "assets/javascripts").glob("bundle.*.min.js")).relative_to(built_site).as_posix()
    hashed = get(nginx, PREFIX + bundle)
    assert hashed.status == 200 and "immutable" in hashed.getheader("Cache-Control")
    assert hashed.getheader("Content-Security-Policy") == csp.policy(built_site)  # not lost in the nested block

    types = {".html": "text/html", ".json": "application/json", ".js": "application/javascript",
             ".svg": "image/svg+xml", ".pdf": "application/pdf", ".ics": "text/calendar",
             ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    served = {}
    for path in sorted(built_site.rglob("*")):
        if path.suffix in types and path.suffix not in served:
            response = get(nginx, PREFIX + path.relative_to(built_site).as_posix())
            served[path.suffix] = response.getheader("Content-Type").split(";")[0]
            assert response.getheader("Cache-Control") in ("no-cache", "public, max-age=31536000, immutable")
            assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert served == {suffix: kind for suffix, kind in types.items() if suffix in served}
    assert {".html", ".json", ".js", ".svg"} <= set(served)

    folder = get(nginx, PREFIX.rstrip("/"))
    assert folder.status == 301 and folder.getheader("Location") == PREFIX


def test_nginx_404_page_under_the_sub_path(built_site, nginx):
    missing = get(nginx, PREFIX + MISSING)
    assert missing.status == 404 and missing.getheader("Content-Security-Policy") == csp.policy(built_site)
    html = missing.body.decode("utf-8")
    loads = [ref for ref in references(html) if not is_external(ref)]
    assert loads and all(ref.startswith(PREFIX) for ref in loads), loads
    assert all(get(nginx, ref).status == 200 for ref in loads)


# --- a real browser: every page, outside requests counted --------------------------------------------------

class Visit:
    """A browser context that aborts and records every request not to 127.0.0.1 or file://."""

    def __init__(self, browser):
        self.context = browser.new_context(locale="da-DK")
        self.blocked: list[str] = []
        self.allowed = 0
        self.problems: list[str] = []
        self.context.route("**/*", self._route)
        self.context.add_init_script(
            "addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"{self.page.url}: {error}"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file://", "http://127.0.0.1:")):
            self.allowed += 1
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message):
        if message.location.get("url", "").endswith(MISSING) and message.text.startswith("Failed to load resource"):
            return  # the one 404 asked for on purpose
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"{self.page.url}: {message.text}")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    visitor = Visit(browser)
    yield visitor
    visitor.close()


def test_the_request_counter_counts(visit):
    """The guard itself: outside requests are caught and counted, not let through."""
    visit.page.set_content('<img src="https://cdn.example.com/a.png"><script src="https://example.org/b.js"></script>')
    assert sorted(visit.blocked) == ["https://cdn.example.com/a.png", "https://example.org/b.js"]


@pytest.mark.parametrize("where", ["nginx", "file"])
def test_every_page_loads_with_no_outside_request_and_no_csp_violation(built_site, nginx, visit, where):
    base = nginx + PREFIX if where == "nginx" else built_site.as_uri() + "/"
    names = released_pages(built_site)
    if where == "file":  # a server's error page, built with links from the server root: not for file://
        names.remove("404.html")
    for name in names:  # "load": the scripts have run and asked for what they want (api.github.com, say)
        response = visit.page.goto(base + name, wait_until="load")
        assert response is None or response.ok, f"{name}: {response.status}"
    if where == "nginx":  # an unknown address gets the 404 page, styled and scripted under the policy
        visit.page.goto(base + MISSING, wait_until="load")
        assert visit.page.locator(".md-header").is_visible()
    visit.page.wait_for_load_state("networkidle")
    assert visit.blocked == []
    assert visit.problems == []
    assert visit.allowed > 3 * len(names)


def search(visit, base: str) -> list[str]:
    """Type a query into Material's search box, the way a reader does; the result links, relative to base."""
    visit.page.goto(base + SEARCH_PAGE)
    visit.page.locator("input.md-search__input").click()
    # "Start søgning" until the index is loaded; keys typed after that are searched at once
    # (a locator, not wait_for_function: that evaluates a string, which the site's CSP rightly refuses)
    visit.page.locator(".md-search-result__meta").filter(has_not_text="Start søgning").wait_for()
    visit.page.locator("input.md-search__input").press_sequentially(QUERY, delay=20)
    visit.page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = visit.page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href.split(/[?#]/)[0])")
    return [link[len(base):] if link.startswith(base) else link for link in links]


@pytest.mark.parametrize("where", ["root", "sub-path", "file"])
def test_search_works_at_the_root_under_a_sub_path_and_from_disk(built_site, site_url, nginx, visit, where):
    base = {"root": site_url, "sub-path": nginx + PREFIX, "file": built_site.as_uri() + "/"}[where]
    results = search(visit, base)
    assert results and results[0] == FOUND, results[:5]
    visit.page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    visit.page.wait_for_url(base + FOUND + "*")
    assert "Virksomhedspraktik" in visit.page.get_by_role("heading", level=1).inner_text()
    assert visit.blocked == [] and visit.problems == []


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_search_index_loads_only_when_the_reader_reaches_for_search(site_url, nginx, visit, where):
    """Over http the page loads without the search index or the search worker; focusing search loads them
    once, and the search then finds the page."""
    base = {"root": site_url, "sub-path": nginx + PREFIX}[where]
    requested: list[str] = []
    visit.page.on("request", lambda request: requested.append(request.url))
    visit.page.goto(base + SEARCH_PAGE)
    visit.page.wait_for_load_state("networkidle")
    visit.page.mouse.move(5, 300)  # a pointer over the page (not over search) loads nothing either
    visit.page.wait_for_timeout(500)
    search_files = lambda: [url for url in requested if "search_index" in url or "/workers/search." in url]  # noqa: E731
    assert requested and search_files() == [], search_files()
    assert search(visit, base)[0] == FOUND
    assert sorted(url[len(base):] for url in search_files() if url.startswith(base) and "search_index" in url) == [
        "search/search_index.json"]
    assert any("/workers/search." in url for url in search_files())
    assert visit.blocked == [] and visit.problems == []


# --- build-time guard and reproducible dist ---------------------------------------------------------------

def test_privacy_plugin_fails_the_strict_build_on_an_outside_script(project, tmp_path):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra_javascript:\n" in text
    config.write_text(text.replace("extra_javascript:\n", "extra_javascript:\n  - https://cdn.example.com/x.js\n", 1),
                      encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "External file: https://cdn.example.com/x.js" in result.stderr


def _dist(out: Path, *, wrapper: list[str] = (), extra_env: dict | None = None) -> Path:
    command = [*wrapper, sys.executable, "-m", "macros.cli", "--root", str(ROOT), "dist",
               "--site-dir", str(out / "site"), "--out", str(out / "dist")]
    result = subprocess.run(command, cwd=ROOT, env={**BUILD_ENV, **(extra_env or {})}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    (checksum,) = (out / "dist").glob("*.zip.sha256")
    return checksum


def test_dist_twice_gives_the_same_checksum(tmp_path):
    if not shutil.which("faketime"):
        pytest.fail("faketime is missing: install Debian's faketime package (make test does, as root)")
    first = _dist(tmp_path / "first")
    # Another clock (400 days on), time zone and umask: nothing of the machine may reach the zip.
    second = _dist(tmp_path / "second", wrapper=["faketime", "-f", "+400d", "sh", "-c", 'umask 077; exec "$@"', "sh"],
                   extra_env={"TZ": "Pacific/Kiritimati"})
    assert first.read_text() == second.read_text()
    assert subprocess.run(["sha256sum", "--check", "--quiet", first.name], cwd=first.parent).returncode == 0

    archive = first.with_suffix("")
    epoch = dist.source_date_epoch(ROOT)
    site = tmp_path / "first" / "site"
    with zipfile.ZipFile(archive) as zipped:
        entries = zipped.infolist()
        names = [entry.filename for entry in entries]
        built = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
        assert "admin/index.html" in built and "admin/config.yml" in built  # the editor is built...
        assert names == sorted(names) == [name for name in built if not name.startswith("admin/")]  # ...not released
        committed = time.gmtime(epoch)
        assert {entry.date_time for entry in entries} == {(*committed[:5], committed[5] // 2 * 2)}  # 2 s steps
        assert {entry.external_attr >> 16 for entry in entries} == {0o100644}
        assert zipped.read("index.html") == (site / "index.html").read_bytes()
    # The sitemap's gzip header carries a time from the pages' dates (the commit's), not the clock's
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") <= epoch
