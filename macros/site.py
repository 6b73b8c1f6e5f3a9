"""From a loaded catalogue to the site's pages, navigation and JSON export.

Plain functions over plain data: no MkDocs object is needed, so the same pages
can be produced by a hook today and by a pre-build script for another
generator tomorrow. Pages are Markdown (with attribute lists and Markdown
inside HTML blocks), rendered through the Jinja templates beside this module.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
import yaml

from .catalogue import Catalogue

TEMPLATES = Path(__file__).parent / "templates"

# Where each kind of entry is published, relative to the docs root.
PAGE_PATHS = {
    "strands": "spor/{id}/index.md",  # a section index: the strand heads its areas in the navigation
    "areas": "indsatsomraader/{id}.md",
    "tools": "vaerktoejer/{id}.md",
    "guides": "implementering/{id}.md",
    "roles": "roller/{id}.md",
}
INDEX_PATHS = {
    "home": "index.md",
    "tools": "vaerktoejer/index.md",
    "guides": "implementering/index.md",
    "recommendations": "anbefalinger.md",
    "terms": "ordliste.md",
}

PARTS = [  # the fixed order of an area page: (field, heading)
    ("motivation", "Hvad er indsatsen motiveret af?"),
    ("idea", "Hvad er den bærende idé?"),
    ("effect", "Hvad er den centrale virkning af indsatsen?"),
    ("approach", "Hvordan ser indsatsen ud?"),
    ("tools_intro", "Eksempler på redskaber og værktøjer i indsatsen"),
    ("implementation", "Hvordan kan indsatsen implementeres?"),
]

TOOL_KINDS = {
    "checklist": "Tjekliste",
    "template": "Skabelon",
    "agenda": "Dagsorden",
    "annual-wheel": "Årshjul",
    "timeline": "Forløb",
    "step-model": "Trinmodel",
    "priority-card": "Prioriteringskort",
    "plan": "Plan",
    "discussion-card": "Dialogkort",
    "list": "Liste",
    "report": "Rapporteksempel",
    "diagram": "Model",
    "flyer": "Plakat",
}


@dataclass(frozen=True)
class Page:
    path: str  # docs-relative Markdown path, e.g. "indsatsomraader/virksomhedspraktik.md"
    title: str
    markdown: str
    edit_path: str | None  # project-relative file an editor changes for this page


def page_path(kind: str, entry_id: str) -> str:
    return PAGE_PATHS[kind].format(id=entry_id)


def relative_link(from_path: str, to_path: str) -> str:
    """Markdown link target from one docs-relative page to another."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


MONTHS_DA = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december"]


def danish_date(iso: str) -> str:
    """'2026-11-23' -> '23. november 2026'"""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day}. {MONTHS_DA[month - 1]} {year}"


def quote_block(text: str) -> str:
    """Markdown block quote of a (possibly multi-paragraph) text."""
    return "\n".join(f"> {line}" if line else ">" for line in str(text).splitlines())


def split_front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


