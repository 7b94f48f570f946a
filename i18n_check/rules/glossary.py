"""Terminology rules: the translation against the glossary (CONTRACT §3 rule 9, §4).

Each rule compares a message form by form (msgid with msgstr[0], msgid_plural with
msgstr[1..]) and yields at most one finding per entry, rule and concept, naming the
failing forms of a plural entry. Only translated, non-fuzzy entries are checked: an
untranslated or fuzzy one already has its own finding.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..catalog import Entry
from ..findings import ERROR, Finding
from ..glossary.model import ALLOWED, DNT, FORBIDDEN, SOURCE, Glossary, TermMatch
from .base import Context, Rule

# What each rule acts on: a text that can hold none of these is passed over without tokenizing.
ONLY_SOURCE, ONLY_ALLOWED = frozenset({SOURCE}), frozenset(ALLOWED)
ONLY_FORBIDDEN, ONLY_DNT = frozenset({FORBIDDEN}), frozenset({DNT})

# The language's own quotation marks around a quoted term.
QUOTES = {"fr": ("« ", " »"), "de": ("„", "“")}


def quote(text: str, lang: str | None) -> str:
    left, right = QUOTES.get(lang or "", ("“", "”"))
    return f"{left}{text}{right}"


def quote_list(terms, lang: str | None) -> str:
    return ", ".join(quote(t, lang) for t in terms)


def forms(entry: Entry) -> list[tuple[int, str, str]]:
    """(form index, source text, translation) for every msgstr form of the entry."""
    return [(i, entry.source_for(i), text) for i, text in enumerate(entry.msgstr)]


def form_names(entry: Entry, indexes: list[int]) -> str:
    """` (msgstr[1], msgstr[2])` for a plural entry, nothing for a singular one."""
    if not entry.plural:
        return ""
    return " (in " + ", ".join(f"msgstr[{i}]" for i in indexes) + ")"


def checked(entry: Entry, ctx: Context) -> Glossary | None:
    """The glossary when this entry is to be checked against it (CONTRACT §3 rule 9)."""
    if ctx.glossary is None or not entry.translated or not ctx.language:
        return None
    return ctx.glossary


def missing(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """The source holds a concept's source term; the translation holds none of its preferred or admitted terms.

    Example: msgid "Survivors speak out", msgstr "Les victimes prennent la parole" for the
    concept survivor (fr preferred: survivante, survivant). Do-not-translate concepts are
    checked by glossary-dnt instead; a concept without terms for the language is not checked.
    """
    glossary = checked(entry, ctx)
    if glossary is None:
        return
    lang = ctx.language
    failing: dict[str, list[int]] = {}
    first_seen: dict[str, str] = {}
    sources: dict[str, list[TermMatch]] = {}
    for index, source, translation in forms(entry):
        if source not in sources:
            found = [m for m in glossary.find(source, glossary.source, ONLY_SOURCE) if m.status == SOURCE]
            # "child" inside "child sexual abuse material" names the csam concept, not the child one.
            sources[source] = [m for m in found if not covered(m, [o for o in found if o.concept != m.concept])]
        wanted = {}
        for m in sources[source]:
            concept = glossary.concept(m.concept)
            if not concept.dnt and concept.terms(lang).allowed:
                wanted.setdefault(m.concept, m.text)
        if not wanted or wanted.keys() <= glossary.surely_holds(translation, lang, ONLY_ALLOWED):
            continue
        present = {m.concept for m in glossary.find(translation, lang, ONLY_ALLOWED) if m.status in ALLOWED}
        for concept_id, seen in wanted.items():
            if concept_id not in present:
                failing.setdefault(concept_id, []).append(index)
                first_seen.setdefault(concept_id, seen)
    for concept_id, indexes in failing.items():
        terms = glossary.concept(concept_id).terms(lang)
        accepted = [t.text for t in terms.allowed]
        expected = tuple(t.text for t in terms.preferred) or tuple(accepted)
        message = (
            f"source has {quote(first_seen[concept_id], glossary.source)} (concept {concept_id}); "
            f"the translation has none of: {quote_list(accepted, lang)}{form_names(entry, indexes)}"
        )
        msgstr = entry.msgstr[indexes[0]]
        yield ctx.finding("glossary-missing", entry, message, msgstr=msgstr, concept=concept_id, expected=expected)


def covered(match: TermMatch, longer: list[TermMatch]) -> bool:
    """True when `match` lies inside a longer match: a ban on a word is not a ban on the
    approved phrase that contains it, and a source word inside another concept's source
    phrase does not name its own concept."""
    return any(a.start <= match.start and match.end <= a.end and (a.end - a.start) > (match.end - match.start) for a in longer)


def forbidden(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """The translation uses a term the glossary forbids in its language.

    Example: « pédopornographie » where the campaign says « images d'abus pédosexuels ».
    Flagged wherever it appears, whether or not the source mentions the concept.
    """
    glossary = checked(entry, ctx)
    if glossary is None:
        return
    lang = ctx.language
    hits: dict[str, tuple[TermMatch, list[int]]] = {}
    for index, _source, translation in forms(entry):
        matches = glossary.find(translation, lang, ONLY_FORBIDDEN)
        allowed = [m for m in matches if m.status in ALLOWED]
        for m in matches:
            if m.status == FORBIDDEN and not covered(m, allowed):
                first, indexes = hits.setdefault(m.concept, (m, []))
                if index not in indexes:
                    indexes.append(index)
    for concept_id, (m, indexes) in hits.items():
        terms = glossary.concept(concept_id).terms(lang)
        instead = [t.text for t in terms.preferred] or [t.text for t in terms.admitted]
        advice = f"use {quote_list(instead, lang)}" if instead else "rephrase without it"
        message = f"{quote(m.text, lang)} is forbidden (concept {concept_id}); {advice}{form_names(entry, indexes)}"
        yield ctx.finding(
            "glossary-forbidden", entry, message, msgstr=entry.msgstr[indexes[0]],
            concept=concept_id, term=m.text, expected=tuple(instead),
        )


def dnt(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """A do-not-translate term of the source is not kept verbatim in the translation.

    Example: "PhotoDNA" in the msgid, "Photo-ADN" or "photoDNA" in the msgstr. Names and
    products marked `dnt: true` stay as they are, with their case, in every language.
    """
    glossary = checked(entry, ctx)
    if glossary is None:
        return
    lang = ctx.language
    failing: dict[str, tuple[str, list[int]]] = {}
    for index, source, translation in forms(entry):
        needed = {}
        for m in glossary.find(source, glossary.source, ONLY_SOURCE):
            if m.status == SOURCE and glossary.concept(m.concept).dnt:
                needed.setdefault((m.concept, m.term.text), m)
        if not needed:
            continue
        kept = {(m.concept, m.term.text) for m in glossary.find(translation, lang, ONLY_DNT) if m.status == DNT}
        for (concept_id, term), _m in needed.items():
            if (concept_id, term) not in kept:
                _term, indexes = failing.setdefault(concept_id, (term, []))
                indexes.append(index)
    for concept_id, (term, indexes) in failing.items():
        translation = entry.msgstr[indexes[0]]
        near = re.search(re.escape(term).replace(r"\ ", r"[\s-]*"), translation, re.IGNORECASE)
        seen = f"; found {quote(near.group(), lang)}" if near else ""
        message = f"{quote(term, lang)} must be kept as is (concept {concept_id}: do not translate){seen}{form_names(entry, indexes)}"
        yield ctx.finding("glossary-dnt", entry, message, msgstr=translation, concept=concept_id, term=term, expected=(term,))


RULES = (
    Rule("glossary-missing", ERROR, missing, family="glossary",
         example_fail=("Survivors speak out", "Les victimes prennent la parole"),
         example_pass=("Survivors speak out", "Les survivantes et survivants prennent la parole")),
    Rule("glossary-forbidden", ERROR, forbidden, family="glossary",
         example_fail=("Child sexual abuse material", "Pédopornographie"),
         example_pass=("Child sexual abuse material", "Images d'abus pédosexuels")),
    Rule("glossary-dnt", ERROR, dnt, family="glossary",
         example_fail=("PhotoDNA finds known images", "Photo-ADN trouve les images connues"),
         example_pass=("PhotoDNA finds known images", "PhotoDNA trouve les images connues")),
)
