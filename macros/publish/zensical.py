"""The same catalogue built with Zensical, the Material team's successor to MkDocs + Material: the proven way off
Material when it must be taken. MkDocs + Material stays the default build.

Zensical reads mkdocs.yml but does not run `hooks:` (silently) and has no API for generated pages yet, so this
step does before the build what the hook does during it: it writes a build folder with the docs (docs/ copied,
every generated page from Site.pages() with the glossary's abbreviations, the theme's CSS from the branding,
the Word and calendar files) and a configuration made from mkdocs.yml with the navigation from the data. Prose
pages get their macros run here (Zensical's own macros need a module it can import without this package).
Then `zensical build`, and catalogue.json with its schema, as the hook writes them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..read.catalogue import load_catalogue
from ..read.settings import local_folder_of
from ..render.paths import LAST_BUILD, LOCAL_CSS, PDF_FOLDER, THEME_CSS
from ..render.site import Site
from .export import write_export

BUILD_FOLDER = ".zensical"  # Zensical wants docs_dir and site_dir inside the folder of its configuration
# mkdocs.yml settings Zensical cannot use: the hook (done here instead), the folders it watches, and the macros
# plugin (run here: Zensical's would need a module it can import without this package).
DROPPED = ("hooks", "watch", "INHERIT")
DROPPED_PLUGINS = ("macros",)
# Zensical's bundle names more outside scripts than Material's, each loaded only for a feature this site does not
# use (running Python in code blocks, a code editor, an image lightbox): its privacy guard would otherwise fail the
# strict build. The browser tests check that no page asks for any of them.
ZENSICAL_BUNDLE_ONLY = ["unpkg.com/pyodide@*", "unpkg.com/ace-builds@*", "unpkg.com/glightbox@*",
                        "unpkg.com/resize-observer-polyfill*"]


def read_config(root: Path) -> dict:
    """mkdocs.yml as data. Its only tags are MkDocs' !ENV and Python names, neither used by this project."""
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}


def zensical_config(config: dict, site: Site, pages: list) -> dict:
    """mkdocs.yml as Zensical gets it: what the hook changes in on_config and on_files, done here."""
    out = {key: value for key, value in config.items() if key not in DROPPED}
    out["plugins"] = []
    for plugin in config.get("plugins", []):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        if name == "privacy":
            options = {**options, "assets_exclude": [*options.get("assets_exclude", []), *ZENSICAL_BUNDLE_ONLY]}
        if name not in DROPPED_PLUGINS:
            out["plugins"].append({name: options} if options else name)
    out["docs_dir"], out["site_dir"] = "docs", "site"
    out["nav"] = site.nav(pages)
    out["extra_css"] = [THEME_CSS, *config.get("extra_css", [])]
    if site.catalogue.has_local_content():
        out["extra_css"].append(LOCAL_CSS)
    brand = (config.get("extra") or {}).get("brand") or {}
    theme = out["theme"] = dict(config.get("theme") or {})
    if brand.get("logo"):
        theme["logo"] = brand["logo"]
    if not config.get("repo_url"):  # as the hook does: no pencil pointing into the site itself
        out.pop("edit_uri", None)
    # The pages are generated files in the build folder: an edit link would open a file that is not in the
    # repository (Zensical has no per-page edit address yet), so the pencil is left out.
    theme["features"] = [feature for feature in theme.get("features", []) if feature != "content.action.edit"]
    return out


def site_of(root: Path, config: dict) -> Site:
    extra = config.get("extra") or {}
    catalogue = load_catalogue(root, local_folder=local_folder_of(extra))  # with the local layer, as the hook
    return Site(catalogue, site_url=config.get("site_url") or "", brand=extra.get("brand") or {})


# Overrides that call Material's template API or lay out its blocks (main.html swaps the search worker and loads
# the index on demand), which Zensical's templates do not have: Zensical uses its own there.
ZENSICAL_SKIPS = ("partials/toc.html", "partials/search.html", "partials/header.html", "main.html")


def prepare(root: Path, folder: Path) -> Path:
    """Write the build folder (docs/ and zensical.yml) for the catalogue at root; return the configuration file."""
    config = read_config(root)
    site = site_of(root, config)
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    for partial in ZENSICAL_SKIPS:
        (docs / "overrides" / partial).unlink(missing_ok=True)
    site.pdf_exists = lambda path: (root / LAST_BUILD / path).is_file()
    abbreviations = site.abbreviations()
    pages = site.pages()
    for page in pages:
        markdown = site.expand_macros(page) if page.edit_path and page.edit_path.startswith("content/") else page.markdown
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown + "\n\n" + abbreviations, encoding="utf-8")
    (docs / THEME_CSS).write_text(site.theme_css((config.get("extra") or {}).get("brand") or {}), encoding="utf-8")
    for path, content in site.download_files():
        (docs / path).write_bytes(content)
    # No PDFs are printed here: as in `mkdocs serve`, the pages link those of the last `make build`, or say
    # where they come from.
    last_build = root / LAST_BUILD
    for pdf in sorted((last_build / PDF_FOLDER).rglob("*.pdf")):
        (docs / pdf.relative_to(last_build)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pdf, docs / pdf.relative_to(last_build))
    target = folder / "zensical.yml"
    target.write_text(yaml.safe_dump(zensical_config(config, site, pages), allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return target


def build(root: Path, site_dir: Path, folder: Path | None = None) -> int:
    """Prepare the build folder (default: .zensical/ in the project), run `zensical build`, write catalogue.json
    and its schema, then move the result to site_dir."""
    root, site_dir = Path(root), Path(site_dir).resolve()
    folder = folder or root / BUILD_FOLDER
    config_file = prepare(root, folder)
    site = site_of(root, read_config(root))
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "--clean", "--strict", "--config-file", str(config_file)],
                            cwd=folder)
    if result.returncode != 0:
        return result.returncode
    built = folder / "site"
    write_export(site, built)
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(built, site_dir)
    return 0
