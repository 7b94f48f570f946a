"""Explanations as text (CONTRACT §3 rule 13): for `check --explain` and `glossary explain`."""

from __future__ import annotations

from ..glossary.explain import Explanation, TermCheck
from ..safe_text import inert


def term_lines(check: TermCheck, indent: str) -> list[str]:
    """`term [status]: found “…” | not found`, then the rule that decided and why."""
    head = f"found “{inert(check.found)}”" if check.found is not None else "not found"
    lines = [f"{indent}{inert(check.term)} [{check.status}, {check.kind}]: {head}",
             f"{indent}  rule {check.rule}: {inert(check.reason)}"]
    return lines


def explanation_lines(explanation: Explanation, label: str, indent: str = "      ") -> list[str]:
    """The terms checked against one text, under a `label` line."""
    lines = [f"{indent[:-2]}{label} ({explanation.lang}):"]
    if not explanation.terms:
        lines.append(f"{indent}no term of the concept there, nor a word near one")
    for check in explanation.terms:
        lines.extend(term_lines(check, indent))
    return lines


def finding_lines(explained) -> list[str]:
    """The lines shown under a glossary finding with `check --explain` (a FindingExplanation)."""
    lines = ["    explain (rule 13):"]
    if explained.source is not None:
        lines.extend(explanation_lines(explained.source, "source"))
    lines.extend(explanation_lines(explained.translation, "translation"))
    return lines


def render_explanation(explanation: Explanation) -> str:
    """`glossary explain`: the words as compared, then every term found or nearly found."""
    lines = [f"text ({explanation.lang}): {inert(explanation.text)}", "words compared (inflection key; Snowball stem):"]
    for w in explanation.words:
        lines.append(f"  {inert(w.text)}: {'/'.join(map(inert, w.inflection))}; {'/'.join(map(inert, w.family))}")
    if not explanation.terms:
        lines.append("no glossary term found, and no term with a word near one of these")
    concept = None
    for check in explanation.terms:
        if check.concept != concept:
            concept = check.concept
            lines.append(f"concept {inert(concept)}:")
        lines.extend(term_lines(check, "  "))
    return "\n".join(lines) + "\n"
