"""Stems per language (CONTRACT §3 rule 2) and the German compound parts of rule 5.

PyStemmer's Snowball stemmers, fed case-folded words: the German stemmer keeps a capital
initial as it is (`Überlebende` -> `Überleb`, `überlebende` -> `uberleb`), so stemming the
surface would split a noun from its own lower-case use.
"""

from __future__ import annotations

from typing import Callable

import Stemmer

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


def stemmer_for(lang: str | None) -> Callable[[str], str]:
    """A function from a case-folded word to its stem in `lang`, cached."""
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


def head_forms(word: str) -> tuple[str, ...]:
    """The forms a case-folded word takes as the first part of a German compound."""
    return tuple(word + f for f in FUGEN)
