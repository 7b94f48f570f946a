"""The CI formats: SARIF (validated against the official schema), JUnit (read by junitparser),
GitHub annotations (parsed back as the runner does) and the Markdown pull-request comment.

Reports come from real PO files under tests/fixtures/reporters/catalogs, which hold hostile
text on purpose: markup, a script, control characters, `%`, `,`, `:`, newlines, @mentions.
Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import FIXTURES, msgfmt_check
from junitparser import Failure, JUnitXml
from markdown_it import MarkdownIt

from i18n_check import check
from i18n_check.findings import Finding
from i18n_check.report import Report
from i18n_check.reporters import FORMATS, render
from i18n_check.reporters.github import escape_data, escape_property
from i18n_check.rules import RULES

HERE = FIXTURES / "reporters"
GOLDEN = HERE / "golden"
SELECT = ["untranslated", "fuzzy", "inconsistent", "language-parity"]  # rules whose output the goldens pin


@pytest.fixture
def report(monkeypatch) -> Report:
    monkeypatch.chdir(HERE)  # catalogs are reported as catalogs/<lang>/<file>.po, as in a project
    return check(["catalogs"], select=SELECT)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)"


def test_fixture_catalogs_are_valid_gettext():
    for po in sorted((HERE / "catalogs").rglob("*.po")):
        assert msgfmt_check(po).returncode == 0, po


def test_the_fixture_report_holds_what_the_formats_must_carry(report):
    rules = {f.rule for f in report.findings}
    assert rules == set(SELECT)
    assert any("\x1b" in f.msgstr and "<script>" in f.msgstr for f in report.findings)
    assert any(f.blocking for f in report.findings) and any(not f.blocking for f in report.findings)


def test_formats_are_registered_as_the_contract_names_them():
    assert {"text", "json", "sarif", "junit", "github", "html", "markdown"} <= set(FORMATS)


# SARIF -------------------------------------------------------------------------------------

def sarif_validator():
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)  # the official schema is draft-04


def test_sarif_validates_against_the_official_schema(report):
    log = json.loads(render(report, "sarif"))
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_sarif_carries_rule_metadata_severities_and_locations(report):
    run = json.loads(render(report, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][: len(RULES)] == list(RULES)
    by_id = {r["id"]: r for r in rules}
    assert by_id["untranslated"]["defaultConfiguration"]["level"] == "error"
    assert by_id["inconsistent"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["language-parity"]["shortDescription"]["text"] == RULES["language-parity"].summary
    assert [r for r in run["results"] if "suppressions" not in r] == run["results"][:len(report.findings)]
    suppressed = run["results"][len(report.findings):]  # silenced by ignore comments: listed as suppressed results
    assert [(r["ruleId"], r["suppressions"]) for r in suppressed] == [
        (i.finding.rule, [{"kind": "inSource", "status": "accepted", "justification": i.comment.strip()}]) for i in report.ignored]
    assert suppressed and all(r["properties"]["blocking"] is False for r in suppressed)
    for res, f in zip(run["results"], report.findings):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.rule
        assert res["level"] == ("error" if f.severity == "error" else "warning")
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": f.catalog, "uriBaseId": "%SRCROOT%"}
        assert loc["region"]["startLine"] == f.line
        assert res["partialFingerprints"]["i18nCheckFingerprint/v1"] == f.fingerprint
        assert res["properties"]["blocking"] is f.blocking
    untranslated = {r["properties"]["msgid"] for r in run["results"] if r["ruleId"] == "untranslated"}
    assert "Read the 100% guide, step 1: check, then act" in untranslated


def test_sarif_paths_are_uris_and_unknown_rules_get_a_descriptor():
    odd = Finding(rule="from-a-plugin", severity="warning", catalog="my catalogs/fr/ça.po", language="fr",
                  line=0, msgid="x", msgstr="y", message="m")
    absolute = Finding(rule="fuzzy", severity="error", catalog="/srv/po/de.po", language="de",
                       line=3, msgid="x", msgstr="y", message="m", blocking=True)
    log = json.loads(render(Report(catalogs=[], findings=[odd, absolute]), "sarif"))
    assert not list(sarif_validator().iter_errors(log))
    first, second = log["runs"][0]["results"]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20catalogs/fr/%C3%A7a.po"
    assert "region" not in first["locations"][0]["physicalLocation"]  # no line: no region, never startLine 0
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///srv/po/de.po"}
    assert log["runs"][0]["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "from-a-plugin"


# JUnit -------------------------------------------------------------------------------------

def test_junit_is_read_by_junitparser_one_suite_per_catalog(report):
    xml = JUnitXml.fromstring(render(report, "junit").encode("utf-8"))
    suites = {s.name: s for s in xml}
    assert set(suites) == {"catalogs/de/campaign.po", "catalogs/fr/campaign.po", "catalogs/fr/site.po"}
    blocking = [f for f in report.findings if f.blocking]
    assert xml.failures == len(blocking) and xml.tests == len(report.findings)
    for name, suite in suites.items():
        mine = [f for f in report.findings if f.catalog == name]
        cases = list(suite)
        assert len(cases) == suite.tests == len(mine)
        assert suite.failures == sum(1 for f in mine if f.blocking)
        for case, f in zip(cases, mine):
            failed = [r for r in case.result if isinstance(r, Failure)]
            assert bool(failed) is f.blocking
            assert case.classname == name and case._elem.get("file") == name and case._elem.get("line") == str(f.line)
            if failed:
                assert failed[0].type == f.rule and failed[0].message == f.message


def test_junit_is_well_formed_for_gitlab_and_jenkins_even_with_control_characters(report):
    text = render(report, "junit")
    root = ET.fromstring(text.encode("utf-8"))  # an ESC in a translation must not break the XML
    assert root.tag == "testsuites"
    for suite in root.iter("testsuite"):
        assert {"name", "tests", "failures", "errors", "skipped", "time"} <= set(suite.attrib)
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        for case in suite.iter("testcase"):
            assert case.get("name") and case.get("classname") and case.get("time") == "0"
    assert "\x1b" not in text and "\\x1b[31mrot" in text


def test_junit_lists_a_catalog_without_findings_as_one_passing_case(monkeypatch):
    monkeypatch.chdir(HERE)
    clean = check(["catalogs/fr/site.po"], select=["fuzzy"])
    xml = JUnitXml.fromstring(render(clean, "junit").encode("utf-8"))
    suite = next(iter(xml))
    assert suite.name == "catalogs/fr/site.po" and suite.tests == 1 and suite.failures == 0
    assert next(iter(suite)).is_passed


# GitHub ------------------------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    """What the Actions runner does with an escaped value."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_parse_back_to_the_findings(report):
    lines = render(report, "github").splitlines()
    annotations = [ANNOTATION.match(line) for line in lines[:-1]]
    assert all(annotations) and len(annotations) == len(report.findings)
    for match, f in zip(annotations, report.findings):
        level, props, message = match.groups()
        assert level == ("error" if f.blocking else "warning")
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert fields == {"file": f.catalog, "line": str(f.line), "title": f.rule}
        assert unescape(message).splitlines()[0] == f.message
    assert lines[-1].startswith("i18n-check: ") and not lines[-1].startswith("::")


