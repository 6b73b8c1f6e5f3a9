"""The GitHub workflows hold up when anyone can open a pull request (from the browser editor or a fork)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing_above_informational():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--format", "json", "--min-severity", "informational",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    findings = json.loads(result.stdout or "[]")
    serious = [(f["ident"], f["determinations"]["severity"]) for f in findings
               if f["determinations"]["severity"].lower() not in ("informational", "unknown")]
    assert serious == [], result.stdout[:3000]


def test_every_job_has_least_privilege_and_pinned_actions_and_no_persisted_credentials():
    assert len(WORKFLOWS) >= 3
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: {name}"
            assert all(level == "read" for level in job["permissions"].values()), f"{path.name}: {name}"
            for step in job["steps"]:
                if "uses" in step:
                    action, _, ref = step["uses"].partition("@")
                    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name
                assert "github.event" not in step.get("run", ""), f"{path.name}: untrusted text in a shell step"
