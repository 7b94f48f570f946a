"""A Catalog as text, the way GNU gettext writes it: what `update` and `extract` write back.

The comment order and the string wrapping are gettext-tools' write-po.c (page width 79,
breaks where Unicode line breaking allows, `\\n` ends a line, never inside a format
directive), so `msgcat` on our output changes nothing, and a catalog gettext wrote comes
back byte for byte.  Line breaking is gettext's own: libunistring's u8_width_linebreaks
through ctypes (libunistring comes with GNU gettext); without it, a fallback fills lines
the same way over unicode-segmentation-rs's UAX #14 break opportunities.
(translate-toolkit's `gettext_wrap` breaks before a no-break space and inside format
directives, which gettext never does, so it is not used.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import unicodedata
from pathlib import Path

from unicode_segmentation_rs import line_breaks

from ..errors import InputError
from ..formats import directive_spans
from .model import Catalog, Entry
from .read import load_catalog
from .writable import CANNOT_HOLD, ISOLATE_OPEN, shape_problem, text_problem, unwritable_error, without_dot_slash

PAGE_WIDTH = 79
NO_WIDTH = 1 << 62  # the width of a `no-wrap` message: no string ever reaches it

# write-po.c escapes the C escapes, the backslash and the quote; everything else is written raw.
ESCAPES = str.maketrans({
    "\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f",
    "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
})

# gettext's format_language[] order: the order in which `#, xxx-format` flags are written.
FORMAT_ORDER = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)
FORMAT_RANK = {name: rank for rank, name in enumerate(FORMAT_ORDER)}


def load_utf8(path: str | Path) -> Catalog:
    """The catalog at `path`, to be written back: InputError when malformed (file and line) or not UTF-8.

    The writer writes UTF-8 only: non-ASCII text in another charset would come back
    under a header that lies about its bytes, and invalid bytes (which msgfmt lets
    comments hold) would not come back at all.
    """
    catalog = load_catalog(path)
    data = Path(path).read_bytes()
    if catalog.encoding != "utf-8" and not data.isascii():
        raise InputError(path, catalog.header_line, f"charset {catalog.encoding} is not UTF-8; convert the catalog "
                                                    "with msgconv --to-code=UTF-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, None, f"not UTF-8 ({exc.reason}); convert the catalog with msgconv --to-code=UTF-8") from None
    return catalog


def escape(text: str) -> str:
    return text.translate(ESCAPES)


def _portions(value: str) -> list[str]:
    """`value` cut after every newline, as write-po.c's wrap() walks it."""
    if not value:
        return [""]
    return re.findall(r"[^\n]*\n|[^\n]+", value)


def char_width(char: str) -> int:
    """Columns one character takes on a terminal (libunistring's uc_width, for what PO files hold)."""
    if char < "\u0300":
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _load_unistring():
    """libunistring's u8_width_linebreaks, the very line breaker msgcat uses, when the library is installed."""
    name = ctypes.util.find_library("unistring")
    if not name:
        return None
    try:
        function = ctypes.CDLL(name).u8_width_linebreaks
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int
    function.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                         ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    return function


UNISTRING = _load_unistring()
UC_BREAK_POSSIBLE, UC_BREAK_PROHIBITED = 2, 1
# libunistring's pair table breaks between a full stop and a letter (lbrktables.c: "The (IS,AL)
# entry has been changed from I to D"), which current UAX #14 forbids; the fallback does the same.
INFIX_SEPARATORS = frozenset(".,:;")


def _breaks(text: str, width: int, start: int, locked: set[int]) -> list[int]:
    """Character indices where gettext breaks `text` filled to `width` columns, the first line starting at `start`."""
    if start + (len(text) if text.isascii() else sum(map(char_width, text))) <= width:
        return []  # fits: most strings
    if UNISTRING is not None:
        data = text.encode("utf-8")
        overrides = bytearray(len(data))
        if len(data) == len(text):  # ASCII: bytes are characters
            byte_of = range(len(text))
        else:
            byte_of, position = [], 0
            for char in text:
                byte_of.append(position)
                size = len(char.encode("utf-8"))
                overrides[position + 1:position + size] = bytes([UC_BREAK_PROHIBITED]) * (size - 1)
                position += size
        for index in locked:
            overrides[byte_of[index]] = UC_BREAK_PROHIBITED
        result = ctypes.create_string_buffer(len(data))
        UNISTRING(data, len(data), width, start, 0, bytes(overrides), b"UTF-8", result)
        breaks = [b for b, kind in enumerate(result.raw[:len(data)]) if kind == UC_BREAK_POSSIBLE]
        if isinstance(byte_of, range):
            return breaks
        char_at = {b: i for i, b in enumerate(byte_of)}
        return [char_at[b] for b in breaks]
    return _fill(text, width, start, locked)


