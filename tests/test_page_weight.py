"""What every page pays: each page links only the site's own CSS and JavaScript it uses, print CSS does not hold
up the first screen, images are sized, the explorer's filters do not push the list down when the script runs.
(The search index is loaded on demand: tests/test_hosting.py. Page weight and Lighthouse: `make bench`.)"""

from __future__ import annotations

import re

import pytest

from conftest import pdf_text, released_pages, squash

EXPLORER = "anbefalinger/index.html"


def linked(page: str) -> set[str]:
    """The site's own scripts and style sheets a page links (Material's assets/ left out), as docs/ paths."""
    urls = re.findall(r'<(?:script [^>]*src|link [^>]*href)="([^"]+\.(?:js|css))"', page)
    return {re.sub(r"^(?:\.\./)*", "", url) for url in urls if "assets/" not in url}


def test_each_page_links_only_the_scripts_and_styles_it_uses(built_site):
    pages = {path: (built_site / path).read_text(encoding="utf-8")
             for path in released_pages(built_site) if path != "404.html"}  # the editor has its own (admin/)
    with_explorer = {path for path, html in pages.items() if "javascripts/explorer.js" in linked(html)}
    assert with_explorer == {EXPLORER}
    plan_pages = {path for path, html in pages.items() if "javascripts/minplan.js" in linked(html)}
    assert {"min-plan.html", "indsatsomraader/analyse.html"} <= plan_pages
    # Min plan's count of kept items is in every page's header (partials/header.html), so its script is too
    assert plan_pages == {path for path, html in pages.items() if "data-minplan-count" in html} == set(pages)
    assert all(("javascripts/glossary.js" in linked(html)) == ("<abbr" in html) for html in pages.values())
    assert all(("javascripts/print-button.js" in linked(html)) == ("data-print" in html) for html in pages.values())
    for path, html in pages.items():
        assert re.search(r'<link media="print" rel="stylesheet" href="[./]*stylesheets/print\.css">', html), path
        assert "javascripts/search-on-demand.js" in linked(html), path
        assert all(re.search(r'\b(?:width|height)="\d+"', img) for img in re.findall(r"<img [^>]*>", html)), path


@pytest.mark.browser
def test_the_explorer_filters_show_with_javascript_only_and_are_there_from_the_first_paint(browser, site_url):
    without = browser.new_context(java_script_enabled=False)
    page = without.new_page()
    page.goto(site_url + EXPLORER)
    assert page.get_by_role("heading", level=1).is_visible()
    assert not page.locator("form.rec-filters").is_visible()
    without.close()

    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("""
        window.__shifts = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { window.__shifts += e.value; }))
          .observe({type: "layout-shift", buffered: true});""")
    page.goto(site_url + EXPLORER)
    page.wait_for_load_state("networkidle")
    assert page.locator("form.rec-filters").is_visible()
    assert page.evaluate("window.__shifts") < 0.05
    context.close()


@pytest.mark.browser
def test_the_explorer_renders_only_the_recommendations_near_the_screen(browser, site_url):
    """Material restyles the whole page several times as it starts; recommendations far below the first screen
    are skipped (content-visibility), so that start-up does not grow with the list. Skipped is not gone: a link to
    one shows it at the top, and print shows them all."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + EXPLORER)
    page.wait_for_load_state("networkidle")
    # a skipped element's own box is laid out; what it skips is its content
    rendered = "els => els.map(e => e.firstElementChild.checkVisibility({contentVisibilityAuto: true}))"
    shown = page.eval_on_selector_all(".rec[id]", rendered)
    assert len(shown) > 40 and shown[0] and sum(shown) < len(shown) / 4, shown
    ids = page.eval_on_selector_all(".rec[id]", "els => els.map(e => e.id)")
    linked = ids[len(ids) * 2 // 3]
    assert not shown[ids.index(linked)]
    page.goto(site_url + EXPLORER + "#" + linked)
    page.wait_for_timeout(300)
    box = page.locator("#" + linked).bounding_box()
    assert box and 0 <= box["y"] < 844 / 4  # the linked recommendation stands at the top, rendered
    assert page.locator("#" + linked).evaluate("e => e.firstElementChild.checkVisibility({contentVisibilityAuto: true})")
    texts = page.eval_on_selector_all(".rec[id] > p:first-child", "els => els.map(e => e.textContent)")
    on_paper = squash(pdf_text(page.pdf()))
    assert [text for text in texts if squash(text) not in on_paper] == []
    page.close()
