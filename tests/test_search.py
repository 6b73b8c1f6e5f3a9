"""Danish search in a real browser: words from the texts land on the right area first, inflected forms too."""

from __future__ import annotations

import pytest

# (query, page expected as the first result). Measured results are noted in issue 4.
QUERIES = [
    ("fast track", "indsatsomraader/fast-track.html"),
    ("virksomhedspraktik", "indsatsomraader/virksomhedspraktik.html"),
    ("TRIO", "indsatsomraader/trio-samarbejde.html"),
    ("onboarding", "indsatsomraader/onboarding.html"),
    ("fastholdelseskonsulent", "indsatsomraader/fastholdelseskonsulenter.html"),
    ("handleplaner", "indsatsomraader/lokale-handleplaner.html"),
    ("konfliktniveau", "indsatsomraader/konfliktniveau.html"),
    ("sygefraværskoordination", "implementering/sygefravaerskoordination.html"),
    ("træning", "indsatsomraader/traening-og-motion.html"),
    ("arbejdspres", "indsatsomraader/kerneopgaven-og-arbejdspres.html"),
    ("data om sygefravær", "indsatsomraader/data-om-sygefravaer.html"),
]

# Inflected forms must find the pages about their base word (anywhere in the first five results).
INFLECTED = [
    ("handleplanen", "indsatsomraader/lokale-handleplaner.html"),
    ("fastholdelseskonsulenterne", "indsatsomraader/fastholdelseskonsulenter.html"),
    ("virksomhedspraktikken", "indsatsomraader/virksomhedspraktik.html"),
    ("TRIO'erne", "indsatsomraader/trio-samarbejde.html"),
]


def search(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type(query, delay=20)  # Material listens to key events, not to a value set from outside
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.replace(/^\\//, ''))")
    return links


@pytest.mark.parametrize("query, expected", QUERIES)
def test_query_lands_on_the_right_page_first(page, site_url, query, expected):
    results = search(page, site_url, query)
    assert results and results[0] == expected, f"{query!r} → {results[:5]}"


@pytest.mark.parametrize("query, expected", INFLECTED)
def test_inflected_forms_find_their_base_word(page, site_url, query, expected):
    results = search(page, site_url, query)
    assert expected in results[:5], f"{query!r} → {results[:5]}"
