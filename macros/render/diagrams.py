"""Diagrams of tools as inline SVG, drawn from the catalogue data at build time.

One drawing per kind of tool (`DRAWERS`): a new tool of a drawn kind gets its
diagram with no code change. Plain string building with escaping; no MkDocs,
no browser. Text is wrapped to its box by an estimate of the glyph widths that
errs on the wide side (the larger of DejaVu Sans and Liberation Sans/Arial),
so it does not overflow in the fonts readers' systems fall back to.

One representation in view at a time: on screens at least 45em wide the drawing
is shown and the tool's items, laid out as text, are kept for screen readers and
search only; on narrower screens and in print the text is shown and the drawing
is not. So the drawing is `aria-hidden` and must carry every item's text (a
drawing that would leave text out is not made), set no smaller than MIN_SIZE
(at 45em the drawing is about 690 px wide: 13 units render at 12 CSS px or more).
Colours are `currentColor` and its tints, so the drawing follows the light and
dark palettes (quiet periods are hatched, not coloured).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

# ---------------------------------------------------------------- text

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]

# Advance widths in hundredths of an em: the larger of DejaVu Sans and Liberation Sans (Arial's metrics).
_GLYPHS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
           "ÆØÅæøåéÉüÜöÖäÄ–—…«»’“”")
_REGULAR = [32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            34, 34, 84, 84, 84, 56, 102, 68, 69, 72, 77, 67, 61, 78, 75, 29, 50, 67, 56, 86, 75, 79, 67, 79, 72, 67,
            61, 73, 68, 99, 69, 67, 69, 39, 34, 39, 84, 56, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97,
            63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84, 100, 79, 68, 98, 61, 61, 62, 67,
            63, 73, 61, 79, 61, 68, 56, 100, 100, 61, 61, 32, 52, 52]
_BOLD = [35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40,
         40, 84, 84, 84, 61, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 56, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81,
         77, 110, 77, 72, 73, 46, 37, 46, 84, 56, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72,
         72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84, 108, 85, 77, 105, 69, 67, 68, 68, 71, 81, 69, 85,
         67, 77, 56, 100, 100, 65, 65, 38, 66, 66]
_WIDTHS = {False: dict(zip(_GLYPHS, _REGULAR)), True: dict(zip(_GLYPHS, _BOLD))}


def plain(text: str) -> str:
    """Editors' Markdown as one line of plain text: links keep their words, emphasis marks go."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text))
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", text)
    text = text.replace("`", "")
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.M)  # bullets at line starts
    return " ".join(text.split())


def text_width(text: str, size: float, bold: bool = False) -> float:
    widths = _WIDTHS[bold]
    return sum(widths.get(char, 100) for char in text) * size / 100 * 1.03  # 3 % for kerning and hinting


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy line breaking at spaces; a word wider than the line is split with a hyphen."""
    lines: list[str] = []
    line = ""
    for word in plain(text).split(" "):
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and text_width(word, size, bold) > width:
            cut = 1
            while cut + 1 < len(word) and text_width(word[:cut + 1] + "-", size, bold) <= width:
                cut += 1
            cut = max(1, min(cut, len(word) - 3))  # leave more than a letter or two for the next line
            lines.append(word[:cut] + "-")
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


MIN_SIZE = 13  # the smallest text in a drawing, in its own units (720 across)


def font_size(texts: list[str], width: float, sizes: tuple[float, ...] = (15, 14, MIN_SIZE), bold: bool = False) -> float:
    """The largest size at which every word of the texts fits the width: one size for all the boxes of a
    drawing, and words split only when even the smallest size is too large."""
    words = [word for text in texts for word in plain(text).split()]
    for size in sizes:
        if all(text_width(word, size, bold) <= width for word in words):
            return size
    return sizes[-1]


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_lines(lines: list[str], x: float, y: float, size: float, *, anchor: str = "start", bold: bool = False,
               italic: bool = False) -> str:
    """A block of lines whose first baseline is at y."""
    line_height = size * 1.25
    style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
    spans = "".join(f'<tspan x="{_num(x)}" y="{_num(y + i * line_height)}">{esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text font-size="{_num(size)}" text-anchor="{anchor}" fill="currentColor"{style}>'
            f"{spans}</text>")


def block_height(lines: int, size: float) -> float:
    """Height of a block of lines (as text_lines sets them) from the top of the first to the bottom of the last."""
    return (lines - 1) * size * 1.25 + size * 1.2 if lines else 0


# ---------------------------------------------------------------- items


@dataclass(frozen=True)
class Item:
    label: str  # "" when the item has none
    text: str  # plain text, "" when none
    subitems: tuple[str, ...]


def items_of(tool: dict) -> list[Item]:
    out = []
    for item in tool["items"]:
        if isinstance(item, str):
            out.append(Item("", plain(item), ()))
        else:
            out.append(Item(plain(item.get("label", "")), plain(item.get("text", "")),
                            tuple(plain(sub) for sub in item.get("items", []))))
    return out


def months_in(label: str) -> list[int]:
    """The months (1-12) a Danish label names, e.g. 'Juni – juli – august' -> [6, 7, 8]."""
    words = re.findall(r"\w+", label.casefold())
    return [number for number, month in enumerate(MONTHS, 1) if month in words]


@dataclass(frozen=True)
class Period:
    label: str
    months: tuple[int, ...]  # empty when the label names no month
    headline: str  # what the wheel shows in the period's sector: its text and every topic
    topics: tuple[str, ...]  # the sub-items; none means a quiet period (no meeting)


def periods(tool: dict) -> list[Period]:
    """An annual wheel's periods in order."""
    out = []
    for item in items_of(tool):
        headline = " · ".join(filter(None, [item.text if item.label else "", *item.subitems])) or item.text
        out.append(Period(item.label or item.text, tuple(months_in(item.label)), headline, item.subitems))
    return out


