"""Keyboard use as people meet it, in real Chromium: a visible focus on every control (measured in pixels, both
palettes), the recommendations explorer (count, results in view on a phone, copy link, phase), glossary tooltips."""

from __future__ import annotations

import functools
import io
import json

import pytest
from PIL import Image

FOCUS_PAGES = ["index.html", "anbefalinger/index.html", "min-plan.html", "vaerktoejer/handleplan.html"]
PLAN = {"items": ["rec:analyse-1", "tool:handleplan"], "status": {"analyse": "i-gang"}}
PLAN_KEY = "sygefravaer-katalog/min-plan/v1"
MAX_TABS = 400
VIEWPORT = {"width": 1280, "height": 800}
SAMPLES_PER_KIND = 2  # the results repeat the same few controls 84 times; each kind is measured twice
STALE_TABS = 40  # a page is left after this many stops with no kind of control not seen before on it

# Where the focused element is and which box its focus is drawn on: a hidden radio or checkbox shows its focus on
# its label (Material's palette toggle), anything else on itself.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let shown = el;
  const own = el.getBoundingClientRect();
  if (own.width < 2 || own.height < 2) {
    const labels = Array.from(el.labels || []).concat(el.nextElementSibling ? [el.nextElementSibling] : []);
    shown = labels.find((label) => label.tagName === "LABEL" && label.getBoundingClientRect().width > 0) || el;
  }
  const r = shown.getBoundingClientRect();
  const kind = el.tagName + "." + Array.from(el.classList).filter((c) => c !== "focus-visible").sort().join(".") +
    "[" + (el.getAttribute("type") || "") + "]<" + (el.parentElement ? el.parentElement.className.split(" ")[0] : "");
  return {kind, text: (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40),
          box: [r.left, r.top, r.width, r.height]};
}"""


def luminance(rgb) -> float:
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def strong_change(before: Image.Image, after: Image.Image) -> int:
    """Pixels whose focused colour stands 3:1 or more against the same pixel unfocused."""
    strong = functools.lru_cache(maxsize=None)(lambda a, b: a != b and contrast(a, b) >= 3)
    return sum(strong(a, b) for a, b in zip(before.get_flattened_data(), after.get_flattened_data()))


def shot(page, box, pad: int = 10) -> Image.Image:
    """The focused element's box and a margin round it (where outlines and rings are drawn), from the viewport."""
    left, top, width, height = box
    x0, y0 = max(0, left - pad), max(0, top - pad)
    x1, y1 = min(VIEWPORT["width"], left + width + pad), min(VIEWPORT["height"], top + height + pad)
    png = page.screenshot(clip={"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}, animations="disabled")
    return Image.open(io.BytesIO(png)).convert("RGB")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focused_control_shows_a_visible_focus(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme, locale="da-DK", viewport=VIEWPORT)
    context.add_init_script(f"localStorage.setItem({json.dumps(PLAN_KEY)}, {json.dumps(json.dumps(PLAN))})")
    page = context.new_page()
    failures, measured = [], 0
    for path in FOCUS_PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        samples: dict[str, int] = {}
        first, stale = None, 0
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:
                break
            key = (focused["kind"], focused["text"])
            if first is None:
                first = key
            elif key == first:  # round the page and back to the start
                break
            if samples.get(focused["kind"], 0) >= SAMPLES_PER_KIND:
                stale += 1
                if stale >= STALE_TABS:
                    break
                continue
            stale = 0
            samples[focused["kind"]] = samples.get(focused["kind"], 0) + 1
            left, top, width, height = focused["box"]
            if width < 2 or height < 2:
                failures.append(f"{path}: {focused['kind']} «{focused['text']}» takes focus but has no visible box")
                continue
            after = shot(page, focused["box"])
            handle = page.evaluate_handle("document.activeElement")
            page.evaluate("el => el.blur()", handle)
            before = shot(page, focused["box"])
            page.evaluate("el => el.focus({preventScroll: true})", handle)  # Tab goes on from here
            strong = strong_change(before, after) if before.size == after.size else 0
            needed = 2 * (min(width, VIEWPORT["width"]) + min(height, VIEWPORT["height"]))  # as many pixels as a 1 px line round the element
            measured += 1
            if strong < needed:
                failures.append(f"{path}: {focused['kind']} «{focused['text']}»: {strong} pixels change 3:1, {needed:.0f} needed")
        assert samples, f"{path}: Tab reached no control"
    context.close()
    assert measured > 40
    assert not failures, f"{scheme}: {len(failures)} controls without a visible focus:\n" + "\n".join(failures)


EXPLORER = "anbefalinger/index.html"
VISIBLE_RECS = "() => Array.from(document.querySelectorAll('.rec[id]')).filter((r) => !r.hidden).map((r) => r.id)"
IN_VIEW = "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight - 40; }"


def tabs_until(page, condition: str, limit: int = 80) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({condition}); }}"):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses: {condition}")


