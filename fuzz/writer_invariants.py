"""What every catalog the tool writes must satisfy, shared by fuzz/fuzz_po_writer.py and
tests/test_po_writer_roundtrip.py: what we write, we read back; msgfmt reads the same messages.

`check_written(catalog)` renders a Catalog model as `update` and `extract` do. Either the writer
refuses it with an InputError (nothing that would not read back is ever written), or the text:

1. is read by our reader into the same model (see `normalised` for what writing legitimately
   changes: comment lines split at newlines, their trailing blanks, flags in gettext's order,
   a reference given twice, what gettext omits);
2. renders again to the same text (a fixed point: a second `update` changes no byte);
3. with `msgfmt=True`: is what GNU msgcat writes for it, byte for byte, and is compiled by GNU
   msgfmt (unless a translation's content is what msgfmt refuses: a finding, not the writer's),
   whose `msgunfmt` gives back exactly the messages msgfmt should compile.

`check_merge(template, catalog)` runs `update`'s merge first: every translation of the old
catalog (active or obsolete, every plural form) is still in the written one, as a msgstr or in
the translator comment that keeps a singular message's former plural forms.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import replace
from pathlib import Path

from i18n_check.catalog import Catalog, Entry, load_catalog
from i18n_check.errors import InputError
from i18n_check.catalog.write import FORMAT_RANK, flag_sort_key, render_catalog
from i18n_check.catalog.writable import ISOLATE_OPEN
from i18n_check.update import kept_plural_forms, merge


def normalised(entry: Entry, header: bool = False) -> tuple:
    """What of `entry` a written file keeps (gettext's write-po.c rules), comparable across a round trip."""
    # A comment holding a newline is written as lines; the reader drops a line's trailing blanks.
    comments = tuple(line.rstrip() for line in "\n".join(entry.translator_comments).split("\n")) if entry.translator_comments else ()
    extracted = tuple(line.rstrip() for line in "\n".join(entry.extracted_comments).split("\n")) if entry.extracted_comments else ()
    flags = [f for f in dict.fromkeys(entry.flags) if f != "fuzzy" or entry.obsolete or (entry.msgstr and entry.msgstr[0])]
    references = tuple(r[2:] if r.startswith("./") else r for r in dict.fromkeys(entry.references))
    while any(r.startswith("./") for r in references):
        references = tuple(r[2:] if r.startswith("./") else r for r in references)
    if entry.obsolete:  # write-po.c writes no extracted comments nor references on an obsolete entry
        extracted, references = (), ()
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, tuple(entry.msgstr) or ("",), comments, extracted, references,
            tuple(sorted(flags, key=flag_sort_key)), entry.previous_msgctxt, entry.previous_msgid,
            entry.previous_msgid_plural, entry.obsolete)


def check_written(catalog: Catalog, scratch: Path, msgfmt: bool = False) -> str | None:
    """The text written for `catalog` after checking invariants 1-3 (AssertionError), or None when refused."""
    try:
        text = render_catalog(catalog)
    except InputError:
        return None
    scratch.write_bytes(text.encode("utf-8"))
    again = load_catalog(scratch)  # an InputError here is a find: we wrote what we cannot read
    header = catalog.header_entry if catalog.header_entry is not None else Entry("")
    assert again.header_entry is not None and again.header_entry.msgstr == header.msgstr, "the header changed"
    want = [normalised(e) for e in catalog.entries + catalog.obsolete]
    got = [normalised(e) for e in again.entries + again.obsolete]
    assert got == want, f"read back differently:\n{text}\nwant {want}\ngot  {got}"
    rewritten = render_catalog(again)
    assert rewritten == text, f"not a fixed point: writing what was read changes the text:\n{text!r}\n{rewritten!r}"
    if msgfmt:
        compare_with_msgfmt(again, scratch)
    return text


ISOLATES_KNOWN = tuple(map(int, re.findall(r"\d+", subprocess.run(["msgcat", "--version"], capture_output=True, text=True)
                                                               .stdout.split("\n")[0])[:2])) >= (0, 22)
GETTEXT_FLAG = re.compile(r"fuzzy|no-wrap|(?:no-)?[a-z-]+-format|range: \d+\.\.\d+")
# What msgfmt refuses for the translations' content, not for the file: the rules' findings, not the writer's.
CONTENT_ERRORS = re.compile(r"entries do not both (?:begin|end) with|nplurals|plural form")


