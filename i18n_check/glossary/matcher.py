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
from .text import STOPS, Token, normalise, scan, split_plain, tokenize, words

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
    (or be a part of one), how many words such a term may span (0: none starts here), and
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
    kind: str = INFLECTION      # INFLECTION, FAMILY or EXACT (see kind_of)


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
        sure: dict[tuple[str, str], None] = {}
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
                sure.update(((p.concept, p.status), None) for p in node.patterns if not p.case_sensitive)
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
        found: dict[tuple, TermMatch] = {}
        if self.compounds and SUSPENDED_HINT.search(normal) is not None:
            self._suspended(normal, text, origin, found)
        tokens = self._tokens(normal, None if found else statuses)
        if not tokens:
            return list(found.values())
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
                            found[key] = self._match(p, text, origin, tokens[i].start, end)
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
                            found[(p, start, end)] = self._match(p, text, origin, start, end, compound=True)
        if "-" in normal and HYPHENATED.search(normal) is not None:
            joined = self._joined(tokens, normal)
            if joined:
                spans = {}
                for p, start, end in found:
                    spans.setdefault(p, []).append((start, end))
                for p, start, end in joined:
                    # `Kinderpornografie-Richtlinie` holds Kinderpornografie as a word already: once is enough.
                    if not any(start <= a and b <= end for a, b in spans.get(p, ())):
                        spans.setdefault(p, []).append((start, end))
                        found[(p, start, end)] = self._match(p, text, origin, start, end, variant="joined")
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

    def _suspended(self, normal: str, text: str, origin: list[int] | None, found: dict) -> None:
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
                        found.setdefault((p, start, m.end()), self._match(p, text, origin, start, m.end(), variant="suspended"))
                    if hits:
                        break

    @staticmethod
    def _match(p: Pattern, text: str, origin: list[int] | None, start: int, end: int, compound: bool = False,
               variant: str = "") -> TermMatch:
        if origin is not None:
            start, end = origin[start], origin[end]
        return TermMatch(p.concept, p.status, p.term, text[start:end], start, end, compound, variant)


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
