"""Fuzz the catalog writer and `update`'s merge: what we write, we read back (fuzz/writer_invariants.py).

Each input is decoded into catalog models (entries with every field a PO file has: msgctxt,
plural forms, comments, flags, references, previous msgid, obsolete), with text drawn from what
breaks writers: quotes, backslashes, line ends, control characters, NUL, lone surrogates, the
isolates gettext puts around file names, non-ASCII. The writer must refuse (InputError) or write a
file our reader reads back to the same model, a fixed point; `update`'s merge of a template into
the catalog must lose no translation and write such a file too. FUZZ_MSGFMT=1 also compiles every
written file with GNU msgfmt and compares what msgunfmt gives back.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.catalog import Catalog, Entry
    from i18n_check.catalog.writable import reference

from common import scratch
from writer_invariants import check_merge, check_written

MSGFMT = os.environ.get("FUZZ_MSGFMT") == "1"
# Pieces text is made of: what escaping, wrapping, comments and references must survive.
PIECES = ("a", "Report abuse", " ", "  ", "\t", "\n", "\r", "\\", '"', "\\n", "%s", "%(n)d", "{name}", "é", "‘’", "«\u202f»",
          "\u00a0", "\u2068", "\u2069", "\x01", "\x7f", "\x85", "\u2028", "\x00", "\ud800", "#", "#~", "msgid \"x\"", ",",
          ":", "./", "x" * 90, "word " * 20)
# ("wrap" left out: gettext drops it, and with no-wrap the last one written wins; we keep flags as given.)
FLAGS = ("fuzzy", "no-wrap", "python-brace-format", "no-c-format", "range: 1..5", "", "a,b", "a b", "x\ny")
HEADER = "Content-Type: text/plain; charset=UTF-8\nLanguage: fr\nPlural-Forms: nplurals={n}; plural=(n > 1);\n"


def text(fdp: atheris.FuzzedDataProvider, most: int = 6) -> str:
    return "".join(PIECES[fdp.ConsumeIntInRange(0, len(PIECES) - 1)] for _ in range(fdp.ConsumeIntInRange(0, most)))


def comment(fdp) -> str:
    """A comment as the reader gives one: without trailing blanks on any of its lines."""
    return "\n".join(line.rstrip() for line in text(fdp, 3).split("\n"))


def maybe(fdp, make):
    return make() if fdp.ConsumeBool() else None


def references(fdp) -> tuple[str, ...]:
    found = []
    for _ in range(fdp.ConsumeIntInRange(0, 3)):
        if fdp.ConsumeBool():
            try:
                found.append(reference(text(fdp, 3) or "page.md", fdp.ConsumeIntInRange(1, 999)))
            except ValueError:
                pass
        else:
            found.append(text(fdp, 2))  # raw: the writer must refuse what would not read back as one
    return tuple(found)


def entry(fdp, nplurals: int, template: bool = False) -> Entry:
    plural = maybe(fdp, lambda: text(fdp)) if fdp.ConsumeIntInRange(0, 3) == 0 else None
    # As the reader gives them: a plural entry has one form or more, whatever the header says.
    forms = (max(nplurals, 1) if fdp.ConsumeBool() else fdp.ConsumeIntInRange(1, 4)) if plural is not None else 1
    msgstr = tuple("" if template else text(fdp, 3) for _ in range(forms))
    previous = maybe(fdp, lambda: text(fdp, 3)) if fdp.ConsumeIntInRange(0, 3) == 0 else None
    return Entry(
        text(fdp) or "Report", msgstr, 0, maybe(fdp, lambda: text(fdp, 2)), plural,
        tuple(FLAGS[fdp.ConsumeIntInRange(0, len(FLAGS) - 1)] for _ in range(fdp.ConsumeIntInRange(0, 2))),
        tuple(comment(fdp) for _ in range(fdp.ConsumeIntInRange(0, 2))),
        tuple(comment(fdp) for _ in range(fdp.ConsumeIntInRange(0, 1))),
        references(fdp), None, previous, None, not template and fdp.ConsumeIntInRange(0, 4) == 0)


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    nplurals = fdp.ConsumeIntInRange(0, 4)
    header = Entry("", (HEADER.format(n=nplurals),))
    old = [entry(fdp, nplurals) for _ in range(fdp.ConsumeIntInRange(0, 6))]
    catalog = Catalog.create("fr.po", header, [e for e in old if not e.obsolete], [e for e in old if e.obsolete])
    check_written(catalog, scratch("written.po"), MSGFMT)
    new = [entry(fdp, nplurals, template=True) for _ in range(fdp.ConsumeIntInRange(0, 6))]
    new += [e._replace(msgstr=("",) * len(e.msgstr), obsolete=False) for e in old if fdp.ConsumeBool()]
    new += [e._replace(msgid_plural=None if e.msgid_plural else "plural", msgstr=("",) if e.msgid_plural else ("", ""),
                       obsolete=False) for e in old if fdp.ConsumeIntInRange(0, 3) == 0]
    template = Catalog.create("t.pot", Entry("", ("Content-Type: text/plain; charset=UTF-8\n",)), new)
    check_merge(template, catalog, scratch("merged.po"), MSGFMT)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
