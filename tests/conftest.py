"""Shared test helpers: paths to the project, the real catalogs and fixtures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REALDATA = Path(__file__).resolve().parent / "realdata"


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
