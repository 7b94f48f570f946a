"""Term usage: which renderings of each glossary concept the translations actually use.

For every concept and target language, over translated, non-fuzzy entries (CONTRACT §3 rule 9):
how often each preferred, admitted and forbidden term occurs, the "other" renderings (the source
holds the concept, the translation none of its approved terms: the translation is kept to show
what translators wrote instead), and the compliance rate. The HTML report formats this.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .catalog import Catalog, Entry, base_language

PREFERRED, ADMITTED, FORBIDDEN, OTHER = "preferred", "admitted", "forbidden", "other"


@dataclass(frozen=True)
class Occurrence:
    """One entry where a concept is rendered badly (forbidden) or not by an approved term (other)."""

    status: str                  # FORBIDDEN or OTHER
    catalog: str
    language: str | None
    line: int
    msgctxt: str | None
    msgid: str
    msgstr: str                  # the translation form holding the term (or the first form)
    term: str | None = None      # the glossary term matched (forbidden)
    span: tuple[int, int] | None = None  # where `msgstr` holds it, to highlight

    @property
    def anchor(self) -> str:
        """A stable HTML id for the occurrence: forbidden terms in the table link here."""
        import hashlib

        key = "\x1f".join((self.status, self.catalog, self.msgctxt or "\x04", self.msgid, self.term or ""))
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
    """One glossary concept: its source terms and its usage per target language."""

    id: str
    note: str | None
    source_terms: tuple[str, ...]
    dnt: bool
    languages: dict[str, LanguageUsage]

    @property
    def expected(self) -> int:
        return sum(u.expected for u in self.languages.values())

    @property
    def compliance(self) -> float | None:
        expected = self.expected
        return sum(u.compliant for u in self.languages.values()) / expected if expected else None
