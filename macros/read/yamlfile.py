"""Strict YAML reading for catalogue files.

PyYAML alone is too forgiving for files edited by hand: it keeps the last of two
duplicate keys (losing an editor's text), accepts anchors and aliases, and gives
no line numbers once the data is built. This module composes the YAML node tree
and builds plain Python data from it while recording the line of every value,
so that every later check can point at a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
import yaml.cyaml  # libyaml, in every PyYAML wheel on PyPI

Path_ = tuple  # a path inside a document: ("examples", 0, "text")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one catalogue file."""

    file: str
    line: int
    code: str
    message: str
    field: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        return f"{self.file}:{self.line}: {where}{self.message} [{self.code}]"


@dataclass
class Document:
    """The data of one YAML file with the line of every value and key in it."""

    data: object
    value_lines: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)  # the scalar as typed, for hints
    problems: list = field(default_factory=list)  # (line, code, message[, field]) found while building
    lines: list = field(default_factory=list)  # the file's lines, to find a piece of a text in it

    def line_of(self, path: Path_) -> int:
        """Line of the value at path, or of the nearest enclosing value."""
        path = tuple(path)
        while path not in self.value_lines and path:
            path = path[:-1]
        return self.value_lines.get(path, 1)

    def key_line_of(self, path: Path_) -> int:
        return self.key_lines.get(tuple(path)) or self.line_of(path)


class YamlRefused(Exception):
    """The file cannot be read as catalogue YAML; carries one or more problems."""

    def __init__(self, problems: list[tuple[int, str, str]]):
        super().__init__(problems)
        self.problems = problems  # (line, code, message[, field])


def field_name(path: Path_) -> str:
    """('examples', 0, 'text') -> 'examples[0].text'"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _AnchorRecordingLoader(yaml.composer.Composer, yaml.cyaml.CParser, yaml.resolver.Resolver):
    """Composes the node tree from libyaml's events (ten times PyYAML's pure-Python parser) and notes
    every anchor (&name) and alias (*name): the composed tree no longer shows them."""

    def __init__(self, stream):
        yaml.cyaml.CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.anchors_seen: list[tuple[int, str]] = []

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.anchors_seen.append((event.start_mark.line + 1, f"aliaset *{event.anchor}"))
        elif getattr(event, "anchor", None) is not None:
            self.anchors_seen.append((event.start_mark.line + 1, f"ankeret &{event.anchor}"))
        return super().compose_node(parent, index)


def parse(text: str) -> Document:
    """Parse one catalogue file. Raises YamlRefused when it cannot be read at all; problems that leave the
    data readable (duplicate keys, anchors) are listed in Document.problems."""
    tabs = [
        (number, "K04", "indrykning med tabulator. YAML kræver mellemrum: erstat tabulatoren med to mellemrum")
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if tabs:
        raise YamlRefused(tabs)
    loader = _AnchorRecordingLoader(text)
    try:
        if not loader.check_node():
            raise YamlRefused([(1, "K02", "filen er tom. Den skal indeholde felterne for en post, fx 'id: ...'")])
        root = loader.get_node()
        if loader.check_node():
            raise YamlRefused([(loader.peek_event().start_mark.line + 1, "K03",
                                "filen indeholder mere end ét YAML-dokument (---). Skriv kun én post i hver fil")])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "end of stream" in (error.problem or ""):
            mark = error.context_mark  # an unclosed quote or bracket: point at where it opens, not at the end
        reason = (error.problem or "ugyldig YAML").strip()
        if error.context:
            reason = f"{error.context.strip()}, {reason}"
        raise YamlRefused([(mark.line + 1 if mark else 1, "K03",
                            f"YAML kan ikke læses: {reason}. Tjek indrykning, kolon efter feltnavnet og anførselstegn")]) from None
    finally:
        loader.dispose()
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value.strip() == ""):
        raise YamlRefused([(1, "K02", "filen er tom. Den skal indeholde felterne for en post, fx 'id: ...'")])
    document = Document(data=None, lines=text.splitlines())
    document.problems = problems = [
        (line, "K06", f"{what} er ikke tilladt. Skriv teksten helt ud, hvor den skal stå, i stedet for at henvise til den")
        for line, what in loader.anchors_seen
    ]
    constructor = yaml.constructor.SafeConstructor()
    document.data = _build(root, (), document, problems, constructor)
    return document


def _build(node, path, document, problems, constructor):
    line = node.start_mark.line + 1
    document.value_lines[path] = line
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append((key_node.start_mark.line + 1, "K06", "fletning med '<<' er ikke tilladt. Skriv felterne helt ud"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append((key_node.start_mark.line + 1, "K03", "et feltnavn skal være en enkel tekst"))
                continue
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in result:
                first = document.key_lines[path + (key,)]
                problems.append((key_line, "K05", f"feltet står to gange (første gang i linje {first}). "
                                 "Kun det sidste ville blive brugt, og teksten i det første gå tabt; slet det ene",
                                 field_name(path + (key,))))
                continue
            document.key_lines[path + (key,)] = key_line
            result[key] = _build(value_node, path + (key,), document, problems, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), document, problems, constructor) for index, item in enumerate(node.value)]
    document.raw[path] = node.value
    return constructor.construct_object(node, deep=True)
