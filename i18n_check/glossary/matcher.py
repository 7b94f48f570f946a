"""Term occurrences in a text: the glossary compiled once into a trie over word keys (CONTRACT §3).

A term is a run of words (rule 3). Each word is keyed by what rule 2 or 8 compares (stem.py):
the inflection key for source terms and the terms that satisfy a concept, the family key
(Snowball stem) for banned terms, the case-folded word for `exact` and do-not-translate terms.
The trie's first level is a dict, so finding the terms that start at a word costs a dict lookup
however many concepts the glossary has. `case_sensitive` terms then compare the surface of the
matched words (rule 1). One-word terms are also indexed as parts of longer words: in German as
the first or last part of a compound (rule 5), and, for bans in every language, as the last
part after a prefix (rule 8: cyberpédopornographie). Spelling variants (rule 6): a term written
with hyphens is also indexed solid, hyphenated words of a text are also looked up joined, and
German suspended hyphens are expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress, product
from typing import Iterable, NamedTuple

from .model import BANNED, DNT, Term, TermMatch
from .stem import (
    COMPOUND_PART_MIN, COMPOUND_REST_MIN, family_keys, head_forms, inflection_keyer, stemmer_for,
)
from .text import Token, normalise, scan, split_plain, tokenize

# What a term's words are keyed by (rules 2 and 8).
INFLECTION, FAMILY, EXACT = "inflection", "family", "exact"
# Rule 6, German suspended hyphens: `Kinder- und Jugendpornografie`, `Kinder-, Jugend- und
# Tierpornografie`, `(Kinder-)Pornografie`: each first part stands for itself joined to the end
# of the last word.
SUSPENDED = re.compile(
    r"(?P<heads>(?:[^\W\d_]+-(?:\s*,\s*|\s+(?:und|oder|bzw\.?|sowie|&)\s+))+)(?P<last>[^\W\d_]+)"
    r"|\((?P<head>[^\W\d_]+)-\)(?P<word>[^\W\d_]+)"
)
SUSPENDED_HEAD = re.compile(r"([^\W\d_]+)-")
SUSPENDED_HINT = re.compile(r"[^\W\d_]-[\s,)]")
SUSPENDED_END = re.compile(r"[^\W\d_]-$")  # a chunk of a text that ends so: a space follows
JOINED_MAX = 4  # hyphenated words joined at most (Kinder-Sexual-Missbrauchs-Darstellung)
HYPHENATED = re.compile(r"[^\W_]-[^\W_]")


def kind_of(term: Term, status: str) -> str:
    """How a term's words are compared: rule 2 (inflection), rule 8 (family), or exactly."""
    if term.exact or status == DNT:
        return EXACT
    return FAMILY if status in BANNED else INFLECTION


class Piece(NamedTuple):
    """What the matcher knows of a word piece of a text (a word, or words joined by
    apostrophes or hyphens): its tokens, the statuses of the terms that may start at one of them
    (or be a part of one), and how many words such a term may span (0: none starts here)."""

    tokens: tuple[Token, ...]
    statuses: frozenset[str]
    reach: int


class Chunk(NamedTuple):
    """What the matcher knows of a chunk of a text (what lies between two spaces, as written),
    worked out once however often the chunk recurs: `plain` is False when the chunk needs the
    whole text to be tokenized (see `split_plain`; a `{{ }}` placeholder, which may hold spaces;
    a German suspended hyphen); else its tokens (offsets in the chunk normalised), their keys
    (see `_keys`), what lies before the first and after the last of them (normalised), `origin`
    (offsets in the chunk normalised -> as written; None: the same), how many words a term
    starting in it may span (0: none), the statuses of such terms, the matches inside the chunk
    (TermMatch fields, offsets in the chunk as written, in `find`'s order), and where a term may
    start that goes on past the chunk: (token index, the trie nodes below which it goes on)."""

    plain: bool
    tokens: tuple[Token, ...] = ()
    keys: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = ()
    head: str = ""
    tail: str = ""
    origin: tuple[int, ...] | None = None
    reach: int = 0
    statuses: frozenset[str] = frozenset()
    local: tuple[tuple, ...] = ()
    walks: tuple[tuple[int, tuple[Node, ...]], ...] = ()


