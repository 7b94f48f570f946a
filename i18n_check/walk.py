"""The user's folders, walked without passing over what cannot be read.

Path.rglob skips a folder it cannot list, and Path.is_file says False for a file it cannot
stat: a check over `catalogs/` then passes on two languages of three without a word. Here a
folder or entry that cannot be read is an InputError naming it (exit 2); symbolic links to
folders are not followed (as rglob), symbolic links to files are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .errors import InputError


def entries_of(folder: Path) -> list[os.DirEntry]:
    """What `folder` holds, in name order; InputError naming it when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        raise InputError(folder, None, f"cannot read the folder: {exc.strerror or exc}") from None


def is_folder(entry: os.DirEntry) -> bool:
    """Whether an entry is a folder (a link to one counts); InputError when that cannot be told."""
    try:
        return entry.is_dir()
    except OSError as exc:
        raise InputError(entry.path, None, f"cannot be read: {exc.strerror or exc}") from None


def files_under(folder: Path) -> Iterator[Path]:
    """Every file under `folder`, recursively, folder by folder in name order."""
    pending = [folder]
    while pending:
        folders = []
        for entry in entries_of(pending.pop()):
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file():
                    yield Path(entry.path)
            except OSError as exc:
                raise InputError(entry.path, None, f"cannot be read: {exc.strerror or exc}") from None
        pending.extend(reversed(folders))
