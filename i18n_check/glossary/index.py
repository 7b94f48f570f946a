"""The glossary compiled for matching: built once per glossary, shared by every rule and catalog.

A `Glossary` (model.py) is plain data, as written in the file. A `GlossaryIndex` holds what
matching needs and keeps: one matcher per language (a trie over word keys, matcher.py) and one
citation finder per language (citations.py), each compiled on first use, and the memo of the
texts last matched (the three glossary rules ask about the same texts, and a msgid recurs in
every language's catalog). Checking builds one index per run (check.py), the language server
one per glossary it loads.
"""

from __future__ import annotations

from .citations import CitationFinder
from .matcher import Matcher
from .model import Citation, Concept, Glossary, TermMatch
from .text import words

SOURCE_CACHE_LIMIT = 200_000  # msgids whose matches are kept (a few hundred bytes each, mostly none)
TRANSLATION_CACHE_LIMIT = 256  # translations whose matches are kept: the rules of one entry share them


class GlossaryIndex:
    """`glossary` compiled for matching: `find` and the citations' spans."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.source = glossary.source
        self._matchers: dict[str, Matcher] = {}
        self._citation_finders: dict[str, CitationFinder] = {}
        self._recent_citations: dict[tuple[str, str], list] = {}  # citation spans of the last texts
        self._cited_concepts: dict[str, frozenset[str]] = {}
        self._recent: dict[tuple[str, str], tuple[TermMatch, ...]] = {}  # translations, last few
        self._recent_sources: dict[tuple[str, str], tuple[TermMatch, ...]] = {}

    def __getstate__(self) -> dict:
        """What a glossary kept across runs holds (stored_glossary.py): the glossary and its compiled
        matchers, not the memos of the texts matched (refilled as texts come)."""
        state = dict(self.__dict__)
        state.update(_citation_finders={}, _recent_citations={}, _cited_concepts={}, _recent={}, _recent_sources={})
        return state

    def __repr__(self) -> str:
        return f"<GlossaryIndex of {self.glossary!r}>"

    def concept(self, concept_id: str) -> Concept:
        return self.glossary.by_id[concept_id]

    def matcher(self, lang: str) -> Matcher:
        """The compiled matcher for `lang` (built once, then reused)."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            matcher = self._matchers[lang] = Matcher(lang, self.glossary.entries(lang))
        return matcher

    def citation_finder(self, lang: str) -> CitationFinder:
        """The compiled citations of `lang` (built once, then reused)."""
        finder = self._citation_finders.get(lang)
        if finder is None:
            finder = self._citation_finders[lang] = CitationFinder(lang, self.glossary.citations.get(lang, ()))
        return finder

    def citation_spans(self, text: str, lang: str) -> list[tuple[int, int, Citation]]:
        """(start, end, citation) for every citation of `lang` in `text`, offsets in `text`."""
        if not self.glossary.citations.get(lang):
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
        if not matches or not self.glossary.citations.get(lang):
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
            for citation in self.glossary.citations.get(lang, ()):
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
        memo, limit = (self._recent_sources, SOURCE_CACHE_LIMIT) if lang == self.source else (self._recent, TRANSLATION_CACHE_LIMIT)
        cached = memo.get(key)
        if cached is None:
            found = self.matcher(lang).find(text, statuses)
            if statuses is not None and not found:
                return []  # maybe a quick "none of those": not the whole answer, so not remembered
            if len(memo) >= limit:
                memo.clear()
            cached = memo[key] = tuple(found)
        return list(cached)


def compiled(glossary: Glossary | GlossaryIndex | None) -> GlossaryIndex | None:
    """The index of `glossary` (itself when it is one already; None without a glossary)."""
    return glossary if glossary is None or isinstance(glossary, GlossaryIndex) else GlossaryIndex(glossary)
