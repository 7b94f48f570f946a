"""Drift: translations that wander, across entries, catalogs and languages (project-wide rules).

Both rules see every checked catalog at once and run in O(messages): one pass builds a dict,
one pass reports, so a project of hundreds of thousands of messages costs seconds, not hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, NamedTuple

from ..catalog import Catalog, Entry
from ..findings import WARNING, Finding, Ignored
from .base import PROJECT, Rule
from .ignores import ignores_of, silencer

SHOWN_PLACES = 5  # places listed per variant in a message; the rest are counted

Key = tuple[str | None, str]  # (msgctxt, msgid): a message's identity in gettext


class Use(NamedTuple):
    """One translated entry: where it is and what it says. (A NamedTuple: a project of a million
    messages makes hundreds of thousands of these.)"""

    catalog: Catalog
    name: str          # the catalog as reported
    entry: Entry

    @property
    def place(self) -> str:
        return f"{self.name}:{self.entry.line}"


@dataclass(frozen=True)
class Variants:
    """One message translated more than one way in one language; `variants` most used first."""

    language: str
    msgctxt: str | None
    msgid: str
    variants: tuple[tuple[tuple[str, ...], tuple[Use, ...]], ...]   # (msgstr forms, uses)

    @property
    def reference(self) -> tuple[str, ...] | None:
        """The variant most entries use, or None on a tie (then every entry is reported)."""
        if len(self.variants) > 1 and len(self.variants[0][1]) > len(self.variants[1][1]):
            return self.variants[0][0]
        return None


class Gap(NamedTuple):
    """A message untranslated or fuzzy in one catalog but translated in other languages."""

    use: Use
    state: str                       # "untranslated" or "fuzzy"
    languages: tuple[str, ...]       # the languages that have it translated


def silenced(entry: Entry, rule: Rule) -> str | None:
    """The ignore comment of the entry that silences this module's `rule` (rules/ignores.py), or None."""
    if not entry.translator_comments:
        return None
    by = silencer(ignores_of(entry), rule, None)
    return None if by is None else by.comment


def show(forms: tuple[str, ...]) -> str:
    """A variant as one string: the translation, or its plural forms joined by ` | `."""
    return " | ".join(forms)


def find_variants(catalogs: list[tuple[Catalog, str]]) -> list[Variants]:
    """Every (language, msgctxt, msgid) whose translated, non-fuzzy entries disagree."""
    # Pass 1 keeps one translation per key and notes the keys that disagree; pass 2 gathers the
    # uses of those keys only, so agreeing messages (nearly all of them) cost one dict lookup.
    first: dict[tuple[str, str | None, str], tuple[str, ...]] = {}
    differing: set[tuple[str, str | None, str]] = set()
    for catalog, _name in catalogs:
        language = catalog.language or "?"
        for entry in catalog.entries:
            if entry.msgid and entry.translated:
                key = (language, entry.msgctxt, entry.msgid)
                if first.setdefault(key, entry.msgstr) != entry.msgstr:
                    differing.add(key)
    groups: dict[tuple[str, str | None, str], dict[tuple[str, ...], list[Use]]] = {}
    for catalog, name in catalogs if differing else ():
        language = catalog.language or "?"
        for entry in catalog.entries:
            if entry.msgid and entry.translated and (language, entry.msgctxt, entry.msgid) in differing:
                groups.setdefault((language, entry.msgctxt, entry.msgid), {}).setdefault(entry.msgstr, []).append(Use(catalog, name, entry))
    found = []
    for (language, msgctxt, msgid), by_text in groups.items():
        if len(by_text) > 1:
            order = sorted(by_text.items(), key=lambda kv: (-len(kv[1]), kv[1][0].name, kv[1][0].entry.line))
            found.append(Variants(language, msgctxt, msgid, tuple((forms, tuple(uses)) for forms, uses in order)))
    return found


def places(uses: tuple[Use, ...]) -> str:
    shown = ", ".join(u.place for u in uses[:SHOWN_PLACES])
    return shown + (f" and {len(uses) - SHOWN_PLACES} more" if len(uses) > SHOWN_PLACES else "")


