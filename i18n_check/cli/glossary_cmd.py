"""`i18n-check glossary lint|import|export`."""

from __future__ import annotations

import sys
from difflib import get_close_matches
from pathlib import Path

import click

from ..errors import InputError
from ..settings import load_settings
from ..outputs import GLOSSARY, REPORT
from ..safe_text import inert
from . import echo_output, main, output_for
from .check_cmd import requested_languages, resolve_glossary

EXPORT_FORMATS = {"tbx": "TBX v3 (ISO 30042:2019, TBX-Basic)", "tbx2": "TBX v2 (<martif>, TBX-Basic)", "csv": "CSV, one row per term", "yaml": "glossary.yaml"}


def default_glossary(option: str | None) -> Path:
    """--glossary / the argument, else [tool.i18n-check] glossary, else glossary.yaml."""
    if option:
        return Path(option)
    settings = load_settings()
    return settings.path(settings.glossary or "glossary.yaml")


@main.group("glossary")
def glossary_group() -> None:
    """Validate the terminology glossary; convert it from/to TBX and CSV."""


@glossary_group.command("explain")
@click.argument("text")
@click.option("--lang", required=True, metavar="LANG", help="The language of TEXT: the glossary's source language or a target one.")
@click.option("--glossary", "glossary_option", metavar="FILE", help="The glossary (default: the `glossary` setting, else glossary.yaml).")
def explain_command(text, lang, glossary_option):
    """Show how TEXT matches the glossary, word by word (CONTRACT §3 rule 13).

    For a terminologist testing a phrase before adding a term: the words of
    TEXT as compared (inflection key, Snowball stem), every glossary term
    found with the matching rule that decided, and the terms nearly found
    with the reason they are not.

    Exit status: 0, 2 when the glossary is invalid or LANG unknown.
    """
    from ..glossary import load_glossary
    from ..glossary.explain import explain_text
    from ..glossary.index import GlossaryIndex
    from ..reporters.explain import render_explanation

    path = default_glossary(glossary_option)
    if not path.exists():
        where = "--glossary" if glossary_option else "the `glossary` setting, else glossary.yaml; name one with --glossary"
        raise InputError(path, None, f"glossary file not found ({where})")
    glossary = load_glossary(path)
    known = [glossary.source, *glossary.languages]
    base = lang.replace("-", "_").split("_")[0].lower()
    if base not in known:
        close = get_close_matches(base, known, 1, 0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise InputError(None, None, f"--lang: the glossary has no language '{lang}' (it has {', '.join(known)}){hint}")
    click.echo(render_explanation(explain_text(GlossaryIndex(glossary), text, base)), nl=False)


@glossary_group.command("impact")
@click.argument("old", metavar="OLD")
@click.argument("new", required=False, metavar="[NEW]")
@click.option("--catalogs", "catalog_paths", multiple=True, metavar="PATH", type=click.Path(readable=False),
              help="Catalogs (files or folders, repeatable) to measure (default: the `catalogs` setting, catalogs/).")
@click.option("--lang", metavar="LANG[,LANG...]", help="Only the catalogs gettext reads for these locales (fr,de).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
def impact_command(old, new, catalog_paths, lang, fmt, output):
    """Show what replacing glossary OLD by NEW does to the catalogs, before the change is made.

    Per concept and language, the entries that become non-compliant (a
    glossary finding under NEW, none under OLD) and those that become
    compliant, with the findings that decide, as `check` would report them
    (ignore comments applied). NEW defaults to the current glossary (the
    `glossary` setting, else glossary.yaml). OLD and NEW may be read from git
    as REF:PATH (`HEAD:glossary.yaml`, `v1.0:glossary.yaml`; PATH from the
    repository's top, or ./PATH from the working folder, as `git show` reads it).

    Exit status: 0 (whatever changes), 2 bad input (an invalid glossary,
    an unknown git revision, no catalog).
    """
    from ..impact import glossary_impact
    from ..reporters.impact import FORMATS
    from ..revisions import glossary_at

    settings = load_settings()
    paths = list(catalog_paths) or [settings.path(p) for p in settings.catalogs]
    target = output_for(output, REPORT, [*paths, *(spec for spec in (old, new) if spec and Path(spec).exists()),
                                         settings.glossary and settings.path(settings.glossary)])
    old_glossary = glossary_at(old, "glossary impact")
    if new is None:
        new_glossary, new_label = resolve_glossary(None, settings, False)
        if new_glossary is None:
            raise InputError(None, None, "glossary impact: no current glossary (no `glossary` setting, no glossary.yaml): name NEW")
    else:
        new_glossary, new_label = glossary_at(new, "glossary impact"), new
    impact = glossary_impact(paths, old_glossary, old, new_glossary, new_label, languages=requested_languages(lang, settings))
    echo_output(FORMATS[fmt](impact), target)


@glossary_group.command("lint")
@click.argument("glossary", required=False, metavar="[GLOSSARY]")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--catalogs", "catalog_paths", multiple=True, metavar="PATH", type=click.Path(readable=False),
              help="Catalogs (files or folders, repeatable) in which every citation must occur; a warning names those that do not.")
def lint_command(glossary, strict, catalog_paths):
    """Validate the glossary and check its own quality.

    Beyond validation (an invalid glossary exits 2 with file:line:column):
    a source term claimed by two concepts, a term preferred in one concept
    and forbidden in another, a preferred or admitted term and a forbidden
    one of a concept that are the same word as terms are matched, rejected
    source wording that is another concept's source term, a term or citation
    the matcher can never find, and (warnings) a concept with no terms for a
    declared language, a citation holding no glossary term, and with
    --catalogs a citation that occurs in no message of its language.

    Exit status: 0 clean, 1 errors (or warnings with --strict), 2 invalid glossary or catalog.
    """
    from ..catalog.files import texts_by_language
    from ..glossary import load_glossary
    from ..glossary.lint import ERROR, lint_glossary, render_lint

    path = default_glossary(glossary)
    loaded = load_glossary(path)
    texts = texts_by_language(list(catalog_paths), loaded.source) if catalog_paths else None
    findings = lint_glossary(loaded, texts)
    click.echo(render_lint(path.as_posix(), findings), nl=False)
    sys.exit(1 if any(f.level == ERROR or strict for f in findings) else 0)


@glossary_group.command("export")
@click.option("--glossary", "glossary_option", metavar="FILE", help="The glossary to export (default: glossary.yaml).")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), help="Output format (default: from the --output suffix, else tbx).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
def export_command(glossary_option, fmt, output):
    """Write the glossary as TBX (v3 or v2) or CSV, for CAT tools and terminologists."""
    from ..glossary import load_glossary
    from ..glossary.convert import export_csv, export_tbx, render_yaml, to_data

    path = default_glossary(glossary_option)
    target = output_for(output, GLOSSARY, [path])
    glossary = load_glossary(path)
    fmt = fmt or {".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}.get(Path(output or "").suffix.lower(), "tbx")
    if fmt == "csv":
        text = export_csv(glossary)
    elif fmt == "yaml":
        text = render_yaml(to_data(glossary), glossary.path or "the glossary")
    else:
        text = export_tbx(glossary, version=2 if fmt == "tbx2" else 3)
    echo_output(text, target)


@glossary_group.command("import")
@click.argument("source_file", metavar="FILE", type=click.Path(readable=False))  # the reader reports an unreadable file (exit 2, one line)
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), help="Input format (default: from the suffix: .csv, else TBX).")
@click.option("--source", "source_lang", metavar="LANG", help="Source language (default: the TBX xml:lang, or the CSV's source rows, else en).")
@click.option("-o", "--output", metavar="FILE", help="Write glossary.yaml to FILE instead of stdout.")
def import_command(source_file, fmt, source_lang, output):
    """Convert a TBX (v2 martif or v3) or CSV glossary into glossary.yaml (version 2).

    CSV: the columns `glossary export --format csv` writes (at least concept,
    language, status, term), separated by ',', ';' or tabs, as spreadsheets
    save them. The result is validated as any glossary is; what would make it
    invalid (a term both preferred and forbidden...) is reported against FILE.
    """
    from ..glossary.convert import import_glossary, render_yaml
    from ..glossary.load import parse_glossary

    path = Path(source_file)
    target = output_for(output, GLOSSARY, [path])
    data, warnings = import_glossary(path, fmt, source_lang)
    for line, message in warnings:
        click.echo(f"i18n-check: warning: {inert(path.as_posix())}:{line}: {inert(message)}", err=True)
    text = render_yaml(data, path.name)
    try:
        parse_glossary(text, output or "glossary.yaml")
    except InputError as exc:
        raise InputError(path, None, f"cannot be imported: the glossary it gives is invalid: {exc.reason}") from None
    echo_output(text, target)
    if output:
        click.echo(f"i18n-check: wrote {output}", err=True)
