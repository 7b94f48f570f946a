"""Citations found in a text: one language's citations compiled once into a trie over words (CONTRACT §3).

A citation (an official title, a proper name) is found with rule 1's normalisation (NFC, case,
apostrophes, spaces, dashes) and rule 3's runs: punctuation, quotes, inline markup and line wraps
between its words do not matter; a placeholder, a URL or sentence punctuation the citation does
not have there breaks it. Its words are compared exactly, as the tokenizer folds them: no
inflection, no compound parts, no spelling variants (a title is quoted verbatim or not at all).

The trie's first level is a dict from a word to the citations starting with it, so a text costs a
dict lookup per word however many citations there are; and a text in which none of the
citations' anchor words occurs costs one dict lookup per piece (see text.PIECE), remembered per
piece, without tokenizing.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, NamedTuple

from .text import JOINERS, Token, normalise, scan, tokenize

PIECE_CACHE_LIMIT = 200_000  # pieces remembered; a long run over many catalogs starts afresh past it


class Compiled(NamedTuple):
    """A citation as matched: its word keys and where the citation itself breaks a run."""

    keys: tuple[tuple[str, ...], ...]
    breaks: tuple[bool, ...]
    citation: object          # the model's Citation (text, line, column)


class CitationNode:
    """A trie node: children by word key, and the citations ending here."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[tuple[str, ...], CitationNode] = {}
        self.ends: tuple[Compiled, ...] = ()


def anchors(tokens: list[Token]) -> tuple[str, ...]:
    """Words a text must hold for the citation to occur in it: its two longest distinct plain
    words (the longest are the least common, as a rule); none when every word is an inclusive form."""
    plain = sorted(dict.fromkeys(t.folded for t in tokens if len(t.forms) == 1), key=len, reverse=True)
    return tuple(plain[:2])


def piece_words(piece: str) -> tuple[str, ...]:
    """Every word the tokenizer may cut from a piece of normalised text (see text.PIECE), folded:
    the piece itself, and around each apostrophe (elision, possessive) the parts before and after."""
    low = piece.casefold()
    if "'" not in low:
        return (low,)
    parts = low.split("'")
    words = {low, *parts}
    for i in range(1, len(parts)):
        words.add("'".join(parts[:i]))
        words.add("'".join(parts[i:]))
    return tuple(words)


class CitationFinder:
    """The citations of one language, compiled; `find(text)` lists where they occur."""

    def __init__(self, lang: str | None, citations: Iterable):
        """`citations`: objects with a `.text` (the glossary's Citation)."""
        self.lang = lang
        self.root = CitationNode()
        # A citation can occur only in a text holding both its anchor words: first -> the seconds
        # it goes with ("" for a one-word citation, whose first anchor is enough).
        self.pairs: dict[str, set[str]] = {}
        self.anchors: set[str] = set()
        self.words: set[str] = set()   # every (folded) word of every citation
        self.always = False   # a citation without a plain word: every text must be tokenized
        self.count = 0
        self._piece_anchors: dict[str, tuple[str, ...]] = {}  # piece of a text -> the anchors among its words
        self._enclosable: dict[str, bool] = {}  # words around a term found -> whether all are citation words
        for citation in citations:
            self.add(citation)

    def add(self, citation) -> None:
        tokens = tokenize(normalise(citation.text)[0], self.lang)
        if not tokens:
            return  # no words: it can never be found (glossary lint says so)
        compiled = Compiled(tuple(t.forms for t in tokens), tuple(t.brk for t in tokens), citation)
        self.words.update(form for t in tokens for form in t.forms)
        node = self.root
        for key in compiled.keys:
            node = node.children.get(key) or node.children.setdefault(key, CitationNode())
        node.ends += (compiled,)
        words = anchors(tokens)
        if not words:
            self.always = True
        else:
            first, second = words[0], words[1] if len(words) > 1 else ""
            self.pairs.setdefault(first, set()).add(second)
            self.anchors.update(words)
        self.count += 1
        self._piece_anchors.clear()
        self._enclosable.clear()

    def may_occur(self, normal: str) -> bool:
        """False when no citation can occur in normalised `normal`: no citation has both its
        anchor words among the text's pieces. Cheap: a regex scan and a dict lookup per piece."""
        if not self.count:
            return False
        if self.always:
            return True
        pieces = scan(normal, self.lang)
        if pieces is None:
            return True  # an inclusive form or a joiner: only the tokenizer knows its words
        known = list(map(self._piece_anchors.get, pieces))  # one dict lookup per piece, in C
        if None in known:
            if len(self._piece_anchors) >= PIECE_CACHE_LIMIT:
                self._piece_anchors.clear()
            for k, piece in enumerate(pieces):
                if known[k] is None:
                    known[k] = self._piece_anchors[piece] = tuple(w for w in piece_words(piece) if w in self.anchors)
        present = {word for words in known if words for word in words}
        if not present:
            return False
        present.add("")
        return any(not present.isdisjoint(self.pairs[first]) for first in present if first in self.pairs)

    def may_enclose(self, text: str, start: int, end: int) -> bool:
        """False when no citation can hold `text[start:end]` (a term found there): the whole words
        around it are not all words of some citation. Exact as a necessary condition, as a
        citation's occurrence is made of the citation's own words; and cheap: a few characters
        looked at and one short text tokenized."""
        while start > 0 and in_word(text[start - 1]):
            start -= 1
        while end < len(text) and in_word(text[end]):
            end += 1
        words = text[start:end]
        known = self._enclosable.get(words)
        if known is None:
            if len(self._enclosable) >= PIECE_CACHE_LIMIT:
                self._enclosable.clear()
            tokens = tokenize(normalise(words)[0], self.lang)
            known = self._enclosable[words] = bool(tokens) and all(form in self.words for t in tokens for form in t.forms)
        return known

    def find(self, text: str) -> list[tuple[int, int, object]]:
        """(start, end, citation) for every occurrence of a citation in `text`, offsets in `text`,
        in text order (longer first at one start)."""
        normal, origin = normalise(text)
        if not self.may_occur(normal):
            return []
        tokens = tokenize(normal, self.lang)
        found: list[tuple[int, int, object]] = []
        n = len(tokens)
        for i in range(n):
            node = self.root.children.get(tokens[i].forms)
            j = i
            while node is not None:
                for compiled in node.ends:
                    # A break in the text (a stop, a placeholder, a URL) only where the citation has one too.
                    if all(not tokens[i + k].brk or compiled.breaks[k] for k in range(1, j - i + 1)):
                        start, end = tokens[i].start, tokens[j].end
                        if origin is not None:
                            start, end = origin[start], origin[end]
                        found.append((start, end, compiled.citation))
                j += 1
                if j == n or not node.children:
                    break
                node = node.children.get(tokens[j].forms)
        found.sort(key=lambda f: (f[0], -f[1]))
        return found


def in_word(char: str) -> bool:
    """Whether `char` continues a word (as text.WORD reads one: letters, digits, marks, joiners)."""
    return char.isalnum() or unicodedata.combining(char) != 0 or char in JOINERS


def inside(start: int, end: int, spans: list[tuple[int, int, object]]) -> object | None:
    """The citation whose span holds [start, end), if any (the first listed)."""
    for s, e, citation in spans:
        if s <= start and end <= e:
            return citation
    return None
