"""Editor text cannot carry a script, an outside image, a heading or a dead link, and no YAML slip changes a text
silently: `catalogue validate` refuses each with file, line and field, and parser errors come out in Danish."""

from __future__ import annotations

import pytest

from macros.read.catalogue import KINDS, CatalogueError, load_catalogue, read_schemas

from conftest import ROOT
from test_cli import catalogue, edit
from test_loader import assert_reported, line_of

REC_TEMPLATE = """# yaml-language-server: $schema=../schema/recommendation.schema.json
id: {id}
area: virksomhedspraktik
text: |-
  En almindelig første linje.
{body}
roles: [leder]
source:
  document: inspirationskatalog
  pages: "65"
"""
FIRST_BODY_LINE = 6  # the line of the template where the text's second line stands

# (text lines of a recommendation, which of them holds the mistake (0-based), the code)
ROUTES = [
    # K16: every scheme but http(s), mailto and tel, however it is written
    (["Se [her](javascript:alert(1))."], 0, "K16"),
    (["Se [her](JaVaScRiPt:alert(1))."], 0, "K16"),
    (["Se [her](   javascript:alert(1))."], 0, "K16"),
    (["Se [her](<javascript:alert(1)>)."], 0, "K16"),
    (["Se [her](java script:alert(1))."], 0, "K16"),
    (["Se [her](java", "script:alert(1))."], 0, "K16"),  # a browser drops the line break inside a URL
    (["Se [her](&#106;avascript:alert(1))."], 0, "K16"),
    (["Se [her](&#x6A;avascript:alert(1))."], 0, "K16"),
    (["Se [her](javascript&colon;alert(1))."], 0, "K16"),
    (["Se [her](%6Aavascript:alert(1))."], 0, "K16"),
    (["Se [her](java%0Ascript:alert(1))."], 0, "K16"),
    (["Se [her](javascript\\:alert(1))."], 0, "K16"),  # a Markdown escape
    (["Se [her](javascript:alert(1) \"titel\")."], 0, "K16"),
    (["Se [her](vbscript:msgbox(1))."], 0, "K16"),
    (["Se [her](data:text/html;base64,PHNjcmlwdD4=)."], 0, "K16"),
    (["Se [her](file:///etc/passwd)."], 0, "K16"),
    (["Se [her][r].", "", "[r]: javascript:alert(1)"], 2, "K16"),  # reference-style link
    (["Se [her][r].", "", "[R]:   <vbscript:msgbox(1)>"], 2, "K16"),
    (["Se <javascript:alert(1)>."], 0, "K16"),  # autolink
    (["Se ![billede](javascript:alert(1))."], 0, "K16"),  # image syntax
    (["Se ![billede][b].", "", "[b]: data:image/svg+xml;base64,PHN2Zz4="], 2, "K16"),
    # K17: attribute lists set nothing but an allowed class
    (["Tekst { onclick=\"alert(1)\" }"], 0, "K17"),
    (["Tekst", "{: onmouseover=alert(1) }"], 1, "K17"),
    (["Tekst", "{ ONCLICK='alert(1)' }"], 1, "K17"),
    (["Tekst { style=\"position:fixed\" }"], 0, "K17"),
    (["Tekst { .catalogue-quote onclick=\"alert(1)\" }"], 0, "K17"),
    (["Tekst { #mit-id }"], 0, "K17"),
    (["Tekst { .ukendt-klasse }"], 0, "K17"),
    (["Se [her](https://example.dk){ onclick=\"alert(1)\" }."], 0, "K17"),
    (["Se ![x](../assets/logo.svg){ onerror=alert(1) }."], 0, "K17"),
    # K18: images from outside
    (["![Logo](https://example.dk/logo.png)"], 0, "K18"),
    (["![Logo](http://example.dk/logo.png)"], 0, "K18"),
    (["![Logo](//cdn.example.dk/logo.png)"], 0, "K18"),
    (["![Logo][l]", "", "[l]: https://example.dk/logo.png"], 2, "K18"),
    # K19: a heading inside a text
    (["", "# Overskrift"], 1, "K19"),
    (["", "### Overskrift"], 1, "K19"),
    (["", "Overskrift", "=========="], 1, "K19"),
    (["", "Overskrift", "---"], 1, "K19"),
]


