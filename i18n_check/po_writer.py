"""PO documents in full (header, comments, previous msgids, obsolete entries) and their text as GNU gettext writes it.

`catalog.py` is the checker's read-only view; `update` needs every byte a
translator may have written, so it reads a `PoDocument` (every line kept) and
writes it back with gettext's own layout: the comment order and the string
wrapping of gettext-tools' write-po.c (page width 79, breaks where Unicode
line breaking allows, `\\n` ends a line), so `msgcat` on our output changes
nothing.  Line breaking is gettext's own: libunistring's u8_width_linebreaks
through ctypes (libunistring comes with GNU gettext); without it, a fallback
fills lines the same way over unicode-segmentation-rs's UAX #14 break
opportunities.  (translate-toolkit's `gettext_wrap` breaks before a no-break
space and inside format directives, which gettext never does, so it is not used.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from unicode_segmentation_rs import line_breaks

from .errors import InputError

PAGE_WIDTH = 79

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

@dataclass
class PoMessage:
    """One message with everything a PO file can say about it; `msgstr` holds one string or every plural form."""

    msgid: str
    msgstr: tuple[str, ...] = ("",)
    msgctxt: str | None = None
    msgid_plural: str | None = None
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)  # where it was read (for messages), never written

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """True when any form holds text: the translator's work that must never be lost."""
        return any(self.msgstr)

    def with_fuzzy(self, fuzzy: bool) -> "PoMessage":
        flags = tuple(f for f in self.flags if f != "fuzzy")
        return replace(self, flags=("fuzzy",) + flags if fuzzy else flags)


@dataclass
class PoDocument:
    """A whole PO/POT file: the header entry (comments, flags, raw msgstr) and the messages in file order."""

    header: str = ""
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    messages: list[PoMessage] = field(default_factory=list)

    def header_fields(self) -> dict[str, str]:
        """`Key: value` lines of the header msgstr, in order."""
        fields: dict[str, str] = {}
        for line in self.header.split("\n"):
            key, sep, value = line.partition(":")
            if sep and key.strip():
                fields[key.strip()] = value.strip()
        return fields

    def set_header_field(self, key: str, value: str) -> None:
        """Replace `key`'s value in the header msgstr (appended when absent), keeping every other line as is."""
        lines = self.header.split("\n")
        for index, line in enumerate(lines):
            if line.partition(":")[0].strip() == key:
                lines[index] = f"{key}: {value}"
                break
        else:
            if lines and lines[-1] == "":
                lines.insert(len(lines) - 1, f"{key}: {value}")
            else:
                lines.append(f"{key}: {value}")
        self.header = "\n".join(lines)


# ---------------------------------------------------------------- reading
#
# polib drops `#~|` lines and empty `#.` comments and rebuilds the header from a dict, so
# documents are read here, after the project's strict reader (catalog.load_catalog) has
# validated the file: this parser only has to take well-formed PO apart, line by line.

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*"(.*)"\s*$')
CONTINUATION = re.compile(r'^"(.*)"\s*$')
REFERENCE = re.compile(r"\u2068[^\u2069]*\u2069(?::\d+)?|\S+")  # gettext wraps names with spaces in U+2068/U+2069
UNESCAPE = re.compile(r'\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))')
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def unescape(text: str) -> str:
    """A PO string's C escapes decoded (`\\n`, `\\"`, octal, hex)."""
    def one(match: re.Match) -> str:
        octal, hexa, char = match.groups()
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        return SIMPLE_ESCAPES.get(char, char)
    return UNESCAPE.sub(one, text)


def _comment_text(rest: str) -> str:
    """`# text` -> `text`: the one space after the mark is the mark's, the rest the translator's."""
    return rest[1:] if rest.startswith(" ") else rest


