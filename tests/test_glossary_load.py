"""Loading glossary.yaml: a valid one becomes the model; every malformed one is an InputError
naming file:line:column and what to write instead (CONTRACT §3)."""

from __future__ import annotations

import time

import pytest

from conftest import FIXTURES
from i18n_check.errors import InputError
from i18n_check.glossary import load_glossary
from i18n_check.glossary.index import GlossaryIndex

HEAD = "version: 1\nsource: en\nlanguages: [fr, de]\nconcepts:\n"
HEAD2 = HEAD.replace("version: 1", "version: 2")

# (case id, YAML text, line, column, words the message must hold)
MALFORMED = [
    ("unknown top key", "version: 1\nconcept:\n  - id: a\n", 2, 1, "unknown key 'concept' in the glossary; did you mean 'concepts'?"),
    ("missing version", "languages: [fr]\nconcepts: []\n", 1, 1, "missing 'version'"),
    ("unsupported version", "version: 3\n", 1, 10, "unsupported glossary version '3'; this tool reads versions 1 and 2"),
    ("version a list", "version: [2]\n", 1, 10, "unsupported glossary version 'a list'"),
    ("bad id", HEAD + "  - id: Survivor Term\n    en: [survivor]\n", 5, 9, "write 'survivor-term'"),
    ("id not a string", HEAD + "  - id: 12\n", 5, 9, "'id' must be a string, but this is read as a number; quote it: '12'"),
    ("missing id", HEAD + "  - en: [survivor]\n", 5, 5, "concept without 'id'"),
    ("duplicate id", HEAD + "  - id: survivor\n    en: [survivor]\n  - id: survivor\n    en: [survivors]\n", 7, 5, "duplicate concept id 'survivor' (first at line 5)"),
    ("preferred and forbidden", HEAD + "  - id: survivor\n    fr:\n      preferred: [survivante]\n      forbidden: [Survivante]\n", 8, 19, "is both preferred/admitted and forbidden"),
    ("listed twice", HEAD + "  - id: survivor\n    fr:\n      preferred: [survivante]\n      admitted: [survivante]\n", 8, 18, "listed twice (preferred and admitted)"),
    ("undeclared language", HEAD + "  - id: survivor\n    es: [superviviente]\n", 6, 5, "language 'es' is not declared in 'languages' (declared: fr, de); add it there"),
    ("term is a number", HEAD + "  - id: year\n    fr: [2020]\n", 6, 10, "read as a number"),
    ("term is a boolean", HEAD + "  - id: answers\n    fr: [non, yes]\n", 6, 15, "read as a boolean; quote it: 'yes'"),
    ("term is a list", HEAD + "  - id: survivor\n    fr: [[survivante]]\n", 6, 10, "a term in 'fr' is a list"),
    ("term mapping without term", HEAD + "  - id: libe\n    en: [{case_sensitive: true}]\n", 6, 10, "term mapping without 'term'"),
    ("unknown term key", HEAD + "  - id: libe\n    en: [{term: LIBE, case_sensitve: true}]\n", 6, 23, "did you mean 'case_sensitive'?"),
    ("term option not a bool", HEAD + "  - id: libe\n    en: [{term: LIBE, exact: maybe}]\n", 6, 30, "'exact' must be true or false"),
    ("unknown status", HEAD + "  - id: survivor\n    fr:\n      prefered: [survivante]\n", 7, 7, "unknown key 'prefered' in 'fr'; did you mean 'preferred'?"),
    ("unknown concept key", HEAD + "  - id: survivor\n    notes: x\n", 6, 5, "did you mean 'note'?"),
    ("duplicate key", HEAD + "  - id: survivor\n    en: [survivor]\n    en: [survivors]\n", 7, 5, "duplicate key 'en' (first at line 6)"),
    ("empty term", HEAD + "  - id: survivor\n    fr: ['  ']\n", 6, 10, "empty term"),
    ("dnt without source terms", HEAD + "  - id: photodna\n    dnt: true\n", 6, 10, "needs its source terms"),
    ("dnt not a bool", HEAD + "  - id: photodna\n    en: [PhotoDNA]\n    dnt: oui\n", 7, 10, "'dnt' must be true or false"),
    ("source among targets", "version: 1\nsource: en\nlanguages: [fr, en]\n", 3, 17, "'en' is the source language"),
    ("bad language code", "version: 1\nlanguages: [French]\n", 2, 13, "is not a language code"),
    ("language twice", "version: 1\nlanguages: [fr, fr]\n", 2, 17, "listed twice"),
    ("concepts not a list", "version: 1\nconcepts: {id: a}\n", 2, 11, "'concepts' must be a list"),
    ("alias", HEAD + "  - id: survivor\n    fr: &terms [survivante]\n    de: *terms\n", 6, 9, "anchors and aliases"),
    ("python tag", HEAD + "  - id: survivor\n    note: !!python/object/apply:os.system [ls]\n", 6, 11, "YAML tag"),
    ("custom tag", HEAD + "  - id: survivor\n    note: !secret x\n", 6, 11, "YAML tag '!secret' is not allowed"),
    ("invalid YAML", HEAD + "  - id: survivor\n    en: [survivor\n", 7, 1, "invalid YAML"),
    ("two documents", "version: 1\n---\nversion: 1\n", 2, 1, "invalid YAML"),
    ("tab indentation", HEAD + "  - id: survivor\n\ten: [survivor]\n", 6, 1, "tab used for indentation"),
    ("empty file", "# nothing yet\n", None, None, "the glossary is empty"),
    ("top level is a list", "- version: 1\n", 1, 1, "the glossary must be a mapping"),
    # Version 2 (CONTRACT §3): the source language's block, and citations.
    ("source mapping in version 1", HEAD + "  - id: csam\n    en: {forbidden: [child pornography]}\n", 6, 9,
     "'en' as preferred/admitted/forbidden needs glossary version 2; write 'version: 2'"),
    ("citations in version 1", "version: 1\ncitations: {en: [Directive 2011/93/EU]}\n", 2, 1, "'citations' needs glossary version 2"),
    ("source term also source forbidden", HEAD2 + "  - id: csam\n    en:\n      preferred: [CSAM]\n      forbidden: [csam]\n", 8, 19,
     "term 'csam' in 'en' is both preferred/admitted and forbidden"),
    ("source admitted also forbidden", HEAD2 + "  - id: csam\n    en:\n      admitted: [child porn]\n      forbidden: [child porn]\n", 8, 19,
     "both preferred/admitted and forbidden"),
    ("unknown source status", HEAD2 + "  - id: csam\n    en:\n      rejected: [child pornography]\n", 7, 7,
     "unknown key 'rejected' in 'en'; expected one of: preferred, admitted, forbidden"),
    ("source forbidden not a list of terms", HEAD2 + "  - id: csam\n    en:\n      forbidden: {a: b}\n", 7, 18, "'en.forbidden' must be a list"),
    ("dnt with only a source ban", HEAD2 + "  - id: photodna\n    dnt: true\n    en: {forbidden: [Photo DNA]}\n", 6, 10, "needs its source terms"),
    ("citations not a mapping", "version: 2\ncitations: [Directive 2011/93/EU]\n", 2, 12, "'citations' must be a mapping"),
    ("citations in an undeclared language", "version: 2\nlanguages: [fr]\ncitations:\n  es: [Directiva 2011/93/UE]\n", 4, 3,
     "citations in language 'es', which is neither the source language nor declared in 'languages' (known: en, fr)"),
    ("citation not a string", "version: 2\nlanguages: [fr]\ncitations:\n  fr: [2011]\n", 4, 8, "a citation in 'citations.fr' must be a string"),
    ("citation a mapping", "version: 2\nlanguages: [fr]\ncitations:\n  fr: [{term: x}]\n", 4, 8, "a citation in 'citations.fr' must be a string"),
    ("empty citation", "version: 2\nlanguages: [fr]\ncitations:\n  fr: ['  ']\n", 4, 8, "empty citation"),
    ("citation listed twice", "version: 2\nlanguages: [fr]\ncitations:\n  fr:\n    - Alliance  mondiale\n    - alliance mondiale\n", 6, 7,
     "citation 'alliance mondiale' is listed twice in 'citations.fr' (first at line 5)"),
    ("citations a string per language", "version: 2\nlanguages: [fr]\ncitations:\n  fr: {a: b}\n", 4, 7, "'citations.fr' must be a list"),
    ("citation error before a concept error", HEAD2.replace("concepts:", "citations: {de: [x, x]}\nconcepts:") + "  - id: Bad\n", 4, 21,
     "listed twice"),
]


