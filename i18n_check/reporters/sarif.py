"""The SARIF 2.1.0 log code-scanning services read (GitHub code scanning, GitLab, Azure DevOps).

One run, the rule metadata of every rule in the rule table (CONTRACT §4, as the Report carries it), one result per
finding located at the catalog's `msgid` line. Paths stay relative to the working folder
(`%SRCROOT%`), which is the repository root when CI runs the check there.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from urllib.parse import quote

from ..version import __version__
from ..findings import ERROR, Finding
from ..pages import split_reference
from ..report import Report
from ..safe_text import json_inert

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "i18nCheckFingerprint/v1"  # same identity as the baseline: rule, catalog, msgctxt, msgid, concept


def level(severity: str) -> str:
    """SARIF's `level` for one of our severities."""
    return "error" if severity == ERROR else "warning"


def artifact_uri(path: str) -> dict:
    """An artifactLocation: a relative URI against %SRCROOT%, or a file: URI for an absolute path."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return {"uri": "file://" + quote(posix.as_posix())}
    return {"uri": quote(posix.as_posix()), "uriBaseId": "%SRCROOT%"}


def rule_descriptors(report: Report) -> list[dict]:
    """reportingDescriptor objects from the rule table, plus any rule a finding names that the table lacks."""
    descriptors = []
    for rule in report.rules:
        doc = rule.doc or rule.id
        descriptors.append({
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.replace("_", "-").split("-")),
            "shortDescription": {"text": rule.summary or rule.id},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "defaultConfiguration": {"level": level(rule.severity)},
            "properties": {"family": rule.family, "tags": ["i18n", "l10n", rule.family]},
        })
    known = {d["id"] for d in descriptors}
    for finding in (*report.findings, *(i.finding for i in report.ignored)):
        if finding.rule not in known:
            known.add(finding.rule)
            descriptors.append({"id": finding.rule, "shortDescription": {"text": finding.rule},
                                "defaultConfiguration": {"level": level(finding.severity)}})
    return descriptors


def result(finding: Finding, rule_index: int, baselined: bool) -> dict:
    """One SARIF result: level, message, location and the stable fingerprint."""
    location: dict = {"physicalLocation": {"artifactLocation": artifact_uri(finding.catalog)}}
    if finding.line >= 1:  # SARIF regions are 1-based; a catalog-wide finding has no line
        location["physicalLocation"]["region"] = {"startLine": finding.line}
    properties = {
        "blocking": finding.blocking, "language": finding.language, "msgctxt": finding.msgctxt,
        "msgid": finding.msgid, "msgstr": finding.msgstr, "concept": finding.concept, "term": finding.term,
        "expected": list(finding.expected) if finding.expected is not None else None,
    }
    data = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": finding.message or finding.rule},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {k: v for k, v in properties.items() if v is not None},
    }
    if finding.references:  # the pages the message stands on (the entry's `#:` references)
        data["relatedLocations"] = [related_location(number, reference) for number, reference in enumerate(finding.references)]
    if baselined:
        data["baselineState"] = "new"  # everything the baseline knew was filtered out before rendering
    return data


def suppressed(ignored, rule_index: int, baselined: bool) -> dict:
    """A finding an ignore comment silences: a result with an in-source suppression (SARIF §3.35),
    which code scanning lists as dismissed, the comment as its justification."""
    data = result(ignored.finding, rule_index, baselined)
    data["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": ignored.comment.strip()}]
    return data


def related_location(number: int, reference: str) -> dict:
    """A `#:` reference as a SARIF related location: the content file, at the line its text starts."""
    page, line = split_reference(reference)
    location: dict = {"physicalLocation": {"artifactLocation": artifact_uri(page)}}
    if line is not None and line >= 1:
        location["physicalLocation"]["region"] = {"startLine": line}
    return {"id": number, **location, "message": {"text": "the source text on the page"}}


def as_data(report: Report) -> dict:
    """The SARIF log as a JSON-ready dict."""
    descriptors = rule_descriptors(report)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    baseline = report.baseline
    run = {
        "tool": {"driver": {
            "name": "i18n-check",
            "semanticVersion": __version__,
            "version": __version__,
            "rules": descriptors,
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder i18n-check ran in."}}},
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index[f.rule], baseline is not None) for f in report.findings]
                   + [suppressed(i, index[i.finding.rule], baseline is not None) for i in report.ignored],
        "properties": {"summary": report.summary(), "glossary": report.glossary},
    }
    if baseline is not None:
        run["properties"]["baseline"] = {"new": baseline.new, "baselined": baseline.baselined, "fixed": baseline.fixed}
    if report.since is not None:  # the results are what is new since that revision
        s = report.since
        run["properties"]["since"] = {"ref": s.ref, "commit": s.commit, "new": s.new, "unchanged": s.unchanged, "fixed": len(s.fixed)}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, **_options) -> str:
    """The report as a SARIF 2.1.0 log (indented JSON, non-ASCII kept, control and bidi characters escaped)."""
    return json_inert(json.dumps(as_data(report), ensure_ascii=False, indent=2)) + "\n"
