"""The browser editor's (Decap CMS, /admin/) configuration, generated from the catalogue's JSON Schemas.

Nothing here is written by hand: one folder collection per catalogue folder, one field per schema property
(labels and hints from the schema's Danish titles and descriptions), so a field added to a schema appears in
the form with no other change. MkDocs-free: the hook (macros/mkdocs_hooks.py) only adds the output as files.

Also written: the shapes in admin/setup.json, the key order of every kind for the editor's YAML writer
(docs/admin/catalogue-format.js), which writes the same canonical form as `catalogue fmt`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.read.catalogue import KIND_NAMES_DA, KINDS, LOCAL_KINDS, LOCAL_ONLY
from macros.read.fmt import Schemas, schema_folder
from macros.read.settings import local_folder_of

# The field shown for an entry in lists and relation pickers: the first of these a kind has.
TITLE_FIELDS = ("title", "term", "heading", "name", "text")
# The editor's list of folders: what editors change most first; a kind not named here comes last.
EDITOR_ORDER = ("areas", "tools", "recommendations", "guides", "challenges", "terms", "flyers", "strands", "phases",
                "roles", "sources")
LOCAL_BACKEND = "http://localhost:8081/api/v1"  # decap-server, started by `make edit`
LOCAL_PREFIX = "local-"  # the local layer's collections: local-tools, local-notes, ...


def _title_field(node: dict) -> str:
    return next((name for name in TITLE_FIELDS if name in node.get("properties", {})), "id")


def _pattern(node: dict) -> str | None:
    """The schema's pattern and its `not: {pattern}` (no HTML) as one JavaScript regular expression."""
    own = node.get("pattern")
    forbidden = (node.get("not") or {}).get("pattern")
    if forbidden:
        return f"^(?![\\s\\S]*(?:{forbidden}))" + (f"(?=(?:{own}))" if own else "")
    return own


def _options(node: dict) -> list:
    """Enum values, with the Danish name the description gives them ("checklist = tjekliste, …") as label."""
    description = node.get("description", "")
    options = []
    for value in node["enum"]:
        named = re.search(rf"(?:^|[\s,]){re.escape(str(value))} = ([^,.]+)", description)
        options.append({"label": f"{named.group(1).strip()} ({value})", "value": value} if named else value)
    return options


class ConfigBuilder:
    def __init__(self, schema_dir: Path):
        self.schemas = Schemas(schema_dir)

    def field(self, name: str, node: dict, base: str, required: bool) -> dict:
        own = node
        node, base = self.schemas.resolve(node, base)
        field = {"name": name, "label": node.get("title") or name, "required": required}
        if "x-refers-to" in node and "description" not in own:  # not the id's own description
            field["hint"] = f"Vælg blandt {KIND_NAMES_DA[node['x-refers-to']]}."
        elif node.get("description"):
            field["hint"] = node["description"]
        field.update(self.widget(node, base))
        return field

    def widget(self, node: dict, base: str) -> dict:
        node, base = self.schemas.resolve(node, base)
        if "x-refers-to" in node:
            return self.relation(node["x-refers-to"])
        if "enum" in node:
            return {"widget": "select", "options": _options(node)}
        kind = node.get("type")
        if kind == "array":
            return self.list_widget(node, base)
        if kind == "object" or "properties" in node:
            return {"widget": "object", "fields": self.fields(node, base)}
        if kind == "integer" or kind == "number":
            widget = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            for key in ("minimum", "maximum"):
                if key in node:
                    widget[key[:3]] = node[key]
            return widget
        if kind == "boolean":
            return {"widget": "boolean", "default": False}
        widget = {"widget": "string" if node.get("pattern") else "text"}  # no pattern: Markdown, several lines
        if pattern := _pattern(node):
            widget["pattern"] = [pattern, f"Passer ikke: {node.get('description') or node.get('title', '')}".strip()]
        return widget

    def relation(self, kind: str) -> dict:
        schema, _ = self.schemas.for_kind(kind)
        shown = _title_field(schema)
        return {"widget": "relation", "collection": kind, "value_field": "{{fields.id}}",
                "search_fields": sorted({shown, "id"}), "display_fields": [f"{{{{fields.{shown}}}}}"],
                "options_length": 1000}

    def list_widget(self, node: dict, base: str) -> dict:
        items, items_base = self.schemas.items(node, base)
        items = items or {}
        resolved, _ = self.schemas.resolve(items, items_base)
        limits = {key: node[source] for key, source in (("min", "minItems"), ("max", "maxItems")) if source in node}
        if "x-refers-to" in resolved:  # a list of ids: one picker that takes several
            return {**self.relation(resolved["x-refers-to"]), "multiple": True, **limits}
        branch = self.schemas.object_branch(items, items_base)
        if branch:  # objects (or texts and objects: the editor's writer turns {text: …} back into a text)
            fields = self.fields(*branch)
            return {"widget": "list", "fields": fields, "summary": "{{fields.%s}}" % fields[0]["name"],
                    "collapsed": False, **limits}  # items open: editors see the text they change
        return {"widget": "list", "field": {"name": "item", "label": resolved.get("title", "Punkt"),
                                            **self.widget(resolved, items_base)}, **limits}

    def fields(self, node: dict, base: str) -> list[dict]:
        node, base = self.schemas.resolve(node, base)
        required = set(node.get("required", []))
        return [self.field(name, child, base, name in required) for name, child in node.get("properties", {}).items()]

    def collection(self, kind: str, local: str | None = None) -> dict:
        """The folder collection of a kind: catalogue/<kind>, or with local, the local layer's <local>/<kind>."""
        schema, base = self.schemas.for_kind(kind)
        label = KIND_NAMES_DA[kind].split(" (")[0].removeprefix("de lokale ")  # "værktøjerne", "noter"
        label = label[:1].upper() + label[1:]
        name = f"{LOCAL_PREFIX}{kind}" if local else kind
        return {
            "name": name, "label": f"Lokalt: {label}" if local else label, "label_singular": schema.get("title", kind),
            "description": schema.get("description", ""), "folder": f"{local or 'catalogue'}/{kind}", "extension": "yml",
            "format": f"catalogue-{name}", "create": True, "delete": False, "identifier_field": "id",
            "slug": "{{fields.id}}", "summary": f"{{{{fields.{_title_field(schema)}}}}}",
            "fields": self.fields(schema, base),
        }

    def shape(self, node: dict | None, base: str) -> dict:
        """Key order and list items, for the editor's writer (mirrors macros.read.fmt)."""
        shape: dict = {}
        branch = self.schemas.object_branch(node, base) if node is not None else None
        if branch:
            obj, obj_base = branch
            shape["keys"] = list(obj["properties"])
            shape["required"] = list(obj.get("required", []))
            shape["props"] = {key: self.shape(child, obj_base) for key, child in obj["properties"].items()}
            shape["props"] = {key: value for key, value in shape["props"].items() if value}
        if node is not None:
            resolved, resolved_base = self.schemas.resolve(node, base)
            if resolved.get("type") == "array":
                items, items_base = self.schemas.items(resolved, resolved_base)
                shape["items"] = self.shape(items, items_base) if items else {}
                item_node, _ = self.schemas.resolve(items or {}, items_base)
                if any(self.schemas.resolve(b, items_base)[0].get("type") == "string" for b in item_node.get("anyOf", [])):
                    shape["items"]["text_or_object"] = True  # a text item is held as {text: …} in the form
        return shape


