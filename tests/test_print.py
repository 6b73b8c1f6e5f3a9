"""Printing: every tool prints on A4 within its page budget, in the browser and as the PDF the build makes; the
print layout of each kind; the flyers; the whole catalogue as one PDF with a table of contents and page numbers."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader

from macros.read.catalogue import CatalogueError, load_catalogue
from macros.publish.pdf import chapter_pages, fixed_dates, read_site_config
from macros.render.paths import EDITION_PDF, html_path, page_path, pdf_path, web_address
from macros.render.printout import print_edition, qr_svg
from macros.render.site import Site, danish_date

from conftest import BUILD_ENV, PUBLISHED_AT, ROOT, build, pdf_text

CATALOGUE = load_catalogue(ROOT)
SITE_URL = read_site_config(ROOT)["site_url"]  # unset as shipped; addressed_site sets PUBLISHED_AT
TOOLS = list(CATALOGUE.tools)
FLYERS = list(CATALOGUE.flyers)
# A checklist or an agenda is one sheet; a fill-in template at most two; any other tool at most two.
PAGE_BUDGET = {"checklist": 1, "agenda": 1, "template": 2}
A4 = (595.28, 841.89)  # points


def budget(tool_id: str) -> int:
    return PAGE_BUDGET.get(CATALOGUE.tools[tool_id]["kind"], 2)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_a4(reader: PdfReader):
    for page in reader.pages:  # Chromium rounds A4 to whole pixels: within a point of 210 x 297 mm
        assert abs(float(page.mediabox.width) - A4[0]) < 1 and abs(float(page.mediabox.height) - A4[1]) < 1


def tool_url(site_url: str, tool_id: str) -> str:
    return site_url + html_path(page_path("tools", tool_id))


# ---------------------------------------------------------------- every tool, in the browser and as a PDF


@pytest.mark.browser
@pytest.mark.parametrize("tool_id", TOOLS)
def test_tool_prints_within_its_page_budget(page, site_url, built_site, tool_id):
    """What the reader's browser prints (no background graphics, the default) fits the budget, and the build's
    PDF has exactly as many pages."""
    page.goto(tool_url(site_url, tool_id))
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(printed.pages) <= budget(tool_id), f"{tool_id} prints on {len(printed.pages)} pages"
    built = PdfReader(built_site / pdf_path("tools", tool_id))
    assert len(built.pages) == len(printed.pages)


@pytest.mark.parametrize("tool_id", TOOLS)
def test_tool_pdf_names_title_source_and_version(built_site, tool_id):
    tool = CATALOGUE.tools[tool_id]
    reader = PdfReader(built_site / pdf_path("tools", tool_id))
    assert_a4(reader)
    assert 1 <= len(reader.pages) <= budget(tool_id)
    text = flat(pdf_text(reader))
    assert flat(tool["title"]) in text
    assert "Kilde:" in text and "Sidst opdateret:" in text
    updated = CATALOGUE.updated_of("tools", tool_id)  # the YAML file's last commit, never the build clock
    assert updated, "the catalogue is read from a git checkout"
    assert danish_date(updated) in text
    assert "Online-udgave" not in text  # no site_url as shipped: no address that would lead nowhere
    assert reader.metadata.creation_date.year < 2100  # a real date: the last commit's time, not a placeholder


def test_printouts_name_the_published_address_when_site_url_is_set(addressed_site):
    """Every tool's and flyer's PDF names the page's address under site_url (a flyer its tool's), the catalogue
    PDF the site's."""
    expected = {pdf_path("tools", t): page_path("tools", t) for t in TOOLS}
    expected |= {pdf_path("flyers", f): page_path("tools", CATALOGUE.flyers[f]["tool"]) for f in FLYERS}
    for pdf, page in expected.items():
        text = flat(pdf_text(addressed_site / pdf))
        address = web_address(PUBLISHED_AT, page)
        assert address.startswith(PUBLISHED_AT) and address in re.sub(r"\s", "", text), pdf  # may wrap in its column
    cover = PdfReader(addressed_site / EDITION_PDF).pages[0].extract_text()
    assert "Online-udgave" in cover and PUBLISHED_AT in re.sub(r"\s", "", cover)


