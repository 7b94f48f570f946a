"""CONTRACT §3's matching rules 1-10 as data: one table per rule, in English, French and German,
each with the near misses that must not match; one parametrized runner.

A case is (language, text, term, expected): does `text` hold the glossary term written `term`
(tests/fixtures/glossary/matching.yaml)? Rules 9 and 10 are about entries, not texts: their
tables hold (msgid, msgid_plural, msgstr forms, language, expected glossary-missing concepts).
"""

from __future__ import annotations

import unicodedata

import pytest

from conftest import FIXTURES
from i18n_check.catalog import Catalog, Entry
from i18n_check.glossary import load_glossary
from i18n_check.glossary.index import GlossaryIndex
from i18n_check.glossary.matcher import Matcher
from i18n_check.glossary.model import FORBIDDEN, SOURCE_FORBIDDEN, Term
from i18n_check.rules.base import Context
from i18n_check.rules.glossary import missing

from pathlib import Path

GLOSSARY = GlossaryIndex(load_glossary(FIXTURES / "glossary" / "matching.yaml"))

RULE1 = [  # NFC, case, apostrophes, spaces, dashes
    ("fr", "des images d’abus pédosexuels", "images d'abus pédosexuels", True),
    ("fr", "des images dʼabus pédosexuels", "images d'abus pédosexuels", True),
    ("fr", unicodedata.normalize("NFD", "la pédopornographie"), "pédopornographie", True),
    ("fr", "LA PÉDOPORNOGRAPHIE", "pédopornographie", True),
    ("fr", "la commission\u202fLIBE", "commission LIBE", True),
    ("de", "ÜBERLEBENDE berichten", "Überlebende", True),
    ("de", "der LIBE\u2013Ausschuss", "LIBE-Ausschuss", True),
    ("en", "the LIBE vote", "LIBE", True),
    ("en", "the Libe vote", "LIBE", False),               # case_sensitive
    ("en", "the CSAMs hash", "CSAM", False),              # exact: no inflection
]

RULE2 = [  # inflected forms of the term's own words, and only those
    ("en", "Survivors speak", "survivor", True),
    ("en", "both halves", "half", True),
    ("en", "their wives", "wife", True),
    ("en", "two commissions", "commission", True),
    ("en", "to survive", "survivor", False),
    ("en", "survival", "survivor", False),
    ("en", "content moderation", "moderator", False),
    ("en", "the moderators", "moderation", False),
    ("en", "abused", "abuse", False),                     # the verb's participle, not the noun's form
    ("en", "disabuse", "abuse", False),
    ("fr", "les survivantes", "survivante", True),
    ("fr", "les survivants", "survivante", True),
    ("fr", "deux commissions", "commission", True),
    ("fr", "les conflits armés", "conflit armé", True),
    ("fr", "les modératrices", "modérateur", True),
    ("fr", "les enquêteurs", "survivant", False),
    ("fr", "survivre à l'abus", "survivant", False),
    ("fr", "ils survivent", "survivant", False),
    ("fr", "la modération", "modérateur", False),
    ("fr", "les modérateurs", "modération", False),
    ("de", "den Überlebenden", "Überlebende", True),
    ("de", "ein Überlebender", "Überlebende", True),
    ("de", "die Missbrauchsdarstellungen", "Missbrauchsdarstellung", True),
    ("de", "bewaffneten Konflikten", "bewaffneter Konflikt", True),
    ("de", "die Moderatorinnen", "Moderatorin", True),
    ("de", "überleben", "Überlebende", False),
    ("de", "sie überlebten", "Überlebende", False),
    ("de", "die Moderation", "Moderator", False),
    ("de", "die Moderatoren", "Moderation", False),
]

