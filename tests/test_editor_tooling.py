"""The editor's tooling: yamllint's rules, the schema line in every file, VS Code's settings, the JSON Schemas'
Danish hints, the GitHub workflows, pre-commit, and the annotations a pull request shows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.read.catalogue import KINDS, LOCAL_FOLDER, LOCAL_KINDS, LOCAL_ONLY

from conftest import BUILD_ENV, ROOT

YAMLLINT_CONFIG = ROOT / ".yamllint.yml"
WORKFLOWS = ROOT / ".github" / "workflows"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/{schema}.schema.json"


def yamllint(*paths: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yamllint", "--config-file", str(YAMLLINT_CONFIG), "--format", "parsable",
                           *map(str, paths)], cwd=ROOT, capture_output=True, text=True)


def problems(result: subprocess.CompletedProcess, level: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if f"[{level}]" in line]


# ---------------------------------------------------------------- yamllint


def test_the_catalogue_passes_yamllint():
    result = yamllint("catalogue")
    assert problems(result, "error") == [], result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_repository_configuration_passes_yamllint():
    """pre-commit lints every YAML file, not only the catalogue."""
    files = [ROOT / "mkdocs.yml", ROOT / ".pre-commit-config.yaml", YAMLLINT_CONFIG, *sorted(WORKFLOWS.glob("*.yml"))]
    result = yamllint(*files)
    assert result.returncode == 0 and not problems(result, "error"), result.stdout + result.stderr


# (what the editor typed, the yamllint rule that must stop it)
SLIPS = [
    ("id: a\ntitle: Titel\n\tnote: tab\n", "syntax"),
    ("id: a\ntitle: Titel\ntitle: Igen\n", "key-duplicates"),
    ("id: a\nterm: no\n", "truthy"),
    ("id: a\nitems:\n    - fire mellemrum\n", "indentation"),
    ("id: a\nitems:\n- ikke indrykket\n", "indentation"),
    ("id: a   \n", "trailing-spaces"),
]


@pytest.mark.parametrize("text, rule", SLIPS, ids=[rule + str(i) for i, (_, rule) in enumerate(SLIPS)])
def test_yamllint_rules_stop_an_editors_slip(tmp_path, text, rule):
    path = tmp_path / "post.yml"
    path.write_text(text, encoding="utf-8")
    result = yamllint(path)
    assert result.returncode == 1, result.stdout
    assert any(f"({rule})" in line for line in problems(result, "error")), result.stdout


def test_a_long_line_is_only_a_warning(tmp_path):
    path = tmp_path / "post.yml"
    path.write_text("id: a\ntext: " + " ".join(["ord"] * 40) + "\nvalg: true\n", encoding="utf-8")
    result = yamllint(path)
    assert [line for line in problems(result, "warning") if "(line-length)" in line], result.stdout
    assert result.returncode == 0 and not problems(result, "error"), result.stdout


# ---------------------------------------------------------------- the schema in the editor


def test_every_catalogue_folder_has_a_schema():
    folders = {path.name for path in (ROOT / "catalogue").iterdir() if path.is_dir() and path.name != "schema"}
    assert folders <= set(KINDS), f"folders without a schema in macros.read.catalogue.KINDS: {folders - set(KINDS)}"
    for schema in KINDS.values():
        assert (ROOT / "catalogue" / "schema" / f"{schema}.schema.json").is_file(), schema


def test_every_catalogue_file_declares_its_schema_on_the_first_line():
    wrong = []
    for folder, schema in KINDS.items():
        expected = SCHEMA_LINE.format(schema=schema)
        for path in sorted((ROOT / "catalogue" / folder).glob("*.yml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            target = (path.parent / first.partition("$schema=")[2]).resolve()
            if first != expected or not target.is_file():
                wrong.append(f"{path.relative_to(ROOT)}: {first!r} (expected {expected!r})")
    assert not wrong, "\n".join(wrong)


def test_vscode_recommends_the_yaml_extension_and_maps_every_folder():
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    expected = {f"./catalogue/schema/{schema}.schema.json":
                ([f"catalogue/{folder}/*.yml"] if folder not in LOCAL_ONLY else [])
                + ([f"{LOCAL_FOLDER}/{folder}/*.yml"] if folder in LOCAL_KINDS else [])
                for folder, schema in KINDS.items()}
    assert settings["yaml.schemas"] == expected
    assert settings["[yaml]"]["editor.insertSpaces"] is True and settings["[yaml]"]["editor.tabSize"] == 2


ENGLISH = re.compile(r"\b(the|and|which|must|should|this|with|is|are|of)\b", re.IGNORECASE)  # never Danish words


def _schemas() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "catalogue" / "schema").glob("*.schema.json"))}


def _hint(prop: dict, document: dict, schemas: dict[str, dict]) -> tuple[str, str]:
    """The title and description an editor sees on hover: the property's own, else those of what it $refs."""
    while not (prop.get("title") or prop.get("description")) and "$ref" in prop:
        file, _, pointer = prop["$ref"].partition("#")
        document = schemas[file] if file else document
        prop = document
        for part in filter(None, pointer.split("/")):
            prop = prop[part]
    return prop.get("title", ""), prop.get("description", "")