def test_tool_pages_link_their_pdf_and_catalogue_json_lists_it(built_site):
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    assert [tool["id"] for tool in data["tools"]] == TOOLS
    for tool in data["tools"]:
        assert tool["pdf"] == pdf_path("tools", tool["id"]) == f"pdf/{tool['id']}.pdf"
        assert (built_site / tool["pdf"]).is_file()
        html = (built_site / tool["url"]).read_text(encoding="utf-8")
        link = re.search(r'<a [^>]*href="([^"]+\.pdf)"[^>]*>Hent som PDF</a>', html)
        assert link and (built_site / tool["url"]).parent.joinpath(link.group(1)).resolve() == \
            (built_site / tool["pdf"]).resolve()


# ---------------------------------------------------------------- the print layout


@pytest.mark.browser
def test_print_shows_only_the_content(page, addressed_site):
    page.goto(tool_url(addressed_site.as_uri() + "/", "handleplan"))
    assert page.get_by_role("button", name="Print").is_visible()  # on screen, with JavaScript
    assert page.locator(".print-address").is_hidden()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                   ".print-actions", ".md-content__button"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".print-footer .source-line").is_visible()
    assert page.locator(".print-address .qr-code").is_visible()
    # Black on white even for a reader on the dark scheme.
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).color")
    assert colour == "rgb(0, 0, 0)"


@pytest.mark.browser
def test_qr_code_opens_the_online_version(page, addressed_site):
    import zxingcpp
    from PIL import Image

    page.goto(tool_url(addressed_site.as_uri() + "/", "trio-moedepunkter"))
    page.emulate_media(media="print")
    image = Image.open(io.BytesIO(page.locator(".qr-code").screenshot(scale="device"))).convert("L")
    image = Image.eval(image.resize((image.width * 4, image.height * 4), Image.NEAREST), lambda v: v)
    framed = Image.new("L", (image.width + 80, image.height + 80), 255)  # the quiet zone a scanner needs
    framed.paste(image, (40, 40))
    (found,) = zxingcpp.read_barcodes(framed)
    assert found.text == web_address(PUBLISHED_AT, page_path("tools", "trio-moedepunkter"))
    assert page.locator(".qr-code").get_attribute("aria-label") == f"QR-kode til {found.text}"


@pytest.mark.browser
def test_checklist_prints_an_empty_box_per_item(page, site_url):
    tool = CATALOGUE.tools["fast-track-aktiviteter"]
    expected = sum(1 + len(item.get("items", [])) if isinstance(item, dict) else 1 for item in tool["items"])
    page.goto(tool_url(site_url, "fast-track-aktiviteter"))
    page.emulate_media(media="print")
    boxes = page.locator(".tool-checklist .tick-box")
    assert boxes.count() == expected
    style = boxes.first.evaluate("el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();"
                                 " return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, r.width, r.height] }")
    assert float(style[0].rstrip("px")) >= 1 and style[1] == "solid" and style[2] == "rgb(0, 0, 0)"
    assert 10 <= style[3] == style[4] <= 20  # a square box, about the height of a letter
    assert page.locator(".tool-checklist input").count() == 0  # paper cannot be ticked: no form controls


@pytest.mark.browser
def test_template_and_agenda_leave_room_to_write(page, site_url):
    plan = CATALOGUE.tools["handleplan"]
    page.goto(tool_url(site_url, "handleplan"))
    assert page.locator(".write-box").first.is_hidden()  # writing space is for paper
    page.emulate_media(media="print")
    boxes = page.locator(".tool-template .tool-item")
    assert boxes.count() == len(plan["items"])
    for index, item in enumerate(plan["items"]):
        part = boxes.nth(index)
        assert flat(part.get_by_role("heading", level=2).inner_text()) == item["label"]
        assert part.locator(".write-box").bounding_box()["height"] >= 110  # about 3 cm at 96 px to the inch

    page.goto(tool_url(site_url, "trio-moedepunkter"))
    page.emulate_media(media="print")
    points = page.locator(".tool-agenda > ul > li")
    assert points.count() == len(CATALOGUE.tools["trio-moedepunkter"]["items"])
    lines = points.first.evaluate("el => { const s = getComputedStyle(el, '::after');"
                                  " return [parseFloat(s.height), s.borderTopStyle, s.borderBottomStyle] }")
    assert lines[0] > 20 and lines[1] == lines[2] == "solid"  # two lines to write on under each point


