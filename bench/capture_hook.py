"""Bench-only MkDocs hook: records what the project hands to MkDocs, so the plain comparison site can be
made of exactly the same pages, files and navigation.

Added after the project's own hooks (and after the macros plugin) by bench/run.py, only for the untimed
capture build; it writes $BENCH_CAPTURE/capture.json and the generated non-page files under
$BENCH_CAPTURE/files/.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

_pages: dict[str, dict] = {}


def _out() -> Path:
    return Path(os.environ["BENCH_CAPTURE"])


@event_priority(-100)  # after every other on_files: the project's generated files are all there
def on_files(files, config):
    _pages.clear()
    for file in files:
        if file.generated_by is not None and not file.is_documentation_page():
            target = _out() / "files" / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    return files


@event_priority(-100)  # after the macros plugin and the project's hooks: the Markdown MkDocs converts
def on_page_markdown(markdown, page, config, files):
    _pages[page.file.src_uri] = {"meta": page.meta, "markdown": markdown}
    return markdown


def _plain(value):
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return None


def on_post_build(config):
    scripts = [{"path": s.path, "type": s.type, "defer": s.defer, "async": s.async_}
               if hasattr(s, "path") else str(s) for s in config.extra_javascript]
    capture = {
        "pages": _pages,
        "nav": config.nav,
        "extra_css": list(config.extra_css),
        "extra_javascript": scripts,
        "logo": config.theme.get("logo"),
        # Extensions as configured after every on_config (a hook may set options); an option that is not plain
        # data (a function) is None here and taken from mkdocs.yml instead.
        "markdown_extensions": {name: _plain(config.mdx_configs.get(name, {})) for name in config.markdown_extensions},
        "macros_module": sys.modules["macros"].__file__ if "macros" in sys.modules else None,
    }
    (_out() / "capture.json").write_text(json.dumps(capture, ensure_ascii=False, default=str), encoding="utf-8")
