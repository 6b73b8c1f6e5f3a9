"""The loader accepts the real catalogue and refuses each kind of broken file with file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.read.catalogue import CatalogueError, load_catalogue

from conftest import ROOT

AREA = "catalogue/areas/virksomhedspraktik.yml"


def test_real_catalogue_loads():
    catalogue = load_catalogue(ROOT, with_dates=False)
    assert catalogue.areas["virksomhedspraktik"]["number"] == 16
    assert catalogue.tools["trappemodel"]["area"] == "virksomhedspraktik"
    assert set(catalogue.roles) >= {"leder", "trio", "hr", "jobcenter", "medarbejdere", "koordinator", "topledelse"}


def problems_for(project: Path, relative: str, text: str | bytes) -> list[str]:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project, with_dates=False)
    return str(raised.value).splitlines()


def replace_in(project: Path, relative: str, old: str, new: str) -> str:
    text = (project / relative).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def assert_reported(lines: list[str], file: str, line: int, field: str | None, code: str):
    prefix = f"{file}:{line}: " + (f"field '{field}': " if field else "")
    matching = [entry for entry in lines if entry.startswith(prefix) and entry.endswith(f"[{code}]")]
    assert matching, f"no '{prefix}… [{code}]' in:\n" + "\n".join(lines)


def test_yaml_syntax_error(project):
    text = replace_in(project, AREA, "number: 16", "number: [16")
    lines = problems_for(project, AREA, text)
    assert any(re.match(rf"{AREA}:\d+: YAML kan ikke læses", entry) for entry in lines), lines


def test_unclosed_quote_points_at_its_opening_line(project):
    text = replace_in(project, AREA, '"64-65"', "64-65")  # the file's only other quote would close it
    text = text.replace("\ntitle: Virksomhedspraktik", '\ntitle: "Virksomhedspraktik')
    opening = line_of(text, 'title: "')
    lines = problems_for(project, AREA, text)
    assert any(entry.startswith(f"{AREA}:{opening}: YAML kan ikke læses") for entry in lines), lines


def test_duplicate_key_names_both_lines(project):
    text = replace_in(project, AREA, "strand: gradvis-tilbagevenden\n", "strand: gradvis-tilbagevenden\nnumber: 61\n")
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "number: 61"), "number", "K05")
    assert any(f"første gang i linje {line_of(text, 'number: 16')}" in entry for entry in lines)
    assert len(lines) == 2  # the file's id stays known: no knock-on errors in files that refer to it


def test_anchor_and_alias(project):
    text = replace_in(project, AREA, "toc_title: Virksomhedspraktik", "toc_title: &t Virksomhedspraktik")
    text = re.sub(r"\ntitle: .*\n", "\ntitle: *t\n", text, count=1)
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "&t"), None, "K06")
    assert_reported(lines, AREA, line_of(text, "title: *t"), None, "K06")


def test_tab_indentation(project):
    text = replace_in(project, AREA, "  document: inspirationskatalog", "\tdocument: inspirationskatalog")
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "\tdocument"), None, "K04")


def test_unknown_field_suggests_the_right_one(project):
    text = replace_in(project, AREA, "lead: >-", "laed: >-")
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "laed:"), "laed", "K07")
    assert any("Mente du 'lead'?" in entry for entry in lines)


@pytest.mark.parametrize("value, shown", [("no", "ja/nej"), ("on", "ja/nej"), ("2024-03-26", "dato"), ("16", "tal")])
def test_yaml_11_surprises_in_text_fields(project, value, shown):
    text = re.sub(r"\ntitle: .*\n", f"\ntitle: {value}\n", (project / AREA).read_text(encoding="utf-8"), count=1)
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, f"title: {value}"), "title", "K08")
    assert any(shown in entry and f'title: "{value}"' in entry for entry in lines), lines


def test_wrong_type_in_nested_field(project):
    text = replace_in(project, AREA, 'pages: "64-65"', "pages: [64, 65]")
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "pages: [64"), "source.pages", "K08")


def test_missing_required_field(project):
    text = re.sub(r"\nidea: \|-\n(  .*\n|\n)+?(?=effect:)", "\n", (project / AREA).read_text(encoding="utf-8"))
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "id: "), "idea", "K09")  # the entry's first line


def test_reference_to_unknown_id(project):
    text = replace_in(project, AREA, "strand: gradvis-tilbagevenden", "strand: gradvis-tilbagevending")
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "strand: gradvis-tilbagevending"), "strand", "K11")
    assert any("Mente du 'gradvis-tilbagevenden'?" in entry for entry in lines)


def test_reference_inside_a_list(project):
    relative = "catalogue/recommendations/virksomhedspraktik-1.yml"
    text = replace_in(project, relative, "roles:\n  - leder\n  - jobcenter", "roles:\n  - leder\n  - chef")
    lines = problems_for(project, relative, text)
    assert_reported(lines, relative, line_of(text, "- chef"), "roles[1]", "K11")


def test_duplicate_area_number(project):
    text = (project / AREA).read_text(encoding="utf-8").replace("id: virksomhedspraktik", "id: praktik-kopi")
    lines = problems_for(project, "catalogue/areas/praktik-kopi.yml", text)
    reported = [entry for entry in lines if "[K12]" in entry and "field 'number'" in entry]
    assert len(reported) == 1 and "praktik-kopi.yml" in reported[0] and AREA in reported[0], lines
    assert f".yml:{line_of(text, 'number: 16')}: " in reported[0]


def test_duplicate_id(project):
    text = (project / AREA).read_text(encoding="utf-8").replace("number: 16", "number: 99")
    copy = "catalogue/areas/virksomhedspraktik-kopi.yml"
    lines = problems_for(project, copy, text)
    assert_reported(lines, copy, line_of(text, "id: "), "id", "K13")
    reported = [entry for entry in lines if "[K12]" in entry and "field 'id'" in entry]
    assert len(reported) == 1 and copy in reported[0] and AREA in reported[0], lines


def test_file_not_utf8(project):
    text = (project / AREA).read_text(encoding="utf-8")
    lines = problems_for(project, AREA, text.encode("latin-1"))
    first_non_ascii = line_of(text, next(ch for ch in text if ord(ch) > 127))
    assert_reported(lines, AREA, first_non_ascii, None, "K01")


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(project, content):
    lines = problems_for(project, "catalogue/terms/tom.yml", content)
    assert_reported(lines, "catalogue/terms/tom.yml", 1, None, "K02")


def test_raw_html_is_refused(project):
    text = replace_in(project, AREA, "  Medarbejdere, der har været", "  <script>alert(1)</script> Medarbejdere, der har været")
    lines = problems_for(project, AREA, text)
    assert_reported(lines, AREA, line_of(text, "lead:"), "lead", "K14")


def test_every_error_of_a_run_is_reported_together(project):
    replace = replace_in(project, AREA, "number: 16", "number: sixteen")
    (project / AREA).write_text(replace, encoding="utf-8")
    (project / "catalogue/terms").mkdir(exist_ok=True)
    (project / "catalogue/terms/tom.yml").write_text("", encoding="utf-8")
    relative = "catalogue/tools/trappemodel.yml"
    lines = problems_for(project, relative, replace_in(project, relative, "kind: step-model", "kind: stairs"))
    assert_reported(lines, AREA, line_of(replace, "number: sixteen"), "number", "K08")
    assert_reported(lines, "catalogue/terms/tom.yml", 1, None, "K02")
    assert_reported(lines, relative, 4, "kind", "K10")
    assert lines[-1] == f"{len(lines) - 1} fejl i kataloget."
