"""Why a term matches a text or not, as data (CONTRACT §3 rule 13).

`explain_text(index, text, lang)` says, for each glossary term that occurs in a text or
nearly does, which words were compared, by which keys, and the number of the matching rule that
decided. It runs the same matcher as the rules and then looks at its answer word by word; it is
computed only when asked (`check --explain`, `glossary explain`), never on the checking path.
Reporters only format an Explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

from .index import GlossaryIndex
from .matcher import EXACT, FAMILY, Matcher, kind_of
from .model import BANNED, DNT, Term, TermMatch
from .text import Token, normalise, tokenize

NEAR_PREFIX = 4  # a text word sharing this many first letters with a term word is worth showing


@dataclass(frozen=True, slots=True)
class Word:
    """One word as the matcher compares it: its text, folded forms and keys."""

    text: str
    forms: tuple[str, ...]
    inflection: tuple[str, ...]   # rule 2 keys
    family: tuple[str, ...]       # rule 8 keys (Snowball stems)


@dataclass(frozen=True, slots=True)
class TermCheck:
    """One term against the text: found or not, the rule that decided, and why."""

    concept: str
    status: str
    term: str
    kind: str                      # how its words are compared: inflection, family or exact
    found: str | None              # the text matched, None when the term is not there
    rule: int                      # the CONTRACT §3 matching rule that decided
    reason: str                    # one sentence: what matched how, or why nothing did
    term_words: tuple[Word, ...]
    compared: tuple[Word, ...]     # the words of the text the reason is about


@dataclass(frozen=True, slots=True)
class Explanation:
    """A text, its words as compared, and the terms checked against it."""

    text: str
    lang: str
    words: tuple[Word, ...]
    terms: tuple[TermCheck, ...]


@dataclass(frozen=True, slots=True)
class FindingExplanation:
    """A glossary finding's source side (None when the rule does not read the source) and translation side."""

    source: Explanation | None
    translation: Explanation


def explain_text(index: GlossaryIndex, text: str, lang: str, concepts: set[str] | None = None,
                 statuses: set[str] | None = None) -> Explanation:
    """How `text` (in `lang`) matches the glossary: every term found, and the near misses (a term
    with a word that shares a key or its first letters with a word of the text). `concepts` and
    `statuses` restrict the terms looked at; terms of those that are neither found nor near are
    listed too when `concepts` is given (a finding asks about its concept's every term)."""
    matcher = index.matcher(lang)
    tokens = tokenize(normalise(text)[0], lang)
    words = tuple(_word(matcher, t) for t in tokens)
    matches: dict[tuple[str, str, str], TermMatch] = {}
    for m in matcher.find(text):
        matches.setdefault((m.concept, m.status, m.term.text), m)
    checks = []
    for concept, status, term, case_sensitive in index.glossary.entries(lang):
        if (concepts is not None and concept not in concepts) or (statuses is not None and status not in statuses):
            continue
        match = matches.get((concept, status, term.text))
        term_words = tuple(_word(matcher, t) for t in tokenize(normalise(term.text)[0], lang))
        kind = kind_of(term, status)
        if match is not None:
            rule, reason, compared = _why_found(matcher, match, term_words, kind, lang)
            checks.append(TermCheck(concept, status, term.text, kind, match.text, rule, reason, term_words, compared))
            continue
        near = _near(term_words, words)
        if near or concepts is not None:
            rule, reason = _why_not(term, term_words, near, words, kind, case_sensitive or term.case_sensitive, status)
            checks.append(TermCheck(concept, status, term.text, kind, None, rule, reason, term_words, near))
    return Explanation(text, lang, words, tuple(checks))


def _word(matcher: Matcher, token: Token) -> Word:
    return Word(token.surface, token.forms, tuple(dict.fromkeys(map(matcher.infl, token.forms))),
                tuple(dict.fromkeys(map(matcher.stem, token.forms))))


def _keys(word: Word, kind: str) -> tuple[str, ...]:
    return word.forms if kind == EXACT else word.family if kind == FAMILY else word.inflection


