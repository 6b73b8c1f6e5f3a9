""""Min plan" as an action plan that leaves the browser, in a real headless Chromium: owner, deadline, status and
note per kept item; the Word file read back with python-docx; the plan as a file (replace and merge) and as a
link in fresh browser contexts; full and blocked storage; the count in the header; print; axe; and the Word,
file and link routes from file:// and under the nginx sub-path with no request leaving the site."""

from __future__ import annotations

import base64
import datetime
import io
import json
import zipfile
import zlib

import docx
import pytest

from macros.render.diagrams import MONTHS
from conftest import pdf_text, squash
from test_accessibility import AXE, WCAG_21_AA
from test_downloads_and_plan import AREA, TOOL, catalogue, keep_things  # noqa: F401  (catalogue: fixture)
from test_hosting import PREFIX, Visit, nginx  # noqa: F401  (nginx: the fixture, serving the site under PREFIX)

pytestmark = pytest.mark.browser

WORKPLACE = "Hjemmeplejen Nord & Syd"
PLAN_DATE = "2027-01-04"
# What the reader writes for each kept item, in the order keep_things keeps them (area rec, other rec, tool).
FIELDS = [
    {"owner": "Anna Hansen", "deadline": "2027-01-15", "status": ("i-gang", "I gang"),
     "note": "Tages op på MED-mødet i januar"},
    {"owner": "Bo Jensen", "deadline": "2027-03-01", "status": ("udfoert", "Udført"),
     "note": "Aftalt med HR & TR <vigtigt>"},
    {"owner": "Camilla Østergaard", "deadline": "2027-06-30", "status": ("ikke-startet", "Ikke startet"),
     "note": "Første linje\nAnden linje"},
]
FULL = "Storage.prototype.setItem = function () { throw new DOMException('fuld', 'QuotaExceededError'); };"
BLOCKED = ("Object.defineProperty(window, 'localStorage', "
           "{ get() { throw new DOMException('spærret', 'SecurityError'); } });")


def danish(iso: str) -> str:
    date = datetime.date.fromisoformat(iso)
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def keys_of(kept: list[str]) -> list[str]:
    return [f"rec:{kept[0]}", f"rec:{kept[1]}", f"tool:{TOOL}"]


def item(page, key: str):
    return page.locator(f'.minplan-item[data-plan-key="{key}"]')


def fill_plan(page, base: str, catalogue) -> list[str]:
    """Keep three items on three pages, then give the plan a heading and each item its owner, deadline,
    status and note on the plan page; return the kept keys."""
    keys = keys_of(keep_things(page, base, catalogue))
    page.goto(base + "min-plan.html")
    page.get_by_label("Arbejdsplads/enhed").fill(WORKPLACE)
    page.get_by_label("Dato for planen").fill(PLAN_DATE)
    for key, values in zip(keys, FIELDS):
        row = item(page, key)
        row.get_by_label("Ansvarlig").fill(values["owner"])
        row.get_by_label("Frist").fill(values["deadline"])
        row.get_by_label("Status").select_option(values["status"][0])
        row.get_by_label("Note").fill(values["note"])
    return keys


def download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return open(info.value.path(), "rb").read()


