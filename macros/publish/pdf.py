"""Print the built site to PDF: one PDF per tool and per flyer, and the whole catalogue as one book with a table
of contents and page numbers. Runs on the built HTML after the strict build (`catalogue build`, and the tests'
`built_site`), so a PDF is exactly what the reader's browser prints. No MkDocs; needs Playwright and Debian's
Chromium, which honours @page, margin boxes with page counters and named pages, and writes a PDF outline.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import posixpath
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import jinja2
from markupsafe import Markup
from pypdf import PdfReader

from ..read.catalogue import Catalogue, load_catalogue
from ..read.settings import read_site_config
from .dist import source_date_epoch
from ..render.paths import EDITION_PDF, html_path, page_path, pdf_path
from ..render.printout import Chapter, print_edition, qr_svg
from ..render.site import TEMPLATES, Site, danish_date

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PDF_OPTIONS = {"format": "A4", "prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}
FLYER_SCALES = (1, 0.9)  # a flyer too long for one page is printed smaller, down to 90 % (body text 16.2pt)
WORKERS = 2  # pages printed at the same time: fastest on this 2-core machine (1: 50-77 s, 2: 23-33 s, 3: 36-37 s)


@dataclass(frozen=True)
class Job:
    page: str  # site-relative HTML page
    pdf: str  # site-relative PDF to write
    one_page: bool = False  # a flyer: shrink until it fits one A4 page


@dataclass
class PdfReport:
    pages: dict[str, int] = field(default_factory=dict)  # site-relative PDF -> number of pages
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


PDF_DATE = re.compile(rb"/(?:CreationDate|ModDate) \(D:(\d{14})")


def fixed_dates(data: bytes, epoch: int | None) -> bytes:
    """Chromium stamps each PDF with the clock; put the last commit's time instead, digit for digit (the byte
    offsets in the PDF stay valid), so the same commit gives the same files (`catalogue dist`)."""
    if epoch is None:
        return data
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    return PDF_DATE.sub(lambda found: found.group(0)[: -14] + stamp, data)


# A link into the site prints as file:///<build folder>/…: useless to a reader and different on every build.
# Point it at the published site (site_url) or, without one, keep the text and drop the link.
LOCAL_LINKS = """([root, siteUrl]) => document.querySelectorAll('a[href]').forEach(a => {
  if (a.getAttribute('href').startsWith('#') || !a.href.startsWith(root)) return;
  if (siteUrl) a.href = siteUrl.replace(/\\/?$/, '/') + a.href.slice(root.length); else a.removeAttribute('href');
})"""


def page_count(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)


def jobs_for(catalogue: Catalogue) -> list[Job]:
    jobs = [Job(html_path(page_path("tools", tool_id)), pdf_path("tools", tool_id)) for tool_id in catalogue.tools]
    jobs += [Job(html_path(page_path("flyers", flyer_id)), pdf_path("flyers", flyer_id), one_page=True)
             for flyer_id in catalogue.entries.get("flyers", {})]
    return jobs


# ---------------------------------------------------------------- the print edition


ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
TITLE = re.compile(r"<title>.*?</title>", re.S)
NOT_PRINTED = [  # screen-only parts of a page: the heading anchors (they would enter the outline), buttons, edit link
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'<p class="print-actions">.*?</p>', re.S),
    re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.S),
]
URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
H1 = re.compile(r"<h1\b")


def chapter_html(text: str, chapter: Chapter, anchors: dict[str, str]) -> str:
    """The article of one built page, ready to stand in the book: links to other chapters become links inside
    the PDF, other relative links are resolved from the book's place at the site root (and then pointed at the
    published site by LOCAL_LINKS, as in every PDF)."""
    match = ARTICLE.search(text)
    if not match:
        raise RuntimeError(f"{chapter.path}: fandt ingen <article> at trykke")
    body = match.group(2)
    for pattern in NOT_PRINTED:
        body = pattern.sub("", body)
    folder = posixpath.dirname(chapter.path)

    def resolve(found: re.Match) -> str:
        attribute, url = found.groups()
        if not url or url.startswith(("#", "/", "mailto:", "tel:", "data:")) or "://" in url:
            return found.group(0)
        target, _, fragment = html.unescape(url).partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, target))
        if attribute == "href" and resolved in anchors:
            return f'href="#{anchors[resolved]}"'
        return f'{attribute}="{html.escape(resolved + ("#" + fragment if fragment else ""))}"'

    body = URL_ATTRIBUTE.sub(resolve, body)
    if len(H1.findall(body)) != 1:
        raise RuntimeError(f"{chapter.path}: et kapitel i trykudgaven skal have præcis én overskrift <h1>")
    return body


def edition_html(site_dir: Path, chapters: list[Chapter], cover: dict, numbers: list[str]) -> str:
    """One HTML document: the site's own page shell (so the same stylesheets apply), a cover, the table of
    contents and every chapter, each starting on a new page."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    anchors = {chapter.path: f"kapitel-{number}" for number, chapter in enumerate(chapters, 1)}
    parts = [env.get_template("print/edition.html.j2").render(chapters=chapters, numbers=numbers, **cover)]
    for number, chapter in enumerate(chapters, 1):
        text = (site_dir / chapter.path).read_text(encoding="utf-8")
        parts.append(f'<section class="edition-chapter" id="kapitel-{number}">'
                     f"{chapter_html(text, chapter, anchors)}</section>")
    shell = (site_dir / "index.html").read_text(encoding="utf-8")
    match = ARTICLE.search(shell)
    document = shell[: match.start(2)] + "\n".join(parts) + shell[match.end(2):]
    return TITLE.sub(f"<title>{html.escape(cover['title'])}</title>", document, count=1)


