"""`i18n-check check`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..cache import DEFAULT_DIR
from ..check import check, parse_rule_list
from ..errors import InputError
from ..reporters import FORMATS, render_chunks
from ..settings import load_settings
from . import main


def use_color(choice: str, output: str | None) -> bool:
    """Colour only on a terminal, never with NO_COLOR (no-color.org), always when asked."""
    if choice == "always":
        return True
    if choice == "never" or output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def resolve_glossary(option: str | None, settings, no_glossary: bool):
    """The glossary to load: --glossary (must exist), else the settings' one when the file exists."""
    if no_glossary:
        return None, None
    if option:
        if not Path(option).is_file():
            raise InputError(option, None, "glossary file not found")
        path = Path(option)
    elif settings.glossary and settings.path(settings.glossary).is_file():
        path = settings.path(settings.glossary)
    else:
        return None, None
    from ..glossary import load_glossary

    return load_glossary(path), path.as_posix()


class Progress:
    """A one-line progress bar on stderr: drawn only on a terminal, only once the work has taken
    more than a moment (I18N_CHECK_PROGRESS_DELAY seconds, default 0.5), and erased when done."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.delay = float(os.environ.get("I18N_CHECK_PROGRESS_DELAY") or 0.5)
        self.start = time.monotonic()
        self.shown_at = 0.0
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.start < self.delay or (now - self.shown_at < 0.1 and done < total):
            return
        self.shown_at, self.drawn = now, True
        filled = 30 * done // total if total else 30
        unit = "files" if stage == "reading" else "messages"
        self.stream.write(f"\ri18n-check: {stage} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {unit}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")  # erase the bar before the report reaches the terminal
            self.stream.flush()


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # the reader reports an unreadable file (exit 2, one line)
@click.option("--glossary", "glossary_option", metavar="FILE", help="Terminology glossary (default: glossary.yaml when present).")
@click.option("--no-glossary", is_flag=True, help="Run without glossary rules even if a glossary is configured.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--fail-on", metavar="RULE[,RULE...]", help="Rules whose findings block (exit 1). Default: untranslated, fuzzy, glossary-*, placeholder, plural-forms.")
@click.option("--select", metavar="RULE[,RULE...]", help="Run only these rules: ids, families (ttk, glossary...) or ALL.")
@click.option("--ignore", metavar="RULE[,RULE...]", help="Never run these rules.")
@click.option("--extend-select", metavar="RULE[,RULE...]", help="Run these rules too, besides the selection.")
@click.option("--lang", metavar="LANG[,LANG...]", help="Check only these languages (e.g. fr,de).")
@click.option("--baseline", metavar="FILE", help="Report and fail only on findings not in this saved baseline.")
@click.option("--write-baseline", metavar="FILE", help="Save the current findings as the baseline FILE.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text report.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Processes running the rules (default: one per core for more than 20,000 messages).")
@click.option("--cache-dir", metavar="DIR", default=DEFAULT_DIR, show_default=True, help="Keep each message's results here; a re-check reruns the rules only on changed messages.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def check_command(paths, glossary_option, no_glossary, fmt, output, fail_on, select, ignore, extend_select, lang, baseline, write_baseline, color,
                  jobs, cache_dir, no_cache):
    """Check catalogs (PO files or folders) and report findings.

    Exit status: 0 no blocking finding, 1 blocking findings, 2 bad input.
    """
    settings = load_settings()
    targets = list(paths) or [settings.path(p) for p in settings.catalogs]
    glossary, glossary_path = resolve_glossary(glossary_option, settings, no_glossary)
    progress = Progress()
    try:
        report = check(
            targets,
            glossary=glossary,
            glossary_path=glossary_path,
            select=parse_rule_list(select, "--select") if select else list(settings.select),
            ignore=parse_rule_list(ignore, "--ignore") if ignore else list(settings.ignore),
            extend_select=parse_rule_list(extend_select, "--extend-select") if extend_select else list(settings.extend_select),
            fail_on=parse_rule_list(fail_on, "--fail-on") if fail_on is not None else settings.fail_on,
            languages=[l.strip() for l in lang.split(",") if l.strip()] if lang else list(settings.languages) or None,
            progress=progress,
            cache_dir=None if no_cache else cache_dir,
            jobs=jobs,
        )
    finally:
        progress.close()
    if write_baseline:
        from ..atomic import write_atomic
        from ..baseline import render_baseline

        write_atomic(write_baseline, render_baseline(report.findings))
        click.echo(f"i18n-check: wrote {len(report.findings)} findings to baseline {write_baseline}", err=True)
    if baseline:
        from ..baseline import apply_baseline, load_baseline

        report = apply_baseline(report, load_baseline(baseline))
    options = {"color": use_color(color, output)} if fmt == "text" else {}
    write_report(render_chunks(report, fmt, **options), output)
    sys.exit(report.exit_code)


def write_report(pieces, output: str | None) -> None:
    """Write the report's pieces to --output (atomically) or stdout, as they are rendered."""
    if output and output != "-":
        from ..atomic import write_atomic

        write_atomic(output, pieces)
    else:
        for piece in pieces:
            sys.stdout.write(piece)
