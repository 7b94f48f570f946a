"""`i18n-check check`."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path

import click

from .. import environment
from ..check import check, display_path
from ..errors import InputError
from ..glossary import load_glossary
from ..glossary.index import GlossaryIndex
from ..languages import Requested, parse_languages
from ..outputs import REPORT, Output
from ..reporters import FORMATS, render_chunks
from ..rules.select import parse_rule_list
from ..settings import load_settings
from . import main, output_for
from .streams import write_out


def use_color(choice: str, output: str | None) -> bool:
    """Colour only on a terminal, never with NO_COLOR (no-color.org), always when asked."""
    if choice == "always":
        return True
    if choice == "never" or output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def resolve_glossary(option: str | None, settings, no_glossary: bool) -> tuple[GlossaryIndex | None, str | None]:
    """The glossary, loaded and compiled for matching, and its path as shown (see glossary_location);
    (None, None) without one."""
    path = glossary_location(option, settings, no_glossary)
    if path is None:
        return None, None
    return GlossaryIndex(load_glossary(path)), display_path(path)


def glossary_location(option: str | None, settings, no_glossary: bool) -> Path | None:
    """The glossary file to load: --glossary, else the `glossary` setting. A glossary named on the
    command line or written in the settings must exist; only the implicit default (glossary.yaml)
    may be absent, and the run then has none (None)."""
    if no_glossary:
        return None
    if option is not None:
        if not option.strip():
            raise InputError(None, None, "--glossary: empty path (an unset variable?); name the glossary file, or use --no-glossary")
        path = Path(option)  # when it exists, the loader says what else is wrong: a folder, a device...
        if not path.exists():
            raise InputError(path, None, f"glossary file not found (--glossary){similar_file(path)}")
        return path
    if settings.glossary:
        path = settings.path(settings.glossary)
        if not path.exists():
            if not settings.configured("glossary"):
                return None
            pyproject, line, key = settings.origin("glossary")
            raise InputError(pyproject, line, f"{key}: glossary file {path.as_posix()} not found{similar_file(path)}")
        return path
    return None


def similar_file(path: Path) -> str:
    """"; did you mean X?" for a file beside `path` whose name is close to it, else ""."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()] if path.parent.is_dir() else []
    except OSError:
        return ""
    close = get_close_matches(path.name, names, 1, 0.75)
    return f"; did you mean {(path.parent / close[0]).as_posix()}?" if close else ""


def rule_option(value: str | None, option: str) -> list[str] | None:
    """A rule-list option's selectors (None when not given); given empty, it is an input error:
    an unset CI variable must not turn a gate off."""
    if value is None:
        return None
    rules = parse_rule_list(value, option)
    if not rules:
        raise InputError(None, None, f"{option}: no rule named (an empty value: an unset variable?); "
                                     "name rules, families or ALL, or leave the option out")
    return rules


def rule_settings(settings, select, ignore, extend_select) -> dict[str, list[str]]:
    """select/ignore/extend_select for `check`: each option replaces its setting."""
    chosen = {}
    for name, value in (("select", select), ("ignore", ignore), ("extend_select", extend_select)):
        given = rule_option(value, "--" + name.replace("_", "-"))
        chosen[name] = given if given is not None else list(getattr(settings, name))
    return chosen


def blocking_settings(settings, fail_on: str | None, extend_fail_on: str | None) -> dict:
    """fail_on/extend_fail_on for `check`: each option replaces its setting."""
    base = rule_option(fail_on, "--fail-on")
    extend = rule_option(extend_fail_on, "--extend-fail-on")
    return {"fail_on": base if base is not None else settings.fail_on,
            "extend_fail_on": extend if extend is not None else list(settings.extend_fail_on)}


def requested_languages(option: str | None, settings) -> Requested | None:
    """--lang (every code checked), else the `languages` setting; None: every language."""
    return parse_languages(option, "--lang") if option is not None else settings.requested_languages()


