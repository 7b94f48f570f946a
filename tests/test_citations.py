"""Citations found in texts (CONTRACT §3 `citations`): rule 1's normalisation and rule 3's runs,
words compared exactly; compiled once per language, cheap on texts that cannot hold one."""

from __future__ import annotations

import time
import unicodedata

import pytest

from i18n_check.glossary.citations import CitationFinder
from i18n_check.glossary.model import Citation

TITLES = {
    "en": ["Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of children and child pornography",
           "Convention on the Rights of the Child"],
    "fr": ["directive 2011/93/UE relative à la lutte contre les abus sexuels et l'exploitation sexuelle des enfants, ainsi que la pédopornographie",
           "Alliance mondiale contre la pédopornographie"],
    "de": ["Richtlinie 2011/93/EU des Europäischen Parlaments und des Rates vom 13. Dezember 2011",
           "Alliance mondiale contre la pédopornographie"],
}

# (case, language, text, the citations' texts found, in order)
CASES = [
    ("as written", "en", "Under Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of children and child pornography, states act.",
     [TITLES["en"][0]]),
    ("other case", "en", "DIRECTIVE 2011/93/EU ON COMBATING THE SEXUAL ABUSE AND SEXUAL EXPLOITATION OF CHILDREN AND CHILD PORNOGRAPHY", [TITLES["en"][0]]),
    ("line wrap and markup", "en", "the <em>Directive 2011/93/EU</em> on combating the sexual abuse and\nsexual exploitation of children and child pornography",
     [TITLES["en"][0]]),
    ("quotes and non-breaking spaces", "en", "the “Convention\u00a0on the Rights of the Child”", [TITLES["en"][1]]),
    ("no inflection", "en", "the Conventions on the Rights of the Children", []),
    ("a longer word is not the word", "en", "Directive 2011/93/EUR on combating the sexual abuse and sexual exploitation of children and child pornography", []),
    ("a sentence stop the title has not", "en", "the Convention on the Rights. Of the Child", []),
    ("a placeholder inside", "en", "the Convention on the %s Rights of the Child", []),
    ("a URL inside", "en", "the Convention on https://example.org the Rights of the Child", []),
    ("a word more", "en", "the Convention on all the Rights of the Child", []),
    ("typographic apostrophe and elision", "fr",
     "la directive 2011/93/UE relative à la lutte contre les abus sexuels et l’exploitation sexuelle des enfants, ainsi que la pédopornographie",
     [TITLES["fr"][0]]),
    ("guillemets and a comma dropped", "fr", "l’« Alliance mondiale contre la pédopornographie »", [TITLES["fr"][1]]),
    ("inflected", "fr", "les Alliances mondiales contre la pédopornographie", []),
    ("a title's own full stop", "de", "gemäß der Richtlinie 2011/93/EU des Europäischen Parlaments und des Rates vom 13. Dezember 2011 gilt",
     [TITLES["de"][0]]),
    ("without the title's full stop", "de", "Richtlinie 2011/93/EU des Europäischen Parlaments und des Rates vom 13 Dezember 2011", [TITLES["de"][0]]),
    ("German inflection is not the title", "de", "Richtlinien 2011/93/EU des Europäischen Parlaments und des Rates vom 13. Dezember 2011", []),
    ("two citations", "de", "Alliance mondiale contre la pédopornographie und Richtlinie 2011/93/EU des Europäischen Parlaments und des Rates vom 13. Dezember 2011",
     [TITLES["de"][1], TITLES["de"][0]]),
]


@pytest.mark.parametrize("lang, text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_citation_found_as_rules_1_and_3_say(lang, text, expected):
    finder = CitationFinder(lang, [Citation(t) for t in TITLES[lang]])
    found = finder.find(text)
    assert [c.text for _s, _e, c in found] == expected
    for start, end, _c in found:  # the span is the words of the title, in the text given
        assert text[start].isalnum() and text[end - 1].isalnum()


def test_offsets_are_in_the_text_given():
    finder = CitationFinder("fr", [Citation("Alliance mondiale contre la pédopornographie")])
    text = unicodedata.normalize("NFD", "Voir l’Alliance mondiale contre la pédopornographie.")
    [(start, end, _c)] = finder.find(text)
    assert unicodedata.normalize("NFC", text[start:end]) == "Alliance mondiale contre la pédopornographie"


def test_nested_citations_are_both_found():
    finder = CitationFinder("en", [Citation("Directive 2011/93/EU"), Citation(TITLES["en"][0])])
    found = finder.find("see " + TITLES["en"][0])
    assert [(end - start, c.text) for start, end, c in found] == [(len(TITLES["en"][0]), TITLES["en"][0]), (len("Directive 2011/93/EU"), "Directive 2011/93/EU")]


def test_a_citation_without_words_is_never_found():
    finder = CitationFinder("en", [Citation("%s"), Citation("…")])
    assert finder.find("%s … %s") == []


def test_many_citations_cost_nothing_on_texts_without_their_words():
    citations = [Citation(f"Regulation {i} on the protection of rare item{i} species") for i in range(20_000)]
    finder = CitationFinder("en", citations)
    texts = [f"Survivors of abuse ask platforms to act, message {i}." for i in range(20_000)]
    started = time.process_time()
    assert not any(finder.find(t) for t in texts)
    per_text = (time.process_time() - started) / len(texts)
    assert per_text < 50e-6, f"{per_text * 1e6:.1f} µs per text"
    assert finder.find("the Regulation 17 on the protection of rare item17 species")
