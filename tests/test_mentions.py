"""Use and mention (CONTRACT §3 rule 12), in French and German, on real PO files through `check`.

A forbidden term inside a citation of its language, or in an entry whose source holds the
concept's rejected source wording (also inside a source citation), is a mention: no
glossary-forbidden, but listed in the report. Terms inside a citation neither require nor
satisfy anything. A use beside a mention is still a use.
"""

from __future__ import annotations

import json

import pytest

from conftest import msgfmt_check
from i18n_check import check
from i18n_check.glossary.load import parse_glossary
from i18n_check.catalog.write import escape

GLOSSARY_TEXT = """\
version: 2
source: en
languages: [fr, de]
concepts:
  - id: csam
    en:
      preferred: [child sexual abuse material, child sexual abuse images]
      forbidden: [child pornography]
    fr:
      preferred: [images d'abus pédosexuels]
      forbidden: [pédopornographie, pornographie juvénile]
    de:
      preferred: [Missbrauchsdarstellungen, Darstellungen sexuellen Kindesmissbrauchs]
      forbidden: [Kinderpornografie]
  - id: survivor
    en: [survivor]
    fr:
      preferred: [survivante, survivant]
      forbidden: [rescapée]
    de: [Überlebende]
  - id: european-parliament
    en: [European Parliament]
    fr: [Parlement européen]
    de: [Europäisches Parlament]
citations:
  en:
    - Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of children and child pornography
    - Directive 2011/93/EU of the European Parliament and of the Council of 13 December 2011
    - Global Alliance against Child Sexual Abuse Online
  fr:
    - directive 2011/93/UE relative à la lutte contre les abus sexuels et l'exploitation sexuelle des enfants, ainsi que la pédopornographie
    - Directive 2011/93/UE du Parlement européen et du Conseil du 13 décembre 2011
    - Alliance mondiale contre la pédopornographie sur internet
  de:
    - Richtlinie 2011/93/EU zur Bekämpfung des sexuellen Missbrauchs und der sexuellen Ausbeutung von Kindern sowie der Kinderpornografie
"""
GLOSSARY = parse_glossary(GLOSSARY_TEXT, "mentions.yaml")

DIRECTIVE_EN = "Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of children and child pornography"
DIRECTIVE_FR = "directive 2011/93/UE relative à la lutte contre les abus sexuels et l’exploitation sexuelle des enfants, ainsi que la pédopornographie"
DIRECTIVE_DE = "Richtlinie 2011/93/EU zur Bekämpfung des sexuellen Missbrauchs und der sexuellen Ausbeutung von Kindern sowie der Kinderpornografie"

