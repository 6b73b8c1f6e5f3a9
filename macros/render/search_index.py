"""Material's search index, made forgiving of the way people type Danish.

Material's search plugin writes search/search_index.json (title and text of every page and section); the
browser builds its lunr index from it. This module adds what the Danish query handling in
docs/assets/javascripts/workers/search-da.js looks in:

- `title_folded` and `folded`: the words of title and text whose folded form (see `fold`) differs from
  the word itself, folded. A reader who types `sygefravar` or `sygefravaer` finds `sygefravær`; words
  that fold to themselves are not repeated (the query looks in title and text for those).
- `synonyms`: the words people use for an entry, from its `synonyms` field in the catalogue (and their
  folded forms), on the entry's page or glossary section; indexed, never shown.
- the home page's question cards (catalogue/challenges/) as sections of index.html, since the home page
  itself is kept out of the index.

Nothing here needs MkDocs: it takes the parsed index and the catalogue and returns the new index.
"""

from __future__ import annotations

import functools
import html
import re

from macros.read.catalogue import Catalogue
from macros.render.paths import INDEX_PATHS, html_path, page_path

# Field boosts next to Material's own (title 1000, text 1, tags 1,000,000). A synonym weighs less than a
# word of the title, more than a word of the text.
EXTRA_FIELDS = {"title_folded": {"boost": 1000.0}, "folded": {"boost": 1.0}, "synonyms": {"boost": 100.0}}

# Pages an entry's synonyms are indexed on (the glossary's sections are handled apart).
SYNONYM_PAGES = ("areas", "tools", "guides", "roles")

# The same folding as fold() in search-da.js, in the same order: the Danish letters, typed as two letters
# or left out, meet in one form.
FOLDS = (("æ", "a"), ("ø", "o"), ("å", "a"), ("ae", "a"), ("oe", "o"), ("aa", "a"))

WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
CHALLENGE_ANCHOR = "udfordring-{id}"


@functools.lru_cache(maxsize=16384)  # words repeat: the index holds some 200,000 at 1,600 areas
def fold(word: str) -> str:
    word = word.lower()
    for letters, folded in FOLDS:
        word = word.replace(letters, folded)
    return word


@functools.lru_cache(maxsize=4096)  # a `make serve` rebuild folds again only the entries that changed
def folded_words(*texts: str) -> str:
    """The folded forms of the words that fold to something else, each once, space-separated."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in WORD.findall(html.unescape(TAG.sub(" ", text)).lower()):
            folded = fold(word)
            if folded != word:
                seen.setdefault(folded, None)
    return " ".join(seen)


def synonym_text(synonyms: list[str]) -> str:
    """Synonyms as typed by the editor, then the folded forms of their words."""
    plain = " ".join(synonyms)
    folded = folded_words(plain)
    return f"{plain} {folded}".strip()


def challenge_entries(catalogue: Catalogue) -> list[dict]:
    """The home page's question cards: one section of index.html each (its anchor is set on the card in
    fragments/challenges.md.j2), below an article entry for the home page that carries no text."""
    home = html_path(INDEX_PATHS["home"])
    entries = [{"location": home, "title": "Hvad vil I gerne blive bedre til?", "text": ""}]
    for challenge in catalogue.challenges.values():
        areas = [catalogue.areas[area_id] for area_id in challenge["areas"]]
        text = "".join(f"<p>{html.escape(area['toc_title'])}</p>" for area in areas)
        entry = {"location": f"{home}#{CHALLENGE_ANCHOR.format(id=challenge['id'])}",
                 "title": challenge["question"], "text": text}
        if challenge.get("synonyms"):
            entry["synonyms"] = synonym_text(challenge["synonyms"])
        entries.append(entry)
    return entries


def synonym_locations(catalogue: Catalogue) -> dict[str, list[str]]:
    """Index location -> the synonyms of the entry shown there."""
    out: dict[str, list[str]] = {}
    for kind in SYNONYM_PAGES:
        for entry_id, entry in getattr(catalogue, kind).items():
            if entry.get("synonyms"):
                out.setdefault(html_path(page_path(kind, entry_id)), []).extend(entry["synonyms"])
    glossary = html_path(INDEX_PATHS["terms"])
    for entry_id, entry in catalogue.terms.items():
        if entry.get("synonyms"):
            out.setdefault(f"{glossary}#{entry_id}", []).extend(entry["synonyms"])
    return out


def enrich(index: dict, catalogue: Catalogue) -> dict:
    """The search index with folded forms, synonyms and the question cards added (a new dict)."""
    docs = [dict(doc) for doc in index["docs"]]
    home = html_path(INDEX_PATHS["home"])
    if not any(doc["location"].split("#")[0] == home for doc in docs):
        docs = challenge_entries(catalogue) + docs
    synonyms = synonym_locations(catalogue)
    for doc in docs:
        title_folded = folded_words(doc["title"])
        text_folded = folded_words(doc["text"])
        if title_folded:
            doc["title_folded"] = title_folded
        if text_folded:
            doc["folded"] = text_folded
        if doc["location"] in synonyms:
            doc["synonyms"] = synonym_text(synonyms[doc["location"]])
    config = {**index["config"], "fields": {**index["config"]["fields"], **EXTRA_FIELDS}}
    return {**index, "config": config, "docs": docs}
