"""Catalogs + source content -> translated pages: the library behind `i18n-check publish`.

For every language catalog, `content/<lang>/<path>` is written from
`content/en/<path>` with each segment replaced by its translation.  A segment
keeps its source text when its message is untranslated, fuzzy, missing, or
carries a blocking finding (so `--force` never publishes a forbidden term),
and when its translation would break the page's markup.  Each such segment is
a `Fallback` of the result, with its reason; the non-blocking findings on the
translations that were published are its `warnings`: what publishing did is
never left to guess.

The catalogs are checked first (`i18n_check.check`); blocking findings refuse
the whole run unless `force`.  All pages are rendered before the first is
written: bad content raises InputError and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .catalog import Catalog, find_catalogs, load_catalog
from .check import check, display_path
from .content import Segment, find_content, read_content, render, segments
from .errors import InputError
from .findings import Finding
from .languages import Requested, as_requested, check_language, select_languages
from .outputs import PAGE, Output, open_output
from .report import Report


@dataclass(frozen=True)
class Fallback:
    """One segment published in the source language, and why."""

    language: str
    page: str            # the source page, as reported
    line: int            # the segment's line in it
    text: str            # the segment (its msgid)
    reason: str
    catalog: str | None = None   # where its message is, `catalog:line`, when a catalog has it


@dataclass
class PublishResult:
    """The check that gated publishing, and per language what was written and what fell back, and why."""

    report: Report
    refused: bool = False
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    translated: Counter = field(default_factory=Counter)   # language -> segments published translated
    fallback: Counter = field(default_factory=Counter)     # language -> segments kept in the source language
    fallbacks: list[Fallback] = field(default_factory=list)  # each of those segments, with its reason
    warnings: list[Finding] = field(default_factory=list)    # non-blocking findings on translations published

    @property
    def blocking(self):
        return self.report.blocking


class Message(NamedTuple):
    """What one language's catalogs say of a msgid: the translation to publish, or why there is none."""

    translation: str | None
    reason: str                  # why not published ("" when it is)
    where: str                   # catalog:line
    key: tuple[str, str | None, str]   # (catalog, msgctxt, msgid), as findings name it


def translations(catalogs: list[Catalog], blocked: dict[tuple[str, str | None, str], list[str]]) -> dict[str, Message]:
    """msgid -> what the catalogs of one language give a segment of that text: the first catalog's
    translated, non-fuzzy, unblocked entry without msgctxt or plural forms, else the reason there is none."""
    table: dict[str, Message] = {}
    for catalog in catalogs:
        name = display_path(catalog.path)
        for entry in catalog.entries:
            if not entry.msgid or entry.msgctxt is not None:  # a page's segment has no context: never looked up
                continue
            key = (name, entry.msgctxt, entry.msgid)
            reason = ("a plural message" if entry.plural else "fuzzy" if entry.fuzzy else "untranslated" if not entry.translated
                      else f"blocking finding: {', '.join(sorted(set(blocked[key])))}" if key in blocked else "")
            known = table.get(entry.msgid)
            if known is None or known.reason and not reason:
                table[entry.msgid] = Message(None if reason else entry.msgstr[0], reason, f"{name}:{entry.line}", key)
    return table


def target_folder(source: Path, language: str) -> Path:
    """`content/en` -> `content/<language>`, for a language code already checked (check_language).

    The folder must lead into the content folder (`content/`), and not to the source folder or
    into it: a link `content/fr -> en` is refused like a catalog in the source language.
    """
    target = source.parent / language
    resolved, origin, parent = target.resolve(), source.resolve(), source.parent.resolve()
    if resolved == origin:
        raise InputError(source, None, f"the catalog language '{language}' is the source language: publishing would overwrite the source")
    if resolved.is_relative_to(origin) or origin.is_relative_to(resolved):
        raise InputError(target, None, f"leads to {resolved.as_posix()}, which holds or is inside the source folder: "
                                       "publishing would overwrite the source")
    if not resolved.is_relative_to(parent):
        raise InputError(target, None, f"leads outside {source.parent.as_posix()} (to {resolved.as_posix()}): "
                                       "publish writes only into the content folder")
    return target


