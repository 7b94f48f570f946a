"""The JSON report of CONTRACT §5."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Report
from .safe_text import json_inert


def as_data(report: Report) -> dict:
    data = {
        "tool": "i18n-check",
        "version": __version__,
        "glossary": report.glossary,
        "summary": report.summary(),
        "findings": [f.as_dict() for f in report.findings],
    }
    if report.baselined or report.fixed or "baseline" in report.extra:
        data["baseline"] = {"new": len(report.findings), "baselined": report.baselined, "fixed": report.fixed}
    return data


def render(report: Report, **_options) -> str:
    """The report as JSON: the head indented, one finding per line; non-ASCII kept readable
    (control and bidi characters escaped).

    Findings are encoded one by one with the C encoder: `indent=2` over the whole report takes
    json's pure-Python path, which for half a million findings costs gigabytes of small strings.
    """
    data = as_data(report)
    findings = data.pop("findings")
    head = json.dumps(data, ensure_ascii=False, indent=2)
    if not findings:
        body = "[]"
    else:
        body = "[\n    " + ",\n    ".join(json.dumps(f, ensure_ascii=False) for f in findings) + "\n  ]"
    return json_inert(head[:-2] + ',\n  "findings": ' + body + "\n}") + "\n"
