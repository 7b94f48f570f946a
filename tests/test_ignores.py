"""Ignore comments (CONTRACT §4): families and ALL silence as on the command line; a comment that
names an unknown rule, family or concept silences nothing and is reported (`ignore-comment`)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from i18n_check import check, load_glossary
from i18n_check.catalog import Entry
from i18n_check.rules import RULES
from i18n_check.rules.ignores import Ignore, ignores_of, silencer

GLOSSARY = load_glossary(ROOT / "glossary.yaml")
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')
FORBIDDEN = 'msgid "Child sexual abuse material is a crime."\nmsgstr "La pédopornographie est un crime."\n'


def run(tmp_path, comment: str, glossary=GLOSSARY, body: str = FORBIDDEN):
    path = tmp_path / "fr.po"
    path.write_text(HEADER + "".join(f"# {line}\n" for line in comment.split("\n") if line) + body, "utf-8")
    report = check([path], glossary=glossary)
    return sorted((f.rule, f.concept, f.message) for f in report.findings)


@pytest.mark.parametrize("comment", [
    "i18n-check: ignore glossary-forbidden, glossary-missing",
    "i18n-check: ignore glossary",                        # a family, as --ignore takes it
    "i18n-check: ignore glossary:csam",                   # a family narrowed to one concept
    "i18n-check: ignore glossary-forbidden:csam glossary-missing:csam",
    "i18n-check: ignore ALL",
    "I18N-CHECK: IGNORE glossary -- the sentence quotes a law's title",  # a reason after --
])
def test_a_valid_ignore_comment_silences_and_is_not_reported(tmp_path, comment):
    assert run(tmp_path, comment) == []


@pytest.mark.parametrize("comment, message", [
    ("i18n-check: ignore glosary-forbidden",
     "unknown rule 'glosary-forbidden' (did you mean glossary-forbidden?)"),
    ("i18n-check: ignore glossary-forbidden:csm",
     "unknown concept 'csm' (did you mean csam?)"),
    ("i18n-check: ignore untranslated:csam",
     "'untranslated' findings have no concept: ':csam' never matches"),
    ("i18n-check: ignore",
     "names no rule"),
    ("i18n-check: ignore :csam",
     "names no rule before ':csam'"),
    ("i18n-check: ignore glossary because it quotes a law",   # a reason without `--`: read as rules
     "unknown rule 'because'; unknown rule 'it'; unknown rule 'quotes'; unknown rule 'a'; unknown rule 'law'"),
])
def test_an_ignore_comment_naming_nothing_is_reported_and_silences_nothing(tmp_path, comment, message):
    found = run(tmp_path, comment)
    reported = [m for rule, _, m in found if rule == "ignore-comment"]
    assert reported and reported[0] == f"{message}: “{comment}” silences nothing"
    assert ("glossary-forbidden" in {rule for rule, _, _ in found}) is not any(
        w in comment.split() for w in ("glossary", "ALL"))


def test_concepts_are_judged_only_when_a_glossary_is_loaded(tmp_path):
    assert run(tmp_path, "i18n-check: ignore glossary-forbidden:csm", glossary=None) == []


def test_an_ignore_comment_finding_can_itself_be_silenced(tmp_path):
    found = run(tmp_path, "i18n-check: ignore glossary, ignore-comment\ni18n-check: ignore typo")
    assert found == []


def test_the_suppression_is_one_function_for_check_drift_and_the_editors_report():
    entry = Entry("Donate", ("Faire un don",), translator_comments=("i18n-check: ignore drift, glossary-missing:survivor",))
    ignores = ignores_of(entry)
    assert ignores == (Ignore("drift", None, entry.translator_comments[0]),
                       Ignore("glossary-missing", "survivor", entry.translator_comments[0]))
    assert silencer(ignores, RULES["inconsistent"], None) == ignores[0] == silencer(ignores, RULES["language-parity"], None)
    assert silencer(ignores, RULES["glossary-missing"], "survivor") == ignores[1]
    assert silencer(ignores, RULES["glossary-missing"], "csam") is None
    assert silencer(ignores, RULES["untranslated"], None) is None


def test_the_rule_explains_itself_with_examples_that_behave_as_shown(run_cli, tmp_path):
    code, out, _ = run_cli("rules", "ignore-comment")
    assert code == 0 and "ignore-comment (warning, family core)" in out
    assert "# i18n-check: ignore glosary-forbidden" in out
    rule = RULES["ignore-comment"]
    for example, reported in ((rule.example_fail, True), (rule.example_pass, False)):
        comment, msgid = example[0].split("\n")
        body = f'msgid "{msgid}"\nmsgstr "{example[1]}"\n'
        found = run(tmp_path, comment.removeprefix("# "), body=body)
        assert any(r == "ignore-comment" for r, _, _ in found) is reported, found
