"""Where every page and printout is published: the one place that maps entries to paths and addresses."""

from __future__ import annotations

import posixpath

# Where each kind of entry is published, relative to the docs root.
PAGE_PATHS = {
    "strands": "spor/{id}/index.md",  # a section index: the strand heads its areas in the navigation
    "areas": "indsatsomraader/{id}.md",
    "tools": "vaerktoejer/{id}.md",
    "guides": "implementering/{id}.md",
    "roles": "roller/{id}.md",
    "flyers": "plakater/{id}.md",
    "pages": "hos-os/{id}.md",  # the local layer's prose pages (lokalt/pages/<id>.md)
}
INDEX_PATHS = {
    "home": "index.md",
    "tools": "vaerktoejer/index.md",
    "guides": "implementering/index.md",
    "recommendations": "anbefalinger/index.md",
    "terms": "ordliste.md",
    "plan": "min-plan.md",
    "contacts": "hos-os/hvem-kan-hjaelpe.md",  # only when the local layer has contacts
}


def page_path(kind: str, entry_id: str) -> str:
    return PAGE_PATHS[kind].format(id=entry_id)


def relative_link(from_path: str, to_path: str) -> str:
    """Markdown link target from one docs-relative page to another."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


PDF_FOLDER = "pdf"
EDITION_PDF = f"{PDF_FOLDER}/katalog.pdf"


def pdf_path(kind: str, entry_id: str) -> str:
    """Site-relative path of an entry's PDF: pdf/<tool>.pdf, pdf/plakater/<flyer>.pdf."""
    return f"{PDF_FOLDER}/plakater/{entry_id}.pdf" if kind == "flyers" else f"{PDF_FOLDER}/{entry_id}.pdf"


def html_path(markdown_path: str) -> str:
    """'vaerktoejer/handleplan.md' -> 'vaerktoejer/handleplan.html' (the site uses no directory URLs)."""
    return markdown_path[: -len(".md")] + ".html"


def web_address(site_url: str, markdown_path: str) -> str:
    """The address a printout names: absolute under site_url, or site-relative when site_url is not set."""
    path = html_path(markdown_path)
    return site_url.rstrip("/") + "/" + path if site_url else path

