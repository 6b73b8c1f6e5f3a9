"""Diagrams drawn from the data, the Word and calendar files, and "Min plan" in a real headless Chromium."""

from __future__ import annotations

import datetime
import json
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
from macros.render.diagrams import DRAWERS, MONTHS, diagram_svg, plain, text_width, wrap
from macros.render.downloads import FALLBACK_VERSION, FORMATS, Imprint, tool_docx, tool_ics

from conftest import ROOT, squash

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


def tool_html(site: Path, tool_id: str) -> str:
    return (site / "vaerktoejer" / f"{tool_id}.html").read_text(encoding="utf-8")


def figure_of(html: str) -> str:
    match = re.search(r'<figure class="tool-diagram[^"]*"[^>]*>(.*?)</figure>', html, flags=re.S)
    assert match, "no diagram on the page"
    return match.group(1)


def expected_texts(tool: dict) -> list[str]:
    """What a tool's diagram must show, straight from its YAML: every item's text (the drawing stands in for the
    text on wide screens). An annual wheel of months also draws the twelve months on its rim."""
    by_month = all(re.search("|".join(MONTHS), item.get("label", "").casefold()) for item in tool["items"] if isinstance(item, dict))
    texts = [m.capitalize() for m in MONTHS] if tool["kind"] == "annual-wheel" and by_month else []
    for item in tool["items"]:
        if isinstance(item, str):
            texts.append(item)
        else:
            texts += [item.get("label", ""), item.get("text", ""), *item.get("items", [])]
    return [text for text in texts if text]


def item_texts(tool: dict) -> list[str]:
    texts = []
    for item in tool["items"]:
        texts += [item] if isinstance(item, str) else [item.get("label", ""), item.get("text", ""), *item.get("items", [])]
    return [re.sub(r"^\d+\. ", "", text) for text in texts if text]  # "15. …" is a numbered list in Markdown


def drawn_tools(catalogue) -> list[str]:
    return [tool_id for tool_id, tool in catalogue.tools.items() if diagram_svg(tool)]


# ---------------------------------------------------------------- diagrams


def test_the_named_diagrams_are_drawn_and_a_wheel_too_full_to_draw_is_not(catalogue):
    assert {"forloebsprogram", "trappemodel", "prioritering-faerre-haender", "huset"} <= set(drawn_tools(catalogue))
    # The TRIO wheel's meetings have three or four topics each: they do not fit a sector at a readable size,
    # and a drawing that shows only a part would say less than the text it replaces on wide screens.
    wheel = catalogue.tools["trio-aarshjul"]
    assert wheel["kind"] in DRAWERS and diagram_svg(wheel) is None


def test_each_diagram_is_inline_svg_with_all_its_text_and_the_text_stays_on_the_page(built_site, catalogue):
    for tool_id, tool in catalogue.tools.items():
        html = tool_html(built_site, tool_id)
        if tool_id not in drawn_tools(catalogue):
            assert "tool-diagram" not in html, tool_id
            continue
        assert re.search(r'<figure class="tool-diagram[^"]*" aria-hidden="true">', html)  # the text is read instead
        svg = ET.fromstring(figure_of(html))  # well-formed XML, inline in the page
        assert svg.tag == f"{SVG}svg" and svg.get("focusable") == "false"
        assert svg.find(f"{SVG}title").text == tool["title"]
        drawn = squash(" ".join(svg.itertext()))
        for text in expected_texts(tool):
            assert squash(text) in drawn, f"{tool_id}: «{text}» is missing from the drawing"
        # The text the drawing stands for: every item on the page as text, outside the drawing.
        page_text = squash(re.sub(r"<[^>]+>", " ", html.replace(figure_of(html), "")))
        for text in item_texts(tool):
            assert squash(text) in page_text, f"{tool_id}: «{text}» is only in the drawing"
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    for tool_id in drawn_tools(catalogue):
        found = squash(" ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(f"vaerktoejer/{tool_id}.html")))
        for text in item_texts(catalogue.tools[tool_id]):
            assert squash(plain(text)) in found, f"{tool_id}: «{text}» is not in the search index"


@pytest.mark.browser
def test_a_drawn_tool_shows_its_content_once_at_a_readable_size(browser, site_url, catalogue):
    """390 px (a phone): the items as text, no drawing, each text once in view, no text under 12 px. 1280 px:
    the drawing, its text at 12 px or more as rendered, and the items as text out of view (still read aloud)."""
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})
    small, large = phone.new_page(), desktop.new_page()
    for tool_id in drawn_tools(catalogue):
        url = f"{site_url}vaerktoejer/{tool_id}.html"
        small.goto(url)
        assert small.locator("figure.tool-diagram").is_hidden(), tool_id
        visible = squash(small.locator("article").inner_text())
        items = squash(" ".join(plain(text) for text in item_texts(catalogue.tools[tool_id])))
        for text in item_texts(catalogue.tools[tool_id]):
            wanted = items.count(squash(plain(text)))  # as often as the data has it ("Personlig pleje" thrice)
            shown = visible.count(squash(plain(text)))
            assert shown == wanted, f"{tool_id} at 390 px: «{text}» in view {shown} times, {wanted} in the data"
        sizes = small.locator(".tool-drawn-text").evaluate("""el => [...el.querySelectorAll("*")]
          .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
          .map(e => parseFloat(getComputedStyle(e).fontSize))""")
        assert sizes and min(sizes) >= 12, f"{tool_id} at 390 px: text of {min(sizes)} px"
        assert small.evaluate("document.documentElement.scrollWidth") <= 390, f"{tool_id} scrolls sideways"

        large.goto(url)
        assert large.locator("figure.tool-diagram svg").bounding_box()["width"] > 600
        hidden = large.locator(".tool-drawn-text").bounding_box()
        assert hidden["width"] <= 1 and hidden["height"] <= 1, tool_id  # visually hidden, not display: none
        rendered = large.locator("figure.tool-diagram svg").evaluate("""svg => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return Math.min(...[...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")) * scale));
        }""")
        assert rendered >= 12, f"{tool_id} at 1280 px: drawing text of {rendered:.1f} px"
    phone.close()
    desktop.close()


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
        for text in expected_texts(tool):
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
    for tool_id in drawn_tools(catalogue):
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