RULE3 = [  # runs of words; elision and the possessive split off
    ("fr", "des images, d'abus « pédosexuels »", "images d'abus pédosexuels", True),
    ("fr", "des images d'abus\npédosexuels", "images d'abus pédosexuels", True),
    ("fr", "des images d'abus <b>pédosexuels</b>", "images d'abus pédosexuels", True),
    ("fr", "des images d'abus<br>pédosexuels", "images d'abus pédosexuels", True),
    ("fr", "des images. D'abus pédosexuels", "images d'abus pédosexuels", False),
    ("fr", "des images %s d'abus pédosexuels", "images d'abus pédosexuels", False),
    ("fr", "des images https://x.org d'abus pédosexuels", "images d'abus pédosexuels", False),
    ("fr", "lorsqu’un enfant", "enfant", True),
    ("fr", "d'enfance", "enfant", False),
    ("en", "the EU's rules", "EU", True),
    ("en", "the EU’s rules", "EU", True),
    ("en", "C3P’s report", "C3P", True),
    ("en", "LIBE's vote", "LIBE", True),
    ("en", "the survivors’ voices", "survivor", True),
    ("en", "child <em>sexual</em> abuse material", "child sexual abuse material", True),
    ("en", "child sexual abuse: material", "child sexual abuse material", False),
    ("en", "the EUs", "EU", False),
    ("de", "Darstellungen „sexuellen“ Kindesmissbrauchs", "Darstellungen sexuellen Kindesmissbrauchs", True),
    ("de", "Darstellungen sexuellen. Kindesmissbrauchs", "Darstellungen sexuellen Kindesmissbrauchs", False),
]

RULE4 = [  # inclusive forms, with every middle-dot look-alike
    ("fr", "les survivant·e·s", "survivante", True),
    ("fr", "les survivantꞏes", "survivante", True),
    ("fr", "les survivant‧e‧s", "survivante", True),
    ("fr", "les survivant•e•s", "survivante", True),
    ("fr", "les survivant⋅e⋅s", "survivante", True),
    ("fr", "les survivant.e.s", "survivante", True),
    ("fr", "les survivant(e)s", "survivante", True),
    ("fr", "les survivant-e-s", "survivante", True),
    ("fr", "les Survivant·es", "survivant", True),
    ("fr", "les modérateur·rice·s", "modératrice", True),
    ("fr", "les modérateurꞏriceꞏs", "modérateur", True),
    ("fr", "la modération·s", "modérateur", False),
    ("de", "die Moderator*innen", "Moderatorin", True),
    ("de", "die Moderator:innen", "Moderatorin", True),
    ("de", "die Moderator_innen", "Moderator", True),
    ("de", "die ModeratorInnen", "Moderatorin", True),
    ("de", "die Moderation*innen", "Moderator", False),
]

RULE5 = [  # German compounds: first or last part, any inflected form, linking s/es
    ("de", "Missbrauchsdarstellungen", "Darstellung", True),
    ("de", "Missbrauchsdarstellungen", "Missbrauch", True),
    ("de", "Missbrauchsdarstellungsdateien", "Missbrauchsdarstellung", True),
    ("de", "Überlebendenberatung", "Überlebende", True),
    ("de", "das Kinderpornografieverbot", "Kinderpornografie", True),
    ("de", "das Kinderpornografieverbot", "Kinderporno", False),   # the first part is Kinderpornografie
    ("de", "Kinderschutz", "Kind", True),
    ("de", "die Europaparlamentswahl", "Europäisches Parlament", False),  # multi-word: never inside a word
    ("de", "das Europaparlament", "Europäisches Parlament", False),
    ("de", "Kindesmissbrauchsbekämpfung", "Missbrauch", False),    # a middle part
    ("de", "die Vorstellung", "Darstellung", False),
    ("de", "der Überlebenskampf", "Überlebende", False),
    ("fr", "antiabus", "abus", False),                             # French has no such compounds
]

RULE6 = [  # hyphen and solid variants, both ways; suspended hyphens
    ("fr", "la plate-forme", "plate-forme", True),
    ("fr", "les plates-formes", "plate-forme", True),
    ("fr", "la plateforme", "plate-forme", True),
    ("fr", "les plateformes", "plate-forme", True),
    ("fr", "la plate forme", "plate-forme", True),
    ("fr", "la pédo-pornographie", "pédopornographie", True),
    ("de", "der Messengerdienst", "Messenger-Dienst", True),
    ("de", "die Messengerdienste", "Messenger-Dienst", True),
    ("de", "der Messenger-Dienst", "Messenger-Dienst", True),
    ("de", "die Missbrauchs-abbildungen", "Missbrauchsabbildungen", True),
    ("de", "der EU-Parlamentsausschuss", "EU-Parlament", True),
    ("de", "der LIBE-Ausschussvorsitz", "LIBE-Ausschuss", True),
    ("de", "Kinder- und Jugendpornografie", "Kinderpornografie", True),
    ("de", "Kinder-, Jugend- und Tierpornografie", "Kinderpornografie", True),
    ("de", "(Kinder-)Pornografie", "Kinderpornografie", True),
    ("de", "Kinder- und Jugendschutz", "Kinderpornografie", False),
    ("de", "Photo-DNA", "PhotoDNA", False),                        # do not translate: no variant
    ("en", "a pre order", "preorder", False),                     # a space is not a hyphen
    ("en", "a pre-order", "preorder", True),
    ("en", "Photo-DNA", "PhotoDNA", False),
]

