"""An open catalog: its text cut into blocks of entries, each block read once while its text is unchanged.

An edit changes one entry or a few: reading the whole of a 5,000-message buffer again after each
keystroke would cost more than the 100 ms a translator can wait. The text is cut where the reader
itself cuts a file into pieces (catalog.read.ENTRY_STARTS: a blank line, then the first line of an
entry) and, to be sure no comment or keyword is parted from its entry, only after a line that ends
an entry (a string, or a `msgstr` keyword). Each block is read by the reader on its own; the result
is the reader's on the whole text when every block reads cleanly and nothing couples the blocks
(a header or a duplicate message across two blocks, a backslash-newline, a `domain` directive):
otherwise the whole text is read at once, so that an error is always the reader's, at its line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter
from pathlib import Path

from ..catalog import Catalog, Entry
from ..errors import InputError
from ..catalog.read import ENTRY_STARTS, read_po_text
from .layout import Layout, entry_layout

NEXT_ENTRY = re.compile(r"\n\n+(?=" + "|".join(map(re.escape, ENTRY_STARTS)) + ")")
KEY = itemgetter(3, 0)  # an Entry's (msgctxt, msgid), as Entry.key, at C speed
ENDS_ENTRY = ('"', "msgstr")  # a line that may end an entry (its last string, or `msgstr` and its string)


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
    at = text.find("domain")
    while at >= 0:  # the word is common in messages: only one that begins a line is a directive
        if not text[text.rfind("\n", 0, at) + 1:at].strip(" \t\r\f\v"):
            return True
        at = text.find("domain", at + 6)
    return False


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
    """An open PO or POT buffer: its text in pieces, the blocks read from them, and the catalog they
    make or the reader's error.

    The text changes by `edit` (an editor's change: the pieces around it are cut again, the others
    stay as they are, moved) or `replace`; `refresh` then reads the pieces not read yet. After
    `refresh`, `blocks` and `starts` are the blocks read and their first lines (with an error, the
    pieces that read cleanly only, so that their findings stay on show)."""

    def __init__(self, path: str | Path, text: str = ""):
        self.path = Path(path)
        self.blocks: list[Block] = []
        self.starts: list[int] = []  # the 0-based line where each block starts
        # The catalog read, each entry's line counted from its block's first line: made anew after
        # each edit at little cost (`catalog` has the lines of the document).
        self.content: Catalog | None = None
        self.placed: Catalog | None = None
        self.error: InputError | None = None
        self.pieces: list[str] = []  # the text, cut where entries begin (see the module's docstring)
        self.read: list[Block | None] = []  # each piece's block, None until read (or when it does not read)
        self.lines_at: list[int] = []  # each piece's first line
        self.offsets: list[int] = []  # each piece's offset in the text
        self.replace(text)

    # --- the text ---------------------------------------------------------------------------

    def replace(self, text: str) -> None:
        """The buffer's whole new text."""
        self.text = text
        self.coupled = couples_blocks(text)
        self.cut(0, len(self.pieces), [text] if self.coupled else split_blocks(text), whole=True)

    def cut(self, first: int, after: int, pieces: list[str], whole: bool = False) -> None:
        """Put `pieces` in place of the pieces first..after-1, keeping the blocks whose text is unchanged."""
        if whole:
            known = {block.text: block for block in self.blocks}
            self.pieces, self.read, self.lines_at, self.offsets = [], [], [], []
            first = after = 0
        else:
            known = {block.text: block for block in self.read[first:after] if block is not None}
        line = self.lines_at[first] if first < len(self.lines_at) else 0
        offset = self.offsets[first] if first < len(self.offsets) else 0
        lines_at, offsets = [], []
        for piece in pieces:
            lines_at.append(line)
            offsets.append(offset)
            line += piece.count("\n")
            offset += len(piece)
        tail_lines = self.lines_at[after:]
        line_shift = line - tail_lines[0] if tail_lines else 0
        offset_shift = offset - self.offsets[after] if tail_lines else 0
        self.pieces[first:after] = pieces
        self.read[first:after] = [known.get(piece) for piece in pieces]
        self.lines_at[first:] = lines_at + [n + line_shift for n in tail_lines] if line_shift else lines_at + tail_lines
        self.offsets[first:] = offsets + [n + offset_shift for n in self.offsets[after:]]
        self.fresh = False

    def piece_at(self, line: int) -> int:
        """The index of the piece holding the 0-based `line` (the last piece past the end)."""
        return max(bisect_right(self.lines_at, line) - 1, 0)

    def line(self, number: int) -> str:
        """The text of the 0-based line `number` ("" past the end)."""
        index = self.piece_at(number)
        lines = self.pieces[index].split("\n") if self.pieces else [""]
        relative = number - self.lines_at[index] if self.pieces else number
        return lines[relative] if 0 <= relative < len(lines) else ""

    def offset(self, line: int, column: int) -> int:
        """The offset in the text of (line, column), both 0-based, the column in characters."""
        if not self.pieces:
            return 0
        index = self.piece_at(line)
        piece, at = self.pieces[index], 0
        for _ in range(line - self.lines_at[index]):
            at = piece.find("\n", at)
            if at < 0:
                return len(self.text)
            at += 1
        end = piece.find("\n", at)
        end = len(piece) if end < 0 else end
        return self.offsets[index] + min(at + column, end)

    def edit(self, start: tuple[int, int], end: tuple[int, int], new: str) -> None:
        """Replace the text from `start` to `end` ((line, column), 0-based, columns in characters) with
        `new`: the pieces around the change are cut again, with one more on each side (a cut depends
        on the lines either side of it)."""
        begin, stop = self.offset(*start), self.offset(*end)
        if stop < begin:
            begin, stop = stop, begin
        first = max(self.piece_at(start[0]) - 1, 0)
        after = min(self.piece_at(end[0]) + 2, len(self.pieces))
        self.text = self.text[:begin] + new + self.text[stop:]
        if self.coupled or not self.pieces:
            return self.replace(self.text)  # coupled text is read whole; the coupling may have gone
        region_start = self.offsets[first]
        region = self.text[region_start:self.offsets[after - 1] + len(self.pieces[after - 1]) + len(new) - (stop - begin)]
        if couples_blocks(region):
            return self.replace(self.text)
        pieces = split_blocks(region) if region else []
        self.cut(first, after, pieces if pieces or after - first < len(self.pieces) else [""])

    # --- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the pieces not read yet; the catalog, or the reader's error on the whole text."""
        if self.fresh:
            return
        self.fresh = True
        error = None
        for index, piece in enumerate(self.pieces):
            if self.read[index] is None:
                try:
                    self.read[index] = Block(piece, self.path)
                except InputError as exc:
                    error = exc  # the whole text's error when there is one piece
        catalog = None if None in self.read else self.merge(self.read)
        if catalog is None and len(self.pieces) > 1:
            try:  # the reader on the whole text decides, and names the error
                whole = Block(self.text, self.path)
            except InputError as exc:
                error = exc
            else:  # a layout the pieces cannot show (a blank line inside an entry...): read whole
                self.pieces, self.read, self.lines_at, self.offsets = [self.text], [whole], [0], [0]
                catalog = self.merge(self.read)
        self.content, self.error, self.placed = catalog, None if catalog is not None else error, None
        self.blocks = [block for block in self.read if block is not None]
        self.starts = [line for line, block in zip(self.lines_at, self.read) if block is not None]

    @property
    def catalog(self) -> Catalog | None:
        """The catalog read, as the reader gives it for the whole text (lines of the document)."""
        if self.placed is None and self.content is not None:
            entries: list[Entry] = []
            obsolete: list[Entry] = []
            for block, start in zip(self.blocks, self.starts):
                placed, gone, _header = block.at(start)
                entries.extend(placed)
                obsolete.extend(gone)
            self.placed = Catalog.create(self.path, self.content.header_entry, entries, obsolete, "utf-8")
        return self.placed

    def update(self, text: str) -> None:
        """Read the buffer's whole new text (blocks whose text is unchanged are not read again)."""
        self.replace(text)
        self.refresh()

    def merge(self, blocks: list[Block]) -> Catalog | None:
        """The catalog the blocks make (each entry's line counted from its block's first line), as
        the reader would read their text whole; None when a block holds a header after the first, or
        two blocks hold the same message."""
        entries: list[Entry] = []
        obsolete: list[Entry] = []
        header = None
        for index, block in enumerate(blocks):
            catalog = block.catalog
            if catalog.header_entry is not None:
                if index:
                    return None
                header = catalog.header_entry
            entries.extend(catalog.entries)
            obsolete.extend(catalog.obsolete)
        if len(blocks) > 1 and len(set(map(KEY, entries)) | set(map(KEY, obsolete))) != len(entries) + len(obsolete):
            return None  # the reader names the duplicate (or lets an obsolete one pass): it reads the whole
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
