"""`catalogue fmt`: one canonical text for every catalogue file.

A file written by hand and one saved by the browser editor (/admin/) must look the same, so that diffs
show only what changed. The canonical form:

- the schema modeline first (`# yaml-language-server: $schema=../schema/<kind>.schema.json`),
- keys in the order of the schema's `properties` (unknown keys last, as found), block style throughout,
- a single-line text plain where YAML reads it back as the same text, else in double quotes; a text too
  long for the line folded (`>-`) at spaces within WIDTH columns; a text with line breaks literal (`|-`).

The same algorithm is written in JavaScript for the editor (docs/admin/catalogue-format.js); a test runs both
over the whole catalogue and compares the bytes. Keep the two in step.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from .catalogue import KINDS, NATIONAL, entry_layers, read_schemas
from .settings import read_site_config
from .yamlfile import YamlRefused, parse

WIDTH = 100

# Scalars that YAML 1.1 (PyYAML) or 1.2 would read as something other than text: these stay quoted.
_NOT_TEXT = re.compile(
    r"^(?:[-+.]?[0-9][0-9a-zA-Z_.:+-]*"          # numbers, dates, times, 1_000, 0x1f, 1:20
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"          # timestamps with a time part
    r"|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
    r"|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029]")  # escaped in quotes, never plain


class Schemas:
    """The catalogue's JSON Schemas with $ref resolved: the key order of every object in every kind."""

    def __init__(self, schema_dir: Path):
        self.by_name = read_schemas(schema_dir)

    def for_kind(self, kind: str) -> tuple[dict, str]:
        name = f"{KINDS[kind]}.schema.json"
        return self.by_name[name], name

    def resolve(self, node: dict, base: str) -> tuple[dict, str]:
        """Follow $ref; the referring node's own keywords (title, description, x-refers-to) win."""
        while isinstance(node, dict) and "$ref" in node:
            file, _, pointer = node["$ref"].partition("#")
            file = file or base
            target = self.by_name[file]
            for part in [p for p in pointer.split("/") if p]:
                target = target[part]
            node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
            base = file
        return node, base

    def object_branch(self, node: dict, base: str) -> tuple[dict, str] | None:
        """The object schema inside node (itself, or the branch of anyOf/oneOf that is an object)."""
        node, base = self.resolve(node, base)
        if "properties" in node:
            return node, base
        for branch in node.get("anyOf", []) + node.get("oneOf", []):
            found = self.object_branch(branch, base)
            if found:
                return found
        return None

    def items(self, node: dict | None, base: str) -> tuple[dict | None, str]:
        if node is None:
            return None, base
        node, base = self.resolve(node, base)
        return node.get("items"), base


# ---------------------------------------------------------------- scalars


def _quoted(text: str) -> str:
    escaped = json.dumps(text, ensure_ascii=False)
    return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)


def plain_ok(text: str) -> bool:
    return bool(
        text and text == text.strip(" ") and text[0] not in _INDICATORS and not _UNSAFE_CHARS.search(text)
        and ": " not in text and " #" not in text and not text.endswith(":") and not _NOT_TEXT.match(text))


def _foldable(text: str) -> bool:
    return " " in text and text == text.strip(" ") and "  " not in text and not _UNSAFE_CHARS.search(text)


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    body = lines[:-1] if text.endswith("\n") else lines
    return (
        bool(body) and body[0] != "" and not body[0].startswith(" ") and not text.endswith("\n\n")
        and not _UNSAFE_CHARS.search(text.replace("\n", ""))
        and not any(line and line.strip(" ") == "" for line in body))


