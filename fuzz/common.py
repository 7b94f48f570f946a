"""Shared by the harnesses: a scratch file on tmpfs, and the one exception bad input may raise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from i18n_check.errors import InputError  # noqa: F401  (re-exported: the only accepted failure)

# The readers take paths; /dev/shm keeps the per-input write in memory.
SCRATCH = Path("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())


def scratch(name: str) -> Path:
    """A per-process scratch file `name` (the suffix tells the readers what the file is)."""
    return SCRATCH / f"i18n-check-fuzz-{os.getpid()}-{name}"


def line_count(data: bytes) -> int:
    """Lines as a reader counts them: LF, or CR in an old-Mac file without LF."""
    return (data.count(b"\n") if b"\n" in data else data.count(b"\r")) + 1