# (case, language, msgid, msgstr, findings as (rule, concept), mentions as (concept, term, reason))
CASES = [
    # French
    ("fr: a use is flagged", "fr", "Report child sexual abuse material.", "Signalez la pédopornographie.",
     {("glossary-forbidden", "csam"), ("glossary-missing", "csam")}, set()),
    ("fr: mention by citation", "fr", "The Global Alliance against Child Sexual Abuse Online was launched in 2012.",
     "L’Alliance mondiale contre la pédopornographie sur internet a été lancée en 2012.",
     set(), {("csam", "pédopornographie", "citation")}),
    ("fr: mention by the source's own wording", "fr",
     "Canada's Criminal Code still calls child sexual abuse material “child pornography”.",
     "Le Code criminel du Canada qualifie encore les images d’abus pédosexuels de « pornographie juvénile ».",
     set(), {("csam", "pornographie juvénile", "source-mention")}),
    ("fr: the source's wording inside a source citation", "fr", f"See {DIRECTIVE_EN}.",
     "Voir la directive 2011/93/UE sur la pédopornographie.",
     set(), {("csam", "pédopornographie", "source-mention")}),
    ("fr: a citation on both sides", "fr", f"See {DIRECTIVE_EN}.", f"Voir la {DIRECTIVE_FR}.",
     set(), {("csam", "pédopornographie", "citation")}),
    ("fr: a use beside a mention by citation", "fr",
     "The Global Alliance against Child Sexual Abuse Online fights child sexual abuse material.",
     "L’Alliance mondiale contre la pédopornographie sur internet combat la pédopornographie.",
     {("glossary-forbidden", "csam"), ("glossary-missing", "csam")}, {("csam", "pédopornographie", "citation")}),
    ("fr: another concept's ban beside a source mention", "fr", "Survivors reject the term “child pornography”.",
     "Les rescapées rejettent le terme « pédopornographie ».",
     {("glossary-forbidden", "survivor"), ("glossary-missing", "survivor")}, {("csam", "pédopornographie", "source-mention")}),
    ("fr: a source term inside a source citation asks nothing", "fr",
     "Directive 2011/93/EU of the European Parliament and of the Council of 13 December 2011 applies.",
     "La directive 2011/93/UE du 13 décembre 2011 s’applique.", set(), set()),
    ("fr: a term inside a target citation satisfies nothing", "fr", "The European Parliament adopted it.",
     "C’est la Directive 2011/93/UE du Parlement européen et du Conseil du 13 décembre 2011.",
     {("glossary-missing", "european-parliament")}, set()),
    # German
    ("de: a use is flagged", "de", "Report child sexual abuse material.", "Melden Sie Kinderpornografie.",
     {("glossary-forbidden", "csam"), ("glossary-missing", "csam")}, set()),
    ("de: mention by citation", "de", "Directive 2011/93/EU applies.", f"Die {DIRECTIVE_DE} gilt.",
     set(), {("csam", "Kinderpornografie", "citation")}),
    ("de: mention by the source's own wording", "de",
     "The law still says “child pornography”; we say child sexual abuse material.",
     "Das Gesetz spricht noch von „Kinderpornografie“; wir sagen Missbrauchsdarstellungen.",
     set(), {("csam", "Kinderpornografie", "source-mention")}),
    ("de: the source's wording as a compound part", "de", "The child pornography ban stays.", "Das Kinderpornografieverbot bleibt.",
     set(), {("csam", "Kinderpornografie", "source-mention")}),
    ("de: the source's wording inside a source citation", "de", f"See {DIRECTIVE_EN}.",
     "Siehe die Kinderpornografie-Richtlinie 2011/93/EU.", set(), {("csam", "Kinderpornografie", "source-mention")}),
    ("de: a use beside a mention by citation", "de", "Directive 2011/93/EU must also cover child sexual abuse material.",
     f"Die {DIRECTIVE_DE} muss auch Kinderpornografie erfassen.",
     {("glossary-forbidden", "csam"), ("glossary-missing", "csam")}, {("csam", "Kinderpornografie", "citation")}),
    ("de: a term inside a target citation satisfies nothing", "de", "Directive 2011/93/EU covers child sexual abuse material.",
     f"Die {DIRECTIVE_DE} gilt.", {("glossary-missing", "csam")}, {("csam", "Kinderpornografie", "citation")}),
]

def quote_po(text: str) -> str:
    return '"' + escape(text) + '"'


HEADER = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"MIME-Version: 1.0\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


def catalog(tmp_path, lang: str, entries: list[tuple]) -> str:
    """A real PO file holding `entries`: (msgid, msgstr), (msgctxt, msgid, msgstr) or (msgid,
    msgid_plural, [msgstr forms])."""
    text = HEADER.format(lang=lang)
    for entry in entries:
        if len(entry) == 2:
            text += f"msgid {quote_po(entry[0])}\nmsgstr {quote_po(entry[1])}\n\n"
        elif isinstance(entry[2], str):
            text += f"msgctxt {quote_po(entry[0])}\nmsgid {quote_po(entry[1])}\nmsgstr {quote_po(entry[2])}\n\n"
        else:
            text += f"msgid {quote_po(entry[0])}\nmsgid_plural {quote_po(entry[1])}\n"
            text += "".join(f"msgstr[{i}] {quote_po(form)}\n" for i, form in enumerate(entry[2])) + "\n"
    path = tmp_path / lang / "campaign.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    return str(path)