def cells_of(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def assert_word_plan(data: bytes, keys: list[str], catalogue, site_url_of_site: str = ""):
    """The .docx, read back: a valid zip, the heading, a table per strand with every value, the overview."""
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", f"Handleplan: {WORKPLACE}") in paragraphs
    assert ("Normal", f"Arbejdsplads/enhed: {WORKPLACE}") in paragraphs
    assert ("Normal", f"Dato: {danish(PLAN_DATE)}") in paragraphs
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    strands = {f"{s['label']}: {s['title']}" for s in catalogue.strands.values()}
    assert headings[-1] == "Status for de 16 indsatsområder"
    assert headings[:-1] and all(h in strands or h in {g["title"] for g in catalogue.guides.values()}
                                 for h in headings[:-1])
    assert len(document.tables) == len(headings)  # one table per strand with kept items, and the overview
    rows = cells_of(document)
    links = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    for key, values in zip(keys, FIELDS):
        kind, entry_id = key.split(":")
        name = catalogue.tools[entry_id]["title"] if kind == "tool" else None
        address = (f"{site_url_of_site}vaerktoejer/{entry_id}.html" if kind == "tool"
                   else f"{site_url_of_site}anbefalinger/index.html#{entry_id}")
        row = next(r for r in rows if r[1] == values["owner"])
        assert row[2:] == [danish(values["deadline"]), values["status"][1], values["note"]], row
        assert address in row[0] and address in links
        if name:
            assert row[0].startswith(name)
    assert ["Anbefaling eller værktøj", "Ansvarlig", "Frist", "Status", "Note"] in rows
    area = catalogue.areas[AREA]
    assert [f"{area['number']}.", area["toc_title"], "I gang"] in rows
    assert document.core_properties.title == f"Handleplan: {WORKPLACE}"
    assert document.core_properties.language == "da-DK"


def plan_file(data: bytes) -> dict:
    plan = json.loads(data)
    assert plan["format"] == "sygefravaer-katalog/min-plan" and plan["version"] == 2
    return plan


def stored_plan(page) -> dict:
    return page.evaluate("() => JSON.parse(localStorage.getItem('sygefravaer-katalog/min-plan/v2'))")


def header_count(page) -> str:
    badge = page.locator(".md-header [data-minplan-count]")
    return badge.inner_text() if badge.is_visible() else "0"


# ---------------------------------------------------------------- the action plan, the Word file, print


def test_action_plan_fields_header_count_word_file_and_print(page, site_url, catalogue):
    page.goto(f"{site_url}indsatsomraader/{AREA}.html")
    assert header_count(page) == "0"
    assert page.locator(".md-header a.minplan-header").get_attribute("aria-label") == "Min plan: ingen gemte punkter"
    keys = fill_plan(page, site_url, catalogue)

    # The header count follows the ticks, on every page, and names what it counts.
    assert header_count(page) == "3"
    page.goto(f"{site_url}vaerktoejer/{TOOL}.html")
    assert header_count(page) == "3"
    page.get_by_label("Gem værktøjet i min plan").uncheck()
    assert header_count(page) == "2"
    assert page.locator(".md-header a.minplan-header").get_attribute("aria-label") == "Min plan: 2 gemte punkter"
    page.get_by_label("Gem værktøjet i min plan").check()
    assert header_count(page) == "3"
    page.goto(f"{site_url}index.html")
    assert header_count(page) == "3"
    page.locator(".md-header a.minplan-header").click()
    assert page.url.endswith("/min-plan.html")

    # The fields were kept: a new tool entry starts empty, so fill the tool's again, then reload.
    tool = item(page, keys[2])
    tool.get_by_label("Ansvarlig").fill(FIELDS[2]["owner"])
    tool.get_by_label("Frist").fill(FIELDS[2]["deadline"])
    tool.get_by_label("Note").fill(FIELDS[2]["note"])
    page.reload()
    assert page.get_by_label("Arbejdsplads/enhed").input_value() == WORKPLACE
    for key, values in zip(keys, FIELDS):
        row = item(page, key)
        assert row.get_by_label("Ansvarlig").input_value() == values["owner"]
        assert row.get_by_label("Frist").input_value() == values["deadline"]
        assert row.get_by_label("Status").input_value() == values["status"][0]
        assert row.get_by_label("Note").input_value() == values["note"]

    assert_word_plan(download(page, "Hent som Word"), keys, catalogue)

    # Print: an action plan with the heading, each item's owner, deadline, status and note, each tool's short
    # web address; no form controls or buttons.
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Hent som Word").is_visible()
    printed = squash(pdf_text(page.pdf(format="A4")))
    assert squash(f"Handleplan for {WORKPLACE} · {danish(PLAN_DATE)}") in printed
    for values in FIELDS:
        for value in (values["owner"], danish(values["deadline"]), values["status"][1], values["note"]):
            assert squash(value) in printed, value
    assert squash(f"vaerktoejer/{TOOL}.html") in printed
    for label in ("Hent som Word", "Gem som fil", "Kopiér link", "Arbejdsplads/enhed"):
        assert squash(label) not in printed, label
    page.emulate_media(media="screen")


# ---------------------------------------------------------------- the plan as a file: replace and merge


def test_plan_file_loads_in_a_fresh_browser_by_replacing_or_merging(browser, site_url, catalogue, tmp_path):
    first = browser.new_context(locale="da-DK")
    page = first.new_page()
    keys = fill_plan(page, site_url, catalogue)
    saved = plan_file(download(page, "Gem som fil"))
    first.close()
    assert [i["key"] for i in saved["items"]] == keys
    assert saved["heading"]["workplace"] == WORKPLACE
    assert [(i["owner"], i["deadline"], i["status"], i["note"]) for i in saved["items"]] == [
        (f["owner"], f["deadline"], f["status"][0], f["note"]) for f in FIELDS]
    assert all(datetime.datetime.fromisoformat(i["updated"]) for i in saved["items"])
    assert {"id": AREA, "status": "i-gang"}.items() <= next(a for a in saved["areas"] if a["id"] == AREA).items()

    # The same file as if made with an older catalogue: one entry gone since, and old and new edit times.
    older = dict(saved, edition="en-gammel-udgave")
    older["items"] = [dict(i) for i in saved["items"]] + [
        {"key": "rec:findes-ikke-mere", "title": "En anbefaling, der er taget ud", "owner": "X", "deadline": "",
         "note": "", "status": "i-gang", "updated": "2026-01-01T00:00:00Z"}]
    older["items"][0].update(note="Ældre note fra filen", updated="2001-01-01T00:00:00.000Z")
    older["items"][1].update(note="Nyere note fra filen", updated="2999-01-01T00:00:00.000Z")
    path = tmp_path / "min-plan.json"
    path.write_text(json.dumps(older), encoding="utf-8")

    # Merge into a plan that has the first two items with notes of its own: the newer edit wins per item.
    second = browser.new_context(locale="da-DK")
    page = second.new_page()
    page.goto(site_url + "min-plan.html")
    for key in keys[:2]:
        page.evaluate("key => { const p = JSON.parse(localStorage.getItem('sygefravaer-katalog/min-plan/v2') || "
                      "'{\"items\":{},\"areas\":{},\"heading\":{}}'); p.items[key] = {owner: 'Egen', note: 'Egen note', "
                      "status: 'i-gang', updated: new Date().toISOString()}; "
                      "localStorage.setItem('sygefravaer-katalog/min-plan/v2', JSON.stringify(p)); }", key)
    page.reload()
    assert page.locator(".minplan-item").count() == 2
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Hent fra fil").click()
    chooser.value.set_files(str(path))
    panel = page.locator("#minplan-import")
    panel.wait_for()
    shown = panel.inner_text()
    assert "Filen indeholder en plan" in shown and WORKPLACE in shown
    assert "3 anbefalinger og værktøjer" in shown
    assert FIELDS[0]["owner"] in shown and catalogue.tools[TOOL]["title"] in shown
    note = panel.locator("[data-minplan-missing]").inner_text()
    assert "anden udgave af kataloget" in note
    assert "1 punkt findes ikke længere i kataloget" in note and "En anbefaling, der er taget ud" in note
    assert page.locator(".minplan-item").count() == 2  # nothing changed before the reader chooses
    page.get_by_role("button", name="Flet ind i min plan").click()
    assert panel.is_hidden()
    merged = stored_plan(page)["items"]
    assert sorted(merged) == sorted(keys)
    assert merged[keys[0]]["note"] == "Egen note"  # the browser's edit is newer than the file's
    assert merged[keys[1]]["note"] == "Nyere note fra filen"  # the file's edit is newer
    assert merged[keys[2]]["owner"] == FIELDS[2]["owner"]  # only in the file: added
    assert page.locator(".minplan-item").count() == 3
    assert item(page, keys[1]).get_by_label("Note").input_value() == "Nyere note fra filen"
    assert "Egen note" in item(page, keys[0]).get_by_label("Note").input_value()

    # Replace: the browser's plan becomes the file's, entries the catalogue no longer has left out.
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Hent fra fil").click()
    chooser.value.set_files(str(path))
    panel.wait_for()
    page.get_by_role("button", name="Erstat min plan").click()
    replaced = stored_plan(page)
    assert sorted(replaced["items"]) == sorted(keys)
    assert replaced["items"][keys[0]]["note"] == "Ældre note fra filen"
    assert replaced["heading"]["workplace"] == WORKPLACE
    assert page.get_by_label("Arbejdsplads/enhed").input_value() == WORKPLACE

    # Not a plan: a clear message, nothing changed.
    (tmp_path / "andet.json").write_text('{"noget": "andet"}', encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Hent fra fil").click()
    chooser.value.set_files(str(tmp_path / "andet.json"))
    panel.wait_for()
    assert "Det er ikke en fil fra Min plan" in panel.inner_text()
    assert sorted(stored_plan(page)["items"]) == sorted(keys)
    second.close()


# ---------------------------------------------------------------- the plan as a link


def test_copied_link_carries_the_plan_and_asks_before_replacing(browser, site_url, catalogue):
    first = browser.new_context(locale="da-DK")
    page = first.new_page()
    keys = fill_plan(page, site_url, catalogue)
    page.get_by_role("button", name="Kopiér link").click()
    link = page.get_by_label("Link til planen").input_value()
    assert "Linket er kopieret" in page.locator(".minplan-link-status").inner_text() or \
        "Kopiér linket fra feltet" in page.locator(".minplan-link-status").inner_text()
    first.close()
    address, fragment = link.split("#plan=")
    assert address == site_url + "min-plan.html"
    assert WORKPLACE not in link and len(link) < 2000
    carried = json.loads(zlib.decompress(base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4)), -15))
    assert [i["key"] for i in carried["items"]] == keys  # raw deflate of the plan's JSON, in base64url

    second = browser.new_context(locale="da-DK")
    page = second.new_page()
    page.goto(f"{site_url}vaerktoejer/{TOOL}.html")
    page.get_by_label("Gem værktøjet i min plan").check()
    page.goto(link)
    panel = page.locator("#minplan-import")
    panel.wait_for()
    shown = panel.inner_text()
    assert "Linket indeholder en plan" in shown and WORKPLACE in shown
    assert all(values["owner"] in shown for values in FIELDS)
    assert "Din plan i denne browser har 1 punkt" in shown
    assert list(stored_plan(page)["items"]) == [f"tool:{TOOL}"]  # asked first: nothing replaced yet
    page.get_by_role("button", name="Erstat min plan").click()
    assert sorted(stored_plan(page)["items"]) == sorted(keys)
    assert "#plan=" not in page.url
    assert page.locator(".minplan-item").count() == 3
    assert item(page, keys[0]).get_by_label("Ansvarlig").input_value() == FIELDS[0]["owner"]
    page.reload()
    assert page.locator("#minplan-import").is_hidden()
    second.close()