NOT_PLAIN_REACH = -1  # the reach of a chunk that is not plain
NOT_PLAIN_CHUNK = Chunk(False, reach=NOT_PLAIN_REACH)

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
    kind: str = INFLECTION      # INFLECTION, FAMILY or EXACT (see kind_of)


# A match as the matcher works with it: (pattern, start, end, compound, variant), offsets in the
# normalised text; `find` makes TermMatch objects of them last (see TermMatch for the fields).
Found = tuple


class Node:
    """A trie node: children by inflection key, by family key and by exact (folded) word, the
    terms ending here, and of the terms ending here or below, their statuses and how many words
    they go on for."""

    __slots__ = ("infls", "stems", "exacts", "patterns", "statuses", "height")

    # A glossary of 100,000 concepts makes some 130,000 nodes per language: a node holds no empty
    # containers (None, a shared empty tuple) and shares its statuses set with every equal one.
    def __init__(self) -> None:
        self.infls: dict[str, Node] | None = None
        self.stems: dict[str, Node] | None = None
        self.exacts: dict[str, Node] | None = None
        self.patterns: tuple[Pattern, ...] = ()
        self.statuses: frozenset[str] = frozenset()
        self.height = 0   # the most words a term reached through here has from here on (this one included)

    def child(self, key: str, kind: str) -> Node:
        """The child by `key` in the table of `kind`, made when missing."""
        name = "exacts" if kind == EXACT else "stems" if kind == FAMILY else "infls"
        table = getattr(self, name)
        if table is None:
            table = {}
            setattr(self, name, table)
        found = table.get(key)
        if found is None:
            found = table[key] = Node()
        return found

    def below(self) -> bool:
        return bool(self.infls or self.stems or self.exacts)


SHARED_STATUSES: dict[frozenset[str], frozenset[str]] = {}


def _same_fields(a: Pattern, b: Pattern) -> bool:
    return (a.concept, a.status, a.term, a.surfaces, a.case_sensitive) == (b.concept, b.status, b.term, b.surfaces, b.case_sensitive)


def _same_case(token: Token, word: str, kind: str) -> bool:
    """A case-sensitive word comparison. A do-not-translate or exact term is compared whole
    (the keys already agree); any other lets an inflection through: `LIBE` vs `LIBEs`, never
    `Libe` (the keys already agree, so only the common prefix can differ)."""
    if kind == EXACT:
        return token.surface == word
    n = min(len(token.surface), len(word))
    return token.surface[:n] == word[:n]


def hyphen_groups(tokens: list[Token] | tuple[Token, ...], text: str) -> list[tuple[int, int]]:
    """(first, last) token indexes of each run of words joined by single hyphens in `text`
    (rule 6): `plates-formes`, `pédo-pornographie`, `EU-Parlamentsausschuss`."""
    groups = []
    first = 0
    for i in range(1, len(tokens) + 1):
        if i < len(tokens) and tokens[i].start == tokens[i - 1].end + 1 and text[tokens[i - 1].end] == "-" \
                and not tokens[i].brk:
            continue
        if i - 1 > first:
            groups.append((first, i - 1))
        first = i
    return groups


