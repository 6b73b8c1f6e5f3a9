"""MkDocs hooks: the thin adapter between MkDocs and the catalogue.

The pages themselves come from macros.render.site, which knows nothing of MkDocs. Here
they become virtual files (no stub file per entry), the navigation is taken
from the data, and catalogue.json is written next to the site.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros.publish import cms
from macros.read.catalogue import CatalogueError, load_catalogue_cached
from macros.read.settings import local_folder_of
from macros.render.site import Site


THEME_CSS = "stylesheets/theme.css"
LOCAL_CSS = "stylesheets/local.css"  # linked only in an edition with a local layer: without one, pages stay as they were

# The build under way: the catalogue is loaded and the site set up once per build, in on_config (which
# `mkdocs serve` runs again for every rebuild), never per page.
_site: Site
_abbreviations: str


def on_config(config):
    """Branding lives in one place, `extra.brand` in mkdocs.yml; the theme's own settings follow from it."""
    global _site, _abbreviations
    brand = config.extra.setdefault("brand", {})
    if brand.get("logo"):
        config.theme["logo"] = brand["logo"]
    config.extra_css.insert(0, THEME_CSS)
    try:
        catalogue = load_catalogue_cached(Path(config.config_file_path).parent, local_folder_of(config.extra))
        _site = Site(catalogue, site_url=config.site_url or "", brand=brand)
    except CatalogueError as error:
        raise PluginError(f"Kataloget har fejl:\n{error}") from None
    _abbreviations = _site.abbreviations()
    if catalogue.has_local_content() and LOCAL_CSS not in config.extra_css:
        config.extra_css.append(LOCAL_CSS)


def on_files(files, config):
    pages = _site.pages()
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"{page.path} findes både i docs/ og i kataloget; slet den ene.")
        file = File.generated(config, page.path, content=page.markdown)
        file.edit_uri = page.edit_path
        files.append(file)
    files.append(File.generated(config, THEME_CSS, content=_site.theme_css(config.extra["brand"])))
    for path, content in _site.download_files():  # Word and calendar files made from the tools' data
        files.append(File.generated(config, path, content=content))
    _add_editor_files(files, config)
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    for file in files.documentation_pages():
        if file.generated_by is None:  # a hand-written page in docs/: edit it where it lives
            file.edit_uri = f"{docs}/{file.src_uri}"
    config.nav = _site.nav(pages)
    return files


def _add_editor_files(files, config):
    """The browser editor's configuration (/admin/), generated from the schemas; its preview gets the site's styles."""
    schema_dir = Path(config.config_file_path).parent / "catalogue" / "schema"
    files.append(File.generated(config, "admin/config.yml", content=cms.config_yaml(schema_dir, dict(config))))
    material = sorted(file.src_uri for file in files
                      if file.src_uri.startswith("assets/stylesheets/") and file.src_uri.endswith(".min.css"))
    styles = [f"../{path}" for path in material + [str(css) for css in config.extra_css]]
    setup = {"shapes": json.loads(cms.shapes_json(schema_dir)), "preview_styles": styles}
    files.append(File.generated(config, "admin/setup.json", content=json.dumps(setup, ensure_ascii=False)))


def on_page_markdown(markdown, page, config, files):
    """Every page explains the glossary's terms on hover (Markdown abbreviations from catalogue/terms/)."""
    return markdown + "\n\n" + _abbreviations


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a file of the local layer changes (mkdocs.yml's `watch:` cannot name a folder
    that may not exist)."""
    if _site.catalogue.local_folder:
        server.watch(str(_site.catalogue.root / _site.catalogue.local_folder))
    return server


def on_post_build(config):
    export = _site.export()
    Path(config.site_dir, "catalogue.json").write_text(
        json.dumps(export, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
