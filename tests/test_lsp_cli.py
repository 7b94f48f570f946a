"""`i18n-check lsp` as a command: what a user who runs it by hand sees."""

from __future__ import annotations

import os
import pty
import subprocess

from lsp_client import SERVER


def test_run_by_hand_it_says_what_it_waits_for():
    """Typed in a terminal, it says it waits for an editor (docs/editors.md) instead of hanging silently."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(SERVER, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(follower)
    try:
        line = process.stderr.readline().decode()
        assert "language server" in line and "docs/editors.md" in line
        assert process.poll() is None  # still serving
    finally:
        process.kill()
        process.wait()
        os.close(leader)


def test_help_names_the_editors_documentation(run_cli):
    code, out, _err = run_cli("lsp", "--help")
    assert code == 0 and "docs/editors.md" in out and "--stdio" in out
