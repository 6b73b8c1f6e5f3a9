"""The one loader of the catalogue: YAML files in, validated data out.

Every file is read strictly (see yamlfile), checked against its JSON Schema in
catalogue/schema/, and cross-checked against the other files (ids, numbers,
references). All problems of a run are collected and reported together; any
error stops the build before a page is written. Nothing here needs MkDocs.
"""

from __future__ import annotations

import datetime
import difflib
import json
import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .cache import Cache, key, source_of
from .textrules import destinations, line_in_file, relative_target, text_problems
from .yamlfile import Document, Problem, YamlRefused, field_name, parse

# jsonschema and referencing are imported where a file is checked, not here: a build whose files all passed
# the check before (see macros/read/cache.py) never imports them.

# Folder under catalogue/ -> schema file. The folder name is the kind of entry.
KINDS = {
    "sources": "source",
    "roles": "role",
    "phases": "phase",
    "strands": "strand",
    "areas": "area",
    "guides": "guide",
    "tools": "tool",
    "recommendations": "recommendation",
    "terms": "term",
    "challenges": "challenge",
    "flyers": "flyer",
    "notes": "note",
    "contacts": "contact",
}
NUMBERED = {kind for kind in KINDS if kind not in ("sources", "tools", "recommendations", "terms", "flyers", "notes")}

# The municipality's own edition: a folder beside catalogue/ (mkdocs.yml: extra.local_folder) with entries of
# these kinds, which the national catalogue never holds or never changes. Notes and contacts exist only there.
NATIONAL = "catalogue"  # the national layer's folder; a local layer (lokalt/) sits beside it
LOCAL_FOLDER = "lokalt"
LOCAL_KINDS = ("sources", "tools", "recommendations", "terms", "challenges", "notes", "contacts")
LOCAL_ONLY = ("notes", "contacts")
LOCAL_PAGES = "pages"  # lokalt/pages/*.md: the local policy or procedure and other prose

KIND_NAMES_DA = {
    "sources": "kildedokumenterne (catalogue/sources/)",
    "roles": "rollerne (catalogue/roles/)",
    "phases": "faserne (catalogue/phases/)",
    "strands": "sporene (catalogue/strands/)",
    "areas": "indsatsområderne (catalogue/areas/)",
    "guides": "vejledningerne (catalogue/guides/)",
    "tools": "værktøjerne (catalogue/tools/)",
    "recommendations": "anbefalingerne (catalogue/recommendations/)",
    "terms": "begreberne (catalogue/terms/)",
    "challenges": "udfordringerne (catalogue/challenges/)",
    "flyers": "plakaterne (catalogue/flyers/)",
    "notes": "de lokale noter (lokalt/notes/)",
    "contacts": "de lokale kontakter (lokalt/contacts/)",
}

TYPE_NAMES_DA = {
    "string": "en tekst",
    "integer": "et heltal",
    "number": "et tal",
    "boolean": "true eller false",
    "array": "en liste (linjer der starter med '- ')",
    "object": "en gruppe af felter",
    "null": "tom",
}


def natural_key(text: str) -> list:
    """'area-10' after 'area-9': numbers inside ids sort as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


class CatalogueError(Exception):
    """The catalogue has errors; str() lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(map(str, errors)) + f"\n{len(errors)} fejl i kataloget.")


@dataclass
class Catalogue:
    """All entries, by kind and id, in catalogue order; plus where each came from."""

    root: Path
    entries: dict[str, dict[str, dict]]
    files: dict[tuple[str, str], str]  # (kind, id) -> path relative to the project
    updated: dict[str, str] = field(default_factory=dict)  # relative path -> ISO date of last commit
    warnings: list[Problem] = field(default_factory=list)  # filled by load_catalogue(..., with_advice=True)
    local_folder: str | None = None  # the local layer's folder, relative to root, when there is one

    def __getattr__(self, kind: str) -> dict[str, dict]:
        try:
            return self.__dict__["entries"][kind]
        except KeyError:
            raise AttributeError(kind) from None

    def file_of(self, kind: str, entry_id: str) -> str:
        return self.files[(kind, entry_id)]

    def updated_of(self, kind: str, entry_id: str) -> str | None:
        return self.updated.get(self.files[(kind, entry_id)])

    def is_local(self, kind: str, entry_id: str) -> bool:
        """True for an entry of the municipality's own layer, False for one of the national catalogue."""
        return bool(self.local_folder) and self.files[(kind, entry_id)].startswith(self.local_folder + "/")

    def has_local_content(self) -> bool:
        """Whether the local layer holds anything: an empty lokalt/ folder leaves the national site as it is."""
        return any(self.is_local(*key) for key in self.files) or bool(self.local_pages())

    def local_pages(self) -> list[Path]:
        """The local layer's prose pages (lokalt/pages/*.md), in file-name order."""
        if not self.local_folder:
            return []
        return sorted((self.root / self.local_folder / LOCAL_PAGES).glob("*.md"))


