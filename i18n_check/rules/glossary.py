"""Terminology rules: the translation against the glossary (CONTRACT §3 rule 9, §4).

Each rule compares a message form by form (msgid with msgstr[0], msgid_plural with
msgstr[1..]) and yields at most one finding per entry, rule and concept, naming the
failing forms of a plural entry. Only translated, non-fuzzy entries are checked: an
untranslated or fuzzy one already has its own finding.

Use and mention (rule 12): terms inside a citation of their language neither require nor
satisfy anything; a forbidden term inside one, or in an entry whose source holds its concept's
rejected source wording, is mentioned, not used: glossary-forbidden yields a Mention for it.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..catalog import Entry
from ..findings import CITATION, ERROR, SOURCE_MENTION, Finding, Mention
from ..glossary.citations import inside
from ..glossary.index import GlossaryIndex
from ..glossary.model import ALLOWED, DNT, FORBIDDEN, SOURCE, SOURCE_FORBIDDEN, TermMatch
from .base import Context, Rule

# What each rule acts on: a text that can hold none of these is passed over without tokenizing.
ONLY_SOURCE, ONLY_ALLOWED = frozenset({SOURCE}), frozenset(ALLOWED)
ONLY_FORBIDDEN, ONLY_DNT = frozenset({FORBIDDEN}), frozenset({DNT})
ONLY_SOURCE_FORBIDDEN = frozenset({SOURCE_FORBIDDEN})

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


def checked(entry: Entry, ctx: Context) -> GlossaryIndex | None:
    """The glossary when this entry is to be checked against it (CONTRACT §3 rule 9)."""
    if ctx.glossary is None or not entry.translated or not ctx.language:
        return None
    return ctx.glossary


def outside_citations(matches: list[TermMatch], text: str, lang: str, glossary: GlossaryIndex) -> list[TermMatch]:
    """The matches that do not lie inside a citation of `lang` in `text` (rule 12: terms inside
    a citation neither require nor satisfy anything)."""
    spans = glossary.citations_around(text, lang, matches)
    return [m for m in matches if inside(m.start, m.end, spans) is None] if spans else matches


def source_terms(glossary: GlossaryIndex, source: str, lang: str | None = None) -> list[TermMatch]:
    """The source terms a source text asks a translation into `lang` for: not inside a longer
    source term of another concept (rule 10), nor inside a source citation (rule 12)."""
    found = [m for m in glossary.find(source, glossary.source, ONLY_SOURCE) if m.status == SOURCE]
    # Rule 10: "child" inside "child sexual abuse material" names the csam concept, not the child
    # one, unless csam has no term in `lang` (a dnt concept has its source terms in every language).
    if nested(found):
        owners = found if lang is None else [m for m in found if owns(glossary.concept(m.concept), lang)]
        found = [m for m in found if not covered(m, [o for o in owners if o.concept != m.concept])]
    return outside_citations(found, source, glossary.source, glossary)


def nested(matches: list[TermMatch]) -> bool:
    """True when one of `matches` (in `find`'s order) may lie inside another: only then can one be
    `covered`. (The one it lies in comes first in that order, as long or longer.)"""
    reach = -1
    for m in matches:
        if m.end <= reach:
            return True
        reach = m.end
    return False


def owns(concept, lang: str) -> bool:
    """True when `concept` asks something of a translation into `lang` (rule 10)."""
    return concept.dnt or bool(concept.terms(lang).allowed)


def rejected_wording(glossary: GlossaryIndex, source: str) -> dict[str, str]:
    """concept -> the first of its rejected source wording (SOURCE_FORBIDDEN) the source holds,
    inside a source citation or not (rule 12 b)."""
    found: dict[str, str] = {}
    for m in glossary.find(source, glossary.source, ONLY_SOURCE_FORBIDDEN):
        if m.status == SOURCE_FORBIDDEN:
            found.setdefault(m.concept, m.text)
    return found


def mention_reason(m: TermMatch, citations: list, rejected: dict[str, str]) -> tuple[str, str] | None:
    """Why the forbidden match `m` is mentioned, not used (rule 12), as (reason, evidence): it
    lies inside a citation (`citations`: the translation's citation spans), or the source holds
    its concept's rejected wording (`rejected`, see rejected_wording). None: it is used."""
    citation = inside(m.start, m.end, citations)
    if citation is not None:
        return CITATION, citation.text
    if m.concept in rejected:
        return SOURCE_MENTION, rejected[m.concept]
    return None


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
            sources[source] = source_terms(glossary, source, lang)
        wanted = {}
        for m in sources[source]:
            concept = glossary.concept(m.concept)
            if not concept.dnt and concept.terms(lang).allowed:
                wanted.setdefault(m.concept, m.text)
        if not wanted:
            continue
        allowed = [m for m in glossary.find(translation, lang, ONLY_ALLOWED) if m.status in ALLOWED]
        present = {m.concept for m in outside_citations(allowed, translation, lang, glossary)}
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
        yield ctx.finding(MISSING_TERM, entry, message, msgstr=msgstr, concept=concept_id, expected=expected)


def covered(match: TermMatch, longer: list[TermMatch]) -> bool:
    """True when `match` lies inside a longer match: a ban on a word is not a ban on the
    approved phrase that contains it, and a source word inside another concept's source
    phrase does not name its own concept."""
    return any(a.start <= match.start and match.end <= a.end and (a.end - a.start) > (match.end - match.start) for a in longer)


def forbidden(entry: Entry, ctx: Context) -> Iterator[Finding | Mention]:
    """The translation uses a term the glossary forbids in its language.

    Example: « pédopornographie » where the campaign says « images d'abus pédosexuels ».
    Flagged wherever it is used, whether or not the source mentions the concept. A forbidden
    term that is mentioned, not used, is listed as a mention instead (CONTRACT §3 rule 12):
    inside a citation of its language (a law's official title, an organisation's name), or
    where the entry's source holds the concept's rejected source wording ("the term 'child
    pornography'"), which a faithful translation quotes too.
    """
    glossary = checked(entry, ctx)
    if glossary is None:
        return
    lang = ctx.language
    hits: dict[str, tuple[TermMatch, list[int]]] = {}
    mentions: dict[tuple[str, str, str], Mention] = {}
    for index, source, translation in forms(entry):
        matches = glossary.find(translation, lang, ONLY_FORBIDDEN)
        allowed = [m for m in matches if m.status in ALLOWED]
        banned = [m for m in matches if m.status == FORBIDDEN and not covered(m, allowed)]
        if not banned:
            continue
        # One occurrence, one term: Kinderporno inside Kinderpornografie is that word's occurrence.
        banned = [m for m in banned if not covered(m, [o for o in banned if o.concept == m.concept])]
        citations, rejected = glossary.citations_around(translation, lang, banned), rejected_wording(glossary, source)
        for m in banned:
            why = mention_reason(m, citations, rejected)
            if why is not None:
                key = (m.concept, m.text, why[0])
                if key not in mentions:
                    mentions[key] = ctx.mention(entry, translation, m.concept, m.text, *why, span=(m.start, m.end))
                continue
            first, indexes = hits.setdefault(m.concept, (m, []))
            if index not in indexes:
                indexes.append(index)
    yield from mentions.values()
    for concept_id, (m, indexes) in hits.items():
        terms = glossary.concept(concept_id).terms(lang)
        instead = [t.text for t in terms.preferred] or [t.text for t in terms.admitted]
        advice = f"use {quote_list(instead, lang)}" if instead else "rephrase without it"
        message = f"{quote(m.text, lang)} is forbidden (concept {concept_id}); {advice}{form_names(entry, indexes)}"
        yield ctx.finding(
            FORBIDDEN_TERM, entry, message, msgstr=entry.msgstr[indexes[0]],
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
        found = [m for m in glossary.find(source, glossary.source, ONLY_SOURCE) if m.status == SOURCE and glossary.concept(m.concept).dnt]
        for m in outside_citations(found, source, glossary.source, glossary):
            needed.setdefault((m.concept, m.term.text), m)
        if not needed:
            continue
        dnt_terms = [m for m in glossary.find(translation, lang, ONLY_DNT) if m.status == DNT]
        kept = {(m.concept, m.term.text) for m in outside_citations(dnt_terms, translation, lang, glossary)}
        for (concept_id, term), _m in needed.items():
            if (concept_id, term) not in kept:
                _term, indexes = failing.setdefault(concept_id, (term, []))
                indexes.append(index)
    for concept_id, (term, indexes) in failing.items():
        translation = entry.msgstr[indexes[0]]
        near = re.search(re.escape(term).replace(r"\ ", r"[\s-]*"), translation, re.IGNORECASE)
        seen = f"; found {quote(near.group(), lang)}" if near else ""
        message = f"{quote(term, lang)} must be kept as is (concept {concept_id}: do not translate){seen}{form_names(entry, indexes)}"
        yield ctx.finding(DNT_TERM, entry, message, msgstr=translation, concept=concept_id, term=term, expected=(term,))


MISSING_TERM = Rule("glossary-missing", ERROR, missing, family="glossary",
                    example_fail=("Survivors speak out", "Les victimes prennent la parole"),
                    example_pass=("Survivors speak out", "Les survivantes et survivants prennent la parole"))
FORBIDDEN_TERM = Rule("glossary-forbidden", ERROR, forbidden, family="glossary",
                      example_fail=("Child sexual abuse material", "Pédopornographie"),
                      example_pass=("Child sexual abuse material", "Images d'abus pédosexuels"))
DNT_TERM = Rule("glossary-dnt", ERROR, dnt, family="glossary",
                example_fail=("PhotoDNA finds known images", "Photo-ADN trouve les images connues"),
                example_pass=("PhotoDNA finds known images", "PhotoDNA trouve les images connues"))
RULES = (MISSING_TERM, FORBIDDEN_TERM, DNT_TERM)
