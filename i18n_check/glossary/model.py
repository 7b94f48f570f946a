"""The glossary as data (CONTRACT §3): concepts, their terms per language, and term matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping, NamedTuple

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


@dataclass(frozen=True, eq=False)
class Glossary:
    """A loaded glossary as plain data: its languages, concepts and citations, as the file says them.

    Matching reads it through a GlossaryIndex (index.py), built once per glossary. Compared by
    identity: two loads of a file are two glossaries.
    """

    concepts: tuple[Concept, ...]
    source: str = "en"
    languages: tuple[str, ...] = ()
    path: str | None = None
    citations: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)  # language -> its citations, in glossary order
    by_id: Mapping[str, Concept] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {c.id: c for c in self.concepts})

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
