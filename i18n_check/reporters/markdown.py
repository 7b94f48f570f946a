"""A compact Markdown summary for a pull-request comment (GitHub, GitLab, Gitea render it).

A verdict line, one table row per language, then the findings in collapsed <details> blocks,
blocking ones first, each list capped so a comment stays readable on a big catalog. Catalog
text is escaped so it is shown, never rendered: no markup, no links, no @mentions.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..pages import split_reference
from ..report import Report
from ..safe_text import excerpt

LIMIT = 50  # findings listed per block; the rest are counted

# Every ASCII punctuation character may be backslash-escaped in CommonMark (spec §2.4); escaping
# all of them keeps emphasis, links, HTML, tables and headings out of translated text.
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'=:$^])")


def md(text: str, width: int = 80) -> str:
    """`text` as inert Markdown inline text: one line, punctuation escaped, mentions defused."""
    text = MD_SPECIAL.sub(r"\\\1", excerpt(text, width))
    # A backslash does not stop GitHub's @mention or #123 autolinks: a zero-width joiner does.
    return text.replace("@", "@\u2060")


def item(finding: Finding, grouped: bool = False, comments: dict[int, str] | None = None) -> str:
    where = md(f"{finding.catalog}:{finding.line}", 200)
    if grouped and finding.references:  # under its page's name: the line there, and any other place
        page, line = split_reference(finding.references[0])
        others = finding.references[1:]
        where += f" \\(page line {line}" + ("; also " + md(", ".join(others), 200) if others else "") + "\\)"
    concept = f" \\[{md(finding.concept)}\\]" if finding.concept else ""
    source = md(finding.msgid, 60)
    target = md(finding.msgstr, 60) if finding.msgstr else "_\\(empty\\)_"
    silenced = f"<br>silenced: “\\# {md(comments[id(finding)].strip(), 160)}”" if comments else ""
    return f"- {where} **{finding.rule}**{concept}: {md(finding.message, 160)}<br>{source} → {target}{silenced}"


def block(title: str, findings: list[Finding], comments: dict[int, str] | None = None) -> list[str]:
    """A collapsed list of `findings` (grouped by page when they have references); `comments`
    (by finding id): the ignore comment that silences each, shown after it."""
    if not findings:
        return []
    lines = ["", f"<details><summary>{title} ({len(findings)})</summary>", ""]
    shown = findings[:LIMIT]
    if any(f.references for f in shown):  # grouped by the page the message stands on (its first reference)
        groups: dict[str | None, list[Finding]] = {}
        for f in shown:
            groups.setdefault(split_reference(f.references[0])[0] if f.references else None, []).append(f)
        for page in sorted(groups, key=lambda p: (p is None, p or "")):
            lines += [f"**{md(page, 200)}**" if page is not None else "**Not on a page**", ""]
            ordered = sorted(groups[page], key=lambda f: split_reference(f.references[0])[1] or 0 if f.references else 0)
            lines += [item(f, True, comments) for f in ordered] + [""]
        lines.pop()
    else:
        lines += [item(f, False, comments) for f in shown]
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
    baseline = report.baseline
    if baseline is not None:
        lines += ["", f"Baseline: **{baseline.new} new**, {baseline.baselined} baselined, {baseline.fixed} fixed."]
    since = report.since
    if since is not None:
        lines += ["", f"Since `{md(since.ref, 80)}`: **{since.new} new**, {since.unchanged} already there, {len(since.fixed)} fixed."]
    lines += ["", "| language | translated | fuzzy | findings |", "|---|---:|---:|---|"]
    for lang, s in report.languages().items():
        pct = 100.0 * s["translated"] / s["messages"] if s["messages"] else 100.0
        by_rule = ", ".join(f"{rule} {n}" for rule, n in s["by_rule"].items()) or "none"
        lines.append(f"| {md(lang)} | {s['translated']}/{s['messages']} ({pct:.1f}%) | {s['fuzzy']} | {by_rule} |")
    lines += block("Blocking findings", [f for f in report.findings if f.blocking])
    lines += block("Warnings", [f for f in report.findings if not f.blocking])
    if since is not None:
        lines += block(f"Fixed since {md(since.ref, 80)}", list(since.fixed))
    lines += block("Silenced by translators' ignore comments", [i.finding for i in report.ignored],
                   {id(i.finding): i.comment for i in report.ignored})
    return "\n".join(lines) + "\n"
