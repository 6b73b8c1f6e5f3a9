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

    @env.macro
    def strand_cards() -> str:
        """The five strands as colour-coded cards with their areas."""
        return site.render("fragments/strand_cards.md.j2", current_path())

    @env.macro
    def challenge_list() -> str:
        """'Hvad vil I gerne blive bedre til?': questions that lead to the areas answering them."""
        return site.render("fragments/challenges.md.j2", current_path())

    @env.macro
    def role_links() -> str:
        """The way in by role: one link per role to its page of recommendations and areas."""
        return site.render("fragments/roles.md.j2", current_path())

    @env.macro
    def local_links() -> str:
        """The municipality's own pages (policy, procedure, "Hvem kan hjælpe?"); nothing without a local layer."""
        return site.render("fragments/local_links.md.j2", current_path())

    @env.macro
    def count(kind: str) -> int:
        """Number of entries of a kind, e.g. count('areas')."""
        return len(site.catalogue.entries[kind])