def page_output(page: Path, root: Path, inputs: list) -> Output:
    """Where the published `page` (under the language folder `root`) is written: refused when a
    link takes it outside `root`, or onto an input of the run (outputs.py)."""
    output = open_output(page, PAGE, inputs)
    if not output.target.is_relative_to(root.resolve()):
        raise InputError(page, None, f"is a link to {output.target.as_posix()}, outside {root.as_posix()}: "
                                     "publish writes only into the language folder")
    return output


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
    # What extract makes of each page: the segments publishing accounts for. (Rendering HTML also
    # looks up text extract leaves out, such as "42" or a title inside a paragraph's msgid.)
    extracted = {path: {segment.text for segment in segments(path, text)} for path, text in texts.items()}
    paths = [p for p in find_catalogs(catalogs) if p.suffix == ".po"]
    if not paths:
        raise InputError(catalogs[0] if catalogs else None, None, "no language catalog (*.po) to publish from")
    languages = as_requested(languages)
    by_language: dict[str, list[Catalog]] = {}
    for path in paths:
        catalog = load_catalog(path)
        if not catalog.language:
            raise InputError(path, None, "catalog has no Language header and its path names no language")
        check_language(catalog.language, path, catalog.header_line, "Language")  # content/<language>/ is written from it
        by_language.setdefault(catalog.language, []).append(catalog)
    if languages:
        chosen = select_languages(languages, by_language)
        by_language = {language: group for language, group in by_language.items() if language in chosen}

    report = check([c for group in by_language.values() for c in group], glossary=glossary,
                   glossary_path=glossary_path, fail_on=fail_on, **check_options)
    result = PublishResult(report)
    if report.blocking and not force:
        result.refused = True
        return result
    blocked: dict[tuple[str, str | None, str], list[str]] = {}
    for finding in report.blocking:
        blocked.setdefault((finding.catalog, finding.msgctxt, finding.msgid), []).append(finding.rule)

    inputs = [base, *paths, glossary_path]
    pages: list[tuple[Output, str]] = []
    published: set[tuple[str, str | None, str]] = set()  # the entries whose translation went onto a page
    for language, group in sorted(by_language.items()):
        table = translations(group, blocked)
        root = target_folder(base, language)
        for path, text in texts.items():
            page = display_path(path)
            kept: list[tuple[Segment, str, Message | None]] = []  # segments that keep the source, with why

            def lookup(segment: Segment, table=table, kept=kept, known=extracted[path]) -> str | None:
                message = table.get(segment.text)
                if segment.text not in known:  # not a message of the page: looked up, not accounted for
                    return message.translation if message else None
                if message is None or message.translation is None:
                    kept.append((segment, message.reason if message else "not in the catalogs (run extract, then update)", message))
                    return None
                kept.append((segment, "", message))  # taken back below if the page refuses it
                return message.translation

            def refuse(segment: Segment, why: str, kept=kept) -> None:
                for index in range(len(kept) - 1, -1, -1):  # the lookup just made for this segment
                    if kept[index][0] == segment and not kept[index][1]:
                        kept[index] = (segment, f"refused: {why}", kept[index][2])
                        break

            pages.append((page_output(root / path.relative_to(base), root, inputs), render(path, text, lookup, language, refuse)))
            for segment, reason, message in kept:
                if reason:
                    result.fallback[language] += 1
                    result.fallbacks.append(Fallback(language, page, segment.line, segment.text, reason, message and message.where))
                else:
                    result.translated[language] += 1
                    published.add(message.key)
    result.warnings = [f for f in report.findings if not f.blocking and (f.catalog, f.msgctxt, f.msgid) in published]

    for output, text in pages:
        path = output.path
        if output.target.is_file() and output.target.read_text(encoding="utf-8", errors="replace") == text:
            result.unchanged.append(path)
            continue
        output.target.parent.mkdir(parents=True, exist_ok=True)
        output.write(text)
        result.written.append(path)
    return result
