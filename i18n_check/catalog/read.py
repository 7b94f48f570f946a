"""A strict PO/POT reader: returns a Catalog, or raises InputError where GNU msgfmt would fail.

Hand-written rather than over polib: polib accepts what `msgfmt --check` rejects
(invalid escapes, duplicates, misnumbered plural forms, inconsistent `#~`) and
is too slow for a million messages. The grammar is gettext 0.21's po-gram-gen.y
and po-lex.c, and an error names the line msgfmt names. The file is decoded
first, in the charset its header declares, so that the second byte of a BIG5 or
Shift_JIS character is never taken for a backslash. Lines end at LF only, as in
po-lex.c: a CR is blank space (a CR-only file is one line).

Memory: the text is decoded and parsed a piece at a time (never the whole file's text at once, which
for a 500k-message catalog weighed twice its bytes), and the strings and tuples that many entries
repeat (msgctxt, flags, comment tuples, empty translations) are shared, not copied per entry.
"""

from __future__ import annotations

import codecs
import gc
import re
from bisect import bisect_right
from pathlib import Path
from typing import Iterator

from ..errors import CONFLICT_MARKER, InputError, read_input
from .model import Catalog, Entry

# The header is ASCII, so its charset can be read from the bytes before decoding.
HEADER_BYTES = re.compile(rb'(?<![^\r\n])msgid[ \t]*""\s*msgstr[ \t]*((?:\s*"[^"\r\n]*")+)')
CHARSET = re.compile(r'charset=([^\s;"\\]+)', re.I)
ASCII_PROBE = bytes(range(32, 127)) + b"\t\n"
PLACEHOLDER_CHARSETS = {"", "charset"}  # xgettext writes charset=CHARSET in a fresh template

ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
# po-lex.c control_sequence(): no \u, \e, \?, \' ; octal takes 1-3 digits, hex any number (kept modulo 256).
ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9a-fA-F]+)|(.?))', re.S)
TOKEN = re.compile(r'''[ \t\r\f\v]*(?:
      "(?P<str>(?:[^"\\]|\\.)*)"                        # a complete string
    | (?P<kw>[A-Za-z_$][A-Za-z0-9_$]*)                  # a keyword, maybe indexed: msgstr [1]
      (?:[ \t\r\f\v]*\[[ \t\r\f\v]*(?P<idx>[0-9]+)[ \t\r\f\v]*\])?
    | (?P<mark>\#[~|])                                  # `#~` / `#|` go on with the line (po-lex.c)
    | (?P<comment>\#.*)                                 # a comment runs to the end of the line
    | (?P<bad>.)
    | \Z)''', re.X | re.S)
# The usual entry, read in one match: comments, then msgctxt, msgid and msgstr (or msgid_plural and
# msgstr[n]) each with its string lines, then the next entry or the end. Anything else (obsolete
# entries, odd layouts, errors) goes through the line-by-line grammar of _Reader.dispatch().
TEXT = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # a string on one line; its escapes are checked later
STRINGS = rf'{TEXT}(?:\n{TEXT})*'
SIMPLE = re.compile(rf'''
    (?P<comments>(?:\#(?:[ ,.:][^\n]*)?\n)*)
    (?:msgctxt[ ](?P<ctxt>{STRINGS})\n)?
    msgid[ ](?P<msgid>{STRINGS})\n
    (?:msgstr[ ](?P<msgstr>{STRINGS})
     | msgid_plural[ ](?P<plural>{STRINGS})(?P<forms>(?:\nmsgstr\[[0-9]+\][ ]{STRINGS})+))
    (?:\n|\Z)\n*(?=\#[ ,.:\n]|msgctxt[ ]|msgid[ ]|\Z)''', re.X)
FORM = re.compile(rf'\nmsgstr\[([0-9]+)\][ ]({STRINGS})')
KEYWORDS = ("msgid", "msgstr", "msgctxt", "msgid_plural", "domain")

