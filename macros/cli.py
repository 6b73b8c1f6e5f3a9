"""The `catalogue` command: validate, list and build the catalogue site."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .catalogue import CatalogueError, load_catalogue


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "catalogue").is_dir():
            return folder
    raise SystemExit("Fandt ingen mkdocs.yml med en catalogue/-mappe her eller i mapperne ovenover.")


def cmd_validate(root: Path, args) -> int:
    try:
        catalogue = load_catalogue(root, with_dates=False)
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in catalogue.warnings:
        print(warning, file=sys.stderr)
    counts = ", ".join(f"{len(entries)} {kind}" for kind, entries in catalogue.entries.items())
    print(f"Kataloget er i orden: {counts}.")
    return 0


def cmd_list(root: Path, args) -> int:
    catalogue = load_catalogue(root, with_dates=False)
    for kind, entries in catalogue.entries.items():
        if args.kind and kind != args.kind:
            continue
        for entry_id, entry in entries.items():
            title = entry.get("title") or entry.get("term") or entry.get("text", "")
            print(f"{kind}\t{entry_id}\t{' '.join(title.split())[:70]}\t{catalogue.file_of(kind, entry_id)}")
    return 0


def cmd_build(root: Path, args) -> int:
    """Build strictly into a fresh folder, then swap it in: a failed build leaves the old site untouched."""
    if cmd_validate(root, args):
        return 1
    target = (root / args.site_dir).resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging),
               "--config-file", str(root / "mkdocs.yml")]
    if subprocess.run(command, cwd=root, env=env).returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Bygningen fejlede; {args.site_dir}/ er uændret.", file=sys.stderr)
        return 1
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Siden er bygget i {args.site_dir}/.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogue", description="Værktøj til sygefraværskataloget.")
    parser.add_argument("--root", type=Path, default=None, help="projektets mappe (standard: find den)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="tjek alle filer i catalogue/ og vis alle fejl")
    listing = commands.add_parser("list", help="vis posterne med id, titel og fil")
    listing.add_argument("kind", nargs="?", help="kun denne slags, fx areas")
    build = commands.add_parser("build", help="byg siden strengt; en fejlet bygning rører ikke den gamle")
    build.add_argument("--site-dir", default="site")
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd())).resolve()
    return {"validate": cmd_validate, "list": cmd_list, "build": cmd_build}[args.command](root, args)


if __name__ == "__main__":
    sys.exit(main())