RULE7 = [  # markup, placeholders, URLs are not words
    ("fr", '<a href="/survivantes">lire</a>', "survivante", False),
    ("fr", "voir https://example.org/survivantes", "survivante", False),
    ("fr", "%(survivante)s", "survivante", False),
    ("fr", "{survivante}", "survivante", False),
    ("de", "schreiben Sie an kinderporno@example.org", "Kinderporno", False),
    ("de", "<strong>Überlebende</strong>", "Überlebende", True),
]

RULE8 = [  # never into a different word; a ban covers its family and prefixed words
    ("fr", "le libellé du texte", "commission LIBE", False),
    ("en", "the libellé", "LIBE", False),
    ("de", "der Kinderschutz", "Kinderporno", False),
    ("de", "die Pornografie", "Kinderpornografie", False),
    ("fr", "contenus pédopornographiques", "pédopornographie", True),
    ("fr", "la cyberpédopornographie", "pédopornographie", True),
    ("fr", "la cyberpédopornographie", "abus", False),
    ("de", "kinderpornografisches Material", "Kinderpornografie", True),
    ("de", "kinderpornografische Inhalte", "Kinderpornografie", True),
    ("de", "die Cyberkinderpornografie", "Kinderpornografie", True),
    ("fr", "les rescapées", "rescapé", True),
    ("fr", "le rescapement", "survivante", False),
    ("fr", "la pédiatrie", "pédopornographie", False),
    ("fr", "les survivantes", "rescapé", False),
    ("en", "a survivorship", "survivor", False),                  # not a ban: its own forms only
]

TABLES = {"1": RULE1, "2": RULE2, "3": RULE3, "4": RULE4, "5": RULE5, "6": RULE6, "7": RULE7, "8": RULE8}
CASES = [(rule, *case) for rule, table in TABLES.items() for case in table]


def holds(lang: str, text: str, term: str) -> bool:
    """True when `text` holds the glossary term written `term` (any concept, any status)."""
    matches = GLOSSARY.find(text, lang)
    for m in matches:
        assert text[m.start:m.end] == m.text
    return any(m.term.text == term for m in matches)


@pytest.mark.parametrize("rule, lang, text, term, expected", CASES,
                         ids=[f"rule{c[0]}-{c[1]}:{c[2][:40]}:{c[3]}" for c in CASES])
def test_matching_rule(rule, lang, text, term, expected):
    assert holds(lang, text, term) is expected


def test_every_rule_has_cases_in_french_and_german():
    for rule, table in TABLES.items():
        langs = {case[0] for case in table}
        assert {"fr", "de"} <= langs or rule == "7" and "fr" in langs, rule
        assert any(case[3] for case in table) and any(not case[3] for case in table), rule


@pytest.mark.parametrize("status", [FORBIDDEN, SOURCE_FORBIDDEN])
def test_every_banned_status_covers_the_family_and_prefixed_words(status):
    """Rule 8's exception holds for every status in BANNED: rejected source wording too."""
    matcher = Matcher("en", [("csam", status, Term("child pornography"), False), ("p", status, Term("pornography"), False)])
    texts = {"child pornographic images": "child pornography", "cyberpornography": "pornography"}
    for text, term in texts.items():
        assert any(m.term.text == term and m.status == status for m in matcher.find(text)), text
    assert [m.term.text for m in matcher.find("the pornographer")] == ["pornography"]  # derived from it
    assert "child pornography" not in [m.term.text for m in matcher.find("a pornographic child")]  # not a run


