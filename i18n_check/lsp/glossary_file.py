"""Diagnostics for the glossary file: what `glossary lint` says, at the line and column it names.

The loader's validation error (what makes `check` exit 2) when the glossary does not load, else
every lint finding. A diagnostic covers the YAML value at the position given: a term, a quoted
string, a `{term: ...}` mapping, or the rest of the line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..glossary.lint import ERROR, lint_glossary
from ..glossary.load import parse_glossary
from .diagnostics import SEVERITY, WARNING_LEVEL, Units, line_diagnostic

CLOSING = {'"': '"', "'": "'", "{": "}", "[": "]"}


def value_end(line: str, start: int) -> int:
    """Where the YAML value starting at `start` on `line` ends: its closing quote or bracket, else
    the next `,`, `]`, `}`, ` #` or `: ` (after a key) of a flow or plain value, else the line's end."""
    opening = line[start:start + 1]
    if opening in CLOSING:
        close, depth = CLOSING[opening], 0
        for at in range(start, len(line)):
            char = line[at]
            if char == opening and opening != close:
                depth += 1
            elif char == close and (at > start or opening != close):
                depth -= 1
                if depth <= 0:
                    return at + 1
        return len(line)
    end = len(line)
    for stop in (",", "]", "}", " #", ": "):
        found = line.find(stop, start)
        if found >= 0:
            end = min(end, found)
    if line.endswith(":") and end == len(line):
        end -= 1  # a key alone on its line
    return len(line[:end].rstrip()) if end > start else len(line)


def located(lines: list[str], line: int | None, column: int | None, message: str, severity: int, units: Units, code: str | None) -> dict:
    """A diagnostic on the YAML value at 1-based `line` and `column` (the whole line without a column)."""
    diagnostic = line_diagnostic(lines, line, column, message, severity, units)
    if code:
        diagnostic["code"] = code
    if line and column and line - 1 < len(lines):
        content = lines[line - 1]
        diagnostic["range"]["end"]["character"] = units(content, max(value_end(content, column - 1), column - 1))
    return diagnostic


def glossary_diagnostics(text: str, path: Path, units: Units):
    """(the glossary, or None when it does not load; its diagnostics)."""
    lines = text.split("\n")
    try:
        glossary = parse_glossary(text, path)
    except InputError as exc:
        return None, [located(lines, exc.line, exc.column, exc.reason, SEVERITY[ERROR], units, None)]
    return glossary, [
        located(lines, f.line, f.column, f.message, SEVERITY[ERROR] if f.level == ERROR else WARNING_LEVEL, units, f.code)
        for f in lint_glossary(glossary)
    ]
