"""Inflection keys (CONTRACT §3 rule 2): two forms of one word share a key, two different words do not.

Source terms and the terms that satisfy a concept match "the inflected forms of their own words
only": survivante/survivants, commission/commissions, conflit armé/conflits armés, half/halves,
Überlebende/Überlebenden, Missbrauchsdarstellung/-en; never survivre/survivant, überleben/
Überlebende, moderation/moderator. Snowball stems both split forms of one word (commiss/comm,
confl/conflit) and join words of one family (moder for modération and modérateur), so these keys
strip only inflectional endings: number and gender of nouns and adjectives, and German case
endings. The choice was measured against Snowball, simplemma's dictionary lemmas, Savoy's light
and minimal stemmers and hunspell on word pairs from real catalogs: docs/inflection.md,
bench/inflection.py. (Forbidden terms use the Snowball stem, which is the family of rule 8.)

Each function takes a case-folded word and returns its key; a key is never empty.
"""

from __future__ import annotations

from typing import Callable

# English nouns whose plural is not the singular + s/es: a closed class, listed rather than guessed
# (a rule "-ves -> -f" would turn archives into archif and olives into olif).
EN_IRREGULAR = {
    "children": "child", "men": "man", "women": "woman", "people": "person", "persons": "person",
    "mice": "mouse", "feet": "foot", "teeth": "tooth", "geese": "goose", "lice": "louse", "oxen": "ox",
    "halves": "half", "wives": "wife", "lives": "life", "knives": "knife", "leaves": "leaf", "selves": "self",
    "shelves": "shelf", "thieves": "thief", "wolves": "wolf", "calves": "calf", "loaves": "loaf", "elves": "elf",
    "scarves": "scarf", "hooves": "hoof", "wharves": "wharf", "sheaves": "sheaf",
    "analyses": "analysis", "bases": "basis", "crises": "crisis", "theses": "thesis", "hypotheses": "hypothesis",
    "diagnoses": "diagnosis", "criteria": "criterion", "phenomena": "phenomenon", "indices": "index",
    "appendices": "appendix", "matrices": "matrix", "vertices": "vertex",
}
EN_SIBILANT_ES = ("sses", "shes", "ches", "xes", "zes")


def english(word: str) -> str:
    """Singular of an English noun (or the word itself): survivors -> survivor, policies -> policy,
    matches -> match, halves -> half. Verbs keep their endings: abused is not abuse's plural, and
    grooming is not groom."""
    irregular = EN_IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    if len(word) > 4 and word.endswith("ie"):  # cookie, cookies: the -ie and -y nouns share the key
        return word[:-2] + "y"
    if len(word) < 4 or word[-1] != "s" or word[-2] in "su'" or word.endswith("sis"):  # status, analysis
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(EN_SIBILANT_ES):
        return word[:-2]
    return word[:-1]


# French feminine endings and their masculine (rule 4 writes both genders; rule 2 joins them).
FR_FEMININE = (("trice", "teur"), ("euse", "eur"), ("ère", "er"), ("ive", "if"), ("elle", "el"),
               ("enne", "en"), ("onne", "on"), ("ette", "et"), ("eille", "eil"))


def french(word: str) -> str:
    """The masculine singular of a French noun or adjective: survivantes -> survivant,
    modératrices -> modérateur, chevaux -> cheval, armées -> armé. Only number and gender:
    survivre, modération and pédopornographique keep their own keys."""
    if len(word) > 4 and word.endswith("aux") and not word.endswith("eaux"):
        word = word[:-3] + "al"
    elif len(word) > 3 and word[-1] in "sx" and word[-2] != "s":  # class, stress, express: no plural -s
        word = word[:-1]
    if len(word) > 5:
        for feminine, masculine in FR_FEMININE:
            if word.endswith(feminine):
                return word[: -len(feminine)] + masculine
    if len(word) > 4 and word[-1] == "e" and word[-2] not in "aeiouyè":
        return word[:-1]
    return word


# German case and number endings of nouns and adjectives (Savoy's light stemmer, step 1, as in
# Lucene's GermanLightStemmer): Kindern -> kind, Überlebenden -> überlebend, Parlaments ->
# parlament. Umlauts stay (schon is not schön); the feminine -innen is -in (Moderatorinnen).
DE_S_AFTER = frozenset("bdfghklmnt")
DE_NIS = ("nisse", "nissen", "nisses")


def german(word: str) -> str:
    """The inflection key of a German word: its case/number ending removed."""
    size = len(word)
    if size > 6 and word.endswith(DE_NIS):  # Verzeichnisse, Ergebnissen: -nis doubles its s
        return word[: word.rindex("nis") + 3]
    if size > 7 and word.endswith("innen"):
        return word[:-3]
    if size > 5 and word.endswith("ern"):
        return word[:-3]
    if size > 4 and word[-2] == "e" and word[-1] in "mnrs":
        return word[:-2]
    if size > 3 and word[-1] == "e":
        return word[:-1]
    if size > 3 and word[-1] == "s" and word[-2] in DE_S_AFTER:
        return word[:-1]
    return word


KEYS: dict[str, Callable[[str], str]] = {"en": english, "fr": french, "de": german}


def inflection_for(lang: str | None) -> Callable[[str], str]:
    """The inflection-key function of `lang`; a language without one compares whole words."""
    return KEYS.get((lang or "").split("_")[0], _same)


def _same(word: str) -> str:
    return word