class Site:
    """The pages of the site for one catalogue; templates are compiled once."""

    def __init__(self, catalogue: Catalogue, *, content_dir: Path | None = None):
        self.catalogue = catalogue
        self.content_dir = content_dir if content_dir is not None else catalogue.root / "content"
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; editors' text is checked for HTML by the schema
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(attr_escape=lambda text: str(text).replace('"', "&quot;"),
                                quote_block=quote_block, danish_date=danish_date)
        self.env.globals.update(PARTS=PARTS, TOOL_KINDS=TOOL_KINDS, page_path=page_path)

    # ------------------------------------------------------------ derived data

    @cached_property
    def recommendations_by_owner(self) -> dict[tuple[str, str], list[dict]]:
        owners: dict[tuple[str, str], list[dict]] = {}
        for rec in self.catalogue.recommendations.values():
            for kind in ("area", "strand", "guide"):
                if kind in rec:
                    owners.setdefault((kind, rec[kind]), []).append(rec)
        return owners

    @cached_property
    def tools_by_owner(self) -> dict[tuple[str, str], list[dict]]:
        owners: dict[tuple[str, str], list[dict]] = {}
        for tool in self.catalogue.tools.values():
            for kind in ("area", "guide"):
                if kind in tool:
                    owners.setdefault((kind, tool[kind]), []).append(tool)
        return owners

    def areas_of(self, strand_id: str) -> list[dict]:
        return [area for area in self.catalogue.areas.values() if area["strand"] == strand_id]

    def strand_of(self, entry: dict) -> dict | None:
        """The strand an area, tool or recommendation belongs to, if any."""
        if "strand" in entry:
            return self.catalogue.strands[entry["strand"]]
        if "area" in entry:
            return self.catalogue.strands[self.catalogue.areas[entry["area"]]["strand"]]
        return None

    def source_line(self, source: dict) -> str:
        document = self.catalogue.sources[source["document"]]
        parts = [f"*{document['title']}*"]
        if "publisher" in document:
            parts.append(document["publisher"])
        if "pages" in source:
            parts.append("s. " + source["pages"].replace("-", "–"))
        if "section" in source:
            parts.append(f"afsnittet «{source['section']}»")
        return ", ".join(parts) + "."

    # ------------------------------------------------------------ rendering

    def render(self, template: str, path: str, **context) -> str:
        def link(kind: str, entry_id: str | None = None) -> str:
            target = INDEX_PATHS[kind] if entry_id is None else page_path(kind, entry_id)
            return relative_link(path, target)

        return self.env.get_template(template).render(
            catalogue=self.catalogue, site=self, path=path, link=link, **context
        )

    def pages(self) -> list[Page]:
        cat = self.catalogue
        out: list[Page] = []
        for kind, template in (("strands", "strand.md.j2"), ("areas", "area.md.j2"), ("tools", "tool.md.j2"),
                               ("guides", "guide.md.j2")):
            for entry_id, entry in getattr(cat, kind).items():
                path = page_path(kind, entry_id)
                singular = kind[:-1]
                title = entry["title"]
                if kind == "areas":
                    title = f"{entry['number']}. {entry['toc_title']}"
                out.append(Page(path, title, self.render(template, path, **{singular: entry}),
                                cat.file_of(kind, entry_id)))
        for kind, template, title, folder in (
            ("tools", "tools_index.md.j2", "Værktøjer", "catalogue/tools/"),
            ("guides", "guides_index.md.j2", "Implementering", "catalogue/guides/"),
            ("recommendations", "recommendations.md.j2", "Anbefalinger", "catalogue/recommendations/"),
            ("terms", "glossary.md.j2", "Ordliste", "catalogue/terms/"),
        ):
            path = INDEX_PATHS[kind]
            out.append(Page(path, title, self.render(template, path), folder))
        out.extend(self.content_pages())
        return out

    def content_pages(self) -> list[Page]:
        """The prose pages in content/: they keep their Markdown and may call macros."""
        pages = []
        for file in sorted(self.content_dir.glob("*.md")):
            text = file.read_text(encoding="utf-8")
            meta, _ = split_front_matter(text)
            pages.append(Page(file.name, meta.get("title", file.stem), text,
                              file.relative_to(self.catalogue.root).as_posix()))
        return pages

    def nav(self, pages: list[Page]) -> list:
        """The navigation, from the data: prose pages ordered by their `order`, strands with their areas,
        then the cross-cutting pages. Prose pages with order 100 or more go last."""
        cat = self.catalogue
        titles = {page.path: page.title for page in pages}
        prose = sorted(((split_front_matter(p.markdown)[0].get("order", 100), p.path) for p in pages
                        if p.edit_path and p.edit_path.startswith("content/")))
        nav: list = [{titles[path]: path} for order, path in prose if order < 100]
        for strand_id, strand in cat.strands.items():
            areas = [page_path("areas", area["id"]) for area in self.areas_of(strand_id)]
            nav.append({f"{strand['label']}: {strand['title']}":
                        [page_path("strands", strand_id)] + [{titles[path]: path} for path in areas]})
        nav.append({"Implementering": [INDEX_PATHS["guides"]] + [page_path("guides", g) for g in cat.guides]})
        nav.append({"Anbefalinger": INDEX_PATHS["recommendations"]})
        nav.append({"Værktøjer": [INDEX_PATHS["tools"]] + [page_path("tools", t) for t in cat.tools]})
        nav.append({"Ordliste": INDEX_PATHS["terms"]})
        nav += [{titles[path]: path} for order, path in prose if order >= 100]
        return nav

    def theme_css(self, brand: dict) -> str:
        """The organisation's colours (from the branding settings) and each strand's colour (from the data)
        as CSS custom properties: re-branding never means editing a stylesheet."""
        primary, accent = brand.get("primary", "#1d4f6e"), brand.get("accent", "#9c3d12")
        rules = [":root, [data-md-color-scheme] {",
                 f"  --md-primary-fg-color: {primary}; --md-primary-fg-color--light: {primary};",
                 f"  --md-primary-fg-color--dark: {primary}; --md-accent-fg-color: {accent};",
                 f"  --md-accent-fg-color--transparent: {accent}1a; --strand-colour: {primary};",
                 "}"]
        rules += [f'[data-strand="{strand_id}"] {{ --strand-colour: {strand["colour"]}; }}'
                  for strand_id, strand in self.catalogue.strands.items()]
        return "/* Generated from the branding settings and catalogue/strands/*.yml */\n" + "\n".join(rules) + "\n"

    # ------------------------------------------------------------ export

    def export(self) -> dict:
        """Machine-readable catalogue for site/catalogue.json; urls are site-relative."""
        cat = self.catalogue

        def url(kind: str, entry_id: str) -> str:
            return page_path(kind, entry_id)[: -len(".md")] + ".html"

        return {
            "strands": [{"id": i, "number": s["number"], "title": s["title"], "url": url("strands", i)}
                        for i, s in cat.strands.items()],
            "areas": [{"id": i, "number": a["number"], "title": a["title"], "strand": a["strand"],
                       "url": url("areas", i)} for i, a in cat.areas.items()],
            "tools": [{"id": i, "title": t["title"], "kind": t["kind"], "area": t.get("area"), "guide": t.get("guide"),
                       "url": url("tools", i), "pdf": None} for i, t in cat.tools.items()],
            "recommendations": [
                {"id": i, "title": r["text"], "text": r["text"], "area": r.get("area"),
                 "strand": r.get("strand") or (cat.areas[r["area"]]["strand"] if "area" in r else None),
                 "guide": r.get("guide"), "roles": r["roles"], "phases": r.get("phases", []),
                 "url": f"{INDEX_PATHS['recommendations'][:-3]}.html#{i}"}
                for i, r in cat.recommendations.items()
            ],
        }
