"""The glossary as data (CONTRACT §3): concepts, their terms per language, and term matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from .citations import CitationFinder
from .text import words

SOURCE, PREFERRED, ADMITTED, FORBIDDEN, DNT = "source", "preferred", "admitted", "forbidden", "dnt"
STATUSES = (PREFERRED, ADMITTED, FORBIDDEN)   # the keys of a target language's mapping
ALLOWED = (PREFERRED, ADMITTED)               # statuses that satisfy a concept
# Glossary version 2: a source language's `forbidden` terms, the rejected source wording. They
# ask nothing of a translation; found in a msgid, they make its forbidden target terms mentions
# (CONTRACT §3 rule 12).
SOURCE_FORBIDDEN = "source-forbidden"
# Statuses whose terms also match the banned word's family (CONTRACT §3 rule 8's exception).
BANNED = frozenset({FORBIDDEN, SOURCE_FORBIDDEN})


@dataclass(frozen=True, slots=True)
class Term:
    """One term as written in the glossary, with its matching options and where it was written."""

    text: str
    case_sensitive: bool = False
    exact: bool = False
    note: str | None = None
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class LanguageTerms:
    """A concept's terms in one target language, by status."""

    preferred: tuple[Term, ...] = ()
    admitted: tuple[Term, ...] = ()
    forbidden: tuple[Term, ...] = ()
    line: int | None = field(default=None, compare=False)

    @property
    def allowed(self) -> tuple[Term, ...]:
        """The terms that satisfy the concept: preferred, then admitted."""
        return self.preferred + self.admitted

    def by_status(self) -> Iterator[tuple[str, Term]]:
        for status in STATUSES:
            for term in getattr(self, status):
                yield status, term


EMPTY = LanguageTerms()


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: its id, note, its terms in the source language and, per target language, its terms."""

    id: str
    # The source language's terms by status (version 1: a list, all preferred). Preferred and
    # admitted are the source terms; forbidden is the rejected source wording (rule 12).
    source_terms: LanguageTerms = EMPTY
    languages: dict[str, LanguageTerms] = field(default_factory=dict)
    note: str | None = None
    dnt: bool = False
    line: int | None = field(default=None, compare=False)

    @property
    def source(self) -> tuple[Term, ...]:
        """The source terms: the source language's preferred, then admitted terms."""
        return self.source_terms.allowed

    @property
    def source_forbidden(self) -> tuple[Term, ...]:
        """The rejected source wording: found in a msgid, it makes the concept's forbidden
        target terms in that entry mentions (rule 12)."""
        return self.source_terms.forbidden

    def terms(self, lang: str) -> LanguageTerms:
        """The concept's terms in target language `lang` (empty when it has none there)."""
        return self.languages.get(lang, EMPTY)


@dataclass(frozen=True, slots=True)
class Citation:
    """An official title or proper name quoted verbatim (CONTRACT §3 `citations`): glossary rules
    never look inside it."""

    text: str
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)
SOURCE_CACHE_LIMIT = 200_000  # msgids whose matches are kept (a few hundred bytes each, mostly none)


class TermMatch(NamedTuple):
    """One occurrence of a glossary term in a text.

    `start`/`end` are offsets in the text given to `find`; `text` is that slice. `compound`
    is set when a one-word term was found as the first or last part of a longer word: a German
    compound (rule 5) or, for a ban, a prefixed word (rule 8): then the span is the part, or the
    whole word if its letters could not be mapped one to one. `variant` says how a spelling
    variant was matched (rule 6): "joined" (hyphenated words in the text, one word in the
    glossary) or "suspended" (a German suspended hyphen expanded); empty otherwise.

    A NamedTuple, as immutable as a frozen dataclass but made in a seventh of the time: the
    matcher makes one per term occurrence, several per message.
    """

    concept: str
    status: str          # source, preferred, admitted, forbidden or dnt
    term: Term
    text: str
    start: int
    end: int
    compound: bool = False
    variant: str = ""