def _editor_rank(kind: str) -> int:
    return EDITOR_ORDER.index(kind) if kind in EDITOR_ORDER else len(EDITOR_ORDER)


def backend(mkdocs_config: dict) -> dict:
    """The Git host saving goes to, from mkdocs.yml: extra.cms, with the repository taken from repo_url."""
    settings = dict((mkdocs_config.get("extra") or {}).get("cms") or {})
    name = settings.pop("backend", "github")
    repo = settings.pop("repo", None)
    if not repo:
        match = re.match(r"https?://[^/]+/(.+?)(?:\.git)?/?$", mkdocs_config.get("repo_url") or "")
        repo = match.group(1) if match else None
    return {"name": name, **({"repo": repo} if repo else {}), "branch": settings.pop("branch", "main"), **settings}


def _local_folder(schema_dir: Path, mkdocs_config: dict) -> str | None:
    """The local layer's folder when this edition has one (lokalt/): its kinds get collections of their own."""
    folder = local_folder_of(mkdocs_config.get("extra") or {})
    return folder if folder and (schema_dir.parent.parent / folder).is_dir() else None


def config(schema_dir: Path, mkdocs_config: dict) -> dict:
    builder = ConfigBuilder(schema_dir)
    local = _local_folder(schema_dir, mkdocs_config)
    national = [builder.collection(kind) for kind in sorted(KINDS, key=_editor_rank) if kind not in LOCAL_ONLY]
    return {
        "backend": backend(mkdocs_config),
        "publish_mode": "editorial_workflow",  # saving opens a pull request
        "local_backend": {"url": LOCAL_BACKEND},  # used only when /admin/ is opened from this machine
        "locale": "da",
        "site_url": mkdocs_config.get("site_url") or "",
        "logo_url": "",
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        # The local layer's kinds first (what a municipality's editors change), then the national catalogue.
        "collections": [builder.collection(kind, local) for kind in LOCAL_KINDS if local] + national,
    }


def config_yaml(schema_dir: Path, mkdocs_config: dict) -> str:
    header = "# Generated from catalogue/schema/*.json by macros/publish/cms.py at every build. Do not edit.\n"
    # libyaml's writer, as the loader reads with libyaml: the same text as PyYAML's, 6× faster (0.15 s a build)
    return header + yaml.dump(config(schema_dir, mkdocs_config), Dumper=yaml.CSafeDumper, allow_unicode=True,
                              sort_keys=False, width=120)


def shapes(schema_dir: Path, mkdocs_config: dict) -> dict:
    """Each collection's shape; a local entry's modeline reaches the national schemas from one folder further down."""
    builder = ConfigBuilder(schema_dir)
    shapes = {kind: {"schema": KINDS[kind], **builder.shape(*builder.schemas.for_kind(kind))} for kind in KINDS}
    if local := _local_folder(schema_dir, mkdocs_config):
        shapes.update({f"{LOCAL_PREFIX}{kind}": {**shapes[kind], "schema_folder": schema_folder(local, kind)}
                       for kind in LOCAL_KINDS})
    return shapes
