"""Standard output and standard error as the command line writes them.

They are the user's streams, and may be closed (`check >&-`), full (/dev/full), a pipe whose
reader has gone, or declared in an encoding that cannot hold every character
(PYTHONIOENCODING=ascii or latin-1). `guarded_streams()` puts a guard in front of each for
the whole run of a command, so that every write (ours, click's help and usage text, a report
written piece by piece) goes through one of two policies:

- standard output carries the product (a report, a listing, an export): when it is closed or a
  write fails, the command stops with exit 2 naming "standard output" and the reason, never a
  traceback and never exit 0 with the report lost. Characters its encoding cannot hold are
  written as backslash escapes (`\\u201c`), as Python writes them on standard error, so that
  nothing is lost or crashes; `write_utf8` writes a format that declares UTF-8 (JSON, SARIF,
  JUnit XML, HTML...) as UTF-8 bytes whatever the terminal's encoding.
- standard error carries messages: best effort. A closed, full or broken standard error never
  changes the exit code (a missing file still exits 2).
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import contextmanager
from typing import Iterable, Iterator

from ..errors import InputError

STDOUT = "standard output"


def _silence(fd: int) -> None:
    """Point `fd` at /dev/null: what is still buffered for it then goes nowhere, without the
    interpreter's own error (and exit status 120) when it flushes at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


class _Guarded(io.TextIOBase):
    """A standard stream behind a guard: what both guards say of themselves."""

    name_of_stream = STDOUT  # for the error when it is closed

    def __init__(self, stream):
        self._stream = stream

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return "backslashreplace"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise io.UnsupportedOperation(f"{self.name_of_stream} is closed")
        return self._stream.fileno()


class Output(_Guarded):
    """Standard output behind its guard: a failure is an InputError naming it (exit 2)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._failure: InputError | None = None  # the first write that failed: every later one says it again

    @property
    def buffer(self):
        """The binary stream underneath, for what speaks bytes (the language server's JSON-RPC)."""
        if self._stream is None or not hasattr(self._stream, "buffer"):
            raise AttributeError("buffer")
        return self._stream.buffer

    def _fail(self, reason: str) -> InputError:
        self._failure = InputError(STDOUT, None, reason)
        try:
            _silence(self._stream.fileno())
        except (AttributeError, OSError, ValueError):
            pass
        return self._failure

    def _live(self):
        if self._stream is None:
            raise InputError(STDOUT, None, "closed: nothing can be written to it (leave it open, or use --output FILE where there is one)")
        if self._failure is not None:
            raise self._failure
        return self._stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        stream = self._live()
        if not text:
            return 0
        try:
            try:
                stream.write(text)
            except UnicodeEncodeError:
                stream.write(text.encode(self.encoding, "backslashreplace").decode(self.encoding))
        except BrokenPipeError:
            raise self._fail("its reader has closed the pipe (broken pipe): the output is incomplete") from None
        except (OSError, ValueError) as exc:
            raise self._fail(f"cannot write: {getattr(exc, 'strerror', None) or exc}") from None
        return len(text)

    def write_utf8(self, pieces: Iterable[str]) -> None:
        """Write `pieces` as UTF-8 bytes (backslash escapes for what UTF-8 cannot hold: lone surrogates)."""
        stream = self._live()
        binary = getattr(stream, "buffer", None)
        if binary is None:  # not a file (a test's stream): its own encoding
            for piece in pieces:
                self.write(piece)
            return
        try:
            stream.flush()
            for piece in pieces:
                binary.write(piece.encode("utf-8", "backslashreplace"))
            binary.flush()
        except BrokenPipeError:
            raise self._fail("its reader has closed the pipe (broken pipe): the output is incomplete") from None
        except (OSError, ValueError) as exc:
            raise self._fail(f"cannot write: {getattr(exc, 'strerror', None) or exc}") from None

    def flush(self) -> None:
        if self._stream is None or self._failure is not None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise self._fail("its reader has closed the pipe (broken pipe): the output is incomplete") from None
        except (OSError, ValueError) as exc:
            raise self._fail(f"cannot write: {getattr(exc, 'strerror', None) or exc}") from None


class Messages(_Guarded):
    """Standard error behind its guard: what cannot be shown is dropped, silently."""

    name_of_stream = "standard error"


    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self._stream is not None:
            try:
                self._stream.write(text.encode(self.encoding, "backslashreplace").decode(self.encoding))
            except (OSError, ValueError, LookupError):
                self._drop()
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._drop()

    def _drop(self) -> None:
        try:
            _silence(self._stream.fileno())
        except (AttributeError, OSError, ValueError):
            pass
        self._stream = None


@contextmanager
def guarded_streams() -> Iterator[Output]:
    """Guard sys.stdout and sys.stderr while a command runs; put the originals back after,
    with standard output flushed (a failure then is exit 2, as any other)."""
    original_out, original_err = sys.stdout, sys.stderr
    out, err = Output(original_out), Messages(original_err)
    sys.stdout, sys.stderr = out, err
    try:
        yield out
        out.flush()
    except SystemExit as done:
        try:
            out.flush()
        except InputError as exc:
            err.write(f"i18n-check: error: {exc}\n")
            raise SystemExit(2) from None
        raise done
    finally:
        sys.stdout, sys.stderr = original_out, original_err


def write_out(pieces: Iterable[str], utf8: bool = False) -> None:
    """The product of a command on standard output; `utf8` for formats that declare UTF-8."""
    stream = sys.stdout if isinstance(sys.stdout, Output) else Output(sys.stdout)
    if utf8:
        stream.write_utf8(pieces)
    else:
        for piece in pieces:
            stream.write(piece)
    stream.flush()
