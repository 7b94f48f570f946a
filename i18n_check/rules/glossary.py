"""Terminology rules: the translation against the glossary (CONTRACT §3 rule 9, §4).

Each rule compares a message form by form (msgid with msgstr[0], msgid_plural with
msgstr[1..]) and yields at most one finding per entry, rule and concept, naming the
failing forms of a plural entry. Only translated, non-fuzzy entries are checked: an
untranslated or fuzzy one already has its own finding. The three rules read an entry once
(`read_terms`, kept on the context for the entry), and the editors' term usage (usage.py)
counts from that same reading, so that an entry is compliant there when it has no finding here.

Use and mention (rule 12): terms inside a citation of their language neither require nor
satisfy anything; a forbidden term inside one, or in an entry whose source holds its concept's
rejected source wording, is mentioned, not used: glossary-forbidden yields a Mention for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
ONLY_TARGET = frozenset(ALLOWED) | {FORBIDDEN, DNT}  # all a translation's terms may be

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
    return asked_for(glossary, [m for m in glossary.find(source, glossary.source, ONLY_SOURCE) if m.status == SOURCE], source, lang)


def asked_for(glossary: GlossaryIndex, found: list[TermMatch], source: str, lang: str | None) -> list[TermMatch]:
    """Of `found` (the SOURCE matches of `source`), those asking something of a translation into
    `lang`: see source_terms."""
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


@dataclass
class EntryTerms:
    """What the glossary finds in one entry's forms (rules 9-12), for the glossary rules and the
    editors' term usage alike. Forms are msgstr indexes (see `forms`); lists keep reading order."""

    # concept -> form -> the source text asking for it: the forms whose source holds one of the
    # concept's source terms (rule 10 applied), for the concepts asking something of the language
    wanted: dict[str, dict[int, str]] = field(default_factory=dict)
    # concept -> form -> its approved (or kept dnt) terms the translation holds outside citations,
    # for the concepts that form wants
    approved: dict[str, dict[int, list[TermMatch]]] = field(default_factory=dict)
    used: list[tuple[int, TermMatch]] = field(default_factory=list)   # forbidden terms used
    mentions: list[tuple[int, TermMatch, str, str]] = field(default_factory=list)  # (form, match, reason, evidence)
    unkept: list[tuple[int, str, str]] = field(default_factory=list)  # (form, concept, dnt source term not kept)


def read_terms(entry: Entry, glossary: GlossaryIndex, lang: str) -> EntryTerms:
    """The glossary's reading of a translated entry in `lang`: which concepts each form's source asks
    for and which approved terms its translation holds for them, which forbidden terms it uses and
    which it only mentions (rule 12), which do-not-translate terms it does not keep."""
    out = EntryTerms()
    sources: dict[str, tuple[dict[str, str], dict[tuple[str, str], None]]] = {}
    for index, source, translation in forms(entry):
        asked, needed = sources.get(source) or sources.setdefault(source, source_reading(glossary, source, lang))
        for concept_id, seen in asked.items():
            out.wanted.setdefault(concept_id, {})[index] = seen
        matches = glossary.find(translation, lang, ONLY_TARGET if asked or needed else ONLY_FORBIDDEN)
        if not matches:
            if needed:
                out.unkept.extend((index, concept_id, term) for concept_id, term in needed)
            continue
        allowed = [m for m in matches if m.status in ALLOWED]
        banned = [m for m in matches if m.status == FORBIDDEN and not covered(m, allowed)]
        # One occurrence, one term: Kinderporno inside Kinderpornografie is that word's occurrence.
        banned = [m for m in banned if not covered(m, [o for o in banned if o.concept == m.concept])]
        approving = [m for m in matches if (m.status in ALLOWED or m.status == DNT) and m.concept in asked]
        dnt_kept = [m for m in matches if m.status == DNT] if needed else []
        citations = glossary.citations_around(translation, lang, approving + dnt_kept + banned)
        for m in approving:
            if inside(m.start, m.end, citations) is None:
                out.approved.setdefault(m.concept, {}).setdefault(index, []).append(m)
        if needed:
            kept = {(m.concept, m.term.text) for m in dnt_kept if inside(m.start, m.end, citations) is None}
            out.unkept.extend((index, concept_id, term) for concept_id, term in needed if (concept_id, term) not in kept)
        rejected = rejected_wording(glossary, source) if banned else {}
        for m in banned:
            why = mention_reason(m, citations, rejected)
            if why is None:
                out.used.append((index, m))
            else:
                out.mentions.append((index, m, *why))
    return out


