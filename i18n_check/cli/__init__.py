"""The command line: click commands only, each parse -> one library call -> render -> exit code."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import InputError
from ..reporters.safe_text import inert


class Main(click.Group):
    """The `i18n-check` group: turns located input errors into exit 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            # The reason may quote the input (a key, a file name): one line, no control character.
            click.echo(f"i18n-check: error: {inert(str(exc))}", err=True)
            ctx.exit(2)
        except OSError as exc:  # permission denied, disk full, ... on a file the user named
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"i18n-check: error: {inert(where + str(exc.strerror or exc))}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("i18n-check: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="i18n-check")
def main() -> None:
    """Keep a campaign's gettext translations honest.

    Check catalogs against the terminology glossary and QA rules, extract
    campaign content into a template, update the language catalogs without
    losing a translation, publish translated pages, and report to
    translators, CI and editors.

    Paths default to [tool.i18n-check] in the nearest pyproject.toml, then
    to catalogs/ and glossary.yaml in the working folder.
    """


def echo_output(text: str, output: str | None) -> None:
    """Write a rendered report to --output (atomically) or stdout."""
    if output and output != "-":
        from ..atomic import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


# Commands register themselves on `main` when imported.
from . import check_cmd  # noqa: E402,F401

for _module in ("content_cmd", "report_cmd", "glossary_cmd", "rules_cmd", "lsp_cmd"):
    try:
        __import__(f"{__name__}.{_module}")
    except ModuleNotFoundError as _exc:  # a command family not built yet
        if _exc.name != f"{__name__}.{_module}":
            raise
