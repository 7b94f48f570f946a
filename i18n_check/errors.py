"""The one error the command line turns into exit code 2."""

from __future__ import annotations

from os import PathLike


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
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


def read_input(path: str | PathLike, kind: str, missing: str = "no such file") -> bytes:
    """The bytes of an input file; a missing, folder or unreadable path is an InputError naming it."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
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
