"""The few site settings that the catalogue's own code needs, read from mkdocs.yml without MkDocs."""

from __future__ import annotations

from pathlib import Path

import yaml

from .catalogue import LOCAL_FOLDER


def local_folder_of(extra: dict) -> str | None:
    """The local layer's folder (mkdocs.yml: extra.local_folder; default lokalt/; empty or false: none)."""
    folder = extra.get("local_folder", LOCAL_FOLDER)
    return str(folder).strip("/") if folder else None


def read_site_config(root: Path) -> dict:
    """site_name, site_description, site_url, extra.brand and extra.local_folder from mkdocs.yml, without
    MkDocs (tags such as !ENV or !!python/name are read as empty)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    extra = config.get("extra") or {}
    return {"site_name": config.get("site_name", ""), "site_description": config.get("site_description", ""),
            "site_url": config.get("site_url") or "", "brand": extra.get("brand") or {},
            "local_folder": local_folder_of(extra)}
