"""Hover on a word of a msgid or msgstr that belongs to a glossary concept: what the glossary says of it.

The word is found as `check` finds it, by the glossary's matcher on the whole message (so an
inflected form, an elision or a compound part counts); the answer names the concept, its note,
its source terms and its preferred, admitted and forbidden terms in the catalog's language.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ..catalog import Entry
from ..glossary import TermMatch
from ..glossary.index import GlossaryIndex
from .diagnostics import Setup, text_span
from .document import PoDocument
from .layout import Field

STATUS_WORDS = {"source": "source term", "preferred": "preferred", "admitted": "admitted", "forbidden": "forbidden",
                "dnt": "kept verbatim (do not translate)"}


def message_text(entry: Entry, field: Field, glossary: GlossaryIndex, language: str | None) -> tuple[str, str | None] | None:
    """(the text of the field, its language): msgid and msgid_plural in the source language, msgstr forms in the catalog's."""
    if field.keyword == "msgid":
        return entry.msgid, glossary.source
    if field.keyword == "msgid_plural":
        return entry.msgid_plural or "", glossary.source
    if field.keyword.startswith("msgstr"):
        index = int(field.keyword[7:-1]) if field.keyword != "msgstr" else 0
        return (entry.msgstr[index], language) if index < len(entry.msgstr) else None
    return None


def match_at(glossary: GlossaryIndex, text: str, language: str, offset: int) -> TermMatch | None:
    """The glossary term found in `text` over character `offset` (the shortest when they nest)."""
    found = [m for m in glossary.find(text, language) if m.start <= offset <= m.end and m.end > m.start]
    return min(found, key=lambda m: m.end - m.start) if found else None


def terms_line(label: str, terms) -> str | None:
    return f"- {label}: " + ", ".join(f"`{t.text}`" for t in terms) if terms else None


def describe(glossary: GlossaryIndex, match: TermMatch, language: str | None) -> str:
    """The hover's Markdown: the concept, its note, its terms in the source and the catalog's language."""
    concept = glossary.concept(match.concept)
    seen = f"«{match.text}» is the {STATUS_WORDS.get(match.status, match.status)} term `{match.term.text}`"
    if match.compound:
        seen += " (part of a compound word)"
    lines = [f"**{concept.id}** (glossary concept{', do not translate' if concept.dnt else ''})", "", seen + "."]
    if concept.note:
        lines += ["", concept.note]
    lines.append("")
    listed = [terms_line(f"{glossary.source} source", concept.source)]
    if language and language != glossary.source:
        terms = concept.terms(language)
        listed += [terms_line(f"{language} preferred", terms.preferred), terms_line(f"{language} admitted", terms.admitted),
                   terms_line(f"{language} forbidden", terms.forbidden)]
        if not terms.allowed and not concept.dnt:
            listed.append(f"- {language}: no preferred or admitted term")
    lines += [line for line in listed if line]
    return "\n".join(lines)


def hover_at(document: PoDocument, setup: Setup, line: int, column: int) -> lsp.Hover | None:
    """The hover of the glossary term at (line, column) of the document (0-based, column in characters), if any."""
    found = document.entry_at(line) if setup.glossary is not None else None
    if found is None:
        return None
    index, position, layout = found
    block, shift = document.blocks[index], document.starts[index]
    line -= shift
    field = layout.field_at(line, column)
    entry = block.catalog.entries[position]
    message = message_text(entry, field, setup.glossary, setup.language) if field else None
    if message is None or message[1] is None:
        return None
    text, language = message
    offset = field.offset_at(text, line, column)
    match = match_at(setup.glossary, text, language, offset) if offset is not None else None
    if match is None:
        return None
    span = text_span(field, text, match.start, match.end, block.lines, setup.units)
    where = None if span is None else lsp.Range(start=lsp.Position(line=span[0] + shift, character=span[1]),
                                                end=lsp.Position(line=span[2] + shift, character=span[3]))
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=describe(setup.glossary, match, language)), range=where)
