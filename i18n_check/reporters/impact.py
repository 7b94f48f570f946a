"""`glossary impact` as text (for the terminal) and JSON (for tools): per concept and language,
the entries that become non-compliant and those that become compliant (impact.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..version import __version__
from ..safe_text import excerpt, inert, json_inert
from .text import pages

if TYPE_CHECKING:  # what impact.py computes; a reporter only formats it
    from ..impact import Change, Impact


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def change_lines(change: Change, label: str) -> list[str]:
    """An entry: where, each finding that decides, and the msgid/msgstr excerpts."""
    lines = []
    for finding in change.findings:
        lines.append(f"  {label}: {inert(change.catalog)}:{change.line}: {finding.rule}: {inert(finding.message)}")
    if change.references:
        lines.append(f"      page:    {pages(change.references)}")
    if change.msgctxt:
        lines.append(f"      msgctxt: {excerpt(change.msgctxt)}")
    lines.append(f"      msgid:   {excerpt(change.msgid)}")
    lines.append(f"      msgstr:  {excerpt(change.msgstr) if change.msgstr else '(empty)'}")
    return lines


def render_text(impact: Impact) -> str:
    """The impact for a terminal: a verdict, then each concept and language that changes."""
    lines = [f"Glossary impact of {inert(impact.old)} -> {inert(impact.new)} on {plural(impact.catalogs, 'catalog')} "
             f"({plural(impact.messages, 'message')}): {plural(impact.noncompliant, 'entry', 'entries')} become"
             f"{'s' if impact.noncompliant == 1 else ''} non-compliant, {plural(impact.compliant, 'entry', 'entries')} "
             f"become{'s' if impact.compliant == 1 else ''} compliant."]
    for concept in impact.concepts:
        lines.append("")
        lines.append(f"{inert(concept.concept)} ({inert(concept.language)}): entries failing the concept "
                     f"{concept.before} -> {concept.after}")
        for change in concept.noncompliant:
            lines.extend(change_lines(change, "becomes non-compliant"))
        for change in concept.compliant:
            lines.extend(change_lines(change, "becomes compliant, was"))
    if not impact.concepts:
        lines.append("No entry changes: every entry keeps its compliance with every concept.")
    if impact.added or impact.removed:
        lines.append("")
        if impact.added:
            lines.append(f"Concepts only in {inert(impact.new)}: {', '.join(map(inert, impact.added))}")
        if impact.removed:
            lines.append(f"Concepts only in {inert(impact.old)}: {', '.join(map(inert, impact.removed))}")
    return "\n".join(lines) + "\n"


def render_json(impact: Impact) -> str:
    """The impact as JSON: `old`, `new`, `summary` and `concepts` (impact.py's `as_dict`)."""
    data = {"tool": "i18n-check", "version": __version__, **impact.as_dict()}
    return json_inert(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


FORMATS = {"text": render_text, "json": render_json}