def compare_with_msgfmt(catalog: Catalog, path: Path) -> None:
    """GNU msgcat writes `path` back byte for byte (gettext reads it as we wrote it); msgfmt compiles
    it (unless a translation's content is what it refuses), and msgunfmt gives back exactly the
    messages it should compile."""
    again = path.with_suffix(".msgcat.po")
    cat = subprocess.run(["msgcat", "--force-po", "-o", str(again), str(path)], capture_output=True, text=True)
    assert cat.returncode == 0, f"msgcat refused what we wrote: {cat.stderr}\n{path.read_text('utf-8')}"
    # msgcat drops an obsolete entry whose first form is empty (we keep one holding any translation),
    # and the flags it does not know (we keep them: other tools' flags, such as Weblate's read-only).
    def known(entry: Entry) -> Entry:
        return entry._replace(flags=tuple(f for f in entry.flags if GETTEXT_FLAG.fullmatch(f)
                                          and (not f.endswith("-format") or f.removeprefix("no-")[:-7] in FORMAT_RANK)))

    kept = replace(catalog, entries=tuple(map(known, catalog.entries)),
                   obsolete=tuple(known(e) for e in catalog.obsolete if e.msgstr and e.msgstr[0]))
    expected, theirs = render_catalog(kept), again.read_bytes().decode("utf-8")
    # gettext before 0.22 reads no U+2068/U+2069 around a file name: it splits the name at its spaces.
    assert theirs == expected or (ISOLATE_OPEN in expected and not ISOLATES_KNOWN), "msgcat writes it otherwise:\n" + "".join(
        difflib.unified_diff(expected.splitlines(True), theirs.splitlines(True), "ours", "msgcat"))
    compiled = path.with_suffix(".mo")
    made = subprocess.run(["msgfmt", "-o", str(compiled), str(path)], capture_output=True, text=True)
    if made.returncode and CONTENT_ERRORS.search(made.stderr):
        return
    assert made.returncode == 0, f"msgfmt refused what we wrote: {made.stderr}\n{path.read_text('utf-8')}"
    unfmt = path.with_suffix(".unfmt.po")
    unfmt.unlink(missing_ok=True)
    back = subprocess.run(["msgunfmt", "--force-po", "-o", str(unfmt), str(compiled)], capture_output=True, text=True)
    assert back.returncode == 0, back.stderr
    theirs = {(e.msgctxt, e.msgid): e.msgstr for e in load_catalog(unfmt).entries} if unfmt.exists() else {}
    # msgfmt compiles a message whose first form is translated and that is not fuzzy (other forms may be empty).
    ours = {(e.msgctxt, e.msgid): e.msgstr for e in catalog.entries if e.msgstr and e.msgstr[0] and not e.fuzzy}
    assert theirs == ours, f"msgfmt compiled other messages:\nours   {ours}\ntheirs {theirs}"


def translations(catalog: Catalog) -> set[tuple]:
    """Every non-empty translation in `catalog`: (msgctxt, msgid, form index, text)."""
    found = set()
    for entry in catalog.entries + catalog.obsolete:
        for index, form in enumerate(entry.msgstr):
            if form:
                found.add((entry.msgctxt, entry.msgid, index, form))
        _, kept = kept_plural_forms(entry.translator_comments)
        found.update((entry.msgctxt, entry.msgid, index, form) for index, form in enumerate(kept) if form)
    return found


def check_merge(template: Catalog, catalog: Catalog, scratch: Path, msgfmt: bool = False) -> None:
    """Merge `template` into `catalog` as `update` does: no translation lost, and the result written per check_written."""
    try:
        merged, _ = merge(template, catalog)
    except InputError:
        return  # a header update cannot make forms from (nplurals=0...): refused, located
    lost = translations(catalog) - translations(merged)
    # A message the template renames keeps its translation under the new msgid (fuzzy): compare the texts.
    lost = {item for item in lost if item[3] not in {t[3] for t in translations(merged)}}
    assert not lost, f"update lost translations: {sorted(lost)[:5]}"
    check_written(merged, scratch, msgfmt)
