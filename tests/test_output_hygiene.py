"""What a reader gets (every page's visible text, the search index, every PDF) carries no markup left unrendered
and no script the theme did not write; the build refuses its own output when it does."""

from __future__ import annotations

import json

import pytest

from macros.publish.output_scan import read_html, scan_site, unrendered

from conftest import build, pdf_text
from test_cli import catalogue, edit


def test_nothing_unrendered_or_unsafe_reaches_a_reader(built_site):
    pages = list(built_site.rglob("*.html"))
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert len(pages) > 50 and len(docs) > 200 and len(pdfs) > 20  # the scan has something to read
    assert scan_site(built_site) == []  # every page's visible text and attributes, and the search index
    texts = {pdf.relative_to(built_site).as_posix(): pdf_text(pdf) for pdf in pdfs}
    assert all(len(text) > 100 for text in texts.values())  # the PDFs' text can be read
    assert "Åbn og print" in texts["pdf/katalog.pdf"]  # where the icon code leaked into the whole catalogue
    assert [f"{pdf}: {what}" for pdf, text in texts.items() for what in unrendered(text)] == []


def test_the_fixed_leaks_read_as_intended(built_site):
    """Where the two leaks were, the reader now gets what was meant: a styled metadata line and a print icon."""
    html = (built_site / "roller/hr.html").read_text(encoding="utf-8")
    assert html.count('<p class="rec-meta">') == html.count('data-plan-rec="') > 0
    area = (built_site / "indsatsomraader/onboarding.html").read_text(encoding="utf-8")
    assert '<a class="tool-print-link"' in area and 'class="twemoji" aria-hidden="true"><svg' in area


# (HTML a reader might get, the kind of leak the scan must name)
LEAKS = [
    ('<p>For: HR{ .rec-meta }</p>', "attributliste"),
    ('<p>Tekst</p><p>{: #anker }</p>', "attributliste"),
    ('<p>Tekst { data-plan-rec="x" }</p>', "attributliste"),
    ('<p><a href="x.html">Åbn og print :material-printer:</a></p>', "ikon-kode"),
    ('<p>Se :octicons-download-16: her</p>', "ikon-kode"),
    ('<p>:fontawesome-solid-print:</p>', "ikon-kode"),
    ('<p>Hej {{ navn }}</p>', "Jinja"),
    ('<p>{% if x %}ja{% endif %}</p>', "Jinja"),
    ('<p>{# note #}</p>', "Jinja"),
    ('<p>Se [vejledningen](../implementering/index.md)</p>', "Markdown-link"),
    ('<p>Se ![logo](logo.png)</p>', "Markdown-link"),
    ('<p>Se [vejledningen][ref]</p>', "Markdown-link"),
    ('<p>*[TRIO]: Leder, tillidsrepræsentant og arbejdsmiljørepræsentant</p>', "Markdown-link"),
    ('<p>Det er **vigtigt** at huske</p>', "Markdown-fremhævning"),
    ('<p>Det er __vigtigt__ at huske</p>', "Markdown-fremhævning"),
    ('<p>## Overskrift</p>', "Markdown-blok"),
    ('<p>!!! note "Bemærk"</p>', "Markdown-blok"),
    ('<p>Ledelse &amp;amp; trivsel</p>', "HTML-kode som tekst"),
    ('<p>Ledelse &amp;#8211; trivsel</p>', "HTML-kode som tekst"),
    ('<p>&lt;div markdown&gt;</p>', "HTML-mærke som tekst"),
    ('<p>UDFYLD: titel</p>', "pladsholder"),
    ('<abbr title="Se **her**">TRIO</abbr>', "Markdown-fremhævning"),  # a tooltip is read too
    ('<img alt="Logo { .stor }" src="logo.png">', "attributliste"),
]


@pytest.mark.parametrize("markup, kind", LEAKS, ids=[kind + str(i) for i, (_, kind) in enumerate(LEAKS)])
def test_the_scan_names_each_kind_of_leak(markup, kind):
    text, _ = read_html(f"<html><body><article>{markup}</article></body></html>")
    assert any(found.startswith(kind + ":") for found in unrendered(text)), (text, unrendered(text))


CLEAN = [
    "<p><strong>Vigtigt</strong> og <em>kursiv</em>, kl. 10:30: møde; 3 * 4 = 12; 2 &lt; 3; R&amp;D; snake_case</p>",
    '<p><a href="https://example.dk/a_(b)">Link</a> {med tuborg}, [1], (se s. 4), #1 i køen, 100 %</p>',
    "<pre><code>{{ kode }} **som kode**</code></pre><script>var a = {b: 1}; // {{ x }}</script>",
    '<h2 id="x">Overskrift<a class="headerlink" href="#x" title="Link til dette afsnit">¶</a></h2>',
]


