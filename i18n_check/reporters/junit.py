"""The JUnit XML report CI test views read (GitLab merge requests, Jenkins, GitHub test-report actions).

One <testsuite> per catalog and one <testcase> per finding: CI UIs list failed test cases one by
one with their message, so a finding each is what a translator can act on (GitLab's test table,
Jenkins' test result page). A blocking finding is a <failure>; a non-blocking one passes and
carries its warning in <system-out>, so the test view's red matches the exit code. A catalog
without findings holds one passing test case, so every checked catalog shows up.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from ..findings import Finding
from ..report import Report
from ..safe_text import excerpt

# XML 1.0 forbids these characters even as references (XML 1.0 §2.2); translations may hold them.
# DEL, C1 controls and bidi overrides are legal XML but act on the CI log or page that shows them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _shown(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_text(text: str) -> str:
    """`text` escaped for XML content, characters XML cannot carry shown as escapes."""
    return escape(XML_ILLEGAL.sub(_shown, text))


def xml_attr(text: str) -> str:
    """`text` as a quoted XML attribute value (newlines and tabs kept as character references)."""
    cleaned = XML_ILLEGAL.sub(_shown, text)
    return quoteattr(cleaned, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def case_name(finding: Finding) -> str:
    """What a CI UI lists: rule, line and the start of the source text."""
    concept = f"[{finding.concept}]" if finding.concept else ""
    return f"{finding.rule}{concept} line {finding.line}: {excerpt(finding.msgid, 60)}"


def details(finding: Finding) -> str:
    """The body of a failure: where, what, and the texts involved."""
    lines = [f"{finding.catalog}:{finding.line}: {finding.rule} ({finding.severity}): {finding.message}"]
    if finding.msgctxt is not None:
        lines.append(f"msgctxt: {finding.msgctxt}")
    lines.append(f"msgid:   {finding.msgid}")
    lines.append(f"msgstr:  {finding.msgstr}")
    if finding.expected:
        lines.append("expected: " + ", ".join(finding.expected))
    return "\n".join(lines)


def testcase(finding: Finding) -> str:
    attrs = (f'name={xml_attr(case_name(finding))} classname={xml_attr(finding.catalog)} '
             f'file={xml_attr(finding.catalog)} line="{max(finding.line, 0)}" time="0"')
    if finding.blocking:
        body = (f'<failure message={xml_attr(finding.message)} type={xml_attr(finding.rule)}>'
                f'{xml_text(details(finding))}</failure>')
    else:
        body = f'<system-out>{xml_text("warning (not blocking): " + details(finding))}</system-out>'
    return f"    <testcase {attrs}>{body}</testcase>"


def render(report: Report, **_options) -> str:
    """The report as JUnit XML: <testsuites> of one <testsuite> per catalog."""
    by_catalog: dict[str, list[Finding]] = {c.path: [] for c in report.catalogs}
    for finding in report.findings:
        by_catalog.setdefault(finding.catalog, []).append(finding)
    suites = []
    for name, findings in by_catalog.items():
        failures = sum(1 for f in findings if f.blocking)
        cases = [testcase(f) for f in findings] or [
            f'    <testcase name="no findings" classname={xml_attr(name)} file={xml_attr(name)} time="0"/>'
        ]
        suites.append(
            f'  <testsuite name={xml_attr(name)} tests="{len(cases)}" failures="{failures}" errors="0" '
            f'skipped="0" time="0">\n' + "\n".join(cases) + "\n  </testsuite>"
        )
    total = sum(max(len(f), 1) for f in by_catalog.values())
    failures = sum(1 for f in report.findings if f.blocking)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="i18n-check" tests="{total}" failures="{failures}" errors="0" skipped="0" time="0">\n'
        + "\n".join(suites) + ("\n" if suites else "") + "</testsuites>\n"
    )
