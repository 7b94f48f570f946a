"""Quick fixes for a catalog's findings: replace a forbidden term, add an ignore comment, remove fuzzy.

- A forbidden glossary term is replaced by each preferred term of its concept (the admitted ones
  when there is none), at the characters the matcher found. When the forbidden word began with a
  capital, so does the replacement (it may start a sentence); otherwise the glossary's spelling
  stands (a German noun keeps its capital). The title says when the word found was an inflected
  form of the forbidden term or part of a compound: the replacement then needs a look.
- `# i18n-check: ignore RULE[:CONCEPT]` is added to the entry (to its ignore comment when it has one).
- The fuzzy flag is removed (with the `#|` previous strings it explains) only when the entry,
  without it, has no blocking finding: the rules are run on the entry as it would become.
"""

from __future__ import annotations

import unicodedata
from typing import Callable, NamedTuple

from lsprotocol import types as lsp

from ..catalog import Entry
from ..check import catalog_context, check_entries
from ..findings import Finding
from ..glossary import TermMatch
from ..catalog.read import parse_comment
from ..catalog.write import escape
from ..rules.ignores import IGNORE_COMMENT, REASON
from .diagnostics import Setup, finding_span, forbidden_matches, form_of, payload, placed
from .document import PoDocument
from .layout import Field, Layout


class Place(NamedTuple):
    """Where an entry's block is: the document's uri, the block's first line and lines, the units."""

    uri: str
    shift: int
    lines: list[str]
    setup: Setup

    def position(self, line: int, column: int) -> lsp.Position:
        text = self.lines[line] if line < len(self.lines) else ""
        return lsp.Position(line=line + self.shift, character=self.setup.units(text, column) if column else 0)

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> lsp.TextEdit:
        return lsp.TextEdit(range=lsp.Range(start=self.position(*start), end=self.position(*end)), new_text=text)

    def action(self, title: str, edits: list[lsp.TextEdit], diagnostic: lsp.Diagnostic | None, preferred: bool = False) -> lsp.CodeAction:
        return lsp.CodeAction(
            title=title, kind=lsp.CodeActionKind.QuickFix, is_preferred=preferred or None,
            diagnostics=[diagnostic] if diagnostic is not None else None,
            edit=lsp.WorkspaceEdit(changes={self.uri: edits}),
        )


def folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'")


def with_case_of(found: str, term) -> str:
    """The replacement `term`, with a capital first letter when the word it replaces had one."""
    text = term.text
    if found[:1].isupper() and not term.case_sensitive:
        return text[:1].upper() + text[1:]
    return text


def needs_a_look(match: TermMatch) -> str:
    """Why a replacement may not fit as it is, or "" when the forbidden term was found as written."""
    if match.compound:
        return f" («{match.text}» is part of a compound word: check the whole word)"
    if folded(match.text) != folded(match.term.text):
        return f" («{match.text}» is an inflected form of «{match.term.text}»: check the ending and agreement)"
    return ""


def replace_actions(finding: Finding, entry: Entry, form: int, field: Field, place: Place, diagnostic,
                    mentions: list) -> list[lsp.CodeAction]:
    """One action per term the concept asks for, each replacing the forbidden term where the finding saw it."""
    setup = place.setup
    if setup.glossary is None or finding.concept is None or field is None:
        return []
    text = entry.msgstr[form]
    for match in forbidden_matches(finding, entry, form, setup, mentions):
        start, end = field.locate(text, match.start), field.locate(text, match.end, end=True)
        if start is None or end is None:
            continue
        terms = setup.glossary.concept(finding.concept).terms(setup.language)
        caution = needs_a_look(match)
        return [
            place.action(f"Replace «{match.text}» with «{with_case_of(match.text, term)}»{caution}",
                         [place.edit(start, end, escape(with_case_of(match.text, term)))], diagnostic,
                         preferred=not caution and number == 0)
            for number, term in enumerate(terms.preferred or terms.admitted)
        ]
    return []


def is_translator_comment(line: str) -> bool:
    return line == "#" or line.startswith(("# ", "#\t"))


def ignore_action(finding: Finding, layout: Layout, place: Place, diagnostic) -> lsp.CodeAction:
    """Add `rule:concept` (or `rule`) to the entry's ignore comment (before its ` -- ` reason), or
    a new ignore comment before the entry's other comments (translator comments come first)."""
    key = f"{finding.rule}:{finding.concept}" if finding.concept else finding.rule
    title = f"Ignore {key} for this entry (# i18n-check: ignore)"
    for number, line in layout.comments:
        if is_translator_comment(line) and IGNORE_COMMENT.search(line):
            reason = REASON.search(line, IGNORE_COMMENT.search(line).start("selectors"))
            end = reason.start() if reason else len(line.rstrip())
            return place.action(title, [place.edit((number, end), (number, end), f", {key}")], diagnostic)
    return place.action(title, [place.edit((layout.first, 0), (layout.first, 0), f"# i18n-check: ignore {key}\n")], diagnostic)


def unfuzzy_action(entry: Entry, layout: Layout, place: Place, diagnostic) -> lsp.CodeAction | None:
    """Remove the fuzzy flag and the `#|` lines, when the entry then passes (no blocking finding)."""
    if not entry.fuzzy:
        return None
    cleared = entry._replace(flags=tuple(f for f in entry.flags if f != "fuzzy"), previous_msgctxt=None,
                             previous_msgid=None, previous_msgid_plural=None)
    setup = place.setup
    ctx = catalog_context(setup.catalog, setup.name, setup.glossary)
    if any(f.blocking for f in check_entries([cleared], ctx, setup.rules, setup.settled)[0][0]):
        return None
    edits = []
    for number, line in layout.comments:
        if line.startswith("#|"):
            edits.append(place.edit((number, 0), (number + 1, 0), ""))
        elif line.startswith("#,"):
            _kind, flags = parse_comment(",", line)
            if "fuzzy" in flags:
                rest = [f for f in flags if f != "fuzzy"]
                if rest:
                    edits.append(place.edit((number, 0), (number, len(line)), "#, " + ", ".join(rest)))
                else:
                    edits.append(place.edit((number, 0), (number + 1, 0), ""))
    return place.action("Remove the fuzzy flag: the entry passes without it", edits, diagnostic, preferred=True) if edits else None


def quick_fixes(document: PoDocument, setup: Setup, uri: str, first: int, last: int,
                diagnostic: Callable[[dict], lsp.Diagnostic]) -> list[lsp.CodeAction]:
    """The quick fixes of every finding on the entries spanning lines first..last (0-based);
    `diagnostic` makes the lsprotocol Diagnostic each action names."""
    seen: set[tuple[int, int]] = set()
    found: list[lsp.CodeAction] = []
    for line in range(first, last + 1):
        where = document.entry_at(line)
        if where is None or where[:2] in seen:
            continue
        seen.add(where[:2])
        index, position, layout = where
        block, shift = document.blocks[index], document.starts[index]
        entry = block.catalog.entries[position]
        place = Place(uri, shift, block.lines, setup)
        mentions = block.results.mentions[position]
        for finding in block.results.of(position):
            named = diagnostic(placed(finding_span(finding, entry, layout, block.lines, setup, mentions), shift, payload(finding)))
            if finding.rule == "glossary-forbidden":
                form = form_of(finding, entry)
                found.extend(replace_actions(finding, entry, form, layout.msgstr(form), place, named, mentions))
            if finding.rule == "fuzzy":
                unfuzzy = unfuzzy_action(entry, layout, place, named)
                if unfuzzy is not None:
                    found.append(unfuzzy)
            found.append(ignore_action(finding, layout, place, named))
    return found
