"""What a printout carries beside its page (the QR code of its web address) and the chapters of the print
edition. Pure Python (no MkDocs, no browser): macros.publish.pdf does the printing.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from .paths import INDEX_PATHS, PAGE_PATHS, html_path


@functools.cache  # `mkdocs serve` rebuilds every page on each change; the codes stay the same
def qr_svg(address: str) -> str:
    """An inline SVG QR code of an absolute address, drawn at build time (no network, no image file)."""
    import segno  # here, not above: a build that finds every code in the cache (Site.qr_svg) never needs it

    svg = segno.make(address, error="m").svg_inline(border=0, omitsize=True, svgclass="qr-code")
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR-kode til {address}" ', 1)


# ---------------------------------------------------------------- the print edition


@dataclass(frozen=True)
class Chapter:
    title: str
    path: str  # site-relative HTML page the chapter is printed from
    level: int  # 1 = a part of the catalogue, 2 = a chapter inside it
    group: str | None = None  # a heading the table of contents shows above this entry (a nav section without a page)


def _leaves(entries: list) -> list:
    """A navigation section's pages, with the groups a long section is split into taken away (in print the
    table of contents lists every page of the section)."""
    out = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out += _leaves(value) if isinstance(value, list) else [entry]
    return out


def print_edition(site) -> list[Chapter]:
    """The chapters of the whole catalogue in print, in the order of the site's navigation. Pages that only
    list or repeat other pages (the home page, the indexes, the recommendations by role), the reader's own
    plan and the flyers are left out."""

    pages = site.pages()
    titles = {page.path: page.title for page in pages}
    skip = {INDEX_PATHS[kind] for kind in ("home", "tools", "guides", "recommendations", "plan") if kind in INDEX_PATHS}
    skip_folders = tuple(PAGE_PATHS[kind].split("/")[0] + "/" for kind in ("roles", "flyers"))  # repeats, posters
    chapters: list[Chapter] = []

    def wanted(path: str) -> bool:
        return path not in skip and not path.startswith(skip_folders)

    for entry in site.nav(pages):
        (title, target), = entry.items() if isinstance(entry, dict) else ((titles[entry], entry),)
        if isinstance(target, str):
            if wanted(target):
                chapters.append(Chapter(title, html_path(target), 1))
            continue
        group: str | None = title
        for child in _leaves(target):
            (child_title, child_path), = child.items() if isinstance(child, dict) else ((titles[child], child),)
            if not wanted(child_path):
                continue
            if child is target[0] and isinstance(child, str) and posixpath.basename(child_path) == "index.md":
                chapters.append(Chapter(title, html_path(child_path), 1))  # the section's own page heads it
                group = None
            else:
                chapters.append(Chapter(child_title, html_path(child_path), 2, group))
                group = None
    return chapters
