"""`glossary lint` on version 2's data: same words by rule 2, rejected source wording, citations."""

from __future__ import annotations

import pytest

from i18n_check.glossary.lint import lint_glossary
from i18n_check.glossary.load import parse_glossary

HEAD = "version: 2\nsource: en\nlanguages: [fr, de]\nconcepts:\n"

# (case, glossary text, texts per language or None, expected (level, code, line) problems)
CASES = [
    ("preferred and forbidden are one word (issue 13)",
     HEAD + "  - id: survivor\n    en: [survivor]\n    fr:\n      preferred: [survivante]\n      forbidden: [survivantes]\n    de: [Überlebende]\n",
     None, [("error", "same-word", 9)]),
    ("admitted and forbidden are one word, in German",
     HEAD + "  - id: csam\n    en: [child sexual abuse material]\n    fr: [images d'abus pédosexuels]\n    de:\n"
            "      preferred: [Darstellungen sexuellen Kindesmissbrauchs]\n      admitted: [Missbrauchsdarstellung]\n"
            "      forbidden: [Missbrauchsdarstellungen]\n",
     None, [("error", "same-word", 11)]),
    ("a ban on a word is not a ban on the phrase holding it",
     HEAD + "  - id: survivor\n    en: [survivor]\n    fr:\n      preferred: [personne survivante]\n      forbidden: [survivante]\n    de: [Überlebende]\n",
     None, []),
    ("different words sharing a beginning",
     HEAD + "  - id: survivor\n    en: [survivor]\n    fr:\n      preferred: [survivante]\n      forbidden: [survie]\n    de: [Überlebende]\n",
     None, []),
    ("a source term is its own rejected wording",
     HEAD + "  - id: csam\n    en:\n      preferred: [child abuse image]\n      forbidden: [child abuse images]\n    fr: [images d'abus pédosexuels]\n    de: [Missbrauchsdarstellungen]\n",
     None, [("error", "same-word", 8)]),
    ("rejected source wording that is another concept's source term",
     HEAD + "  - id: survivor\n    en: [survivor]\n    fr: [survivante]\n    de: [Überlebende]\n"
            "  - id: victim\n    en: {forbidden: [survivors]}\n    fr: {forbidden: [victime]}\n",
     None, [("error", "rejected-source-term", 10)]),
    ("a citation holding a glossary term: nothing to say",
     HEAD + "  - id: csam\n    en: {preferred: [child sexual abuse material], forbidden: [child pornography]}\n"
            "    fr: {preferred: [images d'abus pédosexuels], forbidden: [pédopornographie]}\n    de: [Missbrauchsdarstellungen]\n"
            "citations:\n  fr: [Alliance mondiale contre la pédopornographie sur internet]\n",
     None, []),
    ("a citation holding no glossary term",
     HEAD + "  - id: csam\n    en: [child sexual abuse material]\n    fr: [images d'abus pédosexuels]\n    de: [Missbrauchsdarstellungen]\n"
            "citations:\n  de: [Bundeskriminalamt]\n",
     None, [("warning", "useless-citation", 10)]),
    ("a citation without words",
     HEAD + "  - id: csam\n    en: [child sexual abuse material]\n    fr: [images d'abus pédosexuels]\n    de: [Missbrauchsdarstellungen]\n"
            "citations:\n  en: ['%(title)s']\n",
     None, [("error", "unmatchable-citation", 10)]),
    ("citations found in the catalogs",
     HEAD + "  - id: csam\n    en: {preferred: [child sexual abuse material], forbidden: [child pornography]}\n"
            "    fr: {preferred: [images d'abus pédosexuels], forbidden: [pédopornographie]}\n    de: [Missbrauchsdarstellungen]\n"
            "citations:\n  en: [Directive 2011/93/EU on combating child pornography]\n  fr: [Alliance mondiale contre la pédopornographie]\n",
     {"en": ["Under Directive 2011/93/EU on combating\nchild pornography…"], "fr": ["L’« Alliance mondiale contre la pédopornographie »"]}, []),
    ("a citation no catalog quotes",
     HEAD + "  - id: csam\n    en: {preferred: [child sexual abuse material], forbidden: [child pornography]}\n"
            "    fr: {preferred: [images d'abus pédosexuels], forbidden: [pédopornographie]}\n    de: [Missbrauchsdarstellungen]\n"
            "citations:\n  en: [Directive 2011/93/EU on combating child pornography]\n  fr: [Alliance mondiale contre la pédopornographie]\n",
     {"en": ["Directive 2011/93/EU on combating child pornography"], "fr": ["Alliances mondiales contre la pédopornographie"]},
     [("warning", "unused-citation", 11)]),
]


@pytest.mark.parametrize("text, texts, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_lint_version_2(text, texts, expected):
    found = lint_glossary(parse_glossary(text), texts)
    assert [(f.level, f.code, f.line) for f in found] == expected, [f.message for f in found]


def test_same_word_message_names_both_terms():
    [finding] = lint_glossary(parse_glossary(CASES[0][1]))
    assert finding.message == ("preferred term 'survivante' and forbidden 'survivantes' of concept survivor (fr) are the same word "
                               "as terms are matched (rule 2): each finds the other; keep one of them")
    assert finding.column == 19


def test_cli_lint_with_catalogs(run_cli, tmp_path):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(CASES[-1][1], encoding="utf-8")
    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Directive 2011/93/EU on combating child pornography"\n'
                  'msgstr "Alliances mondiales contre la pédopornographie"\n', encoding="utf-8")
    code, out, _ = run_cli("glossary", "lint", glossary)
    assert code == 0 and out.endswith("glossary is valid, no problem found\n")
    code, out, _ = run_cli("glossary", "lint", glossary, "--catalogs", po)
    assert code == 0
    assert (f"{glossary}:11:8: warning: unused-citation: citation 'Alliance mondiale contre la pédopornographie' (fr) "
            "occurs in no 'fr' translation of the catalogs: misspelt, or no longer quoted?") in out.splitlines()
    code, out, _ = run_cli("glossary", "lint", glossary, "--catalogs", po, "--strict")
    assert code == 1
    code, _, err = run_cli("glossary", "lint", glossary, "--catalogs", tmp_path / "nowhere")
    assert code == 2 and "nowhere: no such file or folder" in err
