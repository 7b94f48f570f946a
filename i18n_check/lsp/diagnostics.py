"""A catalog's findings, as `check` gives them, turned into LSP diagnostics.

The entry rules run through check.py (`check_entries`), block by block: a block keeps its results
while its text and the setup (rules, glossary, the catalog's header and language) are unchanged, so
an edit re-checks only the entries it touched. The catalog rules (plural-forms: the header and each
plural entry's forms) run through `check_catalogs` over this catalog, and the project rules through
`check_project` over it and the project's others on disk. A finding is placed on its entry's `msgstr` (the
failing form of a plural entry); a forbidden glossary term at its own characters.

Diagnostics are kept as the JSON text the protocol sends, each block's worked out once and moved
down by its first line when published: a catalog just begun has a finding per message, and 5,000
lsprotocol objects took 100 ms to build and convert, 5,000 dicts 50 ms to serialise.
"""

from __future__ import annotations

import json
import dataclasses
from dataclasses import dataclass, replace
from typing import Callable

from ..catalog import Catalog, Entry
from ..check import catalog_context, check_catalogs, check_entries, check_project
from ..errors import InputError
from ..findings import CITATION, ERROR, Finding, Mention
from ..glossary import FORBIDDEN, TermMatch
from ..glossary.index import GlossaryIndex
from ..languages import base_language
from ..rules import CATALOG, PROJECT, Rule
from .document import Block, PoDocument
from .layout import Field, Layout

SOURCE = "i18n-check"
SEVERITY = {ERROR: 1}  # LSP DiagnosticSeverity: 1 error, 2 warning, 3 information
WARNING_LEVEL, INFORMATION_LEVEL = 2, 3
ONLY_FORBIDDEN = frozenset({FORBIDDEN})

Units = Callable[[str, int], int]  # (line text, column in characters) -> column in the client's units
Span = tuple[int, int, int, int]   # start line, start column, end line, end column (block lines, client units)
Template = tuple[int, int, int, int, str]  # a span, and the rest of the diagnostic as JSON members


@dataclass(frozen=True)
class Setup:
    """What a catalog's findings depend on besides its entries. Results are kept under `key`:
    equal setups share one key object (see `same_key`), so that a result's key is compared by identity."""

    rules: list[Rule]
    settled: dict[str, tuple[str, bool]]
    glossary: GlossaryIndex | None
    name: str
    catalog: Catalog   # the document's `content`: its header and entries (lines counted per block)
    units: Units
    key: tuple = dataclasses.field(init=False, compare=False)

    def __post_init__(self):
        header = self.catalog.header_entry
        # As the result cache's key (cache.py catalog_key): besides the header, the placeholder rule
        # reads the catalog's other plural entries (how many forms each has), through Catalog.often_forms.
        key = (self.glossary, tuple(r.id for r in self.rules), tuple(sorted(self.settled.items())), self.name,
               self.catalog.language, header.msgstr if header is not None else None, self.catalog.often_forms)
        object.__setattr__(self, "key", key)

    def same_key(self, before: Setup | None) -> Setup:
        """This setup, holding `before`'s key object when the keys are equal."""
        if before is not None and before.key is not self.key and before.key == self.key:
            object.__setattr__(self, "key", before.key)
        return self

    @property
    def language(self) -> str | None:
        return base_language(self.catalog.language)


class Results:
    """One block's results under one setup: per entry, the entry rules' findings and mentions
    (rule 12) and the project rules' findings (`project` None until worked out); and the block's
    diagnostics (see `templates`)."""

    __slots__ = ("key", "findings", "mentions", "project", "templates", "placed")

    def __init__(self, key: tuple, results: list[tuple[list[Finding], list[Mention]]]):
        self.key = key
        self.findings = [found for found, _ in results]
        self.mentions = [mentions for _, mentions in results]
        self.project: list[list[Finding]] | None = None
        self.templates: list[Template] | None = None
        self.placed: tuple[int, list[str]] | None = None  # (the block's first line, its diagnostics' JSON there)

    def of(self, index: int) -> list[Finding]:
        """Every finding on the block's entry `index`."""
        return self.findings[index] + (self.project[index] if self.project is not None else [])