# ---------------------------------------------------------------- svg frame


def _svg(tool: dict, width: float, height: float, summary: str, body: list[str]) -> str:
    """The drawing, hidden from screen readers: they read the same items as text on the page. The summary of
    its shape stays in <desc> for whoever reads the SVG itself."""
    return (f'<figure class="tool-diagram tool-diagram-{esc(tool["kind"])}" aria-hidden="true">'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
            f'focusable="false" class="tool-diagram-svg" data-diagram="{esc(tool["id"])}">'
            f'<title>{esc(plain(tool["title"]))}</title><desc>{esc(summary)}</desc>'
            + "".join(body) + "</svg></figure>")


def _rect(x, y, w, h, *, tint: float = 0.0, stroke: float = 1.5, radius: float = 6) -> str:
    fill = f'fill="currentColor" fill-opacity="{tint:.2f}"' if tint else 'fill="none"'
    return (f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="{_num(radius)}" {fill} '
            f'stroke="currentColor" stroke-width="{_num(stroke)}"/>')


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    """Clockwise from twelve o'clock, in radians."""
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


def _sector(cx, cy, inner, outer, start, end) -> str:
    large = 1 if end - start > math.pi else 0
    (x1, y1), (x2, y2) = _point(cx, cy, outer, start), _point(cx, cy, outer, end)
    (x3, y3), (x4, y4) = _point(cx, cy, inner, end), _point(cx, cy, inner, start)
    return (f"M{_num(x1)} {_num(y1)} A{_num(outer)} {_num(outer)} 0 {large} 1 {_num(x2)} {_num(y2)} "
            f"L{_num(x3)} {_num(y3)} A{_num(inner)} {_num(inner)} 0 {large} 0 {_num(x4)} {_num(y4)} Z")


def _hatch(pattern_id: str) -> str:
    return (f'<defs><pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="currentColor" '
            f'stroke-opacity="0.3" stroke-width="2"/></pattern></defs>')


# ---------------------------------------------------------------- annual wheel

WHEEL = 720
HUB, RING, RIM = 104, 296, 346  # radii: the hub with the title, the topics' ring, the months' rim


def _radial_fit(headline: str, span: float, size: float) -> tuple[list[str], float] | None:
    """Lines that fit along the bisector of a sector of the ring, and the radius they start at (the sector
    narrows towards the hub, so a taller block of lines starts further out)."""
    lines: list[str] = [headline]
    for _ in range(8):
        half = block_height(len(lines), size) / 2 + 4
        start = HUB + 10 if span >= math.pi else max(HUB + 10, half / math.tan(span / 2))
        end = math.sqrt(max(0.0, (RING - 10) ** 2 - half ** 2))
        if end - start < size * 4:
            return None
        rewrapped = wrap(headline, end - start, size)
        if len(rewrapped) <= len(lines):
            return rewrapped, start
        lines = rewrapped
    return None


