"""Completeness: is every message translated, and translated for good?"""

from __future__ import annotations

from typing import Iterator

from ..catalog import Entry
from ..findings import ERROR, Finding
from ..safe_text import excerpt
from .base import Context, Rule


def untranslated(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """The msgstr is empty (for a plural entry: any of its forms).

    An untranslated message is published in the source language, or not at all.
    """
    if not entry.untranslated:
        return
    if entry.plural:
        empty = [str(i) for i, form in enumerate(entry.msgstr) if not form]
        if len(empty) < len(entry.msgstr):
            yield ctx.finding(UNTRANSLATED, entry, f"plural form{'s' if len(empty) > 1 else ''} msgstr[{', '.join(empty)}] not translated")
            return
    yield ctx.finding(UNTRANSLATED, entry, "not translated")


def fuzzy(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """The entry is flagged fuzzy: a guess or an outdated translation awaiting review.

    gettext does not ship fuzzy translations; remove the flag once the translation is checked.
    """
    if entry.fuzzy:
        was = f" (source was: “{excerpt(entry.previous_msgid, 60)}”)" if entry.previous_msgid else ""
        yield ctx.finding(FUZZY, entry, f"flagged fuzzy: needs review{was}")


UNTRANSLATED = Rule("untranslated", ERROR, untranslated, example_fail=("Survivors", ""), example_pass=("Survivors", "Survivantes et survivants"))
FUZZY = Rule("fuzzy", ERROR, fuzzy, example_fail=("#, fuzzy\nSurvivors", "Victimes"), example_pass=("Survivors", "Survivantes et survivants"))
RULES = (UNTRANSLATED, FUZZY)
