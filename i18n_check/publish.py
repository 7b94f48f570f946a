"""Catalogs + source content -> translated pages: the library behind `i18n-check publish`.

For every language catalog, `content/<lang>/<path>` is written from
`content/en/<path>` with each segment replaced by its translation.  A segment
keeps its source text when its message is untranslated, fuzzy, missing, or
carries a blocking finding (so `--force` never publishes a forbidden term),
and when its translation would break the page's markup.

The catalogs are checked first (`i18n_check.check`); blocking findings refuse
the whole run unless `force`.  All pages are rendered before the first is
written: bad content raises InputError and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .catalog import Catalog, find_catalogs, load_catalog
from .check import check, display_path
from .content import Segment, find_content, read_content, render
from .errors import InputError
from .findings import Report
from .languages import Requested, catalog_names, codes_for, parse_languages, require_found


@dataclass
class PublishResult:
    """The check that gated publishing, and per language what was written and how much fell back."""

    report: Report
    refused: bool = False
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    translated: Counter = field(default_factory=Counter)   # language -> segments published translated
    fallback: Counter = field(default_factory=Counter)     # language -> segments kept in the source language

    @property
    def blocking(self):
        return self.report.blocking


def translations(catalogs: list[Catalog], blocked: set[tuple[str, str | None, str]]) -> dict[str, str]:
    """msgid -> translation from the catalogs of one language: translated, not fuzzy, not blocked, no msgctxt."""
    table: dict[str, str] = {}
    for catalog in catalogs:
        name = display_path(catalog.path)
        for entry in catalog.entries:
            if not entry.msgid or entry.msgctxt is not None or entry.plural or not entry.translated:
                continue
            if (name, entry.msgctxt, entry.msgid) in blocked:
                continue
            table.setdefault(entry.msgid, entry.msgstr[0])
    return table


def target_folder(source: Path, language: str) -> Path:
    """`content/en` -> `content/<language>`; publishing over the source folder is refused."""
    target = source.parent / language
    if target.resolve() == source.resolve():
        raise InputError(source, None, f"the catalog language '{language}' is the source language: publishing would overwrite the source")
    return target


def publish(
    source: str | Path,
    catalogs: list[str | Path],
    *,
    glossary=None,
    glossary_path: str | None = None,
    fail_on=None,
    languages: list[str] | Requested | None = None,
    force: bool = False,
    **check_options,
) -> PublishResult:
    """Write translated copies of the content under `source` for every catalog language (see the module docstring).

    `check_options` (select, ignore, extend_select) go to `check` with `glossary` and `fail_on`.
    """
    source = Path(source)
    files = find_content([source])
    base = source if source.is_dir() else source.parent
    texts = {path: read_content(path) for path in files}
    paths = [p for p in find_catalogs(catalogs) if p.suffix == ".po"]
    if not paths:
        raise InputError(catalogs[0] if catalogs else None, None, "no language catalog (*.po) to publish from")
    if languages is not None and not isinstance(languages, Requested):
        languages = list(languages)
        languages = parse_languages(languages, "languages") if languages else None
    names = catalog_names(languages) if languages else None
    matched: set[str] = set()
    by_language: dict[str, list[Catalog]] = {}
    for path in paths:
        catalog = load_catalog(path)
        language = catalog.language or ""
        if not language:
            raise InputError(path, None, "catalog has no Language header and its path names no language")
        if names is not None:
            codes = codes_for(names, language)
            if not codes:
                by_language.setdefault(language, [])  # seen, for the error naming the languages found
                continue
            matched |= codes
        by_language.setdefault(language, []).append(catalog)
    if languages:
        require_found(languages, matched, by_language)
    by_language = {language: group for language, group in by_language.items() if group}

    report = check([c.path for group in by_language.values() for c in group], glossary=glossary,
                   glossary_path=glossary_path, fail_on=fail_on, **check_options)
    result = PublishResult(report)
    if report.blocking and not force:
        result.refused = True
        return result
    blocked = {(f.catalog, f.msgctxt, f.msgid) for f in report.blocking}

    pages: list[tuple[Path, str]] = []
    for language, group in sorted(by_language.items()):
        table = translations(group, blocked)
        root = target_folder(base, language)

        def lookup(segment: Segment, table=table, language=language) -> str | None:
            found = table.get(segment.text)
            (result.translated if found is not None else result.fallback)[language] += 1
            return found

        for path, text in texts.items():
            pages.append((root / path.relative_to(base), render(path, text, lookup, language)))

    for path, text in pages:
        if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
            result.unchanged.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        result.written.append(path)
    return result