class _Parser:
    """Line by line PO parser into PoMessages; `finish()` returns the document."""

    def __init__(self) -> None:
        self.messages: list[PoMessage] = []
        self.current: dict = {}
        self.target: tuple[str, int | None] | None = None  # the field continuation strings extend

    def flush(self) -> None:
        if "msgid" in self.current:
            c = self.current
            forms = c.get("msgstr", {})
            msgstr = tuple(forms[k] for k in sorted(forms)) if forms else ("",)
            self.messages.append(PoMessage(
                msgid=c["msgid"], msgstr=msgstr, msgctxt=c.get("msgctxt"), msgid_plural=c.get("msgid_plural"),
                translator_comments=tuple(c.get("#", ())), extracted_comments=tuple(c.get("#.", ())),
                references=tuple(c.get("#:", ())), flags=tuple(c.get("#,", ())),
                previous_msgctxt=c.get("|msgctxt"), previous_msgid=c.get("|msgid"),
                previous_msgid_plural=c.get("|msgid_plural"), obsolete=c.get("obsolete", False), line=c.get("line", 0),
            ))
        self.current, self.target = {}, None

    def _string(self, field: str, index: int | None, value: str) -> None:
        if index is None:
            self.current[field] = self.current.get(field, "") + value
        else:
            forms = self.current.setdefault("msgstr", {})
            forms[index] = forms.get(index, "") + value

    def line(self, number: int, line: str) -> None:
        text = line.strip()
        if not text:
            return
        obsolete = text.startswith("#~")
        if obsolete:
            text = text[2:].lstrip()
            if text.startswith("|"):
                text = "#|" + text[1:]
            elif not text:
                return
        if text.startswith("#|"):
            self._previous(text[2:].strip())
            return
        if text.startswith("#"):
            if "msgstr" in self.current:
                self.flush()
            mark = text[:2] if text[1:2] in (".", ":", ",") else "#"
            rest = text[len(mark):]
            if mark == "#:":
                self.current.setdefault(mark, []).extend(REFERENCE.findall(rest))
            elif mark == "#,":
                self.current.setdefault(mark, []).extend(f.strip() for f in rest.split(",") if f.strip())
            else:
                self.current.setdefault(mark, []).append(_comment_text(rest))
            return
        match = KEYWORD.match(text)
        if match:
            keyword, index, value = match.groups()
            if keyword in ("msgctxt", "msgid") and ("msgstr" in self.current or (keyword == "msgctxt" and "msgid" in self.current)):
                self.flush()
            if keyword == "msgid":
                self.current["line"] = number
            self.current["obsolete"] = obsolete
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            form = int(index) if index is not None else (0 if field == "msgstr" else None)
            self.target = (field, form)
            self._string(field, form, unescape(value))
            return
        match = CONTINUATION.match(text)
        if match and self.target:
            self._string(*self.target, unescape(match.group(1)))

    def _previous(self, text: str) -> None:
        if "msgstr" in self.current:
            self.flush()
        match = KEYWORD.match(text)
        if match and not match.group(1).startswith("msgstr"):
            self.target = ("|" + match.group(1), None)
            self._string("|" + match.group(1), None, unescape(match.group(3)))
            return
        match = CONTINUATION.match(text)
        if match and self.target and self.target[0].startswith("|"):
            self._string(*self.target, unescape(match.group(1)))

    def finish(self) -> PoDocument:
        self.flush()
        document = PoDocument()
        messages = self.messages
        if messages and messages[0].msgid == "" and messages[0].msgctxt is None and not messages[0].obsolete:
            head = messages.pop(0)
            document.header, document.header_comments, document.header_flags = head.msgstr[0], head.translator_comments, head.flags
        document.messages = messages
        return document


def read_document(path: str | Path) -> PoDocument:
    """The PO/POT file at `path` as a PoDocument; unreadable or malformed files raise InputError (file and line)."""
    from .catalog import load_catalog

    path = Path(path)
    load_catalog(path)  # the project's strict reader: what msgfmt would reject raises a located InputError
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, None, f"not UTF-8 ({exc.reason}); convert the catalog with msgconv --to-code=UTF-8") from None
    parser = _Parser()
    for number, line in enumerate(text.splitlines(), 1):
        parser.line(number, line)
    return parser.finish()


# ---------------------------------------------------------------- writing


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
    locked_all = directive_interiors(value, formats, keyword.startswith("msgstr"))
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


# Format directives gettext will not break inside (write-po.c "Don't break inside format
# directives").  Each parser returns the (start, end) spans of the valid directives up to
# the first invalid one, where gettext's own parser (format-*.c) gives up.

C_DIRECTIVE = re.compile(
    r"%(?:\d+\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXeEfFgGaAcCsSpnm%]|<PRI[a-zA-Z0-9]+>)"
)


def _c_directives(value: str) -> list[tuple[int, int]]:
    spans, index = [], value.find("%")
    while index >= 0:
        match = C_DIRECTIVE.match(value, index)
        if match is None:
            break
        spans.append(match.span())
        index = value.find("%", match.end())
    return spans


