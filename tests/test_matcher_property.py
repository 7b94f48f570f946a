"""The matcher's property (issues 8 and 14): any glossary term inserted into real text is found.

Text is random real English, French or German (words of the Django and Sphinx catalogs in
tests/realdata, with the punctuation and spacing translators type: NBSP, guillemets,
typographic apostrophes, line wraps); one term of the bundled glossary, of any kind (source,
preferred, admitted, forbidden, exact, do-not-translate), is inserted at a word boundary, in any
letter case unless the term is case-sensitive, in French sometimes behind an elided article
(d', l', qu'), in English sometimes with a possessive ('s, ’s). The concept must be reported,
with the term's status, by a match that covers the inserted term.
"""

from __future__ import annotations

import re

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_check.catalog import load_catalog
from i18n_check.glossary import load_glossary
from i18n_check.glossary.index import GlossaryIndex

GLOSSARY = GlossaryIndex(load_glossary(ROOT / "glossary.yaml"))
REALDATA = ROOT / "tests" / "realdata"
LANGS = ("en", "fr", "de")


def words_of(lang: str) -> list[str]:
    """Distinct words of the real catalogs in `lang` (msgids for English, translations otherwise),
    sorted (hypothesis needs a stable list)."""
    words: set[str] = set()
    pattern = "*/LC_MESSAGES/*.po" if lang == "en" else f"{lang}/LC_MESSAGES/*.po"
    for path in sorted(REALDATA.rglob(pattern)):
        for entry in load_catalog(path).entries:
            for text in entry.sources if lang == "en" else entry.msgstr:
                words.update(w for w in re.findall(r"[^\W\d_]{2,}", text) if len(w) <= 20)
    return sorted(words)


WORDS = {lang: words_of(lang) for lang in LANGS}
# (concept, status, term, case-sensitive) of every kind the matcher compiles for the language.
TERMS = {lang: sorted(GLOSSARY.glossary.entries(lang), key=lambda e: (e[0], e[1], e[2].text)) for lang in LANGS}
POSSESSIVES = ["'s", "’s"]
# What may stand between words: spaces of every kind, punctuation, quotes, a PO line wrap.
SEPARATORS = [" ", "  ", "\u00a0", "\u202f", "\n", ", ", " ; ", " : ", ". ", " – ", " — ", " (", ") ",
              " « ", " » ", " „", "“ ", " \"", "\" ", " '", "' "]
ELISIONS = ["d'", "d’", "l'", "l’", "qu’"]


def recase(text: str, how: int) -> str:
    return (text, text.upper(), text.lower(), text.title())[how]


@st.composite
def texts_with_a_term(draw, lang: str):
    concept, status, term, case_sensitive = draw(st.sampled_from(TERMS[lang]))
    words = draw(st.lists(st.sampled_from(WORDS[lang]), min_size=0, max_size=25))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words) + 1, max_size=len(words) + 1))
    at = draw(st.integers(min_value=0, max_value=len(words)))
    inserted = term.text if term.case_sensitive or case_sensitive else recase(term.text, draw(st.integers(0, 3)))
    end_offset = 0
    if lang == "en" and draw(st.booleans()):
        possessive = draw(st.sampled_from(POSSESSIVES))
        inserted, end_offset = inserted + possessive, len(possessive)
    if lang == "fr" and inserted[:1].lower() in "aeiouyéèêh" and draw(st.booleans()):
        inserted = draw(st.sampled_from(ELISIONS)) + inserted
        start_offset = len(inserted) - len(term.text)
    else:
        start_offset = 0
    pieces, start = [seps[0]], None
    for index, word in enumerate(words + [None]):
        if index == at:
            start = sum(map(len, pieces)) + start_offset
            pieces += [inserted, seps[index + 1] if index < len(words) else " "]
        if word is not None:
            pieces += [word, seps[index + 1]]
    text = "".join(pieces)
    return concept, status, term, text, start, start + len(inserted) - start_offset - end_offset


def assert_found(concept, status, term, text, start, end, lang):
    matches = GLOSSARY.find(text, lang)
    covering = [m for m in matches if m.concept == concept and m.status == status and m.start < end and m.end > start]
    assert covering, (f"{lang}: {term.text!r} ({concept}) inserted at {start}:{end} is not found in {text!r}; "
                      f"found: {[(m.concept, m.text, m.start, m.end) for m in matches]}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=texts_with_a_term("en"))
def test_a_term_inserted_into_english_text_is_found(case):
    assert_found(*case, "en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=texts_with_a_term("fr"))
def test_a_term_inserted_into_french_text_is_found(case):
    assert_found(*case, "fr")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=texts_with_a_term("de"))
def test_a_term_inserted_into_german_text_is_found(case):
    assert_found(*case, "de")


def test_the_property_has_material():
    """Every language has real words, and every kind of term is drawn from."""
    assert all(len(WORDS[lang]) > 500 for lang in LANGS)
    kinds = {(lang, status) for lang in LANGS for _c, status, _t, _cs in TERMS[lang]}
    assert {("en", "source"), ("fr", "preferred"), ("fr", "admitted"), ("fr", "forbidden"), ("fr", "dnt"),
            ("de", "preferred"), ("de", "admitted"), ("de", "forbidden"), ("de", "dnt")} <= kinds
    assert any(t.exact for lang in LANGS for _c, _s, t, _cs in TERMS[lang])
