"""Diagrams drawn from the data, the Word and calendar files, and "Min plan" in a real headless Chromium."""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import icalendar
import pytest
from pypdf import PdfReader

from macros.read.catalogue import load_catalogue
from macros.render.diagrams import DRAWERS, MONTHS, text_width, wrap
from macros.render.downloads import FALLBACK_VERSION, FORMATS, Imprint, tool_docx, tool_ics

from conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


def squash(text: str) -> str:
    """Text compared without spaces and hyphens: the diagrams break lines, and may split a long word."""
    return re.sub(r"[\s\-\u00ad]+", "", text).casefold()


def tool_html(site: Path, tool_id: str) -> str:
    return (site / "vaerktoejer" / f"{tool_id}.html").read_text(encoding="utf-8")


def figure_of(html: str) -> str:
    match = re.search(r'<figure class="tool-diagram[^"]*">(.*?)</figure>', html, flags=re.S)
    assert match, "no diagram on the page"
    return match.group(1)


def expected_texts(tool: dict) -> list[str]:
    """What a tool's diagram must show, straight from its YAML."""
    if tool["kind"] == "annual-wheel":  # the twelve months, and each period's first topic (or its text)
        return [m.capitalize() for m in MONTHS] + [item["items"][0] if "items" in item else item["text"]
                                                    for item in tool["items"]]
    texts = []
    for item in tool["items"]:
        if isinstance(item, str):
            texts.append(item)
        else:
            texts += [item.get("label", ""), item.get("text", ""), *item.get("items", [])]
    return [text for text in texts if text]


# ---------------------------------------------------------------- diagrams


def test_the_five_named_diagrams_are_drawn(catalogue):
    drawn = {tool_id for tool_id, tool in catalogue.tools.items() if tool["kind"] in DRAWERS}
    assert {"trio-aarshjul", "forloebsprogram", "trappemodel", "prioritering-faerre-haender", "huset"} <= drawn


def test_each_diagram_is_accessible_inline_svg_with_all_its_text(built_site, catalogue):
    for tool_id, tool in catalogue.tools.items():
        html = tool_html(built_site, tool_id)
        if tool["kind"] not in DRAWERS:
            assert "tool-diagram" not in html, tool_id
            continue
        svg = ET.fromstring(figure_of(html))  # well-formed XML, inline in the page
        assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
        assert title.text == tool["title"]
        drawn = squash(" ".join(svg.itertext()))
        described = squash(desc.text)
        for text in expected_texts(tool):
            assert squash(text) in drawn, f"{tool_id}: «{text}» is missing from the drawing"
        for text in expected_texts(tool)[12 if tool["kind"] == "annual-wheel" else 0:]:
            assert squash(text) in described, f"{tool_id}: «{text}» is missing from the description"
        # The text alternative: every item stays on the page as text, outside the drawing.
        page_text = squash(re.sub(r"<[^>]+>", " ", html.replace(figure_of(html), "")))
        for item in tool["items"]:
            for text in [item] if isinstance(item, str) else [item.get("label", ""), item.get("text", ""),
                                                              *item.get("items", [])]:
                text = re.sub(r"^\d+\. ", "", text)  # "15. …" is a numbered list in Markdown: the number is drawn
                assert squash(text) in page_text, f"{tool_id}: «{text}» is only in the drawing"


def test_a_new_tool_of_a_drawn_kind_gets_its_diagram():
    """Drawings follow the kind, not the tool: made-up tools of every drawn kind, with awkward text."""
    long = "Opfølgning på handleplanen & evaluering <i> \"det forløbne år\" med alle fastholdelseskonsulenterne"
    tools = [
        {"kind": "annual-wheel", "items": [{"label": "1. kvartal", "items": [long]}, {"label": "2. kvartal", "text": "Ferie"},
                                           {"label": "3. kvartal", "items": ["Trivsel"]}]},
        {"kind": "timeline", "items": [{"label": "Uge 1", "text": long, "items": ["Ring", "Skriv"]}, "Afslut."]},
        {"kind": "step-model", "items": [{"text": long}] * 6},
        {"kind": "priority-card", "items": ["Alle på arbejde", {"label": "Mange syge", "items": [long]}]},
        {"kind": "diagram", "items": ["Tag", long, "Fundament", "Vægge"]},
    ]
    for number, tool in enumerate(tools):
        tool.update(id=f"ny-{number}", title=f"Nyt værktøj {number} – <prøve>")
        svg = ET.fromstring(re.search(r"<svg.*</svg>", DRAWERS[tool["kind"]](tool), flags=re.S).group(0))
        assert svg.find(f"{SVG}title").text == tool["title"]
        drawn = squash(" ".join(svg.itertext()))
        for text in expected_texts(tool)[12 if tool["kind"] == "annual-wheel" else 0:]:
            assert squash(text) in drawn, (tool["kind"], text)