# ---------------------------------------------------------------- schemas


def schema_files(schema_dir: Path) -> dict[str, bytes]:
    """The JSON Schema files by file name, as bytes (what the check cache's key is made of)."""
    return {path.name: path.read_bytes() for path in sorted(schema_dir.glob("*.schema.json"))}


def parsed_schemas(files: dict[str, bytes]) -> dict[str, dict]:
    return {name: json.loads(raw) for name, raw in files.items()}


def read_schemas(schema_dir: Path) -> dict[str, dict]:
    """The JSON Schemas by file name, as JSON alone (no validator: what reads their titles, order and types)."""
    return parsed_schemas(schema_files(schema_dir))


def schema_registry(schemas: dict[str, dict]) -> "Registry":
    """The schemas as a registry, so that one refers to another by file name ($ref)."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in schemas.items()
    )


def _validator_class(known_ids: dict[str, set[str]]):
    """Draft 2020-12 plus 'x-refers-to': the value must be the id of an existing entry of that kind."""
    import jsonschema

    def refers_to(validator, kind, instance, schema):
        if isinstance(instance, str) and instance not in known_ids.get(kind, ()):
            close = difflib.get_close_matches(instance, sorted(known_ids.get(kind, ())), n=1)
            hint = f" Mente du '{close[0]}'?" if close else ""
            yield jsonschema.ValidationError(
                f"'{instance}' findes ikke blandt {KIND_NAMES_DA[kind]}.{hint}", validator="x-refers-to")

    return jsonschema.validators.extend(jsonschema.Draft202012Validator, {"x-refers-to": refers_to})


# ---------------------------------------------------------------- messages


def _describe_type(value) -> str:
    if isinstance(value, bool):
        return "en ja/nej-værdi"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "en dato"
    if isinstance(value, int):
        return "et tal"
    if isinstance(value, float):
        return "et kommatal"
    if value is None:
        return "tom"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe af felter"
    return "en tekst"


def _problems_from_error(error, document: Document, file: str) -> list[Problem]:
    """Turn one JSON Schema error into messages an editor can act on."""
    path = tuple(error.absolute_path)
    name = field_name(path)
    line = document.line_of(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("description", "")
    example = schema.get("examples", [None])[0]
    hint = f" Eksempel: {json.dumps(example, ensure_ascii=False)}." if example is not None else ""
    kind = error.validator

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        out = []
        for extra in sorted(set(error.instance) - set(allowed)):
            close = difflib.get_close_matches(extra, allowed, n=1)
            suggestion = f" Mente du '{close[0]}'?" if close else ""
            out.append(Problem(file, document.key_line_of(path + (extra,)), "K07",
                               f"ukendt felt.{suggestion} Tilladte felter her: {', '.join(allowed)}",
                               field_name(path + (extra,))))
        return out
    if kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        props = schema.get("properties", {})
        return [Problem(file, line, "K09",
                        f"feltet mangler: «{props.get(key, {}).get('title', key)}». Tilføj det som '{key}: ...'.",
                        field_name(path + (key,))) for key in missing]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted_da = " eller ".join(TYPE_NAMES_DA.get(w, w) for w in wanted)
        got = _describe_type(error.instance)
        message = f"skal være {wanted_da}, men YAML læser værdien som {got}."
        if "string" in wanted and not isinstance(error.instance, (list, dict)) and error.instance is not None:
            typed = document.raw.get(path, str(error.instance))
            message += f" Sæt teksten i anførselstegn: {path[-1] if path else 'felt'}: \"{typed}\"."
        return [Problem(file, line, "K08", message + hint, name)]
    if kind == "x-refers-to":
        return [Problem(file, line, "K11", error.message, name)]
    if kind == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return [Problem(file, line, "K10", f"'{error.instance}' er ikke en tilladt værdi. Tilladt: {allowed}.", name)]
    if kind == "not":
        return [Problem(file, line, "K14",
                        "teksten indeholder HTML (et '<' direkte efterfulgt af et bogstav). HTML er ikke tilladt; "
                        "brug Markdown: **fed**, *kursiv*, [tekst](https://adresse), '- ' for punkter.", name)]
    if kind == "pattern":
        if not isinstance(error.instance, str):
            return []
        if "\\n" in error.validator_value and "\n" in error.instance:
            return [Problem(file, line, "K10", "skal stå på én linje (uden linjeskift).", name)]
        return [Problem(file, line, "K10", f"'{error.instance}' har ikke den rigtige form. {expected}{hint}", name)]
    if kind == "maxLength":
        length = len(error.instance) if isinstance(error.instance, str) else 0
        return [Problem(file, line, "K10", f"teksten er {length} tegn lang; den må højst være {error.validator_value} "
                        "tegn, så den kan stå i menuen, i fanebladet og på printet. Gør den kortere.", name)]
    if kind == "minLength":
        return [Problem(file, line, "K09", "må ikke være tom.", name)]
    if kind == "minItems":
        return [Problem(file, line, "K09", f"listen skal have mindst {error.validator_value} punkt(er).", name)]
    if kind == "uniqueItems":
        return [Problem(file, line, "K12", "den samme værdi står to gange i listen.", name)]
    if kind in ("minimum", "maximum"):
        word = "mindst" if kind == "minimum" else "højst"
        return [Problem(file, line, "K10", f"skal være {word} {error.validator_value}, men er {error.instance}.", name)]
    if kind in ("oneOf", "anyOf"):
        alternatives = error.validator_value
        if all(set(alt) == {"required"} for alt in alternatives):
            keys = [alt["required"][0] for alt in alternatives]
            present = [k for k in keys if isinstance(error.instance, dict) and k in error.instance]
            what = "mangler" if not present else f"har både {' og '.join(present)}"
            return [Problem(file, line, "K09" if not present else "K10",
                            f"posten {what}: angiv præcis ét af felterne {', '.join(keys)}.", name)]
        # Report the branch meant for this kind of value (the one without a type error at its top), in full.
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        fitting = [subs for subs in branches.values()
                   if not any(sub.validator == "type" and not sub.relative_path for sub in subs)]
        if len(fitting) == 1:
            return [p for sub in fitting[0] for p in _problems_from_error(sub, document, file)]
        from jsonschema.exceptions import best_match

        best = best_match(error.context) if error.context else None
        if best is not None:
            return _problems_from_error(best, document, file)
    return [Problem(file, line, "K10", error.message, name)]


# ---------------------------------------------------------------- loading


def field_names(schemas: dict[str, dict]) -> frozenset:
    """Every field name in the schemas, at any depth: a text that swallows one of them is a slip (K21)."""
    names: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            names.update(value.get("properties", {}))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(schemas)
    return frozenset(names)


def _read(raw: bytes, names: frozenset = frozenset()) -> Document:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlRefused([(line, "K01", "filen er ikke gemt som UTF-8, så æ, ø og å bliver forkerte. "
                                         "Gem filen med tegnsættet UTF-8")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse(text, names)


def git_dates(root: Path, *folders: str) -> dict[str, str]:
    """Last commit date (YYYY-MM-DD) of every file under the folders (default catalogue/), from one git call."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", *(folders or (NATIONAL,))],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True).stdout.strip()
    for line in log.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line:
            dates.setdefault(line[len(prefix):] if prefix and line.startswith(prefix) else line, current)
    return dates


