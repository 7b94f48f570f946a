"""The translator's report: `path:line: rule: message`, grouped by catalog, then a summary per language."""

from __future__ import annotations

from typing import Iterator

from ..findings import ERROR, Finding
from ..report import Report
from .explain import finding_lines
from ..safe_text import excerpt, inert

STYLES = {"error": "\x1b[31m", "warning": "\x1b[33m", "path": "\x1b[1m", "dim": "\x1b[2m", "ok": "\x1b[32m"}
RESET = "\x1b[0m"


PER_CHUNK = 2_000  # findings per piece written: a big report streams out, it is never one string


def chunks(report: Report, color: bool = False, verbose: bool = True, show_ignored: bool = False) -> Iterator[str]:
    """Findings grouped by catalog, each with a short msgid/msgstr excerpt, then (`show_ignored`)
    the findings ignore comments silence, then the summary, piece by piece."""

    def paint(text: str, style: str) -> str:
        return f"{STYLES[style]}{text}{RESET}" if color else text

    lines: list[str] = []
    current = None
    explained = report.explanations or {}  # check --explain (CONTRACT §3 rule 13)

    def entry_lines(f: Finding) -> None:
        if f.references:
            lines.append(paint(f"    page:    {pages(f.references)}", "dim"))
        if f.msgctxt:
            lines.append(paint(f"    msgctxt: {excerpt(f.msgctxt)}", "dim"))
        lines.append(paint(f"    msgid:   {excerpt(f.msgid)}", "dim"))
        lines.append(paint(f"    msgstr:  {excerpt(f.msgstr) if f.msgstr else '(empty)'}", "dim"))

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
            entry_lines(f)
        if f in explained:
            lines.extend(finding_lines(explained[f]))
        if number % PER_CHUNK == 0:
            yield "\n".join(lines) + "\n"
            lines = []
    if report.findings:
        lines.append("")
    since = report.since
    if since is not None and since.fixed:
        lines.append(paint(f"Fixed since {inert(since.ref)} (lines as they were there)", "path"))
        for f in since.fixed:
            lines.append(f"{inert(f.catalog)}:{f.line}: {paint(f.rule, 'ok')}: {inert(f.message)}")
            if verbose:
                entry_lines(f)
        lines.append("")
    if show_ignored and report.ignored:
        lines.append(paint("Silenced by ignore comments (not counted, never blocking)", "path"))
        for silenced in report.ignored:
            f = silenced.finding
            lines.append(f"{inert(f.catalog)}:{f.line}: {paint(f.rule, 'dim')}: {inert(f.message)} "
                         f"{paint('(silenced: “# ' + inert(silenced.comment.strip()) + '”)', 'dim')}")
            if verbose:
                entry_lines(f)
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
    if report.baseline is not None:
        tail += f" ({report.baseline.new} new, {report.baseline.baselined} baselined, {report.baseline.fixed} fixed since the baseline)"
    if since is not None:
        tail += (f" ({since.new} new since {inert(since.ref)}, {since.unchanged} already there, {len(since.fixed)} fixed; "
                 f"{since.commit[:10]})")
    lines.append("")
    lines.append(tail + ".")
    if since is not None and since.glossary_missing:
        lines.append(f"{inert(since.ref)} has no glossary at {inert(report.glossary or '')}: every glossary finding counts as new.")
    if since is not None and since.catalogs_missing:
        lines.append(f"{inert(since.ref)} has no {', '.join(map(inert, since.catalogs_missing))}: their findings count as new.")
    if report.ignored and not show_ignored:
        count = len(report.ignored)
        lines.append(f"{count} finding{'s' if count != 1 else ''} silenced by ignore comments; --show-ignored lists "
                     f"{'them' if count != 1 else 'it'}.")
    if show_ignored and not report.ignored:
        lines.append("No finding silenced by ignore comments.")
    if report.mentions:
        count = len(report.mentions)
        lines.append(f"{count} forbidden term{'s' if count != 1 else ''} mentioned, not used (rule 12: inside a citation, or "
                     f"the source's own wording); --format json and `i18n-check report` list them.")
    yield "\n".join(lines) + "\n"


PAGES_SHOWN = 3  # references listed per finding; the rest are counted


def pages(references: tuple[str, ...]) -> str:
    """The entry's `#:` references, the pages it stands on: `content/en/page.md:12, … (+2 more)`."""
    shown = ", ".join(inert(r) for r in references[:PAGES_SHOWN])
    return shown + (f" (+{len(references) - PAGES_SHOWN} more)" if len(references) > PAGES_SHOWN else "")


def render(report: Report, color: bool = False, verbose: bool = True, show_ignored: bool = False) -> str:
    """The translator's report as one string (see `chunks`)."""
    return "".join(chunks(report, color, verbose, show_ignored))
