"""Where an entry's parts stand in the PO text: its keywords, strings and comment lines.

The reader gives what an entry says and the line of its msgid; an editor also needs columns: the
`msgstr` a diagnostic underlines, the characters of a glossary term inside a string wrapped over
several lines and written with escapes, the comment lines an edit changes. Lines are read with the
reader's own token and escape patterns (catalog.read.TOKEN, ESCAPE), so a string is split where the
reader splits it. Lines and columns here are 0-based and count characters (code points).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..catalog.read import ESCAPE, TOKEN

CONTINUES = ("msgid_plural", "msgstr")  # keywords that go on with the entry begun at msgid


class Piece(NamedTuple):
    """One quoted string: `raw` is what stands between its quotes, escapes as written."""

    line: int
    start: int  # column of the first character after the opening quote
    raw: str

    def units(self) -> list[int]:
        """The column offset (from `start`) of each unit of the value, and of its end: one per
        character, one per escape (`\\"` is one unit of two columns)."""
        offsets, at = [], 0
        for match in ESCAPE.finditer(self.raw):
            offsets.extend(range(at, match.start()))
            offsets.append(match.start())
            at = match.end()
        offsets.extend(range(at, len(self.raw) + 1))
        return offsets


@dataclass
class Field:
    """A keyword (`msgid`, `msgstr`, `msgstr[1]`...) and its strings."""

    keyword: str
    line: int
    column: int
    pieces: list[Piece] = field(default_factory=list)

    @property
    def end(self) -> tuple[int, int]:
        """The position after the closing quote of the last string (after the keyword if none)."""
        if not self.pieces:
            return self.line, self.column + len(self.keyword)
        last = self.pieces[-1]
        return last.line, last.start + len(last.raw) + 1

    def locate(self, value: str, offset: int, end: bool = False) -> tuple[int, int] | None:
        """The (line, column) of character `offset` of the field's value `value` (as the reader gave
        it); with `end`, of the place right after character `offset - 1`. None when the strings do
        not spell `value` unit for unit (octal or hex escapes making one character of several bytes)."""
        units = [piece.units() for piece in self.pieces]
        if sum(len(u) - 1 for u in units) != len(value):
            return None
        for piece, offsets in zip(self.pieces, units):
            size = len(offsets) - 1
            if offset < size or (end and offset == size):
                return piece.line, piece.start + offsets[offset]
            offset -= size
        return self.end if end or not self.pieces else None

    def offset_at(self, value: str, line: int, column: int) -> int | None:
        """The offset in `value` of the character at (line, column) of the strings (see `locate`)."""
        units = [piece.units() for piece in self.pieces]
        if sum(len(u) - 1 for u in units) != len(value):
            return None
        offset = 0
        for piece, offsets in zip(self.pieces, units):
            if piece.line == line and piece.start <= column <= piece.start + len(piece.raw):
                inside = column - piece.start
                return offset + max(i for i, at in enumerate(offsets) if at <= inside)
            offset += len(offsets) - 1
        return None


@dataclass
class Layout:
    """An entry's place in the text: its first line (comments included), its msgid line, the line
    after its last, its comment lines and its fields by keyword (`msgstr[0]` for plural forms)."""

    first: int
    msgid_line: int
    after: int
    comments: list[tuple[int, str]]
    fields: dict[str, Field]

    def msgstr(self, form: int = 0) -> Field | None:
        """The field of translation `form`: `msgstr` of a singular entry, `msgstr[form]` of a plural one."""
        return self.fields.get(f"msgstr[{form}]") or (self.fields.get("msgstr") if form == 0 else None)

    def field_at(self, line: int, column: int) -> Field | None:
        """The field whose strings hold the position, if any."""
        for candidate in self.fields.values():
            for piece in candidate.pieces:
                if piece.line == line and piece.start <= column <= piece.start + len(piece.raw):
                    return candidate
        return None


def strip(line: str) -> str:
    return line.lstrip(" \t\r\f\v")


def is_string(line: str) -> bool:
    return strip(line).startswith('"')


def starts_with_keyword(line: str, keywords: tuple[str, ...]) -> bool:
    token = TOKEN.match(line)
    return token is not None and token["kw"] in keywords


def entry_layout(lines: list[str], msgid_line: int) -> Layout:
    """The layout of the entry whose `msgid` keyword is on `lines[msgid_line]`."""
    first = msgid_line
    above = msgid_line - 1
    while above >= 0 and is_string(lines[above]):
        above -= 1
    if above >= 0 and starts_with_keyword(lines[above], ("msgctxt",)):
        first = above  # else those strings end the entry before
    while first > 0 and lines[first - 1].startswith("#") and not lines[first - 1].startswith("#~"):
        first -= 1
    after = msgid_line + 1
    while after < len(lines):
        line = lines[after]
        if is_string(line) or starts_with_keyword(line, CONTINUES):
            after += 1
            continue
        ahead = after
        while ahead < len(lines) and not lines[ahead].strip():
            ahead += 1  # blank lines inside an entry are blank space to the reader
        if ahead < len(lines) and ahead > after and (is_string(lines[ahead]) or starts_with_keyword(lines[ahead], CONTINUES)):
            after = ahead
            continue
        break
    comments = [(n, lines[n]) for n in range(first, msgid_line) if lines[n].startswith("#")]
    fields: dict[str, Field] = {}
    current: Field | None = None
    for number in range(first, after):
        line = lines[number]
        if line.startswith("#"):
            continue
        pos = 0
        while pos < len(line):
            token = TOKEN.match(line, pos)
            if token is None or token.end() == pos:
                break
            pos = token.end()
            if token["kw"] is not None:
                name = token["kw"] if token["idx"] is None else f"{token['kw']}[{int(token['idx'])}]"
                current = fields[name] = Field(name, number, token.start("kw"))
            elif token["str"] is not None and current is not None:
                current.pieces.append(Piece(number, token.start("str"), token["str"]))
    return Layout(first, msgid_line, after, comments, fields)
