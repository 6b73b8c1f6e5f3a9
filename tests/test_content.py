"""The whole catalogue is there, every part the source has, with no OCR residue reaching a reader."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from macros.read.catalogue import OCR_RESIDUE, load_catalogue
from macros.render.paths import html_path, page_path

from conftest import ROOT
from test_build import text_of

# Parts the source itself lacks (CONTENT-MAP and the second reading): nothing else may be missing.
MISSING_IN_SOURCE = {2: {"implementation"}, 12: {"implementation"}, 15: {"implementation"},
                     6: {"approach"}, 11: {"approach"}}


def test_sixteen_areas_with_every_part_the_source_has():
    catalogue = load_catalogue(ROOT, with_dates=False)
    assert [area["number"] for area in catalogue.areas.values()] == list(range(1, 17))
    for area in catalogue.areas.values():
        parts = {"motivation", "idea", "effect", "approach", "implementation"}
        assert parts - set(area) == MISSING_IN_SOURCE.get(area["number"], set()), area["id"]
    for rec in catalogue.recommendations.values():
        assert rec["text"].strip()
    for tool in catalogue.tools.values():
        assert all(item if isinstance(item, str) else (item.get("text") or item.get("items")) for item in tool["items"])


def test_no_ocr_residue_in_the_built_site(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        article = re.search(r"<article.*?</article>", html, re.S)
        article = re.sub(r"<script.*?</script>", "", article.group(0) if article else "", flags=re.S)  # data, not text
        text = re.sub(r"\S+\.(?:dk|html|pdf)\S*", "", text_of(article))  # web addresses are not prose
        text = re.sub(r"«([^«»]*)»", r"\1", text)  # Danish quotation marks are fine; a lone « is an OCR bullet
        match = OCR_RESIDUE.search(text.replace("|", ""))
        assert match is None, f"{page.relative_to(built_site)}: {match.group(0)!r}"


def test_every_area_page_shows_its_source_line(built_site):
    for page in (built_site / "indsatsomraader").glob("*.html"):
        text = text_of(page.read_text(encoding="utf-8"))
        assert re.search(r"Kilde: Nedbringelse af sygefravær i ældreplejen – inspirationskatalog.*s\. \d+", text), page.name


def test_a_text_starting_with_a_day_number_stays_a_sentence(built_site):
    html = (built_site / "vaerktoejer/forloebsprogram.html").read_text(encoding="utf-8")
    assert re.search(r"<p>15\. sygefraværsdag afholdes", html)
    assert '<ol start="15">' not in html and "<li>sygefraværsdag" not in html
    assert "fastholdelsesplan?." not in html  # the diagram's description keeps the question mark alone


class _Anchors(HTMLParser):
    """Every link of a page with its text (a footer link by its aria-label, which names the page), the first h1,
    and the explorer's filter labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.h1 = None
        self.labels: list[tuple[str, str]] = []
        self._open: list = []  # [kind, key, text parts]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            label = attrs.get("aria-label", "") if "md-footer__link" in attrs.get("class", "") else None
            self._open.append(["a", attrs["href"], [label.split(": ", 1)[1]] if label else [], bool(label)])
        elif tag == "h1" and self.h1 is None:
            self._open.append(["h1", None, [], False])
        elif tag == "input" and attrs.get("name") == "area":
            self._open.append(["label", attrs["value"], [], False])

    def handle_data(self, data):
        for entry in self._open:
            if not entry[3]:
                entry[2].append(data)

    def handle_endtag(self, tag):
        closing = {"a": "a", "h1": "h1", "label": "label"}.get(tag)
        for index in range(len(self._open) - 1, -1, -1):
            kind, key, parts, _ = self._open[index]
            if kind == closing:
                text = " ".join("".join(parts).split())
                if kind == "a":
                    self.links.append((key, text))
                elif kind == "h1":
                    self.h1 = text.rstrip("¶").strip()
                else:
                    self.labels.append((key, re.sub(r" \(\d+\)$", "", text)))
                del self._open[index]
                break


def parse(page) -> _Anchors:
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_link_to_an_area_names_it_as_its_page_heading_does(built_site):
    """One name per area: the links to it (navigation, cards, challenges, roles, recommendations, tools, the
    footer's next/previous), the explorer's filter and the search index say what the page's h1 says."""
    catalogue = load_catalogue(ROOT, with_dates=False)
    area_pages = {(built_site / html_path(page_path("areas", area_id))).resolve(): area_id for area_id in catalogue.areas}
    headings = {area_id: parse(page).h1 for page, area_id in area_pages.items()}
    for area_id, area in catalogue.areas.items():
        assert headings[area_id].startswith(f"{area['number']}. "), headings[area_id]
    seen = {area_id: 0 for area_id in catalogue.areas}
    for page in built_site.rglob("*.html"):
        parsed = parse(page)
        for href, text in parsed.links:
            target = (page.parent / href.split("#")[0]).resolve() if not href.startswith(("#", "http")) else None
            if target in area_pages:
                area_id = area_pages[target]
                assert text == headings[area_id], f"{page.relative_to(built_site)}: «{text}» links to «{headings[area_id]}»"
                seen[area_id] += 1
        for area_id, text in parsed.labels:
            if area_id in headings:
                assert text == headings[area_id], f"the explorer's filter «{text}» for «{headings[area_id]}»"
    assert all(count >= 5 for count in seen.values()), seen  # nav, home page, strand, footer, recommendations …
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for area_id, heading in headings.items():
        assert titles[html_path(page_path("areas", area_id))] == heading  # what a search result is called


def test_an_area_shows_the_sources_heading_under_its_name_when_they_differ(built_site):
    catalogue = load_catalogue(ROOT, with_dates=False)
    for area_id, area in catalogue.areas.items():
        html = (built_site / html_path(page_path("areas", area_id))).read_text(encoding="utf-8")
        subtitle = re.search(r'</h1>\s*<p class="page-subtitle">(.*?)</p>', html, flags=re.S)
        if area["title"] == area["toc_title"]:
            assert not subtitle, area_id
        else:
            shown = re.sub(r"<[^>]+>", "", subtitle.group(1)) if subtitle else ""
            assert " ".join(shown.split()) == " ".join(area["title"].split()), area_id