def _opportunities(text: str) -> list[int]:
    """Indices before which UAX #14 allows a line break (never 0, never the end), plus libunistring's (IS, AL) quirk."""
    offsets = [offset for offset, mandatory in line_breaks(text) if offset < len(text.encode("utf-8"))]
    if not text.isascii():
        byte_to_char, position = {}, 0
        for index, char in enumerate(text):
            byte_to_char[position] = index
            position += len(char.encode("utf-8"))
        offsets = [byte_to_char[o] for o in offsets]
    quirk = [i for i in range(1, len(text)) if text[i - 1] in INFIX_SEPARATORS and text[i].isalpha()]
    return sorted(set(offsets).union(quirk))


def _fill(text: str, width: int, start: int, locked: set[int]) -> list[int]:
    """The greedy fill of libunistring's u8_width_linebreaks: break before the piece that overflows."""
    allowed = [i for i in _opportunities(text) if i not in locked]
    breaks: list[int] = []
    last, column, previous = None, start, 0
    for bound in allowed + [len(text)]:
        piece = sum(char_width(c) for c in text[previous:bound])
        if last is not None and column + piece > width:
            breaks.append(last)
            column = 0
        column += piece
        last, previous = bound, bound
    return breaks


def wrap_string(keyword: str, value: str, prefix: str = "", width: int = PAGE_WIDTH, formats: tuple[str, ...] = ()) -> list[str]:
    """The lines of `keyword "value"` as gettext writes them (write-po.c wrap(), non-indented style)."""
    room = width - 1 - (len(prefix) + 1)  # text columns on a continuation line: `prefix"…"` within width
    start = len(keyword) + 1              # columns `keyword ` takes before the first line's quote
    portions = _portions(value)
    locked_all = directive_interiors(value, formats)
    lines: list[str] = []
    offset = 0
    for index, raw in enumerate(portions):
        text, locked = _escape_portion(raw, offset, locked_all)
        offset += len(raw)
        if index == 0:
            more = len(portions) > 1
            if not text or not (more or start > room or _breaks(text, room, start, locked)):
                lines.append(f'{prefix}{keyword} "{text}"')
                continue
            # A string that holds a newline, or would wrap after `msgid "`, starts on a line of its own.
            lines.append(f'{prefix}{keyword} ""')
        cuts = [0, *_breaks(text, room, 0, locked), len(text)]
        lines.extend(f'{prefix}"{text[a:b]}"' for a, b in zip(cuts, cuts[1:]))
    return lines


NEEDS_ESCAPE = re.compile(r'[\\"\a\b\f\n\r\t\v]')


def _escape_portion(raw: str, offset: int, locked_raw: set[int]) -> tuple[str, set[int]]:
    """The escaped portion, and the escaped indices no break may precede (escape sequences, directives, final `\\n`)."""
    if not NEEDS_ESCAPE.search(raw):  # most text: positions do not move
        return raw, {i - offset for i in locked_raw if offset <= i < offset + len(raw)}
    out: list[str] = []
    locked: set[int] = set()
    position = 0
    for index, char in enumerate(raw):
        escaped = char.translate(ESCAPES)
        if offset + index in locked_raw:
            locked.add(position)
        if len(escaped) > 1:
            locked.add(position + 1)
        out.append(escaped)
        position += len(escaped)
    text = "".join(out)
    if raw.endswith("\n"):
        locked.add(len(text) - 2)  # write-po.c: "Don't break immediately before the \\n at the end."
    return text, locked


def directive_interiors(value: str, formats: tuple[str, ...]) -> set[int]:
    """Indices inside a format directive of `value` (all but each directive's first character), where
    gettext never breaks (write-po.c: "Don't break inside format directives")."""
    if not formats or not value:  # gettext uses the first possible format
        return set()
    return {i for start, end in directive_spans(value, formats[0]) for i in range(start + 1, end)}


def message_formats(flags: tuple[str, ...]) -> tuple[str, ...]:
    """The format languages the flags declare possible, in gettext's order."""
    names = [f[:-7] for f in flags if f.endswith("-format") and not f.startswith("no-")]
    return tuple(sorted((n for n in names if n in FORMAT_RANK), key=FORMAT_RANK.__getitem__))


def _comment_lines(mark: str, items: tuple[str, ...]) -> list[str]:
    """`# text` / `#. text` lines; an empty comment is the bare mark, as gettext writes it."""
    out = []
    for item in items:
        for line in item.split("\n"):
            out.append(f"{mark} {line}" if line else mark)
    return out


def _reference_lines(references: tuple[str, ...], width: int = PAGE_WIDTH) -> list[str]:
    """`#:` lines filled up to the page width (write-po.c message_print_comment_filepos: a
    reference's width is its bytes, the isolates around a name not counted; the caller gives each
    reference once, as gettext keeps them)."""
    if not references:
        return []
    lines, current, column = [], "#:", 2
    for ref in map(without_dot_slash, references):
        size = (len(ref) if ref.isascii() else len(ref.encode("utf-8")) - 6 * ref.startswith(ISOLATE_OPEN)) + 1
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + ref
        column += size
    lines.append(current)
    return lines


