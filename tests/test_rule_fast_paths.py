"""The entry rules' clean-message fast paths change no finding (issue 7).

Most messages hold no directive, no markup and nothing a default ttk check looks at; the rules
decide so from a few substring tests instead of parsing. Each shortcut is checked two ways: the
whole rule set (`--select ALL`) finds the same on real catalogs with every shortcut switched off,
and each shortcut agrees with the reference it stands for on generated text.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import findings_of
from i18n_check.catalog import Entry, load_catalog
from i18n_check.languages import base_language
from i18n_check.errors import InputError
from i18n_check.rules import Context, entry_checks, markup, placeholders, ttk
from i18n_check.rules.select import select_rules
from i18n_check.rules.standard import BY_NAME
from i18n_check.rules.ttk import EDGES, MIDDLE, RAW_SAFE, TRIGGERS, EntryRun, edges_quiet, middle_quiet

HERE = Path(__file__).parent
REAL = sorted(HERE.joinpath("realdata").rglob("*.po"))
FIXTURES = sorted(HERE.joinpath("fixtures").rglob("*.po"))
ENTRY_RULES = [r for r in select_rules(["ALL"]) if r.scope == "entry" and r.family != "glossary"]


def findings(catalogs, monkeypatch, shortcuts: bool) -> list:
    """The entry rules' findings on the catalogs, with or without every clean-message shortcut."""
    with monkeypatch.context() as patch:
        if not shortcuts:
            patch.setattr(placeholders, "may_hold_directives", lambda text: True)
            patch.setattr(markup, "may_hold_markup", lambda text: True)
        return [f for catalog in catalogs for f in findings_of(catalog, ENTRY_RULES, name=str(catalog.path), ttk_triggers=shortcuts)]


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


@pytest.mark.parametrize("selection", [["ALL"], None, ["endpunc", "placeholder", "numbers", "simplecaps", "fuzzy"]])
def test_ttk_rules_run_together_find_what_they_find_one_by_one(selection):
    """entry_checks makes one call of the ttk rules; the findings are those of each rule called in turn."""
    rules = [r for r in select_rules(selection) if r.scope == "entry" and r.family != "glossary"]
    assert len(entry_checks(rules)) == len([r for r in rules if r.family != "ttk"]) + 1
    for path in REAL:
        catalog = load_catalog(path)
        ctx = Context(catalog=catalog, language=base_language(catalog.language), catalog_name="x")
        for entry in (e for e in catalog.entries if e.msgid):
            one_by_one = [f for rule in rules for f in rule.check(entry, ctx)]
            assert [f for check in entry_checks(rules) for f in check(entry, ctx)] == one_by_one


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
    if ttk._hides_nothing(text):
        assert ttk.opaque(text, list(ttk.DIRECTIVES), {}) == text


@pytest.mark.parametrize("flags", [(), ("python-format",), ("c-format",), ("python-brace-format",), ("fuzzy",)])
def test_clean_entries_have_no_finding_whatever_their_flags(flags):
    from i18n_check.catalog import Catalog

    catalog = Catalog.create("fr.po", Entry("", ("Language: fr\nPlural-Forms: nplurals=2; plural=(n > 1);\n",)),
                             [Entry("Survivors speak out", ("Les survivantes prennent la parole",), line=3, flags=flags)])
    assert [f.rule for f in findings_of(catalog, ENTRY_RULES, name="x")] == (["fuzzy"] if flags == ("fuzzy",) else [])


# --- python_directives reads flags, width, precision and size with one regex --------------------

def reference_python_directives(text: str):
    """python_directives as it was written first, one character at a time (the reference)."""
    from i18n_check.formats import PYTHON_CONVERSIONS, Directive, FormatError

    named = unnamed = 0
    i, n = 0, len(text)
    while (i := text.find("%", i)) >= 0:
        start, i = i, i + 1
        name = None
        if i < n and text[i] == "(":
            depth, j = 0, i + 1
            while j < n and not (text[j] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            if j >= n:
                raise FormatError(f"unterminated placeholder at {text[start:start + 12]!r}")
            name, i = text[i + 1:j], j + 1
        flags_start = i
        while i < n and text[i] in "-+ #0":
            i += 1
        flags = text[flags_start:i]
        width = "*" if text[i:i + 1] == "*" else re.match(r"\d*", text[i:]).group()
        i += len(width)
        precision = None
        if text[i:i + 1] == ".":
            precision = "*" if text[i + 1:i + 2] == "*" else re.match(r"\d*", text[i + 1:]).group()
            i += 1 + len(precision)
        size = text[i] if text[i:i + 1] in ("h", "l", "L") else ""
        i += len(size)
        if i >= n:
            raise FormatError(f"unterminated placeholder at {text[start:]!r}")
        conversion = text[i]
        i += 1
        if conversion not in PYTHON_CONVERSIONS:
            raise FormatError(f"unknown conversion {conversion!r} in {text[start:i]!r}")
        unnamed += (width == "*") + (precision == "*")
        if name is not None:
            named += 1
        elif conversion != "%":
            unnamed += 1
        if named and unnamed:
            raise FormatError("mixes named and positional placeholders")
        yield Directive(start, i, conversion, name, flags, width, precision, size)


def parsed(parse, text: str):
    from i18n_check.formats import FormatError

    try:
        return list(parse(text))
    except FormatError as error:
        return str(error)


FORMAT_PIECES = ["%", "(", ")", "(name)", "((a)b)", "-", "+", " ", "#", "0", "5", "12", "٣", "*", ".", "h", "l", "L",
                 "s", "d", "r", "%", "F", "y", "a", "é", "x"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FORMAT_PIECES), max_size=12).map("".join))
def test_python_directives_agree_with_the_reference(text):
    from i18n_check.formats import python_directives

    assert parsed(python_directives, text) == parsed(reference_python_directives, text)


def test_python_directives_agree_on_real_text():
    from i18n_check.formats import python_directives

    texts = {t for path in REAL for e in load_catalog(path).entries for t in (e.msgid, e.msgid_plural or "", *e.msgstr) if "%" in t}
    assert len(texts) > 300
    for text in texts:
        assert parsed(python_directives, text) == parsed(reference_python_directives, text), text


def test_every_ttk_rule_is_a_check_the_fast_path_knows():
    """An entry with nothing to check has every check dead (ttk.ALL_CHECKS): the table's checks all among them."""
    assert set(BY_NAME) <= ttk.ALL_CHECKS
