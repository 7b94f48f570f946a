"""The PO writer renders a Catalog losslessly: what the reader took from a file, the file written from it gives back."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, REALDATA
from i18n_check.catalog import Catalog, Entry, load_catalog
from i18n_check.errors import InputError
from i18n_check.catalog.write import flag_sort_key, load_utf8, render_catalog

GOOD = FIXTURES / "catalogs" / "good"
NOT_UTF8 = {"latin1.po", "iso-8859-15.po", "big5-backslash.po", "shift-jis-backslash.po", "header-after-decoy.po",
            "invalid-utf8-in-comment.po"}
# `domain` directives are not modelled: their messages would become one domain's (update refuses the duplicates).
NOT_MODELLED = {"domain-directive.po"}
CATALOGS = sorted(p for p in GOOD.iterdir() if p.name not in NOT_UTF8 | NOT_MODELLED) + sorted(REALDATA.rglob("*.po"))


def as_read(entry: Entry | None) -> Entry | None:
    """The entry without what the writer decides: its line, and the order of its flags (gettext's)."""
    return entry and entry._replace(line=0, flags=tuple(sorted(dict.fromkeys(entry.flags), key=flag_sort_key)))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name if p.parent == GOOD else str(p.relative_to(REALDATA)))
def test_what_is_written_reads_back_the_same(path, tmp_path):
    catalog = load_utf8(path)
    out = tmp_path / path.name
    out.write_text(render_catalog(catalog), encoding="utf-8")
    again = load_catalog(out)
    assert [as_read(e) for e in again.entries] == [as_read(e) for e in catalog.entries]
    assert [as_read(e) for e in again.obsolete] == [as_read(e) for e in catalog.obsolete]
    assert as_read(again.header_entry) == as_read(catalog.header_entry or Entry("")) and again.header == catalog.header
    assert render_catalog(again) == out.read_bytes().decode("utf-8")  # and writing is a fixed point


def test_previous_fields_comments_and_header_flags_are_written(tmp_path):
    header = Entry("", ("Language: fr\nContent-Type: text/plain; charset=UTF-8\n",), flags=("fuzzy",),
                   translator_comments=("French translation.",))
    entry = Entry("%d file", ("%d fichier", "%d fichiers"), msgid_plural="%d files", flags=("c-format", "fuzzy"),
                  previous_msgctxt="old", previous_msgid="%d document", previous_msgid_plural="%d documents")
    gone = Entry("Old", ("Ancien",), previous_msgid="Older", flags=("fuzzy",), obsolete=True)
    path = tmp_path / "fr.po"
    path.write_text(render_catalog(Catalog.create(path, header, [entry], [gone])), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == (
        '# French translation.\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy, c-format\n#| msgctxt "old"\n#| msgid "%d document"\n#| msgid_plural "%d documents"\n'
        'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d fichier"\nmsgstr[1] "%d fichiers"\n\n'
        '#, fuzzy\n#~| msgid "Older"\n#~ msgid "Old"\n#~ msgstr "Ancien"\n')
    read = load_catalog(path)
    assert (read.header_entry.flags, read.header_entry.translator_comments) == (("fuzzy",), ("French translation.",))
    assert as_read(read.entries[0]) == as_read(entry) and as_read(read.obsolete[0]) == as_read(gone)


@pytest.mark.parametrize("name, reason", [
    ("latin1.po", "charset iso8859-1 is not UTF-8"),              # the writer would write UTF-8 under a Latin-1 header
    ("invalid-utf8-in-comment.po", "not UTF-8 (invalid continuation byte)"),  # the bytes would not come back
])
def test_only_utf8_catalogs_are_written_back(name, reason):
    with pytest.raises(InputError, match=re.escape(reason)):
        load_utf8(GOOD / name)


def test_a_header_field_is_replaced_in_place_or_appended():
    catalog = Catalog.create("fr.po", Entry("", ("Project-Id-Version: x\nPOT-Creation-Date: old\nLanguage: fr\n",)))
    changed = catalog.with_header_field("POT-Creation-Date", "new").with_header_field("X-Extra", "1")
    assert changed.header_entry.msgstr == ("Project-Id-Version: x\nPOT-Creation-Date: new\nLanguage: fr\nX-Extra: 1\n",)
    assert (changed.header["POT-Creation-Date"], changed.language, catalog.header["POT-Creation-Date"]) == ("new", "fr", "old")
