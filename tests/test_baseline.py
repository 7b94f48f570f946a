"""Baselines: `--write-baseline` saves today's findings, `--baseline` reports only new ones.

The catalogs are real PO files copied to a temporary project and edited the way translators
edit them: entries inserted above (every line number shifts), unrelated entries changed, one
finding fixed, one new problem made.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES, msgfmt_check

from i18n_check.baseline import Baseline, apply_baseline, load_baseline, render_baseline
from i18n_check.findings import Finding
from i18n_check.report import Report

SELECT = "untranslated,fuzzy,inconsistent,language-parity"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(FIXTURES / "reporters" / "catalogs", tmp_path / "catalogs")
    return tmp_path


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr


def check_json(run_cli, *args):
    code, out, err = run_cli("check", "--no-glossary", "--select", SELECT, "--format", "json", *args, "catalogs")
    return code, json.loads(out), err


def test_baselined_findings_stay_hidden_when_unrelated_entries_move(run_cli, project):
    code, out, err = run_cli("check", "--no-glossary", "--select", SELECT, "--write-baseline", "baseline.json", "catalogs", cwd=project)
    assert code == 0 and "wrote 13 findings to baseline baseline.json" in err  # written: done, not a failure
    saved = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert saved["version"] == 1 and len(saved["findings"]) == 13
    assert all("line" not in item for item in saved["findings"])  # no line numbers: they move

    # Insert entries at the top (every line below shifts) and change an unrelated translation.
    fr = project / "catalogs" / "fr" / "campaign.po"
    edit(fr, 'msgid "Survivors speak out"', 'msgid "New, translated"\nmsgstr "Nouveau, traduit"\n\n'
                                           'msgid "Another one"\nmsgstr "Un autre"\n\nmsgid "Survivors speak out"')
    edit(fr, 'msgstr "Faire un don"', 'msgstr "Faire un don maintenant"')  # msgctxt "button": now inconsistent
    code, data, _ = check_json(run_cli, "--baseline", "baseline.json")
    new = [(f["rule"], f["msgid"]) for f in data["findings"]]
    assert new == [("inconsistent", "Donate"), ("inconsistent", "Donate")]
    assert data["baseline"] == {"new": 2, "baselined": 13, "fixed": 0}
    assert code == 0  # inconsistent is a warning: nothing new blocks


def test_fixed_and_new_findings_are_counted_and_only_new_ones_block(run_cli, project):
    run_cli("check", "--no-glossary", "--select", SELECT, "--write-baseline", "baseline.json", "catalogs", cwd=project)
    fr = project / "catalogs" / "fr" / "campaign.po"
    # Fix one: translate the untranslated entry (its language-parity warning goes too).
    edit(fr, 'msgid "Read the 100% guide, step 1: check, then act"\nmsgstr ""',
         'msgid "Read the 100% guide, step 1: check, then act"\nmsgstr "Lisez le guide"')
    # Break one: empty a translation nobody had a finding on.
    edit(fr, 'msgstr "Signaler un abus"', 'msgstr ""')
    code, data, _ = check_json(run_cli, "--baseline", "baseline.json")
    # No language-parity on it: fr/site.po still has "Report abuse" translated in French.
    assert [(f["rule"], f["msgid"]) for f in data["findings"]] == [("untranslated", "Report abuse")]
    # fixed: untranslated + parity of the guide, and both `inconsistent` findings on "Report abuse".
    assert data["baseline"] == {"new": 1, "baselined": 9, "fixed": 4}
    assert code == 1 and data["summary"]["blocking"] == 1

    code, out, _ = run_cli("check", "--no-glossary", "--select", SELECT, "--baseline", "baseline.json", "catalogs")
    assert "1 finding in 3 catalogs (no glossary): 1 blocking finding (1 new, 9 baselined, 4 fixed since the baseline)." in out
    code, out, _ = run_cli("check", "--no-glossary", "--select", SELECT, "--baseline", "baseline.json", "--format", "markdown", "catalogs")
    assert "Baseline: **1 new**, 9 baselined, 4 fixed." in out
    code, out, _ = run_cli("check", "--no-glossary", "--select", SELECT, "--baseline", "baseline.json", "--format", "sarif", "catalogs")
    run = json.loads(out)["runs"][0]
    assert run["properties"]["baseline"] == {"new": 1, "baselined": 9, "fixed": 4}
    assert {r["baselineState"] for r in run["results"]} == {"new"}


def test_an_untouched_project_has_nothing_new_and_exits_zero(run_cli, project):
    run_cli("check", "--no-glossary", "--select", SELECT, "--write-baseline", "baseline.json", "catalogs", cwd=project)
    code, out, _ = run_cli("check", "--no-glossary", "--select", SELECT, "--baseline", "baseline.json", "catalogs")
    assert code == 0 and "0 findings in 3 catalogs (no glossary): no blocking finding (0 new, 13 baselined, 0 fixed" in out


def finding(**changes) -> Finding:
    base = dict(rule="glossary-forbidden", severity="error", catalog="catalogs/fr/a.po", language="fr", line=10,
                msgid="Survivors", msgstr="Rescapés", message="m", concept="survivor", term="Rescapés", blocking=True)
    return Finding(**{**base, **changes})


def test_fingerprint_ignores_line_wording_and_matched_term_but_not_identity():
    same = finding().fingerprint
    assert finding(line=99, message="other words", msgstr="Rescapées", term="Rescapées").fingerprint == same
    for change in ({"rule": "glossary-missing"}, {"catalog": "catalogs/de/a.po"}, {"msgctxt": "title"},
                   {"msgctxt": ""}, {"msgid": "Survivor"}, {"concept": "csam"}):
        assert finding(**change).fingerprint != same, change


def test_repeated_fingerprints_are_counted_so_a_third_occurrence_is_new():
    two = [finding(rule="placeholder", concept=None, message=f"missing {p}") for p in ("%s", "%d")]
    baseline = load_baseline_text(render_baseline(two))
    assert baseline.counts[two[0].fingerprint] == 2
    report = apply_baseline(Report(catalogs=[], findings=two + [finding(rule="placeholder", concept=None)]), baseline)
    assert len(report.findings) == 1 and (report.baseline.new, report.baseline.baselined, report.baseline.fixed) == (1, 2, 0)


def test_applying_a_baseline_gives_a_new_report_and_leaves_the_checked_one_as_it_was():
    two = [finding(rule="placeholder", concept=None, message=f"missing {p}") for p in ("%s", "%d")]
    checked = Report(catalogs=[], findings=two + [finding()])
    hidden = apply_baseline(checked, load_baseline_text(render_baseline(two)))
    assert hidden is not checked and hidden.findings == (finding(),)
    assert checked.findings == tuple(two + [finding()]) and checked.baseline is None
    with pytest.raises(AttributeError):  # frozen: no reporter or command changes what check() made
        checked.findings = ()


def load_baseline_text(text: str) -> Baseline:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.json"
        path.write_text(text, encoding="utf-8")
        return load_baseline(path)


@pytest.mark.parametrize("content, reason", [
    (None, "baseline file not found"),
    ("{not json", "baseline is not valid JSON"),
    ('{"version": 2, "findings": []}', "not an i18n-check baseline"),
    ('{"version": 1, "findings": [{"rule": "x"}]}', "baseline finding #1 has no fingerprint"),
    ('{"version": 1, "findings": [{"fingerprint": "ab", "count": 0}]}', "count must be a positive integer"),
])
def test_a_bad_baseline_exits_2_naming_the_file(run_cli, project, content, reason):
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    code, _, err = run_cli("check", "--no-glossary", "--baseline", "baseline.json", "catalogs", cwd=project)
    assert code == 2 and "baseline.json" in err and reason in err and "Traceback" not in err
