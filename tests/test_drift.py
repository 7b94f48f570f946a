"""Drift rules: `inconsistent` (one message, several translations in one language) and
`language-parity` (translated in one language, untranslated or fuzzy in another).

Catalogs are real PO files written to a temporary folder and read by the real reader.
"""

from __future__ import annotations

import time
from pathlib import Path

from conftest import msgfmt_check

from i18n_check import check, load_catalog
from i18n_check.catalog import Catalog, Entry
from i18n_check.findings import Finding, Ignored
from i18n_check.rules import PROJECT, RULES
from i18n_check.rules.drift import find_gaps, find_variants, inconsistent, language_parity

HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'


def po(folder: Path, name: str, lang: str, body: str) -> Path:
    path = folder / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(lang=lang) + body, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
    return path


def run(rule, *paths: Path):
    catalogs = [(load_catalog(p), p.as_posix()) for p in paths]
    return list(rule(catalogs))


def test_both_rules_are_project_wide_warnings_in_the_table():
    for rule_id in ("inconsistent", "language-parity"):
        assert RULES[rule_id].scope == PROJECT and RULES[rule_id].severity == "warning"
    assert RULES["inconsistent"].summary == "The same source text is translated differently within one language."


# inconsistent ---------------------------------------------------------------------------------

def test_the_minority_variant_is_reported_with_every_variant_and_where_it_is_used(tmp_path):
    a = po(tmp_path, "a.po", "fr", 'msgid "Report abuse"\nmsgstr "Signaler un abus"\n')
    b = po(tmp_path, "b.po", "fr", 'msgid "Other"\nmsgstr "Autre"\n\nmsgid "Report abuse"\nmsgstr "Signaler un abus"\n')
    c = po(tmp_path, "c.po", "fr", 'msgid "Report abuse"\nmsgstr "Signaler des abus"\n')
    [finding] = run(inconsistent, a, b, c)
    assert finding.catalog == c.as_posix() and finding.line == 7 and finding.msgstr == "Signaler des abus"
    assert finding.expected == ("Signaler un abus",)
    assert f"«Signaler un abus» (2×: {a.as_posix()}:7, {b.as_posix()}:10)" in finding.message
    assert finding.message.startswith("translated differently elsewhere in fr: ")


def test_a_tie_reports_every_entry(tmp_path):
    a = po(tmp_path, "a.po", "fr", 'msgid "Donate"\nmsgstr "Faire un don"\n')
    b = po(tmp_path, "b.po", "fr", 'msgid "Donate"\nmsgstr "Donner"\n')
    found = run(inconsistent, a, b)
    assert sorted(f.msgstr for f in found) == ["Donner", "Faire un don"]
    assert {f.expected for f in found} == {("Donner",), ("Faire un don",)}


def test_context_language_state_and_agreement_keep_entries_apart(tmp_path):
    a = po(tmp_path, "a.po", "fr",
           'msgctxt "verb"\nmsgid "Report"\nmsgstr "Signaler"\n\n'
           'msgid "Save"\nmsgstr "Enregistrer"\n\n'
           '#, fuzzy\nmsgid "Close"\nmsgstr "Fermer"\n\n'
           'msgid "Open"\nmsgstr ""\n')
    b = po(tmp_path, "b.po", "fr",
           'msgctxt "noun"\nmsgid "Report"\nmsgstr "Rapport"\n\n'
           'msgid "Save"\nmsgstr "Enregistrer"\n\n'
           'msgid "Close"\nmsgstr "Clore"\n\n'
           'msgid "Open"\nmsgstr "Ouvrir"\n')
    c = po(tmp_path, "c.po", "de", 'msgid "Save"\nmsgstr "Speichern"\n')
    assert run(inconsistent, a, b, c) == []  # context differs, fuzzy/untranslated don't count, languages apart


def test_plural_entries_compare_every_form(tmp_path):
    body = 'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Un fichier"\nmsgstr[1] "{}"\n'
    a = po(tmp_path, "a.po", "fr", body.format("%d fichiers"))
    b = po(tmp_path, "b.po", "fr", body.format("%d documents"))
    found = run(inconsistent, a, b)
    assert {f.msgstr for f in found} == {"Un fichier | %d fichiers", "Un fichier | %d documents"}


def test_an_ignore_comment_silences_one_entry(tmp_path):
    a = po(tmp_path, "a.po", "fr", 'msgid "Donate"\nmsgstr "Faire un don"\n')
    b = po(tmp_path, "b.po", "fr", '# i18n-check: ignore inconsistent\nmsgid "Donate"\nmsgstr "Donner"\n')
    found = run(inconsistent, a, b)
    assert [f.catalog for f in found if isinstance(f, Finding)] == [a.as_posix()]
    (silenced,) = [f for f in found if isinstance(f, Ignored)]  # listed for editors, with the comment
    assert (silenced.finding.catalog, silenced.comment) == (b.as_posix(), "i18n-check: ignore inconsistent")