MEETING_SHEETS = [tool_id for tool_id, tool in CATALOGUE.tools.items() if tool.get("meeting_record")]
RECORD_FIELDS = ["Dato", "Deltagere", "Aftaler", "Næste opfølgning"]


def test_the_conversations_and_meetings_are_marked_as_such():
    """Decided from the data: a joint conversation, the TRIO meeting's agenda, the start-up meeting and the
    staff-meeting dialogue cards."""
    assert set(MEETING_SHEETS) == {"fast-track-samtale", "trio-moedepunkter", "opstartsmoede", "dialogspoergsmaal"}
    assert all(CATALOGUE.tools[t]["kind"] in {"checklist", "agenda", "discussion-card", "template"} for t in MEETING_SHEETS)


@pytest.mark.browser
def test_conversation_sheets_print_with_fields_and_keep_their_page_count(page, site_url, built_site):
    """On paper: a field for the date, the names, the agreements (room to write several lines) and the next
    follow-up, all on the sheet's one page; on screen none of them (paper only). Other tools have no fields."""
    for tool_id in MEETING_SHEETS:
        page.goto(tool_url(site_url, tool_id))
        fields = page.locator(".record-fields .record-field")
        assert fields.count() == 4 and page.locator(".record-fields").is_hidden(), tool_id
        page.emulate_media(media="print")
        assert [flat(fields.nth(i).inner_text()).split(" (")[0] for i in range(4)] == RECORD_FIELDS
        boxes = [fields.nth(i).bounding_box() for i in range(4)]
        assert all(box["height"] >= 33 for box in boxes), tool_id  # about a centimetre or more to write in
        assert boxes[2]["height"] >= 110 and boxes[2]["width"] >= 600, tool_id  # the agreements: several lines
        printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
        built = PdfReader(built_site / pdf_path("tools", tool_id))
        assert len(printed.pages) == len(built.pages) == 1 <= budget(tool_id), tool_id  # one sheet, as before the fields
        text = flat(pdf_text(built))
        assert all(label in text for label in RECORD_FIELDS), tool_id
        page.emulate_media(media="screen")
    page.goto(tool_url(site_url, "handleplan"))
    assert page.locator(".record-fields").count() == 0


@pytest.mark.browser
def test_checklist_boxes_on_screen_look_like_paper_not_like_the_save_checkbox(page, site_url):
    """A checklist's boxes are drawn squares with a thin line in the text colour, nothing to click, under a hint
    that they are for paper; Min plan's "Gem" control is a real, rounded, coloured checkbox."""
    page.goto(tool_url(site_url, "fast-track-samtale"))
    box = page.locator(".tool-checklist .tick-box").first
    style = box.evaluate("el => { const s = getComputedStyle(el), t = getComputedStyle(el.closest('.md-typeset'));"
                         " return [s.borderTopLeftRadius, s.borderTopStyle, s.borderTopColor, t.color, s.pointerEvents,"
                         " s.backgroundColor, el.getBoundingClientRect().width] }")
    assert style[0] == "0px" and style[1] == "solid" and style[2] == style[3] and style[4] == "none"
    assert style[5] == "rgba(0, 0, 0, 0)" and 10 <= style[6] <= 18
    assert page.locator(".tool-checklist .print-hint").is_visible()
    assert "papir" in page.locator(".tool-checklist .print-hint").inner_text()
    save = page.locator(".minplan-keep input[type=checkbox]").first
    assert save.is_visible() and save.evaluate("el => getComputedStyle(el).appearance") != "none"


