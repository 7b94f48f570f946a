"""Shared test helpers: paths to the project, the real catalogs and fixtures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from i18n_check.check import catalog_context, catalog_findings, entry_results
from i18n_check.findings import Finding
from i18n_check.rules import entry_checks

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REALDATA = Path(__file__).resolve().parent / "realdata"


def findings_of(catalog, rules, glossary=None, name: str | None = None, ttk_triggers: bool = True) -> list:
    """The findings of the entry and catalog rules among `rules` on one loaded catalog, ignore
    comments applied, as check() finds them before it settles severities (serially, no cache);
    `ttk_triggers=False` calls every translate-toolkit check (rules/ttk.py)."""
    ctx = catalog_context(catalog, name, glossary)
    ctx.ttk_triggers = ttk_triggers
    checks = entry_checks(rules)
    found = [f for entry in catalog.entries if entry.msgid for f in entry_results(entry, ctx, checks)[0]]
    return found + [f for f in catalog_findings(ctx, rules) if isinstance(f, Finding)]


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """Run GNU msgfmt --check on `path` (the reference every catalog we write must pass)."""
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)


@pytest.fixture(autouse=True, scope="session")
def user_cache_folder(tmp_path_factory):
    """The user's cache folder (where a check outside any project keeps its results) is a
    temporary one: the tests never write into the home folder of whoever runs them."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def run_cli(monkeypatch):
    """Invoke the CLI in-process with click's runner; returns (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from i18n_check.cli import main

    def run(*args, cwd: Path | None = None, env: dict | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


assert shutil.which("msgfmt"), "GNU gettext (msgfmt) is required by the tests; .ci/run installs it"