def test_find_variants_orders_by_use(tmp_path):
    paths = [po(tmp_path, f"{i}.po", "fr", f'msgid "Hi"\nmsgstr "{text}"\n') for i, text in enumerate(["Salut", "Bonjour", "Bonjour"])]
    [group] = find_variants([(load_catalog(p), p.name) for p in paths])
    assert [(forms, len(uses)) for forms, uses in group.variants] == [(("Bonjour",), 2), (("Salut",), 1)]
    assert group.reference == ("Bonjour",)


# language-parity ------------------------------------------------------------------------------

def test_a_lagging_language_is_reported_on_its_catalog_naming_the_languages_that_have_it(tmp_path):
    fr = po(tmp_path, "site.po", "fr", 'msgid "Donate"\nmsgstr "Faire un don"\n\nmsgid "Help"\nmsgstr ""\n')
    de = po(tmp_path, "site.po", "de", 'msgid "Donate"\nmsgstr ""\n\n#, fuzzy\nmsgid "Help"\nmsgstr "Hilfe"\n')
    it = po(tmp_path, "site.po", "it", 'msgid "Donate"\nmsgstr "Dona"\n\nmsgid "Help"\nmsgstr ""\n')
    found = {(f.language, f.msgid): f for f in run(language_parity, fr, de, it)}
    assert set(found) == {("de", "Donate")}
    donate = found[("de", "Donate")]
    assert donate.catalog == de.as_posix() and donate.line == 7
    assert donate.expected == ("fr", "it") and donate.message == "untranslated here but translated in fr, it"


def test_fuzzy_counts_as_lagging_and_is_named(tmp_path):
    fr = po(tmp_path, "a.po", "fr", 'msgid "Help"\nmsgstr "Aide"\n')
    de = po(tmp_path, "a.po", "de", '#, fuzzy\nmsgid "Help"\nmsgstr "Hilfe"\n')
    [finding] = run(language_parity, fr, de)
    assert finding.message == "fuzzy here but translated in fr" and finding.msgstr == "Hilfe"


def test_parity_ignores_absent_messages_own_language_and_silenced_entries(tmp_path):
    fr = po(tmp_path, "a.po", "fr", 'msgid "Help"\nmsgstr "Aide"\n\nmsgid "Back"\nmsgstr "Retour"\n\nmsgid "Home"\nmsgstr "Accueil"\n')
    de1 = po(tmp_path, "a.po", "de", 'msgid "Help"\nmsgstr "Hilfe"\n\n# i18n-check: ignore language-parity\nmsgid "Back"\nmsgstr ""\n')
    de2 = po(tmp_path, "b.po", "de", 'msgid "Help"\nmsgstr ""\n')  # translated in de elsewhere: not parity
    (silenced,) = run(language_parity, fr, de1, de2)  # the silenced one only, listed as such
    assert isinstance(silenced, Ignored) and silenced.finding.msgid == "Back"


def test_both_rules_run_through_check_and_do_not_block_by_default(tmp_path):
    po(tmp_path, "a.po", "fr", 'msgid "Help"\nmsgstr "Aide"\n')
    po(tmp_path, "b.po", "fr", 'msgid "Help"\nmsgstr "Secours"\n')
    po(tmp_path, "a.po", "de", 'msgid "Help"\nmsgstr ""\n')
    report = check([tmp_path], select=["inconsistent", "language-parity"])
    assert sorted(f.rule for f in report.findings) == ["inconsistent", "inconsistent", "language-parity"]
    assert report.exit_code == 0 and all(f.severity == "warning" for f in report.findings)


# scale ----------------------------------------------------------------------------------------

def synthetic(lang: str, n: int, translated: bool) -> Catalog:
    entries = tuple(Entry(msgid=f"message {i}", msgstr=(f"{lang} {i}" if translated or i % 2 else "",), line=i + 1)
                    for i in range(n))
    return Catalog(path=Path(f"{lang}.po"), language=lang, header={}, entries=entries)


def test_both_rules_are_linear_over_hundreds_of_thousands_of_messages():
    n = 70_000  # three catalogs: 210,000 messages
    catalogs = [(synthetic("fr", n, True), "fr.po"), (synthetic("de", n, False), "de.po"),
                (synthetic("fr", n, True), "fr2.po")]
    start = time.perf_counter()
    gaps = find_gaps(catalogs)
    variants = find_variants(catalogs)
    elapsed = time.perf_counter() - start
    assert len(gaps) == n // 2 and variants == []
    # A quadratic pass would take hours here; a dict pass takes well under a second on one core.
    assert elapsed < 10, elapsed


def test_parity_names_the_other_languages_sorted_and_needs_two_languages(tmp_path):
    paths = [po(tmp_path, "a.po", lang, f'msgid "Help"\nmsgstr "{text}"\n\nmsgid "Back"\nmsgstr "{text}"\n')
             for lang, text in (("it", "Aiuto"), ("fr", "Aide"), ("es", ""))]
    found = run(language_parity, *paths)
    assert [(f.language, f.msgid, f.expected) for f in found] == [("es", "Help", ("fr", "it")), ("es", "Back", ("fr", "it"))]
    assert found[0].expected is found[1].expected and found[0].message is found[1].message  # shared, not one per message
    assert run(language_parity, paths[2]) == [] and find_gaps([]) == []