# What may follow the last keyword of the entry being read (po-gram-gen.y); None: no keyword yet.
FOLLOWS = {
    None: {"#|msgctxt", "#|msgid", "msgctxt", "msgid", "domain"},
    "#|msgctxt": {"#|msgid"},
    "#|msgid": {"#|msgid_plural", "msgctxt", "msgid"},
    "#|msgid_plural": {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgstr", "msgid_plural"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": set(),
    "msgstr[]": {"msgstr[]"},
    "domain": set(),
}
STARTS = FOLLOWS[None]
COMPLETE = ("msgstr", "msgstr[]", "domain")  # an entry (or directive) may end after these
REFERENCE = re.compile(r"\u2068[^\u2069]*\u2069(?::\d+)?|\S+")  # gettext wraps names with spaces in U+2068/U+2069
NO_FIELDS: dict[str, list] = {}  # never written to
new_entry = tuple.__new__  # new_entry(Entry, fields): Entry._make without its Python call and length check
PIECE = 1 << 16  # bytes decoded and parsed at a time
# Where a piece of text may end: where SIMPLE's look-ahead for the next entry holds after a blank line.
ENTRY_STARTS = ("msgctxt ", "msgid ", "# ", "#,", "#.", "#:", "#\n")
UNTRANSLATED = ("",)


def load_catalog(path: str | Path) -> Catalog:
    """Read one PO/POT file; raise InputError with the file and line on anything msgfmt would reject."""
    return read_po(Path(path))


def read_po(path: Path) -> Catalog:
    """The catalog in `path`; InputError(path, line, reason) on anything msgfmt rejects as malformed."""
    data = read_input(path, "catalog")
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise InputError(path, line, "NUL byte: this is not a text PO file (a compiled .mo?)")
    if data.startswith(codecs.BOM_UTF8):
        raise InputError(path, 1, "the file starts with a UTF-8 byte order mark, which msgfmt rejects "
                                  "(syntax error); save it as UTF-8 without BOM")
    charset, line = sniff_charset(data)
    collecting = gc.isenabled()
    gc.disable()  # the reader makes no cycles; a million entries would cost as many GC passes again
    try:
        reader = _Reader(path, charset, line)
        catalog = reader.read(data)
        found = CHARSET.search(catalog.header.get("Content-Type", ""))
        declared = found.group(1) if found else ""
        if codec_name(path, declared, catalog.header_line) != reader.codec:
            # Only when the header is not where the byte sniffer looked (e.g. after other entries).
            catalog = _Reader(path, declared, catalog.header_line).read(data)
    finally:
        if collecting:
            gc.enable()
    return catalog


def read_po_text(text: str, path: str | Path) -> Catalog:
    """The catalog in `text`, a PO file already decoded (an editor's buffer); InputError as read_po.

    The text is what the user sees: it is read as it is, whatever charset the header declares
    for the file on disk.
    """
    path = Path(path)
    if "\0" in text:
        raise InputError(path, text.count("\n", 0, text.index("\0")) + 1, "NUL character: this is not a text PO file")
    collecting = gc.isenabled()
    gc.disable()  # as read_po: no cycles made
    try:
        return _Reader(path, "UTF-8", 1).read(text.encode("utf-8", "surrogatepass"))
    finally:
        if collecting:
            gc.enable()


def find_header(data: bytes) -> re.Match | None:
    """The header's msgid and msgstr: the first `msgid ""` entry without msgctxt (what precedes its msgid says which)."""
    for match in HEADER_BYTES.finditer(data):
        before = data[max(0, match.start() - 4096):match.start()].replace(b"\r", b"\n").split(b"\n")
        keyword = next((line for line in map(bytes.strip, reversed(before)) if line and line[:1] != b'"'), b"")
        if not keyword.startswith(b"msgctxt"):
            return match
    return None


def sniff_charset(data: bytes) -> tuple[str, int]:
    """The charset in the header's Content-Type ("" when none), and its line."""
    match = find_header(data)
    if match is None:
        return "", 1
    found = CHARSET.search(re.sub(rb'"\s*"', b"", match.group(1)).decode("ascii", "replace"))
    where = data.find(b"charset=", match.start(), match.end())
    return (found.group(1) if found else ""), data.count(b"\n", 0, max(where, match.start())) + 1


def codec_name(path: Path, charset: str, line: int) -> str:
    """Python's name for a declared charset ("" when absent); InputError when unusable."""
    if charset.lower() in PLACEHOLDER_CHARSETS:
        return ""
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise InputError(path, line, f"unknown charset {charset!r} in the Content-Type header") from None
    try:
        compatible = ASCII_PROBE.decode(codec.name) == ASCII_PROBE.decode("ascii")
    except UnicodeDecodeError:
        compatible = False
    if not compatible:
        raise InputError(path, line, f"charset {charset!r} is not ASCII-compatible; gettext cannot read it")
    return codec.name


def pieces(data: bytes, charset: str) -> Iterator[str]:
    """The text of `data` in pieces that end where an entry begins after a blank line.

    There SIMPLE's look-ahead for the next entry holds, so it matches at a piece's end as it would in
    the whole text; a line never spans two pieces. UnicodeDecodeError on a byte invalid in `charset`.
    """
    decode = codecs.getincrementaldecoder(charset)().decode  # a character may span two chunks of bytes
    pending: list[str] = []  # the text decoded since the last piece ended
    tail, view = "", memoryview(data)  # tail: its last characters, where a blank line may have begun
    for start in range(0, max(len(data), 1), PIECE):
        final = start + PIECE >= len(data)
        new = decode(view[start:start + PIECE], final)
        if "\r" in new and "\r\n" in new:  # see _Reader.decode (a CR kept where a chunk ends is blank space too)
            new = new.replace("\r\n", "\n")
        pending.append(new)
        if final:
            yield "".join(pending)
            return
        probe = tail + new  # only the new text is searched: a long entry costs no quadratic time
        blank = probe.rfind("\n\n")
        while blank >= 0 and not probe.startswith(ENTRY_STARTS, blank + 2):
            blank = probe.rfind("\n\n", 0, blank)
        if blank < 0:
            tail = probe[-16:]
            continue
        text = "".join(pending)
        cut = len(text) - len(probe) + blank + 2
        yield text[:cut]
        pending = [text[cut:]]
        tail = pending[0][-16:]


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def comment_fields(block: str) -> dict[str, list[str]]:
    """Comment kind (see parse_comment) -> its items, of the lines of `block` (each ending with a newline)."""
    fields: dict[str, list[str]] = {}
    for line in block[:-1].split("\n"):
        kind, items = parse_comment(line[1:2], line)
        fields.setdefault(kind, []).extend(items)
    return fields


def parse_comment(mark: str, line: str) -> tuple[str, list[str]]:
    """(kind, items) of a comment line: `#:` references, `#,` flags, `#.` extracted, else translator."""
    if mark == ":":
        return ":", line[2:].split() if "\u2068" not in line else REFERENCE.findall(line[2:])
    if mark == ",":
        return ",", [flag for flag in map(str.strip, line[2:].split(",")) if flag]
    text = line.rstrip()
    if mark == ".":
        return ".", [text[3:] if text[2:3] == " " else text[2:]]
    return "#", [text[2:] if mark == " " else text[1:]]


class _Reader:
    """One pass over the text, feeding keywords, strings and comments to the message grammar."""

    def __init__(self, path: Path, charset: str, charset_line: int):
        self.path, self.codec = path, codec_name(path, charset, charset_line)
        self.charset = self.codec or "utf-8"
        self.reset()

    def reset(self) -> None:
        """Begin reading the file (again)."""
        self.undecodable: int | None = None  # the first line with bytes invalid in the charset
        self.undecodable_column = 0  # where on that line the first of them is
        self.offset = 0  # where on its line the text given to tokens() starts (after `#~`, `#|`)
        self.breaks: list[int] = []  # where the line given to dispatch() was joined (see joined())
        self.at = 0  # the line read when an error is found, once self.undecodable is set
        self.text = ""  # the text being parsed: the whole file's, or a piece of it that starts at line self.first
        self.first = 1
        self.entries: list[Entry] = []
        self.obsolete: list[Entry] = []
        # For duplicates: domain -> msgctxt -> (that msgctxt, {msgid: line}). Nested rather than keyed by
        # (domain, msgctxt, msgid) tuples, which weighed 40 MB at 500k messages; and every entry with a
        # msgctxt gets the first entry's string object, not its own copy.
        self.seen: dict[str | None, dict[str | None, tuple[str | None, dict[str, int]]]] = {}
        self.shared: dict[tuple, tuple] = {}  # comment tuples, one object per value: many entries repeat theirs
        self.blocks: dict[str, tuple] = {}  # comment lines without references -> (flags, translator, extracted, ())
        self.header: Entry | None = None
        self.domain = None
        self.start()

    def fail(self, line: int, reason: str):
        """Raise the located input error (exit 2)."""
        raise InputError(self.path, line, reason)

    def decode(self, data: bytes) -> str:
        """The text; bytes invalid in the charset set self.undecodable unless they are in comments, as in msgfmt."""
        try:
            text, invalid = data.decode(self.charset), False
        except UnicodeDecodeError:
            if not self.codec:  # no charset declared: msgfmt passes the bytes through, each one kept here
                text, invalid, self.charset = data.decode("latin-1"), False, "iso8859-1"
            else:
                text, invalid = data.decode(self.charset, "surrogateescape"), True
        if "\r" in text and "\r\n" in text:  # ("\r" first: 10 times faster to look for) po-lex.c ends
            # lines at LF and reads CR as blank space, so dropping the CR of CRLF changes no token.
            text = text.replace("\r\n", "\n")
        if not invalid:
            return text
        # msgfmt learns the charset from the header once it has read it and the token after it (a
        # comment: its line): bytes up to there go unchecked.
        header = find_header(data)
        checked_from = 0
        if header is not None:
            end = header.end()
            after = len(data[end:]) - len(data[end:].lstrip())
            if data[end + after:end + after + 1] == b"#" and data[end + after + 1:end + after + 2] not in (b"~", b"|"):
                newline = data.find(b"\n", end + after)
                end = len(data) if newline < 0 else newline
            checked_from = data.count(b"\n", 0, end) + 1
        for bad in re.finditer("[\udc80-\udcff]", text):
            start = text.rfind("\n", 0, bad.start()) + 1
            line = text[start:bad.start()].lstrip()
            # In a comment, po-lex.c decodes only the character after `#` (to tell `#~` and `#|` apart).
            if (line[:1] != "#" or line in ("#", "#~", "#|") or line[:2] in ("#~", "#|")) \
                    and text.count("\n", 0, start) >= checked_from:
                self.undecodable = text.count("\n", 0, start) + 1
                self.undecodable_column = bad.start() - start
                break
        return re.sub("[\udc80-\udcff]+", "\ufffd", text)

    def start(self) -> None:
        """Begin a new entry."""
        self.state: str | None = None  # the entry's last keyword so far
        self.obs: bool | None = None  # whether the entry is `#~` obsolete, once its first keyword is read
        self.parts: list[str] | None = None  # the strings of the last keyword
        self.fields: dict[str, list] = {}  # keyword -> its strings; comment kind -> its items
        self.line = 0  # of the msgid keyword
        self.pending: tuple[int, str] | None = None  # (line, reason) of an error raised when the entry ends
        # (line, reason) of an error po-gram-gen.y finds when it reduces a keyword with its strings, at the
        # token after them: an error the lexer meets in those strings is named first. Without strings
        # there is no reduction: the token after the keyword is a syntax error.
        self.reduced: tuple[int, str] | None = None

    def read(self, data: bytes) -> Catalog:
        """The catalog in `data`; InputError on the first line msgfmt refuses."""
        try:
            catalog = self.read_pieces(data)
        except InputError:
            if self.codec or is_utf8(data):
                raise
            catalog = None  # no charset declared and a byte that is not UTF-8 further on: all of it is Latin-1
        if catalog is not None:
            return catalog
        self.reset()
        self.text = self.decode(data)
        try:
            catalog = self.parse()
        except InputError:
            # msgfmt meets an invalid byte when it reads that far: an error found before it comes first
            # (found: an entry's error names its msgid line but is only seen at the next keyword,
            # which may stand on the invalid byte's line, before it: tokens() stops at the byte).
            if self.undecodable is None or self.at <= self.undecodable:
                raise
        if self.undecodable is not None:
            self.fail(self.undecodable, f"invalid multibyte sequence for charset {self.charset}")
        return catalog

    def read_pieces(self, data: bytes) -> Catalog | None:
        """The catalog, read a piece of text at a time; None when the whole text must decide (an invalid
        byte: an error before it comes first; a backslash-newline, which may join lines anywhere).

        An error raised here is the whole text's: every piece before it decoded and parsed cleanly.
        """
        try:
            for text in pieces(data, self.charset):
                # (A CR may wait for its LF in the next piece; "\r" alone is 10 times faster to look for.)
                if "\\\n" in text or "\r" in text and "\\\r" in text:
                    return None
                self.text = text
                self.scan()
                self.first += text.count("\n")
        except UnicodeDecodeError:
            return None
        self.text = ""
        self.at = self.first
        return self.finish()

    def parse(self) -> Catalog:
        """The catalog in the whole text: decoded with its invalid bytes, or with backslash-newlines."""
        text = self.text
        if "\\\n" in text:  # backslash-newline joins lines anywhere (po-lex.c lex_getc): no fast path
            for lineno, line, self.breaks in joined(text.split("\n")):
                self.dispatch(line, lineno)
            self.breaks = []
        elif self.undecodable is not None:  # line by line, so that self.at says where an error was found
            for self.at, line in enumerate(text.split("\n"), 1):
                if line:
                    self.dispatch(line, self.at)
        else:
            self.scan()
        self.at = text.count("\n") + 1
        return self.finish()

    def scan(self) -> None:
        """Parse self.text: runs of usual entries in one regex match each, any other line through dispatch()."""
        text = self.text
        pos, lineno, size, simple, dispatch = 0, self.first, len(text), SIMPLE.match, self.dispatch
        while pos < size:
            if self.state is None and not self.fields or self.state in COMPLETE and self.parts:
                match = simple(text, pos)
                if match:
                    if self.state is not None:
                        self.flush()
                    pos, lineno = self.run(match, lineno)
                    continue
            end = text.find("\n", pos)
            end = size if end < 0 else end
            if end > pos:
                dispatch(text[pos:end], lineno)
            pos, lineno = end + 1, lineno + 1

    def finish(self) -> Catalog:
        """The catalog, once the file's last line (self.at) has been read."""
        self.end(self.at, "end of file")
        self.flush()
        return Catalog.create(self.path, self.header, self.entries, self.obsolete, self.charset)

    def run(self, match: re.Match, lineno: int) -> tuple[int, int]:
        """Add the entries SIMPLE matches from `match` on (at line `lineno`); the position and line after."""
        text, simple, entries, blocks = self.text, SIMPLE.match, self.entries, self.blocks
        contexts = self.seen.setdefault(self.domain, {})  # (no `domain` line in a run)
        last, lines = contexts.setdefault(None, (None, {}))  # the msgctxt of the entry before, and its msgids
        unescape = self.unescape

        def value(strings: str, lineno: int) -> str:
            """The text of string lines matched by SIMPLE, the first at `lineno`."""
            if "\\" in strings:
                return "".join([unescape(s[1:-1], n) for n, s in enumerate(strings.split("\n"), lineno)])
            return strings[1:-1] if "\n" not in strings else "".join([s[1:-1] for s in strings.split("\n")])

        while match:
            comments, ctxt, msgid, msgstr, plural, forms = match.groups()
            if comments:
                lineno += comments.count("\n")
            # The common case inline: one line, no escape.
            if ctxt is not None:
                plain = "\\" not in ctxt and "\n" not in ctxt
                ctxt, lineno = ctxt[1:-1] if plain else value(ctxt, lineno), lineno + ctxt.count("\n") + 1
            line = lineno
            plain = "\\" not in msgid and "\n" not in msgid
            msgid, lineno = msgid[1:-1] if plain else value(msgid, line), line + msgid.count("\n") + 1
            pos = match.end()
            if plural is None:
                plain = "\\" not in msgstr and "\n" not in msgstr
                texts = (msgstr[1:-1] if plain else value(msgstr, lineno),) if msgstr != '""' else UNTRANSLATED
                lineno += msgstr.count("\n") + pos - match.end(4)  # the match ends with newlines
            else:
                plural, lineno = value(plural, lineno), lineno + plural.count("\n") + 1
                texts = []
                for form in FORM.finditer(forms):
                    if plural_index(form[1]) != len(texts):
                        self.fail(lineno, "plural form has wrong index" if texts else "first plural form has nonzero index")
                    texts.append(value(form[2], lineno))
                    lineno += form[2].count("\n") + 1
                texts = tuple(texts)
                lineno += pos - match.end(6) - 1
            if ctxt != last:
                known = contexts.get(ctxt)
                if known is None:
                    known = contexts[ctxt] = (ctxt, {})
                last, lines = known
            ctxt = last  # one string object for all entries with this msgctxt
            if not msgid and ctxt is None or msgid in lines:  # the header, or a duplicate
                self.add(msgid, ctxt, texts, plural, False, comment_fields(comments) if comments else NO_FIELDS, line)
            else:  # inline, because a million entries must be read fast
                lines[msgid] = line
                if comments:  # SIMPLE takes no `#|` lines: no previous msgid
                    known = blocks.get(comments)
                    if known is None:
                        known = self.comments(comments)
                    flags, translator, extracted, references = known
                    entries.append(new_entry(Entry, (msgid, texts, line, ctxt, plural, flags, translator, extracted, references,
                                                     None, None, None, False)))
                else:
                    entries.append(new_entry(Entry, (msgid, texts, line, ctxt, plural, (), (), (), (), None, None, None, False)))
            match = simple(text, pos)
        return pos, lineno

    def comments(self, block: str) -> tuple[tuple[str, ...], ...]:
        """(flags, translator comments, extracted comments, references) of a block of comment lines.

        Blocks without references (`#, python-format`, `#. Translators: ...`) recur: each is read once.
        """
        get, share = comment_fields(block).get, self.shared.setdefault
        flags, translator, extracted, references = tuple(get(",", ())), tuple(get("#", ())), tuple(get(".", ())), tuple(get(":", ()))
        found = share(flags, flags), share(translator, translator), share(extracted, extracted), share(references, references)
        if not references:
            self.blocks[block] = found
        return found

    def dispatch(self, line: str, lineno: int) -> None:
        """Feed one line to the grammar."""
        if line[0] != "#":
            self.offset = 0
            return self.tokens(line, lineno, False)
        if lineno == self.undecodable:  # right after the `#` (see decode): read before the comment is
            self.fail(lineno, f"invalid multibyte sequence for charset {self.charset}")
        mark = line[1:2]
        self.offset = 2
        if mark == "~":
            return self.tokens(line[2:], lineno, True)
        if mark == "|":
            return self.tokens(line[2:], lineno, False, prev=True)
        self.comment(mark, line, lineno + len(self.breaks))  # read up to the newline

    def tokens(self, line: str, lineno: int, obsolete: bool, prev: bool = False) -> None:
        """The slow path: any layout msgfmt accepts (`msgid "a" msgstr "b"`, `msgstr [1]`, escapes...)."""
        if CONFLICT_MARKER.match(line):
            self.fail(lineno, "git merge conflict marker: resolve the conflict first")
        shift, first, breaks = self.offset, lineno, self.breaks
        if obsolete and line[:1] == "|":
            line, prev, shift = line[1:], True, shift + 1
        pos = 0
        string_end = -1  # where the last string on this line closed
        while pos < len(line):
            token = TOKEN.match(line, pos)
            pos = token.end()
            if breaks:  # a line joined by backslash-newlines: po-lex.c names the line it has read up to,
                # the character after a keyword (or a comment's newline), else the token's last one.
                lineno = first + bisect_right(breaks, shift + (pos if token["kw"] or token["comment"] else pos - 1))
            if lineno == self.undecodable and self.offset + pos > self.undecodable_column:
                self.fail(lineno, f"invalid multibyte sequence for charset {self.charset}")  # as po-lex.c reads it
            if token["str"] is not None:
                at = None
                if breaks:  # a bad escape is named at its own line
                    start = shift + token.start("str")
                    at = lambda index: first + bisect_right(breaks, start + index)  # noqa: E731
                self.string(self.unescape(token["str"], lineno, at), lineno, obsolete, prev)
                string_end = pos
            elif token["kw"] is not None:
                name, index = token["kw"], token["idx"]
                if name not in KEYWORDS or prev and name in ("msgstr", "domain"):
                    # msgfmt's words; a word glued to the quote that closed a string is nearly always
                    # text after a quotation mark the translator did not escape: say so.
                    hint = '; an unescaped " inside a string? write \\" for a quotation mark' if token.start("kw") == string_end else ""
                    self.fail(lineno, f'keyword "{name}" unknown{hint}')
                if index is not None and name != "msgstr":
                    # msgfmt ends the entry being read at the keyword itself, then meets the `[`.
                    self.keyword("#|" + name if prev else name, None, lineno, obsolete)
                    self.fail(lineno, f"syntax error: {name} takes no [index]")
                name = "#|" + name if prev else name if index is None else "msgstr[]"
                self.keyword(name, None if index is None else plural_index(index), lineno, obsolete)
            elif token["mark"] is not None:
                # Anywhere on a line, po-lex.c reads `#~` as the obsolete marker (again and again:
                # `#~ #~ msgid` is one) and `#|` (or `#~|`) as the previous-message one, never as a comment.
                if token["mark"] == "#|":
                    prev = True
                else:
                    obsolete = True
                    if line[pos:pos + 1] == "|":
                        pos, prev = pos + 1, True
            elif token["comment"] is not None:
                return self.comment(token["comment"][1:2], token["comment"], lineno)
            elif token["bad"] == '"':
                lineno = first + len(breaks)  # the string runs to the newline
                if lineno == self.undecodable and self.offset + len(line) > self.undecodable_column:
                    # po-lex.c reads the open string up to the invalid byte: an escape before it comes first.
                    self.unescape(line[pos:self.undecodable_column - self.offset].rstrip("\\"), lineno)
                    self.fail(lineno, f"invalid multibyte sequence for charset {self.charset}")
                self.unescape(line[pos:], lineno)  # po-lex.c meets a bad escape before the line's end
                # po-lex.c has read the newline when it sees the string is open ("end-of-file" if none).
                after = self.after_line(lineno)
                self.fail(after, f"end-of-{'file' if after == lineno else 'line'} within string")
            elif token["bad"]:
                if self.reduced and self.parts:
                    self.fail(*self.reduced)
                if self.parts:  # po-gram-gen.y first ends the entry whose strings came before it
                    self.end(lineno, repr(token["bad"]))
                self.fail(lineno, f"syntax error: unexpected {token['bad']!r}")

    def after_line(self, lineno: int) -> int:
        """The line msgfmt names once it has read line `lineno` to its newline: the next one, or this one
        when the file ends there without a newline."""
        at_eof = not self.text.endswith("\n") and lineno == self.first + self.text.count("\n")
        return lineno if at_eof else lineno + 1

    def unescape(self, body: str, lineno: int, at=None) -> str:
        """The value of a string literal's body; escapes as in po-lex.c. at: body index -> line, in a joined line."""
        if "\\" not in body:
            return body
        raw = False

        def replace(match: re.Match) -> str:
            nonlocal raw
            simple, octal, hexa, bad = match.groups()
            if simple:
                return ESCAPES[simple]
            if bad is not None:  # found once the character after the backslash is read
                self.fail(at(match.start() + 1) if at else lineno, f"invalid control sequence '\\{bad}'")
            value = int(octal, 8) if octal else int(hexa, 16)
            value &= 0xFF  # msgfmt stores the value in a char
            if value < 0x80:
                return chr(value)
            raw = True  # a byte of the file's charset: decoded with its neighbours below
            return chr(0xDC00 + value)

        text = ESCAPE.sub(replace, body)
        if raw and not self.codec:  # no charset declared: msgfmt passes the bytes through
            return re.sub("[\udc80-\udcff]", lambda byte: chr(ord(byte[0]) - 0xDC00), text)
        if raw:
            try:
                text = text.encode(self.charset, "surrogateescape").decode(self.charset)
            except UnicodeError:
                self.fail(lineno, f"escaped bytes are an invalid multibyte sequence for charset {self.charset}")
        return text

    def comment(self, mark: str, line: str, lineno: int) -> None:
        """A `#` line: comments precede an entry; inside one they are an error."""
        if self.reduced and self.parts:
            self.fail(*self.reduced)
        if self.state in COMPLETE and self.parts:
            self.flush()
        elif self.state is not None:
            # msgfmt reads the whole comment line before it sees the error: it names the next line.
            self.end(self.after_line(lineno), f"comment (line {lineno}) inside an entry")
        kind, items = parse_comment(mark, line)
        self.fields.setdefault(kind, []).extend(items)

    def end(self, lineno: int, found: str) -> None:
        """Something that ends the entry being read has come (`found`): the entry must be complete."""
        if self.reduced and self.parts:
            self.fail(*self.reduced)
        state = self.state
        if state is None:
            return
        if state in COMPLETE and self.parts:
            # po-gram-gen.y reduces the complete entry before the error that follows it, so a
            # duplicate definition is named first.
            self.flush()
            return
        if not self.parts:
            self.fail(lineno, f"syntax error: {state} without a string before {found}")
        if state == "msgid":
            self.fail(self.line, "missing 'msgstr' section")
        if state == "msgid_plural":
            self.fail(self.line, "missing 'msgstr[]' section")
        self.fail(lineno, f"syntax error: {found} after {state}; msgctxt and #| lines must be followed by msgid")

    def misplaced(self, name: str, lineno: int) -> None:
        """Raise the error msgfmt gives for keyword `name` where the grammar does not allow it."""
        state = self.state
        if state == "msgid_plural" and name == "msgstr" and self.parts:
            self.fail(lineno, "msgstr after msgid_plural: a plural entry needs msgstr[0], msgstr[1]...")
        if state == "msgstr[]" and name == "msgstr" and self.parts:
            # po-gram-gen.y reads on, taking it for the next msgstr[n]: the entry has not ended yet.
            self.fail(lineno, "syntax error: msgstr cannot follow msgstr[]")
        self.end(lineno, name)
        self.fail(lineno, f"syntax error: {name} cannot follow {state or 'a comment'}")

    def keyword(self, name: str, index: int | None, lineno: int, obsolete: bool) -> None:
        """A keyword: the strings that follow are its text."""
        if self.reduced and self.parts:
            self.fail(*self.reduced)
        state = self.state
        if state in COMPLETE and name in STARTS and self.parts:
            self.flush()
        elif state == "msgid" and name == "msgstr[]" and self.parts:
            # po-gram-gen.y says so when it ends the entry, after the msgstr[n] list: an error
            # inside the list (a stray token, a msgstr[n] without a string) is named first.
            self.pending = (self.line, "missing 'msgid_plural' section")
        elif name not in FOLLOWS[state] or state is not None and not self.parts:
            self.misplaced(name, lineno)
        if self.obs is not obsolete:
            if self.obs is not None:
                self.reduced = (lineno, "inconsistent use of #~")
            self.obs = obsolete
        self.state = name
        parts = self.parts = []
        if name != "msgstr[]":
            self.fields[name] = parts
            if name == "msgid" or name == "domain":
                self.line = lineno
            return
        forms = self.fields.setdefault("msgstr[]", [])
        if index != len(forms) and not self.reduced:  # (found after the inconsistent #~, as po-gram-gen.y checks)
            self.reduced = (lineno, "plural form has wrong index" if forms else "first plural form has nonzero index")
        forms.append(parts)

    def string(self, value: str, lineno: int, obsolete: bool, prev: bool = False) -> None:
        """A string continuing the last keyword's text."""
        parts, state = self.parts, self.state
        if parts is None or prev is not (state[0] == "#") or state == "domain" and parts:
            self.fail(lineno, "syntax error: a string that belongs to no keyword")
        if self.obs is not obsolete:
            self.fail(lineno, "inconsistent use of #~")
        parts.append(value)

    def flush(self) -> None:
        """Add the entry just read, if any, to the catalog; begin the next one."""
        fields = self.fields
        if self.reduced:
            self.fail(*self.reduced)
        if self.pending:
            self.fail(*self.pending)
        if self.state == "domain":
            self.domain = "".join(fields["domain"])
        elif self.state in COMPLETE:
            forms = fields.get("msgstr[]") or [fields["msgstr"]]
            plural = fields.get("msgid_plural")
            self.add("".join(fields["msgid"]), "".join(fields["msgctxt"]) if "msgctxt" in fields else None,
                     tuple(["".join(form) for form in forms]), None if plural is None else "".join(plural), self.obs,
                     fields, self.line)
        self.start()

    def add(self, msgid: str, ctxt: str | None, forms: tuple[str, ...], plural: str | None, obsolete: bool,
            fields: dict[str, list], line: int) -> None:
        """Add the entry whose msgid is at `line` (comments, previous msgid in `fields`) or the header."""
        contexts = self.seen.setdefault(self.domain, {})
        ctxt, lines = contexts.setdefault(ctxt, (ctxt, {}))
        if msgid in lines:
            self.fail(line, f"duplicate message definition (first defined at line {lines[msgid]})")
        lines[msgid] = line
        entry = make_entry(msgid, forms, line, ctxt, plural, obsolete, fields)
        if not msgid and ctxt is None and not obsolete and self.header is None:
            self.header = entry
        else:
            (self.obsolete if obsolete else self.entries).append(entry)


def plural_index(digits: str) -> int:
    """The number in `msgstr[N]`; one of more than 18 digits is never a right index (int() refuses 4,300)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else -1


def make_entry(msgid: str, forms: tuple[str, ...], line: int, ctxt: str | None, plural: str | None,
               obsolete: bool, fields: dict[str, list]) -> Entry:
    """The Entry of a message, its comments and previous msgctxt/msgid/msgid_plural taken from `fields`."""
    get = fields.get
    previous = [None if get(name) is None else "".join(get(name)) for name in ("#|msgctxt", "#|msgid", "#|msgid_plural")]
    return Entry(msgid, forms, line, ctxt, plural, tuple(get(",", ())), tuple(get("#", ())), tuple(get(".", ())),
                 tuple(get(":", ())), *previous, obsolete)


def joined(lines: list[str]):
    """(first line number, line, breaks) with backslash-newline continuations joined, as po-lex.c's lex_getc
    does; breaks: where in the joined line each next physical line begins (the line of a character
    at index i is the first plus bisect_right(breaks, i)).

    Each backslash-newline is taken once: in `\\\\<LF>` the first backslash stays, a stray one; the
    last line has no newline to join.
    """
    number, pending, breaks = 0, None, []
    for lineno, line in enumerate(lines, 1):
        if pending is None:
            number, pending, breaks = lineno, "", []
        if line.endswith("\\") and lineno < len(lines):
            pending += line[:-1]
            breaks.append(len(pending))
            continue
        pending += line
        if pending:
            yield number, pending, breaks
        pending = None