def _python_directives(value: str) -> list[tuple[int, int]]:
    """format-python.c: `%[(name)][flags][width][.precision][hlL]conversion`, names and tuples never mixed."""
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    index = value.find("%")
    while index >= 0:
        pos = index + 1
        name = None
        if value[pos:pos + 1] == "(":
            depth, pos = 0, pos + 1
            while pos < len(value) and not (value[pos] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(value[pos], 0)
                pos += 1
            if pos >= len(value):
                break
            name, pos = value[index + 2:pos], pos + 1
        while value[pos:pos + 1] in ("-", "+", " ", "#", "0") and pos < len(value):
            pos += 1
        star = value[pos:pos + 1] == "*"
        pos += 1 if star else len(re.match(r"\d*", value[pos:]).group())
        if value[pos:pos + 1] == ".":
            pos += 1
            if value[pos:pos + 1] == "*":
                star, pos = True, pos + 1
            else:
                pos += len(re.match(r"\d*", value[pos:]).group())
        if value[pos:pos + 1] in ("h", "l", "L") and pos < len(value):
            pos += 1
        conversion = value[pos:pos + 1]
        if not conversion or conversion not in "%csridouxXeEfgG":
            break
        if name is not None:
            named += 1
        elif conversion != "%":
            unnamed += 1
        if (named and (unnamed or star)):
            break
        spans.append((index, pos + 1))
        index = value.find("%", pos + 1)
    return spans


def _brace_field(value: str, pos: int) -> int | None:
    """The end of a `name` or `123` field at `pos` (format-python-brace.c), or None."""
    match = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+").match(value, pos)
    return match.end() if match else None


def _brace_directive(value: str, pos: int, toplevel: bool) -> int | None:
    """The end of the `{...}` directive starting at `pos`, or None when gettext finds it invalid."""
    if value[pos + 1:pos + 2] == "{":
        return pos + 2
    end = _brace_field(value, pos + 1)
    if end is None:
        return None
    while value[end:end + 1] in (".", "["):
        if value[end] == ".":
            end = re.compile(r"[A-Za-z_][A-Za-z0-9_]*").match(value, end + 1)
            end = end.end() if end else None
        else:
            end = _brace_field(value, end + 1)
            end = end + 1 if end is not None and value[end:end + 1] == "]" else None
        if end is None:
            return None
    if value[end:end + 1] == ":":
        if not toplevel:
            return None
        end += 1
        if value[end:end + 1] == "{":
            end = _brace_directive(value, end, False)
            if end is None:
                return None
        else:
            spec = re.compile(r"(?:.?[<>=^])?[-+ ]?#?0?\d*(?:\.\d+)?[bcdoxXneEfFgG%]?", re.S).match(value, end)
            end = spec.end()
    return end + 1 if value[end:end + 1] == "}" else None


def _brace_directives(value: str) -> list[tuple[int, int]]:
    spans, index = [], value.find("{")
    while index >= 0:
        end = _brace_directive(value, index, True)
        if end is None:
            break
        if value[index + 1:index + 2] != "{":  # `{{` is an escaped brace, not a directive
            spans.append((index, end))
        index = value.find("{", end)
    return spans


DIRECTIVE_PARSERS = {"c": _c_directives, "python": _python_directives, "python-brace": _brace_directives}


def directive_interiors(value: str, formats: tuple[str, ...], is_msgstr: bool = False) -> set[int]:
    """Indices inside a format directive of `value` (all but each directive's first character)."""
    parser = DIRECTIVE_PARSERS.get(formats[0]) if formats else None  # gettext uses the first possible format
    if parser is None or not value:
        return set()
    return {i for start, end in parser(value) for i in range(start + 1, end)}


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
    """`#:` lines filled up to the page width (write-po.c message_print_comment_filepos)."""
    if not references:
        return []
    lines, current, column = [], "#:", 2
    for ref in references:
        while ref.startswith("./"):
            ref = ref[2:]
        size = len(ref) + 1
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


def render_message(message: PoMessage) -> list[str]:
    """The lines of one message, in write-po.c's order: comments, references, flags, previous, strings."""
    lines = _comment_lines("#", message.translator_comments)
    formats = message_formats(message.flags)
    prefix, previous_prefix = ("#~ ", "#~| ") if message.obsolete else ("", "#| ")
    if not message.obsolete:
        lines += _comment_lines("#.", message.extracted_comments)
        lines += _reference_lines(message.references)
    lines += _flags_line(message.flags, message.obsolete or bool(message.msgstr and message.msgstr[0]))
    for keyword, value in (("msgctxt", message.previous_msgctxt), ("msgid", message.previous_msgid),
                           ("msgid_plural", message.previous_msgid_plural)):
        if value is not None:
            lines += wrap_string(keyword, value, previous_prefix, formats=formats)
    if message.msgctxt is not None:
        lines += wrap_string("msgctxt", message.msgctxt, prefix, formats=formats)
    lines += wrap_string("msgid", message.msgid, prefix, formats=formats)
    if message.msgid_plural is not None:
        lines += wrap_string("msgid_plural", message.msgid_plural, prefix, formats=formats)
        for index, form in enumerate(message.msgstr):
            lines += wrap_string(f"msgstr[{index}]", form, prefix, formats=formats)
    else:
        lines += wrap_string("msgstr", message.msgstr[0] if message.msgstr else "", prefix, formats=formats)
    return lines


def render_document(document: PoDocument) -> str:
    """The whole file as text: header entry, active messages, then obsolete ones, blank-line separated."""
    blocks = []
    header = PoMessage(msgid="", msgstr=(document.header,), translator_comments=document.header_comments,
                       flags=document.header_flags)
    blocks.append(render_message(header))
    blocks += [render_message(m) for m in document.messages if not m.obsolete]
    blocks += [render_message(m) for m in document.messages if m.obsolete]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
