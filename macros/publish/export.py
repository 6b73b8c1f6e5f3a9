"""site/catalogue.json, the site's data API: every entry of every kind with all its fields as the catalogue's
YAML holds them, where it is published, and a version; published with its JSON Schema
(catalogue-export.schema.json) so others can build on it and check what they read.

Bump SCHEMA_VERSION when the export changes: the minor number for an added field or kind (readers keep
working), the major number for a removed or renamed one.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..read.catalogue import KINDS
from ..render.paths import INDEX_PATHS, PAGE_PATHS, html_path, page_path
from ..render.site import Site
from .dist import commit

SCHEMA_VERSION = "2.0"
SCHEMA_FILE = "catalogue-export.schema.json"
SCHEMA = Path(__file__).with_name(SCHEMA_FILE)
EXPORT_FILE = "catalogue.json"


ANCHORED = ("recommendations", "terms")  # kinds listed on one page, each entry under an anchor of its id


def _url(kind: str, entry_id: str) -> str | None:
    """Site-relative address of an entry: its own page, its place on the page listing its kind, or None."""
    if kind in PAGE_PATHS:
        return html_path(page_path(kind, entry_id))
    if kind in INDEX_PATHS:
        return html_path(INDEX_PATHS[kind]) + (f"#{entry_id}" if kind in ANCHORED else "")
    return None


def export(site: Site) -> dict:
    """Every kind the loader knows (KINDS), each entry with its YAML fields plus `url` (null: no page of its own),
    `updated`, `origin` (national or the local layer) and the fields derived for readers (a tool's and a flyer's
    `pdf`, a recommendation's `strand`)."""
    cat = site.catalogue
    dates = [date for file, date in cat.updated.items() if file.startswith("catalogue/")]
    out: dict = {
        "$schema": SCHEMA_FILE,
        "version": {"schema": SCHEMA_VERSION, "catalogue": max(dates) if dates else None,
                    "commit": commit(cat.root)},
    }
    for kind in KINDS:
        entries = []
        for entry_id, entry in cat.entries[kind].items():
            item = {**entry, "url": _url(kind, entry_id), "updated": cat.updated_of(kind, entry_id),
                    "origin": "local" if cat.is_local(kind, entry_id) else "national"}
            if kind in ("tools", "flyers"):
                item["pdf"] = None  # filled in by the PDF step (macros.publish.pdf.record_pdfs)
            if kind == "recommendations":
                item["title"] = entry["text"]
                strand = site.strand_of(entry)
                item["strand"] = strand["id"] if strand else None
            entries.append(item)
        out[kind] = entries
    return out


def write_export(site: Site, site_dir: Path | str) -> None:
    """catalogue.json and its schema into the built site."""
    site_dir = Path(site_dir)
    (site_dir / EXPORT_FILE).write_text(json.dumps(export(site), ensure_ascii=False, indent=1, sort_keys=True),
                                        encoding="utf-8")
    (site_dir / SCHEMA_FILE).write_bytes(SCHEMA.read_bytes())