@pytest.mark.browser
def test_no_item_is_split_across_pages(page, site_url):
    for tool_id in ("handleplan", "trio-aarshjul", "forloebsprogram", "jobcenter-otte-trin"):
        page.goto(tool_url(site_url, tool_id))
        page.emulate_media(media="print")
        breaks = page.evaluate("[...document.querySelectorAll('.tool-item, .tool-checklist li, .print-footer')]"
                               ".map(el => getComputedStyle(el).breakInside)")
        assert breaks and set(breaks) == {"avoid"}, tool_id


@pytest.mark.browser
@pytest.mark.parametrize("tool_id", ["prioritering-faerre-haender", "kulturforandring-handleplan"])
def test_priority_card_and_plan_put_their_columns_side_by_side(page, site_url, tool_id):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(tool_url(site_url, tool_id))
    drawn = page.locator("figure.tool-diagram").count()  # on a wide screen the drawing stands in for the columns
    for media in ("print",) if drawn else ("screen", "print"):
        page.emulate_media(media=media)
        boxes = [page.locator(".tool-grid > .tool-item").nth(i).bounding_box() for i in range(3)]
        assert len({round(box["y"]) for box in boxes}) == 1, media
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"], media
        labels = [flat(h.inner_text()).rstrip("¶") for h in page.locator(".tool-grid > .tool-item > h2").all()]
        assert labels == [item["label"] for item in CATALOGUE.tools[tool_id]["items"]]


@pytest.mark.browser
def test_timeline_and_step_model_print_as_sequences(page, site_url):
    page.goto(tool_url(site_url, "forloebsprogram"))
    page.emulate_media(media="print")
    steps = page.locator("ol.tool-timeline > li")
    assert steps.count() == len(CATALOGUE.tools["forloebsprogram"]["items"])
    labels = [flat(text) for text in page.locator("ol.tool-timeline .sequence-label").all_inner_texts()]
    assert labels[:4] == ["Dag 1", "Dag 3", "Dag 10", "Dag 15"]
    tops = [steps.nth(i).bounding_box()["y"] for i in range(steps.count())]
    assert tops == sorted(tops)

    page.goto(tool_url(site_url, "trappemodel"))
    page.emulate_media(media="print")
    steps = page.locator("ol.tool-step-model > li")
    assert [flat(steps.nth(i).locator(".sequence-label").inner_text()) for i in range(4)] == \
        ["Trin 1", "Trin 2", "Trin 3", "Trin 4"]
    boxes = [steps.nth(i).bounding_box() for i in range(4)]
    assert [b["x"] for b in boxes] == sorted(b["x"] for b in boxes)  # left to right …
    assert [b["y"] for b in boxes] == sorted((b["y"] for b in boxes), reverse=True)  # … and each a step higher


# ---------------------------------------------------------------- flyers


def text_sizes(page) -> list[tuple[str, float]]:
    """(text, rendered size in points) of every run of text on a PDF page, from its text and transformation
    matrices (Chromium sets text at size 1 and scales it with the matrix)."""
    runs = []

    def visit(text, cm, tm, font, size):
        a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                      tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        if text.strip():
            runs.append((text, size * (c * c + d * d) ** 0.5))

    page.extract_text(visitor_text=visit)
    return runs


def point_texts(flyer: dict) -> list[str]:
    return [point if isinstance(point, str) else f"{point['label']} {point['text']}" for point in flyer["points"]]


