"""The check library: completeness rules, ignore comments, fail-on, languages, stats."""

from __future__ import annotations

import pytest

from i18n_check import check, load_catalog, load_glossary
from i18n_check.catalog import language_from_path
from i18n_check.rules.select import parse_rule_list, select_rules
from i18n_check.errors import InputError

from conftest import FIXTURES, ROOT

CORE = FIXTURES / "core" / "catalogs"


def by_rule(report, rule):
    return sorted((f.catalog.rsplit("/", 2)[-2], f.msgid) for f in report.findings if f.rule == rule)


def test_untranslated_fuzzy_and_plural_findings_are_located_at_the_msgid_line():
    report = check([CORE], select=["untranslated", "fuzzy", "plural-forms"])
    assert by_rule(report, "untranslated") == [("fr", "%d image removed"), ("fr", "Act now")]
    assert by_rule(report, "fuzzy") == [("fr", "Donate")]
    assert by_rule(report, "plural-forms") == [("de", "%d image removed")]
    act_now = next(f for f in report.findings if f.msgid == "Act now")
    assert act_now.line == 16  # the line of `msgid "Act now"` in the file
    assert act_now.language == "fr" and act_now.severity == "error" and act_now.blocking


def test_a_partly_translated_plural_names_the_empty_form():
    report = check([CORE / "fr" / "site.po"], select=["untranslated"])
    plural = next(f for f in report.findings if f.msgid == "%d image removed")
    assert "msgstr[1]" in plural.message


def test_ignore_comment_silences_one_rule_for_one_entry():
    report = check([CORE], select=["untranslated"])
    assert "Kept in English on purpose" not in {f.msgid for f in report.findings}


def test_obsolete_entries_and_templates_are_never_checked():
    report = check([CORE], select=["untranslated"])
    assert "Old text" not in {f.msgid for f in report.findings}
    assert all(not f.catalog.endswith(".pot") for f in report.findings)
    assert {c.path.rsplit("/", 2)[-2] for c in report.catalogs} == {"fr", "de"}


def test_fail_on_decides_what_blocks_and_the_exit_code():
    report = check([CORE], select=["untranslated", "fuzzy"], fail_on=["fuzzy"])
    assert {f.rule for f in report.findings if f.blocking} == {"fuzzy"}
    assert report.exit_code == 1
    assert check([CORE], select=["untranslated"], fail_on=[]).exit_code == 0


def test_languages_restrict_the_catalogs_checked():
    report = check([CORE], select=["untranslated"], languages=["de"])
    assert [c.language for c in report.catalogs] == ["de"]
    assert report.findings == ()


def test_stats_count_translated_fuzzy_and_untranslated():
    report = check([CORE / "fr" / "site.po"], select=["untranslated"])
    (stats,) = report.catalogs
    assert (stats.messages, stats.translated, stats.fuzzy, stats.untranslated) == (6, 2, 1, 3)


def test_summary_has_the_contract_fields():
    summary = check([CORE], select=["untranslated", "fuzzy"]).summary()
    assert set(summary) == {"catalogs", "messages", "translated", "findings", "blocking", "by_rule"}
    assert summary["by_rule"] == {"fuzzy": 1, "untranslated": 2}


def test_unknown_rule_ids_are_input_errors_with_a_suggestion():
    with pytest.raises(InputError, match="unknown rule 'untranslate'.*untranslated"):
        parse_rule_list("untranslate", "--fail-on")


def test_select_all_and_ignore():
    ids = {r.id for r in select_rules(["ALL"], ignore=["fuzzy"])}
    assert "untranslated" in ids and "fuzzy" not in ids


def test_language_comes_from_the_header_then_the_path(tmp_path):
    po = tmp_path / "nb" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    assert load_catalog(po).language == "nb"
    assert load_catalog(CORE / "fr" / "site.po").language == "fr"


@pytest.mark.parametrize(
    "path, language",
    [("catalogs/fr/campaign.po", "fr"), ("locale/de/LC_MESSAGES/django.po", "de"), ("po/pt_BR.po", "pt_BR"),
     ("catalogs/campaign.pot", None),
     # two or three letters are a language only when they name one
     ("/tmp/p.po", None), ("src/app.po", None), ("xx/LC_MESSAGES/django.po", None), ("ast/ast.po", "ast")],
)
def test_language_from_path(path, language):
    from pathlib import Path

    assert language_from_path(Path(path)) == language


def test_check_takes_catalogs_already_loaded_and_reports_what_it_reports_from_their_files():
    paths = sorted((ROOT / "catalogs").rglob("*.po"))
    glossary = load_glossary(ROOT / "glossary.yaml")
    from_files = check(paths, glossary=glossary, select=["ALL"])
    loaded = check([load_catalog(p) for p in paths], glossary=glossary, select=["ALL"])
    assert from_files.findings and loaded.findings == from_files.findings
    assert loaded.catalogs == from_files.catalogs and loaded.mentions == from_files.mentions
