"""`i18n-check glossary lint|import|export`, and `check` with a broken glossary: exit codes and output."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import FIXTURES, ROOT
from i18n_check.glossary import load_glossary
from i18n_check.glossary.convert import to_data

HERE = FIXTURES / "glossary"


def test_lint_bundled_glossary_is_clean(run_cli):
    code, out, _ = run_cli("glossary", "lint", ROOT / "glossary.yaml")
    assert code == 0
    assert out.endswith("glossary is valid, no problem found\n")


def test_lint_reports_located_quality_problems(run_cli):
    code, out, _ = run_cli("glossary", "lint", HERE / "lint-problems.yaml")
    assert code == 1
    lines = out.splitlines()
    path = str(HERE / "lint-problems.yaml")
    assert f"{path}:11:10: error: duplicate-source-term: source term 'survivors' of concept survivor-again is also a source term of concept survivor; a msgid holding it cannot tell which concept it means" in lines
    assert any(l.startswith(f"{path}:17:19: error: conflicting-status: 'survivante' is forbidden in concept victim") for l in lines)
    assert any(l.startswith(f"{path}:20:10: error: unmatchable-term: term 'us'") and "under 3 letters" in l for l in lines)
    assert any(l.startswith(f"{path}:21:10: error: unmatchable-term: term '%s'") and "no words" in l for l in lines)
    assert any(l.startswith(f"{path}:23: warning: missing-language: concept grooming") and "'de'" in l for l in lines)
    assert lines[-1] == f"{path}: 4 errors, 2 warnings"


def test_lint_warnings_pass_unless_strict(run_cli, tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("version: 1\nlanguages: [fr, de]\nconcepts:\n  - id: grooming\n    en: [grooming]\n    fr: [conditionnement]\n", encoding="utf-8")
    code, out, _ = run_cli("glossary", "lint", path)
    assert code == 0 and "warning: missing-language" in out
    code, _, _ = run_cli("glossary", "lint", "--strict", path)
    assert code == 1


def test_lint_uses_the_settings_glossary_by_default(run_cli):
    code, out, _ = run_cli("glossary", "lint", cwd=ROOT)
    assert code == 0 and out.startswith("glossary.yaml: ")


@pytest.mark.parametrize("text, where", [
    ("version: 1\nconcepts:\n  - id: a\n    es: [x]\n", ":4:5: language 'es' is not declared"),
    ("version: 1\nconcepts:\n  - id: a\n    en: [x]\n  - id: a\n", ":5:5: duplicate concept id 'a'"),
    ("languages: [fr]\n", ":1:1: missing 'version'"),
    ("version: 1\nlanguages: [fr]\nconcepts:\n  - id: a\n    fr: {preferred: [x], forbidden: [x]}\n", ":5:38: term 'x' in 'fr' is both"),
])
def test_invalid_glossary_exits_2_with_a_located_message(run_cli, tmp_path, text, where):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (("glossary", "lint", path), ("check", "--glossary", path, HERE / "fr.po")):
        code, out, err = run_cli(*args)
        assert code == 2
        assert err.startswith(f"i18n-check: error: {path}{where}")
        assert "Traceback" not in err + out


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv"])
def test_export_then_import_gives_the_same_glossary(run_cli, tmp_path, fmt):
    suffix = "csv" if fmt == "csv" else "tbx"
    exported = tmp_path / f"glossary.{suffix}"
    code, _, _ = run_cli("glossary", "export", "--glossary", ROOT / "glossary.yaml", "--format", fmt, "-o", exported)
    assert code == 0
    imported = tmp_path / "imported.yaml"
    code, _, err = run_cli("glossary", "import", exported, "-o", imported)
    assert code == 0, err
    assert to_data(load_glossary(imported)) == to_data(load_glossary(ROOT / "glossary.yaml"))


def test_export_tbx_v3_is_namespaced_tbx_basic_with_statuses(run_cli):
    code, out, _ = run_cli("glossary", "export", "--glossary", HERE / "campaign.yaml", "--format", "tbx")
    assert code == 0
    root = ET.fromstring(out)
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    survivor = root.find(".//t:conceptEntry[@id='survivor']", ns)
    statuses = {sec.find("t:term", ns).text: sec.find("t:termNote", ns).text
                for sec in survivor.findall("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='fr']/t:termSec", ns)}
    assert statuses == {"survivante": "preferredTerm-admn-sts", "survivant": "preferredTerm-admn-sts",
                        "personne survivante": "admittedTerm-admn-sts", "rescapée": "deprecatedTerm-admn-sts",
                        "rescapé": "deprecatedTerm-admn-sts"}


def test_import_a_terminologists_tbx_v2(run_cli):
    code, out, _ = run_cli("glossary", "import", HERE / "external-v2.tbx")
    assert code == 0
    data = yaml.safe_load(out)
    assert data["languages"] == ["fr", "de"]
    csam, survivor = data["concepts"]
    assert csam == {
        "id": "c-001", "note": "Images and videos of the sexual abuse of children.",
        "en": ["child sexual abuse material"],
        "fr": {"preferred": ["images d'abus pédosexuels"], "forbidden": ["pornographie juvénile"]},
        "de": {"preferred": ["Missbrauchsdarstellungen"], "forbidden": ["Kinderpornografie"]},
    }
    assert survivor["id"] == "survivor" and survivor["fr"]["admitted"] == ["personne survivante"]


def test_import_export_csv_columns(run_cli, tmp_path):
    code, out, _ = run_cli("glossary", "export", "--glossary", HERE / "campaign.yaml", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "concept,concept_note,dnt,language,status,term,case_sensitive,exact,term_note"
    assert lines[1:4] == [",,,en,source-language,,,,", ",,,fr,target-language,,,,", ",,,de,target-language,,,,"]
    assert "libe,,,en,preferred,LIBE,true,," in lines
    assert "photodna,,true,en,preferred,PhotoDNA,,," in lines


@pytest.mark.parametrize("name, content, where", [
    ("bomb.tbx", '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaa">]>\n<martif/>\n', "entity declarations"),
    ("broken.tbx", '<?xml version="1.0"?>\n<martif>\n  <text>\n</martif>\n', ":4:3: invalid XML"),
    ("other.tbx", '<?xml version="1.0"?>\n<html/>\n', ":1: not TBX"),
    ("bad.csv", "concept,language,status,term\nsurvivor,fr,prefered,survivante\n", ":2: unknown status 'prefered'"),
    ("columns.csv", "id,term\n", ":1: missing column(s) concept, language, status"),
    ("conflict.csv", "concept,language,status,term\nsurvivor,fr,preferred,survivante\nsurvivor,fr,forbidden,survivante\n", "the glossary it gives is invalid"),
])
def test_bad_import_exits_2(run_cli, tmp_path, name, content, where):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, err = run_cli("glossary", "import", path)
    assert code == 2
    assert where in err and err.startswith(f"i18n-check: error: {path}")