@pytest.mark.parametrize("markup", CLEAN)
def test_the_scan_leaves_rendered_text_alone(markup):
    text, unsafe = read_html(markup)
    assert unrendered(text) == [] and unsafe == []


UNSAFE = [
    '<a href="#" onclick="alert(1)">x</a>',
    '<div ONMOUSEOVER="alert(1)">x</div>',
    '<img src="x.png" onerror="alert(1)">',
    '<svg><circle onload="alert(1)"/></svg>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JavaScript:alert(1)">x</a>',
    '<a href="  java\tscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="data:text/html;base64,PHNjcmlwdD4="></iframe>',
    '<form action="javascript:alert(1)"></form>',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<a href="javascript:void(0)" data-md-component="search-result">x</a>',  # the theme's URL on another element
]


@pytest.mark.parametrize("markup", UNSAFE)
def test_the_scan_finds_every_handler_and_script_url(markup):
    _, unsafe = read_html(markup)
    assert len(unsafe) == 1, unsafe


def test_the_scan_allows_what_the_theme_writes():
    """Material's search share button (partials/search.html) is the one script URL the theme itself writes."""
    _, unsafe = read_html('<a href="javascript:void(0)" class="md-search__icon md-icon" title="Del" '
                          'data-clipboard data-md-component="search-share" tabindex="-1"></a>'
                          '<script src="javascripts/explorer.js"></script><a href="data:image/png;base64,AA">x</a>')
    assert unsafe == []


def test_the_known_leaks_and_a_planted_handler_fail_the_build(project, tmp_path):
    """Put the two fixed leaks back and hand-write a handler into a page: `mkdocs build --strict` and
    `catalogue build` both refuse the output and name each problem."""
    macros = "macros/render/templates/_macros.j2"
    edit(project, macros, "{% endif +%}\n{ .rec-meta }", "{% endif %}\n{ .rec-meta }")
    edit(project, macros, "[Åbn og print {{ icon('printer') }}]", "[Åbn og print :material-printer:]")
    edit(project, "content/om-kataloget.md", "\n## ", '\n<a href="#" onclick="alert(1)">Klik</a> '
                                                      '[Mere](javascript:alert(2))\n\n## ')
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "om-kataloget.html" in result.stderr.split("onclick=…")[1].splitlines()[0]
    for expected in ("attributliste: «{ .rec-meta }»", "ikon-kode: «:material-printer:»",
                     "onclick=…> i linje", 'href="javascript:alert(2)"> i linje'):
        assert expected in result.stderr, result.stderr[-3000:]
    in_index = [problem for problem in scan_site(tmp_path / "site") if problem.startswith("search/search_index.json")]
    assert any(problem.endswith("ikon-kode: «:material-printer:»") for problem in in_index), in_index
    result = catalogue(project, "build", "--no-pdf", "--site-dir", "site")
    assert result.returncode == 1 and "Bygningen fejlede" in result.stderr and "onclick=…" in result.stderr
    assert not (project / "site").exists()


def test_a_placeholder_from_catalogue_new_stops_the_build_but_not_validate(project):
    assert catalogue(project, "new", "term", "nyt-begreb").returncode == 0
    validate = catalogue(project, "validate")
    assert validate.returncode == 0 and "[W04]" in validate.stderr
    result = catalogue(project, "build", "--no-pdf", "--site-dir", "site")
    assert result.returncode == 1, result.stdout
    assert "catalogue/terms/nyt-begreb.yml:" in result.stderr and "pladsholder" in result.stderr
    assert not (project / "site").exists()


def test_a_cached_scan_reports_what_a_fresh_one_does(tmp_path):
    """The build keeps each page's scan by its bytes (.cache/): a page read before gives its problems again, and
    a changed page is read anew."""
    from macros.read.cache import Cache

    site, cache = tmp_path / "site", Cache(tmp_path / "project")
    site.mkdir()
    page = site / "side.html"
    page.write_text('<article><p>Tekst {: .rec-meta }</p><a href="x.html" onclick="steal()">x</a></article>',
                    encoding="utf-8")
    fresh = scan_site(site)
    assert len(fresh) == 2 and scan_site(site, cache=cache) == fresh == scan_site(site, cache=cache)
    assert list((tmp_path / "project" / ".cache" / "scan").rglob("*"))  # kept, and read back the second time
    page.write_text("<article><p>Ren tekst.</p></article>", encoding="utf-8")
    assert scan_site(site, cache=cache) == []
