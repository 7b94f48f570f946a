"""Term occurrences in a text: the glossary compiled once into a trie over word keys (CONTRACT §3).

A term is a run of words (rule 3). Each word is keyed by its stem (rule 2) or, for an
`exact` term, by its case-folded form; the trie's first level is a dict, so finding the
terms that start at a word costs a dict lookup however many concepts the glossary has.
`case_sensitive` terms then compare the surface of the matched words (rule 1). German
one-word terms are also indexed as compound parts (rule 5): folded first parts with their
linking elements, and stems of last parts, looked up for every split of a long word.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, compress, product
from typing import Iterable, NamedTuple

from .model import Term, TermMatch
from .stem import COMPOUND_PART_MIN, COMPOUND_REST_MIN, head_forms, stemmer_for
from .text import STOPS, Token, normalise, scan, split_plain, tokenize, words


class Piece(NamedTuple):
    """What the matcher knows of a word piece of a text (a word, or words joined by
    apostrophes): its tokens, the statuses of the terms that may start at one of them (or, in
    German, be a part of one), how many words such a term may span (0: none starts here), and
    the (concept, status) of the one-word terms that match one of them whatever the context."""

    tokens: tuple[Token, ...]
    statuses: frozenset[str]
    reach: int
    sure: tuple[tuple[str, str], ...]

START_CACHE_LIMIT = 200_000  # words remembered per language; a long run over many catalogs starts afresh past it


@dataclass(frozen=True, slots=True, eq=False)
class Pattern:
    """A term as compiled: what it matches and what a match reports. Compared and hashed by
    identity (cheap: `find` keys every match by its pattern); `Matcher.add` makes one object per
    distinct pattern, so identity is equality."""

    concept: str
    status: str
    term: Term
    surfaces: tuple[str, ...]   # the term's words, for case-sensitive comparison
    case_sensitive: bool


class Node:
    """A trie node: children by stem and by exact (folded) word, the terms ending here, and of
    the terms ending here or below, their statuses and how many words they go on for."""

    __slots__ = ("stems", "exacts", "patterns", "statuses", "height")

    # A glossary of 100,000 concepts makes some 130,000 nodes per language: a node holds no empty
    # containers (None, a shared empty tuple) and shares its statuses set with every equal one.
    def __init__(self) -> None:
        self.stems: dict[str, Node] | None = None
        self.exacts: dict[str, Node] | None = None
        self.patterns: tuple[Pattern, ...] = ()
        self.statuses: frozenset[str] = frozenset()
        self.height = 0   # the most words a term reached through here has from here on (this one included)

    def child(self, key: str, exact: bool) -> Node:
        """The child by `key` (an exact word or a stem), made when missing."""
        table = self.exacts if exact else self.stems
        if table is None:
            table = {}
            if exact:
                self.exacts = table
            else:
                self.stems = table
        found = table.get(key)
        if found is None:
            found = table[key] = Node()
        return found


SHARED_STATUSES: dict[frozenset[str], frozenset[str]] = {}


def _same_fields(a: Pattern, b: Pattern) -> bool:
    return (a.concept, a.status, a.term, a.surfaces, a.case_sensitive) == (b.concept, b.status, b.term, b.surfaces, b.case_sensitive)


def _same_case(token: Token, word: str) -> bool:
    """A case-sensitive word comparison that lets an inflection through: `LIBE` vs `LIBEs`,
    never `Libe` (the stems already agree, so only the common prefix can differ)."""
    n = min(len(token.surface), len(word))
    return token.surface[:n] == word[:n]


class Matcher:
    """The terms of one language, compiled; `find(text)` lists their occurrences."""

    def __init__(self, lang: str | None, entries: Iterable[tuple[str, str, Term, bool]]):
        """`entries`: (concept id, status, term, case-sensitive) for every term to find in `lang`."""
        self.lang = lang
        self.stem = stemmer_for(lang)
        self.root = Node()
        self.compounds = lang == "de"
        # (tuples, not lists: 100,000 German concepts make some 650,000 first parts, most with one term)
        self.heads: dict[str, tuple[Pattern, ...]] = {}      # folded first part (with Fugen) -> terms
        self.tails: dict[str, tuple[Pattern, ...]] = {}      # stem of a last part -> terms
        self.exact_tails: dict[str, tuple[Pattern, ...]] = {}
        self.tail_starts: set[str] = set()             # first 3 letters of any last part: a cheap filter
        self.unmatchable: list[Pattern] = []           # terms with no words at all
        self._starts: dict[str, tuple[Node, ...]] = {}  # folded word -> root children (see _start_nodes)
        self._pieces: dict[str, Piece] = {}            # word piece of a text -> what starts there (see _piece)
        self._reach: dict[str, int] = {}               # the same pieces -> their reach alone
        for concept, status, term, case_sensitive in entries:
            self.add(concept, status, term, case_sensitive)

    def keys(self, term: Term, tokens: list[Token]) -> list[tuple[str, ...]]:
        """Every key sequence a term's words stand for (an inclusive form stands for two)."""
        per_word = [tok.forms if term.exact else tuple(dict.fromkeys(self.stem(f) for f in tok.forms)) for tok in tokens]
        return list(product(*per_word))

    def add(self, concept: str, status: str, term: Term, case_sensitive: bool = False) -> None:
        self._starts.clear()  # a new term may start at a word already looked up
        self._pieces.clear()
        self._reach.clear()
        tokens = words(term.text, self.lang)
        case_sensitive = case_sensitive or term.case_sensitive
        pattern = Pattern(concept, status, term, tuple(t.surface for t in tokens), case_sensitive)
        if not tokens:
            self.unmatchable.append(pattern)
            return
        for keys in self.keys(term, tokens):
            node = self.root
            for depth, key in enumerate(keys):
                node = node.child(key, term.exact)
                statuses = node.statuses | {status}
                node.statuses = SHARED_STATUSES.setdefault(statuses, statuses)
                node.height = max(node.height, len(keys) - depth)
            # The same term added twice (or reached again by an inclusive form's other key) is one
            # pattern: patterns compare by identity, so reuse the equal one already here.
            same = next((p for p in node.patterns if _same_fields(p, pattern)), None)
            if same is None:
                node.patterns += (pattern,)
            else:
                pattern = same
        if self.compounds and len(tokens) == 1 and not case_sensitive:
            self.add_compound_part(pattern, tokens[0])

    def add_compound_part(self, pattern: Pattern, token: Token) -> None:
        """Index a one-word German term as the first or last part of compounds (rule 5)."""
        for form in token.forms:
            if len(form) < COMPOUND_PART_MIN:
                continue
            for head in (form,) if pattern.term.exact else head_forms(form):
                self.heads[head] = self.heads.get(head, ()) + (pattern,)
            if pattern.term.exact:
                self.exact_tails[form] = self.exact_tails.get(form, ()) + (pattern,)
            else:
                tail = self.stem(form)
                self.tails[tail] = self.tails.get(tail, ()) + (pattern,)
            self.tail_starts.add(form[:3])

    def may_hold(self, text: str, statuses: frozenset[str]) -> bool:
        """False when no term of these statuses can occur in normalised `text`: none starts at
        any of its words (nor, in German, is a part of one). One dict lookup per word, so the
        usual message, which holds no term a rule looks for, costs no tokenizing at all."""
        pieces = scan(text, self.lang)
        if pieces is None:
            return True
        known = self._pieces
        for piece in pieces:
            info = known.get(piece)
            if info is None:
                info = self._piece(piece)
            if info.reach and not info.statuses.isdisjoint(statuses):
                return True
        return False

    def _piece(self, piece: str) -> Piece:
        """What can start in a word piece of a text (see text.SCAN, text.SPLIT), remembered per piece."""
        if len(self._pieces) >= START_CACHE_LIMIT:
            self._pieces.clear()
            self._reach.clear()
        tokens = tuple(tokenize(piece, self.lang))
        statuses: set[str] = set()
        sure: dict[tuple[str, str], None] = {}
        reach = 0
        for token in tokens:
            if len(token.forms) == 1:
                nodes = self._starts.get(token.folded)
                if nodes is None:
                    nodes = self._start_nodes(token.folded)
            else:
                nodes = self._children((self.root,), self._stems(token.forms), token.forms)
            for node in nodes:
                statuses |= node.statuses
                reach = max(reach, node.height)
                sure.update(((p.concept, p.status), None) for p in node.patterns if not p.case_sensitive)
            if self.compounds and len(token.forms) == 1 and len(token.folded) >= COMPOUND_PART_MIN + COMPOUND_REST_MIN:
                parts = self._compound_parts(token)
                if parts:
                    statuses.update(p.status for p, _start, _end in parts)
                    reach = max(reach, 1)
        info = self._pieces[piece] = Piece(tokens, frozenset(statuses), reach, tuple(sure))
        self._reach[piece] = reach
        return info

    def surely_holds(self, text: str, statuses: frozenset[str]) -> set[str]:
        """Concepts of which `text` certainly holds a term of these statuses, known without
        tokenizing: a one-word term at a word of a plain text (see `split_plain`), which `find`
        always reports. An empty answer says nothing: ask `find`."""
        parts = split_plain(normalise(text)[0], self.lang)
        if parts is None:
            return set()
        found: set[str] = set()
        known = self._pieces
        for piece in parts[1::2]:
            for concept, status in (known.get(piece) or self._piece(piece)).sure:
                if status in statuses:
                    found.add(concept)
        return found

    def find(self, text: str, statuses: frozenset[str] | None = None) -> list[TermMatch]:
        """Every term occurrence in `text`, in text order, offsets in `text`. With `statuses`,
        nothing (at once) when no term of those statuses can occur, every occurrence otherwise."""
        normal, origin = normalise(text)
        tokens = self._tokens(normal, statuses)
        if not tokens:
            return []
        starts = self._starts
        found: dict[tuple, TermMatch] = {}
        whole: set[tuple[int, Pattern]] = set()
        n = len(tokens)
        for i in range(n):
            forms = tokens[i].forms
            if len(forms) == 1:  # the usual word: one dict lookup, and most words start no term
                first = starts.get(forms[0])
                if first is None:
                    first = self._start_nodes(forms[0])
                if not first:
                    continue
                frontier = list(first)
            else:
                frontier = self._children((self.root,), self._stems(forms), forms)
            j = i
            while frontier:
                end = tokens[j].end
                for node in frontier:
                    for p in node.patterns:
                        if p.case_sensitive and not all(_same_case(t, w) for t, w in zip(tokens[i:j + 1], p.surfaces)):
                            continue
                        key = (p, tokens[i].start, end)
                        if key not in found:
                            found[key] = self._match(p, text, origin, tokens[i].start, end)
                            if i == j:
                                whole.add((i, p))
                j += 1
                if j == n or tokens[j].brk:  # rule 3: sentence punctuation, placeholders, URLs end a run
                    break
                frontier = [node for node in frontier if node.stems or node.exacts]
                if not frontier:  # no longer term goes through here: no need to look at the next word
                    break
                forms = tokens[j].forms
                frontier = self._children(frontier, self._stems(forms), forms)
        if self.compounds and (self.heads or self.tails or self.exact_tails):
            for i, tok in enumerate(tokens):
                if len(tok.forms) == 1 and len(tok.folded) >= COMPOUND_PART_MIN + COMPOUND_REST_MIN:
                    for p, start, end in self._compound_parts(tok):
                        if (i, p) not in whole and (p, start, end) not in found:
                            found[(p, start, end)] = self._match(p, text, origin, start, end, compound=True)
        return sorted(found.values(), key=lambda m: (m.start, -m.end, m.concept, m.status))

    def _tokens(self, text: str, statuses: frozenset[str] | None = None) -> list[Token]:
        """The tokens of normalised `text` a match can involve; none when no term of `statuses`
        (if given) can occur. For a plain text (see `split_plain`), only the words where a term
        may start and the few after them it may span, the first after a gap marked as breaking
        the run: the other words of a message cost one dict lookup each. For any other text,
        every token."""
        parts = split_plain(text, self.lang)
        if parts is None:
            if statuses is not None and not self.may_hold(text, statuses):
                return []
            return tokenize(text, self.lang)
        pieces = parts[1::2]
        reaches = list(map(self._reach.get, pieces))  # one dict lookup per piece, in C
        if None in reaches:
            reaches = [self._piece(piece).reach if reach is None else reach for piece, reach in zip(pieces, reaches)]
        if not any(reaches):
            return []
        known = self._pieces
        starting = list(compress(range(len(pieces)), reaches))
        if statuses is not None and all((known.get(pieces[k]) or self._piece(pieces[k])).statuses.isdisjoint(statuses)
                                        for k in starting):
            return []
        keep: list[int] = []  # the pieces where a term may start, and those it may reach
        until = -1
        for k in starting:
            stop = min(k + reaches[k], len(pieces))
            if stop - 1 > until:
                keep.extend(range(max(k, until + 1), stop))
                until = stop - 1
        starts = list(accumulate(map(len, parts), initial=0))  # starts[i]: where parts[i] begins
        tokens: list[Token] = []
        make, previous, pending = tuple.__new__, -2, False
        for k in keep:
            separator = parts[2 * k]
            brk = pending or k != previous + 1 or (separator != " " and STOPS.search(separator) is not None)
            previous = k
            inner = (known.get(pieces[k]) or self._piece(pieces[k])).tokens
            if not inner:  # a placeholder stands for something else: it breaks the run
                pending = True
                continue
            pending = False
            offset = starts[2 * k + 1]
            for token in inner:
                tokens.append(make(Token, (token.start + offset, token.end + offset, token.surface, token.forms, brk)))
                brk = False
        return tokens

    def _start_nodes(self, word: str) -> tuple[Node, ...]:
        """The trie nodes a one-form word leads to from the root (by stem, then by exact word),
        remembered per word: a catalog repeats its words, and the answer is mostly "none"."""
        if len(self._starts) >= START_CACHE_LIMIT:
            self._starts.clear()
        by_stem = self.root.stems.get(self.stem(word)) if self.root.stems else None
        by_word = self.root.exacts.get(word) if self.root.exacts else None
        nodes = self._starts[word] = tuple(node for node in (by_stem, by_word) if node is not None)
        return nodes

    def _stems(self, forms: tuple[str, ...]) -> tuple[str, ...]:
        """The distinct stems of a word's forms."""
        if len(forms) == 1:
            return (self.stem(forms[0]),)
        return tuple(dict.fromkeys(self.stem(f) for f in forms))

    @staticmethod
    def _children(nodes, stems: tuple[str, ...], forms: tuple[str, ...]) -> list[Node]:
        """The trie nodes one word further down from `nodes`: by stem, and by exact word."""
        out: list[Node] = []
        for node in nodes:
            if node.stems:
                for key in stems:
                    child = node.stems.get(key)
                    if child is not None and child not in out:
                        out.append(child)
            if node.exacts:
                for key in forms:
                    child = node.exacts.get(key)
                    if child is not None and child not in out:
                        out.append(child)
        return out

    def _compound_parts(self, tok: Token) -> list[tuple[Pattern, int, int]]:
        """(term, start, end) for each one-word term that is the first or last part of `tok` (rule 5)."""
        word = tok.folded
        size = len(word)
        # Offsets of the part inside the surface, when folding kept one letter per letter (not ß -> ss).
        aligned = size == len(tok.surface)
        out: list[tuple[Pattern, int, int]] = []
        seen: set[Pattern] = set()
        # The longest first part wins, and the longest last part: `Kinderpornografieverbot` is
        # Kinderpornografie + verbot, so a shorter term inside that part (Kinderporno) is not a part.
        for k in range(size - COMPOUND_REST_MIN, COMPOUND_PART_MIN - 1, -1):
            heads = self.heads.get(word[:k])
            if heads:
                for p in heads:
                    if p not in seen:
                        seen.add(p)
                        out.append((p, tok.start, tok.start + k if aligned else tok.end))
                break
        for k in range(COMPOUND_REST_MIN, size - COMPOUND_PART_MIN + 1):
            tail = word[k:]
            if tail[:3] not in self.tail_starts:
                continue
            tails = (*self.tails.get(self.stem(tail), ()), *self.exact_tails.get(tail, ()))
            if tails:
                for p in tails:
                    if p not in seen:
                        seen.add(p)
                        out.append((p, tok.start + k if aligned else tok.start, tok.end))
                break
        return out

    @staticmethod
    def _match(p: Pattern, text: str, origin: list[int] | None, start: int, end: int, compound: bool = False) -> TermMatch:
        if origin is not None:
            start, end = origin[start], origin[end]
        return TermMatch(p.concept, p.status, p.term, text[start:end], start, end, compound)
