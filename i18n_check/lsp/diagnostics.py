"""A catalog's findings, as `check` gives them, turned into LSP diagnostics.

The entry rules run through check.py (`check_entries`), block by block: a block keeps its results
while its text and the setup (rules, glossary, the catalog's header and language) are unchanged, so
an edit re-checks only the entries it touched. The project rules run through `check_project` over
this catalog and the project's others on disk. A finding is placed on its entry's `msgstr` (the
failing form of a plural entry); a forbidden glossary term at its own characters.

Diagnostics are built as the JSON the protocol sends (plain dicts): a catalog just begun has a
finding per message, and 5,000 lsprotocol objects took 100 ms to build and convert.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..catalog import Catalog, Entry, base_language
from ..check import catalog_context, check_entries, check_project
from ..errors import InputError
from ..findings import ERROR, Finding
from ..glossary import FORBIDDEN
from ..rules import PROJECT, Rule
from .document import Block, PoDocument
from .layout import Field, Layout

SOURCE = "i18n-check"
SEVERITY = {ERROR: 1}  # LSP DiagnosticSeverity: 1 error, 2 warning, 3 information
WARNING_LEVEL, INFORMATION_LEVEL = 2, 3
ONLY_FORBIDDEN = frozenset({FORBIDDEN})

Units = Callable[[str, int], int]  # (line text, column in characters) -> column in the client's units
Span = tuple[int, int, int, int]   # start line, start column, end line, end column (block lines, client units)


@dataclass(frozen=True)
class Setup:
    """What the entry rules' results on a catalog depend on besides the entries: the same key, the
    same results."""

    rules: list[Rule]
    settled: dict[str, tuple[str, bool]]
    glossary: object
    name: str
    catalog: Catalog
    units: Units

    @property
    def key(self) -> tuple:
        header = self.catalog.header_entry
        return (self.glossary, tuple(r.id for r in self.rules), tuple(sorted(self.settled.items())), self.name,
                self.catalog.language, header.msgstr if header is not None else None)

    @property
    def language(self) -> str | None:
        return base_language(self.catalog.language)


class Results:
    """One block's entry findings (a list per entry) under one setup, and their diagnostics."""

    __slots__ = ("key", "findings", "diagnostics")

    def __init__(self, key: tuple, findings: list[list[Finding]]):
        self.key = key
        self.findings = findings
        self.diagnostics: list[tuple[Span, dict]] | None = None


def stale(block: Block, key: tuple) -> bool:
    return block.results is None or block.results.key != key


def check_blocks(document: PoDocument, setup: Setup, budget: int) -> bool:
    """Run the entry rules on blocks whose results are missing or stale, about `budget` entries
    at most; True when every block has its results."""
    key = setup.key
    ctx = catalog_context(setup.catalog, setup.name, setup.glossary)
    for block in document.blocks:
        if not stale(block, key):
            continue
        if budget <= 0:
            return False
        entries = block.catalog.entries
        block.results = Results(key, check_entries(entries, ctx, setup.rules, setup.settled))
        budget -= len(entries)
    return True


def form_of(finding: Finding, entry: Entry) -> int:
    """Which translation form the finding is about: the one it shows, else the first."""
    for index, text in enumerate(entry.msgstr):
        if text == finding.msgstr:
            return index
    return 0


def field_span(field: Field, lines: list[str], units: Units) -> Span:
    (line, column), (end_line, end_column) = (field.line, field.column), field.end
    return line, units(lines[line], column), end_line, units(lines[end_line], end_column)


def term_span(finding: Finding, entry: Entry, form: int, field: Field, lines: list[str], setup: Setup) -> Span | None:
    """Where the forbidden term of a glossary-forbidden finding stands in the translation."""
    glossary, text = setup.glossary, entry.msgstr[form]
    if glossary is None or finding.concept is None:
        return None
    found = [m for m in glossary.find(text, setup.language, ONLY_FORBIDDEN) if m.status == FORBIDDEN and m.concept == finding.concept]
    found.sort(key=lambda m: m.text != finding.term)  # the occurrence the finding names first
    for match in found:
        start, end = field.locate(text, match.start), field.locate(text, match.end, end=True)
        if start and end:
            return start[0], setup.units(lines[start[0]], start[1]), end[0], setup.units(lines[end[0]], end[1])
    return None