def chapter_pages(data: bytes) -> list[int]:
    """The page number (1 = the cover) of each chapter, from the PDF outline Chromium writes from the headings:
    every chapter has one <h1>, the table of contents an <h2> before them."""
    reader = PdfReader(BytesIO(data))
    top = [item for item in reader.outline if not isinstance(item, list)]
    return [reader.get_destination_page_number(item) + 1 for item in top if item.title.strip() != "Indhold"]


# ---------------------------------------------------------------- printing


async def _print_job(context, site_dir: Path, job: Job, report: PdfReport, epoch: int | None,
                     site_url: str = "") -> None:
    page = await context.new_page()
    try:
        await page.goto((site_dir / job.page).as_uri(), wait_until="load")
        await page.evaluate(LOCAL_LINKS, [site_dir.as_uri() + "/", site_url])
        for scale in FLYER_SCALES if job.one_page else (1,):
            if scale != 1:
                await page.evaluate("s => document.documentElement.style.setProperty('--flyer-scale', s)", str(scale))
            data = await page.pdf(**PDF_OPTIONS)
            pages = page_count(data)
            if pages == 1 or not job.one_page:
                break
        if job.one_page and pages > 1:
            report.warnings.append(f"{job.page}: plakaten fylder {pages} sider, også i {int(scale * 100)} % størrelse; "
                                   "gør teksten kortere")
        target = site_dir / job.pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fixed_dates(data, epoch))
        report.pages[job.pdf] = pages
    finally:
        await page.close()


async def _print_edition(context, site_dir: Path, chapters: list[Chapter], cover: dict, report: PdfReport,
                         epoch: int | None) -> None:
    """Print the book twice: first with placeholder page numbers (as wide as real ones, so nothing moves), read
    where each chapter landed from the PDF outline, then print again with the numbers filled in."""
    source = site_dir / ".print-edition.html"  # at the site root, so the shell's relative links hold
    source.write_text(edition_html(site_dir, chapters, cover, ["000"] * len(chapters)), encoding="utf-8")
    page = await context.new_page()
    try:
        await page.goto(source.as_uri(), wait_until="load")
        await page.evaluate(LOCAL_LINKS, [site_dir.as_uri() + "/", cover["site_url"]])
        numbers = chapter_pages(await page.pdf(**PDF_OPTIONS))
        if len(numbers) != len(chapters):
            raise RuntimeError(f"trykudgaven: {len(chapters)} kapitler, men {len(numbers)} overskrifter i PDF'en")
        await page.evaluate("numbers => document.querySelectorAll('.edition-toc .toc-page')"
                            ".forEach((cell, i) => { cell.textContent = numbers[i]; })", [str(n) for n in numbers])
        data = await page.pdf(**PDF_OPTIONS)
        if chapter_pages(data) != numbers:
            raise RuntimeError("trykudgaven: sidetallene flyttede sig, da indholdsfortegnelsen blev udfyldt")
    finally:
        await page.close()
        source.unlink(missing_ok=True)
    (site_dir / EDITION_PDF).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / EDITION_PDF).write_bytes(fixed_dates(data, epoch))
    report.pages[EDITION_PDF] = page_count(data)


async def _print_all(site_dir: Path, jobs: list[Job], chapters: list[Chapter], cover: dict, workers: int,
                     epoch: int | None) -> PdfReport:
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} mangler: installér Debians chromium (make test gør det som root), eller byg med --no-pdf")
    report = PdfReport()
    limit = asyncio.Semaphore(workers)

    async def limited(task):
        async with limit:
            await task

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context(locale="da-DK")
        try:
            # The book is the longest job: start it first, the tools and flyers fill the other workers.
            await asyncio.gather(limited(_print_edition(context, site_dir, chapters, cover, report, epoch)),
                                 *(limited(_print_job(context, site_dir, job, report, epoch, cover["site_url"]))
                                   for job in jobs))
        finally:
            await browser.close()
    return report


def record_pdfs(site_dir: Path) -> None:
    """Fill `pdf` for each tool and flyer in catalogue.json with the site-relative path of its PDF, where one was made."""
    export = site_dir / "catalogue.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    for kind in ("tools", "flyers"):
        for entry in data.get(kind, []):
            path = pdf_path(kind, entry["id"])
            entry["pdf"] = path if (site_dir / path).is_file() else None
    export.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def build_pdfs(root: Path, site_dir: Path, *, workers: int = WORKERS) -> PdfReport:
    """Every PDF of the site, written into the built site_dir: pdf/<tool>.pdf, pdf/plakater/<flyer>.pdf and
    pdf/katalog.pdf. Raises RuntimeError if Chromium is missing or the book cannot be put together."""
    started = time.perf_counter()
    root, site_dir = Path(root), Path(site_dir)
    config = read_site_config(root)
    catalogue = load_catalogue(root, local_folder=config["local_folder"])
    site = Site(catalogue, site_url=config["site_url"], brand=config["brand"])
    dates = [date for file, date in catalogue.updated.items() if file.startswith("catalogue/")]
    cover = {"title": config["site_name"], "description": config["site_description"],
             "organisation": config["brand"].get("organisation", ""), "site_url": config["site_url"],
             "version": danish_date(max(dates)) if dates else "",
             "qr": Markup(qr_svg(config["site_url"])) if config["site_url"] else ""}
    printing = _print_all(site_dir, jobs_for(catalogue), print_edition(site), cover, workers, source_date_epoch(root))
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: the caller may run one (Playwright's sync API does)
        report = thread.submit(asyncio.run, printing).result()
    record_pdfs(site_dir)
    report.seconds = time.perf_counter() - started
    return report