def check_blocks(document: PoDocument, setup: Setup, budget: int) -> bool:
    """Run the entry rules on blocks whose results are missing or stale, about `budget` entries
    at most; True when every block has its results."""
    key = setup.key
    ctx = catalog_context(setup.catalog, setup.name, setup.glossary)
    for block in document.blocks:
        if block.results is not None and block.results.key is key:
            continue
        if budget <= 0:
            return False
        entries = block.catalog.entries
        block.results = Results(key, check_entries(entries, ctx, setup.rules, setup.settled))
        budget -= len(entries)
    return True


def check_project_blocks(document: PoDocument, setup: Setup, others: list[tuple[Catalog, str]],
                         subset: Callable[[Catalog, set], Catalog]) -> None:
    """Give each block without them its catalog and project rules' findings.

    The project rules compare the entries of one message (msgctxt, msgid) across catalogs and
    nothing else: the findings on a block's entries change only when the block does (or the other
    catalogs, or the setup: then every block starts without them). So when few blocks need them,
    the rules run on those blocks' messages only, in this catalog and in each other one
    (`subset(catalog, keys)`), and give the same findings for them as over everything.
    """
    todo = [(block, shift) for block, shift in zip(document.blocks, document.starts) if block.results.project is None]
    if not todo:
        return
    by_line: dict[int, list[Finding]] = {}
    # The catalog rules read the header and each entry: what they say of an entry changes only with
    # it or the header (which changes the setup's key), so they run over the whole catalog, cheaply.
    if any(rule.scope == CATALOG for rule in setup.rules):
        for finding in check_catalogs([(document.catalog, setup.name)], setup.rules, setup.glossary, setup.settled):
            by_line.setdefault(finding.line, []).append(finding)
    if any(rule.scope == PROJECT for rule in setup.rules):
        entries = [entry for block, shift in todo for entry in block.at(shift)[0]]
        if len(entries) * 2 > len(setup.catalog.entries):
            catalogs = [(document.catalog, setup.name), *others]
        else:
            keys = {entry.key for entry in entries}
            catalogs = [(replace(setup.catalog, entries=tuple(entries)), setup.name), *((subset(c, keys), name) for c, name in others)]
        for finding in check_project(catalogs, setup.rules, setup.glossary, setup.settled):
            if finding.catalog == setup.name:
                by_line.setdefault(finding.line, []).append(finding)
    for block, shift in todo:
        block.results.project = [by_line.get(entry.line, []) for entry in block.at(shift)[0]]
        block.results.templates = block.results.placed = None


def form_of(finding: Finding, entry: Entry) -> int:
    """Which translation form the finding is about: the one it shows, else the first."""
    for index, text in enumerate(entry.msgstr):
        if text == finding.msgstr:
            return index
    return 0


def field_span(field: Field, lines: list[str], units: Units) -> Span:
    (line, column), (end_line, end_column) = (field.line, field.column), field.end
    return line, units(lines[line], column), end_line, units(lines[end_line], end_column)


def forbidden_matches(finding: Finding, entry: Entry, form: int, setup: Setup, mentions: list[Mention]) -> list[TermMatch]:
    """The forbidden terms of the finding's concept used in translation `form`: what the matcher
    finds, but the ones the entry mentions (rule 12); the one the finding names first."""
    glossary, text = setup.glossary, entry.msgstr[form]
    if glossary is None or finding.concept is None:
        return []
    mentioned = {m.span for m in mentions if m.msgstr == text and m.concept == finding.concept}
    found = [m for m in glossary.find(text, setup.language, ONLY_FORBIDDEN)
             if m.status == FORBIDDEN and m.concept == finding.concept and (m.start, m.end) not in mentioned]
    return sorted(found, key=lambda m: m.text != finding.term)


def text_span(field: Field, text: str, start: int, end: int, lines: list[str], units: Units) -> Span | None:
    """The span of characters start..end of a field's value `text`, if its strings spell it."""
    first, last = field.locate(text, start), field.locate(text, end, end=True)
    if first is None or last is None:
        return None
    return first[0], units(lines[first[0]], first[1]), last[0], units(lines[last[0]], last[1])


