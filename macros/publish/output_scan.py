"""The build reads its own output before anyone else does.

Two checks over what a reader gets, run after every build (the MkDocs hook's on_post_build, so both
`mkdocs build --strict` and `catalogue build` fail) and by the tests over pages, search index and PDFs:

- unsafe markup: an event-handler attribute (`onclick=…`) or a script URL (`javascript:`, `vbscript:`,
  `data:text/html`) in the HTML that did not come from the theme. The loader refuses these in editor text
  (K16, K17); this is the second wall, for whatever reaches the HTML by another road.
- unrendered syntax: Markdown, attribute lists, icon shortcodes, Jinja, HTML entities or placeholders that
  reach the reader as text because nothing rendered them.
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from ..read.cache import Cache, key, source_of
from ..read.catalogue import PLACEHOLDER

# What a reader must never see as text. Each pattern names the kind of syntax; the scan reports the excerpt.
UNRENDERED = [
    ("attributliste", re.compile(r"\{:?[ \t]*(?:[.#][\w-]+|[\w:-]+=)[^{}\n]*\}")),
    ("ikon-kode", re.compile(r":(?:material|octicons|fontawesome|simple|twemoji)-[\w-]+:")),
    ("Jinja", re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")),
    ("Markdown-link", re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|\]\[[^\]\n]*\]|\*\[[^\]\n]+\]:")),
    ("Markdown-fremhævning", re.compile(r"\*\*[^*\s][^*\n]*\*\*|(?<!\w)__[^_\s][^_\n]*__(?!\w)")),
    ("Markdown-blok", re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+\S|!!!|\?\?\?\+?[ \t])")),
    ("HTML-kode som tekst", re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")),
    ("HTML-mærke som tekst", re.compile(r"</?(?:[a-zA-Z][\w-]*)(?:\s[^<>\n]*)?/?>")),
    ("pladsholder", re.compile(re.escape(PLACEHOLDER))),
]

# Attributes whose text a reader sees or hears (tooltips, image descriptions, screen readers).
SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}
NOT_SHOWN = {"script", "style", "template", "code", "pre", "noscript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
                  "cite", "longdesc", "usemap", "manifest", "ping", "lowsrc", "dynsrc"}
SCRIPT_URL = re.compile(r"^(?:(?:javascript|vbscript|livescript):|data:text/html)", re.I)
# The one script URL Material writes itself: the (unused here) share button of its search, partials/search.html.
THEME_SCRIPT_URLS = {("a", "href", "javascript:void(0)", "search-share")}


def _url_scheme_text(value: str) -> str:
    """The URL as a browser reads its scheme: entities decoded, control characters and spaces dropped."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.unsafe: list[str] = []
        self._hidden = 0
        self.line = 1

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag in NOT_SHOWN:
            self._hidden += 1
        if tag in ("p", "li", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "tr"):
            self.text.append("\n")
        if not self._hidden:
            self.text.extend(f"\n{value}\n" for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)
        if not self._hidden:
            self.text.extend(f"\n{value}\n" for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in NOT_SHOWN and self._hidden:
            self._hidden -= 1
        if tag in ("p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "tr"):
            self.text.append("\n")

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)

    def _check(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.unsafe.append(f"<{tag} {name}=…> i linje {line} (en hændelse, der kører et script)")
            elif name in URL_ATTRIBUTES and value and SCRIPT_URL.match(_url_scheme_text(value)):
                if (tag, name, value, values.get("data-md-component")) in THEME_SCRIPT_URLS:
                    continue
                self.unsafe.append(f"<{tag} {name}=\"{value[:40]}\"> i linje {line} (en adresse, der kører et script)")


def read_html(markup: str) -> tuple[str, list[str]]:
    """(visible text, unsafe markup found) of an HTML page or fragment."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return "".join(reader.text), reader.unsafe


def unrendered(text: str, placeholders: bool = True) -> list[str]:
    """Every piece of syntax in a reader's text that was never rendered, as 'kind: «excerpt»'."""
    found = []
    for name, pattern in UNRENDERED:
        if name == "pladsholder" and not placeholders:
            continue
        for match in pattern.finditer(text):
            found.append(f"{name}: «{match.group(0)[:60]}»")
    return found


def report(problems: list[str], places: int = 3) -> str:
    """Problems ('where: what') grouped by what they are: a leak in a template shows on every page at once."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        where, _, what = problem.partition(": ")
        if where not in grouped.setdefault(what, []):
            grouped[what].append(where)
    lines = []
    for what, wheres in grouped.items():
        more = f" og {len(wheres) - places} steder mere" if len(wheres) > places else ""
        lines.append(f"{what} — i {', '.join(wheres[:places])}{more}")
    return "\n".join(lines)


def scan_site(site_dir: Path | str, placeholders: bool = True, only: set[str] | None = None,
              cache: Cache | None = None) -> list[str]:
    """Every problem in a built site's HTML pages and search index, as 'path: what'. placeholders=False lets a
    placeholder of `catalogue new` pass: advice in `mkdocs serve`, stopped by `catalogue build` (W04). `only`: the
    pages (paths relative to the site) to read, and their search index entries; the rest was read before. With a
    cache, a page or index entry read before with the same bytes (and this code) is not parsed again."""
    site_dir = Path(site_dir)
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir).as_posix()
        if only is not None and relative not in only:
            continue
        problems += [f"{relative}: {what}" for what in _problems(page.read_text(encoding="utf-8"), placeholders, cache)]
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            if only is not None and _output_path(doc.get("location", "")) not in only:
                continue
            where = f"search/search_index.json ({doc.get('location', '')})"
            text = f"{doc.get('title', '')}\n{doc.get('text', '')}"
            problems += [f"{where}: {what}" for what in _problems(text, placeholders, cache)]
    return problems


def _problems(markup: str, placeholders: bool, cache: Cache | None) -> list[str]:
    def scan() -> list[str]:
        text, unsafe = read_html(markup)
        return unsafe + unrendered(text, placeholders)

    if cache is None:
        return scan()
    name = key(source_of(sys.modules[__name__]), PLACEHOLDER, str(placeholders), markup)
    return json.loads(cache.through("scan", name, lambda: json.dumps(scan()).encode("utf-8")))


def _output_path(location: str) -> str:
    """The page file a search index location points into ("x/#a" -> "x/index.html", "x.html#a" -> "x.html")."""
    page = location.split("#")[0]
    return page + "index.html" if page == "" or page.endswith("/") else page
