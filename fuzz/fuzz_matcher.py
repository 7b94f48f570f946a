"""Fuzz the term matcher.

Two kinds of input (the first byte chooses):
- fuzzed terms (with their options) matched in fuzzed text: matches must lie inside the text,
  and a glossary the loader accepts must never make `find` fail, whatever the text;
- a real glossary with multi-word terms (glossary.yaml, tests/fixtures/glossary/campaign.yaml)
  in en, fr or de, on a text built from its terms, their words, glue (placeholders, markup,
  elisions, inclusive marks...) and fuzzed characters.
In both, `Matcher.find(text)` must equal the reference that tokenizes every token of the text
(no quick path: `find_whole`), and for each status present in the reference,
`find(text, frozenset({status}))` must equal it too (with an absent status: nothing or the same).
Every match is the slice of the text it says (`text[start:end]`), and rule 8 holds: a one-word
term that is not a ban, matched as a whole word, has the inflection key of the word it matched
(a family or prefix match never satisfies a concept).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.glossary import load_glossary
    from i18n_check.glossary.index import GlossaryIndex
    from i18n_check.glossary import matcher as _matcher  # noqa: F401  (imported lazily otherwise: uninstrumented)
    from i18n_check.glossary.load import parse_glossary
    from i18n_check.glossary.matcher import INFLECTION, kind_of
    from i18n_check.glossary.model import BANNED
    from i18n_check.glossary.text import normalise, tokenize

from common import InputError

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr", "de")
STATUSES = ("preferred", "admitted", "forbidden")
ALL_STATUSES = ("source", "preferred", "admitted", "forbidden", "dnt")
GLOSSARIES = [GlossaryIndex(load_glossary(ROOT / "glossary.yaml")), GlossaryIndex(load_glossary(ROOT / "tests/fixtures/glossary/campaign.yaml"))]
# What may sit between or against words (as in tests/test_matcher_fast_paths.py).
GLUE = [" ", " ", ", ", ". ", "! ", " : ", ";", "\n", "-", "'", "’", "·", "·e·s ", ".e.s ", "(e)s ", "-e-s ",
        "*innen ", ":innen ", "Innen ", "%s", "%(name)s", "%d", " %", "{0}", "{name}", "{{ var }}", "<b>", "</b>",
        "<br/>", "&amp;", "&nbsp;", " https://example.org/x ", " a@b.org ", "\u00ad", "\u00a0", "l'", "d’", "qu'",
        "_", "1", "\t", "\u200b", "…", "«\u202f", "\u202f»", "İ", "ß", "ﬁ", "e\u0301",
        # rules 3, 4 and 6: possessives, middle-dot look-alikes, suspended hyphens, hyphen/solid variants
        "'s ", "’s ", "ꞏ", "‧", "•", "⋅", "ꞏes ", "- und ", "-, ", "(", "-)", "cyber", "s"]


def terms_of(glossary, lang: str) -> list[str]:
    found = set()
    for concept in glossary.glossary.concepts:
        found.update(t.text for t in concept.source)
        if lang in concept.languages:
            found.update(t.text for _status, t in concept.languages[lang].by_status())
    return sorted(found)


TERMS = {(i, lang): terms_of(g, lang) for i, g in enumerate(GLOSSARIES) for lang in LANGS}
WORDS = {key: sorted({w for t in terms for w in t.split()}) for key, terms in TERMS.items()}


def reference_find(matcher, text: str):
    """`matcher.find(text)` with every token of the text walked through the trie, no quick path."""
    return matcher.find_whole(text)


def check(matcher, text: str) -> None:
    expected = reference_find(matcher, text)
    for match in expected:
        assert 0 <= match.start <= match.end <= len(text), (match.start, match.end, len(text))
        assert text[match.start:match.end] == match.text, (match, text)
        if (kind_of(match.term, match.status) == INFLECTION and match.status not in BANNED and not match.compound
                and not match.variant):
            term_words, found_words = tokenize(normalise(match.term.text)[0], matcher.lang), tokenize(normalise(match.text)[0], matcher.lang)
            if len(term_words) == 1 and len(found_words) == 1:
                assert {matcher.infl(f) for f in term_words[0].forms} & {matcher.infl(f) for f in found_words[0].forms} \
                    or "-" in match.term.text, (match, text)
    assert matcher.find(text) == expected, (matcher.lang, text)
    for status in ALL_STATUSES:
        got = matcher.find(text, frozenset({status}))
        if any(m.status == status for m in expected):
            assert got == expected, (matcher.lang, status, text)
        else:
            assert got in ([], expected), (matcher.lang, status, text)


def built_text(fdp, key) -> str:
    terms, words = TERMS[key], WORDS[key]
    pieces = []
    for _ in range(fdp.ConsumeIntInRange(0, 24)):
        kind = fdp.ConsumeIntInRange(0, 5)
        if kind == 0 and terms:
            term = terms[fdp.ConsumeIntInRange(0, len(terms) - 1)]
            if fdp.ConsumeBool():  # its words held apart by what may or may not break a run
                term = "".join(w + GLUE[fdp.ConsumeIntInRange(0, len(GLUE) - 1)] for w in term.split(" "))
            if fdp.ConsumeBool():
                term = term.upper() if fdp.ConsumeBool() else term.capitalize()
            pieces.append(term)
        elif kind == 1 and words:
            pieces.append(words[fdp.ConsumeIntInRange(0, len(words) - 1)])
        elif kind <= 3:
            pieces.append(GLUE[fdp.ConsumeIntInRange(0, len(GLUE) - 1)])
        else:
            pieces.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 8)))
    return "".join(pieces)


def fuzzed_glossary(fdp):
    lang = LANGS[fdp.ConsumeIntInRange(0, 2)]
    terms = []
    for _ in range(fdp.ConsumeIntInRange(1, 4)):
        term = {"term": fdp.ConsumeUnicodeNoSurrogates(24),
                "case_sensitive": fdp.ConsumeBool(), "exact": fdp.ConsumeBool()}
        terms.append((STATUSES[fdp.ConsumeIntInRange(0, 2)], term))
    concept = {"id": "c", "en": [t for _, t in terms[:1]]}
    target = "fr" if lang == "en" else lang
    concept[target] = {}
    for status, term in terms[1:] if lang == "en" else terms:
        concept[target].setdefault(status, []).append(term)
    glossary_text = json.dumps({"version": 1, "source": "en", "languages": ["fr", "de"], "concepts": [concept]})
    try:
        return GlossaryIndex(parse_glossary(glossary_text)), lang
    except InputError:
        return None, lang


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        glossary, lang = fuzzed_glossary(fdp)
        if glossary is None:
            return
        text = fdp.ConsumeUnicodeNoSurrogates(400)
    else:
        index, lang = fdp.ConsumeIntInRange(0, len(GLOSSARIES) - 1), LANGS[fdp.ConsumeIntInRange(0, 2)]
        glossary = GLOSSARIES[index]
        text = built_text(fdp, (index, lang))
    check(glossary.matcher(lang), text)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