def annual_wheel(tool: dict) -> str:
    centre = WHEEL / 2
    parts = periods(tool)
    by_month = all(p.months for p in parts)
    pattern = f"diagram-{tool['id']}-quiet"
    body = [_hatch(pattern)]
    spans = []
    for index, period in enumerate(parts):
        if by_month:
            spans.append(((min(period.months) - 1) * math.tau / 12, max(period.months) * math.tau / 12))
        else:
            spans.append((index * math.tau / len(parts), (index + 1) * math.tau / len(parts)))
    for index, (period, (start, end)) in enumerate(zip(parts, spans)):
        quiet = not period.topics
        fill = f'fill="url(#{pattern})"' if quiet else f'fill="currentColor" fill-opacity="{0.05 + 0.07 * (index % 2):.2f}"'
        body.append(f'<path d="{_sector(centre, centre, HUB, RING, start, end)}" {fill} stroke="currentColor" '
                    f'stroke-width="1.5"/>')
        middle = (start + end) / 2
        fit = None
        for size in (15, 14, MIN_SIZE):
            fit = _radial_fit(period.headline, end - start, size)
            if fit:
                break
        if not fit:
            return None  # the period's text does not fit its sector: the items are shown as text instead
        lines, inner = fit
        degrees = math.degrees(middle)
        left = math.pi < middle < math.tau
        rotate = degrees + 90 if left else degrees - 90
        top = -block_height(len(lines), size) / 2 + size * 0.95
        body.append(f'<g transform="translate({_num(centre)} {_num(centre)}) rotate({_num(rotate)})">'
                    + text_lines(lines, -inner if left else inner, top, size, anchor="end" if left else "start",
                                 italic=quiet) + "</g>")
    # The rim: twelve months, or the periods' own labels when they name no months.
    rim = ([(MONTHS[m].capitalize(), m * math.tau / 12, (m + 1) * math.tau / 12) for m in range(12)] if by_month
           else [(p.label, s, e) for p, (s, e) in zip(parts, spans)])
    for label, start, end in rim:
        body.append(f'<path d="{_sector(centre, centre, RING, RIM, start, end)}" fill="currentColor" '
                    f'fill-opacity="0.14" stroke="currentColor" stroke-width="1.5"/>')
        middle = (start + end) / 2
        size = 14
        radius = (RING + RIM) / 2
        room = 2 * (radius - 10) * math.sin(min(math.pi / 2, (end - start) / 2)) - 12
        while size > MIN_SIZE and text_width(label, size, bold=True) > room:
            size -= 1
        degrees = math.degrees(middle)
        upside_down = math.pi / 2 < middle < 3 * math.pi / 2
        x, y = _point(centre, centre, radius, middle)
        turn = degrees + 180 if upside_down else degrees
        body.append(f'<g transform="translate({_num(x)} {_num(y)}) rotate({_num(turn)})">'
                    + text_lines(wrap(label, room, size, bold=True)[:1], 0, size * 0.35, size, anchor="middle",
                                 bold=True) + "</g>")
    title = plain(tool["title"]).split(" – ")[0]
    size = 20
    lines = wrap(title, HUB * 1.6, size, bold=True)
    body.append(f'<circle cx="{_num(centre)}" cy="{_num(centre)}" r="{HUB}" fill="none" stroke="currentColor" '
                f'stroke-width="2"/>')
    body.append(text_lines(lines, centre, centre - block_height(len(lines), size) / 2 + size * 0.95, size,
                           anchor="middle", bold=True))
    meetings = sum(1 for p in parts if p.topics)
    summary = f"Årshjul i {len(parts)} perioder med emner til {meetings} møder; skraverede perioder er uden møde."
    return _svg(tool, WHEEL, WHEEL, summary, body)


# ---------------------------------------------------------------- timeline

WIDTH = 720


