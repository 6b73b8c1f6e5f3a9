"""Each page loads only the site's own style sheets and scripts it uses.

mkdocs.yml lists them all under `extra_css` and `extra_javascript`, and Material links every one of them into
every page. `trim` takes a built page and drops the links its markup has no use for (the explorer's script off
the explorer, Min plan's off pages without plan controls, …) and loads the print style sheet for print only, so
it does not hold up the first screen. A page's use is read from its own markup, so a new page or template
needs no list kept in step here.
"""

from __future__ import annotations

import re

# Asset (path under docs/) → the markup that uses it. An asset not listed here stays on every page.
USED_BY = {
    "javascripts/explorer.js": r'class="rec-filters',
    # the header's count of kept items (partials/header.html) is on every page, so Min plan's files are too
    "javascripts/minplan.js": r'data-plan-|id="minplan"|class="minplan|data-minplan-count',
    "stylesheets/minplan.css": r'data-plan-|id="minplan"|class="minplan|data-minplan-count',
    "javascripts/glossary.js": r"<abbr\b",
    "javascripts/print-button.js": r"data-print\b",
    "stylesheets/tools.css": r'class="[^"]*\b(?:tool-|print-|tick-box|write-box|fill-hint)',
    "stylesheets/diagrams.css": r'class="[^"]*\btool-diagram',
}
PRINT_ONLY = ("stylesheets/print.css",)
_USED_BY = {asset: re.compile(pattern) for asset, pattern in USED_BY.items()}

_TAG = re.compile(r'<(?:script [^>]*src|link [^>]*href)="(?P<url>[^"]+)"[^>]*>(?:</script>)?\n?')


def _asset(url: str) -> str:
    """The path under docs/ a page's link names ("../javascripts/explorer.js" → "javascripts/explorer.js")."""
    return re.sub(r"^(?:\.\./|\./|/)*", "", url.split("?")[0].split("#")[0])


def trim(html: str) -> str:
    markup = _TAG.sub("", html)  # what the page uses is read without its own links to the assets

    def keep(tag: re.Match) -> str:
        asset = _asset(tag["url"])
        if asset in _USED_BY and not _USED_BY[asset].search(markup):
            return ""
        if asset in PRINT_ONLY and "media=" not in tag[0]:
            return tag[0].replace("<link ", '<link media="print" ', 1)
        return tag[0]

    return _TAG.sub(keep, html)
