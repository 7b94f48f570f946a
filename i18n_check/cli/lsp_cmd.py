"""`i18n-check lsp`."""

from __future__ import annotations

import sys

import click

from . import main


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default; accepted because editors pass it).")
def lsp_command(stdio: bool) -> None:
    """Run the language server for editors (Language Server Protocol over stdio).

    Open catalogs get the findings of `check` as diagnostics while you type, with
    the settings of the nearest pyproject.toml and its glossary; the glossary file
    gets its validation and lint problems. Hover on a glossary word explains its
    concept; quick fixes replace a forbidden term, add an ignore comment, or
    remove a fuzzy flag once the entry passes. Set-ups: docs/editors.md.
    """
    if sys.stdin.isatty():  # run by hand: say what it waits for (it still serves, e.g. for a pasted message)
        click.echo("i18n-check lsp: a language server, waiting for an editor's messages on standard input; "
                   "configure your editor to start it (docs/editors.md). Ctrl+C to stop.", err=True)
    # pygls and lsprotocol take 0.4 s to import: only this command pays for them.
    from ..lsp.server import serve

    serve()
