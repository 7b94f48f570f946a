"""Plural forms: every plural entry has as many forms as the header's nplurals."""

from __future__ import annotations

from typing import Iterator

from ..catalog import Entry
from ..findings import ERROR, Finding
from .base import Context, Rule


def plural_forms(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """A plural entry has a different number of msgstr[n] forms than the header's `nplurals`.

    msgfmt --check rejects such a catalog; gettext would pick a missing form at run time.
    """
    if not entry.plural:
        return
    expected = ctx.catalog.nplurals
    if expected is None:
        yield ctx.finding("plural-forms", entry, "plural entry but the header has no valid Plural-Forms (nplurals=...)")
    elif len(entry.msgstr) != expected:
        yield ctx.finding(
            "plural-forms", entry,
            f"{len(entry.msgstr)} plural form{'s' if len(entry.msgstr) != 1 else ''}, the header declares nplurals={expected}",
        )


RULES = (
    Rule("plural-forms", ERROR, plural_forms,
         example_fail=('Plural-Forms: nplurals=2\nmsgid "%d file" / msgid_plural "%d files"', "msgstr[0] msgstr[1] msgstr[2]"),
         example_pass=('Plural-Forms: nplurals=2\nmsgid "%d file" / msgid_plural "%d files"', "msgstr[0] msgstr[1]")),
)
