"""The entry rules' clean-message fast paths change no finding (issue 7).

Most messages hold no directive, no markup and nothing a default ttk check looks at; the rules
decide so from a few substring tests instead of parsing. Each shortcut is checked two ways: the
whole rule set (`--select ALL`) finds the same on real catalogs with every shortcut switched off,
and each shortcut agrees with the reference it stands for on generated text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_check.catalog import Entry, load_catalog
from i18n_check.check import check_catalog, select_rules
from i18n_check.errors import InputError
from i18n_check.rules import markup, placeholders, standard
from i18n_check.rules.standard import EDGES, MIDDLE, RAW_SAFE, TRIGGERS, EntryRun, edges_quiet, middle_quiet

HERE = Path(__file__).parent
REAL = sorted(HERE.joinpath("realdata").rglob("*.po"))
FIXTURES = sorted(HERE.joinpath("fixtures").rglob("*.po"))
ENTRY_RULES = [r for r in select_rules(["ALL"]) if r.scope == "entry" and r.family != "glossary"]


def findings(catalogs, monkeypatch, shortcuts: bool) -> list:
    """The entry rules' findings on the catalogs, with or without every clean-message shortcut."""
    with monkeypatch.context() as patch:
        if not shortcuts:
            patch.setattr(standard, "USE_TRIGGERS", [False])
            patch.setattr(placeholders, "may_hold_directives", lambda text: True)
            patch.setattr(markup, "may_hold_markup", lambda text: True)
        standard._current[0] = None
        found = [f for catalog in catalogs for f in check_catalog(catalog, ENTRY_RULES, name=str(catalog.path))]
        standard._current[0] = None
        return found


def test_every_entry_rule_finds_the_same_without_shortcuts(monkeypatch):
    """Real Django and Sphinx catalogs (fr, de, fuzzy, plural, untranslated) and the fixtures."""
    catalogs = []
    for path in [*REAL, *FIXTURES]:
        try:
            catalogs.append(load_catalog(path))
        except InputError:  # a fixture meant to be rejected
            pass
    fast = findings(catalogs, monkeypatch, True)
    assert fast == findings(catalogs, monkeypatch, False)
    assert {"placeholder", "markup", "endpunc", "endwhitespace", "untranslated", "fuzzy"} <= {f.rule for f in fast}


@pytest.mark.parametrize("lang", ["el", "ja", "de"])
def test_the_same_under_other_languages(lang, monkeypatch):
    """ja's punctranslate is not plain (no quiet edges); el has its own puncdict; de ignores simplecaps."""
    catalog = load_catalog(next(p for p in REAL if "sphinx" in p.parts and "fr" in p.parts))
    other = [dataclasses.replace(catalog, language=lang)]
    assert findings(other, monkeypatch, True) == findings(other, monkeypatch, False)


# --- each shortcut against its reference on generated text ----------------------------------------

PIECES = [
    "a", "B", "é", "word", "WORD", " ", "  ", "\t", "\n", "\u00a0", "\u202f", ".", "...", "…", ",", ":", ";",
    "!", "?", "#", "(", ")", "()", "[", "]", "](", "{", "}", "{{", "<", ">", "<b>", "</b>", "%", "%s", "%%",
    "%(n)d", "{name}", "'", '"', "«", "»", "-", "--", "/", "\\", "@", "http", "https://x.org", "www.", "ftp:",
    "2", "٣", "²", "#-#-#-#-#", "\ue000", "e\u0301",
]
texts = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, st.booleans())
def test_quiet_tests_agree_with_the_triggers(source, translation, plain):
    assert middle_quiet(source, translation) == (not any(TRIGGERS[n](source, translation, plain) for n in MIDDLE))
    if translation:  # EntryRun makes no pair of an empty form
        assert edges_quiet(source, translation, plain) == (not any(TRIGGERS[n](source, translation, plain) for n in EDGES))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, st.lists(texts, min_size=2, max_size=3), st.sampled_from(["fr", "de", "ja"]))
def test_a_dead_check_may_not_fail(source, translation, plural_forms, lang):
    """EntryRun.dead never names a check that may_fail says could fail (its per-check reference)."""
    for entry in (Entry(source or "x", (translation,)), Entry(source or "x", tuple(plural_forms), msgid_plural=translation)):
        fast, slow = EntryRun(entry, lang), EntryRun(entry, lang)
        slow.dead = frozenset()
        for name in fast.dead:
            assert not slow.may_fail(name), (name, entry)
        assert fast.dead <= RAW_SAFE or not fast.raw


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_text_without_hints_has_no_directive_nor_markup(text):
    if not placeholders.may_hold_directives(text):
        for parse in placeholders.PARSERS.values():
            assert parse(text) == placeholders.Directives()
    if not markup.may_hold_markup(text):
        assert not markup.tags(text) and not markup.links(text)
    if standard._hides_nothing(text):
        assert standard.opaque(text, list(standard.DIRECTIVES), {}) == text


@pytest.mark.parametrize("flags", [(), ("python-format",), ("c-format",), ("python-brace-format",), ("fuzzy",)])
def test_clean_entries_have_no_finding_whatever_their_flags(flags):
    from i18n_check.catalog import Catalog

    catalog = Catalog.create("fr.po", Entry("", ("Language: fr\nPlural-Forms: nplurals=2; plural=(n > 1);\n",)),
                             [Entry("Survivors speak out", ("Les survivantes prennent la parole",), line=3, flags=flags)])
    assert [f.rule for f in check_catalog(catalog, ENTRY_RULES, name="x")] == (["fuzzy"] if flags == ("fuzzy",) else [])
