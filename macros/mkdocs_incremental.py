"""`mkdocs serve --dirty` (`make serve`): a rebuild renders again only the pages whose HTML can have changed since
the previous build of the same serve session, and keeps the rest of the output as it is. `mkdocs build` and
`catalogue build` never come here: they build everything, always.

MkDocs' dirty build asks `File.is_modified()` of every page before reading and before rendering it; its own answer
compares modification times, and is always "yes" for a generated page (all of ours). Here the answer is decided
once per build, from what a page's HTML is made of:
- its Markdown as generated from the catalogue, the glossary appended to every page, its URL and edit link;
- the navigation as that page shows it: top-level entries and sections always, a section's children only where
  the page lies inside it when `navigation.prune` is on (Material's partials/nav-item.html), else all of it;
  each entry by URL and title (a title MkDocs reads from the page itself stands for that page's whole source);
- the previous and next page of its footer;
- and everything site-wide: the configuration file, the theme overrides, the set of pages, the style sheets
  and scripts listed. When any of these changes, every page is rendered again.
A prose page rendered through mkdocs-macros can read the whole catalogue and is rendered every time.

What must stay whole stays whole: the search index holds every page (the entries of pages not rendered again are
carried over from the build that rendered them, in the order a full build writes them), and pages not rendered
again keep the title and front matter the navigation of the others needs.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from macros.read.cache import key

DIRTY_WARNING = "A 'dirty' build is being performed"


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate; here it is not (see above), and under
    `--strict` that warning alone would abort every build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def silence_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DropDirtyWarning) for f in logger.filters):
        logger.addFilter(_DropDirtyWarning())


_theme_listings: dict = {}


def reuse_theme_listing(theme) -> None:
    """MkDocs lists and filters every file in the theme's folders on every build to find the theme's static files
    (Files.add_files_from_theme): over 14,000 names for Material, a fifth of a rebuild. Within a serve session
    the listing is kept, keyed by the folders, the filter's code and the files of the project's own overrides
    (the only theme folder that changes while serving)."""
    get_env, custom = theme.get_env, theme.custom_dir

    def env_reusing_listing():
        env = get_env()
        list_templates = env.list_templates

        def listing(extensions=None, filter_func=None):
            overrides = sorted(p.as_posix() for p in Path(custom).rglob("*")) if custom else []
            code = getattr(filter_func, "__code__", filter_func)
            cache_key = (tuple(theme.dirs), tuple(theme.static_templates), code, tuple(extensions or ()),
                         tuple(overrides))
            if cache_key not in _theme_listings:
                _theme_listings[cache_key] = list_templates(extensions=extensions, filter_func=filter_func)
            return list(_theme_listings[cache_key])

        env.list_templates = listing
        return env

    theme.get_env = env_reusing_listing


@dataclass
class _Record:
    """What the session keeps of a page rendered in an earlier build."""
    key: str
    title: str | None
    meta: dict
    entries: list = field(default_factory=list)  # its search index entries, as Material's search plugin made them


class Session:
    """The state of one `mkdocs serve --dirty` session (hook modules are not reloaded between its builds)."""

    def __init__(self) -> None:
        self.records: dict[str, _Record] = {}  # by page URL, from the last successful build
        self.site_key = ""
        self.keys: dict[str, str] = {}  # by page URL: this build's key of every page
        self.pages: list = []  # this build's pages, in the site's order
        self.rendered: list = []  # those of them rendered again
        self._fresh: dict[str, list] = {}  # this build's search index entries by page URL

    def plan(self, nav, files, config, extra: str) -> None:
        """Decide which pages this build renders (MkDocs' on_nav: every page known, none read yet). `extra` is
        whatever the hooks add to every page's Markdown."""
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        sources = {page.url: key(page.file.content_bytes) for page in pages}
        metas = {page.url: get_data(page.file.content_string)[1] for page in pages}  # front matter: cheap to read
        site_key = key(_site_inputs(config), extra, *sorted(sources))
        everything = site_key != self.site_key
        self.site_key = site_key
        prune = "navigation.prune" in config.theme.get("features", [])

        def token(page) -> list:
            """A navigation entry: where it leads, its title and the front matter Material shows with it. A title
            MkDocs would read from the page's first heading is stood for by the page's whole source."""
            meta = metas[page.url]
            title = page.__dict__.get("title") or meta.get("title") or sources[page.url]  # nav title wins
            return [page.url, str(title), *(str(meta.get(name)) for name in ("icon", "subtitle", "status"))]

        self.keys, self.rendered, self.pages, self._fresh = {}, [], pages, {}
        for page in pages:  # every key first: restoring a title below changes what token() sees
            shown = _shown(nav.items, set(map(id, page.ancestors)), prune, token)
            neighbours = [token(p) if p else None for p in (page.previous_page, page.next_page)]
            self.keys[page.url] = key(site_key, sources[page.url], page.file.edit_uri or "",
                                      json.dumps([shown, neighbours]))
        for page in pages:
            record = self.records.get(page.url)
            renders_macros = metas[page.url].get("render_macros", True) is not False  # mkdocs-macros' default
            modified = everything or record is None or record.key != self.keys[page.url] or renders_macros
            page.file.is_modified = (lambda answer: lambda: answer)(modified)
            if modified:
                self.rendered.append(page)
            else:  # what other pages' navigation and the footer read of it, without reading it again
                page.title = record.title
                page.meta = record.meta

    def rendered_paths(self) -> set[str]:
        """The output files of the pages this build rendered, relative to the site folder."""
        return {page.file.dest_uri for page in self.rendered}

    def search_index(self, index: dict) -> dict:
        """The whole index from Material's (which holds only the pages rendered in this build): every page's
        entries in the site's order, as a full build writes them."""
        rendered = {page.url for page in self.rendered}
        fresh: dict[str, list] = {}
        for entry in index["docs"]:
            fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
        self._fresh = fresh
        docs = []
        for page in self.pages:
            docs += fresh.get(page.url, []) if page.url in rendered else self.records[page.url].entries
        return {**index, "docs": docs}

    def commit(self) -> None:
        """The build succeeded: remember what its pages were made of (a failed build renders them again)."""
        for page in self.rendered:
            entries = self._fresh.get(page.url, [])
            self.records[page.url] = _Record(self.keys[page.url], page.title, dict(page.meta), entries)
        self.records = {url: record for url, record in self.records.items() if url in self.keys}

    def forget(self) -> None:
        """The build failed: the next one starts from scratch (its output may be half written)."""
        self.records, self.site_key = {}, ""


def _site_inputs(config) -> str:
    """Everything site-wide a page's HTML is made of besides the pages: configuration, overrides, assets listed."""
    parts = [Path(config.config_file_path).read_text(encoding="utf-8"),
             json.dumps([str(x) for x in config.extra_css + config.extra_javascript])]
    custom_dir = config.theme.custom_dir
    if custom_dir:
        for path in sorted(Path(custom_dir).rglob("*")):
            if path.is_file():
                parts += [path.as_posix(), key(path.read_bytes())]
    return key(*parts)


def _shown(items, ancestors: set, prune: bool, token) -> list:
    """The navigation as one page shows it: with prune, a section's children only inside the page's own sections."""
    shown = []
    for item in items:
        if item.is_page:
            shown.append(token(item))
        elif item.is_section and (not prune or id(item) in ancestors):
            shown.append([item.title, _shown(item.children, ancestors, prune, token)])
        elif item.is_section:  # pruned: its title, linked to its first page (Material's render_pruned)
            first = item.children[0] if item.children else None
            while first is not None and first.is_section and first.children:
                first = first.children[0]
            shown.append([item.title, len(item.children), getattr(first, "url", None)])
        else:
            shown.append([item.title, item.url])
    return shown

