"""Baselines: accept today's findings, fail only on new ones (like ruff's or detekt's baselines).

A finding is known by its fingerprint: rule, catalog, msgctxt, msgid and concept, never its line
or its wording, so that editing, adding or removing other entries does not bring it back. The
baseline keeps a count per fingerprint: an entry may carry several findings of one rule (two
placeholders missing), and a third one appearing later is new.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputError, decode_utf8, read_input
from .findings import PROJECT, Finding
from .report import BaselineCounts, Report

FORMAT_VERSION = 1
MAX_BYTES = 1 << 30  # a million findings write some 300 MB; more is not a baseline (nor /dev/zero, nor a FIFO that never ends)


@dataclass(frozen=True)
class Baseline:
    """Fingerprint -> how many findings carried it when the baseline was written, and (when the
    file says) the rule and catalog of each, so that a run over fewer catalogs or rules counts
    as fixed only what it could have found."""

    counts: Counter
    origins: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # fingerprint -> (rule, catalog)

def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline written by `render_baseline`; a missing or damaged file is an input error."""
    path = Path(path)
    raw = read_input(path, "baseline", missing="baseline file not found (write one with --write-baseline)", limit=MAX_BYTES)
    try:
        text = decode_utf8(path, raw, "a baseline is UTF-8 JSON, as --write-baseline writes it")
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"baseline is not valid JSON: {exc.msg}", exc.colno) from None
    except (RecursionError, ValueError):  # nesting beyond the parser's recursion; a number beyond int()'s 4,300 digits
        offset, reason = first_oddity(text)
        line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        raise InputError(path, line, f"not an i18n-check baseline: {reason}", column) from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(path, None, f"not an i18n-check baseline (expected version {FORMAT_VERSION} with a findings list)")
    counts: Counter = Counter()
    origins: dict[str, tuple[str | None, str | None]] = {}
    for number, item in enumerate(data["findings"], 1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise InputError(path, None, f"baseline finding #{number} has no fingerprint")
        count = item.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count < 10 ** MAX_DIGITS:
            raise InputError(path, None, f"baseline finding #{number}: count must be a positive integer (at most {MAX_DIGITS} digits)")
        counts[item["fingerprint"]] += count
        rule, catalog = item.get("rule"), item.get("catalog")
        origins[item["fingerprint"]] = (rule if isinstance(rule, str) else None, catalog if isinstance(catalog, str) else None)
    return Baseline(counts, origins)


# JSON's strings, brackets and numbers: enough to find what the parser choked on, without recursing.
JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?[0-9][0-9.eE+-]*')
MAX_DEPTH = 100   # a baseline nests 3 deep
MAX_DIGITS = 18   # a count never needs more


def first_oddity(text: str) -> tuple[int, str]:
    """Where a JSON text nests deeper than MAX_DEPTH or holds a number longer than MAX_DIGITS, and which."""
    depth = 0
    for token in JSON_TOKEN.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start(), f"arrays or objects nested more than {MAX_DEPTH} levels deep"
        elif first in "]}":
            depth -= 1
        elif first != '"' and len(token.group()) > MAX_DIGITS:
            return token.start(), f"a number of {len(token.group()):,} characters"
    return 0, "the JSON parser gave up on it"


def render_baseline(findings: list[Finding]) -> str:
    """The baseline file: fingerprints plus enough context for a human reading its diff in review."""
    counts = Counter(f.fingerprint for f in findings)
    items: dict[str, dict] = {}
    for f in findings:
        fp = f.fingerprint
        if fp not in items:
            items[fp] = {"fingerprint": fp, "rule": f.rule, "catalog": f.catalog, "msgctxt": f.msgctxt,
                         "msgid": f.msgid, "concept": f.concept}
            if counts[fp] > 1:
                items[fp]["count"] = counts[fp]
    ordered = sorted(items.values(), key=lambda d: (d["catalog"], d["rule"], d["msgid"], d["msgctxt"] or "", d["fingerprint"]))
    return json.dumps({"version": FORMAT_VERSION, "tool": "i18n-check", "findings": ordered}, ensure_ascii=False, indent=1) + "\n"


def could_find(report: Report, baseline: Baseline) -> Callable[[str], bool]:
    """Whether the run of `report` could have found a baseline finding (by fingerprint): its
    catalog was checked and its rule ran; for a rule comparing catalogs (language-parity,
    inconsistent), every catalog of the baseline was checked. A run with `--lang fr`, or a
    pre-commit hook given one catalog, must not call the other catalogs' findings fixed."""
    checked = {c.path for c in report.catalogs}
    everything = all(c is None or c in checked for _, c in baseline.origins.values())
    ran, scopes = report.ran, {r.id: r.scope for r in report.rules}

    def could(fp: str) -> bool:
        rule, catalog = baseline.origins.get(fp, (None, None))
        if catalog is not None and catalog not in checked:
            return False
        if rule is not None and ran and rule not in ran:
            return False
        return everything or scopes.get(rule) != PROJECT

    return could


def take_known(findings: Iterable[Finding], known: Counter) -> tuple[list[Finding], int]:
    """(new, how many known): the `findings` whose fingerprint `known` does not count (any more),
    and how many it did. Counted: two alike findings against one known leave one new. `known` is
    left holding what no finding took (the fixed ones)."""
    new: list[Finding] = []
    taken = 0
    for finding in findings:
        key = finding.fingerprint
        if known[key] > 0:
            known[key] -= 1
            taken += 1
        else:
            new.append(finding)
    return new, taken


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    """The report without the findings the baseline knows, counting them, and the baseline's
    findings no longer found among those this run could have found (`could_find`): its
    `baseline` says how many are new, baselined and fixed, for every reporter."""
    remaining = Counter(baseline.counts)
    new, baselined = take_known(report.findings, remaining)
    could = could_find(report, baseline)
    fixed = sum(n for fp, n in remaining.items() if n and could(fp))
    return replace(report, findings=tuple(new), baseline=BaselineCounts(len(new), baselined, fixed))