def test_every_route_and_variant_is_refused_with_file_line_and_field(project):
    """All variants planted at once, one recommendation each: one load must report every one at its line."""
    expected = []
    for number, (lines, bad, code) in enumerate(ROUTES, start=900):
        entry_id = f"virksomhedspraktik-{number}"
        body = "\n".join(f"  {line}" if line else "" for line in lines)
        (project / f"catalogue/recommendations/{entry_id}.yml").write_text(
            REC_TEMPLATE.format(id=entry_id, body=body), encoding="utf-8")
        expected.append((f"catalogue/recommendations/{entry_id}.yml", FIRST_BODY_LINE + bad, code))
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project, with_dates=False)
    reported = str(raised.value).splitlines()
    for file, line, code in expected:
        assert_reported(reported, file, line, "text", code)
    ours = [entry for entry in reported if entry.endswith(("[K16]", "[K17]", "[K18]", "[K19]"))]
    assert len(ours) == len(ROUTES), "\n".join(ours)  # one report each
    html_too = [entry for entry in reported if entry.endswith("[K14]")]  # '<javascript:' also looks like HTML
    assert len(html_too) == sum("<" in "".join(lines) for lines, _, _ in ROUTES), "\n".join(html_too)


ALLOWED = ["Se [siden](https://example.dk/side?a=1#b \"Titel\"), skriv til [os](mailto:sygefravaer@example.dk) "
           "eller ring på [tlf.](tel:+4512345678).", "Se også [trappemodellen](../vaerktoejer/trappemodel.md#trin).",
           "Citat { .catalogue-quote }", "Et billede: ![Logo](../assets/logo.svg)", "- et punkt", "- et andet punkt",
           "", "1. første", "2. anden", "", "**Fed** og *kursiv*, kl. 10:30: møde. Kolon: fint i en blok."]


def test_what_an_editor_may_write_passes(project):
    relative = "catalogue/recommendations/virksomhedspraktik-1.yml"
    edit(project, relative, "  tilbagevenden, f.eks. gennem virksomhedspraktik.",
         "  tilbagevenden, f.eks. gennem virksomhedspraktik.\n\n" + "\n".join(f"  {line}" if line else "" for line in ALLOWED))
    edit(project, relative, "text: >-", "text: |-")
    result = catalogue(project, "validate")
    assert result.returncode == 0, result.stderr


def test_title_and_list_items_are_checked_too(project):
    tool = "catalogue/tools/analysepunkter.yml"
    edit(project, tool, "title: Eksempler til analysepunkter", "title: \"[Eksempler](javascript:alert(1))\"")
    edit(project, tool, "  - Hvad er sygefraværets struktur og årsager?",
         "  - Hvad er sygefraværets struktur og årsager? { onclick=\"alert(1)\" }")
    result = catalogue(project, "validate")
    text = (project / tool).read_text(encoding="utf-8")
    assert_reported(result.stderr.splitlines(), tool, line_of(text, "title:"), "title", "K16")
    assert_reported(result.stderr.splitlines(), tool, line_of(text, "onclick"), "items[0]", "K17")


def test_a_relative_link_must_lead_to_a_page_of_the_site(project):
    relative = "catalogue/recommendations/virksomhedspraktik-1.yml"
    edit(project, relative, "  tilbagevenden, f.eks. gennem virksomhedspraktik.",
         "  tilbagevenden, f.eks. gennem virksomhedspraktik. Se [model](../vaerktoejer/trappemodel.md) og\n"
         "  [skemaet](../vaerktoejer/findes-ikke.md#a).")
    result = catalogue(project, "validate")
    text = (project / relative).read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    assert_reported(lines, relative, line_of(text, "findes-ikke"), "text", "K20")
    assert "trappemodel.md" not in result.stderr and len([entry for entry in lines if "[K" in entry]) == 1


# ---------------------------------------------------------------- YAML slips and parser errors

TOOL = "catalogue/tools/analysepunkter.yml"
SECOND = "  - Hvilke holdninger er der til sygefravær blandt ledere og medarbejdere?"


def problems(project, relative, old, new) -> tuple[list[str], str]:
    edit(project, relative, old, new)
    text = (project / relative).read_text(encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project, with_dates=False)
    return str(raised.value).splitlines(), text


def test_an_indented_list_item_merged_into_the_one_above_is_refused(project):
    lines, text = problems(project, TOOL, SECOND, " " + SECOND)  # three spaces instead of two
    assert_reported(lines, TOOL, line_of(text, "   - Hvilke holdninger"), "items[0]", "K21")


