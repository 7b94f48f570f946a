"""Which files are catalogs: the paths a user names, expanded into the catalog files they hold."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, file_type
from ..languages import base_language
from ..walk import files_under
from .read import load_catalog

CATALOG_SUFFIXES = (".po", ".pot")


def find_catalogs(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into the sorted catalog files they hold."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():  # a dangling link or a loop: say so, not "no such file"
                try:
                    path.stat()
                except OSError as exc:
                    raise InputError(path, None, f"symbolic link cannot be followed: {exc.strerror}") from None
            raise InputError(path, None, "no such file or folder")
        if path.is_dir():
            inside = sorted(p for p in files_under(path) if p.suffix in CATALOG_SUFFIXES)
            if not inside:
                raise InputError(path, None, "folder holds no catalog (*.po or *.pot)")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(path, None, f"is {file_type(path.stat().st_mode)}, not a regular file: not a catalog")
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def texts_by_language(paths: list[str | Path], source: str) -> dict[str, list[str]]:
    """Every message text of the catalogs at `paths` by base language: msgids and msgid_plurals
    (templates included) under `source`, each non-empty msgstr under its catalog's language."""
    texts: dict[str, list[str]] = {source: []}
    for path in find_catalogs(paths):
        catalog = load_catalog(path)
        lang = base_language(catalog.language)
        for entry in catalog.entries:
            if entry.msgid:
                texts[source].extend(entry.sources)
                if lang and lang != source:
                    texts.setdefault(lang, []).extend(t for t in entry.msgstr if t)
    return texts
