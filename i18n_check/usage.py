"""Term usage: which renderings of each glossary concept the translations actually use.

For every concept and target language, over translated, non-fuzzy entries (CONTRACT §3 rule 9):
how often each preferred, admitted and forbidden term occurs, the "other" renderings (the source
holds the concept, the translation none of its approved terms: the translation is kept to show
what translators wrote instead), and the compliance rate. The HTML report formats this.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import itemgetter
from typing import Iterable

from .catalog import Catalog
from .check import check, read_catalogs
from .glossary.index import GlossaryIndex, compiled
from .glossary.model import Glossary
from .languages import as_requested, base_language
from .parallel import collector_spares_existing
from .report import Report, VariantGroup
from .rules.drift import INCONSISTENT, find_variants, show, silenced
from .rules.glossary import DNT_TERM, FORBIDDEN_TERM, MISSING_TERM, read_terms
from .rules.ignores import ignores_of, silencer

PREFERRED, ADMITTED, FORBIDDEN, OTHER = "preferred", "admitted", "forbidden", "other"


@dataclass(frozen=True)
class Occurrence:
    """One entry where a concept is rendered badly (forbidden) or not by an approved term (other)."""

    concept: str
    status: str                  # FORBIDDEN or OTHER
    catalog: str
    language: str | None
    line: int
    msgctxt: str | None
    msgid: str
    msgstr: str                  # the translation form holding the term (or the first form)
    term: str | None = None      # the glossary term matched (forbidden)
    span: tuple[int, int] | None = None  # where `msgstr` holds it, to highlight
    references: tuple[str, ...] = ()     # the entry's `#:` references: the pages it stands on

    @property
    def anchor(self) -> str:
        """A stable HTML id for the occurrence: forbidden terms in the table link here."""
        key = "\x1f".join((self.concept, self.status, self.catalog, self.msgctxt or "\x04", self.msgid, self.term or ""))
        return "occ-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class LanguageUsage:
    """One concept in one target language."""

    language: str
    preferred: tuple[str, ...] = ()
    admitted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    counts: Counter = field(default_factory=Counter)      # (status, glossary term) -> entries using it
    expected: int = 0            # entries whose source holds the concept (or the translation a forbidden term)
    compliant: int = 0           # of those: an approved term and no forbidden one
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def compliance(self) -> float | None:
        """Share of the entries in scope that are compliant, or None when none is in scope."""
        return self.compliant / self.expected if self.expected else None

    def count(self, status: str, term: str | None = None) -> int:
        if term is None:
            return sum(n for (s, _), n in self.counts.items() if s == status)
        return self.counts[(status, term)]

    @property
    def forbidden_occurrences(self) -> list[Occurrence]:
        return [o for o in self.occurrences if o.status == FORBIDDEN]

    @property
    def other_occurrences(self) -> list[Occurrence]:
        return [o for o in self.occurrences if o.status == OTHER]


@dataclass
class ConceptUsage:
    """One glossary concept: its source terms (and rejected source wording) and its usage per target language."""

    id: str
    note: str | None
    source_terms: tuple[str, ...]
    dnt: bool
    languages: dict[str, LanguageUsage]
    source_forbidden: tuple[str, ...] = ()

    @property
    def expected(self) -> int:
        return sum(u.expected for u in self.languages.values())

    @property
    def compliance(self) -> float | None:
        expected = self.expected
        return sum(u.compliant for u in self.languages.values()) / expected if expected else None


def _measured(concept, lang: str) -> bool:
    """True when the concept says something about `lang`: approved or forbidden terms, or dnt."""
    terms = concept.terms(lang)
    return concept.dnt or bool(terms.preferred or terms.admitted or terms.forbidden)


def new_usage(glossary, languages: Iterable[str]) -> list[ConceptUsage]:
    """An empty usage table: every concept, every language it has terms for."""
    out = []
    for c in glossary.concepts:
        langs = {}
        for lang in languages:
            if not _measured(c, lang):
                continue
            terms = c.terms(lang)
            # A do-not-translate concept's one approved rendering is its source term, verbatim.
            preferred = tuple(t.text for t in c.source) if c.dnt else tuple(t.text for t in terms.preferred)
            langs[lang] = LanguageUsage(lang, preferred, tuple(t.text for t in terms.admitted),
                                        tuple(t.text for t in terms.forbidden))
        out.append(ConceptUsage(c.id, c.note, tuple(t.text for t in c.source), c.dnt, langs, tuple(t.text for t in c.source_forbidden)))
    return out


def _likeness(term: str, text: str) -> int:
    """How close `term` is to the matched `text`: the same text, then a whole-term prefix
    (survivant in "survivants"), then the longest shared start (case-folded)."""
    term, text = term.casefold(), text.casefold()
    n = 0
    while n < min(len(term), len(text)) and term[n] == text[n]:
        n += 1
    return 2 * n + (1 if n == len(term) else 0) + (1000 if term == text else 0)


def renderings(matches: list) -> list:
    """One match per rendering: the matches a reader would count, each occurrence once.

    Terms sharing a stem match the same words (survivante and survivant both match
    "survivantes"): the term closest to the text written is kept. A term inside a longer
    term of the same concept (survivante inside "personne survivante", Kinderporno inside
    Kinderpornografie) is that longer term's occurrence, not one of its own.
    """
    by_span: dict[tuple[str, int, int], object] = {}
    for m in matches:
        key = (m.concept, m.start, m.end)
        kept = by_span.get(key)
        if kept is None or _likeness(m.term.text, m.text) > _likeness(kept.term.text, kept.text):
            by_span[key] = m
    kept = list(by_span.values())
    return [m for m in kept if not any(
        o.concept == m.concept and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
        for o in kept)]


def term_usage(catalogs: list[tuple[Catalog, str]], glossary: Glossary | GlossaryIndex) -> list[ConceptUsage]:
    """For every glossary concept and target language: renderings used, forbidden and other ones, compliance.

    An entry is read as the glossary rules read it (rules.glossary.read_terms: form by form, msgid
    with msgstr[0], msgid_plural with the other forms), only when translated and not fuzzy, and
    counts once per concept however often a term recurs. An entry is in scope for a concept when
    its source holds one of the concept's source terms, or its translation a forbidden term; it complies when every form whose source
    holds the concept has an approved rendering, and no form a forbidden one. Entries whose
    translator comment silences the matching glossary rule are left out, as the findings are.
    """
    glossary = compiled(glossary)
    languages = [lang for lang in glossary.glossary.languages if lang != glossary.source]
    usage = new_usage(glossary.glossary, languages)
    table = {c.id: c for c in usage}
    for catalog, name in catalogs:
        lang = base_language(catalog.language)
        if lang not in languages:
            continue
        for entry in catalog.entries:
            if not entry.msgid or not entry.translated:
                continue
            read = read_terms(entry, glossary, lang)
            wanted = read.wanted
            banned: dict[str, dict[str, tuple[int, tuple[int, int]]]] = {}  # concept -> term -> (form, span)
            for index, used in groupby(read.used, key=itemgetter(0)):
                for m in renderings([m for _, m in used]):
                    banned.setdefault(m.concept, {}).setdefault(m.term.text, (index, (m.start, m.end)))
            if not wanted and not banned:
                continue
            ignores = ignores_of(entry) if entry.translator_comments else ()
            for concept_id in wanted.keys() | banned.keys():
                concept = table.get(concept_id)
                u = concept.languages.get(lang) if concept else None
                if u is None:
                    continue
                missing_rule = DNT_TERM if concept.dnt else MISSING_TERM
                forms_needing = list(wanted.get(concept_id, ())) if (u.preferred or u.admitted) else []
                if ignores and silencer(ignores, missing_rule, concept_id) is not None:
                    forms_needing = []
                bans = banned.get(concept_id, {})
                if ignores and silencer(ignores, FORBIDDEN_TERM, concept_id) is not None:
                    bans = {}
                if not forms_needing and not bans:
                    continue
                u.expected += 1
                found = {i: {m.term.text for m in renderings(matches)} for i, matches in read.approved.get(concept_id, {}).items()}
                for term in set().union(*(found.get(i, set()) for i in forms_needing)):
                    u.counts[(ADMITTED if term in u.admitted and term not in u.preferred else PREFERRED, term)] += 1
                for term, (index, span) in bans.items():
                    u.counts[(FORBIDDEN, term)] += 1
                    u.occurrences.append(Occurrence(concept_id, FORBIDDEN, name, catalog.language, entry.line, entry.msgctxt,
                                                    entry.msgid, entry.msgstr[index], term, span, entry.references))
                lacking = [i for i in forms_needing if not found.get(i)]
                if not lacking and not bans:
                    u.compliant += 1
                elif lacking and not bans:
                    u.counts[(OTHER, None)] += 1
                    index = lacking[0]
                    u.occurrences.append(Occurrence(concept_id, OTHER, name, catalog.language, entry.line, entry.msgctxt,
                                                    entry.source_for(index) if entry.plural else entry.msgid,
                                                    entry.msgstr[index], references=entry.references))
    return usage


def editor_report(paths, *, glossary=None, glossary_path: str | None = None, select=None, ignore=(),
                  extend_select=(), fail_on=None, extend_fail_on=(), languages=None) -> Report:
    """The Report behind `i18n-check report`: `check`'s findings plus term usage and the drift groups.

    Its `usage` holds a ConceptUsage per concept (when a glossary is given), its `variants` the
    inconsistent-translation groups (when that rule runs). The catalogs are read once, for the
    check and both views, which so see exactly the same catalogs.
    """
    index = compiled(glossary)  # once, for the check and the usage
    languages = as_requested(languages)
    with collector_spares_existing():
        catalogs = read_catalogs(paths, languages)
        report = check([catalog for catalog, _ in catalogs], glossary=index, glossary_path=glossary_path, select=select,
                       ignore=ignore, extend_select=extend_select, fail_on=fail_on, extend_fail_on=extend_fail_on,
                       languages=languages)
    usage = tuple(term_usage(catalogs, index)) if index is not None else None
    variants = None
    if "inconsistent" in report.ran:
        variants = tuple(VariantGroup(g.language, g.msgctxt, g.msgid, tuple((show(forms), tuple(u.place for u in uses))
                                                                            for forms, uses in g.variants))
                         for g in find_variants(catalogs)
                         if not all(silenced(u.entry, INCONSISTENT) for _, uses in g.variants for u in uses))
    return replace(report, usage=usage, variants=variants)
