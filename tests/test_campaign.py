"""The bundled campaign (the demo): English page, template, fr/de catalogs and glossary stay consistent."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT, msgfmt_check
from i18n_check import load_catalog, load_glossary

PAGE = ROOT / "content" / "en" / "eu-derogation.md"
POT = ROOT / "catalogs" / "campaign.pot"
PO = {"fr": ROOT / "catalogs" / "fr" / "campaign.po", "de": ROOT / "catalogs" / "de" / "campaign.po"}
GLOSSARY = ROOT / "glossary.yaml"
REFERENCE = re.compile(r"^content/en/eu-derogation\.md:(\d+)$")

# The seed page's own French wording, which the French catalog keeps.
SEED_WORDING = [
    "survivantes et survivants d’abus pédosexuels avec prise d’images",
    "— Survivante d’abus pédosexuels avec prise d’images",
    "Commission des libertés civiles, de la justice et des affaires intérieures (LIBE) du Parlement européen",
    "les membres de la commission LIBE",
    "La Commission européenne a proposé une dérogation temporaire",
    "le Centre canadien de protection de l’enfance (CCPE)",
    "des outils proactifs automatisés comme Microsoft PhotoDNA",
    "comportements de conditionnement (grooming)",
    "Pourquoi moi, une victime, n’ai-je pas le droit de me protéger?",
    "Se serrer les coudes",
]


def entries(path):
    return [e for e in load_catalog(path).entries if e.msgid]


@pytest.mark.parametrize("path", [PAGE, POT, *PO.values(), GLOSSARY], ids=lambda p: p.name)
def test_bundled_file_exists(path):
    assert path.is_file() and path.stat().st_size > 0


@pytest.mark.parametrize("path", [POT, *PO.values()], ids=lambda p: p.parent.name + "/" + p.name)
def test_catalog_passes_msgfmt_check(path):
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ["fr", "de"])
def test_catalog_loads_with_its_language_and_plural_forms(language):
    catalog = load_catalog(PO[language])
    assert catalog.language == language
    assert catalog.nplurals == 2
    assert "charset=UTF-8" in catalog.header["Content-Type"]
    assert catalog.header["POT-Creation-Date"] == load_catalog(POT).header["POT-Creation-Date"]


@pytest.mark.parametrize("language", ["fr", "de"])
def test_catalog_holds_exactly_the_template_messages_with_their_references(language):
    template = {e.msgid: e.references for e in entries(POT)}
    catalog = {e.msgid: e.references for e in entries(PO[language])}
    assert catalog == template


def test_template_references_point_at_the_blocks_that_start_each_message():
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    template = entries(POT)
    assert len(template) == 28
    for entry in template:
        assert entry.references, entry.msgid
        for ref in entry.references:
            number = int(REFERENCE.match(ref).group(1))
            first_words = " ".join(entry.msgid.split()[:3])
            assert first_words in lines[number - 1], (ref, entry.msgid)
    # Identical blocks are one message: the title is the H1, the four quote attributions are one.
    by_id = {e.msgid: e for e in template}
    assert len(by_id["— Survivor of child sexual abuse material"].references) == 4
    assert len(by_id["Legal battle in Europe: an imminent threat to children"].references) == 2


def test_template_messages_are_the_page_blocks_joined_on_one_line():
    text = PAGE.read_text(encoding="utf-8")
    for entry in entries(POT):
        assert "\n" not in entry.msgid and entry.msgid == entry.msgid.strip()
        # Re-wrapping the message where the page wraps it gives back the page's text.
        pattern = r"\s+(?:>\s*)?".join(re.escape(word) for word in entry.msgid.split(" "))
        assert re.search(pattern, text), entry.msgid[:60]


def test_french_catalog_keeps_the_seed_wording():
    french = "\n".join(s for e in entries(PO["fr"]) for s in e.msgstr)
    for wording in SEED_WORDING:
        assert wording in french, wording
    assert "Par son notre travail" not in french  # the seed's one typo, fixed
    assert "C3P" not in french


def test_do_not_translate_name_is_kept_in_every_language():
    for path in PO.values():
        entry = next(e for e in entries(path) if "PhotoDNA" in e.msgid)
        assert "Microsoft PhotoDNA" in entry.msgstr[0]


def test_glossary_declares_the_concepts_the_page_needs():
    load_glossary(GLOSSARY)  # valid per CONTRACT §3: raises InputError otherwise
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["source"] == "en" and data["languages"] == ["fr", "de"]
    concepts = {c["id"]: c for c in data["concepts"]}
    assert {"survivor", "csam", "libe", "european-commission", "european-parliament", "temporary-derogation",
            "messaging-platform", "grooming", "photodna", "c3p", "eu"} <= set(concepts)
    assert concepts["photodna"]["dnt"] is True
    assert "Kinderpornografie" in concepts["csam"]["de"]["forbidden"]
    assert "pédopornographie" in concepts["csam"]["fr"]["forbidden"]
    assert concepts["csam"]["en"]["forbidden"] == ["child pornography"]  # the wording the campaign rejects
    # Survivors may call themselves victims in their own words: "victime" is never banned.
    assert "victime" not in str(concepts["survivor"]["fr"]).lower()


def test_check_reports_the_planted_untranslated_and_fuzzy_entries(run_cli):
    code, out, _ = run_cli("check", "--no-glossary", "--format", "json", ROOT / "catalogs")
    assert code == 1
    report = json.loads(out)
    found = {(f["rule"], f["language"], f["msgid"][:30]) for f in report["findings"]
             if f["rule"] in ("untranslated", "fuzzy")}
    assert found == {
        ("untranslated", "fr", "[Donate](https://protectchildr"),
        ("fuzzy", "fr", "Unless a temporary derogation "),
        ("untranslated", "de", "Read the [report by John Carr]"),
    }
    assert all(f["blocking"] for f in report["findings"] if f["rule"] in ("untranslated", "fuzzy"))
    fuzzy = next(e for e in entries(PO["fr"]) if e.fuzzy)
    assert fuzzy.previous_msgid and fuzzy.previous_msgid != fuzzy.msgid  # as msgmerge leaves it


def test_the_campaign_mentions_the_rejected_wording_and_never_uses_it(run_cli):
    """Rule 12 on the bundled campaign: the French and German catalogs quote the law's term and
    cite Directive 2011/93/EU in their own words; each is listed as a mention, none is a finding
    but the German catalog's one planted use."""
    code, out, _ = run_cli("check", "--format", "json", "--no-cache", cwd=ROOT)
    report = json.loads(out)
    mentions = {(m["language"], m["term"], m["reason"], m["evidence"]) for m in report["mentions"]}
    assert mentions == {
        ("fr", "pornographie juvénile", "source-mention", "child pornography"),
        ("fr", "pédopornographie", "citation",
         "directive 2011/93/UE relative à la lutte contre les abus sexuels et l'exploitation sexuelle des enfants, ainsi que la pédopornographie"),
        ("de", "Kinderpornografie", "source-mention", "child pornography"),
        ("de", "Kinderpornografie", "citation",
         "Richtlinie 2011/93/EU zur Bekämpfung des sexuellen Missbrauchs und der sexuellen Ausbeutung von Kindern sowie der Kinderpornografie"),
    }
    forbidden = [(f["language"], f["msgid"][:40]) for f in report["findings"] if f["rule"] == "glossary-forbidden"]
    assert forbidden == [("de", "The proliferation of child sexual abuse ")]
    glossary = load_glossary(GLOSSARY)
    for lang in ("en", "fr", "de"):  # each language's own title of the directive, quoted where the page cites it
        [title] = glossary.citations[lang]
        assert "2011/93/" in title.text
    code, out, _ = run_cli("glossary", "lint", "--catalogs", ROOT / "catalogs", cwd=ROOT)
    assert code == 0 and out.endswith("glossary is valid, no problem found\n")
