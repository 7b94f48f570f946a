"""The compiled glossary kept across runs (issue 17, target 5): the glossary as read and every
language's matcher compiled, stored in the cache folder beside the result cache (cache.py).

Reading a 10,000-concept glossary and compiling its matchers takes about 1.5 s of CPU; reading
them back from this file about 0.4 s. The file holds pickled objects, and unpickling can run
code, so a file is unpickled only once its MAC is right under the user's secret (cache.py's
`read_sealed`, as for the result cache: the cache folder lies in the project, where anyone could
plant a file), and then only into the glossary's own classes (`GlossaryUnpickler`). A file of
another build of i18n-check, of another content or path of the glossary, or that fails any
check is a miss: the glossary is read and compiled as without a cache, and the file replaced
once the run is done (keep_compiled: a run refused for its options writes nothing).

One file per glossary file (named by the hash of its absolute path): the folder holds one per
glossary in use, not one per version of it.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Iterator, NamedTuple

from .cache import build_fingerprint, cache_secret, read_sealed, secret_file, write_sealed
from .glossary.load import parse_glossary, read_text
from .glossary.index import GlossaryIndex

FORMAT = 1
MAGIC = b"i18n-check compiled glossary %d\n" % FORMAT
KEY_BYTES = 16
PICKLE_PROTOCOL = 5
# What a stored glossary is made of: the glossary's and its matcher's classes, and what pickle
# names by module among the values they hold. Anything else in a file is refused (a miss).
ALLOWED_MODULES = ("i18n_check.glossary.",)
ALLOWED_NAMES = frozenset({("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("copyreg", "_reconstructor"),
                           ("builtins", "object"), ("builtins", "frozenset"), ("builtins", "set")})


class GlossaryPickler(pickle.Pickler):
    """Pickles a frozen dataclass with slots as a call of its class with its fields: read back
    through the class's own `__init__`, 3x faster than the `__setstate__` dataclasses gives such
    classes (which looks up the fields of every object)."""

    def __init__(self, file) -> None:
        super().__init__(file, PICKLE_PROTOCOL)
        self.field_names: dict[type, tuple[str, ...] | None] = {}

    def reducer_override(self, obj):
        kind = type(obj)
        names = self.field_names.get(kind, ())
        if names == ():
            names = self.field_names[kind] = _init_fields(kind)
        if names is None:
            return NotImplemented
        return kind, tuple([getattr(obj, name) for name in names])


def _init_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a slotted dataclass, when its `__init__` takes them all (None: pickle as usual)."""
    if not is_dataclass(kind) or "__slots__" not in vars(kind):
        return None
    found = fields(kind)
    return tuple(f.name for f in found) if all(f.init for f in found) else None


class GlossaryUnpickler(pickle.Unpickler):
    """Unpickles the glossary's own classes and plain values only."""

    def find_class(self, module: str, name: str):
        if module.startswith(ALLOWED_MODULES) or (module, name) in ALLOWED_NAMES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a glossary")


def stored_file(folder: Path, path: Path) -> Path:
    """Where the compiled glossary at `path` is kept: one file per glossary, named by its absolute path."""
    where = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return folder / f"glossary-{path.name[:40]}-{hashlib.blake2b(where, digest_size=8).hexdigest()}.pickle"


class Compiled(NamedTuple):
    """A glossary, compiled for matching, as load_compiled gives it, and how keep_compiled stores
    it: `key` and `where` None when there is no cache; `stored` True when it was read back from there."""

    glossary: GlossaryIndex
    key: bytes | None = None
    where: Path | None = None
    secret: bytes | None = None
    stored: bool = False


def load_compiled(path: str | Path, folder: str | Path | None) -> Compiled:
    """The glossary at `path`: read back with its matchers compiled from `folder` (a cache folder)
    when this build stored it there from the same text (see keep_compiled), else read
    (InputError on a bad glossary, as load_glossary). `folder` None, or no secret to seal with
    (cache.cache_secret): read, and nothing will be stored. Nothing is written here."""
    path = Path(path)
    text = read_text(path)
    secret = None if folder is None else cache_secret(secret_file())
    if folder is None or secret is None:
        return Compiled(GlossaryIndex(parse_glossary(text, path)))
    # The text, and the path as given (the glossary keeps it), under this build: anything else is another glossary.
    facts = "\0".join((build_fingerprint(), str(path), text)).encode("utf-8", "surrogatepass")
    key = hashlib.blake2b(facts, digest_size=KEY_BYTES).digest()
    where = stored_file(Path(folder), path)
    glossary = _read(where, key, secret)
    if glossary is not None:
        return Compiled(glossary, key, where, secret, stored=True)
    return Compiled(GlossaryIndex(parse_glossary(text, path)), key, where, secret)


def keep_compiled(compiled: Compiled) -> None:
    """Store the glossary of `compiled` with every language's matcher compiled, for the next run to
    read back; nothing when it was read back from there, or there is no cache."""
    if compiled.stored or compiled.key is None:
        return
    glossary = compiled.glossary
    for lang in (glossary.source, *glossary.glossary.languages):
        glossary.matcher(lang)  # (those the run used are compiled already)
    buffer = io.BytesIO()
    with collector_off():
        GlossaryPickler(buffer).dump(glossary)
    write_sealed(compiled.where, MAGIC, compiled.key + buffer.getvalue(), compiled.secret)


def _read(where: Path, key: bytes, secret: bytes) -> GlossaryIndex | None:
    """The glossary stored at `where` under `key`, or None (see the module's docstring)."""
    payload = read_sealed(where, MAGIC, secret)
    if payload is None or payload[:KEY_BYTES] != key:
        return None
    try:
        with collector_off():
            glossary = GlossaryUnpickler(io.BytesIO(payload[KEY_BYTES:])).load()
    except Exception:  # noqa: BLE001  (sealed by this build and key, so not expected; still a miss, never an error)
        return None
    return glossary if isinstance(glossary, GlossaryIndex) else None


@contextmanager
def collector_off() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile: a glossary is hundreds of thousands of small
    objects without cycles, which it would scan over and over as they are made (as load.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
