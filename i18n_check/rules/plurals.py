"""Plural forms: the header's Plural-Forms as msgfmt --check judges it, and every plural entry
with as many forms as the header's nplurals."""

from __future__ import annotations

from typing import Iterator

from ..findings import ERROR, Finding
from .base import CATALOG, Context, Rule


def plural_forms(ctx: Context) -> Iterator[Finding]:
    """The Plural-Forms header is one msgfmt --check refuses, or a plural entry has a different number of msgstr[n] forms than its `nplurals`.

    The header is read and its expression evaluated for n = 0..1000 as gettext does
    (unsigned arithmetic): an nplurals that is not a number, an expression gettext cannot
    parse, one that divides by zero, gives a value of nplurals or more, or a "negative" one,
    is reported once, at the header, with msgfmt's words. A header without `nplurals=` and
    `plural=` makes gettext use the Germanic rule (two forms): msgfmt --check then refuses
    plural translations. With a valid header, each plural entry must have nplurals forms;
    gettext would pick a missing form at run time.
    """
    catalog = ctx.catalog
    header = catalog.header_entry
    forms = catalog.plural_forms
    if forms.declared:
        if forms.problem is not None:
            yield ctx.finding(PLURAL_FORMS, header, f"Plural-Forms header: {forms.problem}")
            return
        expected = forms.nplurals
        for entry in catalog.entries:
            if entry.msgid_plural is not None and entry.msgid and len(entry.msgstr) != expected:
                yield ctx.finding(
                    PLURAL_FORMS, entry,
                    f"{len(entry.msgstr)} plural form{'s' if len(entry.msgstr) != 1 else ''}, the header declares nplurals={expected}",
                )
        return
    missing = "a header entry" if header is None else 'a "nplurals=INTEGER" attribute' if "nplurals=" not in header.msgstr[0] \
        else 'a "plural=EXPRESSION" attribute'
    for entry in catalog.entries:
        if entry.msgid_plural is not None and entry.msgid:
            yield ctx.finding(PLURAL_FORMS, entry,
                              f"plural entry, but the catalog lacks {missing} (Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;)")


PLURAL_FORMS = Rule("plural-forms", ERROR, plural_forms, scope=CATALOG,
                    example_fail=('Plural-Forms: nplurals=2\nmsgid "%d file" / msgid_plural "%d files"', "msgstr[0] msgstr[1] msgstr[2]"),
                    example_pass=('Plural-Forms: nplurals=2\nmsgid "%d file" / msgid_plural "%d files"', "msgstr[0] msgstr[1]"))
RULES = (PLURAL_FORMS,)
