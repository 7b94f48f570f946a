"""An open catalog: its text cut into blocks of entries, each block read once while its text is unchanged.

An edit changes one entry or a few: reading the whole of a 5,000-message buffer again after each
keystroke would cost more than the 100 ms a translator can wait. The text is cut where the reader
itself cuts a file into pieces (po_reader.ENTRY_STARTS: a blank line, then the first line of an
entry) and, to be sure no comment or keyword is parted from its entry, only after a line that ends
an entry (a string, or a `msgstr` keyword). Each block is read by the reader on its own; the result
is the reader's on the whole text when every block reads cleanly and nothing couples the blocks
(a header or a duplicate message across two blocks, a backslash-newline, a `domain` directive):
otherwise the whole text is read at once, so that an error is always the reader's, at its line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from ..catalog import Catalog, Entry
from ..errors import InputError
from ..po_reader import ENTRY_STARTS, read_po_text
from .layout import Layout, entry_layout

NEXT_ENTRY = re.compile(r"\n\n+(?=" + "|".join(map(re.escape, ENTRY_STARTS)) + ")")
ENDS_ENTRY = ('"', "msgstr")  # a line that may end an entry (its last string, or `msgstr` and its string)
DOMAIN = re.compile(r"\n[ \t]*domain\b")  # a line of the reader's `domain` directive (the first line apart)


def split_blocks(text: str) -> list[str]:
    """`text` in consecutive pieces, each holding whole entries (see the module's docstring)."""
    pieces, start = [], 0
    for match in NEXT_ENTRY.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text.startswith(ENDS_ENTRY, line_start):
            pieces.append(text[start:match.end()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def couples_blocks(text: str) -> bool:
    """True when the reader must see `text` whole: a backslash-newline joins lines anywhere, and a
    `domain` directive changes what the entries after it belong to."""
    if "\\\n" in text or "\\\r\n" in text:
        return True
    return "domain" in text and (DOMAIN.search(text) is not None or text.lstrip(" \t").startswith("domain"))


def shifted(entry: Entry, by: int) -> Entry:
    """The entry with its line moved `by` lines."""
    return Entry._make((*entry[:2], entry.line + by, *entry[3:]))


class Block:
    """A piece of the text and the catalog the reader makes of it (lines counted from the block's
    start), with what was worked out from it: layouts, and check results kept by the caller."""

    __slots__ = ("text", "size", "catalog", "split", "layouts", "shift", "placed", "results")

    def __init__(self, text: str, path: Path):
        self.text = text
        self.size = text.count("\n")  # the lines the block starts (its last may go on in the next block)
        self.catalog = read_po_text(text, path)
        self.split: list[str] | None = None
        self.layouts: dict[int, Layout] = {}
        self.shift = 0
        self.placed: tuple[tuple[Entry, ...], tuple[Entry, ...], Entry | None] | None = None
        self.results = None  # the caller's: check results of this block's entries

    def at(self, shift: int) -> tuple[tuple[Entry, ...], tuple[Entry, ...], Entry | None]:
        """(entries, obsolete entries, header) with their lines in the document, the block starting `shift` lines down."""
        if self.placed is None or self.shift != shift:
            catalog = self.catalog
            header = catalog.header_entry
            self.placed = (
                tuple(shifted(e, shift) for e in catalog.entries),
                tuple(shifted(e, shift) for e in catalog.obsolete),
                None if header is None else shifted(header, shift),
            )
            self.shift = shift
        return self.placed

    @property
    def lines(self) -> list[str]:
        """The block's lines, without their newlines."""
        if self.split is None:
            self.split = self.text.split("\n")
        return self.split

    def layout(self, line: int) -> Layout:
        """The layout of the entry whose msgid is on the block's line `line` (1-based, as the reader counts)."""
        found = self.layouts.get(line)
        if found is None:
            found = self.layouts[line] = entry_layout(self.lines, line - 1)
        return found


class PoDocument:
    """An open PO or POT buffer: its blocks, the catalog they make, or the reader's error."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.blocks: list[Block] = []
        self.starts: list[int] = []  # the 0-based line where each block starts
        self.catalog: Catalog | None = None
        self.error: InputError | None = None

    def update(self, text: str) -> None:
        """Read the new text of the buffer: blocks whose text is unchanged are not read again."""
        known = {block.text: block for block in self.blocks}
        pieces = [text] if couples_blocks(text) else split_blocks(text)
        read: list[Block | None] = []
        error = None
        for piece in pieces:
            block = known.get(piece)
            if block is None:
                try:
                    block = Block(piece, self.path)
                except InputError as exc:
                    error = exc  # the whole text's error when there is one piece
            read.append(block)
        catalog = None if None in read else self.merge(read)
        if catalog is None and len(pieces) > 1:
            try:  # the reader on the whole text decides, and names the error
                whole = Block(text, self.path)
            except InputError as exc:
                error = exc
            else:
                read, pieces = [whole], [text]
                catalog = self.merge(read)
        self.catalog, self.error = catalog, None if catalog is not None else error
        # With an error, the blocks that read cleanly stay, so that their findings stay on show.
        self.blocks, self.starts, line = [], [], 0
        for piece, block in zip(pieces, read):
            if block is not None:
                self.blocks.append(block)
                self.starts.append(line)
            line += block.size if block is not None else piece.count("\n")

    def merge(self, blocks: list[Block]) -> Catalog | None:
        """The catalog the blocks make, as the reader would read their text whole; None when a block
        holds a header after the first, or two blocks hold the same message."""
        entries: list[Entry] = []
        obsolete: list[Entry] = []
        header = None
        line = 0
        for index, block in enumerate(blocks):
            placed, gone, head = block.at(line)
            if head is not None:
                if index:
                    return None
                header = head
            entries.extend(placed)
            obsolete.extend(gone)
            line += block.size
        if len(blocks) > 1:
            for group in (entries, obsolete):
                if len({e.key for e in group}) != len(group):
                    return None
        return Catalog.create(self.path, header, entries, obsolete, "utf-8")

    def block_at(self, line: int) -> int | None:
        """The index of the block holding the 0-based `line`, if any."""
        index = bisect_right(self.starts, line) - 1
        return index if index >= 0 else None

    def entry_at(self, line: int) -> tuple[int, int, Layout] | None:
        """(block index, entry index in the block, layout) of the entry spanning the 0-based `line`."""
        index = self.block_at(line)
        if index is None:
            return None
        block, start = self.blocks[index], self.starts[index]
        relative = line - start
        for position, entry in enumerate(block.catalog.entries):
            layout = block.layout(entry.line)
            if layout.first <= relative < layout.after:
                return index, position, layout
        return None

    def locate(self, line: int) -> tuple[int, int] | None:
        """(block index, entry index) of the entry whose msgid is on the document's 1-based `line`."""
        index = self.block_at(line - 1)
        if index is None:
            return None
        relative = line - self.starts[index]
        for position, entry in enumerate(self.blocks[index].catalog.entries):
            if entry.line == relative:
                return index, position
        return None
