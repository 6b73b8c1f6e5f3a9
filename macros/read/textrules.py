"""Rules for the Markdown an editor writes in a text field: what it may link to, what it may set, what it may hold.

The texts become HTML on every page that shows them, with no Content-Security-Policy on a file share or
`file://`. So a link may only go to http(s):, mailto:, tel: or a relative address (K16), an attribute list may
only set an allowed class (K17), images come from the site itself (K18), headings belong to the page, not to
a field (K19), and a relative link must lead to a page or file of the site (K20; checked by `catalogue validate`,
which knows the site's pages). The build's own output scan (macros/publish/output_scan.py) is the second wall.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

from .yamlfile import Document, Problem, field_name

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Classes an editor may give a paragraph with an attribute list ({ .catalogue-quote }); nothing else: no id,
# no style, no event handler, no other attribute.
ALLOWED_CLASSES = {"catalogue-quote", "page-kicker"}

REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*((?:[.#][^\s}]+|[^\s=}]+[ \t]*=)[^}\n]*)\}")
ATTRIBUTE_TOKEN = re.compile(r"""([.#])([^\s}]+)|([^\s=]+)[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s}]*)|(\S+)""")
HEADING = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]|$)|^(?=[^\n]*\S)(?![ ]{0,3}[-*+>]|\s*\d+[.)])[^\n]*\n[ ]{0,3}(=+|-{2,})[ \t]*$", re.M)
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def scheme_of(destination: str) -> str | None:
    """The scheme a browser would see in a link's destination, however it is disguised: Markdown escapes,
    HTML entities (&#x6A;, &colon;), percent-encoding, upper case, spaces and control characters."""
    text = MARKDOWN_ESCAPE.sub(r"\1", destination.strip("<>"))
    for _ in range(3):  # entities inside percent-encoding inside entities…
        text = unquote(html.unescape(text))
    text = re.sub(r"[\s\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+", "", text)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", text)
    return match.group(1).lower() if match else None


LINK_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$""")


def _inline_links(text: str):
    """(destination, excerpt, is_image) of every [text](destination "title"): everything up to the matching
    parenthesis, across lines too, for a browser drops a line break inside a URL ('java⏎script:')."""
    for match in re.finditer(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(", text):
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        inside = text[match.end(): end - 1 if not depth else end]
        yield LINK_TITLE.sub("", inside).strip(), text[match.start(): end], bool(match.group(1))


def destinations(text: str) -> list[tuple[str, str, bool]]:
    """(destination, excerpt to find its line, is_image) of every link and image in a Markdown text."""
    found = list(_inline_links(text))
    found += [(match.group(1), match.group(0), False) for match in REFERENCE_DEFINITION.finditer(text)]
    found += [(match.group(1), match.group(0), False) for match in AUTOLINK.finditer(text)]
    for reference in re.finditer(r"!\[[^\]\n]*\]\[([^\]\n]*)\]", text):  # ![alt][ref]: the image is the definition's
        label = re.escape(reference.group(1) or "")
        for definition in re.finditer(rf"^[ ]{{0,3}}\[{label}\]:[ \t]*(<[^<>\n]*>|\S+)", text, re.M | re.I):
            found.append((definition.group(1), definition.group(0), True))
    return found


def relative_target(destination: str) -> str | None:
    """The path part of a relative link ('../vaerktoejer/x.md#y' -> '../vaerktoejer/x.md'); None if not relative."""
    if scheme_of(destination) or destination.startswith(("#", "//")):
        return None
    path = unquote(urlsplit(destination.strip("<>").split()[0] if destination.strip("<>").split() else "").path)
    return path or None


def line_in_file(document: Document, path: tuple, excerpt: str) -> int:
    """The line in the file where excerpt stands, searched from the line where the field's value starts."""
    start = document.line_of(path)
    probe = excerpt.strip().splitlines()[0][:40] if excerpt.strip() else ""
    for number in range(start, len(document.lines) + 1):
        if probe and probe in document.lines[number - 1]:
            return number
    return start


def text_problems(file: str, document: Document, path: tuple, text: str) -> list[Problem]:
    """Every K16-K19 problem in one text field."""
    out: list[Problem] = []
    name = field_name(path)
    for destination, excerpt, is_image in destinations(text):
        line = line_in_file(document, path, excerpt)
        scheme = scheme_of(destination)
        if scheme and scheme not in ALLOWED_SCHEMES:
            out.append(Problem(file, line, "K16", f"linket går til '{scheme}:', som kan køre et program hos læseren. "
                               "Et link må kun gå til https://, http://, mailto:, tel: eller en side i kataloget.", name))
        elif is_image and (scheme or destination.strip("<>").startswith("//")):
            out.append(Problem(file, line, "K18", "billedet hentes fra en anden hjemmeside, som så ser hver læser, og "
                               "det mangler, når siden er på intranettet eller printes. Læg billedet i docs/assets/ "
                               "og henvis til det derfra.", name))
    for match in ATTRIBUTE_LIST.finditer(text):
        refused = []
        for token in ATTRIBUTE_TOKEN.finditer(match.group(1)):
            mark, value, key, other = token.groups()
            if mark == "." and value in ALLOWED_CLASSES:
                continue
            refused.append(token.group(0) if not key else f"{key}=…")
        if refused:
            allowed = ", ".join(f".{name_}" for name_ in sorted(ALLOWED_CLASSES))
            out.append(Problem(file, line_in_file(document, path, match.group(0)), "K17",
                               f"attributlisten {match.group(0)} sætter {', '.join(refused)}. I en tekst må en "
                               f"attributliste kun sætte en af klasserne {allowed}; slet resten.", name))
    for match in HEADING.finditer(text):
        excerpt = match.group(0).splitlines()[0]
        out.append(Problem(file, line_in_file(document, path, excerpt), "K19",
                           "teksten indeholder en overskrift (en linje, der starter med '#', eller en linje "
                           "understreget med '===' eller '---'). Overskrifterne laves af siden; skriv teksten som "
                           "almindelige afsnit, evt. med **fed** skrift.", name))
    return list(dict.fromkeys(out))  # <javascript:…> inside (…) is one link, reported once