def _properties(node, where: str):
    """Every (name, property, place) under a 'properties' anywhere in a schema, $defs and nested items included."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield name, prop, f"{where}.properties.{name}"
        for key, value in node.items():
            yield from _properties(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}[{index}]")


def test_every_schema_property_has_a_danish_hint():
    schemas = _schemas()
    count, missing = 0, []
    for file, schema in schemas.items():
        for name, prop, where in _properties(schema, file):
            count += 1
            title, description = _hint(prop, schema, schemas)
            if not (title or description):
                missing.append(f"{where}: no title or description")
            elif ENGLISH.search(f"{title} {description}"):
                missing.append(f"{where}: English? {title!r} {description!r}")
            elif title.casefold() == name.replace("_", " ").casefold() and not description:
                missing.append(f"{where}: the title {title!r} only repeats the field name; add a description")
    assert count > 50  # the walk really reached the properties
    assert not missing, "\n".join(missing)


# ---------------------------------------------------------------- workflows, pre-commit, annotations


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("name", sorted(path.name for path in WORKFLOWS.glob("*.yml")))
def test_workflow_is_well_formed_and_pins_its_actions(name):
    workflow = _workflow(name)
    assert workflow["name"] and workflow["on"] and workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] and job["steps"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), step["uses"]


def test_pull_request_workflow_runs_every_check_and_attaches_the_site():
    workflow = _workflow("pull-request.yml")
    assert "pull_request" in workflow["on"]
    steps = _steps(workflow)
    script = "\n".join(step.get("run", "") for step in steps)
    for command in ("make validate", "make build", "make test", "linkchecker --config .github/linkcheckerrc"):
        assert command in script, command
    assert "chromium" in script and "nginx" in script
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and "pull_request.number" in upload["with"]["name"]
    assert (ROOT / ".github" / "linkcheckerrc").is_file()


def test_release_and_weekly_workflows():
    release = _workflow("release.yml")
    assert release["on"]["push"]["branches"] == ["main"]
    assert "make dist" in "\n".join(step.get("run", "") for step in _steps(release))
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and "dist/" in step["with"]["path"]
               for step in _steps(release))
    weekly = _workflow("external-links.yml")
    assert weekly["on"]["schedule"][0]["cron"]
    assert any(step.get("uses", "").startswith("lycheeverse/lychee-action@") for step in _steps(weekly))


def test_pre_commit_runs_yamllint_then_catalogue_validate_and_fmt_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [(repo["repo"], repo.get("rev"), hook) for repo in config["repos"] for hook in repo["hooks"]]
    assert [hook["id"] for _, _, hook in hooks] == ["yamllint", "catalogue-validate", "catalogue-fmt"]
    assert "fmt --check" in hooks[2][2]["entry"]
    pinned = re.search(r"^yamllint==(\S+)$", (ROOT / "constraints.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned and hooks[0][1] == f"v{pinned.group(1)}", "pre-commit's yamllint must be the version in constraints.txt"
    validate = hooks[1][2]
    assert hooks[1][0] == "local" and validate["entry"] == "make validate" and validate["pass_filenames"] is False


def test_validate_output_becomes_annotations_at_the_line(project):
    """The pull request shows each error and each piece of advice at its file and line (the workflow's sed script)."""
    recommendation = project / "catalogue/recommendations/virksomhedspraktik-1.yml"
    text = recommendation.read_text(encoding="utf-8")
    recommendation.write_text(text.replace("  - jobcenter\n", "  - chef\n"), encoding="utf-8")
    tool = project / "catalogue/tools/handleplan.yml"
    tool.write_text(tool.read_text(encoding="utf-8").replace("kind: template", "kind: skabelon 100 %"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "validate"],
                            capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 1
    annotations = subprocess.run(["sed", "-nE", "-f", str(ROOT / ".github" / "validate-annotations.sed")],
                                 input=result.stdout + result.stderr, capture_output=True, text=True, check=True).stdout
    lines = annotations.splitlines()
    assert any(re.fullmatch(r"::error file=catalogue/recommendations/virksomhedspraktik-1\.yml,line=\d+,title=K11::"
                            r"field 'roles\[1\]': 'chef' findes ikke .*", line) for line in lines), annotations
    assert any(line.startswith("::error file=catalogue/tools/handleplan.yml,") and ",title=K10::" in line
               and "100 %25" in line for line in lines), annotations  # '%' escaped as a workflow command needs
    assert len(lines) == len(re.findall(r"\[K\d+\]$", result.stderr, re.MULTILINE))

    tool.write_text(tool.read_text(encoding="utf-8").replace("kind: skabelon 100 %", "kind: template"), encoding="utf-8")
    recommendation.write_text(text.replace("  Inddrag jobcentret", "  Inddrag pa jobcentret"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "validate"],
                            capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    annotations = subprocess.run(["sed", "-nE", "-f", str(ROOT / ".github" / "validate-annotations.sed")],
                                 input=result.stderr, capture_output=True, text=True, check=True).stdout
    assert re.search(r"^::warning file=catalogue/recommendations/virksomhedspraktik-1\.yml,line=\d+,title=W02::",
                     annotations, re.MULTILINE), annotations


def test_issue_template_is_a_valid_recommendation(project):
    """The YAML an outsider fills in from the issue template becomes a file that passes validate unchanged."""
    template = (ROOT / ".github" / "ISSUE_TEMPLATE" / "ny-anbefaling.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", template, re.DOTALL).group(1)
    assert "id: omraade-nummer" in block
    path = project / "catalogue" / "recommendations" / "fast-track-99.yml"
    path.write_text(block.replace("id: omraade-nummer", "id: fast-track-99"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(project), "validate"],
                            capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    assert "fast-track-99.yml" not in result.stderr  # not even advice
    lint = yamllint(path)
    assert lint.returncode == 0 and not problems(lint, "warning"), lint.stdout


# ---------------------------------------------------------------- the guide


CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def test_the_guide_explains_every_rule_code_with_an_example():
    """A rule code the loader can give must have its own section in CONTRIBUTING.md with an example message."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "macros").rglob("*.py")))
    codes = set(re.findall(r'"([KW]\d{2})"', source))
    assert {"K01", "K14", "W01", "W04"} <= codes
    guide = CONTRIBUTING.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### ([KW]\d{2}) – .*?\n(.*?)(?=^### |^## |\Z)", guide, re.MULTILINE | re.DOTALL))
    assert set(sections) == codes
    for code, text in sections.items():
        assert re.search(rf"^catalogue/\S+:\d+: .+ \[{code}\]$", text, re.MULTILINE), f"{code}: no example message"
        assert f"| {code} |" in guide, f"{code} is missing from the overview table"


def github_anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_guides_links_to_its_own_sections_resolve():
    guide = re.sub(r"```.*?```", "", CONTRIBUTING.read_text(encoding="utf-8"), flags=re.DOTALL)
    anchors = {github_anchor(heading) for heading in re.findall(r"^#{1,6} (.+)$", guide, re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", guide)
    assert links and not [link for link in links if link not in anchors]
