"""The pre-commit hook, run for real: `pre-commit try-repo` installs the hook from this repository
into its own virtualenv (from PyPI) and runs it on a translation repository's staged files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from test_placeholders import ROOT, write_po

MANIFEST = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def translation_repo(folder: Path) -> Path:
    """A git repository with a French catalog whose placeholder is broken, a correct German one and
    a text file, all staged."""
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "translator@example.org")
    git(folder, "config", "user.name", "Translator")
    (folder / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = ["catalogs"]\n', encoding="utf-8")
    (folder / "catalogs").mkdir()
    write_po(folder / "catalogs" / "fr.po", [("python-format", "%(count)s survivors spoke", None, ["%(nombre)s survivantes ont parlé"])], "fr")
    write_po(folder / "catalogs" / "de.po", [("python-format", "%(count)s survivors spoke", None, ["%(count)s Überlebende sprachen"])], "de")
    (folder / "notes.txt").write_text("Not a catalog: the hook must not be given this file.\n", encoding="utf-8")
    git(folder, "add", ".")
    return folder


def test_manifest_declares_the_hook_on_po_files():
    (hook,) = MANIFEST
    assert hook["id"] == "i18n-check" and hook["entry"] == "i18n-check check" and hook["language"] == "python"
    assert re.search(hook["files"], "catalogs/fr/site.po") and not re.search(hook["files"], "catalogs/site.pot")
    assert not re.search(hook["files"], "notes.txt")


def test_documented_snippet_uses_the_hook():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    snippet = yaml.safe_load(re.search(r"```yaml\n(repos:.*?)```", text, re.DOTALL).group(1))
    (repo,) = snippet["repos"]
    assert [h["id"] for h in repo["hooks"]] == [MANIFEST[0]["id"]] and repo["rev"]


def test_pre_commit_try_repo_blocks_a_broken_placeholder(tmp_path):
    """What a translator sees: the hook fails on fr.po's placeholder, checks de.po, never sees notes.txt."""
    source = tmp_path / "i18n-check"
    git(tmp_path, "clone", "--quiet", str(ROOT), str(source))  # the committed hook, as a translator gets it
    repo = translation_repo(tmp_path / "translations")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), PRE_COMMIT_COLOR="never")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(source), "i18n-check"],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "i18n-check" in out and "Failed" in out and "- exit code: 1" in out  # 1: blocking findings, not 2: bad input
    assert "catalogs/fr.po:" in out and "placeholder" in out and "missing %(count)s" in out
    assert re.search(r"^de\s+1\s+1\s+1", out, re.MULTILINE)  # de.po was checked and is clean
    assert "notes.txt" not in out


def test_hook_entry_on_the_staged_files_passes_once_fixed(tmp_path):
    """The hook's own contract without pre-commit's installation: entry + staged files matching `files`."""
    repo = translation_repo(tmp_path / "translations")
    write_po(repo / "catalogs" / "fr.po", [("python-format", "%(count)s survivors spoke", None, ["%(count)s survivantes ont parlé"])], "fr")
    git(repo, "add", ".")
    hook = MANIFEST[0]
    staged = [f for f in git(repo, "diff", "--cached", "--name-only").split() if re.search(hook["files"], f)]
    assert staged == ["catalogs/de.po", "catalogs/fr.po"]
    command = [str(Path(sys.executable).parent / hook["entry"].split()[0]), *hook["entry"].split()[1:], *staged]
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
