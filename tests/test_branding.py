"""Branding by configuration only: a second organisation's settings reach every page, with no template edit."""

from __future__ import annotations

import re

from conftest import build, released_pages

SECOND_BRAND = """INHERIT: mkdocs.yml
repo_url: https://git.example.org/aarhus/sygefravaer
extra:
  brand:
    organisation: Testby Kommune, HR og Arbejdsmiljø
    logo: assets/testby.svg
    primary: "#5a2d82"
    accent: "#00695c"
    email: arbejdsmiljoe@testby.dk
    accessibility_statement: https://www.was.digst.dk/testby-dk
"""


def test_a_second_branding_is_found_on_the_pages(project, tmp_path):
    (project / "mkdocs.testby.yml").write_text(SECOND_BRAND, encoding="utf-8")
    (project / "docs/assets/testby.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>', encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site, config="mkdocs.testby.yml")
    assert result.returncode == 0, result.stderr

    theme = (site / "stylesheets/theme.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #5a2d82" in theme and "--md-accent-fg-color: #00695c" in theme
    pages = [site / p for p in released_pages(site) if p != "404.html"]  # the editor is not branded
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Testby Kommune, HR og Arbejdsmiljø" in html, page
        assert 'href="mailto:arbejdsmiljoe@testby.dk"' in html, page
        assert re.search(r'<a href="https://www\.was\.digst\.dk/testby-dk"[^>]*>Tilgængelighedserklæring</a>', html), page
        assert "testby.svg" in html, page
        assert "Eksempel Kommune" not in html, page
    area = (site / "indsatsomraader/fast-track.html").read_text(encoding="utf-8")
    assert 'href="https://git.example.org/aarhus/sygefravaer/edit/main/catalogue/areas/fast-track.yml"' in area
