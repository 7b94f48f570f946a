"""`i18n-check report`: the editors' glossary report, one self-contained HTML file."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from ..errors import InputError
from ..history import compliance_history
from ..impact import glossary_impact
from ..pages import locate, report_references
from ..reporters import render
from ..revisions import glossary_at
from ..settings import load_settings
from ..outputs import REPORT
from . import echo_output, main, output_for
from .check_cmd import blocking_settings, requested_languages, resolve_glossary, rule_settings


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # the reader reports an unreadable file (exit 2, one line)
@click.option("--glossary", "glossary_option", metavar="FILE", help="Terminology glossary (default: the `glossary` setting, "
              "else glossary.yaml when present). A glossary named here or in the settings must exist.")
@click.option("-o", "--output", metavar="FILE", default="report.html", show_default=True, help="Where to write the HTML report (- for stdout).")
@click.option("--lang", metavar="LANG[,LANG...]", help="Report only the catalogs gettext reads for these locales "
              "(fr,de; fr_FR reads fr_FR, then fr). A language with no catalog is an error.")
@click.option("--select", metavar="RULE[,RULE...]", help="Run only these rules (ALL: every rule).")
@click.option("--ignore", metavar="RULE[,RULE...]", help="Never run these rules.")
@click.option("--extend-select", metavar="RULE[,RULE...]", help="Run these rules too, besides the selection.")
@click.option("--title", default="Translation and terminology report", show_default=True, help="The page's title.")
@click.option("--history", "history_count", type=int, metavar="N", help="Chart glossary compliance per concept and language "
              "over the last N commits that changed the catalogs or the glossary (read with git), each judged by its own glossary.")
@click.option("--impact", "impact_old", metavar="OLD", help="Add what replacing glossary OLD (a file, or REF:PATH read with git) "
              "by the current glossary does: per concept and language, the entries that become non-compliant and compliant.")
def report_command(paths, glossary_option, output, lang, select, ignore, extend_select, title, history_count, impact_old):
    """Write the editors' report: translated share and findings per language, term usage and
    compliance per glossary concept, forbidden renderings linked to their strings, drift lists.

    One HTML file with no external asset: open it in any browser, attach it, archive it.
    Exit status: 0 the report was written, 2 bad input.
    """
    from ..usage import editor_report

    settings = load_settings()
    glossary, glossary_path = resolve_glossary(glossary_option, settings, False)
    if glossary is None and (history_count is not None or impact_old is not None):
        raise InputError(None, None, f"{'--history' if history_count is not None else '--impact'}: no glossary (no `glossary` "
                                     "setting, no glossary.yaml): name one with --glossary")
    target = output_for(output, REPORT, [*(p for p in paths if not os.path.isdir(p)), glossary_option,
                                         settings.glossary and settings.path(settings.glossary), settings.source,
                                         settings.content and settings.path(settings.content)])
    targets = list(paths) or [settings.path(p) for p in settings.catalogs]
    languages = requested_languages(lang, settings)
    old_glossary = glossary_at(impact_old, "--impact") if impact_old is not None else None  # bad input stops before the work
    history = compliance_history(history_count, targets, glossary_path, languages) if history_count is not None else None
    report = editor_report(
        targets,
        glossary=glossary,
        glossary_path=glossary_path,
        **rule_settings(settings, select, ignore, extend_select),
        **blocking_settings(settings, None, None),
        languages=languages,
    )
    impact = glossary_impact(targets, old_glossary, impact_old, glossary, glossary_path, languages=languages) if old_glossary is not None else None
    report = replace(report, history=history, impact=impact)
    report = replace(report, pages=locate(report_references(report), settings.root))
    echo_output(render(report, "html", title=title), target)
    if output != "-":
        usage = report.usage
        concepts = f", {len(usage)} concepts" if usage is not None else ", no glossary"
        click.echo(f"i18n-check: wrote {output}: {len(report.catalogs)} catalogs{concepts}, {len(report.findings)} findings", err=True)