def timeline(tool: dict) -> str:
    axis, label_right, text_left, right = 150, 134, 172, WIDTH - 12
    size, gap = 14, 16
    body = []
    y = 16
    markers = []  # (centre, radius): the axis runs between them, so an open circle stays open
    for item in items_of(tool):
        label_lines = wrap(item.label, label_right - 12, size, bold=True) if item.label else []
        text = [*wrap(item.text, right - text_left, size)]
        for sub in item.subitems:
            text += wrap("– " + sub, right - text_left, size)
        height = block_height(max(len(label_lines), len(text), 1), size)
        baseline = y + size * 0.95
        centre_y = y + size * 0.6
        if item.label:
            body.append(text_lines(label_lines, label_right, baseline, size, anchor="end", bold=True))
            body.append(f'<circle cx="{axis}" cy="{_num(centre_y)}" r="8" fill="currentColor"/>')
            markers.append((centre_y, 8))
        else:
            body.append(f'<circle cx="{axis}" cy="{_num(centre_y)}" r="6" fill="none" stroke="currentColor" '
                        f'stroke-width="2"/>')
            markers.append((centre_y, 7))
        body.append(text_lines(text, text_left, baseline, size))
        y += height + gap
    height = y + 20
    ends = markers + [(height - 6, 0)]
    body.insert(0, "".join(f'<line x1="{axis}" y1="{_num(top + r1)}" x2="{axis}" y2="{_num(bottom - r2)}" '
                           f'stroke="currentColor" stroke-width="3"/>'
                           for (top, r1), (bottom, r2) in zip(ends, ends[1:]))
                   + f'<path d="M{axis - 8} {_num(height - 20)} L{axis} {_num(height - 6)} L{axis + 8} {_num(height - 20)}" '
                   f'fill="none" stroke="currentColor" stroke-width="3"/>')
    labelled = sum(1 for item in items_of(tool) if item.label)
    summary = (f"Tidslinje oppefra og ned med {len(tool['items'])} punkter: {labelled} milepæle med en overskrift "
               "(fyldt cirkel) og handlinger undervejs (åben cirkel).")
    return _svg(tool, WIDTH, height, summary, body)


# ---------------------------------------------------------------- step model


def step_model(tool: dict) -> str:
    items = items_of(tool)
    count = len(items)
    gap, rise, pad = 6, 40, 10
    column = (WIDTH - 2 - gap * (count - 1)) / count
    size = font_size([" ".join(filter(None, [i.text, *i.subitems])) for i in items], column - 2 * pad)
    label_size = font_size([i.label for i in items], column - 2 * pad, (16, 15, 14, MIN_SIZE), bold=True)
    contents = []
    for number, item in enumerate(items, 1):
        label = wrap(item.label or f"Trin {number}", column - 2 * pad, label_size, bold=True)
        text = wrap(" ".join(filter(None, [item.text, *item.subitems])), column - 2 * pad, size)
        contents.append((label, text))
    needed = [pad + block_height(len(l), label_size) + 8 + block_height(len(t), size) + pad for l, t in contents]
    base = max(n - i * rise for i, n in enumerate(needed))
    tallest = base + (count - 1) * rise
    ground = tallest + 2
    body = []
    for index, (label, text) in enumerate(contents):
        x = 1 + index * (column + gap)
        height = base + index * rise
        top = ground - height
        body.append(_rect(x, top, column, height, tint=0.05 + 0.15 * index / max(1, count - 1), radius=3))
        body.append(text_lines(label, x + pad, top + pad + label_size * 0.95, label_size, bold=True))
        body.append(text_lines(text, x + pad, top + pad + block_height(len(label), label_size) + 8 + size * 0.95,
                               size))
    summary = f"Trappe med {count} trin, der stiger fra venstre mod højre."
    return _svg(tool, WIDTH, ground + 2, summary, body)


# ---------------------------------------------------------------- priority card


