"""The command line: click commands only, each parse -> one library call -> render -> exit code.

A command imports the library modules only it runs (update, publish, the glossary converters, the
editors' report...) inside its function: every command starting with all of them loaded costs
0.13 s more (of about 0.5 s), which a pre-commit hook pays on every commit.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import click

from ..version import __version__
from ..errors import InputError
from ..outputs import Output, open_output
from ..safe_text import inert
from .streams import guarded_streams, write_out


# Signals that end a run the way Ctrl-C does: as an exception where the process is, so that every
# `finally` and `except BaseException` runs (a write's temporary file is removed, the catalogs
# lock released, forked workers stopped), then the process ends by the same signal.
CLEAN_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """A stop signal (SIGTERM, SIGHUP) received: raised from the handler, as KeyboardInterrupt for SIGINT."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, frame):
    raise Terminated(signum)


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, CLEAN_STOP_SIGNALS raise Terminated (only the main thread may set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in CLEAN_STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class Main(click.Group):
    """The `i18n-check` group: turns located input errors into exit 2, never a traceback."""

    def main(self, *args, **kwargs):
        with guarded_streams():  # every write to stdout/stderr, click's too (cli/streams.py)
            try:
                return super().main(*args, **kwargs)
            except InputError as exc:  # standard output closed or failing under --help or --version
                click.echo(f"i18n-check: error: {inert(str(exc))}", err=True)
                sys.exit(2)

    def invoke(self, ctx: click.Context):
        try:
            with stop_signals_raise():
                return super().invoke(ctx)
        except Terminated as exc:
            click.echo(f"i18n-check: stopped by {signal.Signals(exc.signum).name}", err=True)
            sys.stderr.flush()
            signal.signal(exc.signum, signal.SIG_DFL)
            os.kill(os.getpid(), exc.signum)  # end as the signal would have: the caller sees it
            ctx.exit(128 + exc.signum)
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


def output_for(path: str | None, produces: str, inputs: Iterable[str | Path | None], option: str = "--output",
               stdout: bool = True) -> Output | None:
    """The file `option PATH` names, checked by the one output guard (outputs.py); None for stdout
    (absent, or `-` when `stdout`). An empty PATH (an unset variable) is an error, not stdout."""
    if path is not None and not path.strip():
        raise InputError(None, None, f"{option}: empty path (an unset variable?); name a file" + (", or - for stdout" if stdout else ""))
    if path == "-" and not stdout:
        raise InputError(None, None, f"{option}: - (stdout) is where the report goes; name a file")
    return None if not path or path == "-" else open_output(path, produces, inputs)


def echo_output(text: str, output: Output | None) -> None:
    """Write a rendered report or glossary to its output (see `output_for`) or stdout."""
    if output is not None:
        output.write(text)
    else:
        write_out([text], utf8=True)


# Commands register themselves on `main` when imported.
from . import check_cmd, content_cmd, glossary_cmd, lsp_cmd, report_cmd, rules_cmd  # noqa: E402,F401
