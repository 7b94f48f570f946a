"""The language server reads a buffer block by block (i18n_check/lsp/document.py): the catalog it
makes, or the error it names, must be the reader's on the whole text, for every PO file the tests
hold and after any edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REALDATA, ROOT
from i18n_check.errors import InputError
from i18n_check.lsp.document import PoDocument, split_blocks
from i18n_check.lsp.layout import entry_layout
from i18n_check.catalog.read import read_po_text

TESTS = Path(__file__).resolve().parent
CORPUS = sorted(p for folder in (REALDATA, FIXTURES, TESTS / "peers", TESTS / "hostile") for p in folder.rglob("*.po"))


def texts():
    for path in CORPUS:
        try:
            yield path, path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue


def whole(text: str):
    """What the reader makes of the whole text: (entries, obsolete, header) or the error."""
    try:
        catalog = read_po_text(text, "x.po")
    except InputError as exc:
        return ("error", exc.line, exc.reason)
    return catalog.entries, catalog.obsolete, catalog.header_entry, catalog.language


def by_blocks(document: PoDocument, text: str):
    document.update(text)
    if document.catalog is None:
        return ("error", document.error.line, document.error.reason)
    catalog = document.catalog
    return catalog.entries, catalog.obsolete, catalog.header_entry, catalog.language


def test_corpus_is_large():
    assert len(list(texts())) > 100


@pytest.mark.parametrize("path,text", list(texts()), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_blocks_read_as_the_whole_text(path, text):
    assert by_blocks(PoDocument("x.po"), text) == whole(text)


def test_blocks_cut_between_entries_only():
    text = (ROOT / "catalogs/fr/campaign.po").read_text(encoding="utf-8")
    pieces = split_blocks(text)
    assert "".join(pieces) == text and len(pieces) == 1 + text.count("\n\n#")  # one per entry after the header
    # A comment before a blank line stays with the entry after it; so do msgctxt and msgstr parted by one.
    odd = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n# kept\n\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "c"\n\nmsgid "d"\n\nmsgstr "e"\n'
    assert by_blocks(PoDocument("x.po"), odd) == whole(odd)
    assert whole(odd)[0][0].translator_comments == ("kept",)


EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(["", "x", '"', "\n", "\n\n", "\\", "#, fuzzy\n",
                                                                                  'msgid "a"\nmsgstr "b"\n\n', "msgctxt ", "é"])),
                 min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(EDITS)
def test_after_any_edit_blocks_read_as_the_whole_text(edits):
    text = (ROOT / "catalogs/de/campaign.po").read_text(encoding="utf-8")
    document = PoDocument("x.po")
    document.update(text)
    for where, length, new in edits:
        at = int(where * len(text))
        text = text[:at] + new + text[at + length:]
        assert by_blocks(document, text) == whole(text)


def test_unchanged_blocks_are_not_read_again():
    text = (ROOT / "catalogs/de/campaign.po").read_text(encoding="utf-8")
    document = PoDocument("x.po")
    document.update(text)
    before = list(document.blocks)
    at = text.index("Die Verbreitung")
    document.update(text[:at] + "Heute: " + text[at:])
    kept = [a is b for a, b in zip(before, document.blocks)]
    assert kept.count(False) == 1 and len(document.blocks) == len(before)
    # An editor's change: only the pieces next to it are cut again, and only the changed one is read.
    document.edit(position(document.text, at), position(document.text, at + 7), "")
    assert document.read.count(None) == 1
    document.refresh()
    assert [a is b for a, b in zip(before, document.blocks)] == kept and document.text == text


def test_layout_finds_each_string_and_character():
    text = ('# comment\n#, fuzzy\nmsgctxt "ctx"\nmsgid ""\n"one \\"two\\"\\n"\n"three"\nmsgid_plural "p"\n'
            'msgstr[0] "a\\tb"\nmsgstr[1] ""\n"c"\n')
    layout = entry_layout(text.split("\n"), 3)
    assert (layout.first, layout.msgid_line, layout.after) == (0, 3, 10)
    assert [line for _, line in layout.comments] == ["# comment", "#, fuzzy"]
    assert list(layout.fields) == ["msgctxt", "msgid", "msgid_plural", "msgstr[0]", "msgstr[1]"]
    msgid = layout.fields["msgid"]
    value = 'one "two"\nthree'
    assert msgid.locate(value, 4) == (4, 5)              # the escaped quote: its backslash
    assert msgid.locate(value, 10) == (5, 1)             # "three" starts the next line's string
    assert msgid.locate(value, 10, end=True) == (4, 14)  # ...but an end there is the end of the first
    assert msgid.offset_at(value, 5, 3) == 12
    assert msgid.locate("something else", 0) is None     # not this field's value
    assert layout.msgstr(1).end == (9, 3) and layout.msgstr(0).locate("a\tb", 2) == (7, 14)


def lsp_edits():
    """(start, end, new text) edits as an editor sends them: a range of (line, column) and its new text."""
    return st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(
        ["", "x", '"', "\n", "\n\n", "\\", "#, fuzzy\n", 'msgid "a"\nmsgstr "b"\n\n', "msgctxt ", "é", "domain", "\\\n"])),
        min_size=1, max_size=12)


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


@settings(max_examples=120, deadline=None)
@given(lsp_edits())
def test_after_any_range_edit_the_text_and_catalog_are_the_whole_texts(edits):
    text = (ROOT / "catalogs/fr/campaign.po").read_text(encoding="utf-8")
    document = PoDocument("x.po", text)
    document.refresh()
    for where, length, new in edits:
        at = int(where * len(text))
        end = min(at + length, len(text))
        document.edit(position(text, at), position(text, end), new)
        text = text[:at] + new + text[end:]
        assert document.text == text and "".join(document.pieces) == text
        assert document.offsets == [sum(map(len, document.pieces[:k])) for k in range(len(document.pieces))]
        assert document.lines_at == [text.count("\n", 0, offset) for offset in document.offsets]
        document.refresh()
        got = ("error", document.error.line, document.error.reason) if document.catalog is None else \
            (document.catalog.entries, document.catalog.obsolete, document.catalog.header_entry, document.catalog.language)
        assert got == whole(text)
        lines = text.split("\n")
        assert all(document.line(n) == lines[n] for n in range(0, len(lines), 5)) and document.line(len(lines) - 1) == lines[-1]
