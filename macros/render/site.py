"""From a loaded catalogue to the site's pages and navigation (the JSON export is macros.publish.export).

Plain functions over plain data: no MkDocs object is needed, so the same pages
can be produced by a hook today and by a pre-build script for another
generator tomorrow. Pages are Markdown (with attribute lists and Markdown
inside HTML blocks), rendered through the Jinja templates beside this module.
"""

from __future__ import annotations

import hashlib
import functools
import importlib.metadata
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
import yaml

from ..read.cache import Cache, key, source_of
from ..read.catalogue import Catalogue
from . import diagrams, downloads, printout
from .diagrams import MONTHS, diagram_svg, plain
from .downloads import FORMATS, Imprint, formats_of, make
from .paths import EDITION_PDF, INDEX_PATHS, PAGE_PATHS, page_path, pdf_path, relative_link, web_address
from .printout import qr_svg

TEMPLATES = Path(__file__).parent / "templates"

NO_PHASE = "ingen"  # the explorer's phase value of a recommendation without phases (docs/javascripts/explorer.js)


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


# The most entries one navigation section lists. A longer list (a strand with many areas, the tools) is split
# into consecutive groups: with navigation.prune a page carries only its own section's entries, so its size
# and build cost stay the same however large the catalogue grows.
NAV_SECTION_MAX = 25
DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # after z, in the Danish order æ, ø, å


def danish_sort_key(text: str) -> str:
    return text.casefold().translate(DANISH_ORDER)


def nav_groups(items: list[tuple[str, str, str]], label, size: int = NAV_SECTION_MAX) -> list:
    """Navigation entries for items (title, path, key), split into groups of at most `size` entries (groups
    of groups beyond size²), each group named label(first key, last key) like the guide words of a dictionary."""
    entries = [{title: path} for title, path, _ in items]
    spans = [(key, key) for _, _, key in items]
    while len(entries) > size:
        count = -(-len(entries) // size)  # equal groups, rather than full ones and a short rest
        bounds = [len(entries) * i // count for i in range(count + 1)]
        entries, spans = (
            [{label(spans[a][0], spans[b - 1][1]): entries[a:b]} for a, b in zip(bounds, bounds[1:])],
            [(spans[a][0], spans[b - 1][1]) for a, b in zip(bounds, bounds[1:])],
        )
    return entries


@dataclass(frozen=True)
class Page:
    path: str  # docs-relative Markdown path, e.g. "indsatsomraader/virksomhedspraktik.md"
    title: str
    markdown: str
    edit_path: str | None  # project-relative file an editor changes for this page


def area_title(area: dict) -> str:
    """An area's one name wherever it is linked and at the top of its page: number and short title
    ('4. Lokale handleplaner'). The page shows the source's own heading (`title`) under it when that differs."""
    return f"{area['number']}. {area['toc_title']}"


def danish_date(iso: str) -> str:
    """'2026-11-23' -> '23. november 2026'"""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day}. {MONTHS[month - 1]} {year}"


def quote_block(text: str) -> str:
    """Markdown block quote of a (possibly multi-paragraph) text."""
    return "\n".join(f"> {line}" if line else ">" for line in str(text).splitlines())


def as_paragraph(text: str) -> str:
    """A short text that starts with a date-like number ('15. sygefraværsdag …') reads as a sentence, not as an
    ordered list starting at 15."""
    return re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)


def icon(name: str) -> str:
    """An icon inline, as Material draws its own (`.twemoji`). Generated pages are not read by pymdownx.emoji,
    so a shortcode such as `:material-printer:` would reach the reader as text; the SVG (Material Design Icons,
    Apache-2.0, copied from Material's bundle) is in templates/icons/."""
    svg = (TEMPLATES / "icons" / f"{name}.svg").read_text(encoding="utf-8").strip()
    return f'<span class="twemoji" aria-hidden="true">{svg}</span>'


