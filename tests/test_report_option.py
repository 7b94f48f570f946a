"""`check --report FORMAT=FILE`: one check, several outputs, each the same as its own run."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT


@pytest.fixture
def campaign(tmp_path, monkeypatch):
    for name in ("catalogs", "glossary.yaml", "pyproject.toml"):
        (shutil.copytree if name == "catalogs" else shutil.copy)(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    return tmp_path


def test_each_report_is_what_its_own_run_writes(campaign, run_cli):
    code, out, _ = run_cli("check", "--format", "github", "--report", "sarif=r.sarif", "--report", "junit=r.xml",
                           "--report", "text=r.txt", "--report", "json=r.json", "--report", "markdown=r.md")
    assert code == 1
    assert out.startswith("::error file=catalogs/de/campaign.po,line=108,")
    for form, name in (("sarif", "r.sarif"), ("junit", "r.xml"), ("text", "r.txt"), ("json", "r.json"), ("markdown", "r.md")):
        code, alone, _ = run_cli("check", "--format", form, "--color", "never")
        assert code == 1
        assert (campaign / name).read_text(encoding="utf-8") == alone, form


def test_the_exit_code_and_the_baseline_are_unchanged_by_more_reports(campaign, run_cli):
    code, _, err = run_cli("check", "--write-baseline", "base.json", "--report", "json=r.json")
    assert code == 0 and "wrote 9 findings to baseline base.json" in err
    assert (campaign / "r.json").is_file() and (campaign / "base.json").is_file()
    code, out, _ = run_cli("check", "--select", "markup", "--report", "sarif=clean.sarif")
    assert code == 0 and out.endswith("no blocking finding.\n")


@pytest.mark.parametrize("args, message", [
    (("--report", "sarif"), "--report: 'sarif' is not FORMAT=FILE (e.g. --report sarif=results.sarif)"),
    (("--report", "sarf=x.sarif"), "--report: unknown format 'sarf'; did you mean sarif?"),
    (("--report", "pdf=x.pdf"), "--report: unknown format 'pdf'; formats: text, json, sarif, junit, github, markdown, html"),
    (("--report", "sarif="), "--report sarif=: empty file name (an unset variable?); name a file"),
    (("--report", "sarif=-"), "--report: - (stdout) is where the report goes; name a file"),
    (("--report", "sarif=a.json", "--report", "json=a.json"), "a.json: is named for both the sarif report and the json report"),
    (("-o", "a.json", "--report", "json=a.json"), "a.json: is named for both the text report and the json report"),
    (("--write-baseline", "b.json", "--report", "json=b.json"), "b.json: is named for both the json report and the baseline"),
    (("--report", "json=glossary.yaml"), "glossary.yaml: is an input of this run"),
    (("--report", "json=catalogs/fr/campaign.po"), "catalogs/fr/campaign.po: exists and is a PO or MO file"),
])
def test_wrong_turns_exit_2_and_write_nothing(campaign, run_cli, args, message):
    before = sorted(p.name for p in campaign.iterdir())
    code, out, err = run_cli("check", *args)
    assert code == 2 and out == ""
    assert err == f"i18n-check: error: {message}\n" or message in err, err
    assert sorted(p.name for p in campaign.iterdir()) == before
