"""Files a reader downloads from a tool's page, made from the catalogue data at build time.

Editable Word files (DOCX) for tools to fill in (templates and agendas), and a
calendar file (iCalendar, RFC 5545) for annual wheels. Pure functions from a
tool and its imprint to bytes: no MkDocs, no clock. The same catalogue gives
byte-identical files (the dates inside come from the tool's version date).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

from .diagrams import MONTHS, items_of, periods, plain

# python-docx and icalendar are imported inside the functions that use them: a build that takes every file
# from the cache (see Site.download_files) does not pay the tenth of a second their import costs.

# Which kinds of tool get which download: suffix -> (kinds, link text on the tool page).
FORMATS = {
    "docx": ({"template", "agenda"}, "Hent som Word-fil"),
    "ics": ({"annual-wheel"}, "Hent som kalender (.ics)"),
}
FALLBACK_VERSION = "2024-01-01"  # when the tool's file has no git date (a copy outside git)
UID_DOMAIN = "sygefravaer-katalog"


@dataclass(frozen=True)
class Imprint:
    """What a download says about itself: where it comes from and which version it is."""

    kicker: str  # e.g. "Skabelon · Fra 4. Lokale handleplaner"
    source: str  # the source line, plain text
    version: str | None  # ISO date of the last change of the tool's file
    version_text: str | None  # the same date in Danish, e.g. "23. november 2026"


def formats_of(tool: dict) -> list[str]:
    return [suffix for suffix, (kinds, _) in FORMATS.items() if tool["kind"] in kinds]


def make(suffix: str, tool: dict, imprint: Imprint) -> bytes:
    return {"docx": tool_docx, "ics": tool_ics}[suffix](tool, imprint)


def _version_date(imprint: Imprint) -> datetime.date:
    return datetime.date.fromisoformat(imprint.version or FALLBACK_VERSION)


# ---------------------------------------------------------------- Word


def _set_language(document, language: str = "da-DK") -> None:
    """Danish spelling and hyphenation in Word for the text the reader types."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    run_properties.append(lang)


def _space_to_write(document, height_cm: float, label: str | None = None) -> None:
    """A framed box of at least the given height: a one-cell table the reader writes in."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    row = table.rows[0]
    row.height, row.height_rule = Cm(height_cm), WD_ROW_HEIGHT_RULE.AT_LEAST
    if label:
        row.cells[0].paragraphs[0].add_run(label).italic = True


def _column_widths(table, widths: list) -> None:
    """Fixed column widths, in the grid (LibreOffice reads these) and in every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _form_table(document, labels: list[str]) -> None:
    """Label/answer rows, e.g. Arbejdsplads, Dato."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm

    table = document.add_table(rows=len(labels), cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, labels):
        row.height, row.height_rule = Cm(0.9), WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].paragraphs[0].add_run(label).bold = True
    _column_widths(table, [Cm(4), Cm(13)])


def _zip_deterministic(data: bytes, when: datetime.date) -> bytes:
    """python-docx stamps every zip member with the clock; give them the version date instead."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def tool_docx(tool: dict, imprint: Imprint) -> bytes:
    """An editable Word file: title, guiding text and room to write; the source and version in the footer."""
    import docx
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm, Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)
    document.styles["Normal"].font.name = "Calibri"  # named, so tables and footers get it too, not a serif
    document.styles["Normal"].font.size = Pt(11)
    _set_language(document)

    version = _version_date(imprint)
    properties = document.core_properties
    properties.title = plain(tool["title"])
    properties.subject = imprint.kicker
    properties.author = properties.last_modified_by = ""
    properties.language = "da-DK"
    properties.revision = 1
    properties.created = properties.modified = datetime.datetime.combine(version, datetime.time())
    properties.comments = imprint.source

    kicker = document.add_paragraph(imprint.kicker)
    kicker.runs[0].font.size = Pt(9)
    document.add_heading(plain(tool["title"]), level=0)
    if "intro" in tool:
        document.add_paragraph(plain(tool["intro"]))

    if tool["kind"] == "agenda":
        _form_table(document, ["Dato", "Sted", "Deltagere", "Referent"])
        document.add_heading("Dagsorden", level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, ["Nr.", "Punkt", "Noter og aftaler"]):
            cell.paragraphs[0].add_run(heading).bold = True
        for number, item in enumerate(items_of(tool), 1):
            row = table.add_row()
            row.height, row.height_rule = Cm(2.2), WD_ROW_HEIGHT_RULE.AT_LEAST
            row.cells[0].text = f"{number}."
            point = row.cells[1].paragraphs[0]
            if item.label:
                point.add_run(item.label).bold = True
                point.add_run(" ")
            point.add_run(" ".join(filter(None, [item.text, *item.subitems])))
        _column_widths(table, [Cm(1.2), Cm(7.3), Cm(8.5)])
        document.add_paragraph()
        _form_table(document, ["Næste møde"])
    else:
        _form_table(document, ["Arbejdsplads", "Udfyldt af", "Dato"])
        for number, item in enumerate(items_of(tool), 1):
            heading = item.label or item.text
            document.add_heading(f"{number}. {heading}", level=1).paragraph_format.keep_with_next = True
            if item.label and item.text:
                guide = document.add_paragraph()
                guide.add_run(item.text).italic = True
                guide.paragraph_format.keep_with_next = True  # the guiding text stays with its box
            for sub in item.subitems:
                document.add_paragraph(sub, style="List Bullet").paragraph_format.keep_with_next = True
            _space_to_write(document, 3.2)
    if "outro" in tool:
        document.add_paragraph(plain(tool["outro"]))

    footer = section.footer.paragraphs[0]
    footer.text = f"Kilde: {imprint.source}" + (f" Version: {imprint.version_text}." if imprint.version_text else "")
    footer.runs[0].font.size = Pt(8)

    buffer = io.BytesIO()
    document.save(buffer)
    return _zip_deterministic(buffer.getvalue(), version)


