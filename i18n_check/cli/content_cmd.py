"""`i18n-check extract`, `update` and `publish`: the content pipeline."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from ..check import display_path
from ..errors import InputError
from ..languages import languages_to_update
from ..safe_text import inert
from ..settings import load_settings
from . import main
from .check_cmd import blocking_settings, requested_languages, resolve_glossary


def catalogs_folder(settings) -> Path:
    """The catalogs folder: the first `catalogs` setting (default `catalogs/`)."""
    return settings.path(settings.catalogs[0]) if settings.catalogs else Path("catalogs")


@main.command("extract")
@click.argument("content", nargs=-1, type=click.Path(readable=False))  # the reader reports an unreadable file (exit 2, one line)
@click.option("-o", "--output", metavar="FILE.pot", help="The template to write (default: the `template` setting, "
              "else the single catalogs/*.pot).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when the template would change (CI: the template is stale).")
def extract_command(content, output, check_only):
    """Extract translatable text from campaign content (Markdown, HTML files or folders) into a POT template.

    One message per heading, paragraph, list item, blockquote paragraph, table
    cell, standalone image alt text and front matter title/description (HTML:
    text blocks and alt/title attributes, never script or style), inline
    markup kept; identical texts become one message with every reference
    (#: content/en/page.md:12). CONTENT defaults to the `content` setting.

    Exit status: 0 written or already up to date, 1 with --check when the
    template would change, 2 bad content (nothing written).
    """
    from ..extract import extract
    from ..update import find_template

    settings = load_settings()
    paths = list(content) or [settings.path(settings.content)]
    if output is None:
        output = settings.path(settings.template) if settings.template else find_template(catalogs_folder(settings))
    result = extract(paths, output, write=not check_only)
    state = ("would write" if check_only else "wrote") if result.written else "up to date:"
    click.echo(f"i18n-check: {state} {display_path(result.output)}: {result.messages} messages from {result.files} files", err=True)
    if check_only and result.written:
        click.echo("i18n-check: the template is stale: run `i18n-check extract` (nothing was written)", err=True)
        sys.exit(1)


@main.command("update")
@click.option("--template", metavar="FILE.pot", help="The template to merge (default: the `template` setting, else the single catalogs/*.pot).")
@click.option("--catalogs", "catalogs", metavar="DIR", help="The catalogs folder holding <lang>/<domain>.po (default: the `catalogs` setting).")
@click.option("--lang", metavar="LANG[,LANG...]", help="Update only the catalogs gettext reads for these locales (fr_FR reads "
              "fr_FR, then fr), creating a catalog for a language that has none; default: every language folder, "
              "plus the `languages` setting.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when a catalog would change (CI: the catalogs are stale), "
              "as `pybabel update --check`.")
def update_command(template, catalogs, lang, check_only):
    """Merge the template into every catalogs/<lang>/<domain>.po without losing a translation.

    New strings are added; a changed string keeps its old translation, marked
    fuzzy, with the old text as `#| msgid`; removed strings become obsolete
    (`#~`); translator comments stay. A missing catalog is created with
    Language, Plural-Forms and charset UTF-8. Files are written atomically,
    under a lock on the catalogs folder, only when they change, wrapped as
    GNU gettext writes them.

    Exit status: 0 done (with --check: nothing would change), 1 with --check
    when a catalog would change, 2 bad input.
    """
    from ..update import find_languages, find_template, plural_forms, update

    settings = load_settings()
    folder = Path(catalogs) if catalogs else catalogs_folder(settings)
    if template is None and settings.template:
        template = settings.path(settings.template)
    template = find_template(folder, template)
    existing = find_languages(folder)
    requested = requested_languages(lang, settings)
    if requested is None:
        languages = existing
    else:
        def creatable(code: str) -> bool:  # update can start a catalog in `code`: its Plural-Forms is known
            try:
                plural_forms(code)
            except InputError:
                return False
            return True

        languages = languages_to_update(requested, existing, creatable)
        if lang is None:  # the setting adds languages to the folders found; --lang names them instead
            languages = sorted(set(languages) | set(existing))
    results = update(template, folder, languages, write=not check_only)
    for result in results:
        what = "created" if result.created else "updated" if result.written else "unchanged"
        if check_only and result.written:
            what = "would create" if result.created else "would update"
        click.echo(f"i18n-check: {what} {display_path(result.path)}: {result.stats} ({result.seconds * 1000:.0f} ms)", err=True)
    stale = [r for r in results if r.written]
    if check_only and stale:
        click.echo(f"i18n-check: {len(stale)} catalog{'s are' if len(stale) != 1 else ' is'} stale: run `i18n-check update` "
                   "(nothing was written)", err=True)
        sys.exit(1)


def short(text: str) -> str:
    """A message quoted on one line, at most 60 characters, nothing a terminal would act on."""
    return repr(inert(text if len(text) <= 60 else text[:57] + "..."))


@main.command("publish")
@click.option("--content", "source", metavar="DIR", help="The source-language content (default: the `content` setting, content/en).")
@click.option("--catalogs", "catalogs", metavar="DIR", help="The catalogs to publish from (default: the `catalogs` setting).")
@click.option("--lang", metavar="LANG[,LANG...]", help="Publish only the catalogs gettext reads for these locales "
              "(fr,de; fr_FR reads fr_FR, then fr). A language with no catalog is an error.")
@click.option("--glossary", "glossary_option", metavar="FILE", help="Terminology glossary (default: the `glossary` setting, "
              "else glossary.yaml when present). A glossary named here or in the settings must exist.")
@click.option("--no-glossary", is_flag=True, help="Check without glossary rules.")
@click.option("--fail-on", metavar="RULE[,RULE...]", help="Rules whose findings refuse publishing (default: as for check). Empty is an error.")
@click.option("--extend-fail-on", metavar="RULE[,RULE...]", help="Rules whose findings refuse publishing too, besides --fail-on or its default.")
@click.option("--strict", is_flag=True, help="Refuse on every finding, warnings too (as --extend-fail-on ALL).")
@click.option("--force", is_flag=True, help="Publish despite blocking findings. Entries that carry a blocking finding "
              "(a forbidden term, a broken placeholder...) still fall back to the source text, so a forbidden term is never published.")
def publish_command(source, catalogs, lang, glossary_option, no_glossary, fail_on, extend_fail_on, strict, force):
    """Write translated pages content/<lang>/... from the source content and the catalogs.

    The catalogs are checked first; blocking findings refuse publishing
    (exit 1, each one named) unless --force; with --strict every finding
    blocks. Untranslated and fuzzy strings, entries with a blocking finding,
    and translations whose markup would break the page fall back to the
    source text: each such segment is named with its reason, and so is
    every finding that does not block on a translation published.

    Exit status: 0 published, 1 refused (blocking findings), 2 bad input (nothing written).
    """
    from ..publish import publish

    settings = load_settings()
    glossary, glossary_path = resolve_glossary(glossary_option, settings, no_glossary)
    blocking_rules = blocking_settings(settings, fail_on, extend_fail_on)
    if strict:
        blocking_rules["extend_fail_on"] = [*blocking_rules["extend_fail_on"], "ALL"]
    result = publish(
        Path(source) if source else settings.path(settings.content),
        [Path(catalogs)] if catalogs else [settings.path(p) for p in settings.catalogs],
        glossary=glossary,
        glossary_path=glossary_path,
        **blocking_rules,
        languages=requested_languages(lang, settings),
        force=force,
        select=list(settings.select),
        ignore=list(settings.ignore),
        extend_select=list(settings.extend_select),
    )
    blocking = result.blocking
    what = f"{len(blocking)} {'blocking ' if not strict else ''}finding{'s' if len(blocking) != 1 else ''}"
    what += " (--strict: every finding blocks)" if strict else ""
    if result.refused:
        click.echo(f"i18n-check: publish refused: {what}", err=True)
        for finding in blocking:
            click.echo(f"  {inert(finding.catalog)}:{finding.line}: {finding.rule}: {short(finding.msgid)}", err=True)
        click.echo("i18n-check: fix them, or use --force (entries with blocking findings then stay in the source language)", err=True)
        sys.exit(1)
    if blocking:
        counts = Counter(f.rule for f in blocking)
        click.echo(f"i18n-check: --force: {what} ({', '.join(f'{n} {r}' for r, n in sorted(counts.items()))}); "
                   "their entries stay in the source language", err=True)
    for language in sorted(set(result.translated) | set(result.fallback)):
        kept = [f for f in result.fallbacks if f.language == language]
        click.echo(f"i18n-check: {language}: {result.translated[language]} segments translated, "
                   f"{result.fallback[language]} in the source language{':' if kept else ''}", err=True)
        for fallback in kept:
            where = f" ({inert(fallback.catalog)})" if fallback.catalog else ""
            click.echo(f"  {inert(fallback.page)}:{fallback.line}: {inert(fallback.reason)}{where}: {short(fallback.text)}", err=True)
    if result.warnings:
        click.echo(f"i18n-check: published {len(result.warnings)} translation{'s' if len(result.warnings) != 1 else ''} "
                   "with findings that do not block:", err=True)
        for finding in result.warnings:
            click.echo(f"  {inert(finding.catalog)}:{finding.line}: {finding.rule}: {inert(finding.message)}", err=True)
    for path in result.written:
        click.echo(f"i18n-check: wrote {display_path(path)}", err=True)
    if not result.written:
        click.echo("i18n-check: every page already up to date", err=True)
