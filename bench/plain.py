"""The plain comparison site: the project's rendered pages as static Markdown, built by MkDocs and Material
with the same theme, plugins and navigation, but without the macros plugin and without hooks. Three
configurations: mkdocs.yml (navigation.prune, like the project), mkdocs-noprune.yml (without it), and
mkdocs-defaults.yml (Material's defaults: MkDocs' automatic navigation of every page, no prune; the issue's
"plain Material site").

The list of pages comes from the project's own `Site(...).pages()`; each page's text is the Markdown that
MkDocs converted in the project's capture build (after the macros plugin and the project's hooks), with
its front matter. Run with the project copy on sys.path (bench/run.py does):

    python bench/plain.py PROJECT CAPTURE_DIR PLAIN_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml


def front_matter(meta: dict) -> str:
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def config(project: Path, capture: dict, *, prune: bool, nav: bool = True) -> dict:
    conf = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):
        conf.pop(key, None)
    conf["plugins"] = [p for p in conf.get("plugins", [])
                       if (p if isinstance(p, str) else next(iter(p))) != "macros"]
    written = {(e if isinstance(e, str) else next(iter(e))): e for e in conf.get("markdown_extensions") or []}
    conf["markdown_extensions"] = [written.get(name, name) if options is None else ({name: options} if options else name)
                                   for name, options in capture["markdown_extensions"].items()]
    if nav:
        conf["nav"] = capture["nav"]
    else:  # MkDocs' automatic navigation: every page, by folder
        conf.pop("nav", None)
    conf["extra_css"] = capture["extra_css"]
    conf["extra_javascript"] = capture["extra_javascript"]
    if capture["logo"]:
        conf["theme"]["logo"] = capture["logo"]
    features = [f for f in conf["theme"].get("features", []) if f != "navigation.prune"]
    conf["theme"]["features"] = features + (["navigation.prune"] if prune else [])
    return conf


def make_plain(project: Path, capture_dir: Path, target: Path) -> int:
    from macros.read.catalogue import load_catalogue  # the project copy's own code
    from macros.render.site import Site

    capture = json.loads((capture_dir / "capture.json").read_text(encoding="utf-8"))
    pages = Site(load_catalogue(project, with_dates=False)).pages()
    captured = capture["pages"]
    missing = [page.path for page in pages if page.path not in captured]
    if missing:
        raise SystemExit(f"pages of Site.pages() missing from the capture: {missing[:5]}")

    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    if (capture_dir / "files").is_dir():
        shutil.copytree(capture_dir / "files", docs, dirs_exist_ok=True)
    # Site.pages() plus any hand-written page in docs/: every page the project build converted.
    for path in dict.fromkeys([page.path for page in pages] + list(captured)):
        page = captured[path]
        file = docs / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(front_matter(page["meta"]) + page["markdown"], encoding="utf-8")
    for name, prune, nav in (("mkdocs.yml", True, True), ("mkdocs-noprune.yml", False, True),
                             ("mkdocs-defaults.yml", False, False)):
        (target / name).write_text(yaml.safe_dump(config(project, capture, prune=prune, nav=nav),
                                                  allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(captured)


if __name__ == "__main__":
    project, capture_dir, target = (Path(arg).resolve() for arg in sys.argv[1:4])
    sys.path.insert(0, str(project))
    print(make_plain(project, capture_dir, target))