def finding_span(finding: Finding, entry: Entry, layout: Layout, lines: list[str], setup: Setup, mentions: list[Mention]) -> Span:
    """Where a finding is shown: the translation it is about, a forbidden term at its characters."""
    form = form_of(finding, entry)
    field = layout.msgstr(form) or layout.msgstr(0) or layout.fields.get("msgid")
    if field is None:  # not a layout the reader gives; show the msgid line
        return layout.msgid_line, 0, layout.msgid_line, units_of_line(lines[layout.msgid_line], setup.units)
    if finding.rule == "glossary-forbidden":
        for match in forbidden_matches(finding, entry, form, setup, mentions):
            span = text_span(field, entry.msgstr[form], match.start, match.end, lines, setup.units)
            if span is not None:
                return span
    return field_span(field, lines, setup.units)


def mention_diagnostic(mention: Mention, entry: Entry, layout: Layout, lines: list[str], setup: Setup) -> tuple[Span, dict] | None:
    """A forbidden term mentioned, not used (rule 12): shown, never hidden, as information."""
    form = next((i for i, text in enumerate(entry.msgstr) if text == mention.msgstr), 0)
    field = layout.msgstr(form)
    span = text_span(field, mention.msgstr, *mention.span, lines, setup.units) if field and mention.span else None
    if span is None:
        return None
    why = "inside the citation" if mention.reason == CITATION else "the source quotes"
    return span, {"severity": INFORMATION_LEVEL, "source": SOURCE, "data": {"concept": mention.concept},
                  "message": f"«{mention.term}» is mentioned, not used: {why} «{mention.evidence}» (concept {mention.concept}; rule 12)"}


def units_of_line(line: str, units: Units) -> int:
    return units(line, len(line))


def payload(finding: Finding) -> dict:
    """The diagnostic but its range: rule id as code, the finding's message as `check` words it."""
    note = "" if finding.blocking else " (not blocking)"
    body = {"severity": SEVERITY.get(finding.severity, WARNING_LEVEL), "code": finding.rule, "source": SOURCE,
            "message": finding.message + note}
    if finding.concept is not None:
        body["data"] = {"concept": finding.concept}
    return body


def block_templates(block: Block, setup: Setup) -> list[Template]:
    """The block's diagnostics, positions counted from the block's first line, worked out once per results."""
    results = block.results
    if results.templates is None:
        found = []
        for index, entry in enumerate(block.catalog.entries):
            findings, mentions = results.of(index), results.mentions[index]
            if not findings and not mentions:
                continue
            layout = block.layout(entry.line)
            for finding in findings:
                body = json.dumps(payload(finding))
                found.append((*finding_span(finding, entry, layout, block.lines, setup, mentions), body[1:-1]))
            for mention in mentions:
                shown = mention_diagnostic(mention, entry, layout, block.lines, setup)
                if shown is not None:
                    found.append((*shown[0], json.dumps(shown[1])[1:-1]))
        results.templates = found
    return results.templates


DIAGNOSTIC = '{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},%s}'


def placed(span: Span, shift: int, body: dict) -> dict:
    """A diagnostic as the protocol's JSON: a span of block lines moved `shift` lines down, and its body."""
    line, column, end_line, end_column = span
    return {"range": {"start": {"line": line + shift, "character": column}, "end": {"line": end_line + shift, "character": end_column}}, **body}


def document_diagnostics(document: PoDocument, setup: Setup) -> list[str]:
    """The diagnostics of every block whose results are under `setup`'s key, each as its JSON text
    (a block not checked yet has none)."""
    out = []
    key = setup.key
    for block, shift in zip(document.blocks, document.starts):
        results = block.results
        if results is None or results.key is not key:
            continue
        if results.placed is None or results.placed[0] != shift:
            results.placed = (shift, [DIAGNOSTIC % (line + shift, column, end_line + shift, end_column, body)
                                      for line, column, end_line, end_column, body in block_templates(block, setup)])
        out.extend(results.placed[1])
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
