"""glossary-missing, glossary-forbidden, glossary-dnt on real PO files (CONTRACT §3 rule 9, §4)."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, ROOT
from i18n_check import check
from i18n_check.glossary import load_glossary
from i18n_check.glossary.load import parse_glossary
from i18n_check.glossary.index import GlossaryIndex

HERE = FIXTURES / "glossary"
GLOSSARY = load_glossary(HERE / "campaign.yaml")
RULES = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]


def findings(paths, glossary=GLOSSARY):
    report = check(paths, glossary=glossary, select=RULES)
    return report.findings


def keyed(found):
    return sorted((f.catalog.rsplit("/", 1)[-1], f.line, f.rule, f.concept) for f in found)


# Every glossary finding the fixtures must give, and no other: each line is a case (see fr.po, de.po).
EXPECTED = [
    ("de.po", 11, "glossary-missing", "survivor"),        # Opfer for survivors
    ("de.po", 14, "glossary-forbidden", "csam"),          # Kinderpornografie as the first part of a compound
    ("de.po", 14, "glossary-missing", "csam"),
    ("de.po", 26, "glossary-dnt", "photodna"),            # Photo-DNA
    ("fr.po", 11, "glossary-missing", "survivor"),        # victimes for survivors
    ("fr.po", 17, "glossary-forbidden", "csam"),          # twice in the text, one finding
    ("fr.po", 17, "glossary-missing", "csam"),
    ("fr.po", 20, "glossary-dnt", "photodna"),            # Photo-ADN
    ("fr.po", 23, "glossary-dnt", "photodna"),            # photoDNA: case counts
    ("fr.po", 29, "glossary-missing", "survivor"),        # plural: msgstr[1] only
    ("fr.po", 34, "glossary-forbidden", "csam"),          # plural: both forms, one finding
    ("fr.po", 34, "glossary-missing", "abuse"),
    ("fr.po", 34, "glossary-missing", "child"),
    ("fr.po", 55, "glossary-forbidden", "csam"),          # ignore comment for another concept
    ("fr.po", 62, "glossary-missing", "libe"),
]


def test_fixture_catalogs_give_exactly_the_expected_findings():
    assert keyed(findings([HERE / "fr.po", HERE / "de.po"])) == sorted(EXPECTED)


def test_forbidden_message_quotes_the_match_and_suggests_the_preferred_term():
    [f] = [f for f in findings([HERE / "fr.po"]) if f.line == 17 and f.rule == "glossary-forbidden"]
    assert f.message == "« pédopornographie » is forbidden (concept csam); use « images d'abus pédosexuels »"
    assert (f.term, f.expected, f.severity, f.blocking) == ("pédopornographie", ("images d'abus pédosexuels",), "error", True)


def test_german_messages_use_german_quotes():
    [f] = [f for f in findings([HERE / "de.po"]) if f.rule == "glossary-forbidden"]
    assert f.message.startswith("„Kinderpornografie“ is forbidden (concept csam); use „Missbrauchsdarstellung“")
    assert f.term == "Kinderpornografie"


def test_missing_message_lists_the_accepted_terms_and_expected_holds_the_preferred_ones():
    [f] = [f for f in findings([HERE / "fr.po"]) if f.line == 11]
    assert f.message == ("source has “Survivors” (concept survivor); the translation has none of: "
                         "« survivante », « survivant », « personne survivante »")
    assert f.expected == ("survivante", "survivant") and f.term is None


def test_plural_entries_are_checked_form_by_form():
    found = {(f.line, f.rule, f.concept): f for f in findings([HERE / "fr.po"])}
    survivor = found[(29, "glossary-missing", "survivor")]
    assert survivor.message.endswith("(in msgstr[1])") and survivor.msgstr == "%d victimes"
    forbidden = found[(34, "glossary-forbidden", "csam")]
    assert forbidden.message.endswith("(in msgstr[0], msgstr[1])")


def test_dnt_names_the_term_and_what_was_written_instead():
    found = {f.line: f for f in findings([HERE / "fr.po"]) if f.rule == "glossary-dnt"}
    assert found[20].message == "« PhotoDNA » must be kept as is (concept photodna: do not translate)"
    assert found[23].message.endswith("; found « photoDNA »")
    assert (found[20].term, found[20].expected) == ("PhotoDNA", ("PhotoDNA",))


def test_fuzzy_untranslated_msgctxt_and_comments_are_not_matched():
    lines = {f.line for f in findings([HERE / "fr.po"])}
    assert 39 not in lines   # fuzzy entry with a forbidden term
    assert 42 not in lines   # untranslated
    assert 46 not in lines   # "survivor" only in msgctxt


def test_ignore_comments_silence_one_rule_or_one_concept():
    lines = {(f.line, f.rule) for f in findings([HERE / "fr.po"])}
    assert (51, "glossary-forbidden") not in lines           # ignore glossary-forbidden:csam
    assert (55, "glossary-forbidden") in lines               # ignore glossary-forbidden:survivor is another concept
    assert (59, "glossary-missing") not in lines             # ignore glossary-missing


def test_no_glossary_means_no_glossary_findings():
    assert findings([HERE / "fr.po"], glossary=None) == ()


def test_a_forbidden_word_inside_a_longer_approved_term_is_not_flagged():
    glossary = parse_glossary(
        "version: 1\nlanguages: [fr]\nconcepts:\n"
        "  - id: victim\n    fr: {forbidden: [victime]}\n"
        "  - id: survivor\n    en: [survivor]\n    fr: [victime survivante]\n"
    )
    from i18n_check.rules.glossary import forbidden
    from i18n_check.rules.base import Context
    from i18n_check.catalog import Catalog, Entry
    from pathlib import Path

    catalog = Catalog(Path("fr.po"), "fr", {}, ())
    ctx = Context(catalog, "fr", "fr.po", GlossaryIndex(glossary))
    assert list(forbidden(Entry("Survivors", ("les victimes survivantes",), 3), ctx)) == []
    [f] = forbidden(Entry("Victims", ("les victimes",), 3), ctx)
    assert f.message == "« victimes » is forbidden (concept victim); rephrase without it"


def test_bundled_campaign_findings(monkeypatch):
    """The bundled campaign: the three German terminology errors and nothing else."""
    monkeypatch.chdir(ROOT)
    report = check([ROOT / "catalogs"], glossary=load_glossary(ROOT / "glossary.yaml"), select=RULES)
    assert [(f.language, f.line, f.rule, f.concept) for f in report.findings] == [
        ("de", 108, "glossary-missing", "survivor"),
        ("de", 126, "glossary-forbidden", "csam"),
        ("de", 126, "glossary-missing", "csam"),
    ]


def test_json_report_carries_concept_term_and_expected(run_cli):
    code, out, _ = run_cli("check", "--glossary", HERE / "campaign.yaml", "--format", "json",
                           "--select", ",".join(RULES), HERE / "fr.po")
    assert code == 1
    report = json.loads(out)
    forbidden = next(f for f in report["findings"] if f["rule"] == "glossary-forbidden")
    assert forbidden["concept"] == "csam" and forbidden["term"] == "pédopornographie"
    assert forbidden["expected"] == ["images d'abus pédosexuels"]