class Glossary:
    """A loaded glossary: its languages and concepts, and a matcher per language compiled on first use."""

    def __init__(self, concepts: tuple[Concept, ...], source: str = "en", languages: tuple[str, ...] = (),
                 version: int = 1, path: str | None = None, citations: dict[str, tuple[Citation, ...]] | None = None):
        self.concepts = concepts
        self.source = source
        self.languages = languages
        self.version = version
        self.path = path
        self.citations = citations or {}  # language -> its citations, in glossary order
        self.by_id = {c.id: c for c in concepts}
        self._matchers: dict = {}
        self._citation_finders: dict = {}
        self._recent_citations: dict[tuple[str, str], list] = {}  # citation spans of the last texts
        self._cited_concepts: dict[str, frozenset[str]] = {}
        self._recent: dict[tuple[str, str], tuple[TermMatch, ...]] = {}  # translations, last few
        self._recent_sources: dict[tuple[str, str], tuple[TermMatch, ...]] = {}

    def __getstate__(self) -> dict:
        """What a glossary kept across runs holds (stored_glossary.py): its concepts and compiled
        matchers, not the memos of the texts matched (refilled as texts come)."""
        state = dict(self.__dict__)
        state.update(_citation_finders={}, _recent_citations={}, _cited_concepts={}, _recent={}, _recent_sources={})
        return state

    def __repr__(self) -> str:
        return f"<Glossary {self.path or ''} {len(self.concepts)} concepts, {self.source} -> {', '.join(self.languages)}>"

    def concept(self, concept_id: str) -> Concept:
        return self.by_id[concept_id]

    def entries(self, lang: str) -> Iterator[tuple[str, str, Term, bool]]:
        """(concept, status, term, case-sensitive) for every term to find in texts of `lang`.

        The source language gets the source terms and the rejected source wording
        (SOURCE_FORBIDDEN); a target language its own terms and the source terms of
        do-not-translate concepts, which must appear there verbatim.
        """
        for c in self.concepts:
            if lang == self.source:
                for term in c.source:
                    yield c.id, SOURCE, term, c.dnt
                for term in c.source_forbidden:
                    yield c.id, SOURCE_FORBIDDEN, term, False
                continue
            for status, term in c.terms(lang).by_status():
                yield c.id, status, term, False
            if c.dnt:
                for term in c.source:
                    yield c.id, DNT, term, True

    def matcher(self, lang: str):
        """The compiled matcher for `lang` (built once, then reused)."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            from .matcher import Matcher

            matcher = self._matchers[lang] = Matcher(lang, self.entries(lang))
        return matcher

    def citation_finder(self, lang: str):
        """The compiled citations of `lang` (built once, then reused)."""
        finder = self._citation_finders.get(lang)
        if finder is None:
            finder = self._citation_finders[lang] = CitationFinder(lang, self.citations.get(lang, ()))
        return finder

    def citation_spans(self, text: str, lang: str) -> list[tuple[int, int, Citation]]:
        """(start, end, citation) for every citation of `lang` in `text`, offsets in `text`."""
        if not self.citations.get(lang):
            return []
        # The glossary rules ask about the same texts, and a msgid recurs in every language's catalog.
        key = (text, lang)
        spans = self._recent_citations.get(key)
        if spans is None:
            if len(self._recent_citations) >= SOURCE_CACHE_LIMIT:
                self._recent_citations.clear()
            spans = self._recent_citations[key] = self.citation_finder(lang).find(text)
        return spans

    def citations_around(self, text: str, lang: str, matches) -> list[tuple[int, int, Citation]]:
        """The citation spans of `text` (see citation_spans) when one may hold one of `matches`
        (TermMatch of `text`); at once [] when none can: not a term of a cited concept (see
        cited_concepts; a case-sensitive term, which a citation written in another case may
        hold, is always looked at), or the words around it are not all citation words."""
        if not matches or not self.citations.get(lang):
            return []
        cited, finder = self.cited_concepts(lang), self.citation_finder(lang)
        if not any((m.concept in cited or m.term.case_sensitive) and finder.may_enclose(text, m.start, m.end) for m in matches):
            return []
        return self.citation_spans(text, lang)

    def cited_concepts(self, lang: str) -> frozenset[str]:
        """The concepts of which a term of `lang` occurs in some citation of `lang`: only their
        terms, or a case-sensitive term, can lie inside a citation in a text. (There the words
        are the citation's own, compared case-insensitively; the citation is also matched with
        its words alone, as the punctuation between them may differ.)"""
        cited = self._cited_concepts.get(lang)
        if cited is None:
            found: set[str] = set()
            matcher = self.matcher(lang)  # not through `find`: its memo is for the catalogs' texts
            for citation in self.citations.get(lang, ()):
                plain = " ".join(t.surface for t in words(citation.text, lang))
                found.update(m.concept for text in (citation.text, plain) for m in matcher.find(text))
            matcher.forget()
            cited = self._cited_concepts[lang] = frozenset(found)
        return cited

    def find(self, text: str, lang: str, statuses: frozenset[str] | None = None) -> list[TermMatch]:
        """Every glossary term occurring in `text`, a text in language `lang` (a base code: "fr").

        `statuses` (e.g. {FORBIDDEN}) lets a caller that only acts on some statuses get nothing
        at once when no such term can occur; when one can, it gets every occurrence as usual.
        """
        # The three glossary rules look at the same texts: remember the last few results. A
        # msgid is analysed once for all its catalogs (fr, de...): source texts are kept longer.
        key = (text, lang)
        memo, limit = (self._recent_sources, SOURCE_CACHE_LIMIT) if lang == self.source else (self._recent, 256)
        cached = memo.get(key)
        if cached is None:
            found = self.matcher(lang).find(text, statuses)
            if statuses is not None and not found:
                return []  # maybe a quick "none of those": not the whole answer, so not remembered
            if len(memo) >= limit:
                memo.clear()
            cached = memo[key] = tuple(found)
        return list(cached)
