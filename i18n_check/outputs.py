"""Where the tool writes: the one guard every file a command writes goes through, and the write.

Commands write reports (`check -o`, `--write-baseline`, `report -o`), glossaries (`glossary
export|import -o`), templates (`extract`), catalogs (`update`) and pages (`publish`).
`open_output` settles where the bytes go before the run writes its first byte:

- an input of the run is never its output: `check FILE -o FILE` would replace the catalog it
  reads, a page linked to its source page would overwrite the source;
- an existing file is replaced only by a file of its own kind (`REPLACES`): a report never
  replaces a catalog, a template, a glossary or the settings; `extract` replaces only a template
  (a catalog holding a translation is not one);
- a symbolic link is written through: the file it points to gets the new text and the link
  stays, as with a shell's `>`; a FIFO or a character device (`/dev/null`, `/dev/stdout`) is
  written to, never replaced by a regular file; a block device, a socket, a folder and a
  read-only file (read-only for root too) are refused;
- a regular file is written atomically (atomic.py), and an error names the user's path.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .atomic import write_atomic
from .catalog import load_catalog
from .errors import InputError, file_type

# What a command writes, and what an existing file is found to be (PO: a catalog or a template, not told apart).
CATALOG, TEMPLATE, PO, GLOSSARY, SETTINGS, REPORT, PAGE, OTHER = (
    "catalog", "template", "po", "glossary", "settings", "report", "page", "other")
# The existing files each kind of output may replace; any other kind is the user's work.
# (`update` reads a catalog before it replaces it: what is not one is refused there.)
REPLACES = {REPORT: {OTHER}, PAGE: {OTHER}, GLOSSARY: {OTHER, GLOSSARY}, TEMPLATE: {TEMPLATE}, CATALOG: {PO, OTHER}}
WHAT = {CATALOG: "a translation catalog", TEMPLATE: "a PO template", PO: "a PO or MO file (a catalog or a template)", GLOSSARY: "a glossary", SETTINGS: "the project's settings",
        OTHER: "not a file this command writes"}

# Names of an open file descriptor (/dev/stdout, /dev/fd/3, /proc/self/fd/1): they lead to the
# file a shell redirected to, which must be written to as the shell opened it, not replaced.
STREAM_ALIAS = re.compile(r"/(?:dev/(?:stdout|stderr|fd/\d+)|proc/(?:self|thread-self|\d+)/fd/\d+)\Z")
SNIFF_BYTES = 1 << 16  # how much of an existing file is read to tell its kind
PO_TEXT = re.compile(rb"^[ \t]*(?:#~[ \t]*)?(?:msgctxt|msgid)[ \t]*\"", re.M)
MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
GLOSSARY_YAML = re.compile(rb"^concepts[ \t]*:", re.M)
TBX = re.compile(rb"<(?:tbx|martif)[\s>]")
CSV_COLUMNS = {b"concept", b"language", b"status", b"term"}  # the columns a CSV glossary must have (glossary/convert.py)
SETTINGS_TABLE = re.compile(rb"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?i18n-check", re.M)
# Documents people read (a README, a page, an earlier report): their text may quote a catalog, a
# glossary or the settings in an example, which does not make them one.
DOCUMENT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".xhtml", ".rst", ".txt", ".adoc"}


@dataclass(frozen=True)
class Output:
    """Where one output goes: `path` as the user named it, `target` the file written (links
    followed), `direct` when that is a FIFO or a device, written in place rather than replaced."""

    path: Path
    target: Path
    direct: bool = False

    def write(self, data: str | bytes | Iterable[str]) -> None:
        """Write `data` (text, bytes, or pieces of text); an OSError names the user's path."""
        try:
            if not self.direct:
                write_atomic(self.target, data, name=self.path)
                return
            # O_APPEND: /dev/stdout reopens the file a shell redirected to; `>>` must not be truncated.
            with open(os.open(self.target, os.O_WRONLY | os.O_APPEND), "wb") as handle:
                for piece in (data,) if isinstance(data, (str, bytes)) else data:
                    handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        except OSError as exc:
            reason = exc.strerror if self.direct is False and exc.strerror else f"cannot write: {exc.strerror or exc}"
            raise type(exc)(exc.errno, reason, str(self.path)) from None


def open_output(path: str | Path, produces: str, inputs: Iterable[str | Path | None] = ()) -> Output:
    """Where `produces` (REPORT, GLOSSARY, TEMPLATE, CATALOG, PAGE) named `path` may be written;
    InputError when it would replace an input of the run (`inputs`: files, or folders that hold
    inputs) or a file of another kind (see the module docstring)."""
    path = Path(path)
    alias = STREAM_ALIAS.match(os.path.abspath(path)) is not None
    target = path if alias else Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(path, None, f"cannot write: {exc.strerror or exc}") from None
    for given in inputs:
        if given is not None and _is_within(target, info, Path(given)):
            named = "" if Path(given) == path else f" ({Path(given).as_posix()})"
            raise InputError(path, None, f"is an input of this run{named}: an output never replaces what the run reads; "
                                         "choose another file")
    if info is None:
        return Output(path, target)
    mode = info.st_mode
    if alias or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        if produces in (CATALOG, PAGE):  # files in a project's folders, read again by the next run
            raise InputError(path, None, f"is {file_type(mode)}, not a regular file: a {produces} is written only to a file")
        return Output(path, target, direct=True)
    if not stat.S_ISREG(mode):
        raise InputError(path, None, f"is {file_type(mode)}: cannot write a file there")
    if not (mode & 0o222) or not os.access(target, os.W_OK):
        raise InputError(path, None, "is read-only: not replaced (make it writable, or choose another file)")
    kind = file_kind(target, produces) if info.st_size else produces  # an empty file holds no one's work
    if kind != produces and kind not in REPLACES[produces]:
        raise InputError(path, None, f"exists and is {WHAT[kind]}: a {produces} never replaces it; choose another file")
    return Output(path, target)


def _is_within(target: Path, info: os.stat_result | None, given: Path) -> bool:
    """True when `target` is the input `given` (the same file, through any link) or inside it (a folder)."""
    try:
        given_info = os.stat(given)
    except OSError:
        return False
    if stat.S_ISDIR(given_info.st_mode):
        return target.is_relative_to(os.path.realpath(given))
    return info is not None and (info.st_dev, info.st_ino) == (given_info.st_dev, given_info.st_ino)


def file_kind(path: Path, produces: str) -> str:
    """What the existing regular file at `path` is, from its name and first bytes: PO, GLOSSARY,
    SETTINGS or OTHER. A PO file is read whole, to tell a TEMPLATE from a CATALOG, only for a
    template to write."""
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return OTHER
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if path.suffix in (".po", ".pot", ".mo") or head.startswith(MO_MAGIC) or PO_TEXT.search(head):
        return _po_kind(path) if produces == TEMPLATE else PO
    if path.name == "pyproject.toml" or (path.suffix == ".toml" and SETTINGS_TABLE.search(head)):
        return SETTINGS
    first_line = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").lower()
    if GLOSSARY_YAML.search(head) or TBX.search(head) or CSV_COLUMNS <= set(re.split(rb"\s*[,;\t]\s*", first_line.strip())):
        return GLOSSARY
    return OTHER


def _po_kind(path: Path) -> str:
    """TEMPLATE when the PO file at `path` holds no translation, else CATALOG (unreadable: CATALOG)."""
    try:
        catalog = load_catalog(path)
    except InputError:
        return CATALOG
    translated = any(form for entry in catalog.entries + catalog.obsolete for form in entry.msgstr)
    return CATALOG if translated else TEMPLATE
