"""`catalogue fmt`: one canonical form that round-trips and that the strict loader accepts."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.read.fmt import Schemas, canonical, catalogue_files, format_text
from macros.read.yamlfile import parse

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Schemas(ROOT / "catalogue" / "schema")


def _shuffled(value, rng):
    """The data as a CMS holds it: keys in another order (nested too)."""
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {key: _shuffled(value[key], rng) for key in keys}
    if isinstance(value, list):
        return [_shuffled(item, rng) for item in value]
    return value


def test_every_catalogue_file_round_trips_and_a_cms_rewrite_comes_back_byte_for_byte():
    rng = random.Random(17)
    files = catalogue_files(ROOT)
    assert len(files) > 150
    for kind, path in files:
        original = parse(path.read_text(encoding="utf-8")).data
        formatted = canonical(original, kind, SCHEMAS)
        assert parse(formatted).data == original, path  # same data, read by the strict loader
        assert format_text(formatted, kind, SCHEMAS) == formatted, path  # a fixed point
        # Written the way a CMS writes YAML: no modeline or comments, keys reordered, its own quoting/wrapping.
        cms = yaml.safe_dump(_shuffled(original, rng), allow_unicode=True, sort_keys=False, width=60,
                             default_flow_style=False)
        assert "yaml-language-server" not in cms
        assert format_text(cms, kind, SCHEMAS).encode() == formatted.encode(), path


@pytest.mark.parametrize("text", [
    "yes", "No", "on", "null", "~", "1:20", "0x1f", "1_000", "12", "-3", ".5", "2024-01-01", "2024-01-01 10:00",
    "- not a list", "key: value", "ends with:", "a #hash", "#hash", "@at", "`tick`", "'single'", '"double"',
    "*star", "&amp", "!bang", "%pct", "| pipe", "> gt", "[flow]", "{map}", " lead", "trail ", "tab\there",
    "line\n", "two\n\nparas", "\nfirst empty", "ends\n\n", "  indented\nnext", "ws\n   \nline",
    "u\u2028sep", "bom\ufeff", "nel\x85", "x " * 80, "long " + "ord " * 40 + "ende", "dobbelt  mellemrum " * 10,
    "4 kerneelementer", "Hvad er den bærende idé?", "æøå, ÆØÅ – “citat”",
])
def test_tricky_texts_survive_the_strict_loader(text):
    data = {"id": "x", "title": text, "items": [text, {"label": text, "items": [text]}]}
    formatted = canonical(data, "tools", SCHEMAS)
    assert parse(formatted).data == data
    assert "\t" not in formatted.replace("\\t", "")
    assert all(len(line) <= 100 or '"' in line or " " not in line.strip() for line in formatted.splitlines())


def test_fmt_check_lists_files_and_fmt_fixes_them(project):
    path = project / "catalogue" / "recommendations" / "analyse-1.yml"
    data = parse(path.read_text(encoding="utf-8")).data
    path.write_text(yaml.safe_dump(dict(reversed(list(data.items()))), allow_unicode=True), encoding="utf-8")
    run = [sys.executable, "-m", "macros.cli", "--root", str(project), "fmt"]
    check = subprocess.run(run + ["--check"], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1
    assert "catalogue/recommendations/analyse-1.yml" in check.stdout
    assert subprocess.run(run, capture_output=True, text=True, cwd=ROOT).returncode == 0
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/recommendation.schema.json\nid: analyse-1\ntext: >-\n")
    assert subprocess.run(run + ["--check"], capture_output=True, text=True, cwd=ROOT).returncode == 0


def test_the_catalogue_is_in_canonical_form():
    check = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(ROOT), "fmt", "--check"],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, check.stdout[:2000] + check.stderr[-500:]


def test_the_local_layer_is_formatted_too_with_its_own_modeline(project):
    """A municipality's editors write lokalt/ (by hand or in a form) as well: the same canonical form, with the
    modeline pointing from lokalt/<kind>/ to the national schemas."""
    import shutil

    shutil.copytree(Path(__file__).parent / "fixtures" / "lokalt", project / "lokalt")
    contact = project / "lokalt" / "contacts" / "hr-partner.yml"
    data = parse(contact.read_text(encoding="utf-8")).data
    contact.write_text(yaml.safe_dump(dict(reversed(list(data.items()))), allow_unicode=True), encoding="utf-8")
    run = [sys.executable, "-m", "macros.cli", "--root", str(project), "fmt"]
    check = subprocess.run(run + ["--check"], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1 and "lokalt/contacts/hr-partner.yml" in check.stdout, check.stdout
    assert subprocess.run(run, capture_output=True, text=True, cwd=ROOT).returncode == 0
    text = contact.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../catalogue/schema/contact.schema.json\nid: hr-partner\n")
    assert parse(text).data == data
    assert subprocess.run(run + ["--check"], capture_output=True, text=True, cwd=ROOT).returncode == 0
    validate = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "validate"],
                              capture_output=True, text=True, cwd=ROOT)
    assert validate.returncode == 0, validate.stderr
