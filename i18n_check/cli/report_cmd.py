"""`i18n-check report`: the editors' glossary report, one self-contained HTML file."""

from __future__ import annotations

import os

import click

from ..reporters import render
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
def report_command(paths, glossary_option, output, lang, select, ignore, extend_select, title):
    """Write the editors' report: translated share and findings per language, term usage and
    compliance per glossary concept, forbidden renderings linked to their strings, drift lists.

    One HTML file with no external asset: open it in any browser, attach it, archive it.
    Exit status: 0 the report was written, 2 bad input.
    """
    from ..usage import editor_report

    settings = load_settings()
    glossary, glossary_path = resolve_glossary(glossary_option, settings, False)
    target = output_for(output, REPORT, [*(p for p in paths if not os.path.isdir(p)), glossary_option,
                                         settings.glossary and settings.path(settings.glossary), settings.source,
                                         settings.content and settings.path(settings.content)])
    report = editor_report(
        list(paths) or [settings.path(p) for p in settings.catalogs],
        glossary=glossary,
        glossary_path=glossary_path,
        **rule_settings(settings, select, ignore, extend_select),
        **blocking_settings(settings, None, None),
        languages=requested_languages(lang, settings),
    )
    echo_output(render(report, "html", title=title), target)
    if output != "-":
        usage = report.extra.get("usage")
        concepts = f", {len(usage)} concepts" if usage is not None else ", no glossary"
        click.echo(f"i18n-check: wrote {output}: {len(report.catalogs)} catalogs{concepts}, {len(report.findings)} findings", err=True)