# ---------------------------------------------------------------- calendar


def meetings(tool: dict) -> list[tuple[tuple[int, ...], list[str]]]:
    """(months, topics) of every period of an annual wheel that has topics (a meeting), in the wheel's order.
    Quiet periods ("Mødefri") and periods whose label names no month have no date and give no event."""
    return [(period.months, list(period.topics)) for period in periods(tool) if period.topics and period.months]


def month_span(months: tuple[int, ...]) -> tuple[int, int]:
    """First and last month of a period; a period over the new year ("December – januar") starts in December."""
    ordered = sorted(set(months))
    gaps = [index for index in range(1, len(ordered)) if ordered[index] - ordered[index - 1] > 1]
    if gaps and ordered[0] == 1 and ordered[-1] == 12:
        return ordered[gaps[-1]], ordered[gaps[-1] - 1]
    return ordered[0], ordered[-1]


def _first_of_next_month(year: int, month: int) -> datetime.date:
    return datetime.date(year + month // 12, month % 12 + 1, 1)


def tool_ics(tool: dict, imprint: Imprint) -> bytes:
    """One yearly, all-day event per meeting that spans the month(s) its period names: the source gives the
    month of a meeting, not its day, so an event on the first would put January's meeting on New Year's Day.
    UIDs come from the tool's id and the first month, so importing a newer file updates the events instead of
    adding copies."""
    import icalendar

    version = _version_date(imprint)
    stamp = datetime.datetime.combine(version, datetime.time(), tzinfo=datetime.timezone.utc)
    title = plain(tool["title"])
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{UID_DOMAIN}//{tool['id']}//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    for months, topics in meetings(tool):
        first, last = month_span(months)
        start = datetime.date(version.year, first, 1)
        when = " – ".join(MONTHS[month - 1] for month in months)
        event = icalendar.Event()
        event.add("uid", f"{tool['id']}-{first:02d}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", start)
        event.add("dtend", _first_of_next_month(version.year + (last < first), last))
        event.add("rrule", {"freq": "yearly"})
        event.add("transp", "TRANSPARENT")
        event.add("summary", f"{title}, {when}: {topics[0]}")  # the month's theme; every topic is in the description
        lines = [f"Møde i {when}. Kilden angiver måneden, ikke dagen: sæt selv mødet ind på en dag i måneden.",
                 "", "Emner:", *(f"- {topic}" for topic in topics), "", f"Kilde: {imprint.source}"]
        if imprint.version_text:
            lines.append(f"Version: {imprint.version_text}.")
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    return calendar.to_ical()
