"""A compact Markdown summary for a pull-request comment (GitHub, GitLab, Gitea render it).

A verdict line, one table row per language, then the findings in collapsed <details> blocks,
blocking ones first, each list capped so a comment stays readable on a big catalog. Catalog
text is escaped so it is shown, never rendered: no markup, no links, no @mentions.
"""

from __future__ import annotations

import re

from ..findings import Finding, Report
from .safe_text import excerpt

LIMIT = 50  # findings listed per block; the rest are counted

# Every ASCII punctuation character may be backslash-escaped in CommonMark (spec §2.4); escaping
# all of them keeps emphasis, links, HTML, tables and headings out of translated text.
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'=:$^])")


def md(text: str, width: int = 80) -> str:
    """`text` as inert Markdown inline text: one line, punctuation escaped, mentions defused."""
    text = MD_SPECIAL.sub(r"\\\1", excerpt(text, width))
    # A backslash does not stop GitHub's @mention or #123 autolinks: a zero-width joiner does.
    return text.replace("@", "@\u2060")


def item(finding: Finding) -> str:
    where = md(f"{finding.catalog}:{finding.line}", 200)
    concept = f" \\[{md(finding.concept)}\\]" if finding.concept else ""
    source = md(finding.msgid, 60)
    target = md(finding.msgstr, 60) if finding.msgstr else "_\\(empty\\)_"
    return f"- {where} **{finding.rule}**{concept}: {md(finding.message, 160)}<br>{source} → {target}"


def block(title: str, findings: list[Finding]) -> list[str]:
    if not findings:
        return []
    lines = ["", f"<details><summary>{title} ({len(findings)})</summary>", ""]
    lines += [item(f) for f in findings[:LIMIT]]
    if len(findings) > LIMIT:
        lines.append(f"- … and {len(findings) - LIMIT} more")
    lines += ["", "</details>"]
    return lines


def render(report: Report, **_options) -> str:
    """The report as a short Markdown comment."""
    total = report.summary()
    mark = "❌" if total["blocking"] else "✅"
    verdict = f"{total['blocking']} blocking" if total["blocking"] else "no blocking finding"
    lines = [f"### {mark} i18n-check: {verdict}, {total['findings']} findings in {total['catalogs']} catalogs"]
    baseline = report.extra.get("baseline")
    if baseline is not None:
        lines += ["", f"Baseline: **{baseline['new']} new**, {baseline['baselined']} baselined, {baseline['fixed']} fixed."]
    lines += ["", "| language | translated | fuzzy | findings |", "|---|---:|---:|---|"]
    for lang, s in report.languages().items():
        pct = 100.0 * s["translated"] / s["messages"] if s["messages"] else 100.0
        by_rule = ", ".join(f"{rule} {n}" for rule, n in s["by_rule"].items()) or "none"
        lines.append(f"| {md(lang)} | {s['translated']}/{s['messages']} ({pct:.1f}%) | {s['fuzzy']} | {by_rule} |")
    lines += block("Blocking findings", [f for f in report.findings if f.blocking])
    lines += block("Warnings", [f for f in report.findings if not f.blocking])
    return "\n".join(lines) + "\n"