# Rule 9: each msgstr form is held to its own source form; msgctxt is never matched.
RULE9 = [
    ("Survivor", "Survivors", ("survivante", "victimes"), "fr", {"survivor": [1]}),
    ("One child", "%d survivors", ("un enfant", "%d survivantes"), "fr", {}),
    ("One child", "%d children", ("un enfant", "%d personnes"), "fr", {"child": [1]}),
    ("Survivor", "Survivors", ("Opfer", "Überlebende"), "de", {"survivor": [0]}),
]

# Rule 10: a source term inside a longer source term of another concept belongs to the longer one,
# unless the longer concept has no term in the target language.
RULE10 = [
    ("child sexual abuse material", "images d'abus pédosexuels", "fr", set()),
    ("child sexual abuse material", "Darstellungen sexuellen Kindesmissbrauchs", "de", set()),
    ("abuse of a child", "abus d'un mineur", "fr", {"child"}),
    ("the European Parliament", "le Parlement", "fr", {"parliament"}),
    ("a messaging service for the child", "ein Dienst für das Kind", "de", {"messenger"}),
]


def _missing(msgid, msgstr, lang, msgid_plural=None):
    catalog = Catalog(Path(f"{lang}.po"), lang, {}, ())
    ctx = Context(catalog, lang, f"{lang}.po", GLOSSARY)
    entry = Entry(msgid, tuple(msgstr), 3, msgid_plural=msgid_plural)
    return {f.concept: f for f in missing(entry, ctx)}


@pytest.mark.parametrize("msgid, plural, msgstr, lang, expected", RULE9)
def test_rule9_plural_forms_are_held_to_their_own_source_form(msgid, plural, msgstr, lang, expected):
    found = _missing(msgid, msgstr, lang, plural)
    assert set(found) == set(expected)
    for concept, indexes in expected.items():
        assert found[concept].message.endswith("(in " + ", ".join(f"msgstr[{i}]" for i in indexes) + ")")


@pytest.mark.parametrize("msgid, msgstr, lang, expected", RULE10)
def test_rule10_nested_source_terms(msgid, msgstr, lang, expected):
    assert set(_missing(msgid, [msgstr], lang)) == expected


def test_rule10_a_longer_term_without_target_terms_leaves_the_inner_one_its_own():
    """A longer concept with no French term leaves `child` its own; a do-not-translate name does
    not (a dnt concept has its source terms in every language)."""
    from i18n_check.glossary.load import parse_glossary

    glossary = parse_glossary(
        "version: 1\nlanguages: [fr]\nconcepts:\n"
        "  - id: child\n    en: [child]\n    fr: [enfant]\n"
        "  - id: cp\n    en: [Child Protection Alliance]\n    dnt: true\n"
        "  - id: csam\n    en: [child sexual abuse material]\n"
    )
    catalog = Catalog(Path("fr.po"), "fr", {}, ())
    ctx = Context(catalog, "fr", "fr.po", GlossaryIndex(glossary))
    # csam has no French term: its `child` asks for enfant.
    assert {f.concept for f in missing(Entry("child sexual abuse material", ("du matériel",), 3), ctx)} == {"child"}
    # the dnt name holds `child`: it asks nothing of its own (glossary-dnt checks the name).
    assert {f.concept for f in missing(Entry("the Child Protection Alliance", ("la Child Protection Alliance",), 3), ctx)} == set()


def test_lint_tells_words_apart_as_the_matcher_does():
    """glossary lint's duplicate and conflict checks use the matcher's keys (rules 2 and 8):
    moderation and moderator are two source terms; modérateurs is the word modérateur."""
    from i18n_check.glossary.lint import lint_glossary
    from i18n_check.glossary.load import parse_glossary

    glossary = parse_glossary(
        "version: 1\nlanguages: [fr]\nconcepts:\n"
        "  - id: moderation\n    en: [moderation]\n    fr: [modération]\n"
        "  - id: moderator\n    en: [moderator]\n    fr: [modérateur]\n"
        "  - id: x\n    fr: {forbidden: [modérateurs]}\n"
    )
    found = [(f.code, f.message) for f in lint_glossary(glossary)]
    assert [code for code, _ in found] == ["conflicting-status"]
    assert "concept moderator" in found[0][1]