@pytest.mark.parametrize("flyer_id", FLYERS)
def test_flyer_is_one_a4_poster_in_large_type(addressed_site, flyer_id):
    """One A4 page: the title, the three or four points and the contact line from the branding, the points and
    line at 16pt or more, the title larger; where to read more (the tool's address) at the foot."""
    flyer = CATALOGUE.flyers[flyer_id]
    tool = CATALOGUE.tools[flyer["tool"]]
    reader = PdfReader(addressed_site / pdf_path("flyers", flyer_id))
    assert len(reader.pages) == 1
    assert_a4(reader)
    text = flat(pdf_text(reader))
    assert flat(flyer["title"]) in text
    if "line" in flyer:
        assert flat(flyer["line"]) in text
    assert 3 <= len(flyer["points"]) <= 4
    for point in point_texts(flyer):
        assert flat(point) in text
    assert "Kontakt:" in text  # what fills it: test_flyer_contact_line_follows_the_branding
    assert web_address(PUBLISHED_AT, page_path("tools", tool["id"])) in re.sub(r"\s", "", text)
    runs = text_sizes(reader.pages[0])
    body = flat(" ".join(point_texts(flyer) + [flyer.get("line", ""), "Kontakt:"]))
    body_sizes = [size for run, size in runs if len(flat(run)) > 15 and flat(run) in body]  # not the footer's words
    assert len(body_sizes) >= len(flyer["points"]) and min(body_sizes) >= 16, sorted(body_sizes)
    title_sizes = [size for run, size in runs if len(flat(run)) > 12 and flat(run) in flat(flyer["title"])]
    assert min(title_sizes) >= 30  # the title well above the body
    html = (addressed_site / html_path(page_path("flyers", flyer_id))).read_text(encoding="utf-8")
    assert f'href="../{pdf_path("flyers", flyer_id)}"' in html


@pytest.mark.browser
def test_flyer_prints_in_its_strands_colour(page, site_url):
    for flyer_id, flyer in CATALOGUE.flyers.items():
        page.goto(site_url + html_path(page_path("flyers", flyer_id)))
        page.emulate_media(media="print")
        strand = CATALOGUE.strands[CATALOGUE.areas[CATALOGUE.tools[flyer["tool"]]["area"]]["strand"]]
        red, green, blue = (int(strand["colour"][i:i + 2], 16) for i in (1, 3, 5))
        colours = page.locator(".flyer").evaluate("el => [getComputedStyle(el).borderTopColor,"
                                                  " getComputedStyle(el.querySelector('h1')).color]")
        assert colours == [f"rgb({red}, {green}, {blue})"] * 2, flyer_id


