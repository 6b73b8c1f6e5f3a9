"""WCAG 2.1 A/AA on every page in both palettes (axe-core in real Chromium), keyboard use, lang="da"."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")  # axe-core, as bundled by the package
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    found = html_pages(built_site)
    assert len(found) > 50  # the whole site, not a sample
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_in_both_palettes(browser, site_url, pages, scheme):
    context = browser.new_context(color_scheme=scheme, locale="da-DK")
    page = context.new_page()
    failures = []
    for path in pages:
        page.goto(site_url + path)
        # content-visibility skips what is off screen (the recommendations' lists); axe audits each part as a reader
        # sees it once scrolled to, so everything is rendered for the audit
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
        for violation in result["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            failures.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    context.close()
    assert not failures, f"{len(failures)} violations in {scheme} palette:\n" + "\n".join(failures)


# In the drawer's panel on screen: first open the page's own contents, then go back a level; false at the top.
NEXT_LEVEL = """level => {
  const shown = (selector) => Array.from(document.querySelectorAll('.md-sidebar--primary ' + selector))
    .filter((el) => !el.closest('[inert]') && el.offsetWidth > 0);
  const next = (level === 0 && shown("label.md-nav__link--active[for='__toc']")[0]) ||
    shown(".md-nav__title[for]:not([for='__drawer'])").pop();
  if (next) next.click();
  return !!next;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_navigation_drawer_passes_axe(browser, site_url, scheme):
    """On narrow screens the navigation is a drawer, hidden while closed (so the audit above, at desktop width, sees
    the navigation as a sidebar): audited open, at each level, with the words drawer.js gives its arrows."""
    context = browser.new_context(color_scheme=scheme, locale="da-DK", viewport={"width": 390, "height": 800})
    page = context.new_page()
    failures, audited = [], 0
    for path in ["index.html", "indsatsomraader/fast-track.html", "vaerktoejer/handleplan.html"]:
        page.goto(site_url + path)
        page.get_by_role("button", name="Menu").click()
        page.add_script_tag(path=str(AXE))
        for level in range(3):  # the section's panel, its page's contents, the top
            page.wait_for_timeout(600)  # the panel has slid in (0.25 s)
            result = page.evaluate("tags => axe.run('.md-sidebar--primary', {runOnly: {type: 'tag', values: tags}})",
                                   WCAG_21_AA)
            audited += 1
            failures += [f"{path} ({level}): {v['id']}: {[' '.join(n['target']) for n in v['nodes'][:3]]}"
                         for v in result["violations"]]
            if not page.evaluate(NEXT_LEVEL, level):
                break
    context.close()
    assert audited >= 6
    assert not failures, "\n".join(failures)


def test_every_page_is_danish(built_site, pages):
    for path in pages:
        assert '<html lang="da"' in (built_site / path).read_text(encoding="utf-8"), path


def test_skip_link_and_visible_focus(page, site_url):
    page.goto(site_url + "indsatsomraader/fast-track.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {text: el.textContent.trim(), href: el.getAttribute('href'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none', visible: el.getBoundingClientRect().height > 0};
    }""")
    assert focused["href"] == "#hvad-er-indsatsen-motiveret-af" or focused["href"].startswith("#")
    assert "Gå til indholdet" in focused["text"] or "indhold" in focused["text"].lower()
    assert focused["visible"] and (focused["outline"] or focused["shadow"])
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") != ""


def test_explorer_filters_work_from_the_keyboard(page, site_url):
    page.goto(site_url + "anbefalinger/index.html")
    box = page.locator("input[name=role][value=trio]")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert "role=trio" in page.url
    shown = page.locator(".rec[id]:visible").count()
    assert 0 < shown < page.locator(".rec[id]").count()
    status = page.locator(".rec-status").inner_text()
    assert f"Viser {shown} af" in status
