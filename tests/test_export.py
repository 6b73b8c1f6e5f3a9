"""site/catalogue.json, the site's data API: valid against the schema published beside it, every kind of entry
the loader knows with every entry, a version, and addresses that lead to the built pages."""

from __future__ import annotations

import json
import re
import subprocess

import jsonschema
import pytest

from macros.publish.export import SCHEMA_VERSION
from macros.read.catalogue import KINDS, load_catalogue

from conftest import ROOT

CATALOGUE = load_catalogue(ROOT)


@pytest.fixture(scope="module")
def published(built_site) -> tuple[dict, dict]:
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "catalogue-export.schema.json").read_text(encoding="utf-8"))
    return data, schema


def test_catalogue_json_is_valid_against_its_published_schema(published):
    data, schema = published
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["$schema"] == "catalogue-export.schema.json"
    # The schema has teeth: a missing kind, an entry without its id or a wrong type are refused.
    for broken in ({k: v for k, v in data.items() if k != "terms"},
                   {**data, "areas": [{k: v for k, v in data["areas"][0].items() if k != "id"}]},
                   {**data, "tools": [{**data["tools"][0], "pdf": 3}]}):
        assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_every_kind_and_every_entry_is_exported(published):
    data, _ = published
    for kind in KINDS:  # the loader's kinds: a kind added to the catalogue cannot be left out of the export
        assert [entry["id"] for entry in data[kind]] == list(CATALOGUE.entries[kind]), kind
        for entry in data[kind]:
            original = CATALOGUE.entries[kind][entry["id"]]
            assert {key: entry[key] for key in original} == original  # every field of the YAML file, unchanged
    assert any(term["term"] == "TRIO" for term in data["terms"])
    assert len(data["challenges"]) == len(CATALOGUE.challenges) > 0


def test_export_carries_its_version(published):
    data, _ = published
    version = data["version"]
    assert version["schema"] == SCHEMA_VERSION
    committed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "catalogue"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
    assert version["catalogue"] == committed
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert head.startswith(version["commit"])


def test_exported_addresses_lead_to_the_built_pages(published, built_site):
    data, _ = published
    for kind in KINDS:
        for entry in data[kind]:
            if entry["url"] is None:
                continue
            page, _, anchor = entry["url"].partition("#")
            html = (built_site / page).read_text(encoding="utf-8")
            assert not anchor or re.search(rf'\bid="{re.escape(anchor)}"', html), entry["url"]
            for pdf in filter(None, [entry.get("pdf")]):
                assert (built_site / pdf).is_file(), pdf


def test_with_a_local_layer_every_kind_has_entries_and_the_schema_holds(project):
    """The national edition has no notes or contacts (the local layer's own kinds): export a catalogue with the
    example layer of tests/fixtures/lokalt/ too, so every kind the loader knows is seen with entries."""
    import shutil
    from pathlib import Path

    from macros.publish.export import SCHEMA, export
    from macros.render.site import Site

    shutil.copytree(Path(__file__).parent / "fixtures" / "lokalt", project / "lokalt")
    catalogue = load_catalogue(project, local_folder="lokalt", with_dates=False)
    data = export(Site(catalogue))
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    for kind in KINDS:
        assert data[kind], f"no {kind} in the export"
        assert {entry["origin"] for entry in data[kind]} <= {"national", "local"}
    assert {entry["origin"] for entry in data["tools"]} == {"national", "local"}