def split_front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds: Jinja's own cache in the user's temp folder, keyed by each
    template's checksum. Compiling them took a tenth of a second on every build and `mkdocs serve` rebuild."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except RuntimeError:  # no private temp folder to be had: compile on every build
        return None


@functools.cache
def _version(package: str) -> str:
    """An installed package's version: part of a cache key, so an upgrade draws and writes anew."""
    return importlib.metadata.version(package)


class Site:
    """The pages of the site for one catalogue; templates are compiled once."""

    def __init__(self, catalogue: Catalogue, *, content_dir: Path | None = None, site_url: str = "",
                 brand: dict | None = None):
        self.catalogue = catalogue
        self.site_url = site_url  # where the site is published; printouts name it (empty: site-relative)
        self.brand = brand or {}  # mkdocs.yml extra.brand: who publishes the site (names local entries; posters' contact)
        # Whether a PDF (site-relative path) can be linked. None: the build makes them all (`catalogue build`);
        # `mkdocs serve` sets it to what the last build left, and the pages explain the PDFs it did not.
        self.pdf_exists = None
        self.content_dir = content_dir if content_dir is not None else catalogue.root / "content"
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            bytecode_cache=template_cache(),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is Markdown; editors' text is checked for HTML by the schema
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(attr_escape=lambda text: str(text).replace('"', "&quot;"),
                                quote_block=quote_block, danish_date=danish_date,
                                as_paragraph=as_paragraph)
        self.env.globals.update(PARTS=PARTS, TOOL_KINDS=TOOL_KINDS, page_path=page_path, relative_link=relative_link,
                                area_title=area_title)
        self.env.globals.update(pdf_path=pdf_path, qr_svg=self.qr_svg, EDITION_PDF=EDITION_PDF, icon=icon)
        self.cache = Cache(catalogue.root)  # QR codes, downloads, output scans: kept between builds (macros/read/cache.py)

    def qr_svg(self, address: str) -> str:
        """printout.qr_svg, taken from the cache when this address was drawn by the same code before (choosing
        the best of the standard's eight masks makes a code cost milliseconds)."""
        name = key(source_of(printout), _version("segno"), address)
        return self.cache.through("qr", name, lambda: qr_svg(address).encode("utf-8")).decode("utf-8")

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

    def recommendations_for_role(self, role_id: str) -> list[dict]:
        return [rec for rec in self.catalogue.recommendations.values() if role_id in rec["roles"]]

    def areas_for_role(self, role_id: str) -> list[dict]:
        """Areas with at least one recommendation for the role, in catalogue order."""
        wanted = {rec.get("area") for rec in self.recommendations_for_role(role_id)}
        return [area for area_id, area in self.catalogue.areas.items() if area_id in wanted]

    def recommendation_groups(self) -> list[dict]:
        """All recommendations, grouped by area (in catalogue order), then strand and guide."""
        groups = []
        for strand_id, strand in self.catalogue.strands.items():
            for area in self.areas_of(strand_id):
                groups.append({"title": area_title(area),
                               "recommendations": self.recommendations_by_owner.get(("area", area["id"]), [])})
            groups.append({"title": f"{strand['label']}: {strand['title']}",
                           "recommendations": self.recommendations_by_owner.get(("strand", strand_id), [])})
        for guide_id, guide in self.catalogue.guides.items():
            groups.append({"title": guide["title"],
                           "recommendations": self.recommendations_by_owner.get(("guide", guide_id), [])})
        return [group for group in groups if group["recommendations"]]

    def recommendation_facets(self) -> list[dict]:
        """The explorer's facets with the number of recommendations behind each value (values with none are left out).
        Recommendations without a phase get a phase value of their own, so choosing a phase never hides them unsaid."""
        cat = self.catalogue
        counts: dict[str, Counter] = {name: Counter() for name in ("strand", "role", "phase", "area")}
        for rec in cat.recommendations.values():  # one pass: counting per option was options × recommendations
            if strand := self.strand_of(rec):
                counts["strand"][strand["id"]] += 1
            counts["role"].update(set(rec["roles"]))
            counts["phase"].update(set(rec.get("phases") or [NO_PHASE]))
            counts["area"].update(filter(None, [rec.get("area"), rec.get("guide") and f"vejledning-{rec['guide']}"]))

        def facet(name, legend, options):
            return {"name": name, "legend": legend, "options": [{"value": value, "label": label, "count": counts[name][value]}
                                                                for value, label in options if counts[name][value]],
                    "missing": NO_PHASE if name == "phase" else None, "missing_count": counts[name][NO_PHASE]}

        local = [rec_id for rec_id in cat.recommendations if cat.is_local("recommendations", rec_id)]
        counts["origin"] = Counter(local=len(local), national=len(cat.recommendations) - len(local))
        origin = [facet("origin", "Oprindelse", [("national", "Det nationale katalog"), ("local", self.local_label)])]
        return (origin if local else []) + [
            facet("strand", "Spor", [(sid, f"{s['label']}: {s['title']}") for sid, s in cat.strands.items()]),
            facet("role", "Rolle", [(rid, role["title"]) for rid, role in cat.roles.items()]),
            facet("phase", "Fase", [(pid, phase["title"]) for pid, phase in cat.phases.items()]
                  + [(NO_PHASE, "Uden angivet fase")]),
            facet("area", "Område eller vejledning",
                  [(aid, area_title(a)) for aid, a in cat.areas.items()]
                  + [(f"vejledning-{gid}", g["title"]) for gid, g in cat.guides.items()]),
        ]

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

    def has_pdf(self, path: str) -> bool:
        return self.pdf_exists is None or self.pdf_exists(path)

    def contact_lines(self) -> list[str]:
        """Who to contact, as posters print it: the local layer's contacts marked `on_flyers` (function, name,
        phone kept on one line, e-mail or link), else `extra.brand.contact`, else the organisation and its e-mail
        address; none when nothing names a contact (the poster then leaves a line to write on)."""
        def line(contact: dict) -> str:
            phone = contact.get("phone") and "tlf.\u00a0" + contact["phone"].replace(" ", "\u00a0")  # no break inside
            return ", ".join(filter(None, [contact["title"], contact.get("name"), phone,
                                           contact.get("email") or contact.get("url")]))

        if contacts := self.flyer_contacts():
            return [line(contact) for contact in contacts]
        if self.brand.get("contact"):
            return [self.brand["contact"]]
        if self.brand.get("email"):
            return [", ".join(filter(None, [self.brand.get("organisation"), self.brand["email"]]))]
        return []

    def address(self, path: str) -> str:
        """The web address of a page (docs-relative Markdown path) that its printout names."""
        return web_address(self.site_url, path)

    # ------------------------------------------------------------ the municipality's own layer

    @property
    def organisation(self) -> str:
        return self.brand.get("organisation") or "os"

    @property
    def local_label(self) -> str:
        """The badge on everything from the local layer: 'Lokalt · Eksempel Kommune'."""
        return " · ".join(filter(None, ["Lokalt", self.brand.get("organisation")]))

    @cached_property
    def notes_by_target(self) -> dict[tuple[str, str], list[dict]]:
        targets: dict[tuple[str, str], list[dict]] = {}
        for note in self.catalogue.notes.values():
            for kind in ("area", "tool", "guide", "strand"):
                if kind in note:
                    targets.setdefault((kind + "s", note[kind]), []).append(note)
        return targets

    def notes_for(self, kind: str, entry_id: str) -> list[dict]:
        """The local notes attached to a national entry (kind as a folder name: 'areas', 'tools', …)."""
        return self.notes_by_target.get((kind, entry_id), [])

    def contacts_for_role(self, role_id: str) -> list[dict]:
        return [contact for contact in self.catalogue.contacts.values() if role_id in contact.get("roles", [])]

    def flyer_contacts(self) -> list[dict]:
        """The contacts the local layer puts on the posters' "Kontakt" line."""
        return [contact for contact in self.catalogue.contacts.values() if contact.get("on_flyers")]

    def local_pages(self) -> list[Page]:
        """The local layer's prose (lokalt/pages/*.md) as pages under hos-os/, and "Hvem kan hjælpe?" when the
        layer has contacts. Editors' Markdown is never rendered as Jinja (render_macros: false)."""
        cat = self.catalogue
        pages = []
        for file in cat.local_pages():
            meta, body = split_front_matter(file.read_text(encoding="utf-8"))
            title = str(meta.get("title") or file.stem)
            front = yaml.safe_dump({"title": title, "render_macros": False, "page_kind": "local"},
                                   allow_unicode=True, sort_keys=False)
            pages.append(Page(page_path("pages", file.stem), title, f"---\n{front}---\n{body}",
                              file.relative_to(cat.root).as_posix()))
        if cat.contacts:
            path = INDEX_PATHS["contacts"]
            pages.append(Page(path, "Hvem kan hjælpe?", self.render("contacts.md.j2", path),
                              f"{cat.local_folder}/contacts/"))
        return pages

    # ------------------------------------------------------------ diagrams, downloads and "Min plan"

    def diagram(self, tool: dict) -> str:
        """The tool's diagram as a block of inline SVG, drawn from its data (empty for kinds that are not drawn)."""
        svg = diagram_svg(tool)
        return f"\n{svg}\n" if svg else ""

    def owner_of(self, entry: dict) -> tuple[str, str]:
        """(title, page path) of the area, strand or guide a tool or recommendation belongs to."""
        cat = self.catalogue
        if "area" in entry:
            area = cat.areas[entry["area"]]
            return area_title(area), page_path("areas", area["id"])
        if "strand" in entry:
            strand = cat.strands[entry["strand"]]
            return f"{strand['label']}: {strand['title']}", page_path("strands", strand["id"])
        return cat.guides[entry["guide"]]["title"], page_path("guides", entry["guide"])

    def imprint(self, tool: dict) -> Imprint:
        version = self.catalogue.updated_of("tools", tool["id"])
        kicker = " · ".join(filter(None, [TOOL_KINDS[tool["kind"]], tool.get("municipality"),
                                          "Fra " + self.owner_of(tool)[0]]))
        return Imprint(kicker, plain(self.source_line(tool["source"])), version,
                       danish_date(version) if version else None)

    def downloads(self, tool: dict) -> list[tuple[str, str]]:
        """(docs-relative path, link text) of each file made from the tool: its Word file, its calendar."""
        return [(page_path("tools", tool["id"])[: -len("md")] + suffix, FORMATS[suffix][1])
                for suffix in formats_of(tool)]

    def download_files(self) -> list[tuple[str, bytes]]:
        """Every downloadable file made from the data, as (docs-relative path, bytes)."""
        made = source_of(downloads, diagrams) + "".join(map(_version, ("python-docx", "icalendar"))).encode()

        def cached(suffix: str, tool: dict, imprint: Imprint) -> bytes:
            data = json.dumps([suffix, tool, imprint], ensure_ascii=False, sort_keys=True, default=repr)
            return self.cache.through("downloads", key(made, data), lambda: make(suffix, tool, imprint))

        return [(path, cached(path.rsplit(".", 1)[1], tool, self.imprint(tool)))
                for tool in self.catalogue.tools.values() for path, _ in self.downloads(tool)]

    def plan_data(self) -> dict:
        """What the "Min plan" page needs to show a reader's kept items without a server: every recommendation,
        tool and area by id, with its source, where it comes from, the strand (or guide) it is grouped under in
        the action plan and its web address; links are relative to that page. `edition` names the set of
        entries, so a plan saved from another version of the catalogue can say which entries it no longer has."""
        cat = self.catalogue

        def href(path: str) -> str:
            return relative_link(INDEX_PATHS["plan"], path)[: -len(".md")] + ".html"

        owners = ([page_path("areas", a) for a in cat.areas] + [page_path("strands", s) for s in cat.strands]
                  + [page_path("guides", g) for g in cat.guides])
        rank = {path: number for number, path in enumerate(owners)}
        strands = sorted(cat.strands.values(), key=lambda strand: strand["number"])
        groups = ([{"id": "strand:" + s["id"], "title": f"{s['label']}: {s['title']}"} for s in strands]
                  + [{"id": "guide:" + g, "title": guide["title"]} for g, guide in cat.guides.items()])

        def origin(entry: dict) -> dict:
            title, path = self.owner_of(entry)
            strand = self.strand_of(entry)
            group = "strand:" + strand["id"] if strand else "guide:" + entry["guide"]
            return {"owner": title, "owner_url": href(path), "rank": rank[path], "group": group}

        recommendations_page = self.address(INDEX_PATHS["recommendations"])
        edition = hashlib.sha256(json.dumps([sorted(cat.recommendations), sorted(cat.tools), sorted(cat.areas)])
                                 .encode("utf-8")).hexdigest()[:12]
        return {
            "edition": edition,
            "address": self.site_url,
            "groups": groups,
            "areas": [{"id": i, "number": a["number"], "title": a["toc_title"], "url": href(page_path("areas", i))}
                      for i, a in cat.areas.items()],
            "recommendations": {i: {"text": plain(r["text"]), "source": plain(self.source_line(r["source"])),
                                    "address": f"{recommendations_page}#{i}", **origin(r)}
                                for i, r in cat.recommendations.items()},
            "tools": {i: {"title": plain(t["title"]), "kind": TOOL_KINDS[t["kind"]], "url": href(page_path("tools", i)),
                          "address": self.address(page_path("tools", i)),
                          "source": plain(self.source_line(t["source"])), **origin(t)} for i, t in cat.tools.items()},
        }

    def plan_json(self) -> str:
        """plan_data as JSON that is safe inside a <script> element."""
        return json.dumps(self.plan_data(), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")

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
                               ("guides", "guide.md.j2"), ("roles", "role.md.j2"),
                               ("flyers", "flyer.md.j2")):
            for entry_id, entry in getattr(cat, kind).items():
                path = page_path(kind, entry_id)
                singular = kind[:-1]
                title = area_title(entry) if kind == "areas" else entry["title"]
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
        out.append(Page(INDEX_PATHS["plan"], "Min plan", self.render("min_plan.md.j2", INDEX_PATHS["plan"]), None))
        out.extend(self.local_pages())
        out.extend(self.content_pages())
        return out

    def macros(self, current_path) -> dict:
        """The functions prose pages call, e.g. {{ strand_cards() }}; current_path() names the page being rendered
        (links are relative to it). Registered with mkdocs-macros (macros_module) or run by expand_macros."""

        def strand_cards() -> str:
            """The five strands as colour-coded cards with their areas."""
            return self.render("fragments/strand_cards.md.j2", current_path())

        def challenge_list() -> str:
            """'Hvad vil I gerne blive bedre til?': questions that lead to the areas answering them."""
            return self.render("fragments/challenges.md.j2", current_path())

        def role_links() -> str:
            """The way in by role: one link per role to its page of recommendations and areas."""
            return self.render("fragments/roles.md.j2", current_path())

        def local_links() -> str:
            """The municipality's own pages (policy, procedure, "Hvem kan hjælpe?"); nothing without a local layer."""
            return self.render("fragments/local_links.md.j2", current_path())

        def count(kind: str) -> int:
            """Number of entries of a kind, e.g. count('areas')."""
            return len(self.catalogue.entries[kind])

        functions = (strand_cards, challenge_list, role_links, local_links, count)
        return {function.__name__: function for function in functions}

    def expand_macros(self, page: Page) -> str:
        """A prose page with its macros run here, in plain Jinja as mkdocs-macros would (front matter kept), for a
        generator that cannot call them itself."""
        meta, body = split_front_matter(page.markdown)
        front = page.markdown[: len(page.markdown) - len(body)]
        if meta.get("render_macros") is False:
            return page.markdown
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        return front + env.from_string(body).render(catalogue=self.catalogue, **self.macros(lambda: page.path))

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
        local = [page.path for page in pages if page.path.startswith(PAGE_PATHS["pages"].split("/")[0] + "/")]
        if local:  # the municipality's own pages first: they are what its staff look for
            nav.append({f"Hos {self.organisation}": [{titles[path]: path} for path in local]})
        for strand_id, strand in cat.strands.items():
            areas = [(titles[page_path("areas", a["id"])], page_path("areas", a["id"]), str(a["number"]))
                     for a in self.areas_of(strand_id)]
            nav.append({f"{strand['label']}: {strand['title']}":
                        [page_path("strands", strand_id)] + nav_groups(areas, "Områder {}–{}".format)})
        nav.append({"Implementering": [INDEX_PATHS["guides"]] + [page_path("guides", g) for g in cat.guides]})
        nav.append({"Anbefalinger": [INDEX_PATHS["recommendations"]] + [page_path("roles", r) for r in cat.roles]})
        tool_paths = [page_path("tools", tool_id) for tool_id in cat.tools]
        tools = sorted(((titles[path], path, titles[path].split()[0].strip("'\"«»,.:")) for path in tool_paths),
                       key=lambda tool: danish_sort_key(tool[0]))  # alphabetical: a group is named by its first words
        nav.append({"Værktøjer": [INDEX_PATHS["tools"]] + nav_groups(tools, "{} – {}".format)})
        if cat.flyers:
            nav.append({"Plakater": [page_path("flyers", f) for f in cat.flyers]})
        nav.append({"Ordliste": INDEX_PATHS["terms"]})
        nav.append({"Min plan": INDEX_PATHS["plan"]})
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
        # Dark palette: brand and strand colours are dark; text and links in them are lightened to keep 4.5:1
        # (the accent is the colour of a link or menu entry under focus or pointer; text on it turns dark).
        rules += ['[data-md-color-scheme="slate"] {',
                  "  --md-typeset-a-color: color-mix(in srgb, var(--md-primary-fg-color) 30%, white);",
                  f"  --md-accent-fg-color: color-mix(in srgb, {accent} 35%, white);",
                  "  --md-accent-bg-color: var(--md-default-bg-color);",
                  "}",
                  ":root { --strand-text: var(--strand-colour); }",
                  '[data-strand] { --strand-text: var(--strand-colour); }',
                  '[data-md-color-scheme="slate"] [data-strand], [data-md-color-scheme="slate"] {',
                  "  --strand-text: color-mix(in srgb, var(--strand-colour) 35%, white);",
                  "}"]
        return "/* Generated from the branding settings and catalogue/strands/*.yml */\n" + "\n".join(rules) + "\n"

    def abbreviations(self) -> str:
        """The glossary as Markdown abbreviations (`*[TRIO]: …`): appended to every page, so a term is
        explained on hover wherever it occurs, and the explanation is written once, in catalogue/terms/."""
        lines = []
        for term in self.catalogue.terms.values():
            explanation = plain(term["definition"])
            if "expansion" in term:
                explanation = f"{term['expansion']}: {explanation}"
            for form in [term["term"], *term.get("forms", [])]:
                lines.append(f"*[{form}]: {explanation}")
        # A blank line between definitions: as one block, Python-Markdown takes them off one at a time and tests
        # the rest of the block against every block processor again, which took four fifths of a page's conversion.
        return "\n\n".join(lines) + "\n"