def inconsistent(catalogs: list[tuple[Catalog, str]], glossary=None) -> Iterator[Finding | Ignored]:
    """The same source text is translated differently within one language.

    Entries with the same msgctxt and msgid, across entries and catalogs of one language, should
    read the same. Each entry whose translation differs from the one most entries use is
    reported (on a tie, every entry), with every variant and where it is used.
    """
    for group in find_variants(catalogs):
        reference = group.reference
        for forms, uses in group.variants:
            if forms == reference:
                continue
            others = [(f, u) for f, u in group.variants if f != forms]
            listing = "; ".join(f"«{show(f)}» ({len(u)}×: {places(u)})" for f, u in others)
            for use in uses:
                finding = Finding(
                    rule=INCONSISTENT.id, severity=INCONSISTENT.severity, catalog=use.name, language=use.catalog.language,
                    line=use.entry.line, msgid=use.entry.msgid, msgstr=show(forms), msgctxt=use.entry.msgctxt,
                    expected=tuple(show(f) for f, _ in others),
                    message=f"translated differently elsewhere in {group.language}: {listing}",
                    references=use.entry.references,
                )
                comment = silenced(use.entry, INCONSISTENT)
                yield finding if comment is None else Ignored(finding, comment)


def find_gaps(catalogs: list[tuple[Catalog, str]]) -> list[Gap]:
    """Entries untranslated or fuzzy in one language whose message another language has translated."""
    if len({catalog.language or "?" for catalog, _ in catalogs}) < 2:
        return []  # one language: nothing can be translated "elsewhere"
    # Pass 1: (msgctxt, msgid) -> the sorted languages that have it translated, one shared tuple
    # per set of languages (a set per message weighed 200 bytes, a million times over).
    translated_in: dict[Key, tuple[str, ...]] = {}
    combined: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}
    for catalog, _name in catalogs:
        language = catalog.language or "?"
        alone = (language,)
        for entry in catalog.entries:
            if entry.msgid and entry.translated:
                key = (entry.msgctxt, entry.msgid)
                have = translated_in.setdefault(key, alone)
                if language not in have:
                    if (have, language) not in combined:
                        combined[have, language] = tuple(sorted((*have, language)))
                    translated_in[key] = combined[have, language]
    # Pass 2: the entries that lag, in catalog order.
    gaps = []
    for catalog, name in catalogs:
        language = catalog.language or "?"
        for entry in catalog.entries:
            if entry.msgid and not entry.translated:
                have = translated_in.get((entry.msgctxt, entry.msgid))
                # Translated elsewhere in its own language: an `untranslated`/`inconsistent` matter, not parity.
                if have and language not in have:
                    gaps.append(Gap(Use(catalog, name, entry), "fuzzy" if entry.fuzzy else "untranslated", have))
    return gaps


def language_parity(catalogs: list[tuple[Catalog, str]], glossary=None) -> Iterator[Finding | Ignored]:
    """The same message is translated in one target language but untranslated or fuzzy in another.

    Reported on the lagging catalog, naming the languages that already have the translation:
    the message is not new, one language fell behind.
    """
    messages: dict[tuple[str, tuple[str, ...]], str] = {}  # one string per wording, shared by its findings
    for gap in find_gaps(catalogs):
        entry = gap.use.entry
        message = messages.get((gap.state, gap.languages))
        if message is None:
            message = messages[gap.state, gap.languages] = f"{gap.state} here but translated in {', '.join(gap.languages)}"
        finding = Finding(
            rule=LANGUAGE_PARITY.id, severity=LANGUAGE_PARITY.severity, catalog=gap.use.name, language=gap.use.catalog.language,
            line=entry.line, msgid=entry.msgid, msgstr=show(entry.msgstr) if any(entry.msgstr) else "",
            msgctxt=entry.msgctxt, expected=gap.languages, message=message, references=entry.references,
        )
        comment = silenced(entry, LANGUAGE_PARITY)
        yield finding if comment is None else Ignored(finding, comment)


INCONSISTENT = Rule("inconsistent", WARNING, inconsistent, scope=PROJECT, family="drift")
LANGUAGE_PARITY = Rule("language-parity", WARNING, language_parity, scope=PROJECT, family="drift")
RULES = (INCONSISTENT, LANGUAGE_PARITY)