def test_wrapped_lines_fit_their_width():
    text = "Håndtering af sygefravær og tilbagevenden efter sygefravær med fastholdelseskonsulentværktøjskassen"
    for width in (60, 120, 300):
        lines = wrap(text, width, 14)
        assert all(text_width(line, 14) <= width for line in lines), lines
        assert squash(" ".join(lines)) == squash(text)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_text_stays_inside_its_shapes(browser, site_url, catalogue, scheme):
    """Rendered by Chromium: every line of text lies inside the drawing, and inside the box or sector it
    belongs to; the drawing takes the text colour of the palette."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    for tool_id, tool in catalogue.tools.items():
        if tool["kind"] not in DRAWERS:
            continue
        page.goto(f"{site_url}vaerktoejer/{tool_id}.html")
        problems = page.locator("figure.tool-diagram svg").evaluate("""svg => {
          const box = svg.viewBox.baseVal, shapes = [...svg.querySelectorAll("rect, path, circle")];
          const toSvg = svg.getScreenCTM().inverse();
          const problems = [];
          for (const text of svg.querySelectorAll("text")) {
            const b = text.getBBox(), m = toSvg.multiply(text.getScreenCTM());
            const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
              .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
            const label = text.textContent.slice(0, 40);
            if (corners.some(p => p.x < box.x - .5 || p.y < box.y - .5 || p.x > box.x + box.width + .5 ||
                                  p.y > box.y + box.height + .5)) problems.push("outside the drawing: " + label);
            const holders = shapes.filter(s => corners.every(p => s.isPointInFill(p)));
            const needsHolder = shapes.some(s => s.isPointInFill(corners[0]) || s.isPointInFill(corners[3]));
            if (needsHolder && !holders.length) problems.push("crosses the edge of its shape: " + label);
          }
          if (!text_colour_ok(svg)) problems.push("not drawn in the text colour");
          return problems;
          function text_colour_ok(svg) {
            const figure = svg.closest("figure"), body = svg.closest(".md-typeset") || document.body;
            return getComputedStyle(svg).color === getComputedStyle(body).color &&
                   svg.querySelector("text").getAttribute("fill") === "currentColor" && !!figure;
          }
        }""")
        assert problems == [], f"{tool_id} ({scheme}): {problems}"
    context.close()


# ---------------------------------------------------------------- Word files


def docx_tools(catalogue) -> list[dict]:
    kinds = FORMATS["docx"][0]
    tools = [tool for tool in catalogue.tools.values() if tool["kind"] in kinds]
    assert {"handleplan", "trio-moedepunkter"} <= {tool["id"] for tool in tools}
    return tools


def test_word_files_open_and_hold_the_templates_headings(built_site, catalogue):
    for tool in docx_tools(catalogue):
        path = built_site / "vaerktoejer" / f"{tool['id']}.docx"
        document = docx.Document(str(path))
        paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
        assert ("Title", tool["title"]) in paragraphs
        headings = [text for style, text in paragraphs if style.startswith("Heading")]
        cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        if tool["kind"] == "template":
            labels = [item["label"] if isinstance(item, dict) else item for item in tool["items"]]
            assert [re.sub(r"^\d+\. ", "", h) for h in headings] == labels
            guides = [text for style, text in paragraphs if style == "Normal"]
            for item in tool["items"]:
                if isinstance(item, dict) and "text" in item:
                    assert item["text"] in guides
            assert len(document.tables) >= len(labels)  # a box to write in under every heading
        else:  # an agenda: one row per point, with a cell for notes
            assert "Dagsorden" in headings
            for item in tool["items"]:
                assert (item if isinstance(item, str) else item.get("label", item.get("text"))) in cells
            agenda = max(document.tables, key=lambda table: len(table.rows))
            assert len(agenda.rows) == len(tool["items"]) + 1 and len(agenda.columns) == 3
        footer = document.sections[0].footer.paragraphs[0].text
        assert footer.startswith("Kilde: ") and f"s. {tool['source']['pages']}" in footer
        assert document.core_properties.language == "da-DK"
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        html = tool_html(built_site, tool["id"])
        assert re.search(rf'<a class="md-button" download href="{tool["id"]}\.docx">Hent som Word-fil</a>', html)


def test_word_and_calendar_files_have_no_build_clock(catalogue):
    tool = catalogue.tools["handleplan"]
    imprint = Imprint("Skabelon", "Kilde, s. 21.", "2025-03-04", "4. marts 2025")
    first = tool_docx(tool, imprint)
    assert first == tool_docx(tool, imprint)
    document = docx.Document(io.BytesIO(first))
    assert document.core_properties.modified == datetime.datetime(2025, 3, 4, tzinfo=datetime.timezone.utc)
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2025, 3, 4, 0, 0, 0)}
    wheel = catalogue.tools["trio-aarshjul"]
    assert tool_ics(wheel, imprint) == tool_ics(wheel, imprint)


# ---------------------------------------------------------------- calendar


def months_with_topics(tool: dict) -> dict[int, list[str]]:
    out = {}
    for item in tool["items"]:
        for number, month in enumerate(MONTHS, 1):
            if isinstance(item, dict) and item.get("items") and month in re.findall(r"\w+", item["label"].casefold()):
                out[number] = item["items"]
    return out


def test_annual_wheel_calendar(built_site, catalogue):
    wheels = [tool for tool in catalogue.tools.values() if tool["kind"] == "annual-wheel"]
    assert "trio-aarshjul" in {tool["id"] for tool in wheels}
    for tool in wheels:
        raw = (built_site / "vaerktoejer" / f"{tool['id']}.ics").read_bytes()
        lines = raw.split(b"\r\n")
        assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), "RFC 5545: CRLF, lines of at most 75 octets"
        calendar = icalendar.Calendar.from_ical(raw)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        events = calendar.walk("VEVENT")
        expected = months_with_topics(tool)
        assert len(expected) >= 8 if tool["id"] == "trio-aarshjul" else expected
        assert sorted(event.decoded("DTSTART").month for event in events) == sorted(expected)
        version = catalogue.updated_of("tools", tool["id"]) or FALLBACK_VERSION
        for event in events:
            start = event.decoded("DTSTART")
            assert type(start) is datetime.date and start.day == 1  # all day, not at a time of day
            assert event.decoded("DTEND") == start + datetime.timedelta(days=1)
            assert event["RRULE"]["FREQ"] == ["YEARLY"]
            assert str(event["UID"]) == f"{tool['id']}-{start.month:02d}@sygefravaer-katalog"
            assert event.decoded("DTSTAMP") == datetime.datetime.fromisoformat(version + "T00:00:00+00:00")
            summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
            for topic in expected[start.month]:
                assert topic in summary and topic in description
            assert "Kilde: " in description and f"s. {tool['source']['pages']}" in description
        html = tool_html(built_site, tool["id"])
        assert f'href="{tool["id"]}.ics">Hent som kalender (.ics)</a>' in html


# ---------------------------------------------------------------- Min plan

AREA, TOOL = "trio-samarbejde", "handleplan"


def keep_things(page, base: str, catalogue) -> list[str]:
    """Keep two recommendations (one on its area's page, one on the recommendations page) and a tool,
    and mark the area as started; return the kept recommendations' ids."""
    recs = [rec_id for rec_id, rec in catalogue.recommendations.items() if rec.get("area") == AREA]
    other = next(rec_id for rec_id, rec in catalogue.recommendations.items() if rec.get("guide"))
    page.goto(f"{base}indsatsomraader/{AREA}.html")
    page.locator(f'[data-plan-rec="{recs[0]}"]').locator("xpath=ancestor::li").get_by_label("Gem i min plan").check()
    page.get_by_role("group", name="Hvor står jeres arbejdsplads med indsatsområdet?").get_by_label("I gang").check()
    page.goto(f"{base}anbefalinger/index.html")
    page.locator(f'.rec[data-plan-rec="{other}"]').get_by_label("Gem i min plan").check()
    page.goto(f"{base}vaerktoejer/{TOOL}.html")
    box = page.get_by_label("Gem værktøjet i min plan")
    box.focus()
    page.keyboard.press("Space")  # a real checkbox: the keyboard alone is enough
    assert box.is_checked()
    return [recs[0], other]


@pytest.mark.browser
def test_min_plan_survives_a_reload_prints_and_clears(page, site_url, catalogue):
    kept = keep_things(page, site_url, catalogue)
    page.goto(f"{site_url}indsatsomraader/{AREA}.html")
    page.reload()
    rec_box = page.locator(f'[data-plan-rec="{kept[0]}"]').locator("xpath=ancestor::li").get_by_label("Gem i min plan")
    assert rec_box.is_checked()
    assert page.get_by_label("I gang").is_checked() and not page.get_by_label("Forankret").is_checked()

    page.goto(f"{site_url}min-plan.html")
    page.reload()
    items = page.locator(".minplan-item")
    assert items.count() == 3
    text = page.locator("#minplan").inner_text()
    site_lines = {rec_id: re.sub(r"[*]", "", rec["text"].split("\n")[0])[:40]
                  for rec_id, rec in catalogue.recommendations.items() if rec_id in kept}
    for start in site_lines.values():
        assert squash(start) in squash(text)
    assert catalogue.tools[TOOL]["title"] in text
    assert text.count("Kilde: ") == 3
    rows = page.locator(".minplan-status-table tbody tr")
    assert rows.count() == len(catalogue.areas) == 16
    assert "I gang" in page.locator(f'tr[data-plan-area-row="{AREA}"]').inner_text()

    # Print: the controls go, the list and the status overview stay; the overview is one page of its own.
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Ryd min plan").is_visible()
    assert page.locator(".minplan-item").first.is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    pages = [squash(p.extract_text()) for p in reader.pages]
    everything = "".join(pages)
    for start in site_lines.values():
        assert squash(start) in everything
    assert squash(catalogue.tools[TOOL]["title"]) in everything and everything.count(squash("Kilde:")) == 3
    overview = [i for i, text in enumerate(pages) if squash("Status for de 16 indsatsområder") in text]
    assert overview == [len(pages) - 1] and len(pages) >= 2, "the overview starts a page of its own"
    for area in catalogue.areas.values():
        assert squash(area["toc_title"]) in pages[-1], area["id"]
    assert squash("Gem i min plan") not in everything and squash("Ryd min plan") not in everything
    page.emulate_media(media="screen")

    # Clearing asks first; cancelling keeps everything, accepting empties it for good.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Ryd min plan").click()
    assert page.locator(".minplan-item").count() == 3
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ryd min plan").click()
    assert page.locator(".minplan-item").count() == 0
    assert "Du har ikke gemt noget endnu" in page.locator("#minplan").inner_text()
    page.reload()
    assert page.locator(".minplan-item").count() == 0
    assert page.locator('.minplan-status-table tr[data-status="ikke-vurderet"]').count() == 16
    page.goto(f"{site_url}indsatsomraader/{AREA}.html")
    assert not page.get_by_label("I gang").is_checked()


@pytest.mark.browser
def test_min_plan_works_from_disk(browser, built_site, catalogue):
    """Opened from a file share or a USB stick (file://): the plan is kept there too."""
    context = browser.new_context()
    page = context.new_page()
    base = built_site.as_uri() + "/"
    kept = keep_things(page, base, catalogue)
    page.goto(base + "min-plan.html")
    assert page.locator(".minplan-item").count() == 3
    keys = page.locator(".minplan-item").evaluate_all("items => items.map(i => i.dataset.planKey)")
    assert sorted(keys) == sorted([f"rec:{kept[0]}", f"rec:{kept[1]}", f"tool:{TOOL}"])
    page.get_by_role("button", name=re.compile("^Fjern fra min plan")).first.click()
    assert page.locator(".minplan-item").count() == 2
    context.close()


@pytest.mark.browser
def test_without_javascript_the_controls_are_absent(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}indsatsomraader/{AREA}.html")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".minplan-keep, .minplan-status, .minplan-control").count() == 0
    page.goto(f"{site_url}min-plan.html")
    assert page.get_by_role("heading", name="Min plan", level=1).is_visible()
    assert page.locator(".minplan-item, .minplan-actions").count() == 0
    context.close()
