"""Campaign content -> POT template: the library behind `i18n-check extract`.

Every file is read and segmented before anything is written, so bad content
(a missing path, a binary or non-UTF-8 file, unclosed HTML) raises InputError
and leaves the template as it was.  Identical texts become one message with
every reference, in the order the texts first appear.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from . import environment
from .catalog import Catalog, Entry
from .catalog.writable import reference
from .catalog.write import load_utf8, render_catalog
from .check import display_path
from .content import find_content, read_content, segments
from .errors import InputError
from .outputs import TEMPLATE, open_output

LATEST_DATE = 253402300799  # 9999-12-31 23:59:59 UTC: the last time the header's YYYY-MM-DD can hold

TEMPLATE_FIELDS = (
    ("Project-Id-Version", "{domain}"),
    ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", "{date}"),
    ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
    ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
    ("Language-Team", "LANGUAGE <LL@li.org>"),
    ("Language", ""),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
)


@dataclass(frozen=True)
class ExtractResult:
    """What `extract` did: the template, its message and file counts, and whether the file changed
    (with `write=False`: whether it would)."""

    output: Path
    messages: int
    files: int
    written: bool


def po_date(epoch: float | None = None) -> str:
    """Now (or SOURCE_DATE_EPOCH, for reproducible builds) in the PO header's `YYYY-MM-DD HH:MM+ZZZZ` form, UTC."""
    if epoch is None:
        fixed = environment.epoch("SOURCE_DATE_EPOCH", LATEST_DATE)
        epoch = time.time() if fixed is None else fixed
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(epoch))


def collect_messages(files: list[Path]) -> list[Entry]:
    """One message per distinct segment text of the content `files`, references in source order."""
    references: dict[str, dict[str, None]] = {}  # text -> its references, once each, in order
    for path in files:
        try:
            reference(os.fsdecode(path))  # the name as it is, not as reports show it
        except ValueError as exc:
            raise InputError(path, None, str(exc)) from None
        name = display_path(path)
        for segment in segments(path, read_content(path)):
            references.setdefault(segment.text, {})[reference(name, segment.line)] = None
    return [Entry(text, references=tuple(found)) for text, found in references.items()]


def template_header(domain: str, date: str) -> Entry:
    """A new template's header entry, as xgettext writes it (without the fuzzy flag msginit would remove anyway)."""
    header = "".join(f"{key}: {value.format(domain=domain, date=date)}\n" for key, value in TEMPLATE_FIELDS)
    comments = (f"Translation template for {domain}, extracted from the campaign content by i18n-check.",
                "This file is distributed under the same license as the content it is extracted from.")
    return Entry("", (header,), translator_comments=comments)


def extract(paths: list[str | Path], output: str | Path, write: bool = True) -> ExtractResult:
    """Extract the content at `paths` into the template `output`; an existing template keeps its header.

    POT-Creation-Date changes only when the messages do, so extracting
    unchanged content rewrites nothing. `write=False` writes nothing and says
    whether the template would change: `extract --check`.
    """
    output = Path(output)
    files = find_content(paths)
    target = open_output(output, TEMPLATE, files)  # never a catalog, a content file, anything but a template
    messages = collect_messages(files)
    existing = not target.direct and target.target.exists()  # a FIFO or /dev/stdout holds no old template
    if not existing:
        template = Catalog.create(output, template_header(output.stem, po_date()), messages)
    else:
        previous = load_utf8(target.target)
        template = replace(previous, path=output, entries=tuple(messages), obsolete=())
        if [(m.msgid, m.references) for m in previous.entries] != [(m.msgid, m.references) for m in messages]:
            template = template.with_header_field("POT-Creation-Date", po_date())
    text = render_catalog(template)
    written = not existing or target.target.read_text(encoding="utf-8") != text
    if written and write:
        target.target.parent.mkdir(parents=True, exist_ok=True)
        target.write(text)
    return ExtractResult(output, len(messages), len(files), written)
