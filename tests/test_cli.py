"""The `catalogue` command as an editor uses it: every refusal with the message shown, warnings, list and new."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_ENV

AREA = "catalogue/areas/virksomhedspraktik.yml"
REC = "catalogue/recommendations/virksomhedspraktik-1.yml"


def catalogue(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), *args],
                          capture_output=True, text=True, env=BUILD_ENV)


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_validate_passes_on_the_real_catalogue(project):
    result = catalogue(project, "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Kataloget er i orden: ")
    assert "[K" not in result.stderr


# (what the editor did, the code, the field, words of the message the editor sees)
REFUSALS = [
    (lambda p: edit(p, AREA, "number: 16", "number: [16"), "K03", None, "YAML kan ikke læses"),
    (lambda p: edit(p, AREA, "number: 16\n", "number: 16\nnumber: 17\n"), "K05", "number", "feltet står to gange"),
    (lambda p: edit(p, AREA, "toc_title: Virk", "toc_title: &a Virk"), "K06", None, "ankeret &a"),
    (lambda p: edit(p, AREA, "  document: inspirationskatalog", "\tdocument: inspirationskatalog"), "K04", None, "tabulator"),
    (lambda p: edit(p, AREA, "lead: >-", "leed: >-"), "K07", "leed", "Mente du 'lead'?"),
    (lambda p: edit(p, REC, "roles:\n  - leder\n  - jobcenter\n", "roles:\n  - leder\n  - jobcenter\nphases: [no]\n"), "K08", "phases[0]",
     "ja/nej-værdi"),
    (lambda p: edit(p, AREA, "number: 16", "number: 16.5"), "K08", "number", "skal være et heltal"),
    (lambda p: edit(p, REC, "area: virksomhedspraktik\n", ""), "K09", None, "angiv præcis ét af felterne area, strand, guide"),
    (lambda p: edit(p, AREA, "strand: gradvis-tilbagevenden", "strand: gradvis"), "K11", "strand", "findes ikke blandt sporene"),
    (lambda p: edit(p, AREA, "number: 16", "number: 15"), "K12", "number", "bruges også i"),
    (lambda p: edit(p, AREA, "id: virksomhedspraktik", "id: praktik"), "K13", "id", "skal være det samme som filnavnet"),
    (lambda p: edit(p, REC, "  Inddrag jobcentret", "  <b>Inddrag</b> jobcentret"), "K14", "text", "HTML er ikke tilladt"),
    (lambda p: (p / AREA).write_bytes((p / AREA).read_text(encoding="utf-8").encode("cp1252")), "K01", None, "UTF-8"),
    (lambda p: (p / "catalogue/areas/tom.yml").write_text("# kun en kommentar\n", encoding="utf-8"), "K02", None, "filen er tom"),
]


@pytest.mark.parametrize("mistake, code, field, words", REFUSALS, ids=[r[1] + (r[2] or "") for r in REFUSALS])
def test_validate_refuses_with_file_line_field_and_message(project, mistake, code, field, words):
    mistake(project)
    result = catalogue(project, "validate")
    assert result.returncode == 1
    pattern = r"^catalogue/[a-z]+/[a-z0-9-]+\.yml:\d+: " + (rf"field '{re.escape(field)}': " if field else "") + rf".*\[{code}\]$"
    lines = [line for line in result.stderr.splitlines() if re.match(pattern, line)]
    assert lines, result.stderr
    assert any(words in line for line in lines), result.stderr
    assert re.search(r"^\d+ fejl i kataloget\.$", result.stderr, re.M)


def test_warnings_do_not_block_but_are_shown(project):
    edit(project, AREA, "  Analyser viser, at gradvis", "  Analyser viser, at gradvis tilbagevenden pa &amp; arbejdet,")
    (project / "catalogue/terms/ukendt.yml").write_text(
        "id: ukendt\nterm: Ukendtord\ndefinition: Et ord, som ingen tekst bruger.\n", encoding="utf-8")
    result = catalogue(project, "validate")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^catalogue/areas/virksomhedspraktik\.yml:\d+: field 'motivation': .*'pa'.*\[W02\]$", result.stderr, re.M)
    assert re.search(r"^catalogue/areas/virksomhedspraktik\.yml:\d+: field 'motivation': '&amp;'.*\[W03\]$", result.stderr, re.M)
    assert re.search(r"^catalogue/terms/ukendt\.yml:1: field 'id': begrebet forekommer ikke.*\[W01\]$", result.stderr, re.M)
    assert "råd (W-koder)" in result.stdout


def test_list_shows_ids_titles_and_files(project):
    result = catalogue(project, "list", "areas")
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == len(list((project / "catalogue/areas").glob("*.yml")))
    assert ["areas", "virksomhedspraktik", "Virksomhedspraktik som første skridt til tilbagevenden", AREA] in rows


@pytest.mark.parametrize("kind, folder", [("area", "areas"), ("tool", "tools"), ("recommendation", "recommendations"),
                                          ("term", "terms"), ("challenge", "challenges")])
def test_new_writes_a_valid_entry_with_every_field_explained(project, kind, folder):
    before = set((project / "catalogue" / folder).glob("*.yml"))
    result = catalogue(project, "new", kind)
    assert result.returncode == 0, result.stderr
    (created,) = set((project / "catalogue" / folder).glob("*.yml")) - before
    text = created.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")
    assert "(påkrævet)" in text and "UDFYLD" in text
    check = catalogue(project, "validate")
    assert check.returncode == 0, check.stderr  # valid as written …
    assert f"{created.relative_to(project).as_posix()}:" in check.stderr and "[W04]" in check.stderr  # … but flagged


def test_new_recommendation_takes_the_next_free_number_of_its_area(project):
    result = catalogue(project, "new", "recommendation", "--area", "virksomhedspraktik")
    assert result.returncode == 0, result.stderr
    numbers = [int(p.stem.rsplit("-", 1)[1]) for p in (project / "catalogue/recommendations").glob("virksomhedspraktik-*.yml")]
    assert "virksomhedspraktik-%d.yml" % max(numbers) in result.stdout
    assert sorted(numbers) == list(range(1, max(numbers) + 1))


def test_new_area_takes_the_next_free_number(project):
    catalogue(project, "new", "area", "nyt-omraade")
    text = (project / "catalogue/areas/nyt-omraade.yml").read_text(encoding="utf-8")
    highest = max(int(re.search(r"^number: (\d+)", p.read_text(encoding="utf-8"), re.M).group(1))
                  for p in (project / "catalogue/areas").glob("*.yml") if p.name != "nyt-omraade.yml")
    assert f"\nnumber: {highest + 1}\n" in text
