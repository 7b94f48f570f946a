"""The fast paths change no result: ttk's checks skipped by their triggers, and the glossary's caches.

A trigger may say "cannot fail" only when translate-toolkit's check passes (numbers: when our
refinement rejects any failure), so every ttk check is run with and without triggers on the real
catalogs, and each trigger is checked against ttk itself on generated pairs rich in what the checks
look at: digits, URLs, e-mails, paths, options, quotes, punctuation, white space, opaque tokens.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import findings_of
from i18n_check.catalog import load_catalog
from i18n_check.rules import RULES
from i18n_check.rules.standard import digit_runs_differ
from i18n_check.rules.ttk import TRIGGERS, _failure, checker_for, plain_punctuation

REAL = sorted(Path(__file__).parent.joinpath("realdata").rglob("*.po"))
TTK = [r for r in RULES.values() if r.family == "ttk"]


def ttk_findings(catalog, triggers: bool) -> list:
    return findings_of(catalog, TTK, name="x", ttk_triggers=triggers)


@pytest.mark.parametrize("path", REAL, ids=lambda p: "/".join(p.parts[-5:]))
def test_every_ttk_check_finds_the_same_with_and_without_triggers(path):
    catalog = load_catalog(path)
    fast, slow = ttk_findings(catalog, True), ttk_findings(catalog, False)
    assert fast == slow
    assert len(slow) > 0  # every real catalog has some ttk finding: the comparison compares something


def test_real_catalogs_under_other_languages_find_the_same():
    """A language whose punctranslate is not plain (ja) takes the careful path; el has its own puncdict."""
    catalog = load_catalog(next(p for p in REAL if "sphinx" in p.parts and "fr" in p.parts))
    for lang in ("el", "ja"):
        other = dataclasses.replace(catalog, language=lang)
        assert ttk_findings(other, True) == ttk_findings(other, False)


def test_triggers_skip_most_real_pairs():
    """The point of triggers: most checks need not run on most real messages."""
    catalog = load_catalog(next(p for p in REAL if "admin" in p.parts and "fr" in p.parts))
    pairs = [(e.msgid, e.msgstr[0]) for e in catalog.entries if e.msgid and e.msgstr and e.msgstr[0]]
    skipped = sum(not TRIGGERS[name](s, t, True) for s, t in pairs for name in TRIGGERS)
    assert skipped > 0.8 * len(pairs) * len(TRIGGERS)


PIECES = [
    "a", "B", "é", "É", "word", "Word", "WORD", "EU", "x", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u202f",
    ".", "..", "...", "…", ",", ":", ";", "!", "?", "#", "(", ")", "()", "[", "]", "{", "}", "(s)", "'", '"',
    "`", "“", "”", "«", "»", "„", "-", "--", "--full", "--file=FILE", "/", "/etc/hosts", "\\", "\\n",
    "@", "help@example.org", "http", "https://example.org/a", "http:x", "www.example.org", "ftp:", "ftp://h/f",
    "2", "2.5", "85,000", "1.", "²", "٣", "C3P", "setup()", "a.b()", "_:", "#-#-#-#-#", "\ue000", "\ue001",
    "<b>", "</b>", "<Error>", "Σ", "İ", "ǅ", "ς",
]
pieces = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces, pieces, st.sampled_from(["fr", "de", "en", "el", "ja", "vi"]))
def test_a_trigger_says_cannot_fail_only_when_ttk_passes(source, translation, lang):
    checker, _ignored = checker_for(lang)
    plain = plain_punctuation(lang)
    for name, trigger in TRIGGERS.items():
        if trigger(source, translation, plain):
            continue
        checker.results_cache = {}
        failure = _failure(checker, name, source, translation)
        if name == "numbers":  # read off the refinement: no finding either way
            assert not (failure and digit_runs_differ(source, translation, lang)), (name, source, translation)
        else:
            assert failure is None, (name, source, translation, failure)


def test_trigger_examples():
    """Each check's own failing example triggers it (checked in the rule's language, French)."""
    from i18n_check.rules.standard import CHECKS

    for check in CHECKS:
        if check.name in TRIGGERS:
            assert TRIGGERS[check.name](*check.fail, True), check.name


# --- glossary: the word and msgid memos change no match -----------------------------------------

CAMPAIGN = Path(__file__).parent / "fixtures" / "glossary" / "campaign.yaml"


def glossary_findings(paths, memo: bool, monkeypatch) -> list:
    from i18n_check.glossary import index, load_glossary, matcher

    monkeypatch.setattr(matcher, "START_CACHE_LIMIT", 200_000 if memo else 0)
    monkeypatch.setattr(index, "SOURCE_CACHE_LIMIT", 200_000 if memo else 0)
    monkeypatch.setattr(index, "TRANSLATION_CACHE_LIMIT", 256 if memo else 0)
    glossary = index.GlossaryIndex(load_glossary(CAMPAIGN))
    rules = [r for r in RULES.values() if r.family == "glossary"]
    return [f for path in paths for f in findings_of(load_catalog(path), rules, glossary=glossary, name="x")]


def test_glossary_memos_change_no_finding(monkeypatch):
    """The real fr and de catalogs and the campaign fixtures against the campaign glossary, with
    the per-word and per-msgid memos on and off (off: every lookup starts afresh)."""
    paths = [*REAL, CAMPAIGN.parent / "fr.po", CAMPAIGN.parent / "de.po"]
    fast = glossary_findings(paths, True, monkeypatch)
    slow = glossary_findings(paths, False, monkeypatch)
    assert fast == slow
    assert len(fast) > 0


def test_memoised_matcher_agrees_with_a_fresh_one_on_real_text():
    """Each text found once with every word new to the matcher, then again with every word memoised."""
    from i18n_check.glossary import load_glossary
    from i18n_check.glossary.index import GlossaryIndex

    glossary = GlossaryIndex(load_glossary(CAMPAIGN))
    paths = [*REAL, CAMPAIGN.parent / "fr.po", CAMPAIGN.parent / "de.po"]
    catalogs = [load_catalog(path) for path in paths]
    for lang in ("fr", "de", "en"):
        texts = [t for c in catalogs for e in c.entries if e.msgid
                 for t in ((e.msgid, e.msgid_plural) if lang == "en" else e.msgstr if c.language == lang else ()) if t]
        warm = glossary.matcher(lang)
        first = [warm.find(t) for t in texts]
        again = [warm.find(t) for t in texts]
        assert first == again and sum(map(len, first)) > 0, lang


RAW_PIECES = [*PIECES, "%s", "%d", "%(count)d", "%(name)s.", "%%", "{name}", "{0}", "{{", "}}", "<b>", "</b>", "<br/>",
              "<a href=\"https://x.org\">", "</a>", "<https://x.org/a>", "<Error>", "%2$s", "s.", "d"]
raw_texts = st.lists(st.sampled_from(RAW_PIECES), max_size=8).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_texts, raw_texts)
def test_raw_safe_triggers_fire_on_raw_text_whenever_on_the_hidden_text(source, translation):
    """A raw-safe trigger silent on the raw text is silent on what ttk gets (directives and tags hidden)."""
    from i18n_check.rules.ttk import RAW_SAFE, opaque

    if "](" in source + translation:
        return
    tokens: dict = {}
    kinds = ["python-format", "python-brace-format", "c-format"]
    hidden = opaque(source, kinds, tokens), opaque(translation, kinds, tokens)
    for name in RAW_SAFE:
        if not TRIGGERS[name](source, translation, True):
            assert not TRIGGERS[name](*hidden, True), (name, source, translation, hidden)
