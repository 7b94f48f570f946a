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
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"
