"""mkdocs-macros functions for the prose pages in content/ and hand-written pages in docs/.

Catalogue pages are generated with `render_macros: false`: editors' text never
passes through Jinja twice. Prose pages can call these macros to show data.
"""

from __future__ import annotations

from pathlib import Path

from .read.catalogue import CatalogueError, load_catalogue_cached
from .read.settings import local_folder_of
from .render.site import Site


def define_env(env):
    root = Path(env.conf.config_file_path).parent
    try:
        site = Site(load_catalogue_cached(root, local_folder_of(env.conf.extra)), site_url=env.conf.site_url or "",
                    brand=env.conf.extra.get("brand") or {})
    except CatalogueError as error:
        from mkdocs.exceptions import PluginError  # only here: the rest of the package needs no MkDocs

        raise PluginError(f"Kataloget har fejl:\n{error}") from None
    env.variables["catalogue"] = site.catalogue

    def current_path() -> str:
        return env.page.file.src_uri

    for name, function in site.macros(current_path).items():  # strand_cards(), local_links(), count(kind), …
        env.macro(function, name)