def finding_span(finding: Finding, entry: Entry, layout: Layout, lines: list[str], setup: Setup) -> Span:
    """Where a finding is shown: the translation it is about, a forbidden term at its characters."""
    form = form_of(finding, entry)
    field = layout.msgstr(form) or layout.msgstr(0) or layout.fields.get("msgid")
    if field is None:  # not a layout the reader gives; show the msgid line
        return layout.msgid_line, 0, layout.msgid_line, units_of_line(lines[layout.msgid_line], setup.units)
    if finding.rule == "glossary-forbidden":
        span = term_span(finding, entry, form, field, lines, setup)
        if span is not None:
            return span
    return field_span(field, lines, setup.units)


def units_of_line(line: str, units: Units) -> int:
    return units(line, len(line))


def payload(finding: Finding) -> dict:
    """The diagnostic but its range: rule id as code, the finding's message as `check` words it."""
    note = "" if finding.blocking else " (not blocking)"
    data = {"rule": finding.rule}
    if finding.concept is not None:
        data["concept"] = finding.concept
    return {"severity": SEVERITY.get(finding.severity, WARNING_LEVEL), "code": finding.rule, "source": SOURCE,
            "message": finding.message + note, "data": data}


def block_diagnostics(block: Block, setup: Setup) -> list[tuple[Span, dict]]:
    """The block's entry findings as (span in the block, payload), worked out once per results."""
    results = block.results
    if results.diagnostics is None:
        found = []
        for entry, findings in zip(block.catalog.entries, results.findings):
            if findings:
                layout = block.layout(entry.line)
                found.extend((finding_span(f, entry, layout, block.lines, setup), payload(f)) for f in findings)
        results.diagnostics = found
    return results.diagnostics


def placed(span: Span, shift: int, body: dict) -> dict:
    line, column, end_line, end_column = span
    return {"range": {"start": {"line": line + shift, "character": column}, "end": {"line": end_line + shift, "character": end_column}}, **body}


def document_diagnostics(document: PoDocument, setup: Setup | None, project_findings: list[Finding], key: tuple | None) -> list[dict]:
    """Every diagnostic of the document's findings: the entry rules' of each block (results under
    `key` only: a block not checked yet has none), then the project rules'."""
    out = []
    for block, shift in zip(document.blocks, document.starts):
        if setup is not None and block.results is not None and block.results.key == key:
            out.extend(placed(span, shift, body) for span, body in block_diagnostics(block, setup))
    for finding in project_findings:
        where = document.locate(finding.line)
        if where is None:
            continue
        block, shift = document.blocks[where[0]], document.starts[where[0]]
        entry = block.catalog.entries[where[1]]
        span = finding_span(finding, entry, block.layout(entry.line), block.lines, setup)
        out.append(placed(span, shift, payload(finding)))
    return out


def line_diagnostic(lines: list[str], line: int | None, column: int | None, message: str, severity: int, units: Units) -> dict:
    """A diagnostic on one of `lines` (1-based `line`, None: the first), from `column` (1-based) to the line's end."""
    number = min(max((line or 1) - 1, 0), max(len(lines) - 1, 0))
    content = lines[number] if lines else ""
    start = min(max((column or 1) - 1, 0), len(content))
    return {"range": {"start": {"line": number, "character": units(content, start)},
                      "end": {"line": number, "character": units(content, len(content))}},
            "severity": severity, "source": SOURCE, "message": message}


def input_error_diagnostic(text: str, error: InputError, units: Units) -> dict:
    """The reader's error on the buffer, at its line: what `check` would stop on (exit 2)."""
    return line_diagnostic(text.split("\n"), error.line, error.column, error.reason, SEVERITY[ERROR], units)


def project_findings_of(catalogs: list[tuple[Catalog, str]], setup: Setup) -> list[Finding]:
    """The project rules' findings on the catalog of `setup`, comparing it with `catalogs`."""
    if not any(r.scope == PROJECT for r in setup.rules):
        return []
    every = check_project([(setup.catalog, setup.name), *catalogs], setup.rules, setup.glossary, setup.settled)
    return [f for f in every if f.catalog == setup.name]
