"""Baselines: accept today's findings, fail only on new ones (like ruff's or detekt's baselines)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .findings import Finding, Report

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str]


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline written by `write_baseline`; a missing or damaged file is an input error."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, None, "baseline file not found (write one with --write-baseline)") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"baseline is not valid JSON: {exc.msg}", exc.colno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(path, None, f"not an i18n-check baseline (expected version {FORMAT_VERSION} with a findings list)")
    return Baseline(frozenset(str(item.get("fingerprint")) for item in data["findings"] if isinstance(item, dict)))


def render_baseline(findings: list[Finding]) -> str:
    """The baseline file: fingerprints plus enough context for a human reading the diff."""
    items = sorted(
        ({"fingerprint": f.fingerprint, "rule": f.rule, "catalog": f.catalog, "msgctxt": f.msgctxt,
          "msgid": f.msgid, "concept": f.concept} for f in findings),
        key=lambda d: (d["catalog"], d["rule"], d["msgid"], d["fingerprint"]),
    )
    unique = list({d["fingerprint"]: d for d in items}.values())
    return json.dumps({"version": FORMAT_VERSION, "tool": "i18n-check", "findings": unique}, ensure_ascii=False, indent=1) + "\n"


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    """Hide findings the baseline knows; count them and the baseline entries no longer found."""
    seen = {f.fingerprint for f in report.findings}
    report.findings = [f for f in report.findings if f.fingerprint not in baseline.fingerprints]
    report.baselined = len(seen & baseline.fingerprints)
    report.fixed = len(baseline.fingerprints - seen)
    return report
