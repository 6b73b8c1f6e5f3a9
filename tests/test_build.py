"""The site is built from the YAML: strictly, with no stub files, and a failed build never replaces the last good one."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from macros.read.catalogue import load_catalogue
from macros.render.site import PARTS

from conftest import BUILD_ENV, ROOT, build


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_area_16_page_has_every_part(built_site):
    html = (built_site / "indsatsomraader/virksomhedspraktik.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert "<h1" in html and "Virksomhedspraktik som første skridt til tilbagevenden" in text
    headings = re.findall(r"<h2[^>]*>(.*?)<a", html)
    expected = [heading for _, heading in PARTS] + ["Anbefalinger fra kommunerne", "Se også"]
    assert headings == expected
    assert "Aftale om virksomhedspraktik" not in text  # the tool's steps live on the tool's own page…
    assert "Trappemodel for gradvis tilbagevenden" in text  # …linked from a card
    assert "Inddrag jobcentret tidligt i sygefraværssamtalerne" in text
    assert "Kilde:" in text and "s. 64–65" in text


def test_no_stub_files_for_entries():
    assert not list((ROOT / "docs").rglob("*.md")), "catalogue pages must come from the YAML, not from files in docs/"


def test_navigation_comes_from_the_data(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Kerneelement 4: Brug af gradvis tilbagevenden med iboende progression" in html
    assert 'href="indsatsomraader/virksomhedspraktik.html"' in html


def test_glossary_terms_are_explained_on_hover_on_every_page(built_site):
    catalogue = load_catalogue(ROOT, with_dates=False)
    trio = catalogue.terms["trio"]
    html = (built_site / "indsatsomraader/trio-samarbejde.html").read_text(encoding="utf-8")
    explained = re.findall(r'<abbr title="([^"]+)">(TRIO[^<]*)</abbr>', html)
    opening = " ".join(trio["definition"].split()[:5])  # "En TRIO består i udgangspunktet"
    assert explained and all(title.startswith(opening) for title, _ in explained), explained[:3]
    for page in built_site.rglob("*.html"):
        assert "*[" not in text_of(page.read_text(encoding="utf-8")), page  # no definition is left as text


def site_fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def catalogue_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "build", "--site-dir", "site"],
                          cwd=project, env=BUILD_ENV, capture_output=True, text=True)


def test_failed_build_keeps_the_previous_site(project):
    first = catalogue_build(project)
    assert first.returncode == 0, first.stderr
    before = site_fingerprint(project / "site")

    area = project / "catalogue/areas/virksomhedspraktik.yml"
    area.write_text(area.read_text(encoding="utf-8").replace("number: 16", "number: no"), encoding="utf-8")
    refused = catalogue_build(project)
    assert refused.returncode != 0
    assert "catalogue/areas/virksomhedspraktik.yml:" in refused.stderr and "field 'number'" in refused.stderr
    assert site_fingerprint(project / "site") == before

    # A mistake only MkDocs sees (an unknown macro in a prose page) is refused too, by strict macros.
    area.write_text(area.read_text(encoding="utf-8").replace("number: no", "number: 16"), encoding="utf-8")
    (project / "content/index.md").write_text("---\ntitle: Forside\n---\n{{ no_such_macro() }}\n", encoding="utf-8")
    broken = catalogue_build(project)
    assert broken.returncode != 0
    assert site_fingerprint(project / "site") == before
    assert not list(project.glob(".site*")), "the staging folder of a failed build is cleaned up"


def test_adding_an_area_is_adding_one_file(project, tmp_path):
    area = (project / "catalogue/areas/virksomhedspraktik.yml").read_text(encoding="utf-8")
    (project / "catalogue/areas/proeveomraade.yml").write_text(
        area.replace("id: virksomhedspraktik", "id: proeveomraade").replace("number: 16", "number: 99")
        .replace("toc_title: Virksomhedspraktik", "toc_title: Prøveområde"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/indsatsomraader/proeveomraade.html").read_text(encoding="utf-8")
    assert "99. Prøveområde" in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "<h1" in page


def test_properdocs_builds_the_same_site(tmp_path, built_site):
    """The exit path: ProperDocs, the maintained fork of MkDocs 1.6, builds the site unchanged."""
    result = build(ROOT, tmp_path / "site", tool="properdocs")
    assert result.returncode == 0, result.stderr
    ours = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html"))
    theirs = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert ours == theirs
    assert "Hvad er den bærende idé?" in (tmp_path / "site/indsatsomraader/virksomhedspraktik.html").read_text(encoding="utf-8")
