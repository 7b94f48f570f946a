"""The one error the command line turns into exit code 2."""

from __future__ import annotations

import os
import re
import stat
from os import PathLike

# A merge conflict's marker line (git, diff3): catalogs and glossaries that hold one are refused
# at that line, before their syntax puzzles the user.
CONFLICT_MARKER = re.compile(r"(<{7}|={7}|>{7}|\|{7})(\s|$)")


class InputError(Exception):
    """Input the tool cannot work with: a located, one-paragraph reason.

    Raised where the input is read (catalog, glossary, content, settings) so
    that the message can name the file and line; the CLI prints it and exits 2.
    """

    def __init__(self, path: str | PathLike | None, line: int | None, reason: str, column: int | None = None):
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:  # not read from a file: the reason names the option or argument at fault
            return self.reason
        where = shown_name(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


def shown_name(name: str) -> str:
    """A file name as text every output can hold: its bytes that are not UTF-8 (which Python
    keeps as surrogates, PEP 383) shown as `\\xNN`, the rest as it is."""
    if name.isascii():
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name holds
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


# What a path is when it is not a regular file, in the words of an error message.
FILE_TYPES = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
              (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))


def file_type(mode: int) -> str:
    """What a file of this `st_mode` is: "a regular file", "a folder", "a character device"..."""
    return next((name for test, name in FILE_TYPES if test(mode)), "a regular file")


def read_input(path: str | PathLike, kind: str, missing: str = "no such file", limit: int | None = None) -> bytes:
    """The bytes of an input file; a missing, folder, device or unreadable path is an InputError
    naming it, and so is a file of more than `limit` bytes (read no further than that).

    A FIFO is read to its end (`check <(zcat fr.po.gz)`); a device such as /dev/zero, which
    would never end, is refused for what it is.
    """
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
                raise InputError(path, None, f"is {file_type(info.st_mode)}, not a regular file: not a {kind}")
            too_big = f"{kind} is larger than {limit // 1_000_000} MB; refusing to read it" if limit is not None else ""
            if limit is not None and info.st_size > limit:
                raise InputError(path, None, too_big)
            data = handle.read() if limit is None else handle.read(limit + 1)  # a FIFO has no size: read no more
            if limit is not None and len(data) > limit:
                raise InputError(path, None, too_big)
            return data
    except FileNotFoundError:
        raise InputError(path, None, missing) from None
    except IsADirectoryError:
        raise InputError(path, None, f"is a folder: not a regular file, not a {kind}") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot read the {kind}: {exc.strerror or exc}") from None


def decode_utf8(path: str | PathLike, data: bytes, advice: str) -> str:
    """`data` as UTF-8 (a BOM dropped); an undecodable byte is an InputError at its line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(path, line, f"not UTF-8 (byte 0x{data[exc.start]:02x}); {advice}", column) from None
