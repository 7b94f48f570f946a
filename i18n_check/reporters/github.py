"""GitHub Actions workflow commands: one `::error`/`::warning` annotation line per finding.

GitHub shows them on the pull request's diff at the catalog line. A blocking finding is an
`error` annotation, any other a `warning`, so the annotations agree with the job's exit code.
Escaping follows @actions/core (toolkit/packages/core/src/command.ts): data escapes `%`, CR
and LF; property values also escape `:` and `,`. Other control characters are shown as
escapes, so a translation can never start a workflow command of its own.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..report import Report
from ..safe_text import excerpt, inert


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded (multi-line annotations stay one line)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property value (`file=`, `title=`): data escaping plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """`::error file=F,line=N,title=RULE::message` for one finding."""
    command = "error" if finding.blocking else "warning"
    properties = [f"file={escape_property(inert(finding.catalog))}"]
    if finding.line >= 1:
        properties.append(f"line={finding.line}")
    title = finding.rule + (f" ({finding.concept})" if finding.concept else "")
    properties.append(f"title={escape_property(inert(title))}")
    # The newlines below are real: escape_data turns them into %0A, which GitHub shows as line breaks.
    lines = [inert(finding.message)]
    if finding.msgctxt is not None:
        lines.append(f"msgctxt: {excerpt(finding.msgctxt, 200)}")
    lines.append(f"msgid: {excerpt(finding.msgid, 200)}")
    lines.append(f"msgstr: {excerpt(finding.msgstr, 200) if finding.msgstr else '(empty)'}")
    return f"::{command} {','.join(properties)}::{escape_data(chr(10).join(lines))}"


PER_CHUNK = 2_000  # annotations per piece written: a big report streams out, it is never one string


def chunks(report: Report, **_options) -> Iterator[str]:
    """Annotation lines, then one plain summary line for the job log, piece by piece."""
    findings = report.findings
    for start in range(0, len(findings), PER_CHUNK):
        yield "".join(annotation(f) + "\n" for f in findings[start:start + PER_CHUNK])
    total = report.summary()
    tail = f"i18n-check: {total['findings']} findings, {total['blocking']} blocking, in {total['catalogs']} catalogs"
    baseline = report.baseline
    if baseline is not None:
        tail += f" ({baseline.new} new, {baseline.baselined} baselined, {baseline.fixed} fixed)"
    yield tail + "\n"


def render(report: Report, **options) -> str:
    """The annotations as one string (see `chunks`)."""
    return "".join(chunks(report, **options))
