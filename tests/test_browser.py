"""In a real headless Chromium: the built site opens, a link leads to area 16, whose heading names it as the link
did, and on a phone no heading breaks a word."""

from __future__ import annotations

import pytest

from conftest import released_pages


def test_follow_a_link_from_the_home_page_to_area_16(page, site_url):
    page.goto(site_url + "index.html")
    assert page.locator("html").get_attribute("lang") == "da"
    page.get_by_role("link", name="16. Virksomhedspraktik som første skridt til tilbagevenden").first.click()
    page.wait_for_url("**/indsatsomraader/virksomhedspraktik.html")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().rstrip("¶").strip() == "16. Virksomhedspraktik som første skridt til tilbagevenden"
    assert page.get_by_role("heading", name="Hvordan kan indsatsen implementeres?").is_visible()


@pytest.mark.browser
def test_on_a_phone_no_heading_breaks_a_word(browser, built_site, site_url):
    """Danish compounds are long ("Sygefraværskoordination"); a heading sized for English breaks them anywhere on
    a phone. At 320 and 390 px every word of every heading fits on its line (hyphenation off, as in a browser
    without a Danish dictionary)."""
    context = browser.new_context()
    context.route("**/*.js", lambda route: route.abort())  # the headings are in the page as served
    page = context.new_page()
    broken = []
    for path in released_pages(built_site):
        page.goto(site_url + path, wait_until="domcontentloaded")
        page.add_style_tag(content=".md-typeset :is(h1, h2, h3) { hyphens: manual !important; }")
        for width in (320, 390):
            page.set_viewport_size({"width": width, "height": 844})
            broken += [f"{path} at {width} px: {word}" for word in page.evaluate("""() => {
              const split = [];
              for (const heading of document.querySelectorAll(".md-content :is(h1, h2, h3)")) {
                const texts = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
                for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                  for (const word of node.data.matchAll(/[^\\s\\u00b6\\u2013-]+/g)) {  // a line may end after a dash
                    const range = document.createRange();
                    range.setStart(node, word.index);
                    range.setEnd(node, word.index + word[0].length);
                    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                    if (lines.size > 1) split.push(word[0]);
                  }
                }
              }
              return split;
            }""")]
    context.close()
    assert not broken, broken
