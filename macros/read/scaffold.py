"""`catalogue new`: a new, valid entry written from its JSON Schema, every field explained in a comment.

The schema is the single source of truth: titles, descriptions, examples, required fields and the
allowed values all come from catalogue/schema/, so the template never drifts from what the loader checks.
Placeholders start with UDFYLD; `catalogue validate` warns (W04) until they are replaced.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

from .catalogue import KINDS, LOCAL_FOLDER, LOCAL_KINDS, LOCAL_ONLY, NATIONAL, Catalogue, read_schemas
from .fmt import modeline

SINGULAR = {schema: folder for folder, schema in KINDS.items()}  # "area" -> "areas"
SINGULAR_OF = dict(KINDS)  # "areas" -> "area"
OWNER_KINDS = {"area": "areas", "strand": "strands", "guide": "guides", "tool": "tools"}
ID_PREFIX = {"areas": "omraade", "tools": "vaerktoej", "terms": "begreb", "challenges": "udfordring",
             "strands": "spor", "guides": "vejledning", "roles": "rolle", "phases": "fase", "sources": "kilde",
             "notes": "note", "contacts": "kontakt"}


def _resolve(schema: dict, schemas: dict[str, dict]) -> dict:
    """Follow a $ref (to another schema file or to local $defs); keep the referring schema's own title/description."""
    ref = schema.get("$ref")
    if not ref:
        return schema
    file, _, pointer = ref.partition("#")
    target = schemas[file] if file else schemas["__current__"]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    merged = {**_resolve(target, schemas), **{k: v for k, v in schema.items() if k != "$ref"}}
    return merged


def _placeholder(name: str, prop: dict, values: dict) -> object:
    if name in values:
        return values[name]
    kind = prop.get("type")
    if "enum" in prop:
        return prop["enum"][0]
    if kind == "integer":
        return prop.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    return f"UDFYLD: {prop.get('title', name).lower()}"


def _yaml_value(value) -> str:
    if isinstance(value, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value) and not value.isdigit():
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON is valid YAML and quotes what YAML would misread


def next_id_and_number(catalogue: Catalogue, folder: str, owner: str | None,
                       layers: tuple[str, ...] = (NATIONAL,)) -> tuple[str, int]:
    existing = catalogue.entries[folder]
    numbers = [entry.get("number", 0) for entry in existing.values()]
    number = max(numbers, default=0) + 1
    prefix = owner if folder == "recommendations" and owner else ID_PREFIX.get(folder, folder)
    count = 1
    while f"{prefix}-{count}" in existing or any((catalogue.root / layer / folder / f"{prefix}-{count}.yml").exists()
                                                 for layer in layers):
        count += 1
    return f"{prefix}-{count}", number


def new_entry(catalogue: Catalogue, kind: str, entry_id: str | None = None, owner: tuple[str, str] | None = None,
              *, local_folder: str | None = None) -> Path:
    """Write catalogue/<folder>/<id>.yml for kind ('area', 'tool', …) and return its path; with local_folder
    (and always for notes and contacts, which exist only there) the entry goes into the local layer instead."""
    folder = SINGULAR[kind]
    if folder in LOCAL_ONLY:
        local_folder = local_folder or catalogue.local_folder or LOCAL_FOLDER
    if local_folder and folder not in LOCAL_KINDS:
        raise ValueError(f"{kind} kan ikke oprettes lokalt. Lokalt kan I oprette: "
                         + ", ".join(sorted(SINGULAR_OF[k] for k in LOCAL_KINDS)) + ".")
    layer = local_folder or NATIONAL
    schemas = read_schemas(catalogue.root / NATIONAL / "schema")
    schema = schemas[f"{kind}.schema.json"]
    schemas = {**schemas, "__current__": schema}
    if owner is None and kind in ("tool", "recommendation", "note"):
        owner = ("area", next(iter(catalogue.areas)))
    generated_id, number = next_id_and_number(catalogue, folder, owner[1] if owner else None,
                                              tuple(dict.fromkeys([NATIONAL, layer])))
    entry_id = entry_id or generated_id
    path = catalogue.root / layer / folder / f"{entry_id}.yml"
    if path.exists():
        raise FileExistsError(f"{path.relative_to(catalogue.root)} findes allerede.")

    values: dict = {"id": entry_id, "number": number}
    if owner:
        values[owner[0]] = owner[1]
    if kind == "area":
        values["strand"] = next(iter(catalogue.strands))
    if kind == "challenge":
        values["areas"] = [next(iter(catalogue.areas))]
    if "source" in schema.get("properties", {}):
        values["source"] = {"document": next(iter(catalogue.sources)), "pages": "1"}
    if kind == "tool":
        values["items"] = ["UDFYLD: første punkt", "UDFYLD: andet punkt"]

    # "at least one of" (anyOf): the first is written as required, so the new file is valid as it stands
    required = set(schema.get("required", [])) | {alt["required"][0] for alt in schema.get("anyOf", [])[:1]
                                                   if set(alt) == {"required"}}
    alternatives = [alt["required"][0] for alt in schema.get("oneOf", []) if set(alt) == {"required"}]
    lines = [modeline(layer, folder),
             *textwrap.wrap(f"# {schema.get('title', kind)}: {schema.get('description', '')}", 100, subsequent_indent="# "),
             "# Felter med # foran er valgfrie: fjern # for at bruge dem. Erstat al tekst, der starter med UDFYLD.", ""]
    for name, raw in schema["properties"].items():
        prop = _resolve(raw, schemas)
        is_required = name in required or (owner and name == owner[0])
        label = "påkrævet" if is_required else ("ét af " + "/".join(alternatives) if name in alternatives else "valgfri")
        comment = f"# {prop.get('title', name)} ({label}). {prop.get('description', '')}".rstrip()
        if "enum" in prop:
            comment += " Tilladt: " + ", ".join(map(str, prop["enum"])) + "."
        lines += textwrap.wrap(comment, width=100, subsequent_indent="#   ")
        value = _placeholder(name, prop, values)
        prefix = "" if is_required else "# "
        if isinstance(value, dict):
            lines.append(f"{prefix}{name}:")
            lines += [f"{prefix}  {key}: {_yaml_value(item)}" for key, item in value.items()]
        elif isinstance(value, list) and value:
            lines.append(f"{prefix}{name}:")
            lines += [f"{prefix}  - {_yaml_value(item)}" for item in value]
        else:
            lines.append(f"{prefix}{name}: {_yaml_value(value) if value != [] else '[]'}")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path
