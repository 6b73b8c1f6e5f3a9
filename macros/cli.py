"""The `catalogue` command: validate, list and build the catalogue site."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .publish import csp, dist
from .read.catalogue import LOCAL_FOLDER, NATIONAL, CatalogueError, load_catalogue
from .read.settings import read_site_config


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / NATIONAL).is_dir():
            return folder
    raise SystemExit("Fandt ingen mkdocs.yml med en catalogue/-mappe her eller i mapperne ovenover.")


def local_folder(root: Path) -> str | None:
    return read_site_config(root)["local_folder"]


def site_pages(root: Path):
    """For the loader's link check (K20): each entry's page and every docs-relative path the site will have."""
    from .render.paths import INDEX_PATHS, PAGE_PATHS, page_path

    def pages(catalogue) -> tuple[dict, set]:
        page_of = {(kind, entry_id): page_path(kind, entry_id)
                   for kind in PAGE_PATHS for entry_id in catalogue.entries.get(kind, {})}
        # Shown on the page of the area, strand, guide (or, for a local note, tool) they belong to.
        for kind in ("recommendations", "tools", "notes"):
            for entry_id, entry in catalogue.entries[kind].items():
                owner = next(((PAGE_PATHS_OF[key], entry[key]) for key in PAGE_PATHS_OF if key in entry), None)
                if owner and (kind, entry_id) not in page_of:
                    page_of[(kind, entry_id)] = page_path(*owner)
        known = set(page_of.values()) | set(INDEX_PATHS.values())
        known |= {page_path("pages", page.stem) for page in catalogue.local_pages()}  # the local layer's prose
        known |= {p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*") if p.is_file()}
        known |= {p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file()}
        return page_of, known

    return pages


PAGE_PATHS_OF = {"area": "areas", "strand": "strands", "guide": "guides", "tool": "tools"}


# Advice that stops a build: a page must not go out with a placeholder from `catalogue new` in it.
BLOCKING_IN_BUILD = {"W04"}


def cmd_validate(root: Path, args, blocking: set[str] = frozenset()) -> int:
    """Check the catalogue; warnings whose code is in `blocking` count as errors (the build's, not validate's)."""
    try:
        catalogue = load_catalogue(root, with_dates=False, with_advice=True, local_folder=local_folder(root),
                                   site_pages=site_pages(root))
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in catalogue.warnings:
        print(warning, file=sys.stderr)
    if stopping := [warning for warning in catalogue.warnings if warning.code in blocking]:
        print(f"{len(stopping)} pladsholder(e) fra 'catalogue new' står der stadig ({', '.join(sorted(blocking))}); "
              "siden bygges først, når de er erstattet med rigtig tekst.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(entries)} {kind}" for kind, entries in catalogue.entries.items() if entries)
    advice = f" {len(catalogue.warnings)} råd (W-koder) bør ses efter." if catalogue.warnings else ""
    print(f"Kataloget er i orden: {counts}.{advice}", flush=True)
    return 0


def cmd_list(root: Path, args) -> int:
    catalogue = load_catalogue(root, with_dates=False, local_folder=local_folder(root))
    for kind, entries in catalogue.entries.items():
        if args.kind and kind != args.kind:
            continue
        for entry_id, entry in entries.items():
            title = entry.get("title") or entry.get("term") or entry.get("text", "")
            print(f"{kind}\t{entry_id}\t{' '.join(title.split())[:70]}\t{catalogue.file_of(kind, entry_id)}")
    return 0


def cmd_new(root: Path, args) -> int:
    from .read.scaffold import new_entry

    catalogue = load_catalogue(root, with_dates=False, local_folder=local_folder(root))
    owner = next(((kind, getattr(args, kind)) for kind in ("area", "strand", "guide", "tool") if getattr(args, kind)), None)
    try:
        path = new_entry(catalogue, args.kind, args.id, owner,
                         local_folder=(local_folder(root) or LOCAL_FOLDER) if args.local else None)
    except (FileExistsError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Oprettet: {path.relative_to(root)}. Udfyld felterne, og kør 'catalogue validate'.")
    return 0


def cmd_fmt(root: Path, args) -> int:
    """Rewrite every catalogue file in the canonical form; with --check only list those that are not."""
    from .read.fmt import format_catalogue

    changed, problems = format_catalogue(root, check=args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    for path in changed:
        print(path.relative_to(root))
    if args.check and changed:
        print(f"{len(changed)} fil(er) er ikke i den faste form; kør 'catalogue fmt'.", file=sys.stderr)
    return 1 if problems or (args.check and changed) else 0


def make_pdfs(root: Path, site_dir: Path) -> int:
    """Print every tool, flyer and the whole catalogue to PDF inside the freshly built site_dir."""
    from .publish.pdf import build_pdfs  # Playwright is imported only when PDFs are made

    try:
        report = build_pdfs(root, site_dir)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    print(f"{len(report.pages)} PDF'er ({sum(report.pages.values())} sider) lavet på {report.seconds:.1f} s.")
    return 0


def cmd_build(root: Path, args) -> int:
    """Build strictly into a fresh folder, then swap it in: a failed build leaves the old site untouched."""
    if cmd_validate(root, args, blocking=BLOCKING_IN_BUILD):
        return 1
    target = (root / args.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    if (epoch := dist.source_date_epoch(root)) is not None:  # the last commit's time, not the clock
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging),
               "--config-file", str(root / "mkdocs.yml")]
    if subprocess.run(command, cwd=root, env=env).returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Bygningen fejlede; {args.site_dir}/ er uændret.", file=sys.stderr)
        return 1
    if not getattr(args, "no_pdf", False) and make_pdfs(root, staging):
        shutil.rmtree(staging, ignore_errors=True)
        print(f"PDF'erne kunne ikke laves; {args.site_dir}/ er uændret.", file=sys.stderr)
        return 1
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Siden er bygget i {args.site_dir}/.")
    return 0


def cmd_dist(root: Path, args) -> int:
    """Build, then zip the site with its SHA-256: the same commit gives the same checksum."""
    examples = dist.example_addresses(read_site_config(root))
    warning = ("ADVARSEL " * 8 + "\nmkdocs.yml har eksempel-adresser, som læserne vil se (på PDF'erne, i QR-koderne "
               "eller bag blyanten):\n" + "".join(f"  {line}\n" for line in examples)
               + "Sæt jeres egne adresser, eller fjern linjerne, før I udgiver zip-filen.\n" + "ADVARSEL " * 8)
    if examples:  # before the long build, and again after it, where the eye lands
        print(warning, file=sys.stderr)
    epoch = dist.source_date_epoch(root)
    if epoch is None:
        print("Fandt ingen commit at tage tidspunktet fra; sæt SOURCE_DATE_EPOCH.", file=sys.stderr)
        return 1
    if cmd_build(root, args):
        return 1
    archive = root / args.out / f"{dist.NAME}-{dist.version(root)}.zip"
    dist.write_zip((root / args.site_dir).resolve(), archive, epoch)
    print(dist.write_checksum(archive).read_text(encoding="ascii").strip())
    if examples:
        print(warning, file=sys.stderr)
    return 0


def cmd_csp(root: Path, args) -> int:
    """Write the nginx include with the Content-Security-Policy (inline hashes) of the built site."""
    site = root / args.site_dir
    if not (site / "index.html").is_file():
        print(f"Fandt ingen bygget side i {args.site_dir}/; kør først catalogue build.", file=sys.stderr)
        return 1
    try:
        include = csp.nginx_include(site)
    except csp.UnhashableInline as error:
        print(error, file=sys.stderr)
        return 1
    (root / args.output).write_text(include, encoding="utf-8")
    print(f"Skrev {args.output}.")
    return 0


def cmd_zensical(root: Path, args) -> int:
    """The same catalogue built with Zensical (macros.publish.zensical); no PDFs."""
    from .publish import zensical

    if cmd_validate(root, args):
        return 1
    if not Path(sys.executable).with_name("zensical").exists():
        print("Zensical er ikke installeret: pip install -c constraints.txt -e '.[zensical]' (make zensical gør det).",
              file=sys.stderr)
        return 1
    if zensical.build(root, root / args.site_dir):
        print("Zensical-bygningen fejlede; se ovenfor.", file=sys.stderr)
        return 1
    print(f"Siden er bygget med Zensical i {args.site_dir}/.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogue", description="Værktøj til sygefraværskataloget.")
    parser.add_argument("--root", type=Path, default=None, help="projektets mappe (standard: find den)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="tjek alle filer i catalogue/ og vis alle fejl")
    listing = commands.add_parser("list", help="vis posterne med id, titel og fil")
    listing.add_argument("kind", nargs="?", help="kun denne slags, fx areas")
    new = commands.add_parser("new", help="opret en ny post ud fra skemaet, med alle felter forklaret")
    new.add_argument("kind", choices=["area", "tool", "recommendation", "term", "challenge", "source", "note", "contact"])
    new.add_argument("id", nargs="?", help="postens id (standard: næste ledige)")
    for owner in ("area", "strand", "guide", "tool"):
        new.add_argument(f"--{owner}", help=f"id på det {owner}, posten (eller noten) hører til")
    new.add_argument("--local", action="store_true",
                     help="opret posten i jeres lokale mappe (lokalt/) i stedet for i det nationale katalog; "
                          "noter og kontakter oprettes altid lokalt")
    formatting = commands.add_parser("fmt", help="skriv alle filer i catalogue/ i den faste form (nøgler i skemaets rækkefølge)")
    formatting.add_argument("--check", action="store_true", help="ret intet; vis filerne, der ikke er i den faste form")
    build = commands.add_parser("build", help="byg siden strengt; en fejlet bygning rører ikke den gamle")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--no-pdf", action="store_true", help="spring PDF'erne over (hurtigere; ingen Chromium)")
    packing = commands.add_parser("dist", help="byg siden og pak den i en reproducerbar zip med SHA-256")
    packing.add_argument("--site-dir", default="site")
    packing.add_argument("--out", default="dist", help="mappen til zip- og checksumfilen")
    policy = commands.add_parser("csp", help="skriv nginx' Content-Security-Policy ud fra den byggede side")
    policy.add_argument("--site-dir", default="site")
    policy.add_argument("--output", default="hosting/nginx/sygefravaer-csp.conf")
    other = commands.add_parser("zensical", help="byg det samme katalog med Zensical (vejen væk fra Material)")
    other.add_argument("--site-dir", default="site-zensical")
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd())).resolve()
    command = {"validate": cmd_validate, "list": cmd_list, "new": cmd_new, "build": cmd_build,
               "dist": cmd_dist, "csp": cmd_csp, "zensical": cmd_zensical, "fmt": cmd_fmt}[args.command]
    try:
        return command(root, args)
    except CatalogueError as error:  # e.g. `new` or `list` on a broken catalogue: the same report as `validate`
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
