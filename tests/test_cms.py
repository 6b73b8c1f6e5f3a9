"""The browser editor (/admin/): generated from the schemas, driven in Chromium against the local backend
(decap-server writing to a copy of the project), writing the same canonical YAML as `catalogue fmt`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, build
from macros.publish import cms
from macros.publish.loopback_nginx import answering, free_port
from macros.read.catalogue import load_catalogue
from macros.read.fmt import Schemas, canonical, catalogue_files, format_text
from macros.render.paths import html_path, page_path
from macros.read.yamlfile import parse

DECAP_SERVER = ROOT / "tools" / "decap-server" / "node_modules" / "decap-server" / "dist" / "index.js"
SCREENSHOTS = os.environ.get("CMS_SCREENSHOTS")  # a folder: keep the editor's screenshots (CONTRIBUTING.md)


@pytest.fixture
def decap_server(project):
    """decap-server (the pinned npm package, `make edit`'s local backend) writing to the project copy."""
    if not DECAP_SERVER.is_file():
        pytest.fail("decap-server is missing: run `npm ci --prefix tools/decap-server` (make install does)")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(project),
           "MODE": "fs", "LOG_LEVEL": "error"}
    process = subprocess.Popen([shutil.which("node") or "node", str(DECAP_SERVER)], env=env)
    if not answering(port, process, 20):
        pytest.fail("decap-server did not start listening")
    yield f"http://127.0.0.1:{port}/api/v1"
    process.terminate()
    process.wait(timeout=10)


def _publish(page):
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Publicer", exact=True).click()
    page.get_by_text("Publicer nu", exact=True).click()


