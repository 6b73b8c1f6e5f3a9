"""A reproducible zip of the built site, with its SHA-256: the same commit gives the same bytes.

Nothing in the zip may depend on when or where it was made: the build takes its clock from the last
commit (SOURCE_DATE_EPOCH, which MkDocs uses for the sitemap and its gzip header), entries are sorted,
and every entry gets the commit's time and the same permissions, whatever the umask or file system.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

NAME = "sygefravaer-katalog"
_ZIP_EARLIEST = 315532800  # 1980-01-01 UTC, the earliest time a zip entry can hold


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def source_date_epoch(root: Path) -> int | None:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit; None outside a git checkout."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    committed = _git(root, "log", "-1", "--format=%ct")
    return int(committed) if committed else None


# Addresses of the documentation's examples (RFC 2606 domains, github.com/example/…): a release that prints one
# on its PDFs or points its edit pencil at one looks broken to its readers.
EXAMPLE_ADDRESS = re.compile(r"(?:^|[/.@])example\.(?:dk|com|org|net)\b|(?:github|gitlab)\.com/example\b", re.I)


def example_addresses(config: dict) -> list[str]:
    """The settings (site_url, repo_url, extra.brand.email) that hold an example address, as 'name: value'."""
    settings = {"site_url": config.get("site_url"), "repo_url": config.get("repo_url"),
                "extra.brand.email": (config.get("brand") or {}).get("email")}
    return [f"{name}: {value}" for name, value in settings.items() if value and EXAMPLE_ADDRESS.search(str(value))]


def commit(root: Path) -> str | None:
    """The short id of the commit checked out (None outside a git checkout)."""
    return _git(root, "rev-parse", "--short=12", "HEAD")


def version(root: Path) -> str:
    """The short commit id the zip is named after ('ukendt' outside a git checkout)."""
    return commit(root) or "ukendt"


# Left out of the intranet release: the browser editor is for the preview and editing site only.
EXCLUDED = ("admin/",)


def write_zip(site_dir: Path, target: Path, epoch: int) -> None:
    """Every file under site_dir but EXCLUDED, sorted by path, with fixed time, permissions and compression."""
    stamp = time.gmtime(max(epoch, _ZIP_EARLIEST))[:6]
    files = sorted((path.relative_to(site_dir).as_posix(), path) for path in site_dir.rglob("*")
                   if path.is_file() and not path.relative_to(site_dir).as_posix().startswith(EXCLUDED))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w") as archive:
        for name, path in files:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.create_system = 3  # Unix, so the permissions below hold on every platform
            entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes(), compresslevel=9)
    partial.replace(target)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksum(archive: Path) -> Path:
    """`<archive>.sha256` in the format of `sha256sum`, so `sha256sum -c` verifies the zip."""
    checksum = archive.with_name(archive.name + ".sha256")
    checksum.write_text(f"{sha256(archive)}  {archive.name}\n", encoding="ascii")
    return checksum