def flag_sort_key(flag: str) -> tuple[int, int]:
    """gettext's flag order: fuzzy, format flags in format_language order, range, wrap; unknown flags last."""
    if flag == "fuzzy":
        return (0, 0)
    name = flag[3:] if flag.startswith("no-") else flag
    if name.endswith("-format") and name[:-7] in FORMAT_RANK:
        return (1, FORMAT_RANK[name[:-7]])
    if flag.startswith("range:"):
        return (2, 0)
    if flag in ("wrap", "no-wrap"):
        return (3, 0)
    return (4, 0)


def _flags_line(flags: tuple[str, ...], has_text: bool) -> list[str]:
    # write-po.c omits `fuzzy` on an untranslated active message: it means nothing there.
    kept = [f for f in dict.fromkeys(flags) if f != "fuzzy" or has_text]
    if not kept:
        return []
    return ["#, " + ", ".join(sorted(kept, key=flag_sort_key))]


def render_entry(entry: Entry) -> list[str]:
    """The lines of one entry, in write-po.c's order: comments, references, flags, previous, strings."""
    lines = _comment_lines("#", entry.translator_comments)
    formats = message_formats(entry.flags)
    # write-po.c: a `no-wrap` message's strings break only after a newline, never at the page width.
    width = NO_WIDTH if "no-wrap" in entry.flags else PAGE_WIDTH
    prefix, previous_prefix = ("#~ ", "#~| ") if entry.obsolete else ("", "#| ")
    if not entry.obsolete:
        lines += _comment_lines("#.", entry.extracted_comments)
        lines += _reference_lines(entry.references if len(entry.references) < 2 else tuple(dict.fromkeys(entry.references)))
    lines += _flags_line(entry.flags, entry.obsolete or bool(entry.msgstr and entry.msgstr[0]))
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += wrap_string(keyword, value, previous_prefix, formats=formats, width=width)
    if entry.msgctxt is not None:
        lines += wrap_string("msgctxt", entry.msgctxt, prefix, formats=formats, width=width)
    lines += wrap_string("msgid", entry.msgid, prefix, formats=formats, width=width)
    if entry.msgid_plural is not None:
        lines += wrap_string("msgid_plural", entry.msgid_plural, prefix, formats=formats, width=width)
        for index, form in enumerate(entry.msgstr):
            lines += wrap_string(f"msgstr[{index}]", form, prefix, formats=formats, width=width)
    else:
        lines += wrap_string("msgstr", entry.msgstr[0] if entry.msgstr else "", prefix, formats=formats, width=width)
    return lines


def render_catalog(catalog: Catalog) -> str:
    """The whole file as text: header entry, active entries, then obsolete ones, blank-line separated.

    What is written reads back the same, by our reader and by msgfmt --check: an entry that
    could not (`unwritable`) is an InputError at the entry (its line, else its first reference),
    and a catalog declaring a charset other than UTF-8 must stay ASCII (the text is written in UTF-8).
    The entries' shapes are checked one by one; the characters no PO file can hold, on the whole
    text at once (one scan instead of one per string: 100,000 messages cost a few milliseconds).
    """
    header = catalog.header_entry if catalog.header_entry is not None else Entry("")
    seen: set[tuple] = set()
    flags_ok: set[tuple] = set()  # the reader shares equal flag tuples: each is checked once
    for entry in (header, *catalog.entries, *catalog.obsolete):
        reason = shape_problem(entry, flags_ok)
        if reason is None and entry.key in seen:  # obsolete or not: msgfmt and our reader refuse both
            reason = "is defined twice: msgfmt refuses a duplicate message definition"
        if reason is not None:
            raise unwritable_error(catalog, entry, reason)
        seen.add(entry.key)
    try:
        blocks = [render_entry(header)]
        blocks += [render_entry(entry) for entry in catalog.entries]
        blocks += [render_entry(entry) for entry in catalog.obsolete]
        text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
    except UnicodeEncodeError:  # line breaking encodes long strings: a lone surrogate stops it
        text = None
    if text is None or CANNOT_HOLD.search(text):
        for entry in (header, *catalog.entries, *catalog.obsolete):
            reason = text_problem(entry)
            if reason is not None:
                raise unwritable_error(catalog, entry, reason)
    if catalog.encoding != "utf-8" and not text.isascii():
        raise InputError(catalog.path, catalog.header_line, f"declares charset {catalog.encoding} but would hold text that is "
                                                            "not ASCII; convert it with msgconv --to-code=UTF-8")
    return text