def source_reading(glossary: GlossaryIndex, source: str, lang: str) -> tuple[dict[str, str], dict[tuple[str, str], None]]:
    """What `source` asks of a translation into `lang`: concept -> the text of its first source
    term there (source_terms, for the concepts with terms in `lang` or dnt), and the (concept,
    source term) of each do-not-translate term outside a source citation, to be kept as is."""
    found = [m for m in glossary.find(source, glossary.source, ONLY_SOURCE) if m.status == SOURCE]
    if not found:
        return {}, {}
    asked: dict[str, str] = {}
    for m in asked_for(glossary, found, source, lang):
        if m.concept not in asked and owns(glossary.concept(m.concept), lang):
            asked[m.concept] = m.text
    kept_as_is = [m for m in found if glossary.concept(m.concept).dnt]
    return asked, dict.fromkeys((m.concept, m.term.text) for m in outside_citations(kept_as_is, source, glossary.source, glossary))


def entry_terms(entry: Entry, ctx: Context) -> EntryTerms | None:
    """The glossary's reading of `entry` (read_terms) when it is to be checked against the glossary;
    read once for the three rules, which run one after the other on each entry."""
    last = ctx.glossary_terms
    if last is not None and last[0] is entry:
        return last[1]
    glossary = checked(entry, ctx)
    ctx.glossary_terms = entry, None if glossary is None else read_terms(entry, glossary, ctx.language)
    return ctx.glossary_terms[1]


def missing(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """The source holds a concept's source term; the translation holds none of its preferred or admitted terms.

    Example: msgid "Survivors speak out", msgstr "Les victimes prennent la parole" for the
    concept survivor (fr preferred: survivante, survivant). Do-not-translate concepts are
    checked by glossary-dnt instead; a concept without terms for the language is not checked.
    """
    read = entry_terms(entry, ctx)
    if read is None:
        return
    glossary, lang = ctx.glossary, ctx.language
    for concept_id, asking in read.wanted.items():
        concept = glossary.concept(concept_id)
        if concept.dnt:
            continue
        found = read.approved.get(concept_id, {})
        indexes = [i for i in asking if not found.get(i)]
        if not indexes:
            continue
        terms = concept.terms(lang)
        accepted = [t.text for t in terms.allowed]
        expected = tuple(t.text for t in terms.preferred) or tuple(accepted)
        message = (
            f"source has {quote(asking[indexes[0]], glossary.source)} (concept {concept_id}); "
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
    read = entry_terms(entry, ctx)
    if read is None:
        return
    lang = ctx.language
    mentions: dict[tuple[str, str, str], Mention] = {}
    for index, m, reason, evidence in read.mentions:
        key = (m.concept, m.text, reason)
        if key not in mentions:
            mentions[key] = ctx.mention(entry, entry.msgstr[index], m.concept, m.text, reason, evidence, span=(m.start, m.end))
    yield from mentions.values()
    hits: dict[str, tuple[TermMatch, list[int]]] = {}
    for index, m in read.used:
        first, indexes = hits.setdefault(m.concept, (m, []))
        if index not in indexes:
            indexes.append(index)
    for concept_id, (m, indexes) in hits.items():
        terms = ctx.glossary.concept(concept_id).terms(lang)
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
    read = entry_terms(entry, ctx)
    if read is None:
        return
    lang = ctx.language
    failing: dict[str, tuple[str, list[int]]] = {}
    for index, concept_id, term in read.unkept:
        failing.setdefault(concept_id, (term, []))[1].append(index)
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