def priority_card(tool: dict) -> str:
    items = items_of(tool)
    count = len(items)
    gap, pad = 12, 12
    column = (WIDTH - 2 - gap * (count - 1)) / count
    inner = column - 2 * pad
    size = font_size([" ".join([i.text, *i.subitems]) for i in items], inner - 16)
    label_size = font_size([i.label or i.text for i in items], inner, (15, 14, MIN_SIZE), bold=True)
    columns = []
    for item in items:
        label = wrap(item.label or item.text, inner, label_size, bold=True)
        lead = wrap(item.text, inner, size) if item.label and item.text else []
        bullets = [wrap(sub, inner - 16, size) for sub in item.subitems]
        columns.append((label, lead, bullets))
    header = max(pad * 2 + block_height(len(label), label_size) for label, _, _ in columns)
    line = size * 1.25
    bodies = [block_height(len(lead), size) + (8 if lead else 0) + sum(len(b) * line + 6 for b in bullets)
              for _, lead, bullets in columns]
    height = header + max(bodies) + 2 * pad + 2
    body = []
    for index, (label, lead, bullets) in enumerate(columns):
        x = 1 + index * (column + gap)
        body.append(_rect(x, 1, column, height - 2, radius=6))
        body.append(f'<path d="M{_num(x)} {_num(header)} V7 a6 6 0 0 1 6 -6 H{_num(x + column - 6)} '
                    f'a6 6 0 0 1 6 6 V{_num(header)} Z" fill="currentColor" '
                    f'fill-opacity="{0.06 + 0.16 * index / max(1, count - 1):.2f}" stroke="currentColor" '
                    f'stroke-width="1.5"/>')
        body.append(text_lines(label, x + pad, 1 + pad + label_size * 0.95, label_size, bold=True))
        y = header + pad + size * 0.95
        if lead:
            body.append(text_lines(lead, x + pad, y, size, italic=True))
            y += block_height(len(lead), size) + 8
        for bullet in bullets:
            body.append(f'<circle cx="{_num(x + pad + 4)}" cy="{_num(y - size * 0.32)}" r="3" fill="currentColor"/>')
            body.append(text_lines(bullet, x + pad + 16, y, size))
            y += len(bullet) * line + 6
    summary = f"Prioriteringskort i {count} kolonner fra venstre mod højre, én for hver situation."
    return _svg(tool, WIDTH, height, summary, body)


# ---------------------------------------------------------------- house


def house(tool: dict) -> str:
    """A model drawn as a house: the short title in the roof, the items as rooms, three to a floor from the top;
    the rooms of a floor with fewer share its width."""
    items = items_of(tool)
    names = [" ".join(filter(None, [item.label, item.text, *item.subitems])) for item in items]
    left, right, pad = 40, WIDTH - 40, 10
    floors = [names[i:i + 3] for i in range(0, len(names), 3)]
    size = min(font_size(floor, (right - left) / len(floor) - 2 * pad) for floor in floors)
    roof_top, roof_bottom = 8, 150
    body = [f'<path d="M8 {roof_bottom} L{WIDTH / 2} {roof_top} L{WIDTH - 8} {roof_bottom} Z" fill="currentColor" '
            f'fill-opacity="0.14" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"/>']
    title = plain(tool["title"]).split(" – ")[0]
    title_lines = wrap(title, (WIDTH - 16) * 0.45, 24, bold=True)
    body.append(text_lines(title_lines, WIDTH / 2, roof_bottom - 18 - block_height(len(title_lines), 24) + 24 * 0.95,
                           24, anchor="middle", bold=True))
    y = roof_bottom
    for floor in floors:
        width = (right - left) / len(floor)
        wrapped = [wrap(name, width - 2 * pad, size) for name in floor]
        height = max(56, max(block_height(len(lines), size) for lines in wrapped) + 2 * pad)
        for index, lines in enumerate(wrapped):
            x = left + index * width
            body.append(_rect(x, y, width, height, radius=0, stroke=2))
            body.append(text_lines(lines, x + width / 2, y + (height - block_height(len(lines), size)) / 2 + size * 0.95,
                                   size, anchor="middle"))
        y += height
    body.append(f'<line x1="8" y1="{_num(y + 1)}" x2="{WIDTH - 8}" y2="{_num(y + 1)}" stroke="currentColor" '
                f'stroke-width="4"/>')
    summary = f"Model tegnet som et hus med {len(names)} elementer, tre i hver etage, læst fra toppen."
    return _svg(tool, WIDTH, y + 4, summary, body)


# ---------------------------------------------------------------- dispatch

DRAWERS = {
    "annual-wheel": annual_wheel,
    "timeline": timeline,
    "step-model": step_model,
    "priority-card": priority_card,
    "diagram": house,
}


def diagram_svg(tool: dict) -> str | None:
    """The tool's diagram as an inline-SVG <figure>, or None when its kind is not drawn or its text does not fit."""
    drawer = DRAWERS.get(tool["kind"])
    return drawer(tool) if drawer else None
