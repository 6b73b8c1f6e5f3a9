"""MkDocs hooks: the thin adapter between MkDocs and the catalogue.

The pages themselves come from macros.render.site, which knows nothing of MkDocs. Here
they become virtual files (no stub file per entry), the navigation is taken
from the data, and catalogue.json is written next to the site.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from macros.mkdocs_incremental import Session, reuse_theme_listing, silence_dirty_warning
from macros.publish import cms
from macros.publish.export import write_export
from macros.publish.output_scan import report, scan_site
from macros.read.catalogue import NATIONAL, CatalogueError, load_catalogue_cached
from macros.read.settings import local_folder_of
from macros.render import page_assets
from macros.render.paths import LAST_BUILD, LOCAL_CSS, PDF_FOLDER, THEME_CSS
from macros.render.search_index import enrich
from macros.render.site import Site, template_cache


# Set by on_startup: `mkdocs serve` builds without PDFs; its pages link those of the last build.
_serving = False
# `mkdocs serve --dirty` (`make serve`): each rebuild renders only the pages that changed (macros/mkdocs_incremental.py).
_incremental: Session | None = None

# The build under way: the catalogue is loaded and the site set up once per build, in on_config (which
# `mkdocs serve` runs again for every rebuild), never per page.
_site: Site
_abbreviations: str


def on_startup(*, command, dirty):
    global _serving, _incremental
    _serving = command == "serve"
    _incremental = Session() if _serving and dirty else None
    if _incremental:
        silence_dirty_warning()


def on_config(config):
    """Branding lives in one place, `extra.brand` in mkdocs.yml; the theme's own settings follow from it."""
    global _site, _abbreviations
    brand = config.extra.setdefault("brand", {})
    if brand.get("logo"):
        config.theme["logo"] = brand["logo"]
    config.extra_css.insert(0, THEME_CSS)
    if not config.repo_url:  # MkDocs would make the pencil a relative link (edit/main/…) into this very site
        config.edit_uri = config.edit_uri_template = None
    try:
        catalogue = load_catalogue_cached(Path(config.config_file_path).parent, local_folder_of(config.extra))
        _site = Site(catalogue, site_url=config.site_url or "", brand=brand)
    except CatalogueError as error:
        raise PluginError(f"Kataloget har fejl:\n{error}") from None
    _abbreviations = _site.abbreviations()
    if catalogue.has_local_content() and LOCAL_CSS not in config.extra_css:
        config.extra_css.append(LOCAL_CSS)
    if _incremental and "material/search" in config.plugins:
        # Material's own dirty merge of the search index assumes one page per rebuild; Session.search_index merges.
        config.plugins["material/search"].is_dirty = False
    if _incremental:
        reuse_theme_listing(config.theme)
    if _serving:
        last_build = Path(config.config_file_path).parent / LAST_BUILD
        _site.pdf_exists = lambda path: (last_build / path).is_file()


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
    if _serving:  # the PDFs the last `make build` printed, served as they are (made again by the next build)
        last_build = Path(config.config_file_path).parent / LAST_BUILD
        for pdf in sorted((last_build / PDF_FOLDER).rglob("*.pdf")):
            files.append(File.generated(config, pdf.relative_to(last_build).as_posix(), abs_src_path=str(pdf)))
    _add_editor_files(files, config)
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    for file in files.documentation_pages():
        if file.generated_by is None:  # a hand-written page in docs/: edit it where it lives
            file.edit_uri = f"{docs}/{file.src_uri}"
    config.nav = _site.nav(pages)
    return files


def on_nav(nav, config, files):
    if _incremental:
        _incremental.plan(nav, files, config, _abbreviations)
    return nav


def on_env(env, config, files):
    """Material's templates compiled once, not on every build and `mkdocs serve` rebuild (MkDocs makes a new
    Jinja environment each time): a fifth of a rebuild at 16 areas went into compiling them."""
    env.bytecode_cache = template_cache()
    return env


def _add_editor_files(files, config):
    """The browser editor's configuration (/admin/), generated from the schemas; its preview gets the site's styles."""
    schema_dir = Path(config.config_file_path).parent / NATIONAL / "schema"
    files.append(File.generated(config, "admin/config.yml", content=cms.config_yaml(schema_dir, dict(config))))
    material = sorted(file.src_uri for file in files
                      if file.src_uri.startswith("assets/stylesheets/") and file.src_uri.endswith(".min.css"))
    styles = [f"../{path}" for path in material + [str(css) for css in config.extra_css]]
    setup = {"shapes": cms.shapes(schema_dir, dict(config)), "preview_styles": styles}
    files.append(File.generated(config, "admin/setup.json", content=json.dumps(setup, ensure_ascii=False, sort_keys=True)))


def on_page_markdown(markdown, page, config, files):
    """Every page explains the glossary's terms on hover (Markdown abbreviations from catalogue/terms/)."""
    return markdown + "\n\n" + _abbreviations


def on_post_page(output, page, config):
    """Each page links only the site's own style sheets and scripts its markup uses (macros/render/page_assets.py),
    and Material's page toggles lose an attribute HTML does not allow on them (_valid_toggles)."""
    return _valid_toggles(page_assets.trim(output))


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a file of the local layer changes (mkdocs.yml's `watch:` cannot name a folder
    that may not exist)."""
    if _site.catalogue.local_folder:
        server.watch(str(_site.catalogue.root / _site.catalogue.local_folder))
    return server


@event_priority(-50)  # after Material's search plugin writes the index (0), before `offline` copies it (-100)
def on_post_build(config):
    """The search index gets Danish folded forms and synonyms; then the build reads its own output (no script
    the theme did not write, no markup left unrendered) and writes catalogue.json."""
    index_file = Path(config.site_dir, "search", "search_index.json")
    if index_file.exists():
        index = json.loads(index_file.read_text(encoding="utf-8"))
        if _incremental:  # Material's index holds only the pages this rebuild rendered
            index = _incremental.search_index(index)
        index = enrich(index, _site.catalogue)
        index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # as Material writes it
    # W04 (placeholders) is advice while editing, stops `catalogue build`. A rebuild reads what it wrote again.
    only = _incremental.rendered_paths() | {"404.html"} if _incremental else None
    problems = scan_site(config.site_dir, placeholders=False, only=only, cache=_site.cache)
    if problems:
        raise PluginError("Den byggede side indeholder noget, en læser ikke må få:\n" + report(problems))
    write_export(_site, config.site_dir)  # catalogue.json and its JSON Schema
    if _incremental:
        _incremental.commit()


def on_build_error(error):
    if _incremental:  # a page that failed or warned is rendered again by the next build, and so is every other
        _incremental.forget()


# Material writes its two page toggles (base.html, outside any template block, so no partial can override them)
# as <input type="checkbox" … autocomplete="off">; `autocomplete` is not allowed on checkboxes (Nu validator).
MATERIAL_TOGGLES = [f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"' for name in ("drawer", "search")]


def _valid_toggles(html: str) -> str:
    for toggle in MATERIAL_TOGGLES:
        if toggle + ' autocomplete="off">' not in html and toggle + ">" not in html:
            raise PluginError(f"Material's toggle {toggle}> has changed; revisit _valid_toggles in {__name__}.")
        html = html.replace(toggle + ' autocomplete="off">', toggle + ">")
    return html


def on_post_template(output_content, template_name, config):
    return _valid_toggles(output_content) if template_name == "404.html" else output_content