def meeting_months(tool: dict) -> dict[tuple[int, ...], list[str]]:
    """The months each period with topics names, read from its label: (months) -> topics."""
    out = {}
    for item in tool["items"]:
        months = tuple(number for number, month in enumerate(MONTHS, 1)
                       if isinstance(item, dict) and month in re.findall(r"\w+", item["label"].casefold()))
        if months and item.get("items"):
            out[months] = item["items"]
    return out


# The TRIO annual wheel as printed in the source (inspirationskatalog p. 18, Horsens Kommune, "8 møder / år"):
# a meeting in each of these months; February and June–August are "Mødefri".
SOURCE_TRIO_MEETING_MONTHS = [1, 3, 4, 5, 9, 10, 11, 12]


def event_months(event) -> list[int]:
    """The months an all-day event covers, from its first day up to (not including) its end."""
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    return sorted({(start + datetime.timedelta(days=day)).month for day in range((end - start).days)})


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
        expected = meeting_months(tool)
        assert expected
        assert [tuple(event_months(event)) for event in events] == list(expected)
        version = catalogue.updated_of("tools", tool["id"]) or FALLBACK_VERSION
        for event in events:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            # All day, and the whole month: the source names the month of a meeting, not its day.
            assert type(start) is datetime.date and type(end) is datetime.date
            assert start.day == 1 and end.day == 1 and end > start + datetime.timedelta(days=27)
            assert event["RRULE"]["FREQ"] == ["YEARLY"]
            assert str(event["UID"]) == f"{tool['id']}-{start.month:02d}@sygefravaer-katalog"
            assert event.decoded("DTSTAMP") == datetime.datetime.fromisoformat(version + "T00:00:00+00:00")
            summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
            topics = expected[tuple(event_months(event))]
            assert MONTHS[start.month - 1] in summary and topics[0] in summary
            assert all(topic in description for topic in topics)
            assert "Kilde: " in description and f"s. {tool['source']['pages']}" in description
        html = tool_html(built_site, tool["id"])
        assert f'href="{tool["id"]}.ics">Hent som kalender (.ics)</a>' in html


def test_trio_annual_wheel_calendar_has_the_sources_meeting_months(built_site):
    """One event per meeting in the months of the source's wheel, none on New Year's Day alone, none in the
    months the source marks "Mødefri"."""
    calendar = icalendar.Calendar.from_ical((built_site / "vaerktoejer/trio-aarshjul.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert [event_months(event) for event in events] == [[month] for month in SOURCE_TRIO_MEETING_MONTHS]
    january = events[0]
    assert january.decoded("DTSTART").month == 1
    assert (january.decoded("DTEND") - january.decoded("DTSTART")).days == 31


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