def test_github_escaping_keeps_hostile_text_inside_one_annotation(report):
    text = render(report, "github")
    assert "\x1b" not in text
    hostile = [line for line in text.splitlines() if "pwned" in line]
    assert hostile and all(line.startswith(("::error ", "::warning ")) for line in hostile)
    # The translation's own "\n::warning::" stays inside the message, percent-encoded.
    assert not any(line.startswith("::warning::") for line in text.splitlines())
    assert "%0Amsgstr: <script>" in text
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert "%25" in next(line for line in text.splitlines() if "100%" in unescape(line))


# Markdown ----------------------------------------------------------------------------------

def test_markdown_summary_renders_catalog_text_as_text(report):
    text = render(report, "markdown")
    assert text.startswith("### ❌ i18n-check: ")
    md = MarkdownIt("commonmark").enable("table")
    tokens = [t for block in md.parse(text) for t in ([block] + (block.children or []))]
    html = [t.content for t in tokens if t.type in ("html_inline", "html_block")]
    # Only our own <details>, <summary> and <br> are HTML; the translation's script is text.
    assert all(re.fullmatch(r"\s*</?(details|summary|br)>.*\s*", h, re.S) for h in html), html
    assert not any(t.type == "link_open" for t in tokens)
    rendered = md.render(text)
    assert "&lt;script&gt;document.title=" in rendered and "<script>" not in rendered
    assert "@\u2060team" in text  # no @mention ping from a translation
    assert "| de | 4/7 (57.1%) | 1 | fuzzy 1, language-parity 3, untranslated 2 |" in text.replace("\\", "")


def test_markdown_caps_long_lists():
    many = [Finding(rule="untranslated", severity="error", catalog="fr.po", language="fr", line=i,
                    msgid=f"m{i}", msgstr="", message="not translated", blocking=True) for i in range(1, 80)]
    text = render(Report(catalogs=[], findings=many), "markdown")
    assert "Blocking findings (79)" in text and "… and 29 more" in text
    assert text.count("**untranslated**") == 50


# Goldens and the command line --------------------------------------------------------------