@pytest.mark.parametrize("lang, msgid, msgstr, expected_findings, expected_mentions", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_use_and_mention(tmp_path, lang, msgid, msgstr, expected_findings, expected_mentions):
    report = check([catalog(tmp_path, lang, [(msgid, msgstr)])], glossary=GLOSSARY, select=["glossary"])
    assert {(f.rule, f.concept) for f in report.findings} == expected_findings
    assert {(m.concept, m.term, m.reason) for m in report.mentions} == expected_mentions
    for m in report.mentions:
        assert m.msgstr[slice(*m.span)] == m.term and m.msgid == msgid and m.language == lang


def test_plural_forms_are_held_to_their_own_source_form(tmp_path):
    """msgstr[0] answers msgid, which quotes the rejected wording; msgstr[1] answers msgid_plural, which does not."""
    path = catalog(tmp_path, "fr", [("%d report calls it “child pornography”", "%d reports mention child sexual abuse material",
                                     ["%d rapport parle de « pédopornographie »", "%d rapports évoquent la pédopornographie"])])
    report = check([path], glossary=GLOSSARY, select=["glossary"])
    assert {(f.rule, f.concept) for f in report.findings} == {("glossary-forbidden", "csam"), ("glossary-missing", "csam")}
    [forbidden] = [f for f in report.findings if f.rule == "glossary-forbidden"]
    assert forbidden.message.endswith("(in msgstr[1])")
    [mention] = report.mentions
    assert (mention.msgstr, mention.reason, mention.evidence) == ("%d rapport parle de « pédopornographie »", "source-mention", "child pornography")


def test_an_ignore_comment_never_hides_a_mention(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(HEADER.format(lang="fr") + "# i18n-check: ignore glossary-forbidden\n"
                    f"msgid {quote_po('See ' + DIRECTIVE_EN)}\nmsgstr {quote_po('Voir la ' + DIRECTIVE_FR)}\n", encoding="utf-8")
    report = check([str(path)], glossary=GLOSSARY, select=["glossary"])
    assert report.findings == () and [m.reason for m in report.mentions] == ["citation"]


def two_catalogs(tmp_path) -> list[str]:
    fr = catalog(tmp_path, "fr", [c[:1] + c[2:4] for c in CASES if c[1] == "fr"])
    de = catalog(tmp_path, "de", [c[:1] + c[2:4] for c in CASES if c[1] == "de"])
    return [fr, de]


def test_mentions_are_the_same_from_the_cache_and_from_workers(tmp_path):
    paths = two_catalogs(tmp_path)
    plain = check(paths, glossary=GLOSSARY, jobs=1)
    assert len(plain.mentions) == sum(len(c[5]) for c in CASES)
    cache = tmp_path / "cache"
    first = check(paths, glossary=GLOSSARY, cache_dir=cache, jobs=1)
    again = check(paths, glossary=GLOSSARY, cache_dir=cache, jobs=1)   # every message from the cache
    forked = check(paths, glossary=GLOSSARY, jobs=2)                   # sent back by a worker as rows
    for report in (first, again, forked):
        assert report.mentions == plain.mentions and report.findings == plain.findings


def test_json_text_and_cli_list_the_mentions(tmp_path, run_cli):
    paths = two_catalogs(tmp_path)
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(GLOSSARY_TEXT, encoding="utf-8")
    code, out, err = run_cli("check", "--glossary", glossary, "--format", "json", "--no-cache", *paths)
    assert code == 1, err
    data = json.loads(out)
    mentions = data["mentions"]
    assert len(mentions) == sum(len(c[5]) for c in CASES)
    first = mentions[0]
    assert set(first) == {"catalog", "language", "line", "msgctxt", "msgid", "msgstr", "concept", "term", "reason", "evidence"}
    assert {(m["language"], m["reason"]) for m in mentions} == {("fr", "citation"), ("fr", "source-mention"),
                                                                 ("de", "citation"), ("de", "source-mention")}
    code, out, err = run_cli("check", "--glossary", glossary, "--no-cache", *paths)
    assert f"\n{len(mentions)} forbidden terms mentioned, not used (rule 12: inside a citation, or the source's own wording); --format json and `i18n-check report` list them.\n" in out

