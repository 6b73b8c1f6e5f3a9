"""Strict YAML reading for catalogue files.

PyYAML alone is too forgiving for files edited by hand: it keeps the last of two
duplicate keys (losing an editor's text), accepts anchors and aliases, and gives
no line numbers once the data is built. This module composes the YAML node tree
and builds plain Python data from it while recording the line of every value,
so that every later check can point at a line.
"""

from __future__ import annotations

import json
import re
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
    field_names: frozenset = frozenset()  # every field name the schemas know: a text must not swallow one

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


def parse(text: str, field_names: frozenset = frozenset()) -> Document:
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
        raise YamlRefused([parser_problem(error, text)]) from None
    finally:
        loader.dispose()
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value.strip() == ""):
        raise YamlRefused([(1, "K02", "filen er tom. Den skal indeholde felterne for en post, fx 'id: ...'")])
    document = Document(data=None, lines=text.splitlines(), field_names=field_names)
    document.problems = problems = [
        (line, "K06", f"{what} er ikke tilladt. Skriv teksten helt ud, hvor den skal stå, i stedet for at henvise til den")
        for line, what in loader.anchors_seen
    ]
    constructor = yaml.constructor.SafeConstructor()
    document.data = _build(root, (), document, problems, constructor)
    return document


FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")  # every field in catalogue/schema/ is named like this
OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#:][^:#]*:\s+)?(["'])(.*)$""")
SLIP = "K21"


def _unclosed_quote(lines: list[str], before: int) -> int | None:
    """The first line (1-based, up to line `before`) where a quoted text opens and does not close: a quote left
    open swallows the lines after it, and libyaml only notices many lines further down."""
    for number, line in enumerate(lines[:before], start=1):
        match = OPENING_QUOTE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number
    return None


def parser_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """libyaml's error, in Danish, at the line an editor must change, with the fix in one sentence."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    problem = error.problem or ""
    opened = _unclosed_quote(lines, line)
    if opened is not None or "quoted scalar" in (error.context or ""):
        opened = opened or (error.context_mark.line + 1 if error.context_mark else line)
        return (opened, "K03", "YAML kan ikke læses: anførselstegnet, der åbner teksten i denne linje, lukkes ikke. "
                               "Sæt det samme anførselstegn (\" eller ') sidst i teksten")
    if "mapping values are not allowed" in problem and mark is not None:
        source = lines[mark.line] if mark.line < len(lines) else ""
        key = re.match(r"^\s*(?:-\s+)?([^\s:][^:]*):", source)
        if key and len(key.group(0)) - 1 != mark.column:  # the colon that fails is not the one after the field name
            return (line, "K03", "YAML kan ikke læses: der står et kolon med mellemrum efter inde i en tekst uden "
                                 "anførselstegn, så YAML tror, det er et nyt felt. Sæt teksten i anførselstegn: "
                                 f"{key.group(1).strip()}: {json.dumps(source.split(':', 1)[1].strip(), ensure_ascii=False)}")
        return (line, "K03", "YAML kan ikke læses: linjen er rykket længere ind end feltet over den. Ryk den ud, så "
                             "den står lige under de andre felter på samme niveau (to mellemrum pr. niveau)")
    if any(words in problem for words in ("expected key", "expected '-' indicator", "expected <block end>")):
        return (line, "K03", "YAML kan ikke læses: linjen er ikke rykket ind som linjerne omkring den. Felter og "
                             "punkter på samme niveau skal stå med præcis samme antal mellemrum foran (to pr. niveau)")
    reason = f"{error.context.strip()}, {problem.strip()}" if error.context else problem.strip() or "ugyldig YAML"
    return (line, "K03", f"YAML kan ikke læses ({reason}). Tjek indrykning, kolon efter feltnavnet og anførselstegn")


def _slips(node, lines: list[str], field_names: frozenset) -> list[tuple[int, str, str]]:
    """Indentation slips that YAML reads without an error but that change the text: a continuation line of an
    unquoted text that starts with '- ' (a list item merged into the one above), or a line of a text that
    starts with a field's name and a colon (a field swallowed by the text above it)."""
    plain = not node.style  # libyaml gives '' for a plain scalar, PyYAML None
    first, last = node.start_mark.line, node.end_mark.line - (node.end_mark.column == 0)  # last line of the text
    if not plain and node.style not in (">", "|") or last == first:
        return []
    out = []
    for number in range(first + 1, min(last + 1, len(lines))):  # the lines after the field's own line
        stripped = lines[number].strip()
        if plain and (stripped == "-" or stripped.startswith("- ")):
            out.append((number + 1, SLIP, "linjen starter med '- ', men er rykket ind, så YAML læser den som "
                                          "fortsættelsen af teksten ovenover, og de to punkter bliver til ét. Ryk "
                                          "linjen, så '-' står lige under '-' i punktet ovenover"))
        elif (key := re.match(r"([a-z][a-z0-9_]*):" + ("" if plain else r"(?:\s|$)"), stripped)) and key.group(1) in field_names:
            out.append((number + 1, SLIP, f"feltet '{key.group(1)}' er rykket så langt ind, at det er blevet en del "
                                          "af teksten ovenover. Ryk det ud, så det står lige under de andre felter"))
    return out


def _build(node, path, document, problems, constructor):
    line = node.start_mark.line + 1
    document.value_lines[path] = line
    if isinstance(node, yaml.MappingNode):
        if path and isinstance(path[-1], int) and len(node.value) == 1:
            key_node, value_node = node.value[0]
            if (isinstance(key_node, yaml.ScalarNode) and not key_node.style and not FIELD_NAME.match(key_node.value)
                    and isinstance(value_node, yaml.ScalarNode)):  # '- Husk: noget' is a text with a colon, not a field
                problems.append((line, "K03", "punktet indeholder et kolon med mellemrum efter, så YAML læser det som "
                                 f"et felt. Sæt punktet i anførselstegn: - {json.dumps(f'{key_node.value}: {value_node.value}', ensure_ascii=False)}",
                                 field_name(path)))
                return f"{key_node.value}: {value_node.value}"
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
    problems.extend((*slip, field_name(path)) for slip in _slips(node, document.lines, document.field_names))
    return constructor.construct_object(node, deep=True)
