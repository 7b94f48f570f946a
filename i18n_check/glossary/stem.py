"""The word keys of CONTRACT §3 rules 2 and 8, and the German compound parts of rule 5.

Two keys per word. The inflection key (glossary/inflect.py) joins the inflected forms of one
word: source terms and the terms that satisfy a concept are matched by it. The family key is
the Snowball stem (PyStemmer), which also joins the words derived from one another: a ban
covers the banned word's family (rule 8), so forbidden terms are matched by it. Both are fed
case-folded words: the German stemmer keeps a capital initial as it is (`Überlebende` ->
`Überleb`, `überlebende` -> `uberleb`), so stemming the surface would split a noun from its
own lower-case use.
"""

from __future__ import annotations

from typing import Callable

import Stemmer

from .inflect import inflection_for

# ISO 639-1 -> Snowball algorithm. A language without a stemmer compares whole words.
ALGORITHMS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "hu": "hungarian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nl": "dutch", "no": "norwegian", "nb": "norwegian", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish",
}
CACHE_LIMIT = 200_000  # words per language; a long run over many catalogs starts afresh past it

# German feminine plural: Snowball stems `Moderatorin` -> `moderatorin` but `Moderatorinnen`
# -> `moderatorinn`; trimming the doubled n joins them (rule 4: both forms of one word).
GERMAN_FEMININE = "inn"

# Rule 5: linking elements (Fugen) between the parts of a German compound:
# Missbrauch|s|darstellung, Überlebende|n|hilfe, Kind|er|schutz.
FUGEN = ("", "s", "es", "n", "en", "er", "e")
COMPOUND_PART_MIN = 4   # a compound part shorter than this is too often an accident (Rat in Verrat)
COMPOUND_REST_MIN = 3   # nor is a "compound" whose other part is shorter


def inflection_keyer(lang: str | None) -> Callable[[str], str]:
    """A function from a case-folded word to its inflection key in `lang` (rule 2), cached."""
    return _cached(inflection_for(lang))


def _cached(function: Callable[[str], str]) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def key(word: str) -> str:
        try:
            return cache[word]
        except KeyError:
            pass
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        result = cache[word] = function(word)
        return result

    return key


# The Snowball stem of a derived word may lack the last vowel of its base's stem: German
# kinderpornografisch -> kinderpornograf, Kinderpornografie -> kinderpornografi; English
# pornographic -> pornograph, pornography -> pornographi. A ban's family keys are its stem and
# that stem without a final vowel (when at least FAMILY_TRIM_MIN letters remain).
VOWELS = "aeiouyäöüéèêàâîôû"
FAMILY_TRIM_MIN = 5


def family_keys(stem: str) -> tuple[str, ...]:
    """The keys a banned word's family is found by (rule 8), from the word's stem."""
    trimmed = stem.rstrip(VOWELS)
    if trimmed != stem and len(trimmed) >= FAMILY_TRIM_MIN:
        return (stem, trimmed)
    return (stem,)


def stemmer_for(lang: str | None) -> Callable[[str], str]:
    """A function from a case-folded word to its Snowball stem (family key) in `lang`, cached."""
    algorithm = ALGORITHMS.get((lang or "").split("_")[0])
    if algorithm is None:
        return lambda word: word
    stem_word = Stemmer.Stemmer(algorithm).stemWord
    cache: dict[str, str] = {}
    german = algorithm == "german"

    def stem(word: str) -> str:
        try:
            return cache[word]
        except KeyError:
            pass
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        result = stem_word(word)
        if german and result.endswith(GERMAN_FEMININE):
            result = result[:-1]
        cache[word] = result
        return result

    return stem


def head_forms(*bases: str) -> tuple[str, ...]:
    """The forms a word (given by its folded form and keys) takes as the first part of a German
    compound: any inflected form, with any linking element (Missbrauchsdarstellung|s|dateien
    for Missbrauchsdarstellungen, Überlebende|n|beratung for Überlebende)."""
    return tuple(dict.fromkeys(base + f for base in bases for f in FUGEN))
