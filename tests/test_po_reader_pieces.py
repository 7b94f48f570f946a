"""Reading a catalog a piece at a time gives what reading its whole text gives: the same catalog, or the same error.

The reader decodes and parses a large file in pieces (po_reader.PIECE bytes at a time) so that the
whole text never sits in memory. Every PO input the tests hold (fixtures, the peers' suites, the
hostile corpus and its fuzz finds, the real catalogs) is read with tiny pieces, so that pieces end
inside multibyte characters, between CR and LF, inside entries and before errors, and compared with
the whole-text reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n_check.catalog import read as po_reader
from i18n_check.errors import InputError
from i18n_check.catalog.read import read_po

TESTS = Path(__file__).resolve().parent
FILES = sorted(p for p in TESTS.rglob("*") if p.suffix in (".po", ".pot") and p.is_file() and not p.is_symlink()
               and p.stat().st_size < 2_000_000)


def outcome(path: Path):
    try:
        return read_po(path)
    except InputError as error:
        return ("InputError", str(error))


def whole_text(path: Path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(po_reader._Reader, "read_pieces", lambda self, data: None)
        return outcome(path)


def test_there_are_files_of_every_kind():
    kinds = {p.relative_to(TESTS).parts[0] for p in FILES}
    assert {"fixtures", "peers", "hostile", "realdata"} <= kinds
    assert len(FILES) > 300


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_pieces_read_as_the_whole_text(path, monkeypatch):
    expected = whole_text(path, monkeypatch)
    for size in (1, 64):
        monkeypatch.setattr(po_reader, "PIECE", size)
        assert outcome(path) == expected, size


HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'
ENTRY = 'msgid "a"\nmsgstr "b"\n\n'
# Where a piece may end matters: after an entry comes what may continue it, end it or be an error.
SNIPPETS = [
    ENTRY + '#~ msgstr "c"\n',          # not an entry's start: msgfmt reads on into the entry before
    ENTRY + '"stray string"\n',
    ENTRY + 'msgstr "again"\n',
    ENTRY + '#| msgid "x"\nmsgid "c"\nmsgstr "d"\n',
    ENTRY + '#~ msgid "c"\n#~ msgstr "d"\n',
    ENTRY + '#\nmsgid "c"\nmsgstr "d"\n\n\n\nmsgid "a"\nmsgstr "dup"\n',
    ENTRY.replace("\n", "\r\n") + 'msgid "c\\\r\n"\r\nmsgstr "d"\r\n',   # backslash-CRLF joins lines
    ENTRY + 'msgid "été"\nmsgstr "summer \\xc3\\xa9"\n\nmsgid "bad \\q"\nmsgstr ""\n',
]


@pytest.mark.parametrize("charset", ["UTF-8", "BIG5", "ISO-2022-JP"])
@pytest.mark.parametrize("snippet", SNIPPETS)
def test_every_place_a_piece_may_end(snippet, charset, tmp_path, monkeypatch):
    path = tmp_path / "x.po"
    try:
        path.write_bytes((HEADER.format(charset=charset) + snippet).encode(charset))
    except UnicodeEncodeError:
        path.write_bytes((HEADER.format(charset=charset) + snippet).encode(charset, "replace"))
    expected = whole_text(path, monkeypatch)
    for size in range(1, len(path.read_bytes()) + 1):
        monkeypatch.setattr(po_reader, "PIECE", size)
        assert outcome(path) == expected, size


@pytest.mark.parametrize("data", [
    'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d" é\n'.encode() + b'\nmsgid "e"\nmsgstr "\xe9"\n',  # Latin-1 throughout
    'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d" é\n'.encode(),
    b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "\xe9t\xe9"\n',
], ids=["error-then-latin1", "error-utf8", "latin1"])
def test_undeclared_charset_in_pieces(data, tmp_path, monkeypatch):
    """No charset declared: one byte that is not UTF-8 makes the whole file Latin-1, errors before it too."""
    path = tmp_path / "x.po"
    path.write_bytes(data)
    expected = whole_text(path, monkeypatch)
    for size in range(1, len(data) + 1):
        monkeypatch.setattr(po_reader, "PIECE", size)
        assert outcome(path) == expected, size


def test_big_file_in_pieces(tmp_path, monkeypatch):
    """Default-sized pieces over a file of several: line numbers run on, duplicates are seen across pieces."""
    entry = '#: src/app.py:{n}\n#, python-format\nmsgctxt "ctx {c}"\nmsgid "Report %s\\n{n}"\nmsgstr ""\n"Signaler é %s {n}"\n\n'
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    text += "".join(entry.format(n=n, c=n % 3) for n in range(40_000))
    path = tmp_path / "fr.po"
    path.write_text(text + entry.format(n=7, c=1), encoding="utf-8")  # a duplicate at the end
    monkeypatch.setattr(po_reader, "PIECE", 1 << 16)
    assert len(path.read_bytes()) > 20 * po_reader.PIECE
    assert outcome(path) == whole_text(path, monkeypatch)
    assert "duplicate message definition (first defined at line 56)" in outcome(path)[1]
    path.write_text(text, encoding="utf-8")
    catalog = outcome(path)
    assert catalog == whole_text(path, monkeypatch)
    assert [e.line for e in catalog.entries[-2:]] == [4 + 7 * 39_998 + 3, 4 + 7 * 39_999 + 3]  # each msgid's line
    # Repeated values are one object each, however many entries hold them.
    assert len({id(e.flags) for e in catalog.entries}) == 1
    assert len({id(e.msgctxt) for e in catalog.entries}) == 3
