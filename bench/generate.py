"""Synthetic catalogues with the real structure, for the benchmark.

A copy of the project (mkdocs.yml, docs/, content/, macros/) is written to a folder of its own, with a
catalogue of any number of areas made from the real one:

- every kind of entry except areas, tools and recommendations is copied as it is (sources, roles, phases,
  guides, terms, strands and whatever kinds the catalogue gains later), with the schemas;
- synthetic area k is made from real area k mod R (R real areas, taken in number order). The first R are the
  real files themselves, byte for byte, so 16 areas is the real catalogue; each further block of R areas
  copies the real areas with new ids and numbers, references remapped to its own block, and every prose
  text scrambled word by word (each word replaced by a real catalogue word of the same length), so text
  sizes and Markdown structure stay real while no two pages are alike;
- tools and recommendations that belong to an area follow their area into every block (same proportions
  as the real catalogue); those that belong to a guide or a strand are copied once.

The result is validated by the project's own loader. Run with the project's Python:

    .venv/bin/python bench/generate.py --areas 160 /tmp/bench-160
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCALED = ("areas", "tools", "recommendations")
PROJECT_PARTS = ("docs", "content", "macros")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")

# Text that must survive scrambling: link targets, URLs, attribute lists, icons, code, HTML entities.
PROTECTED = re.compile(r"\]\([^)]*\)|https?://\S+|\{[^}]*\}|:[a-z0-9-]+:|`[^`]*`|&\w+;")
WORD = re.compile(r"[^\W\d_]+")


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks (as editors write it), one-line text never folded."""


def _represent_str(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: dict, schema: str) -> str:
    header = f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


class Scrambler:
    """Replaces every word of a prose text by a real catalogue word of the same length, deterministically."""

    def __init__(self, texts: list[str]):
        self.words: dict[int, list[str]] = {}
        for text in texts:
            for word in WORD.findall(text):
                if word.isalpha():
                    self.words.setdefault(len(word), []).append(word.lower())
        self.words = {length: sorted(set(words)) for length, words in self.words.items()}

    def _word(self, word: str, rng: random.Random) -> str:
        choices = self.words.get(len(word))
        if not choices:
            return word
        new = rng.choice(choices)
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new[0].upper() + new[1:] if word[0].isupper() else new

    def text(self, text: str, rng: random.Random) -> str:
        out, last = [], 0
        for match in PROTECTED.finditer(text):
            out.append(WORD.sub(lambda m: self._word(m.group(), rng), text[last:match.start()]))
            out.append(match.group())
            last = match.end()
        out.append(WORD.sub(lambda m: self._word(m.group(), rng), text[last:]))
        return "".join(out)


def _prose(value) -> bool:
    """A value editors write as text (ids, enums, page numbers and colours have no space)."""
    return isinstance(value, str) and " " in value.strip()


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _transform(data, *, rename: dict[str, str], scramble, path=()):
    """Copy of data with area ids renamed (only in id-like fields) and prose scrambled."""
    if isinstance(data, dict):
        return {key: _transform(value, rename=rename, scramble=scramble, path=path + (key,))
                for key, value in data.items()}
    if isinstance(data, list):
        return [_transform(value, rename=rename, scramble=scramble, path=path) for value in data]
    if isinstance(data, str):
        if path and path[0] in ("area", "related") and data in rename:
            return rename[data]
        if path and path[0] == "source":
            return data  # a citation of the real source document
        return scramble(data) if _prose(data) else data
    return data


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def copy_project(target: Path, root: Path = ROOT) -> None:
    """The project as a site author has it, without the catalogue (written separately)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    for part in PROJECT_PARTS:
        shutil.copytree(root / part, target / part, ignore=IGNORE)


def generate(areas: int, target: Path, root: Path = ROOT) -> dict[str, int]:
    """Write a project with a synthetic catalogue of `areas` areas into target; returns counts per kind."""
    copy_project(target, root)
    source, catalogue = root / "catalogue", target / "catalogue"
    catalogue.mkdir()
    shutil.copytree(source / "schema", catalogue / "schema")
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and p.name != "schema"):
        (catalogue / folder.name).mkdir()
        if folder.name not in SCALED:
            for path in folder.glob("*.yml"):
                shutil.copy(path, catalogue / folder.name / path.name)

    real = {kind: {path: _read(path) for path in sorted((source / kind).glob("*.yml"))} for kind in SCALED}
    real_areas = sorted(real["areas"].items(), key=lambda item: item[1]["number"])
    owned = {kind: {} for kind in ("tools", "recommendations")}  # area id -> [(path, data)]
    for kind in owned:
        for path, data in real[kind].items():
            if "area" in data:
                owned[kind].setdefault(data["area"], []).append((path, data))
            else:  # a guide's or a strand's: once
                shutil.copy(path, catalogue / kind / path.name)
    scrambler = Scrambler([text for kind in SCALED for data in real[kind].values() for text in _strings(data)
                          if _prose(text)])
    top_number = max(data["number"] for _, data in real_areas)
    count = len(real_areas)

    for k in range(areas):
        block, (path, area) = divmod(k, count)[0], real_areas[k % count]
        if block == 0:  # the real catalogue itself
            shutil.copy(path, catalogue / "areas" / path.name)
            for kind in owned:
                for owned_path, _ in owned[kind].get(area["id"], []):
                    shutil.copy(owned_path, catalogue / kind / owned_path.name)
            continue
        rename = {data["id"]: f"{data['id']}-x{block}" for _, data in real_areas}
        rng = random.Random(zlib.crc32(f"{area['id']}/{block}".encode()))
        scramble = lambda text: scrambler.text(text, rng)  # noqa: E731 - one generator per area and block
        new = _transform(area, rename=rename, scramble=scramble)
        new["id"], new["number"] = rename[area["id"]], area["number"] + block * top_number
        (catalogue / "areas" / f"{new['id']}.yml").write_text(dump(new, "area"), encoding="utf-8")
        for kind, schema in (("tools", "tool"), ("recommendations", "recommendation")):
            for _, data in owned[kind].get(area["id"], []):
                copy = _transform(data, rename=rename, scramble=scramble)
                copy["id"] = f"{data['id']}-x{block}"
                (catalogue / kind / f"{copy['id']}.yml").write_text(dump(copy, schema), encoding="utf-8")

    return {folder.name: len(list(folder.glob("*.yml"))) for folder in sorted(catalogue.iterdir())
            if folder.name != "schema"}


def validate(target: Path) -> None:
    """The project's own loader (schemas, references, strict YAML) must accept the synthetic catalogue."""
    sys.path.insert(0, str(target))
    try:
        from macros.read.catalogue import load_catalogue

        load_catalogue(target, with_dates=False)
    finally:
        sys.path.remove(str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, required=True)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to copy (default: this one)")
    parser.add_argument("target", type=Path)
    args = parser.parse_args()
    counts = generate(args.areas, args.target.resolve(), args.root.resolve())
    if not args.no_validate:
        validate(args.target.resolve())
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()))


if __name__ == "__main__":
    main()
