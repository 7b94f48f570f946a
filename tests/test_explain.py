"""CONTRACT §3 rule 13: why a term matches or not, as data (glossary/explain.py), shown by
`check --explain` under each glossary finding and by `glossary explain TEXT --lang L`.

One table: (language, text, term, found, rule that decided); each matching rule in French and
German, found and not found.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from i18n_check import check
from i18n_check.glossary import load_glossary
from i18n_check.glossary.explain import explain_text
from i18n_check.glossary.index import GlossaryIndex
from i18n_check.rules.explain import explain_findings

GLOSSARY_PATH = FIXTURES / "glossary" / "matching.yaml"
GLOSSARY = GlossaryIndex(load_glossary(GLOSSARY_PATH))

CASES = [
    ("fr", "LA PÉDOPORNOGRAPHIE", "pédopornographie", True, 1),
    ("de", "ÜBERLEBENDE", "Überlebende", True, 1),
    ("en", "the Libe vote", "LIBE", False, 1),                     # case-sensitive
    ("fr", "les conflits armés", "conflit armé", True, 2),
    ("de", "den Überlebenden", "Überlebende", True, 2),
    ("fr", "des images, d'abus « pédosexuels »", "images d'abus pédosexuels", True, 3),
    ("de", "Darstellungen „sexuellen“ Kindesmissbrauchs", "Darstellungen sexuellen Kindesmissbrauchs", True, 3),
    ("fr", "des images. D'abus pédosexuels", "images d'abus pédosexuels", False, 3),
    ("fr", "les survivant·e·s", "survivante", True, 4),
    ("de", "die Moderator*innen", "Moderatorin", True, 4),
    ("de", "Missbrauchsdarstellungsdateien", "Missbrauchsdarstellung", True, 5),
    ("de", "der Messengerdienst", "Messenger-Dienst", True, 6),
    ("fr", "la pédo-pornographie", "pédopornographie", True, 6),
    ("de", "Kinder- und Jugendpornografie", "Kinderpornografie", True, 6),
    ("fr", "survivre", "survivant", False, 8),
    ("de", "überleben", "Überlebende", False, 8),
    ("fr", "la modération", "modérateur", False, 8),
    ("fr", "la cyberpédopornographie", "pédopornographie", True, 8),
    ("de", "kinderpornografisches Material", "Kinderpornografie", True, 8),
]


@pytest.mark.parametrize("lang, text, term, found, rule", CASES, ids=[f"{c[0]}:{c[1][:30]}:{c[2]}" for c in CASES])
def test_the_rule_that_decided(lang, text, term, found, rule):
    explanation = explain_text(GLOSSARY, text, lang)
    [check_] = [t for t in explanation.terms if t.term == term]
    assert (check_.found is not None, check_.rule) == (found, rule), check_.reason
    assert check_.reason and check_.term_words
    assert [w.text for w in explanation.words]  # the words compared are given


def test_an_explanation_agrees_with_the_matcher():
    text = "Les survivantes de la cyberpédopornographie, les plates-formes et la modération"
    found = {(m.concept, m.status, m.term.text) for m in GLOSSARY.find(text, "fr")}
    explained = {(t.concept, t.status, t.term) for t in explain_text(GLOSSARY, text, "fr").terms if t.found is not None}
    assert explained == found


def test_check_explain_shows_each_glossary_finding_why(run_cli):
    args = ("check", "--glossary", FIXTURES / "glossary" / "campaign.yaml", "--select", "glossary", "--no-cache",
            FIXTURES / "glossary" / "de.po")
    code, out, _ = run_cli(*args, "--explain")
    assert code == 1
    block = out.split("glossary-missing: source has")[1].split("\n\n")[0]
    assert "explain (rule 13):" in block and "source (en):" in block and "translation (de):" in block
    assert "survivor [source, inflection]: found" in out and "Überlebende [preferred, inflection]: not found" in out
    assert "rule 2:" in out
    code, plain, _ = run_cli(*args)
    assert code == 1 and "explain (rule 13)" not in plain


def test_explanations_are_computed_only_when_asked():
    report = check([FIXTURES / "glossary" / "fr.po"], glossary=load_glossary(FIXTURES / "glossary" / "campaign.yaml"),
                   select=["glossary"])
    assert report.explanations is None
    explained = explain_findings(report.findings, report_glossary := GlossaryIndex(load_glossary(FIXTURES / "glossary" / "campaign.yaml")))
    assert set(explained) == {f for f in report.findings if f.rule.startswith("glossary-")}
    forbidden = next(e for f, e in explained.items() if f.rule == "glossary-forbidden")
    assert forbidden.source is None and all(t.found for t in forbidden.translation.terms)
    assert report_glossary.source == "en"


def test_glossary_explain_command(run_cli):
    code, out, err = run_cli("glossary", "explain", "survivre, les survivant·e·s et la cyberpédopornographie",
                             "--lang", "fr", "--glossary", GLOSSARY_PATH)
    assert code == 0 and err == ""
    assert out.startswith("text (fr): survivre, les survivant·e·s et la cyberpédopornographie\nwords compared")
    assert "  survivre: survivr; survivr\n" in out
    assert "survivante [preferred, inflection]: found “survivant·e·s”\n    rule 4:" in out
    assert "pédopornographie [forbidden, family]: found “pédopornographie”\n    rule 8:" in out


@pytest.mark.parametrize("args, message", [
    (("--lang", "fre"), "--lang: the glossary has no language 'fre' (it has en, fr, de); did you mean fr?"),
    (("--lang", "fr", "--glossary", "nope.yaml"), "nope.yaml: glossary file not found (--glossary)"),
    (("--lang", "fr"), "glossary.yaml: glossary file not found (the `glossary` setting, else glossary.yaml; name one with --glossary)"),
])
def test_glossary_explain_wrong_turns(run_cli, tmp_path, args, message):
    if "--glossary" not in args and "fre" in args:
        args = (*args, "--glossary", GLOSSARY_PATH)
    code, out, err = run_cli("glossary", "explain", "texte", *args, cwd=tmp_path)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