class Matcher:
    """The terms of one language, compiled; `find(text)` lists their occurrences."""

    def __init__(self, lang: str | None, entries: Iterable[tuple[str, str, Term, bool]]):
        """`entries`: (concept id, status, term, case-sensitive) for every term to find in `lang`."""
        self.lang = lang
        self.stem = stemmer_for(lang)          # family key (rule 8)
        self.infl = inflection_keyer(lang)     # inflection key (rule 2)
        self.root = Node()
        self.compounds = lang == "de"
        # (tuples, not lists: 100,000 German concepts make some 650,000 first parts, most with one term)
        self.heads: dict[str, tuple[Pattern, ...]] = {}         # folded first part (with Fugen) -> terms
        self.tails: dict[str, tuple[Pattern, ...]] = {}         # inflection key of a last part -> terms
        self.family_tails: dict[str, tuple[Pattern, ...]] = {}  # family key of a last part (bans) -> terms
        self.exact_tails: dict[str, tuple[Pattern, ...]] = {}
        self.tail_starts: set[str] = set()             # first 3 letters of any last part: a cheap filter
        self.unmatchable: list[Pattern] = []           # terms with no words at all
        self._starts: dict[str, tuple[Node, ...]] = {}  # folded word -> root children (see _start_nodes)
        self._pieces: dict[str, Piece] = {}            # word piece of a text -> what starts there (see _piece)
        self._reach: dict[str, int] = {}               # the same pieces -> their reach alone
        self._parts: dict[str, tuple] = {}             # folded word -> its parts that are terms (see _parts_of)
        self._chunks: dict[str, Chunk] = {}            # chunk of a text as written -> what it holds (see _chunk)
        self._chunk_reach: dict[str, int] = {}         # the same chunks -> their reach alone (NOT_PLAIN_REACH: not plain)
        self._breaks: dict[str, bool] = {}             # what lies between two words -> whether it ends a run
        self.splits_words = False                      # a word may hold a term as one of its parts (rules 5, 8)
        for concept, status, term, case_sensitive in entries:
            self.add(concept, status, term, case_sensitive)


    def word_keys(self, kind: str, form: str) -> tuple[str, ...]:
        """The keys one folded word of a term is indexed by."""
        if kind == EXACT:
            return (form,)
        if kind == FAMILY:
            return family_keys(self.stem(form))
        return (self.infl(form),)

    def keys(self, kind: str, tokens) -> list[tuple[str, ...]]:
        """Every key sequence a term's words stand for (an inclusive form stands for two)."""
        per_word = [tuple(dict.fromkeys(k for f in tok.forms for k in self.word_keys(kind, f))) for tok in tokens]
        return list(product(*per_word))

    def forget(self) -> None:
        """Empty the per-word memos: always safe (they fill again as texts come), and worth it after
        matching texts that are not the catalogs' (the glossary's citations): kept, their words
        made every lookup of a catalog's words slower (measured: 1.26x with 20,000 citations)."""
        self._starts.clear()
        self._pieces.clear()
        self._reach.clear()
        self._parts.clear()
        self._chunks.clear()
        self._chunk_reach.clear()

    def __getstate__(self) -> dict:
        """The compiled terms, for a glossary kept across runs (stored_glossary.py): not the
        memos of the texts matched (refilled as texts come), nor the word keyers, which are
        functions (made again from the language)."""
        state = dict(self.__dict__)
        del state["stem"], state["infl"]
        for memo in ("_starts", "_pieces", "_reach", "_parts", "_chunks", "_chunk_reach", "_breaks"):
            state[memo] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.stem = stemmer_for(self.lang)
        self.infl = inflection_keyer(self.lang)

    def add(self, concept: str, status: str, term: Term, case_sensitive: bool = False) -> None:
        self.forget()  # a new term may start at a word already looked up
        normal = normalise(term.text)[0]
        tokens = tokenize(normal, self.lang)
        case_sensitive = case_sensitive or term.case_sensitive
        kind = kind_of(term, status)
        pattern = Pattern(concept, status, term, tuple(t.surface for t in tokens), case_sensitive, kind)
        if not tokens:
            self.unmatchable.append(pattern)
            return
        pattern = self._insert(pattern, self.keys(kind, tokens))
        solid = None
        if not case_sensitive and status != DNT:
            # Rule 6: `plate-forme` is also `plateforme`, `EU-Parlament` also one word for rule 5.
            solid = _solid(tokens, normal)
            if solid is not None:
                self._insert(pattern, self.keys(kind, solid))
        one = solid[0] if solid is not None and len(solid) == 1 else tokens[0] if len(tokens) == 1 else None
        if one is not None and not case_sensitive:
            if self.compounds:
                self.add_compound_part(pattern, one)
            elif kind == FAMILY:
                self.add_last_part(pattern, one)

    def _insert(self, pattern: Pattern, sequences: list[tuple[str, ...]]) -> Pattern:
        for keys in sequences:
            node = self.root
            for depth, key in enumerate(keys):
                node = node.child(key, pattern.kind)
                statuses = node.statuses | {pattern.status}
                node.statuses = SHARED_STATUSES.setdefault(statuses, statuses)
                node.height = max(node.height, len(keys) - depth)
            # The same term added twice (or reached again by an inclusive form's other key) is one
            # pattern: patterns compare by identity, so reuse the equal one already here.
            same = next((p for p in node.patterns if _same_fields(p, pattern)), None)
            if same is None:
                node.patterns += (pattern,)
            else:
                pattern = same
        return pattern

    def add_compound_part(self, pattern: Pattern, token: Token) -> None:
        """Index a one-word German term as the first or last part of compounds (rule 5), in any
        inflected form and with any linking element."""
        for form in token.forms:
            if len(form) < COMPOUND_PART_MIN:
                continue
            keys = self.word_keys(pattern.kind, form)
            for head in (form,) if pattern.kind == EXACT else head_forms(form, *keys):
                _index(self.heads, head, pattern)
            table = self.exact_tails if pattern.kind == EXACT else self.family_tails if pattern.kind == FAMILY else self.tails
            for key in keys:
                _index(table, key, pattern)
            self.tail_starts.add(form[:3])
            self.splits_words = True

    def add_last_part(self, pattern: Pattern, token: Token) -> None:
        """Index a one-word ban as the last part of a prefixed word (rule 8: cyberpédopornographie)."""
        for form in token.forms:
            if len(form) < COMPOUND_PART_MIN:
                continue
            for key in self.word_keys(FAMILY, form):
                _index(self.family_tails, key, pattern)
            self.tail_starts.add(form[:3])
            self.splits_words = True

    def may_hold(self, text: str, statuses: frozenset[str]) -> bool:
        """False when no term of these statuses can occur in normalised `text`: none starts at
        any of its words (nor is a part of one). One dict lookup per word, so the usual message,
        which holds no term a rule looks for, costs no tokenizing at all."""
        if self.compounds and SUSPENDED_HINT.search(text) is not None:
            return True
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
        reach = 0
        splits = self.splits_words
        for token in tokens:
            if len(token.forms) == 1:
                nodes = self._starts.get(token.folded)
                if nodes is None:
                    nodes = self._start_nodes(token.folded)
            else:
                nodes = self._children((self.root,), *self._keys(token.forms), token.forms)
            for node in nodes:
                statuses |= node.statuses
                reach = max(reach, node.height)
            if splits and len(token.forms) == 1 and len(token.folded) >= COMPOUND_PART_MIN + COMPOUND_REST_MIN:
                parts = self._word_parts(token)
                if parts:
                    statuses.update(p.status for p, _start, _end in parts)
                    reach = max(reach, 1)
        if len(tokens) > 1 and "-" in piece and HYPHENATED.search(piece) is not None:
            joined = self._joined(tokens, piece)
            if joined:
                statuses.update(p.status for p, _start, _end in joined)
                reach = max(reach, 1)
        info = self._pieces[piece] = Piece(tokens, frozenset(statuses), reach)
        self._reach[piece] = reach
        return info

    def find(self, text: str, statuses: frozenset[str] | None = None) -> list[TermMatch]:
        """Every term occurrence in `text`, in text order, offsets in `text`. With `statuses`,
        nothing (at once) when no term of those statuses can occur, every occurrence otherwise.

        A text is read chunk by chunk (what lies between two spaces): what lies inside a chunk
        is known from the chunk alone (see `_chunk`: worked out once however often the chunk
        recurs, and a catalog repeats its words), and only a term that starts in one chunk and
        goes on into the next is walked through the trie here. A text with a chunk that is not
        plain is tokenized whole. Either way the answer is `find_whole`'s.
        """
        chunks = text.split(" ")
        reaches = list(map(self._chunk_reach.get, chunks))  # one dict lookup per chunk, in C
        if None in reaches:
            reaches = [self._chunk(chunk).reach if reach is None else reach for chunk, reach in zip(chunks, reaches)]
        if NOT_PLAIN_REACH in reaches:
            normal, origin = normalise(text)
            return self._find_tokens(text, normal, origin, statuses)
        if not any(reaches):
            return []
        known = self._chunks
        starting = list(compress(range(len(chunks)), reaches))
        infos = [known.get(chunks[k]) or self._chunk(chunks[k]) for k in starting]
        if statuses is not None and all(info.statuses.isdisjoint(statuses) for info in infos):
            return []
        offsets = list(accumulate(map(len, chunks), initial=0))  # chunk k begins at offsets[k] + k
        found: list[TermMatch] = []
        across: dict[tuple, TermMatch] = {}
        make = tuple.__new__
        for k, info in zip(starting, infos):
            if info.local:
                base = offsets[k] + k
                found += [make(TermMatch, (concept, status, term, seen, start + base, end + base, compound, variant))
                          for concept, status, term, seen, start, end, compound, variant in info.local]
            if info.walks:
                self._walk_across(k, info, chunks, offsets, text, across)
        if across:  # terms from one chunk into the next: put in order with the rest
            found += across.values()
            found.sort(key=_match_order)
        return found

    def find_whole(self, text: str) -> list[TermMatch]:
        """`find(text)` the plain way, the reference its quick path is tested against: every
        token of the text walked through the trie, nothing remembered from other texts."""
        normal, origin = normalise(text)
        return self._find_tokens(text, normal, origin, None)

    def _find_tokens(self, text: str, normal: str, origin: list[int] | None, statuses: frozenset[str] | None) -> list[TermMatch]:
        """`find` over every token of normalised `normal` (`text` normalised, `origin` mapping back)."""
        found: dict[tuple, tuple[bool, str]] = {}
        if self.compounds and SUSPENDED_HINT.search(normal) is not None:
            self._suspended(normal, found)
        elif statuses is not None and not self.may_hold(normal, statuses):
            return []
        self._walk(tokenize(normal, self.lang), normal, found)
        return self._matches(_in_order(found), text, origin)

    def _walk(self, tokens: list[Token], text: str, found: dict | None = None) -> dict[tuple, tuple[bool, str]]:
        """Every term occurrence among the tokens of normalised `text`, added to `found`:
        (pattern, start, end) -> (compound, variant), the first way each was found."""
        if found is None:
            found = {}
        starts = self._starts
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
                frontier = self._children((self.root,), *self._keys(forms), forms)
            j = i
            while frontier:
                end = tokens[j].end
                for node in frontier:
                    for p in node.patterns:
                        if p.case_sensitive and not all(_same_case(t, w, p.kind) for t, w in zip(tokens[i:j + 1], p.surfaces)):
                            continue
                        key = (p, tokens[i].start, end)
                        if key not in found:
                            found[key] = NOT_VARIANT
                            if i == j:
                                whole.add((i, p))
                j += 1
                if j == n or tokens[j].brk:  # rule 3: sentence punctuation, placeholders, URLs end a run
                    break
                frontier = [node for node in frontier if node.below()]
                if not frontier:  # no longer term goes through here: no need to look at the next word
                    break
                forms = tokens[j].forms
                frontier = self._children(frontier, *self._keys(forms), forms)
        if self.splits_words:
            shortest = COMPOUND_PART_MIN + COMPOUND_REST_MIN
            for i, tok in enumerate(tokens):
                forms = tok.forms
                if len(forms) == 1 and len(forms[0]) >= shortest:
                    for p, start, end in self._word_parts(tok):
                        if (i, p) not in whole and (p, start, end) not in found:
                            found[(p, start, end)] = COMPOUND
        if "-" in text and HYPHENATED.search(text) is not None:
            joined = self._joined(tokens, text)
            if joined:
                spans: dict[Pattern, list[tuple[int, int]]] = {}
                for p, start, end in found:
                    spans.setdefault(p, []).append((start, end))
                for p, start, end in joined:
                    # `Kinderpornografie-Richtlinie` holds Kinderpornografie as a word already: once is enough.
                    if not any(start <= a and b <= end for a, b in spans.get(p, ())):
                        spans.setdefault(p, []).append((start, end))
                        found[(p, start, end)] = JOINED
        return found

    def _chunk(self, chunk: str) -> Chunk:
        """What a chunk of a text holds (see Chunk), remembered per chunk."""
        if len(self._chunks) >= START_CACHE_LIMIT:
            self._chunks.clear()
            self._chunk_reach.clear()
        normal, origin = normalise(chunk)
        if "{{" in normal or "}}" in normal or split_plain(normal, self.lang) is None \
                or self.compounds and (SUSPENDED_HINT.search(normal) is not None or SUSPENDED_END.search(normal) is not None):
            info = NOT_PLAIN_CHUNK
        else:
            tokens = tuple(tokenize(normal, self.lang))
            reach, statuses, walks = 0, set(), []
            splits = self.splits_words
            for index, token in enumerate(tokens):
                nodes = self._starts.get(token.folded)
                if nodes is None:
                    nodes = self._start_nodes(token.folded)
                for node in nodes:
                    statuses |= node.statuses
                    reach = max(reach, node.height)
                going_on = tuple(node for node in nodes if node.below())
                if going_on:
                    walks.append((index, going_on))
                if splits and len(token.folded) >= COMPOUND_PART_MIN + COMPOUND_REST_MIN:
                    parts = self._word_parts(token)
                    if parts:
                        statuses.update(p.status for p, _start, _end in parts)
                        reach = max(reach, 1)
            local: tuple[tuple, ...] = ()
            if reach:
                local = tuple(tuple(m) for m in self._find_tokens(chunk, normal, origin, None))
                statuses.update(m[1] for m in local)
                reach = max(reach, 1 if local else 0)
            elif "-" in normal and HYPHENATED.search(normal) is not None:
                local = tuple(tuple(m) for m in self._find_tokens(chunk, normal, origin, None))  # rule 6: joined
                if local:
                    statuses.update(m[1] for m in local)
                    reach = 1
            head, tail = (normal[:tokens[0].start], normal[tokens[-1].end:]) if tokens else (normal, normal)
            info = Chunk(True, tokens, tuple(self._keys(t.forms) + (t.forms,) for t in tokens), head, tail,
                         None if origin is None else tuple(origin), reach, frozenset(statuses), local, tuple(walks))
        self._chunks[chunk] = info
        self._chunk_reach[chunk] = info.reach
        return info

    def _walk_across(self, k: int, info: Chunk, chunks: list[str], offsets: list[int], text: str, found: dict) -> None:
        """The terms that start in chunk `k` of `chunks` (the text split at spaces) and end in a
        later chunk, added to `found`, (pattern, start, end) -> TermMatch, as `_walk` finds them."""
        known, children = self._chunks, self._children
        for index, going_on in info.walks:
            first = info.tokens[index]
            start = offsets[k] + k + (first.start if info.origin is None else info.origin[first.start])
            path = [first]
            frontier: list[Node] | tuple[Node, ...] = going_on
            at, current, j = k, info, index
            while True:
                j += 1
                if j == len(current.tokens):  # on to the next chunk with words, unless what lies between ends the run
                    between = [current.tail]
                    while True:
                        at += 1
                        if at == len(chunks):
                            break
                        current = known.get(chunks[at]) or self._chunk(chunks[at])
                        if current.tokens:
                            break
                        between.append(current.tail)
                    if at == len(chunks):
                        break
                    between.append(current.head)
                    if (len(between) > 2 or between[0] or between[1]) and self._ends_run(" ".join(between)):
                        break
                    j = 0
                elif current.tokens[j].brk:
                    break
                token = current.tokens[j]
                frontier = children(frontier, *current.keys[j])
                if not frontier:
                    break
                path.append(token)
                if at != k:  # (those inside the chunk are the chunk's own)
                    end = offsets[at] + at + (token.end if current.origin is None else current.origin[token.end])
                    for node in frontier:
                        for p in node.patterns:
                            if p.case_sensitive and not all(_same_case(t, w, p.kind) for t, w in zip(path, p.surfaces)):
                                continue
                            if (p, start, end) not in found:
                                found[(p, start, end)] = TermMatch(p.concept, p.status, p.term, text[start:end], start, end)
                frontier = [node for node in frontier if node.below()]
                if not frontier:
                    break

    def _ends_run(self, between: str) -> bool:
        """True when `between` (normalised), lying between two words, ends a run of words (rule 3):
        sentence punctuation, a paragraph break or a placeholder, as `tokenize` reads it."""
        ends = self._breaks.get(between)
        if ends is None:
            if len(self._breaks) >= START_CACHE_LIMIT:
                self._breaks.clear()
            ends = self._breaks[between] = tokenize(f"x{between}x", self.lang)[-1].brk
        return ends

    def _start_nodes(self, word: str) -> tuple[Node, ...]:
        """The trie nodes a one-form word leads to from the root (by inflection key, family key
        and exact word), remembered per word: a catalog repeats its words, and the answer is
        mostly "none"."""
        if len(self._starts) >= START_CACHE_LIMIT:
            self._starts.clear()
        root = self.root
        by_infl = root.infls.get(self.infl(word)) if root.infls else None
        by_stem = root.stems.get(self.stem(word)) if root.stems else None
        by_word = root.exacts.get(word) if root.exacts else None
        nodes = self._starts[word] = tuple(node for node in (by_infl, by_stem, by_word) if node is not None)
        return nodes

    def _keys(self, forms: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The distinct inflection keys and family keys of a word's forms."""
        if len(forms) == 1:
            return (self.infl(forms[0]),), (self.stem(forms[0]),)
        return tuple(dict.fromkeys(map(self.infl, forms))), tuple(dict.fromkeys(map(self.stem, forms)))

    @staticmethod
    def _children(nodes, infls: tuple[str, ...], stems: tuple[str, ...], forms: tuple[str, ...]) -> list[Node]:
        """The trie nodes one word further down from `nodes`: by inflection key, family key, exact word."""
        out: list[Node] = []
        for node in nodes:  # (written out, not a loop over the three tables: this runs once per word of a run)
            table = node.infls
            if table:
                for key in infls:
                    child = table.get(key)
                    if child is not None and child not in out:
                        out.append(child)
            table = node.stems
            if table:
                for key in stems:
                    child = table.get(key)
                    if child is not None and child not in out:
                        out.append(child)
            table = node.exacts
            if table:
                for key in forms:
                    child = table.get(key)
                    if child is not None and child not in out:
                        out.append(child)
        return out

    def _word_parts(self, tok: Token) -> list[tuple[Pattern, int, int]]:
        """(term, start, end) for each one-word term that is a part of `tok` (rules 5 and 8)."""
        word = tok.folded
        parts = self._parts.get(word)
        if parts is None:
            if len(self._parts) >= START_CACHE_LIMIT:
                self._parts.clear()
            parts = self._parts[word] = self._parts_of(word)
        if not parts:
            return []
        # Offsets of the part inside the surface, when folding kept one letter per letter (not ß -> ss).
        aligned = len(word) == len(tok.surface)
        return [(p, tok.start + a if aligned else tok.start, tok.start + b if aligned else tok.end) for p, a, b in parts]

    def _parts_of(self, word: str) -> tuple[tuple[Pattern, int, int], ...]:
        """(term, start, end) in the folded `word` of each one-word term that is its first or last part."""
        size = len(word)
        out: list[tuple[Pattern, int, int]] = []
        seen: set[Pattern] = set()
        # The longest first part wins, and the longest last part: `Kinderpornografieverbot` is
        # Kinderpornografie + verbot, so a shorter term inside that part (Kinderporno) is not a part.
        if self.heads:
            for k in range(size - COMPOUND_REST_MIN, COMPOUND_PART_MIN - 1, -1):
                heads = self.heads.get(word[:k])
                if heads:
                    for p in heads:
                        if p not in seen:
                            seen.add(p)
                            out.append((p, 0, k))
                    break
        for k in range(COMPOUND_REST_MIN, size - COMPOUND_PART_MIN + 1):
            tail = word[k:]
            if tail[:3] not in self.tail_starts:
                continue
            tails = (*self.tails.get(self.infl(tail), ()), *self.family_tails.get(self.stem(tail), ()),
                     *self.exact_tails.get(tail, ()))
            if tails:
                for p in tails:
                    if p not in seen:
                        seen.add(p)
                        out.append((p, k, size))
                break
        return tuple(out)

    def _joined(self, tokens, text: str) -> list[tuple[Pattern, int, int]]:
        """(term, start, end) for each one-word term matched by hyphenated words of `text` written
        solid (rule 6: `pédo-pornographie` holds `pédopornographie`), or by a part of them (rule
        5: `EU-Parlamentsausschuss` holds `EU-Parlament`)."""
        out: list[tuple[Pattern, int, int]] = []
        for first, last in hyphen_groups(tokens, text):
            for a in range(first, last):
                for b in range(a + 1, min(last, a + JOINED_MAX - 1) + 1):
                    joined = "".join(t.folded for t in tokens[a:b + 1])
                    start, end = tokens[a].start, tokens[b].end
                    nodes = self._starts.get(joined)
                    if nodes is None:
                        nodes = self._start_nodes(joined)
                    out.extend((p, start, end) for node in nodes for p in node.patterns if not p.case_sensitive)
                    if self.splits_words and len(joined) >= COMPOUND_PART_MIN + COMPOUND_REST_MIN:
                        out.extend(self._word_parts(Token(start, end, "", (joined,))))
        return out

    def _suspended(self, normal: str, found: dict) -> None:
        """Adds the one-word terms German suspended hyphens stand for (rule 6): `Kinder- und
        Jugendpornografie` holds `Kinderpornografie`, `(Kinder-)Pornografie` too."""
        for m in SUSPENDED.finditer(normal):
            if m.group("heads") is not None:
                offset = m.start("heads")
                heads = [(offset + h.start(1), h.group(1)) for h in SUSPENDED_HEAD.finditer(m.group("heads"))]
                last = m.group("last")
            else:
                heads, last = [(m.start(), m.group("head"))], m.group("word")  # from the parenthesis
            for start, head in heads:
                for k in range(0, len(last) - COMPOUND_PART_MIN + 1):
                    nodes = self._start_nodes((head + last[k:]).casefold())
                    hits = [p for node in nodes for p in node.patterns if not p.case_sensitive]
                    for p in hits:
                        found.setdefault((p, start, m.end()), SUSPENDED_VARIANT)
                    if hits:
                        break

    def _matches(self, found: Iterable[Found], text: str, origin: list[int] | None) -> list[TermMatch]:
        """The TermMatch of each of `found` (offsets in `text` normalised), offsets in `text`."""
        matches = [self._match(p, text, origin, start, end, compound, variant) for p, start, end, compound, variant in found]
        if origin is not None:  # (NFC may have made two offsets of one)
            matches.sort(key=_match_order)
        return matches

    @staticmethod
    def _match(p: Pattern, text: str, origin: list[int] | None, start: int, end: int, compound: bool = False,
               variant: str = "") -> TermMatch:
        if origin is not None:
            start, end = origin[start], origin[end]
        return TermMatch(p.concept, p.status, p.term, text[start:end], start, end, compound, variant)


NOT_VARIANT, COMPOUND, JOINED, SUSPENDED_VARIANT = (False, ""), (True, ""), (False, "joined"), (False, "suspended")


def _match_order(m: TermMatch) -> tuple:
    """How `find` orders its matches: by start, the longest first, then concept and status."""
    return (m.start, -m.end, m.concept, m.status)


def _order(found: Found) -> tuple:
    """How `find` orders its matches: by start, the longest first, then concept and status."""
    return (found[1], -found[2], found[0].concept, found[0].status)


def _in_order(found: dict[tuple, tuple[bool, str]]) -> tuple[Found, ...]:
    """The matches of `found` ((pattern, start, end) -> (compound, variant)) in `find`'s order."""
    return tuple(sorted([(p, start, end, *how) for (p, start, end), how in found.items()], key=_order))


def _index(table: dict[str, tuple[Pattern, ...]], key: str, pattern: Pattern) -> None:
    found = table.get(key, ())
    if pattern not in found:
        table[key] = found + (pattern,)


def _solid(tokens: list[Token], normal: str) -> list[Token] | None:
    """A term's words with each hyphenated group written solid (`plate-forme` -> `plateforme`),
    or None when the term has no hyphen between words."""
    groups = hyphen_groups(tokens, normal)
    if not groups:
        return None
    out: list[Token] = []
    i = 0
    for first, last in groups:
        out.extend(tokens[i:first])
        part = tokens[first:last + 1]
        out.append(Token(part[0].start, part[-1].end, "".join(t.surface for t in part), ("".join(t.folded for t in part),)))
        i = last + 1
    out.extend(tokens[i:])
    return out
