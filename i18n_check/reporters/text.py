"""The translator's report: `path:line: rule: message`, grouped by catalog, then a summary per language."""

from __future__ import annotations

from typing import Iterator

from ..findings import ERROR, Report
from .explain import finding_lines
from .safe_text import excerpt, inert

STYLES = {"error": "\x1b[31m", "warning": "\x1b[33m", "path": "\x1b[1m", "dim": "\x1b[2m", "ok": "\x1b[32m"}
RESET = "\x1b[0m"


PER_CHUNK = 2_000  # findings per piece written: a big report streams out, it is never one string


def chunks(report: Report, color: bool = False, verbose: bool = True) -> Iterator[str]:
    """Findings grouped by catalog, each with a short msgid/msgstr excerpt, then the summary, piece by piece."""

    def paint(text: str, style: str) -> str:
        return f"{STYLES[style]}{text}{RESET}" if color else text

    lines: list[str] = []
    current = None
    explained = report.extra.get("explanations") or {}  # check --explain (CONTRACT §3 rule 13)
    for number, f in enumerate(report.findings, 1):
        if f.catalog != current:
            if current is not None:
                lines.append("")
            current = f.catalog
            lines.append(paint(inert(f.catalog), "path"))
        level = "error" if f.severity == ERROR else "warning"
        mark = "" if f.blocking else paint(" (not blocking)", "dim")
        lines.append(f"{inert(f.catalog)}:{f.line}: {paint(f.rule, level)}: {inert(f.message)}{mark}")
        if verbose:
            if f.msgctxt:
                lines.append(paint(f"    msgctxt: {excerpt(f.msgctxt)}", "dim"))
            lines.append(paint(f"    msgid:   {excerpt(f.msgid)}", "dim"))
            lines.append(paint(f"    msgstr:  {excerpt(f.msgstr) if f.msgstr else '(empty)'}", "dim"))
        if f in explained:
            lines.extend(finding_lines(explained[f]))
        if number % PER_CHUNK == 0:
            yield "\n".join(lines) + "\n"
            lines = []
    if report.findings:
        lines.append("")

    lines.append("language  catalogs  messages  translated        findings")
    for lang, s in report.languages().items():
        pct = 100.0 * s["translated"] / s["messages"] if s["messages"] else 100.0
        by_rule = ", ".join(f"{rule} {n}" for rule, n in s["by_rule"].items()) or "none"
        lines.append(f"{inert(lang):<9} {s['catalogs']:>8}  {s['messages']:>8}  {s['translated']:>8} {pct:5.1f}%   {by_rule}")

    total = report.summary()
    verdict = (
        paint(f"{total['blocking']} blocking finding{'s' if total['blocking'] != 1 else ''}", "error")
        if total["blocking"] else paint("no blocking finding", "ok")
    )
    # A run without a glossary checked no terminology: said in the summary, never left to guess.
    without = " (no glossary)" if report.glossary is None else ""
    tail = (f"{total['findings']} finding{'s' if total['findings'] != 1 else ''} in {total['catalogs']} "
            f"catalog{'s' if total['catalogs'] != 1 else ''}{without}: {verdict}")
    if report.baselined or report.fixed or "baseline" in report.extra:
        tail += f" ({len(report.findings)} new, {report.baselined} baselined, {report.fixed} fixed since the baseline)"
    lines.append("")
    lines.append(tail + ".")
    if report.mentions:
        count = len(report.mentions)
        lines.append(f"{count} forbidden term{'s' if count != 1 else ''} mentioned, not used (rule 12: inside a citation, or "
                     f"the source's own wording); --format json and `i18n-check report` list them.")
    yield "\n".join(lines) + "\n"


def render(report: Report, color: bool = False, verbose: bool = True) -> str:
    """The translator's report as one string (see `chunks`)."""
    return "".join(chunks(report, color, verbose))
