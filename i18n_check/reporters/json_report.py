"""The JSON report of CONTRACT §5."""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) quotes strings with (C)
from typing import Iterator

from ..version import __version__
from ..findings import Finding, Ignored, Mention
from ..report import Report
from ..safe_text import json_inert

PER_CHUNK = 2_000  # findings per piece written: the report streams out, it is never one string


def head_data(report: Report) -> dict:
    """Everything in the report but its findings."""
    data = {"tool": "i18n-check", "version": __version__, "glossary": report.glossary, "summary": report.summary()}
    if report.baseline is not None:
        data["baseline"] = {"new": report.baseline.new, "baselined": report.baseline.baselined, "fixed": report.baseline.fixed}
    if report.since is not None:
        s = report.since
        data["since"] = {"ref": s.ref, "commit": s.commit, "glossary": s.glossary, "new": s.new, "unchanged": s.unchanged,
                         "fixed": [f.as_dict() for f in s.fixed], "catalogs_missing": list(s.catalogs_missing),
                         "glossary_missing": s.glossary_missing}
    return data


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def finding_json(f: Finding) -> str:
    """`json.dumps(f.as_dict(), ensure_ascii=False)`, written out field by field: the same text
    (tests/test_reporters.py holds them to it) in a third of the time, which half a million
    findings feel."""
    expected = "null" if f.expected is None else "[" + ", ".join(map(encode_basestring, f.expected)) + "]"
    return (f'{{"rule": {_text(f.rule)}, "severity": {_text(f.severity)}, "blocking": {"true" if f.blocking else "false"}, '
            f'"catalog": {_text(f.catalog)}, "language": {_text(f.language)}, "line": {f.line}, '
            f'"msgctxt": {_text(f.msgctxt)}, "msgid": {_text(f.msgid)}, "msgstr": {_text(f.msgstr)}, '
            f'"concept": {_text(f.concept)}, "term": {_text(f.term)}, "expected": {expected}, "message": {_text(f.message)}'
            + (f', "references": [{", ".join(map(encode_basestring, f.references))}]}}' if f.references else "}"))


def chunks(report: Report, **_options) -> Iterator[str]:
    """The report as JSON, piece by piece: the head indented, one finding per line; non-ASCII kept
    readable (control and bidi characters escaped).

    A 1M-message check reports half a million findings: as one string (and first as dicts) the
    report took gigabytes; pieces of a few thousand findings take a few megabytes.
    """
    head = json.dumps(head_data(report), ensure_ascii=False, indent=2)
    findings = report.findings
    if not findings:
        yield json_inert(head[:-2] + ',\n  "findings": []')
    else:
        yield json_inert(head[:-2] + ',\n  "findings": [\n    ')
        for start in range(0, len(findings), PER_CHUNK):
            lines = ",\n    ".join(map(finding_json, findings[start:start + PER_CHUNK]))
            yield json_inert(lines if start == 0 else ",\n    " + lines)
        yield "\n  ]"
    yield json_inert(mentions_json(report.mentions) + ignored_json(report.ignored)) + "\n}\n"


def mentions_json(mentions: list[Mention]) -> str:
    """`"mentions": [...]` (CONTRACT §5, rule 12), one mention per line; few, written at once."""
    if not mentions:
        return ',\n  "mentions": []'
    return ',\n  "mentions": [\n    ' + ",\n    ".join(json.dumps(m.as_dict(), ensure_ascii=False) for m in mentions) + "\n  ]"


def ignored_json(ignored: list[Ignored]) -> str:
    """`"ignored": [...]` (CONTRACT §5): each silenced finding with the comment, one per line;
    always there, as `mentions` is, so that a tool reads it without asking whether it exists."""
    if not ignored:
        return ',\n  "ignored": []'
    return ',\n  "ignored": [\n    ' + ",\n    ".join(json.dumps(i.as_dict(), ensure_ascii=False) for i in ignored) + "\n  ]"


def render(report: Report, **options) -> str:
    """The report as JSON (see `chunks`)."""
    return "".join(chunks(report, **options))
