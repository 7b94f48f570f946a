"""What a PO file can hold so that it reads back the same: the checks `write.render_catalog`
makes before it returns a text, and the `#:` reference to a file name as gettext writes it.

Our reader (read.py) and GNU msgfmt must read every file we write as we wrote it: a NUL, a
lone surrogate, a comment line ending in a backslash (po-lex.c joins the next line to it), a flag
or a reference that would not read back as one, a plural entry without forms would each give a
file that is refused or read otherwise. fuzz/fuzz_po_writer.py and
tests/test_po_writer_roundtrip.py hold the writer to it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from .model import Catalog, Entry

# gettext (>= 0.22, write-po.c) writes a file name holding a space or a tab between U+2068 and
# U+2069, so that a reader can tell where it ends; the reader (read.REFERENCE) reads it so.
ISOLATE_OPEN, ISOLATE_CLOSE = "\u2068", "\u2069"
# What a file name in a reference cannot hold, even isolated: the line ends that would let it
# write lines of its own (`msgid "pwn"`), other control characters, the isolates themselves, and
# the surrogates that stand for bytes which are not UTF-8 (a PO file is written in UTF-8).
NAME_CANNOT_HOLD = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u2068\u2069\ud800-\udfff]")


def reference(name: str, line: int | None = None) -> str:
    """The `#:` reference to `name` (at `line`) as gettext writes it; ValueError (its reason) when
    no PO reference can hold the name."""
    while name.startswith("./"):
        name = name[2:]
    if not name:
        raise ValueError("the file name is empty")
    bad = NAME_CANNOT_HOLD.search(name)
    if bad:
        char = bad.group(0)
        what = f"a byte that is not UTF-8 (0x{ord(char) - 0xDC00:02x})" if "\udc80" <= char <= "\udcff" else f"the character U+{ord(char):04X}"
        raise ValueError(f"the file name holds {what}, which a PO reference cannot hold: rename the file")
    if " " in name or "\t" in name:
        name = ISOLATE_OPEN + name + ISOLATE_CLOSE
    return name if line is None else f"{name}:{line}"


def without_dot_slash(ref: str) -> str:
    """A reference as written: without leading `./` (write-po.c drops them)."""
    while ref.startswith("./"):
        ref = ref[2:]
    return ref


def unwritable_error(catalog: Catalog, entry: Entry, reason: str) -> InputError:
    return InputError(*entry_location(catalog, entry), f"cannot write the message {entry.msgid[:40]!r}: {reason}")


# What no written PO file may hold: NUL (gettext's strings end there), a lone surrogate (not UTF-8),
# a line ending with a backslash (po-lex.c joins the next line to it; our strings end with a quote).
CANNOT_HOLD = re.compile(r"[\x00\ud800-\udfff]|\\\n")
BAD_CHAR = re.compile("[\x00\ud800-\udfff]")
# Flags are written comma-separated on one line: a flag cannot be empty or hold a comma, a space or a line end.
BAD_FLAG = re.compile(r"[\s,]|\A\Z|\\\Z")
# A reference is read back as one whitespace-separated item, or one name between the isolates.
ONE_REFERENCE = re.compile(r"(?!:)\u2068[^\u2069\x00-\x1f\x7f]+\u2069(?::\d+)?"
                           r"|(?!:)[^\s\x00-\x1f\x7f\u2068\u2069\ud800-\udfff]*[^\s\x00-\x1f\x7f\u2068\u2069\ud800-\udfff\\]")


def shape_problem(entry: Entry, flags_ok: set[tuple]) -> str | None:
    """What in the entry's structure would not read back: forms, previous fields, flags, references."""
    if entry.msgid_plural is not None:
        if not entry.msgstr:
            return "a plural message needs at least one msgstr[n] (the header's nplurals is 0)"
    elif len(entry.msgstr) > 1:
        return f"a message without msgid_plural has one msgstr, not {len(entry.msgstr)}"
    if entry.previous_msgid is None and (entry.previous_msgctxt is not None or entry.previous_msgid_plural is not None):
        return "a previous msgctxt or msgid_plural (#|) needs the previous msgid"
    if entry.flags and entry.flags not in flags_ok:
        bad_flag = next((flag for flag in entry.flags if BAD_FLAG.search(flag)), None)
        if bad_flag is not None:
            return f"the flag {bad_flag!r} cannot be written on a `#,` line"
        flags_ok.add(entry.flags)
    if entry.references and not entry.obsolete:
        bad_ref = next((ref for ref in entry.references if not ONE_REFERENCE.fullmatch(without_dot_slash(ref))), None)
        if bad_ref is not None:
            return f"the reference {bad_ref!r} would not read back as one (a space or a control character)"
    return None


def text_problem(entry: Entry) -> str | None:
    """What in the entry's strings and comments no PO file can hold (see CANNOT_HOLD)."""
    texts = (entry.msgid, entry.msgctxt, entry.msgid_plural, entry.previous_msgctxt, entry.previous_msgid,
             entry.previous_msgid_plural, *entry.msgstr, *entry.translator_comments, *entry.extracted_comments)
    bad = next((found for text in texts if text is not None and (found := BAD_CHAR.search(text))), None)
    if bad is not None and bad.group(0) == "\x00":
        return ("it holds a NUL character (\\0 in a PO file): gettext ends the string there, so msgfmt would "
                "compile another text; remove it")
    if bad is not None:
        return f"it holds a lone surrogate (U+{ord(bad.group(0)):04X}), which UTF-8 cannot encode"
    comment = next((line for text in (*entry.translator_comments, *entry.extracted_comments)
                    for line in text.split("\n") if line.endswith("\\")), None)
    if comment is not None:
        return f"the comment line {comment!r} ends with a backslash, which would join it to the next line"
    return None


def entry_location(catalog: Catalog, entry: Entry) -> tuple[Path | str, int | None]:
    """Where a user finds `entry`: its line in the catalog, else (made in memory, by extract) its
    first reference's file and line, else the catalog."""
    if entry.line or not entry.references:
        return catalog.path, entry.line or None
    name, _, line = entry.references[0].strip(ISOLATE_OPEN + ISOLATE_CLOSE).rpartition(":")
    if not name or not line.isdigit():
        return catalog.path, None
    return name.strip(ISOLATE_OPEN + ISOLATE_CLOSE), int(line)
