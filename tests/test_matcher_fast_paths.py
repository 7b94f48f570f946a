"""The matcher's quick paths give what the whole tokenizer gives (issue 7).

`Matcher.find` reads a text chunk by chunk (what lies between two spaces, each worked out once
however often it recurs) and walks the trie only for a term going on into the next chunk, and
`may_hold` answers "can a term of these statuses occur?" from one dict lookup per word. Both are
checked here against the reference, `Matcher.find_whole` (every token of the text walked through
the trie, nothing remembered), on every message of the real catalogs and on random texts made of real words,
glossary terms, placeholders, elisions, inclusive forms, markup and sentence punctuation.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_check.catalog import load_catalog
from i18n_check.glossary import load_glossary
from i18n_check.glossary.index import GlossaryIndex
from i18n_check.glossary.model import ADMITTED, DNT, FORBIDDEN, PREFERRED, SOURCE
from i18n_check.glossary.text import normalise

GLOSSARIES = [GlossaryIndex(load_glossary(ROOT / "glossary.yaml")), GlossaryIndex(load_glossary(FIXTURES / "glossary" / "campaign.yaml"))]
REALDATA = ROOT / "tests" / "realdata"
STATUSES = (SOURCE, PREFERRED, ADMITTED, FORBIDDEN, DNT)


def reference_find(matcher, text: str):
    """`matcher.find(text)` with every token of the text walked through the trie, no quick path."""
    return matcher.find_whole(text)


def assert_same(glossary, lang: str, text: str) -> None:
    matcher = glossary.matcher(lang)
    expected = reference_find(matcher, text)
    assert matcher.find(text) == expected, text
    normal = normalise(text)[0]
    for status in STATUSES:
        if any(m.status == status for m in expected):
            assert matcher.may_hold(normal, frozenset({status})), (status, text)
            assert matcher.find(text, frozenset({status})) == expected, (status, text)
        else:  # nothing of that status: at once, or every match there is
            assert matcher.find(text, frozenset({status})) in ([], expected), (status, text)


def real_texts() -> list[tuple[str, str]]:
    """(language, text) for every msgid and msgstr of the real catalogs."""
    texts = []
    for path in sorted(REALDATA.rglob("*.po")):
        catalog = load_catalog(path)
        lang = catalog.language.split("_")[0]
        for entry in catalog.entries:
            texts += [("en", s) for s in entry.sources] + [(lang, s) for s in entry.msgstr]
    return texts


@pytest.mark.parametrize("glossary", GLOSSARIES, ids=["bundled", "fixture"])
def test_quick_paths_agree_with_the_whole_tokenizer_on_real_catalogs(glossary):
    texts = real_texts()
    assert len(texts) > 3000
    for lang, text in texts:
        assert_same(glossary, lang, text)


def terms_of(lang: str) -> list[str]:
    found = set()
    for glossary in GLOSSARIES:
        for concept in glossary.glossary.concepts:
            found.update(t.text for t in concept.source)
            if lang in concept.languages:
                found.update(t.text for _status, t in concept.languages[lang].by_status())
    return sorted(found | {t.lower() for t in found} | {t.upper() for t in found})  # case-sensitive terms miscased too


WORDS = {
    lang: sorted({w for _l, text in real_texts() if _l == lang for w in re.findall(r"[^\W_]+", text)})[:3000]
    for lang in ("en", "fr", "de")
}
# What may sit between or against words: spaces, stops, placeholders, tags, entities, URLs, joiners, inclusive marks.
GLUE = [" ", " ", " ", ", ", ". ", "! ", " : ", ";", "\n", "\n\n", "-", "'", "’", "·", "·e·s ", ".e.s ", "(e)s ", "-e-s ",
        "*innen ", ":innen ", "Innen ", "%s", "%(name)s", "%d", " %", "{0}", "{name}", "{{ var }}", "<b>", "</b>", "<br/>",
        "&amp;", "&nbsp;", " https://example.org/x ", " a@b.org ", "\u00ad", "\u00a0", "l'", "d’", "qu'", "_", "1"]


@st.composite
def texts(draw, lang: str):
    pool = WORDS[lang] + terms_of(lang)
    pieces = draw(st.lists(st.one_of(st.sampled_from(pool), st.sampled_from(GLUE)), min_size=0, max_size=30))
    # A term of several words, its words held apart by what may or may not break a run.
    words = draw(st.sampled_from([t for t in terms_of(lang) if " " in t])).split(" ")
    glue = draw(st.lists(st.sampled_from(GLUE), min_size=len(words) - 1, max_size=len(words) - 1))
    term = words[0] + "".join(g + w for g, w in zip(glue, words[1:]))
    pieces.insert(draw(st.integers(0, len(pieces))), f" {term} ")
    return "".join(pieces)


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_quick_paths_agree_with_the_whole_tokenizer_on_random_texts(lang, data):
    text = data.draw(texts(lang))
    for glossary in GLOSSARIES:
        assert_same(glossary, lang, text)