def test_flyer_contact_line_follows_the_branding(project, tmp_path):
    """No contact in the branding: a blank line to write on; a `contact` set: that line."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"\n    email: .*\n", "\n", text), encoding="utf-8")
    assert build(project, tmp_path / "blank").returncode == 0
    html = (tmp_path / "blank" / html_path(page_path("flyers", FLYERS[0]))).read_text(encoding="utf-8")
    assert re.search(r'<p class="flyer-contact"><strong>Kontakt:</strong> <span class="flyer-contact-blank"></span></p>', html)
    config.write_text(text.replace("  brand:\n", "  brand:\n    contact: HR-teamet, tlf. 12 34 56 78\n"), encoding="utf-8")
    assert build(project, tmp_path / "set").returncode == 0
    html = (tmp_path / "set" / html_path(page_path("flyers", FLYERS[0]))).read_text(encoding="utf-8")
    assert '<span class="flyer-contact-text">HR-teamet, tlf. 12 34 56 78</span>' in html


def test_the_two_flyers_the_issue_asks_for():
    tools = {flyer["tool"] for flyer in CATALOGUE.flyers.values()}
    assert {"fast-track-aktiviteter", "forloebsprogram"} <= tools
    assert CATALOGUE.tools["fast-track-aktiviteter"]["area"] == "fast-track"


def test_a_flyer_is_one_file(project, tmp_path):
    flyers = project / "catalogue/flyers"
    points = "points:\n  - Trin 1\n  - Trin 2\n  - Trin 3\n"
    (flyers / "trappen.yml").write_text("id: trappen\ntitle: Trin for trin tilbage\n" + points + "tool: trappemodel\n",
                                        encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Trin for trin tilbage" in (tmp_path / "site/plakater/trappen.html").read_text(encoding="utf-8")

    (flyers / "trappen.yml").write_text("id: trappen\ntitle: Trin\n" + points + "tool: trapemodel\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        load_catalogue(project, with_dates=False)
    assert "catalogue/flyers/trappen.yml:7: field 'tool'" in str(refused.value) and "trappemodel" in str(refused.value)


# ---------------------------------------------------------------- the whole catalogue as one PDF


def test_catalogue_pdf_has_a_table_of_contents_and_page_numbers(built_site):
    data = (built_site / EDITION_PDF).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert_a4(reader)
    texts = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]  # ligatures as letters
    chapters = print_edition(Site(CATALOGUE, site_url=SITE_URL))
    starts = chapter_pages(data)  # where each chapter's heading landed, from the PDF's own outline
    assert len(starts) == len(chapters) and starts == sorted(starts)
    toc_pages = range(1, starts[0] - 1)
    assert "Indhold" in texts[1]
    contents = flat(" ".join(texts[i] for i in toc_pages))
    for chapter, start in zip(chapters, starts):
        assert flat(f"{chapter.title} {start}") in contents, chapter.title  # the title, then its page number
        heading = re.search(r"<h1[^>]*>(.*?)<", (built_site / chapter.path).read_text(encoding="utf-8")).group(1)
        assert flat(heading.replace("&amp;", "&").replace("&quot;", '"')) in flat(texts[start - 1])
    for number, text in enumerate(texts[1:], 2):  # every page but the cover carries its number
        assert re.search(rf"(^|\n){number}(\n|$)", text), f"page {number} has no page number"
    assert not re.search(r"(^|\n)1(\n|$)", texts[0])
    links = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots") or []]
    inside = {str(link["/Dest"]) for link in links if "/Dest" in link}
    assert inside >= {f"/kapitel-{number}" for number in range(1, len(chapters) + 1)}  # the contents lead there
    assert not [link for link in links if str(link.get("/A", {}).get("/URI", "")).startswith("file:")]
    newest = max(date for file, date in CATALOGUE.updated.items() if file.startswith("catalogue/"))
    assert f"Version: {danish_date(newest)}" in flat(texts[0])  # the newest commit to the catalogue


def test_catalogue_pdf_is_linked_from_the_tools_index(built_site):
    html = (built_site / "vaerktoejer/index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/katalog.pdf"' in html
    for flyer_id in FLYERS:
        assert f'href="../{html_path(page_path("flyers", flyer_id))}"' in html


# ---------------------------------------------------------------- the pure parts


def test_print_edition_leaves_out_lists_and_posters():
    chapters = print_edition(Site(CATALOGUE, site_url=SITE_URL))
    paths = [chapter.path for chapter in chapters]
    assert len(paths) == len(set(paths))
    assert "index.html" not in paths and "vaerktoejer/index.html" not in paths
    assert not [path for path in paths if path.startswith(("plakater/", "roller/"))]
    assert {html_path(page_path("tools", t)) for t in TOOLS} <= set(paths)
    assert {html_path(page_path("areas", a)) for a in CATALOGUE.areas} <= set(paths)


def test_address_and_qr_code():
    assert web_address("", "vaerktoejer/handleplan.md") == "vaerktoejer/handleplan.html"
    assert web_address("https://x.dk/katalog/", "vaerktoejer/handleplan.md") == "https://x.dk/katalog/vaerktoejer/handleplan.html"
    svg = qr_svg("https://x.dk/a.html")
    assert svg.startswith('<svg role="img" aria-label="QR-kode til https://x.dk/a.html" ')


def test_pdf_dates_come_from_the_commit_not_the_clock():
    data = b"<</CreationDate (D:20261123110405+00'00') /ModDate (D:20261123110408+00'00')>>"
    fixed = fixed_dates(data, 86400)
    assert len(fixed) == len(data)  # byte offsets in the PDF stay valid
    assert fixed == b"<</CreationDate (D:19700102000000+00'00') /ModDate (D:19700102000000+00'00')>>"


def test_build_without_pdfs_when_asked(project):
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "build", "--no-pdf"],
                            cwd=project, env=BUILD_ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (project / "site/pdf").exists()
    data = json.loads((project / "site/catalogue.json").read_text(encoding="utf-8"))
    assert all(tool["pdf"] is None for tool in data["tools"])