@pytest.mark.parametrize("text, line, column, words", [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_glossary_is_a_located_input_error(tmp_path, text, line, column, words):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_glossary(path)
    error = caught.value
    assert error.path == str(path)
    assert (error.line, error.column) == (line, column), str(error)
    assert words in error.reason


def test_non_utf8_bytes_are_located(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(HEAD.encode() + "  - id: survivor\n    fr: [rescap\xe9]\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_glossary(path)
    assert (caught.value.line, caught.value.column) == (6, 16)
    assert "not UTF-8 (byte 0xe9)" in caught.value.reason


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="glossary file not found"):
        load_glossary(tmp_path / "nowhere.yaml")


def test_alias_bomb_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(InputError, match="anchors and aliases|must be"):
        load_glossary(FIXTURES / "glossary" / "alias-bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_nested_monster_is_refused_quickly(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("version: 1\nconcepts: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputError):
        load_glossary(path)
    assert time.perf_counter() - started < 2.0


def test_valid_glossary_becomes_the_model():
    g = load_glossary(FIXTURES / "glossary" / "campaign.yaml")
    assert (g.source, g.languages) == ("en", ("fr", "de"))
    survivor = g.concept("survivor")
    assert survivor.note == 'Always "survivor", never "victim".'
    assert [t.text for t in survivor.source] == ["survivor"]
    fr = survivor.terms("fr")
    assert [t.text for t in fr.preferred] == ["survivante", "survivant"]
    assert [t.text for t in fr.admitted] == ["personne survivante"]
    assert [t.text for t in fr.forbidden] == ["rescapée", "rescapé"]
    assert (fr.preferred[0].line, fr.preferred[0].column) == (10, 19)
    libe = g.concept("libe")
    assert libe.source[1].text == "LIBE" and libe.source[1].case_sensitive and not libe.source[1].exact
    assert g.concept("photodna").dnt and g.concept("photodna").terms("fr").allowed == ()
    assert [t.text for t in g.concept("abuse").terms("de").preferred] == ["Missbrauch"]  # a plain list is preferred


V2_GLOSSARY = """\
version: 2
source: en
languages: [fr, de]
concepts:
  - id: csam
    en:
      preferred: [child sexual abuse material, {term: CSAM, case_sensitive: true, exact: true}]
      admitted: [child sexual abuse images]
      forbidden: [child pornography]
    fr:
      preferred: [images d'abus pédosexuels]
      forbidden: [pédopornographie]
  - id: survivor
    en: [survivor]
    fr: [survivante]
  - id: ban-only
    en: {forbidden: [kiddie porn]}
    de: {forbidden: [Kinderporno]}
citations:
  en: [Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of children and child pornography]
  fr:
    - Alliance mondiale contre la pédopornographie
  de: Richtlinie 2011/93/EU
"""


def test_version_2_glossary_becomes_the_model(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(V2_GLOSSARY, encoding="utf-8")
    g = load_glossary(path)
    csam = g.concept("csam")
    # The source terms are the source language's preferred, then admitted terms.
    assert [t.text for t in csam.source] == ["child sexual abuse material", "CSAM", "child sexual abuse images"]
    assert [t.text for t in csam.source_forbidden] == ["child pornography"]
    assert (csam.source_forbidden[0].line, csam.source_forbidden[0].column) == (9, 19)
    assert [t.text for t in g.concept("survivor").source] == ["survivor"]  # a plain list is preferred, as in version 1
    ban = g.concept("ban-only")
    assert ban.source == () and [t.text for t in ban.source_forbidden] == ["kiddie porn"]
    assert {lang: [c.text for c in cs] for lang, cs in g.citations.items()} == {
        "en": ["Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of children and child pornography"],
        "fr": ["Alliance mondiale contre la pédopornographie"],
        "de": ["Richtlinie 2011/93/EU"],
    }
    assert (g.citations["fr"][0].line, g.citations["fr"][0].column) == (22, 7)
    # The matcher finds the rejected source wording in msgids, as SOURCE_FORBIDDEN.
    found = {(m.concept, m.status, m.text) for m in GlossaryIndex(g).find("No more child pornography, kiddie porn: say child sexual abuse material.", "en")}
    assert found == {("csam", "source-forbidden", "child pornography"), ("ban-only", "source-forbidden", "kiddie porn"),
                     ("csam", "source", "child sexual abuse material")}


def test_version_1_glossary_means_what_it_meant():
    g = load_glossary(FIXTURES / "glossary" / "campaign.yaml")
    assert g.citations == {}
    assert all(c.source_forbidden == () and c.source_terms.admitted == () for c in g.concepts)
    assert {m.status for m in GlossaryIndex(g).find("survivors of child sexual abuse material", "en")} == {"source"}


def test_bundled_glossary_is_valid():
    from conftest import ROOT

    g = load_glossary(ROOT / "glossary.yaml")
    assert "survivor" in g.by_id and g.languages == ("fr", "de")


def test_ten_thousand_concepts_load_fast(tmp_path):
    lines = [HEAD]
    for i in range(10_000):
        lines.append(f"  - id: c{i}\n    note: concept {i}\n    en: [term{i}, other term{i}]\n"
                     f"    fr:\n      preferred: [terme{i}]\n      forbidden: [mauvais{i}]\n    de: [Begriff{i}]\n")
    path = tmp_path / "big.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    started = time.process_time()  # CPU time: other work on a 2-core machine must not fail this test
    g = load_glossary(path)
    elapsed = time.process_time() - started
    assert len(g.concepts) == 10_000
    assert elapsed < 2.0, f"10,000 concepts took {elapsed:.2f}s of CPU to load"