class Progress:
    """A one-line progress bar on stderr: drawn only on a terminal, only once the work has taken
    more than a moment (I18N_CHECK_PROGRESS_DELAY seconds, default 0.5), and erased when done."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.delay = environment.seconds("I18N_CHECK_PROGRESS_DELAY", 0.5)
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
@click.option("--glossary", "glossary_option", metavar="FILE", help="Terminology glossary (default: the `glossary` setting, "
              "else glossary.yaml when present). A glossary named here or in the settings must exist.")
@click.option("--no-glossary", is_flag=True, help="Run without glossary rules even if a glossary is configured.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--report", "more_reports", multiple=True, metavar="FORMAT=FILE", help="Also write the report in FORMAT to FILE "
              "(repeatable: --report sarif=results.sarif --report junit=junit.xml), beside --format/--output.")
@click.option("--fail-on", metavar="RULE[,RULE...]", help="Rules whose findings block (exit 1). Default: untranslated, fuzzy, "
              "glossary-missing, glossary-forbidden, glossary-dnt, placeholder, plural-forms. Empty is an error.")
@click.option("--extend-fail-on", metavar="RULE[,RULE...]", help="Rules whose findings block too, besides --fail-on or its default.")
@click.option("--select", metavar="RULE[,RULE...]", help="Run only these rules: ids, families (ttk, glossary...) or ALL.")
@click.option("--ignore", metavar="RULE[,RULE...]", help="Never run these rules.")
@click.option("--extend-select", metavar="RULE[,RULE...]", help="Run these rules too, besides the selection.")
@click.option("--lang", metavar="LANG[,LANG...]", help="Check only the catalogs gettext reads for these locales (fr,de; fr_FR "
              "reads fr_FR, then fr). A language with no catalog is an error.")
@click.option("--baseline", metavar="FILE", help="Report and fail only on findings not in this saved baseline (default: the `baseline` setting).")
@click.option("--no-baseline", is_flag=True, help="Report every finding, even with a `baseline` setting.")
@click.option("--write-baseline", metavar="FILE", help="Save the current findings as the baseline FILE, and exit 0.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text report.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Processes running the rules (default: one per core for more than 20,000 messages).")
@click.option("--cache-dir", metavar="DIR", help="Keep each message's results here (and the glossary, compiled); a re-check reruns the rules only on "
              "changed messages. Default: .i18n-check-cache/ beside the pyproject.toml holding [tool.i18n-check], else "
              "$XDG_CACHE_HOME/i18n-check (~/.cache/i18n-check).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (nor the compiled glossary).")
@click.option("--show-ignored", is_flag=True, help="List the findings translators' ignore comments silence (text report; "
              "always listed in the JSON, SARIF, Markdown and HTML reports).")
@click.option("--since", "since_ref", metavar="REF", help="Report only what is new since the git revision REF (a branch, tag or "
              "commit): the catalogs and glossary at REF, read with git, are the baseline; what got fixed is listed.")
@click.option("--explain", is_flag=True, help="Under each glossary finding (text report), the words compared, the forms "
              "that matched or failed and the matching rule that decided (CONTRACT §3 rule 13).")
def check_command(paths, glossary_option, no_glossary, fmt, output, more_reports, fail_on, extend_fail_on, select, ignore, extend_select, lang,
                  baseline, no_baseline, write_baseline, color, jobs, cache_dir, no_cache, show_ignored, since_ref, explain):
    """Check catalogs (PO files or folders) and report findings.

    PATHS default to the `catalogs` setting (catalogs/). A run that finds no
    catalog to check is an error, as is a template (.pot) named on its own:
    it holds no translation.

    Exit status: 0 no blocking finding (or the baseline written), 1 blocking
    findings, 2 bad input or command line (a missing glossary or baseline, a
    language with no catalog, an unknown rule, an empty --fail-on...).
    """
    settings = load_settings()
    targets = list(paths) or [settings.path(p) for p in settings.catalogs]
    cache_folder = None if no_cache else (cache_dir or settings.cache_dir)
    location = glossary_location(glossary_option, settings, no_glossary)
    from ..stored_glossary import keep_compiled, load_compiled  # (here: YAML's import is for runs with a glossary)

    # Read back compiled from the cache folder when an earlier run kept it there (stored_glossary.py).
    compiled = None if location is None else load_compiled(location, cache_folder)
    glossary, glossary_path = (None, None) if compiled is None else (compiled.glossary, display_path(location))
    if since_ref is not None and (baseline is not None or write_baseline):
        raise InputError(None, None, f"--since and {'--baseline' if baseline is not None else '--write-baseline'}: both say what "
                                     "is new; use one")
    baseline_path = baseline if baseline is not None else (
        None if no_baseline or write_baseline or since_ref is not None or not settings.baseline else settings.path(settings.baseline))
    # Settled before the run: an output that would replace a catalog, the glossary, the baseline read
    # or a page of the source content is refused.
    inputs = [*(p for p in paths if not os.path.isdir(p)), glossary_option, settings.glossary and settings.path(settings.glossary),
              baseline_path, settings.source, settings.content and settings.path(settings.content)]
    report_output = output_for(output, REPORT, inputs)
    baseline_output = output_for(write_baseline, REPORT, inputs, "--write-baseline", stdout=False)
    if report_output and baseline_output and report_output.target == baseline_output.target:
        raise InputError(write_baseline, None, "is also the --output file: the report would replace the baseline")
    outputs = [(fmt, report_output)] + [(form, output_for(path, REPORT, inputs, "--report", stdout=False))
                                        for form, path in map(report_option, more_reports)]
    distinct_outputs([*outputs, (None, baseline_output)])
    if baseline_path is not None:
        from ..baseline import load_baseline

        known = load_baseline(baseline_path)  # read first: a missing baseline is an input error before any work
    progress = Progress()
    rules = {**rule_settings(settings, select, ignore, extend_select), **blocking_settings(settings, fail_on, extend_fail_on)}
    try:
        report = check(
            targets,
            glossary=glossary,
            glossary_path=glossary_path,
            **rules,
            languages=requested_languages(lang, settings),
            progress=progress,
            cache_dir=cache_folder,
            jobs=jobs,
        )
    finally:
        progress.close()
    if compiled is not None:
        keep_compiled(compiled)  # only now: a run refused for its options or inputs writes nothing
    if since_ref is not None:
        from ..since import since

        new, compared = since(since_ref, list(report.findings), [c.path for c in report.catalogs], glossary_path, jobs=jobs, **rules)
        report = replace(report, findings=tuple(new), since=compared)
    if baseline_output:
        from ..baseline import render_baseline

        baseline_output.write(render_baseline(report.findings))
        click.echo(f"i18n-check: wrote {len(report.findings)} findings to baseline {write_baseline}", err=True)
    if baseline_path is not None:
        from ..baseline import apply_baseline

        report = apply_baseline(report, known)
    if explain and glossary is not None:
        from ..rules.explain import explain_findings

        report = replace(report, explanations=explain_findings(report.findings, glossary))
    if fmt == "html" or any(form == "html" for form, _ in outputs):
        from ..pages import locate, report_references

        report = replace(report, pages=locate(report_references(report), settings.root))
    for form, target in outputs:
        options = {"color": target is None and use_color(color, output), "show_ignored": show_ignored} if form == "text" else {}
        write_report(render_chunks(report, form, **options), target, utf8=form != "text")
    sys.exit(0 if write_baseline else report.exit_code)


def report_option(value: str) -> tuple[str, str]:
    """`--report FORMAT=FILE` -> (FORMAT, FILE); a value of another shape, an unknown format or
    an empty file name is an input error naming the option."""
    form, equals, path = value.partition("=")
    form = form.strip()
    if not equals:
        raise InputError(None, None, f"--report: '{value}' is not FORMAT=FILE (e.g. --report sarif=results.sarif)")
    if form not in FORMATS:
        close = get_close_matches(form, list(FORMATS), 1, 0.5)
        hint = f"; did you mean {close[0]}?" if close else f"; formats: {', '.join(FORMATS)}"
        raise InputError(None, None, f"--report: unknown format '{form}'{hint}")
    if not path.strip():
        raise InputError(None, None, f"--report {form}=: empty file name (an unset variable?); name a file")
    return form, path


def distinct_outputs(outputs: list[tuple[str | None, Output | None]]) -> None:
    """Every report and the baseline go to a file of their own: two writing one file would leave
    only the last."""
    seen: dict[Path, str] = {}
    for form, output in outputs:
        if output is None:
            continue
        what = f"the {form} report" if form else "the baseline"
        if output.target in seen and not output.direct:
            raise InputError(output.path, None, f"is named for both {seen[output.target]} and {what}: "
                                                "each report needs its own file")
        seen[output.target] = what


def write_report(pieces, output: Output | None, utf8: bool) -> None:
    """Write the report's pieces to --output (atomically) or stdout, as they are rendered.

    `utf8`: a file format that declares UTF-8 (every one but text, which is for the terminal)."""
    if output is not None:
        output.write(pieces)
    else:
        write_out(pieces, utf8=utf8)