@pytest.mark.parametrize("fmt, name", [("github", "report.github.txt"), ("markdown", "report.md"), ("junit", "report.junit.xml")])
def test_golden_output(report, fmt, name):
    golden(name, render(report, fmt))


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "html", "json"])
def test_every_format_from_the_command_line(run_cli, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    code, out, _ = run_cli("check", "--no-glossary", "--select", ",".join(SELECT), "--format", fmt, "-o", target, "catalogs", cwd=HERE)
    assert code == 1 and out == ""
    text = target.read_text(encoding="utf-8")
    assert "Read the 100% guide" in text or "Read the 100%25 guide" in text


# The bundled campaign ------------------------------------------------------------------------

def test_every_ci_format_from_the_bundled_campaign_is_valid(run_cli, tmp_path):
    """catalogs/ and glossary.yaml at the project root, checked with every rule, as CI would."""
    from conftest import ROOT

    outputs = {}
    for fmt in ("json", "sarif", "junit", "github", "markdown"):
        code, outputs[fmt], _ = run_cli("check", "--select", "ALL", "--format", fmt, cwd=ROOT)
        assert code in (0, 1)
    data = json.loads(outputs["json"])
    findings = data["findings"]
    assert findings and data["glossary"] == "glossary.yaml"

    log = json.loads(outputs["sarif"])
    assert not list(sarif_validator().iter_errors(log))
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        (f["rule"], f["line"]) for f in findings]
    assert any(r.get("properties", {}).get("concept") for r in results)  # glossary findings carry their concept

    xml = JUnitXml.fromstring(outputs["junit"].encode("utf-8"))
    assert xml.tests == len(findings) and xml.failures == sum(f["blocking"] for f in findings)

    lines = outputs["github"].splitlines()
    assert len(lines) == len(findings) + 1 and all(ANNOTATION.match(line) for line in lines[:-1])

    md = MarkdownIt("commonmark").enable("table")
    rendered = md.render(outputs["markdown"])
    blocking = sum(f["blocking"] for f in findings)
    assert "<table>" in rendered and (f"{blocking} blocking," if blocking else "no blocking finding") in outputs["markdown"]


# Streaming: the formats that grow with the findings are written piece by piece -------------------

HOSTILE = ["", "plain", 'quote " and backslash \\', "tab\tnewline\ncr\r", "\x00\x1b[31mred\x7f\x85", "é ß 中文 😀",
           "bidi \u202e\u2066 and \u2028\u2029", "</script><script>alert(1)</script>", "lone \ud800 surrogate"]


def hostile_findings() -> list[Finding]:
    found = []
    for i, text in enumerate(HOSTILE):
        found.append(Finding(rule="glossary-forbidden", severity="error", catalog=f"c/{text}.po", language=text or None,
                             line=i, msgid=text, msgstr=text[::-1], message=f"m {text}", msgctxt=text if i % 2 else None,
                             concept=text, term=text if i % 3 else None, expected=(text, "x") if i % 2 else None,
                             blocking=bool(i % 2)))
    found.append(Finding(rule="inconsistent", severity="warning", catalog="a.po", language="fr", line=10**12,
                         msgid="x", msgstr="y", message="m", expected=()))
    return found


def test_json_finding_lines_are_what_json_dumps_writes(report):
    from i18n_check.reporters.json_report import finding_json

    for f in [*hostile_findings(), *report.findings]:
        assert finding_json(f) == json.dumps(f.as_dict(), ensure_ascii=False)


@pytest.mark.parametrize("fmt", ["json", "text", "github"])
@pytest.mark.parametrize("count", [0, 1, 2_000, 4_001])
def test_streamed_pieces_make_the_whole_report(monkeypatch, fmt, count):
    """Chunk boundaries (2,000 findings) change nothing: the pieces join into the one-string report
    of before streaming (its code kept here as the reference)."""
    from i18n_check.report import CatalogStats
    from i18n_check.reporters import render_chunks
    from i18n_check.safe_text import json_inert

    hostile = hostile_findings()
    many = [dataclasses.replace(hostile[i % len(hostile)], line=i) for i in range(count)]
    report = Report(catalogs=[CatalogStats("c/x.po", "fr", 10, 5, 1, 4)], findings=many, glossary="g.yaml")
    pieces = list(render_chunks(report, fmt))
    assert len(pieces) >= count // 2_000
    whole = "".join(pieces)
    assert whole == render(report, fmt)
    if fmt == "json":
        data = {"tool": "i18n-check", "version": json.loads(whole)["version"], "glossary": "g.yaml",
                "summary": report.summary()}
        head = json.dumps(data, ensure_ascii=False, indent=2)
        body = "[\n    " + ",\n    ".join(json.dumps(f.as_dict(), ensure_ascii=False) for f in many) + "\n  ]" if many else "[]"
        assert whole == json_inert(head[:-2] + ',\n  "findings": ' + body + ',\n  "mentions": [],\n  "ignored": []' + "\n}") + "\n"
        assert json.loads(whole)["findings"] == [json.loads(json.dumps(f.as_dict())) for f in many]