def test_explorer_on_a_phone_count_results_in_view_copy_link_and_phase(browser, site_url):
    context = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 844}, color_scheme="dark")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + EXPLORER)
    total = page.locator(".rec[id]").count()
    assert total > 50 and len(page.evaluate(VISIBLE_RECS)) == total

    page.get_by_label("TRIO (", exact=False).check()
    shown = page.evaluate(VISIBLE_RECS)
    assert 0 < len(shown) < total
    bar = page.locator(".rec-filter-top")
    assert page.locator(".rec-status").inner_text() == f"Viser {len(shown)} af {total} anbefalinger."
    show = page.get_by_role("link", name=f"Vis {len(shown)} resultater")
    assert bar.evaluate(IN_VIEW) and show.evaluate(IN_VIEW)  # the count stays in view while the reader ticks
    assert not page.locator(f"#{shown[0]}").evaluate(IN_VIEW)  # the results are below the filters on a phone
    show.click()
    assert page.locator(f"#{shown[0]}").evaluate(IN_VIEW)
    assert page.evaluate("() => document.activeElement.id") == "rec-results"

    page.get_by_role("button", name="Kopiér link").click()
    page.wait_for_function("() => document.querySelector('.rec-status').textContent.includes('kopieret')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.url and "role=trio" in copied
    opened = context.new_page()
    opened.goto(copied)
    assert opened.evaluate(VISIBLE_RECS) == shown
    opened.close()

    # Phase: the recommendations without one are counted, said and can be included.
    page.get_by_role("button", name="Nulstil filtre").click()
    phases = page.evaluate("() => Object.fromEntries(Array.from(document.querySelectorAll('.rec[id]')).map((r) => [r.id, r.dataset.phases]))")
    without = sorted(rid for rid, value in phases.items() if not value.strip())
    during = sorted(rid for rid, value in phases.items() if "undervejs" in value.split())
    assert without and during
    note = page.locator(".rec-facet-phase .rec-facet-note").inner_text()
    assert note.startswith(f"{len(without)} af {total} anbefalinger har ingen fase")
    page.locator("input[name=phase][value=undervejs]").check()
    assert sorted(page.evaluate(VISIBLE_RECS)) == during
    none_box = page.get_by_label("Uden angivet fase")
    assert none_box.locator("xpath=..").inner_text().endswith(f"({len(without)})")
    none_box.check()
    assert sorted(page.evaluate(VISIBLE_RECS)) == sorted(during + without)
    assert "phase=undervejs%2Cingen" in page.url or "phase=undervejs,ingen" in page.url

    # A link to one recommendation opens it, even under a filter that would hide it.
    hidden_by_trio = next(rid for rid in phases if rid not in shown)
    page.goto(site_url + EXPLORER + f"?role=trio#{hidden_by_trio}")
    target = page.locator(f"#{hidden_by_trio}")
    assert target.is_visible() and target.evaluate(IN_VIEW)
    context.close()


def test_explorer_wide_filters_beside_results_and_few_tabs_to_the_first_result(browser, site_url):
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + EXPLORER)
    form = page.locator("form.rec-filters").bounding_box()
    first = page.locator(".rec[id]").first.bounding_box()
    assert form["x"] + form["width"] <= first["x"] and first["y"] < 800  # side by side, first result in view
    page.locator("input[name=role][value=leder]").check()
    assert page.locator(".rec[id]:visible").first.evaluate(IN_VIEW) and page.locator(".rec-status").evaluate(IN_VIEW)

    page.goto(site_url + EXPLORER)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    plain = tabs_until(page, "el.closest('.rec[id]')")
    assert plain <= 30, plain  # 43 before the area filter was folded
    page.goto(site_url + EXPLORER)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tabs = tabs_until(page, "el.matches('.rec-show')")
    page.keyboard.press("Enter")
    tabs += tabs_until(page, "el.closest('.rec[id]')")
    assert tabs <= 4, tabs
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_glossary_explanations_by_keyboard_inside_the_content(browser, site_url, width):
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "indsatsomraader/fast-track.html")
    tabs_until(page, "el.tagName === 'ABBR'", limit=120)
    term = page.evaluate_handle("document.activeElement")
    tip = page.locator(".glossary-tip:not([hidden])")
    assert tip.count() == 1
    assert len(tip.inner_text()) > 40 and page.evaluate("el => el.getAttribute('aria-describedby')", term) == tip.get_attribute("id")
    article = page.locator("article.md-content__inner").bounding_box()
    box = tip.bounding_box()
    assert article["x"] - 1 <= box["x"] and box["x"] + box["width"] <= article["x"] + article["width"] + 1
    page.keyboard.press("Escape")
    assert tip.count() == 0  # dismissed without moving focus
    assert page.evaluate("el => el === document.activeElement", term)
    # Hover: it stays while the pointer moves from the term onto the explanation (WCAG 1.4.13 hoverable).
    page.evaluate("el => el.blur()", term)
    term.as_element().hover()
    shown = page.locator(".glossary-tip:not([hidden])")
    assert shown.count() == 1
    tip_id = shown.get_attribute("id")
    tip_box = shown.bounding_box()
    page.mouse.move(tip_box["x"] + 10, tip_box["y"] + 10, steps=4)
    page.wait_for_timeout(500)
    assert page.locator(f"#{tip_id}").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(f"#{tip_id}").is_hidden()
    context.close()