def _why_found(matcher: Matcher, m: TermMatch, term_words: tuple[Word, ...], kind: str, lang: str):
    """(rule, reason, words compared) for a match."""
    found = tuple(_word(matcher, t) for t in tokenize(normalise(m.text)[0], lang))
    if m.variant == "suspended":
        return 6, f"a suspended hyphen expanded: “{m.text}” stands for “{m.term.text}”", found
    if m.variant == "joined":
        return 6, f"hyphenated words written solid: “{m.text}” is “{''.join(w.text for w in found)}”", found
    if m.compound:
        if lang == "de":
            return 5, f"“{m.text}” is the first or last part of a compound word (any inflected form, linking s/es)", found
        return 8, f"a ban covers a prefix and the banned word: “{m.text}” ends a longer word", found
    if "-" in normalise(m.term.text)[0] and "-" not in normalise(m.text)[0] and len(found) < len(term_words):
        return 6, f"the hyphenated term written solid: “{m.text}”", found
    if any(len(w.forms) > 1 for w in found):
        return 4, f"an inclusive form stands for both genders: {', '.join('/'.join(w.forms) for w in found if len(w.forms) > 1)}", found
    pairs = list(zip(term_words, found))
    if m.status in BANNED and any(set(t.inflection).isdisjoint(f.inflection) for t, f in pairs):
        return 8, "the banned word's family (same Snowball stem): " + _pairs(pairs, FAMILY), found
    if any(set(t.forms).isdisjoint(f.forms) for t, f in pairs):
        return 2, "inflected forms of the same words: " + _pairs(pairs, kind), found
    if len(found) > 1 and normalise(m.text)[0] != " ".join(w.text for w in found):
        return 3, f"one run of words (punctuation, markup, line wraps, elision or a possessive between them): “{m.text}”", found
    return 1, f"the same words once normalised (case, apostrophes, spaces, dashes): “{m.text}”", found


def _pairs(pairs, kind: str) -> str:
    return ", ".join(f"{f.text} -> {'/'.join(_keys(f, kind))} = {t.text} -> {'/'.join(_keys(t, kind))}" for t, f in pairs)


def _near(term_words: tuple[Word, ...], words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The text's words that nearly are a word of the term: same key of any kind, or same first letters."""
    out = []
    for w in words:
        for t in term_words:
            if len(t.forms[0]) < NEAR_PREFIX or len(w.forms[0]) < NEAR_PREFIX:  # de, la, the: near everything
                continue
            if (not set(w.inflection).isdisjoint(t.inflection) or not set(w.family).isdisjoint(t.family)
                    or w.forms[0][:NEAR_PREFIX] == t.forms[0][:NEAR_PREFIX] or t.forms[0] in w.forms[0]):
                if w not in out:
                    out.append(w)
                break
    return tuple(out)


def _why_not(term: Term, term_words, near, words, kind: str, case_sensitive: bool, status: str) -> tuple[int, str]:
    """(rule, reason) for a term not found."""
    keyed = {k for w in words for k in _keys(w, kind)}
    missing = [t for t in term_words if not keyed & set(_keys(t, kind))]
    if not missing:
        if case_sensitive:
            return 1, f"the words are there but not with the case written in the glossary ({term.text}; case-sensitive)"
        if len(term_words) > 1:
            return 3, "every word is there, but not as one run (a placeholder, URL or sentence stop between them, or another order)"
        return 5, "the word is there only inside a longer word where it is not a first or last part"
    if status == DNT and any(w.forms[0] in ("".join(t.forms[0] for t in term_words),) for w in words):
        return 6, "do-not-translate: kept verbatim only; spelling variants do not count"
    for t in missing:
        for w in near:
            if kind == FAMILY or not set(w.inflection).isdisjoint(t.inflection):
                continue
            if len(missing) == 1 and not set(w.family).isdisjoint(t.family):
                return 8, (f"“{w.text}” is a different word from “{t.text}”: they share the Snowball stem "
                           f"{'/'.join(t.family)}, but not the inflection key ({'/'.join(w.inflection)} ≠ {'/'.join(t.inflection)})")
            if len(missing) == 1 and _similar(w.forms[0], t.forms[0]):
                return 8, (f"“{w.text}” is a different word from “{t.text}”: inflection keys "
                           f"{'/'.join(w.inflection)} ≠ {'/'.join(t.inflection)}")
    keys = ", ".join(f"{t.text} -> {'/'.join(_keys(t, kind))}" for t in missing)
    what = "exact word" if kind == EXACT else "Snowball stem" if kind == FAMILY else "inflection key"
    rule = 1 if kind == EXACT else 8 if kind == FAMILY else 2
    if near:
        return rule, f"no word of the text has the {what} of {keys}; nearest: " + ", ".join(
            f"{w.text} -> {'/'.join(_keys(w, kind))}" for w in near)
    return rule, f"no word of the text has the {what} of {keys}"


def _similar(a: str, b: str) -> bool:
    """Two words that begin alike up to their last few letters (survivre, survivant)."""
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return size >= max(NEAR_PREFIX + 1, min(len(a), len(b)) - 3)