def entry_layers(root: Path, local_folder: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """(folder, kinds it may hold) of each layer: the national catalogue, then the local one if it exists."""
    layers = [(NATIONAL, tuple(kind for kind in KINDS if kind not in LOCAL_ONLY))]
    if local_folder and (root / local_folder).is_dir():
        layers.append((local_folder, LOCAL_KINDS))
    return layers


def _stray_folders(root: Path, folder: str, kinds: tuple[str, ...]) -> list[Problem]:
    """A folder a layer may not hold (an area in the local layer, a note in the national one) is refused, not
    silently left out of the site."""
    extra = {"schema"} if folder == NATIONAL else {LOCAL_PAGES}
    problems = []
    for path in sorted((root / folder).iterdir()):
        if path.is_dir() and path.name not in kinds and path.name not in extra and not path.name.startswith("."):
            where = "den lokale mappe" if folder != NATIONAL else "det nationale katalog"
            allowed = ", ".join(f"{kind}/" for kind in kinds)
            hint = (" Noter og kontakter hører til i den lokale mappe." if path.name in LOCAL_ONLY else "")
            problems.append(Problem(f"{folder}/{path.name}/", 1, "K15",
                                    f"mappen kan ikke bruges i {where}, så dens filer ville ikke komme med på siden. "
                                    f"Tilladte mapper: {allowed}.{hint}"))
    return problems


def load_catalogue(root: Path | str, *, with_dates: bool = True, with_advice: bool = False,
                   local_folder: str | None = LOCAL_FOLDER, site_pages=None) -> Catalogue:
    """Load and check every catalogue file under root/catalogue, and the local layer under root/local_folder
    if that folder exists. Raises CatalogueError. with_advice: also collect the warnings (W-codes) in
    catalogue.warnings; only `catalogue validate` shows them, so a build does not pay for them (a seventh of
    the load at 1,600 areas). site_pages(catalogue) -> (page of each (kind, id), every docs-relative path of
    the site): given, relative links in texts must lead to one (K20)."""
    root = Path(root)
    folder = root / NATIONAL
    raw_schemas = schema_files(folder / "schema")  # read once: field names, the cache key, the validators
    schemas = parsed_schemas(raw_schemas)
    names = field_names(schemas)
    problems: list[Problem] = []
    documents: dict[str, list[tuple[str, Path, Document, bytes]]] = {kind: [] for kind in KINDS}
    layers = entry_layers(root, local_folder)

    for layer, kinds in layers:
        problems += _stray_folders(root, layer, kinds)
        for kind in kinds:
            for path in sorted((root / layer / kind).glob("*")):
                relative = path.relative_to(root).as_posix()
                if path.suffix == ".yaml":
                    problems.append(Problem(relative, 1, "K13", "filnavnet skal ende på .yml (ikke .yaml)."))
                    continue
                if path.suffix != ".yml" or not path.is_file():
                    continue
                raw = path.read_bytes()
                try:
                    document = _read(raw, names)
                except YamlRefused as refused:
                    problems.extend(Problem(relative, *refused_problem) for refused_problem in refused.problems)
                    continue
                problems.extend(Problem(relative, *found) for found in document.problems)
                documents[kind].append((relative, path, document, raw))

    # A file named after an id makes that id known even while the file itself has errors: one mistake
    # is then reported once, in its own file, not again in every file that refers to it.
    known_ids = {kind: {path.stem for layer, kinds in layers if kind in kinds
                        for path in (root / layer / kind).glob("*.yml")} for kind in KINDS}
    # A file that passed the schema check before, byte for byte, against the same schemas, the same known ids
    # and the same checking code, passes again: its check is skipped (macros/read/cache.py).
    cache = Cache(root)
    check_key = key(source_of(yamlfile, sys.modules[__name__]), repr(sorted((k, sorted(v)) for k, v in known_ids.items())),
                    *raw_schemas.values())
    validators = {}

    def schema_errors(kind: str, data: dict, raw: bytes, document: Document) -> list:
        name = key(check_key, kind, raw)
        if cache.get("checked", name) is not None:
            return []
        if not validators:
            registry = schema_registry(schemas)
            Validator = _validator_class(known_ids)
            validators.update((k, Validator(schemas[f"{KINDS[k]}.schema.json"], registry=registry)) for k in KINDS)
        errors = sorted(validators[kind].iter_errors(data), key=lambda e: document.line_of(tuple(e.absolute_path)))
        if not errors and not document.problems:
            cache.put("checked", name, b"")
        return errors
    entries: dict[str, dict[str, dict]] = {kind: {} for kind in KINDS}
    files: dict[tuple[str, str], str] = {}

    for kind, docs in documents.items():
        seen_ids: dict[str, str] = {}
        seen_numbers: dict[int, str] = {}
        for relative, path, document, raw in docs:
            data = document.data
            if not isinstance(data, dict):
                problems.append(Problem(relative, 1, "K08", "filen skal bestå af felter ('navn: værdi'), ikke "
                                        f"{_describe_type(data)}."))
                continue
            errors = schema_errors(kind, data, raw, document)
            file_problems = [p for error in errors for p in _problems_from_error(error, document, relative)]
            file_problems += [p for path_, text in _texts(data) if not ID_LIKE.match(text)
                              for p in text_problems(relative, document, path_, text)]
            problems.extend(file_problems)
            entry_id = data.get("id")
            if isinstance(entry_id, str):
                if entry_id != path.stem:
                    problems.append(Problem(relative, document.line_of(("id",)), "K13",
                                            f"id'et '{entry_id}' skal være det samme som filnavnet '{path.stem}'. "
                                            f"Omdøb filen til {entry_id}.yml eller ret id'et.", "id"))
                if entry_id in seen_ids:
                    problems.append(Problem(relative, document.line_of(("id",)), "K12",
                                            f"id'et '{entry_id}' bruges også i {seen_ids[entry_id]}. Hvert id må kun bruges én gang.", "id"))
                seen_ids.setdefault(entry_id, relative)
            number = data.get("number")
            if kind in NUMBERED and isinstance(number, int) and not isinstance(number, bool):
                if number in seen_numbers:
                    problems.append(Problem(relative, document.line_of(("number",)), "K12",
                                            f"nummer {number} bruges også i {seen_numbers[number]}. Hvert nummer må kun bruges én gang.", "number"))
                seen_numbers.setdefault(number, relative)
            if not file_problems and not document.problems and isinstance(entry_id, str) and entry_id not in entries[kind]:
                entries[kind][entry_id] = data
                files[(kind, entry_id)] = relative

    local = layers[1][0] if len(layers) > 1 else None
    if site_pages is not None and not any(p.severity == "error" for p in problems):
        problems += link_problems(Catalogue(root=root, entries=entries, files=files, local_folder=local), documents,
                                  site_pages)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CatalogueError(sorted(problems, key=lambda p: (p.file, p.line)))

    for kind in NUMBERED:
        entries[kind] = dict(sorted(entries[kind].items(), key=lambda item: item[1]["number"]))
    area_order = {area_id: area["number"] for area_id, area in entries["areas"].items()}
    entries["tools"] = dict(sorted(entries["tools"].items(),
                                   key=lambda item: (area_order.get(item[1].get("area"), 10**9), natural_key(item[0]))))
    entries["recommendations"] = dict(sorted(entries["recommendations"].items(), key=lambda item: natural_key(item[0])))
    entries["terms"] = dict(sorted(entries["terms"].items(), key=lambda item: item[1]["term"].casefold()))
    updated = git_dates(root, *(layer for layer, _ in layers)) if with_dates else {}
    catalogue = Catalogue(root=root, entries=entries, files=files, updated=updated, local_folder=local)
    if with_advice:
        catalogue.warnings = advice(catalogue, {relative: document for docs in documents.values()
                                                for relative, _, document, _ in docs})
    return catalogue


def link_problems(catalogue: Catalogue, documents: dict, site_pages) -> list[Problem]:
    """K20: a relative link in a text must lead to a page or file of the site, counted from the entry's own page
    (an entry without a page of its own, such as a recommendation, from the page of the area it belongs to)."""
    page_of, known = site_pages(catalogue)
    by_file = {relative: document for docs in documents.values() for relative, _, document, _raw in docs}
    out = []
    for (kind, entry_id), relative in catalogue.files.items():
        document = by_file[relative]
        page = page_of.get((kind, entry_id), "index.md")
        for path, text in _texts(catalogue.entries[kind][entry_id]):
            for destination, excerpt, _ in destinations(text):
                target = relative_target(destination)
                if target is None:
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
                if resolved not in known:
                    out.append(Problem(relative, line_in_file(document, path, excerpt), "K20",
                                       f"linket '{destination}' fører ikke til nogen side i kataloget (set fra "
                                       f"siden {page}). Ret adressen, fx ../indsatsomraader/onboarding.md, "
                                       "eller skriv den fulde adresse med https://.", field_name(path)))
    return out


# ---------------------------------------------------------------- advice (warnings: reported, never blocking)

OCR_RESIDUE = re.compile(
    r"\b(?:pa|sa|ogsa|aeldre|fravaer|nar|pd|sygefravaer|saerlig\w*|medarbejdere?n?e?s? pa)\b"  # lost æ, ø, å
    r"|[«|]"  # OCR's bullets and its reading of 'I'
    r"|^\s*\+ "  # '+' as a bullet
    r"|[a-zæøå]- (?!og\b|eller\b|samt\b|til\b|som\b)[a-zæøå]",  # a word split by the line break of the scan
    re.MULTILINE,
)
PLACEHOLDER = "UDFYLD"  # what `catalogue new` writes in every text field it cannot fill (W04)
ID_LIKE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#[0-9]+);")


def _texts(value, path=()):
    """Every text in an entry with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def advice(catalogue: Catalogue, documents: dict[str, Document]) -> list[Problem]:
    """Things worth a look that do not stop the build: entries nothing links to, OCR residue, HTML entities,
    placeholders left by `catalogue new`."""
    out: list[Problem] = []
    all_text: list[str] = []
    for (kind, entry_id), relative in catalogue.files.items():
        document = documents[relative]
        for path, text in _texts(catalogue.entries[kind][entry_id]):
            if ID_LIKE.match(text):  # ids and references to ids, not prose
                continue
            if kind != "terms":  # a term does not count as used by its own entry
                all_text.append(text)
            line, name = document.line_of(path), field_name(path)
            if match := OCR_RESIDUE.search(text):
                out.append(Problem(relative, line, "W02", f"teksten ligner en rest fra OCR-scanningen ('{match.group(0).strip()}'). "
                                   "Skriv ordet rigtigt med æ, ø og å, og saml orddelte ord.", name, "warning"))
            if match := HTML_ENTITY.search(text):
                out.append(Problem(relative, line, "W03", f"'{match.group(0)}' er en HTML-kode. Skriv tegnet selv.", name, "warning"))
            if PLACEHOLDER in text:
                out.append(Problem(relative, line, "W04", "pladsholderen UDFYLD står der stadig. Skriv den rigtige tekst.", name, "warning"))
    content = catalogue.root / "content"
    all_text += [page.read_text(encoding="utf-8") for page in sorted(content.glob("*.md"))] if content.is_dir() else []
    corpus = "\n".join(all_text).casefold()

    def unused(kind: str, entry_id: str, message: str):
        relative = catalogue.files[(kind, entry_id)]
        out.append(Problem(relative, documents[relative].line_of(("id",)), "W01", message, "id", "warning"))

    cited = {text for path, text in _texts(catalogue.entries) if path[-2:-1] == ("source",) and path[-1] == "document"}
    for source_id in catalogue.sources:
        if source_id not in cited:
            unused("sources", source_id, "ingen post henviser til dette kildedokument.")
    used_roles = {role for rec in catalogue.recommendations.values() for role in rec["roles"]}
    for role_id in catalogue.roles:
        if role_id not in used_roles:
            unused("roles", role_id, "ingen anbefaling er rettet til denne rolle, så rollens side er tom.")
    used_phases = {phase for rec in catalogue.recommendations.values() for phase in rec.get("phases", [])}
    for phase_id in catalogue.phases:
        if phase_id not in used_phases:
            unused("phases", phase_id, "ingen anbefaling er knyttet til denne fase.")
    for term_id, term in catalogue.terms.items():
        forms = [term["term"], *term.get("forms", [])]
        if not any(re.search(rf"(?<!\w){re.escape(form.casefold())}(?!\w)", corpus) for form in forms):
            unused("terms", term_id, "begrebet forekommer ikke i katalogets tekster; forklaringen vises aldrig ved musen.")
    in_challenges = {area for challenge in catalogue.entries.get("challenges", {}).values() for area in challenge["areas"]}
    for area_id in catalogue.areas:
        if in_challenges and area_id not in in_challenges:
            unused("areas", area_id, "området er ikke med i noget spørgsmål under \"Hvad vil I gerne blive bedre til?\".")
    return sorted(out, key=lambda p: (p.file, p.line))


_cache: dict[Path, tuple[tuple, Catalogue]] = {}


def load_catalogue_cached(root: Path | str, local_folder: str | None = LOCAL_FOLDER) -> Catalogue:
    """load_catalogue, done once per state of the files: MkDocs' hooks and macros share one load per build,
    and `mkdocs serve` loads again as soon as a file changes (the key holds every file's mtime and size)."""
    root = Path(root).resolve()
    folders = [root / NATIONAL] + ([root / local_folder] if local_folder else [])
    key = (local_folder, tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                                      for folder in folders for p in folder.rglob("*") if p.is_file())))
    cached = _cache.get(root)
    if cached is None or cached[0] != key:
        _cache[root] = (key, load_catalogue(root, local_folder=local_folder))
    return _cache[root][1]