# The focused element, where it is, and whether a reader sees it: on screen and not covered (by a panel of the
# navigation drawer sliding over another, or by the drawer's overlay).
SEEN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const seen = r.width > 0 && r.left >= 0 && r.right <= innerWidth + 1 && !!top && (el.contains(top) || top.contains(el));
  return {seen, drawer: !!el.closest('.md-sidebar--primary'), box: [Math.round(r.left), Math.round(r.top)],
          name: (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
          tag: el.tagName, opens: el.tagName === 'LABEL' ? el.htmlFor : null};
}"""
DRAWER_PAGES = ["index.html", "indsatsomraader/fast-track.html", "vaerktoejer/handleplan.html", EXPLORER]


def tab(page):
    page.keyboard.press("Tab")
    page.wait_for_timeout(30)
    return page.evaluate(SEEN)


@pytest.mark.parametrize("width", [390, 1000])  # a phone; a laptop zoomed to 125–150 %, where the drawer is used too
def test_navigation_drawer_on_a_narrow_screen_by_keyboard(browser, site_url, width):
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    menu = page.get_by_role("button", name="Menu")
    for path in DRAWER_PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        # Closed: the whole page by Tab never stops on a link the reader cannot see, and reaches the menu button.
        stops = []
        for _ in range(60):
            stops.append(tab(page))
            if stops[-1] is None or stops[-1]["drawer"]:
                break
        assert not any(stop and stop["drawer"] for stop in stops), f"{path}: Tab stops in the closed drawer: {stops[-1]}"
        assert any(stop and stop["tag"] == "BUTTON" and stop["name"] == "Menu" and stop["seen"] for stop in stops), path
        assert menu.get_attribute("aria-expanded") == "false"

        # Open it from the keyboard: focus goes into it, and every stop in it is on screen and on top.
        menu.focus()
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        seen, opened = [], None
        for _ in range(60):
            stop = page.evaluate(SEEN) if not seen else tab(page)
            if not stop or not stop["drawer"]:
                break
            assert stop["seen"], f"{path}: focus in the open drawer on something the reader cannot see: {stop}"
            seen.append(stop)
            if stop["opens"] and not stop["name"].startswith("Tilbage fra") and opened is None:  # opens a section
                opened = stop
        assert len(seen) >= 3, f"{path}: {seen}"
        # Leaving the drawer by Tab closes it; the stop after it is in the page, seen.
        assert stop and stop["seen"] and not stop["drawer"], f"{path}: {stop}"
        assert menu.get_attribute("aria-expanded") == "false"

        # A section opened by Enter: focus moves into its panel (onto the way back), and back again to its label.
        if opened:
            menu.focus()
            page.keyboard.press("Enter")
            for _ in range(len(seen)):
                if page.evaluate(SEEN)["name"] == opened["name"]:
                    break
                tab(page)
            page.keyboard.press("Enter")
            inside = page.evaluate(SEEN)
            assert inside["seen"] and inside["drawer"] and inside["name"].startswith("Tilbage fra"), f"{path}: {inside}"
            page.keyboard.press("Enter")
            assert page.evaluate(SEEN)["name"] == opened["name"]
            # Escape closes the drawer and gives focus back to the button.
            page.keyboard.press("Escape")
            assert menu.get_attribute("aria-expanded") == "false"
            assert menu.evaluate("el => el === document.activeElement")
    context.close()


def test_navigation_drawer_by_pointer_with_and_without_javascript(browser, site_url):
    drawer = ".md-sidebar--primary"
    for script in (True, False):
        context = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 800}, java_script_enabled=script)
        page = context.new_page()
        page.goto(site_url + "indsatsomraader/fast-track.html")
        assert page.locator(drawer).is_hidden()
        opener = page.locator(".drawer-button" if script else ".drawer-label")
        assert opener.is_visible() and page.locator(".drawer-label" if script else ".drawer-button").is_hidden()
        opener.click()
        page.locator(f"{drawer} a[href]").first.wait_for(state="visible")
        if script:
            assert opener.get_attribute("aria-expanded") == "true"
        page.mouse.click(370, 400)  # the overlay beside the drawer closes it
        page.locator(drawer).wait_for(state="hidden")
        context.close()
