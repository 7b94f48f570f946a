"""The project's catalogs and glossary as a commit holds them (git.py reads them).

What a commit holds is read by the same readers as the working files: a catalog is written to a
temporary folder, at its repository-relative place (its language may come from its path), and
read by the msgfmt-faithful reader; a glossary is parsed from its text. Errors name what the
user would type to see the file, `REF:path` (`v1.0:catalogs/fr/campaign.po:12: ...`), never the
temporary copy.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .catalog import CATALOG_SUFFIXES, Catalog, load_catalog
from .errors import InputError, decode_utf8
from .git import Repository, open_repository
from .glossary import load_glossary
from .glossary.load import MAX_BYTES, parse_glossary


def split_spec(spec: str) -> tuple[str, str] | None:
    """`REF:path` (git's own notation, as in `git show v1.0:glossary.yaml`) -> (REF, path); None
    when `spec` is not one. git refs hold no `:`, so the first one splits."""
    ref, colon, path = spec.partition(":")
    return (ref, path) if colon and ref and path else None


def repository_path(repo: Repository, path: str) -> str:
    """The repository-relative path of the `path` part of `REF:path`, read as git reads it: from
    the repository's top, unless it starts with `./` or `../` (then from the working folder)."""
    if path.startswith(("./", "../")) or path in (".", ".."):
        return repo.relative(Path.cwd() / path)
    return path.strip("/")


def renamed(exc: InputError, place: str) -> InputError:
    """`exc` (raised on a temporary copy) naming `place` instead: `REF:path`."""
    return InputError(place, exc.line, exc.reason, exc.column)


def glossary_from(repo: Repository, commit: str, ref: str, path: str):
    """The glossary at repository-relative `path` as `commit` (named `ref`) holds it, validated;
    None when the commit has no such file."""
    data = repo.read(commit, path)
    if data is None:
        return None
    place = f"{ref}:{path}"
    if len(data) > MAX_BYTES:
        raise InputError(place, None, f"glossary is larger than {MAX_BYTES // 1_000_000} MB; refusing to read it")
    return parse_glossary(decode_utf8(place, data, "save the glossary as UTF-8"), place)


def glossary_at(spec: str, why: str):
    """The glossary `REF:path` names, read with git; the glossary file, validated, when `spec`
    names an existing file (a file name may hold a colon)."""
    parts = split_spec(spec)
    if parts is None or Path(spec).exists():
        return load_glossary(spec)
    ref, path = parts
    repo = open_repository(Path.cwd(), why)
    commit = repo.resolve(ref, why)
    relative = repository_path(repo, path)
    glossary = glossary_from(repo, commit, ref, relative)
    if glossary is None:
        raise InputError(None, None, f"{why}: {ref} has no file {relative} (give the path from the repository's top, "
                                     "or ./ for the working folder, as git show does)")
    return glossary


@contextmanager
def copies_from(repo: Repository, commit: str, paths: list[str]) -> Iterator[list[tuple[str, Path]]]:
    """The catalogs (*.po, *.pot) under the repository-relative `paths` as `commit` holds them,
    copied to a temporary folder at their repository-relative places: (repository-relative
    path, copy) in path order. The copies are removed on leaving the block."""
    contents = repo.export_bytes(commit, paths)
    with tempfile.TemporaryDirectory(prefix="i18n-check-git-") as folder:
        copies = []
        for path, data in contents.items():
            if os.path.splitext(path)[1] not in CATALOG_SUFFIXES:
                continue
            copy = Path(folder, path)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)
            copies.append((path, copy))
        yield copies


def load_copy(ref: str, path: str, copy: Path) -> Catalog:
    """The catalog in `copy`, the commit's `path`; errors name `REF:path`."""
    try:
        return load_catalog(copy)
    except InputError as exc:
        raise renamed(exc, f"{ref}:{path}") from None