def _string(prefix: str, text: str, indent: int) -> list[str]:
    """Lines for `prefix` (the key or dash already written) followed by the text; indent = block indent."""
    pad = " " * indent
    if "\n" in text and _literal_ok(text):
        header = "|" if text.endswith("\n") else "|-"
        body = text[:-1] if text.endswith("\n") else text
        return [f"{prefix} {header}"] + [pad + line if line else "" for line in body.split("\n")]
    if "\n" not in text:
        if plain_ok(text) and len(prefix) + 1 + len(text) <= WIDTH:
            return [f"{prefix} {text}"]
        if len(prefix) + 1 + len(_quoted(text)) > WIDTH and _foldable(text):
            lines, line = [], ""
            for word in text.split(" "):
                if line and len(pad) + len(line) + 1 + len(word) > WIDTH:
                    lines.append(pad + line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            return [f"{prefix} >-"] + lines + [pad + line]
    return [f"{prefix} {_quoted(text)}"]


def _scalar(value) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


# ---------------------------------------------------------------- collections


def _ordered_keys(mapping: dict, node: dict | None) -> list:
    order = list(node.get("properties", {})) if node else []
    return [key for key in order if key in mapping] + [key for key in mapping if key not in order]


def _key(key) -> str:
    return key if isinstance(key, str) and plain_ok(key) else _quoted(str(key))


def _mapping(mapping: dict, node, base, schemas: Schemas, indent: int, first_prefix: str | None = None) -> list[str]:
    branch = schemas.object_branch(node, base) if node is not None else None
    node, base = branch if branch else (None, base)
    lines: list[str] = []
    for key in _ordered_keys(mapping, node):
        lead = first_prefix if first_prefix is not None and not lines else " " * indent
        child = (node or {}).get("properties", {}).get(key)
        lines += _value(f"{lead}{_key(key)}:", mapping[key], child, base, schemas, indent)
    return lines


def _value(prefix: str, value, node, base, schemas: Schemas, indent: int) -> list[str]:
    """indent: the column of the key (or dash) that prefix ends with; children go two further."""
    if isinstance(value, dict):
        if not value:
            return [f"{prefix} {{}}"]
        return [prefix] + _mapping(value, node, base, schemas, indent + 2)
    if isinstance(value, list):
        if not value:
            return [f"{prefix} []"]
        return [prefix] + _sequence(value, node, base, schemas, indent + 2)
    if isinstance(value, str):
        return _string(prefix, value, indent + 2)
    return [f"{prefix} {_scalar(value)}"]


def _sequence(items: list, node, base, schemas: Schemas, indent: int) -> list[str]:
    item_node, base = schemas.items(node, base)
    lines: list[str] = []
    dash = " " * indent + "-"
    for item in items:
        if isinstance(item, dict) and item:
            lines += _mapping(item, item_node, base, schemas, indent + 2, first_prefix=dash + " ")
        else:
            lines += _value(dash, item, item_node, base, schemas, indent)
    return lines


def schema_folder(layer: str, kind: str) -> str:
    """Where the schemas are, seen from an entry file in <layer>/<kind>/: ../schema in the national catalogue,
    ../../catalogue/schema in lokalt/."""
    return posixpath.relpath(f"{NATIONAL}/schema", f"{layer}/{kind}")


def modeline(layer: str, kind: str) -> str:
    """An entry file's first line: the schema the editor's YAML extension checks it against."""
    return f"# yaml-language-server: $schema={schema_folder(layer, kind)}/{KINDS[kind]}.schema.json"


def canonical(data: dict, kind: str, schemas: Schemas, layer: str = NATIONAL) -> str:
    """The canonical text of one entry of this kind (folder name under catalogue/) in that layer's folder."""
    node, base = schemas.for_kind(kind)
    lines = [modeline(layer, kind)] + _mapping(data, node, base, schemas, 0)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- files


class NotFormattable(Exception):
    """The file cannot be read (fix it first: `catalogue validate` says how)."""


def format_text(text: str, kind: str, schemas: Schemas, layer: str = NATIONAL) -> str:
    try:
        document = parse(text)
    except YamlRefused as error:
        raise NotFormattable("; ".join(f"linje {p[0]}: {p[2]}" for p in error.problems)) from None
    if document.problems:
        raise NotFormattable("; ".join(f"linje {p[0]}: {p[2]}" for p in document.problems))
    if not isinstance(document.data, dict):
        raise NotFormattable("filen skal indeholde felter (nøgle: værdi)")
    result = canonical(document.data, kind, schemas, layer)
    if parse(result).data != document.data:  # never write a file that means something else
        raise NotFormattable("den formaterede fil ville ændre indholdet; ret filen i hånden")
    return result


def catalogue_files(root: Path) -> list[tuple[str, Path]]:
    """Every entry file, the national catalogue's and the local layer's (lokalt/), which editors write too."""
    local = read_site_config(root)["local_folder"] if (root / "mkdocs.yml").exists() else None
    return [(kind, path) for layer, kinds in entry_layers(root, local) for kind in kinds
            for path in sorted((root / layer / kind).glob("*.yml"))]


def format_catalogue(root: Path, check: bool) -> tuple[list[Path], list[str]]:
    """Format (or with check, only compare) every catalogue file: (files not canonical, problems)."""
    schemas = Schemas(root / NATIONAL / "schema")
    changed, problems = [], []
    for kind, path in catalogue_files(root):
        text = path.read_text(encoding="utf-8")
        try:
            result = format_text(text, kind, schemas, layer=path.parent.parent.relative_to(root).as_posix())
        except NotFormattable as error:
            problems.append(f"{path.relative_to(root)}: {error}")
            continue
        if result != text:
            changed.append(path)
            if not check:
                path.write_text(result, encoding="utf-8")
    return changed, problems
