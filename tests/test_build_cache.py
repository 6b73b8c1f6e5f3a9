"""The build cache (.cache/ in the project): what it keeps is reused, what changed is done again, errors still show."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.read.cache import FOLDER
from macros.read.catalogue import CatalogueError, load_catalogue
from macros.render.site import Site


def made(project: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    site = Site(load_catalogue(project, with_dates=False), site_url="https://sygefravaer.example.dk/")
    return {page.path: page.markdown for page in site.pages()}, dict(site.download_files())


def test_a_second_build_takes_unchanged_work_from_the_cache_and_makes_the_same_files(project):
    pages, files = made(project)
    cache = project / FOLDER
    assert {folder.name for folder in cache.iterdir()} == {"checked", "qr", "downloads"}
    again = made(project)
    assert again == (pages, files)  # from the cache: byte for byte what was made

    # Reused, not remade: a QR code changed in the cache shows up in the next build's page.
    entry = next(path for path in (cache / "qr").rglob("*") if path.is_file())
    drawn = entry.read_text(encoding="utf-8")
    entry.write_text(drawn.replace("<svg ", '<svg data-from-cache="yes" ', 1), encoding="utf-8")
    assert any('data-from-cache="yes"' in markdown for markdown in made(project)[0].values())


def test_a_file_changed_after_it_passed_is_checked_again(project):
    load_catalogue(project, with_dates=False)  # every file passes and is remembered as passed
    area = sorted((project / "catalogue" / "areas").glob("*.yml"))[0]
    area.write_text(area.read_text(encoding="utf-8").replace("\nnumber: ", "\nnumber: x", 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project, with_dates=False)
    assert area.name in str(raised.value) and "number" in str(raised.value)


def test_the_cache_is_not_in_git_and_make_clean_removes_it():
    root = Path(__file__).resolve().parents[1]
    assert f"{FOLDER}/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    clean = next(line for line in (root / "Makefile").read_text(encoding="utf-8").splitlines() if line.startswith("\trm -rf"))
    assert FOLDER in clean.split()
