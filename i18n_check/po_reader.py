"""Provisional PO reader over polib (to be replaced by a strict reader)."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from .catalog import Catalog, Entry, base_language, language_from_path, normalise_language
from .errors import InputError


def _entry(e: polib.POEntry, obsolete: bool = False) -> Entry:
    if e.msgid_plural:
        forms = tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
    else:
        forms = (e.msgstr,)
    return Entry(
        msgid=e.msgid, msgstr=forms, line=e.linenum or 0, msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural or None, flags=frozenset(e.flags),
        translator_comments=tuple(e.tcomment.split("\n")) if e.tcomment else (),
        extracted_comments=tuple(e.comment.split("\n")) if e.comment else (),
        references=tuple(f"{f}:{l}" if l else f for f, l in e.occurrences),
        previous_msgid=e.previous_msgid, previous_msgctxt=e.previous_msgctxt, obsolete=obsolete,
    )


def read_po(path: Path) -> Catalog:
    if not path.is_file():
        raise InputError(path, None, "no such file")
    try:
        po = polib.pofile(str(path))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise InputError(path, int(m.group(1)) if m else None, str(exc)) from None
    header = dict(po.metadata)
    lang = header.get("Language") or language_from_path(path)
    return Catalog(
        path=path, language=normalise_language(lang) if lang else None, header=header,
        entries=tuple(_entry(e) for e in po if not e.obsolete),
        obsolete=tuple(_entry(e, True) for e in po.obsolete_entries()),
        encoding=po.encoding,
    )
