"""Atomic file writes: a crash mid-write leaves the old file whole, and no temporary file behind.

The new text goes to a temporary file beside the target (`.NAME.XXXXXXXX.tmp`), then replaces it
in one rename. On any exception, including KeyboardInterrupt (SIGINT) and the exception the
command line raises on SIGTERM and SIGHUP (cli/__init__.py), the temporary file is removed; only
SIGKILL can leave one, and every reader ignores it. An error names the user's path, never the
temporary file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Iterable


def write_atomic(path: str | Path, data: str | bytes | Iterable[str], name: str | Path | None = None) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one, never a mix.

    `data` may also be pieces of text (a big report, streamed), written one after the other.
    `path` itself is replaced: a symbolic link there becomes a regular file (outputs.py writes
    through links and devices before it comes to this). An OSError names `path`, or `name`: the
    path as the user gave it, when `path` is where it led."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    name = Path(name) if name is not None else path
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _named(exc, name, creating=True) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in (data,) if isinstance(data, (str, bytes)) else data:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.filename != str(name):
            raise _named(exc, name, creating=False) from None
        raise


def _named(exc: OSError, path: Path, creating: bool) -> OSError:
    """`exc` told about the user's `path` (not the temporary file), with a reason a user can act on."""
    folder = path.parent if str(path.parent) else Path(".")
    reason = f"cannot write: {exc.strerror or exc}"
    if exc.errno == errno.ENOENT and not folder.is_dir():
        reason = f"cannot write: the folder {folder.as_posix()} does not exist"
    elif creating and exc.errno in (errno.EACCES, errno.EPERM):
        reason += f": the folder {folder.as_posix()} is not writable (the new file is written beside the old one, then renamed)"
    named = type(exc)(exc.errno, reason, str(path)) if exc.errno else OSError(reason)
    if not exc.errno:
        named.filename = str(path)
    return named
