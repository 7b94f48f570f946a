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
    """The report as indented JSON, non-ASCII kept readable (but control and bidi characters escaped)."""
    return json_inert(json.dumps(as_data(report), ensure_ascii=False, indent=2)) + "\n"
