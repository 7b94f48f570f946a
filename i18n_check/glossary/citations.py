"""Citations found in a text: one language's citations compiled once into a trie over words (CONTRACT §3).

A citation (an official title, a proper name) is found with rule 1's normalisation (NFC, case,
apostrophes, spaces, dashes) and rule 3's runs: punctuation, quotes, inline markup and line wraps
between its words do not matter; a placeholder, a URL or sentence punctuation the citation does
not have there breaks it. Its words are compared exactly, as the tokenizer folds them: no
inflection, no compound parts, no spelling variants (a title is quoted verbatim or not at all).

The trie's first level is a dict from a word to the citations starting with it, so a text costs a
dict lookup per word however many citations there are; and a text in which none of the
citations' anchor words occurs (checked on its pieces, without tokenizing) costs no more.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from .text import Token, normalise, scan, tokenize


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


def anchor(tokens: list[Token]) -> str | None:
    """The word a text must hold for the citation to occur in it: its longest plain word (the
    longest is the least common, as a rule), None when every word is an inclusive form."""
    plain = [t.folded for t in tokens if len(t.forms) == 1]
    return max(plain, key=len) if plain else None


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
        self.anchors: set[str] = set()
        self.always = False   # a citation without a plain word: every text must be tokenized
        self.count = 0
        for citation in citations:
            self.add(citation)

    def add(self, citation) -> None:
        tokens = tokenize(normalise(citation.text)[0], self.lang)
        if not tokens:
            return  # no words: it can never be found (glossary lint says so)
        compiled = Compiled(tuple(t.forms for t in tokens), tuple(t.brk for t in tokens), citation)
        node = self.root
        for key in compiled.keys:
            node = node.children.get(key) or node.children.setdefault(key, CitationNode())
        node.ends += (compiled,)
        word = anchor(tokens)
        if word is None:
            self.always = True
        else:
            self.anchors.add(word)
        self.count += 1

    def may_occur(self, normal: str) -> bool:
        """False when no citation can occur in normalised `normal`: none of the anchor words is
        among its pieces. Cheap: a regex scan and a set lookup per piece."""
        if not self.count:
            return False
        if self.always:
            return True
        pieces = scan(normal, self.lang)
        if pieces is None:
            return True  # an inclusive form or a joiner: only the tokenizer knows its words
        anchors = self.anchors
        return any(word in anchors for piece in pieces for word in piece_words(piece))

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


def inside(start: int, end: int, spans: list[tuple[int, int, object]]) -> object | None:
    """The citation whose span holds [start, end), if any (the first listed)."""
    for s, e, citation in spans:
        if s <= start and end <= e:
            return citation
    return None