# ---------------------------------------------------------------- storage full or blocked


@pytest.mark.parametrize("problem, script, says", [
    ("full", FULL, "Browserens lager er fuldt"),
    ("blocked", BLOCKED, "Browseren tillader ikke, at siden gemmer data"),
], ids=["full", "blocked"])
def test_full_or_blocked_storage_shows_a_visible_warning_and_the_way_out(browser, site_url, catalogue, problem, script, says):
    context = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 800})
    context.add_init_script(script)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(f"{site_url}indsatsomraader/{AREA}.html")
    assert page.locator(".minplan-warning[data-minplan-top]").is_visible()  # before any tick
    box = page.locator(".minplan-keep input").first
    box.check()
    near = page.locator(".minplan-warning[data-minplan-near]")
    assert near.is_visible() and says in near.inner_text()
    # right below the box the reader ticked, not somewhere else on the page
    box_bottom = box.bounding_box()["y"]
    assert 0 < near.bounding_box()["y"] - box_bottom < 80
    assert header_count(page) == "1"
    key = box.get_attribute("data-plan-key")

    # In the same tab the plan reaches the plan page, which says how to keep it.
    page.get_by_role("link", name="Min plan").first.click()
    page.wait_for_url("**/min-plan.html")
    warning = page.locator("#minplan .minplan-warning")
    assert warning.is_visible() and says in warning.inner_text() and "«Gem som fil»" in warning.inner_text()
    assert item(page, key).count() == 1
    item(page, key).get_by_label("Ansvarlig").fill("Anna Hansen")
    saved = plan_file(download(page, "Gem som fil"))
    assert [(i["key"], i["owner"]) for i in saved["items"]] == [(key, "Anna Hansen")]
    page.get_by_role("button", name="Kopiér link").click()
    assert "#plan=" in page.get_by_label("Link til planen").input_value()
    assert not [e for e in errors if "minplan.js" in e], errors
    context.close()


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_plan_page_with_items_and_fields_passes_axe(browser, site_url, catalogue, scheme):
    context = browser.new_context(color_scheme=scheme, locale="da-DK")
    page = context.new_page()
    fill_plan(page, site_url, catalogue)
    page.get_by_role("button", name="Kopiér link").click()  # the link field shown too
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]
    assert not violations, violations
    # every field is labelled and reached with the keyboard
    page.get_by_label("Arbejdsplads/enhed").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "minplan-plan-date"
    context.close()


# ---------------------------------------------------------------- from disk and under the nginx sub-path


@pytest.mark.parametrize("where", ["file", "nginx"])
def test_word_file_and_link_routes_from_disk_and_under_a_sub_path(built_site, nginx, browser, catalogue, where):  # noqa: F811
    base = nginx + PREFIX if where == "nginx" else built_site.as_uri() + "/"
    visit = Visit(browser)
    try:
        page = visit.page
        keys = fill_plan(page, base, catalogue)
        assert_word_plan(download(page, "Hent som Word"), keys, catalogue)
        saved = plan_file(download(page, "Gem som fil"))
        assert [i["owner"] for i in saved["items"]] == [f["owner"] for f in FIELDS]
        page.get_by_role("button", name="Kopiér link").click()
        link = page.get_by_label("Link til planen").input_value()
        assert link.startswith(base + "min-plan.html#plan=")
        page.wait_for_load_state("networkidle")
        assert visit.blocked == []
        assert visit.problems == []
    finally:
        visit.close()
