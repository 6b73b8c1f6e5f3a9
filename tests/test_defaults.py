"""Honest defaults: the shipped mkdocs.yml names no address it does not own. Built as shipped, no page or PDF
carries an example address or a QR code of one, and no page an edit pencil; `catalogue dist` warns loudly when
site_url, repo_url or the contact e-mail hold an example address."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from conftest import BUILD_ENV, REPOSITORY, ROOT, pdf_text

# RFC 2606 example domains and the documentation's github.com/example/… in any spelling a page or PDF may hold.
EXAMPLE = re.compile(r"example\.(dk|com|org|net)|github\.com/example", re.I)
PENCIL = re.compile(r'<a [^>]*class="md-content__button md-icon"[^>]*>')


def shipped_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_shipped_config_leaves_addresses_unset():
    config = shipped_config()
    assert "site_url" not in config and "repo_url" not in config
    assert "email" not in config["extra"]["brand"]
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "# site_url:" in text and "# repo_url:" in text  # commented, with what setting them does


def test_shipped_build_names_no_example_address_and_has_no_pencil(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not EXAMPLE.search(html), f"{page}: {EXAMPLE.search(html).group(0)}"
        assert not PENCIL.search(html), page
        assert 'class="md-source"' not in html, page  # no repository link in the header either
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert len(pdfs) > 20
    for pdf in pdfs:
        text = pdf_text(pdf)
        assert not EXAMPLE.search(re.sub(r"\s", "", text)), pdf
        assert "Online-udgave" not in text, pdf  # neither the address nor the QR code beside it
    tool_page = (built_site / "vaerktoejer/handleplan.html").read_text(encoding="utf-8")
    assert "print-address" not in tool_page and "qr-code" not in tool_page


def test_with_repo_url_set_every_catalogue_page_has_its_pencil(addressed_site):
    area = (addressed_site / "indsatsomraader/fast-track.html").read_text(encoding="utf-8")
    pencil = PENCIL.search(area)
    assert pencil and f'href="{REPOSITORY}/edit/main/catalogue/areas/fast-track.yml"' in pencil.group(0)


def dist(project) -> subprocess.CompletedProcess:
    env = {key: value for key, value in BUILD_ENV.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "dist", "--site-dir",
                           str(project / "site"), "--out", str(project / "dist")],
                          cwd=project, env=env, capture_output=True, text=True)


def test_dist_warns_loudly_about_example_addresses(project):
    """The copy has no git history, so dist stops before building: the warning comes first, before the long build."""
    assert "ADVARSEL" not in dist(project).stderr  # the shipped defaults: nothing to warn about
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://sygefravaer.example.dk/\nrepo_url: https://github.com/example/katalog\n"
                      + config.read_text(encoding="utf-8").replace("# email:", "email: sygefravaer@kommune.dk"), encoding="utf-8")
    stderr = dist(project).stderr
    assert stderr.count("ADVARSEL") >= 8
    for line in ("site_url: https://sygefravaer.example.dk/", "repo_url: https://github.com/example/katalog"):
        assert f"  {line}\n" in stderr
    assert "extra.brand.email" not in stderr  # sygefravaer@kommune.dk is not an example address