def test_an_indented_item_in_a_plain_text_is_refused(project):
    relative = "catalogue/recommendations/virksomhedspraktik-1.yml"
    lines, text = problems(project, relative, "text: >-\n  Inddrag", "text: Inddrag\n  - tidligt\n  Inddrag")
    assert_reported(lines, relative, line_of(text, "  - tidligt"), "text", "K21")


@pytest.mark.parametrize("style", [">-", "|-", ">"])
def test_a_field_swallowed_by_a_block_text_is_refused(project, style):
    relative = "catalogue/recommendations/virksomhedspraktik-1.yml"
    text = (project / relative).read_text(encoding="utf-8").replace("text: >-", f"text: {style}")
    (project / relative).write_text(text, encoding="utf-8")
    lines, text = problems(project, relative, "area: virksomhedspraktik", "  area: virksomhedspraktik")
    assert_reported(lines, relative, line_of(text, "  area:"), "text", "K21")


def test_a_field_swallowed_by_a_plain_text_is_refused(project):
    relative = "catalogue/areas/virksomhedspraktik.yml"
    lines, text = problems(project, relative, "toc_title: Virksomhedspraktik", "toc_title: Virksomhedspraktik\n  strand:x")
    assert_reported(lines, relative, line_of(text, "  strand:x"), "toc_title", "K21")


def test_a_colon_in_a_list_item_is_named_as_such(project):
    lines, text = problems(project, TOOL, SECOND, "  - Husk: holdninger til sygefravær")
    assert_reported(lines, TOOL, line_of(text, "Husk:"), "items[1]", "K03")
    assert any("Sæt punktet i anførselstegn" in entry for entry in lines)
    assert not any("[K07]" in entry or "[K08]" in entry for entry in lines), lines  # not an 'unknown field'


def test_a_colon_in_a_text_gets_a_danish_fix(project):
    lines, text = problems(project, TOOL, "title: Eksempler til analysepunkter", "title: Eksempler: analysepunkter")
    assert_reported(lines, TOOL, line_of(text, "title: Eksempler:"), None, "K03")
    assert any('Sæt teksten i anførselstegn: title: "Eksempler: analysepunkter"' in entry for entry in lines), lines


def test_a_quote_left_open_points_at_its_opening_line_even_when_a_later_quote_closes_it(project):
    lines, text = problems(project, TOOL, "title: Eksempler til analysepunkter", 'title: "Eksempler til analysepunkter')
    # the next quote in the file (pages: "9", 12 lines down) closes it; libyaml fails there
    assert_reported(lines, TOOL, line_of(text, 'title: "'), None, "K03")
    assert any("anførselstegnet, der åbner teksten i denne linje, lukkes ikke" in entry for entry in lines), lines


@pytest.mark.parametrize("old, new, needle", [
    ("area: analyse", "  area: analyse", "  area: analyse"),  # a field indented under the one above
    (SECOND, SECOND[1:], SECOND[1:]),  # a list item one space too far out
])
def test_bad_indentation_gets_a_danish_message_at_its_line(project, old, new, needle):
    lines, text = problems(project, TOOL, old, new)
    assert_reported(lines, TOOL, line_of(text, needle), None, "K03")
    assert any("rykket" in entry and "mellemrum" in entry for entry in lines), lines
    assert not any(word in "\n".join(lines) for word in ("mapping", "expected", "block")), lines


def test_a_title_too_long_is_refused_in_danish(project):
    lines, text = problems(project, TOOL, "title: Eksempler til analysepunkter", "title: " + "Meget lang titel " * 10)
    assert_reported(lines, TOOL, line_of(text, "title: Meget"), "title", "K10")
    assert any("må højst være 120 tegn" in entry for entry in lines), lines


def test_the_real_titles_keep_room_under_their_maximum():
    """The limits leave a fifth of room above the longest title of the real catalogue."""
    schemas = read_schemas(ROOT / "catalogue/schema")
    real = load_catalogue(ROOT, with_dates=False)
    limited = 0
    for folder, name in KINDS.items():
        for field, prop in schemas[f"{name}.schema.json"].get("properties", {}).items():
            if "maxLength" in prop:
                limited += 1
                longest = max((len(entry[field]) for entry in real.entries[folder].values() if field in entry), default=0)
                assert 0 < longest <= prop["maxLength"] * 0.8, (name, field, longest)
    assert limited >= 9
