"""Smoke test in a real headless Chromium: the built site opens, and a link leads to area 16, whose heading
names it as the link did."""

from __future__ import annotations


def test_follow_a_link_from_the_home_page_to_area_16(page, site_url):
    page.goto(site_url + "index.html")
    assert page.locator("html").get_attribute("lang") == "da"
    page.get_by_role("link", name="16. Virksomhedspraktik som første skridt til tilbagevenden").first.click()
    page.wait_for_url("**/indsatsomraader/virksomhedspraktik.html")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().rstrip("¶").strip() == "16. Virksomhedspraktik som første skridt til tilbagevenden"
    assert page.get_by_role("heading", name="Hvordan kan indsatsen implementeres?").is_visible()