def _wait_for_change(page, path: Path, before: str | None, timeout: float = 60) -> str:
    """Wait in Playwright's loop, not time.sleep: the route handler (which forwards to the backend) runs only
    while Playwright has control."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8") != before:
            page.wait_for_timeout(300)  # the write may come in parts
            return path.read_text(encoding="utf-8")
        page.wait_for_timeout(100)
    raise AssertionError(f"{path.name} did not change")


def _shot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def _open(page, url: str, entry_id: str):
    """Open an entry and wait until its data is in the form (typing earlier would be overwritten)."""
    page.goto(url)
    page.reload()  # a new hash alone leaves the previous entry's editor in place
    expect(page.get_by_label("Id", exact=True)).to_have_value(entry_id, timeout=20000)


def _pick(page, label: str, typed: str):
    """A relation field (react-select): type, then take the first match."""
    control = page.get_by_label(label, exact=True)
    control.click()
    control.type(typed)
    page.locator("[class*='-option']", has_text=typed).first.click()


def test_editing_in_the_browser_writes_canonical_valid_files_that_reach_the_page(page, site_url, project, decap_server):
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(site_url):
            request_route.continue_()
        elif url.startswith(cms.LOCAL_BACKEND):  # the configured Git host of the local set-up
            response = request_route.fetch(url=decap_server + url[len(cms.LOCAL_BACKEND):])
            request_route.fulfill(response=response)
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.set_default_timeout(60000)  # the machine is shared; Decap loads slowly under load
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "admin/index.html")
    login = page.get_by_role("button", name="Log ind")
    login.wait_for()
    _shot(page, "cms-1-log-ind")
    login.click()
    page.get_by_text("Indsatsområderne").first.wait_for()
    _shot(page, "cms-2-samlinger")

    # An area's text.
    area = project / "catalogue" / "areas" / "analyse.yml"
    before = area.read_text(encoding="utf-8")
    _open(page, site_url + "admin/index.html#/collections/areas/entries/analyse", "analyse")
    lead = page.get_by_label("Indledning", exact=True)
    lead.fill("Kommunerne har analyseret sygefraværet grundigt, før de valgte deres indsatser. Ny tekst fra browseren.")
    _shot(page, "cms-3-rediger-omraade")
    _publish(page)
    after = _wait_for_change(page, area, before)
    assert "lead: >-\n  Kommunerne har analyseret sygefraværet grundigt, før de valgte deres indsatser. Ny tekst fra\n  browseren.\n" in after
    assert parse(after).data["lead"].endswith("Ny tekst fra browseren.")
    assert parse(after).data["motivation"] == parse(before).data["motivation"]  # untouched fields stay as they were

    # A tool's list item (a text item in a list of texts and objects).
    tool = project / "catalogue" / "tools" / "analysepunkter.yml"
    before = tool.read_text(encoding="utf-8")
    _open(page, site_url + "admin/index.html#/collections/tools/entries/analysepunkter", "analysepunkter")
    item = page.get_by_label("Tekst (kan udelades)", exact=True).first
    expect(item).to_have_value("Hvad er sygefraværets struktur og årsager?", timeout=30000)
    page.wait_for_timeout(500)
    item.fill("Hvad er sygefraværets struktur, årsager og udvikling?")
    expect(item).to_have_value("Hvad er sygefraværets struktur, årsager og udvikling?")
    _publish(page)
    after = _wait_for_change(page, tool, before)
    assert "  - Hvad er sygefraværets struktur, årsager og udvikling?\n" in after
    assert parse(after).data["items"][1:] == parse(before).data["items"][1:]

    # A new recommendation through the form; first with its required text left empty.
    new = project / "catalogue" / "recommendations" / "analyse-99.yml"
    page.goto(site_url + "admin/index.html#/collections/recommendations/new")
    page.reload()
    expect(page.get_by_label("Id", exact=True)).to_have_value("", timeout=30000)
    page.wait_for_timeout(500)
    page.get_by_label("Id", exact=True).fill("analyse-99")
    _pick(page, "Indsatsområde (kan udelades)", "Analyse af")
    _pick(page, "Roller", "Leder")
    _pick(page, "Dokument", "Inspirationskatalog")
    page.get_by_label("Sider (kan udelades)", exact=True).fill("10")
    _publish(page)
    page.get_by_text("er påkrævet").first.wait_for()
    page.get_by_text("er påkrævet").first.scroll_into_view_if_needed()
    _shot(page, "cms-4-mangler-felt")
    page.wait_for_timeout(1000)
    assert not new.exists()  # stopped in the form
    page.get_by_label("Anbefalingen", exact=True).fill("Del analysens resultater med medarbejderne tidligt i forløbet.")
    _publish(page)
    written = _wait_for_change(page, new, None)
    _shot(page, "cms-5-gemt")
    assert written == (
        "# yaml-language-server: $schema=../schema/recommendation.schema.json\n"
        "id: analyse-99\n"
        "text: Del analysens resultater med medarbejderne tidligt i forløbet.\n"
        "area: analyse\n"
        "roles:\n"
        "  - leder\n"
        "source:\n"
        "  document: inspirationskatalog\n"
        '  pages: "10"\n')

    assert outside == []  # nothing left the site except for the Git host (here the local backend)

    # The files are valid, in canonical form, and the change is on the rebuilt page.
    catalogue = load_catalogue(project, with_dates=False)
    assert "analyse-99" in catalogue.recommendations
    schemas = Schemas(project / "catalogue" / "schema")
    for kind, path in [("areas", area), ("tools", tool), ("recommendations", new)]:
        text = path.read_text(encoding="utf-8")
        assert format_text(text, kind, schemas) == text, path.name
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    html = (site / html_path(page_path("areas", "analyse"))).read_text(encoding="utf-8")
    assert "Ny tekst fra browseren." in html
    assert "Del analysens resultater med medarbejderne tidligt i forløbet." in html
    tool_html = (site / html_path(page_path("tools", "analysepunkter"))).read_text(encoding="utf-8")
    assert "Hvad er sygefraværets struktur, årsager og udvikling?" in tool_html


def test_a_field_added_to_a_schema_appears_in_the_generated_form(project):
    schema_path = project / "catalogue" / "schema" / "tool.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["audience"] = {"title": "Målgruppe", "description": "Hvem værktøjet er skrevet til.",
                                        "$ref": "common.schema.json#/$defs/line"}
    schema["required"].append("audience")
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    site = project / "site"
    result = build(project, site)  # the catalogue lacks the new field; the form is still generated
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8")) if result.returncode == 0 \
        else cms.config(project / "catalogue" / "schema", {})
    tools = next(c for c in config["collections"] if c["name"] == "tools")
    field = next(f for f in tools["fields"] if f["name"] == "audience")
    assert field["label"] == "Målgruppe" and field["hint"] == "Hvem værktøjet er skrevet til."
    assert field["widget"] == "string" and field["required"] is True


def test_generated_config_follows_the_schemas(built_site, addressed_site):
    shipped = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert shipped["backend"] == {"name": "github", "branch": "main"}  # no repo_url as shipped: no repository
    config = yaml.safe_load((addressed_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "hr/sygefravaer-katalog", "branch": "main"}  # repo_url
    collections = {c["name"]: c for c in config["collections"]}
    assert set(collections) == {kind for kind, _ in catalogue_files(ROOT)}
    recommendation = {f["name"]: f for f in collections["recommendations"]["fields"]}
    assert recommendation["area"]["widget"] == "relation" and recommendation["area"]["collection"] == "areas"
    assert recommendation["area"]["display_fields"] == ["{{fields.title}}"]
    assert recommendation["roles"]["multiple"] is True and recommendation["roles"]["required"] is True
    assert recommendation["phases"]["required"] is False
    tool = {f["name"]: f for f in collections["tools"]["fields"]}
    assert tool["kind"]["widget"] == "select"
    assert {"label": "tjekliste (checklist)", "value": "checklist"} in tool["kind"]["options"]
    assert tool["items"]["widget"] == "list" and [f["name"] for f in tool["items"]["fields"]] == ["label", "text", "items"]
    source = {f["name"]: f for f in tool["source"]["fields"]}
    assert source["pages"]["pattern"][0] == "^[0-9]+(-[0-9]+)?$"
    assert collections["areas"]["slug"] == "{{fields.id}}" and collections["areas"]["folder"] == "catalogue/areas"


def test_the_editor_writes_the_same_bytes_as_catalogue_fmt(page, built_site):
    """catalogue-format.js (in Chromium) against macros/read/fmt.py over every catalogue file."""
    setup = json.loads((built_site / "admin" / "setup.json").read_text(encoding="utf-8"))
    schemas = Schemas(ROOT / "catalogue" / "schema")
    entries = [(kind, parse(path.read_text(encoding="utf-8")).data) for kind, path in catalogue_files(ROOT)]
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(built_site / "admin" / "vendor" / "js-yaml" / "js-yaml.min.js"))
    page.add_script_tag(path=str(built_site / "admin" / "catalogue-format.js"))
    written = page.evaluate("""([shapes, entries]) => entries.map(([kind, data]) => {
        const text = CatalogueFormat.toText(data, shapes[kind]);
        // read back as the form holds it, then written as on save
        return [text, CatalogueFormat.format(CatalogueFormat.fromFile(text, shapes[kind]), shapes[kind])];
    })""", [setup["shapes"], entries])
    for (kind, data), (text, saved) in zip(entries, written):
        expected = canonical(data, kind, schemas)
        assert text == expected, data.get("id")
        assert saved == expected, data.get("id")


def test_an_edition_with_a_local_layer_edits_it_in_the_same_form(page, built_site, project):
    """With lokalt/, its kinds (notes and contacts included) get collections of their own, writing into lokalt/
    with a modeline that reaches the national schemas; the editor's writer gives the bytes `catalogue fmt` gives."""
    schema_dir = project / "catalogue" / "schema"
    assert not [c for c in cms.config(schema_dir, {})["collections"] if c["folder"].startswith("lokalt/")]
    shutil.copytree(Path(__file__).parent / "fixtures" / "lokalt", project / "lokalt")
    collections = {c["name"]: c for c in cms.config(schema_dir, {})["collections"]}
    assert collections["local-contacts"]["folder"] == "lokalt/contacts"
    assert collections["local-notes"]["label"].startswith("Lokalt: ")
    assert collections["tools"]["folder"] == "catalogue/tools" and "contacts" not in collections
    notes = {f["name"]: f for f in collections["local-notes"]["fields"]}
    assert notes["area"]["widget"] == "relation" and notes["area"]["collection"] == "areas"  # national targets
    shapes = cms.shapes(schema_dir, {})
    files = [(kind, path) for kind, path in catalogue_files(project) if "lokalt" in path.parts]
    assert {kind for kind, _ in files} >= {"notes", "contacts", "tools", "recommendations"}
    entries = [(f"local-{kind}", parse(path.read_text(encoding="utf-8")).data) for kind, path in files]
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(built_site / "admin" / "vendor" / "js-yaml" / "js-yaml.min.js"))
    page.add_script_tag(path=str(built_site / "admin" / "catalogue-format.js"))
    written = page.evaluate("([shapes, entries]) => entries.map(([name, data]) => CatalogueFormat.toText(data, shapes[name]))",
                            [shapes, entries])
    for (kind, path), text in zip(files, written):
        assert text.startswith(f"# yaml-language-server: $schema=../../catalogue/schema/{shapes['local-' + kind]['schema']}.schema.json\n")
        assert text == path.read_text(encoding="utf-8"), path  # the fixture is in canonical form (tests/test_fmt.py)


def test_without_a_repository_the_editor_says_how_to_connect_it(page, site_url):
    """As shipped (no repo_url) and with no local backend running, /admin/ explains in Danish what is missing
    instead of Decap's English configuration error."""
    page.goto(site_url + "admin/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Editoren er ikke sat op")
    assert "repo_url" in page.inner_text("main") and "make edit" in page.inner_text("main")
    assert "Config Errors" not in page.inner_text("body")
