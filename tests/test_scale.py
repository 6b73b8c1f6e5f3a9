"""A catalogue ten times the real one keeps a navigation of bounded sections (the page size and build cost per
page then stay flat; the figures are in bench/RESULTS.md), and its print edition still holds every page."""

from __future__ import annotations

import sys

import pytest

from macros.read.catalogue import load_catalogue
from macros.render.paths import html_path, page_path
from macros.render.printout import print_edition
from macros.render.site import NAV_SECTION_MAX, Site, danish_sort_key, nav_groups

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402  (the benchmark's generator of synthetic catalogues)


def sections(entries: list):
    """Every list of entries in a navigation, nested ones included."""
    yield entries
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from sections(value)


def leaves(entries: list) -> list[str]:
    return [value for section in sections(entries) for entry in section
            for value in ([next(iter(entry.values()))] if isinstance(entry, dict) else [entry])
            if isinstance(value, str)]


def items(count: int) -> list[tuple[str, str, str]]:
    return [(f"{n}. Område", f"indsatsomraader/a{n}.md", str(n)) for n in range(1, count + 1)]


def test_a_short_list_is_not_grouped():
    assert nav_groups(items(NAV_SECTION_MAX), "{}–{}".format) == [{f"{n}. Område": f"indsatsomraader/a{n}.md"}
                                                                 for n in range(1, NAV_SECTION_MAX + 1)]


@pytest.mark.parametrize("count", [NAV_SECTION_MAX + 1, 160, NAV_SECTION_MAX ** 2 + 1, 2101])
def test_a_long_list_is_split_into_named_groups_in_order(count):
    nav = nav_groups(items(count), "Områder {}–{}".format)
    assert all(len(section) <= NAV_SECTION_MAX for section in sections(nav))
    assert leaves(nav) == [path for _, path, _ in items(count)]
    first = next(iter(nav[0]))
    assert first.startswith("Områder 1–")
    assert next(iter(nav[-1])).endswith(f"–{count}")
    levels_of_groups = (count > NAV_SECTION_MAX) + (count > NAV_SECTION_MAX ** 2)
    assert {path.count("/") - 1 for path in _paths(nav)} == {levels_of_groups}  # every page equally deep


def _paths(entries: list, prefix: str = "") -> list[str]:
    """Every page as 'group/…/folder/page.md', to measure how deep the groups go."""
    out = []
    for entry in entries:
        (title, value), = entry.items()
        out += _paths(value, f"{prefix}{title}/") if isinstance(value, list) else [f"{prefix}{value}"]
    return out


def test_danish_alphabetical_order():
    assert sorted(["Årshjul", "Øvelse", "Ændring", "Zebra", "aftale"], key=danish_sort_key) == \
        ["aftale", "Zebra", "Ændring", "Øvelse", "Årshjul"]


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Site:
    project = tmp_path_factory.mktemp("scale") / "project"
    generate(160, project)
    return Site(load_catalogue(project, with_dates=False))


def test_the_real_navigation_has_no_groups():
    site = Site(load_catalogue(ROOT, with_dates=False))
    nav = site.nav(site.pages())
    assert all(isinstance(next(iter(entry.values())) if isinstance(entry, dict) else entry, str)
               for section in list(sections(nav))[1:] for entry in section)


def test_a_large_catalogue_has_bounded_sections_with_every_page_once(large):
    pages = large.pages()
    nav = large.nav(pages)
    assert all(len(section) <= NAV_SECTION_MAX for section in list(sections(nav))[1:])
    in_nav = leaves(nav)
    assert len(in_nav) == len(set(in_nav))
    wanted = {page_path("areas", a) for a in large.catalogue.areas} | {page_path("tools", t) for t in large.catalogue.tools}
    assert wanted <= set(in_nav)
    tools = next(entry["Værktøjer"] for entry in nav if isinstance(entry, dict) and "Værktøjer" in entry)
    groups = [next(iter(group)) for group in tools[1:]]
    assert len(groups) > 1 and all(" – " in name for name in groups), groups


def test_the_print_edition_of_a_large_catalogue_holds_every_area(large):
    chapters = {chapter.path for chapter in print_edition(large)}
    assert {html_path(page_path("areas", a)) for a in large.catalogue.areas} <= chapters
