"""What we write, we read back (issue 13): the writer fuzz harness's invariants (fuzz/writer_invariants.py)
on catalog models drawn by hypothesis, so that every CI run exercises them; and the finds of
fuzz/fuzz_po_writer.py, each a case.

The writer refuses (InputError, located) or writes text that our reader reads back to the same
model, that is a fixed point, that GNU msgcat writes byte for byte and msgfmt compiles to the
same messages; `update`'s merge loses no translation.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from i18n_check.catalog import Catalog, Entry
from i18n_check.errors import InputError
from i18n_check.catalog.write import render_catalog
from i18n_check.catalog.writable import reference

sys.path.insert(0, str(ROOT / "fuzz"))
from writer_invariants import check_merge, check_written  # noqa: E402

# The pieces fuzz/fuzz_po_writer.py draws text from: what escaping, wrapping, comments and references must survive.
PIECES = ["a", "Report abuse", " ", "\t", "\n", "\r", "\\", '"', "%s", "{name}", "é", "«\u202f»", "\u00a0", "\u2068", "\u2069",
          "\x01", "\x7f", "\u2028", "\x00", "\ud800", "#", "#~", 'msgid "x"', ",", ":", "./", "word " * 20]
text = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
comment = text.map(lambda t: "\n".join(line.rstrip() for line in t.split("\n")))  # as the reader gives them
flags = st.lists(st.sampled_from(["fuzzy", "no-wrap", "python-brace-format", "no-c-format", "range: 1..5", "", "a b",
                                  "read-only"]), max_size=2)


@st.composite
def references(draw) -> tuple[str, ...]:
    found = []
    for name in draw(st.lists(text, max_size=2)):
        try:
            found.append(reference(name or "page.md", draw(st.integers(1, 999))))
        except ValueError:
            found.append(name)  # raw: the writer must refuse what would not read back as one reference
    return tuple(found)


@st.composite
def entries(draw, template: bool = False) -> Entry:
    plural = draw(st.none() | text)
    forms = draw(st.integers(1, 4)) if plural is not None else 1
    return Entry(draw(text) or "Report", tuple("" if template else draw(text) for _ in range(forms)), 0, draw(st.none() | text),
                 plural, tuple(draw(flags)), tuple(draw(st.lists(comment, max_size=2))), tuple(draw(st.lists(comment, max_size=1))),
                 draw(references()), None, draw(st.none() | text), None, not template and draw(st.booleans()))


def header(nplurals: int) -> Entry:
    return Entry("", (f"Content-Type: text/plain; charset=UTF-8\nLanguage: fr\nPlural-Forms: nplurals={nplurals}; plural=(n > 1);\n",))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(nplurals=st.integers(0, 4), old=st.lists(entries(), max_size=5), new=st.lists(entries(template=True), max_size=5))
def test_what_we_write_reads_back_and_update_loses_nothing(tmp_path, nplurals, old, new):
    catalog = Catalog.create("fr.po", header(nplurals), [e for e in old if not e.obsolete], [e for e in old if e.obsolete])
    check_written(catalog, tmp_path / "written.po")
    new += [e._replace(msgstr=("",) * len(e.msgstr), obsolete=False) for e in old[::2]]
    new += [e._replace(msgid_plural=None if e.msgid_plural else "plural", msgstr=("",) if e.msgid_plural else ("", ""), obsolete=False)
            for e in old[1::3]]
    template = Catalog.create("t.pot", Entry("", ("Content-Type: text/plain; charset=UTF-8\n",)), new)
    check_merge(template, catalog, tmp_path / "merged.po")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(old=st.lists(entries(), max_size=4))
def test_gnu_gettext_reads_what_we_write_as_we_do(tmp_path, old):
    catalog = Catalog.create("fr.po", header(2), [e for e in old if not e.obsolete], [e for e in old if e.obsolete])
    check_written(catalog, tmp_path / "written.po", msgfmt=True)


# Finds of fuzz/fuzz_po_writer.py: each wrote a file that did not read back, or not as written.
FINDS = {
    "comment ending with a backslash (po-lex.c joins the next line to it)": Entry("Report", ("",), translator_comments=("a \\",)),
    "extracted comment ending with a backslash": Entry("Report", ("",), extracted_comments=("x\\",)),
    "reference with a NUL": Entry("Report", ("",), references=("a\x00",)),
    "reference that is only ./ (written as nothing)": Entry("Report", ("",), references=("./",)),
    "reference ending with a backslash": Entry("Report", ("",), references=("page.md\\",)),
    "reference without a file name": Entry("Report", ("",), references=(":676",)),
    "flag ending with a backslash": Entry("Report", ("",), flags=("odd\\",)),
    "obsolete copy of an active message (msgfmt: duplicate definition)": Entry("Report", ("x",), obsolete=True),
    "lone surrogate in a string long enough to be wrapped (line breaking encoded it)": Entry("Report", ("\ud800" + "word " * 20,)),
    "NUL in a msgstr": Entry("Report", ("Signaler\x00",)),
}


@pytest.mark.parametrize("entry", FINDS.values(), ids=FINDS.keys())
def test_fuzz_finds_are_refused_before_anything_is_written(tmp_path, entry):
    entries = [entry] if not entry.obsolete else [Entry("Report", ("y",)), entry]
    catalog = Catalog.create(tmp_path / "fr.po", header(2), [e for e in entries if not e.obsolete], [e for e in entries if e.obsolete])
    with pytest.raises(InputError):
        render_catalog(catalog)


def test_no_wrap_messages_are_not_wrapped_as_gettext_writes_them(tmp_path):
    """A find of the msgcat comparison: `#, no-wrap` strings break only after a newline."""
    long = "word " * 30
    catalog = Catalog.create(tmp_path / "fr.po", header(2), [Entry(long, (f"a\nb{long}\nc",), flags=("no-wrap",),
                                                                   previous_msgid=long)])
    text = check_written(catalog, tmp_path / "written.po", msgfmt=True)
    assert f'#| msgid "{long}"\nmsgid "{long}"\nmsgstr ""\n"a\\n"\n"b{long}\\n"\n"c"\n' in text


def test_a_reference_given_twice_is_written_once_as_gettext_keeps_it(tmp_path):
    catalog = Catalog.create(tmp_path / "fr.po", header(2), [Entry("Report", ("x",), references=("page.md:1", "page.md:1", "a.md:2"))])
    assert "#: page.md:1 a.md:2\n" in check_written(catalog, tmp_path / "written.po", msgfmt=True)
