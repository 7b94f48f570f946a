"""Where a message stands on the campaign's pages: its `#:` references read as page, section and paragraph.

`extract` writes one reference per place a text occurs (`content/en/eu-derogation.md:35`: the
line its block starts on). For editors, the page is read again (content.segments, as `extract`
reads it) and the reference named as they see the page: the section (the nearest heading above)
and the paragraph's number within it (text blocks: paragraphs, list items, table cells, alt texts). A page that is gone,
unreadable or changed so that no block starts on that line keeps the bare reference: a report
never fails because a page moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .content import CONTENT_SUFFIXES, read_content, segments
from .errors import InputError
from .catalog.writable import ISOLATE_CLOSE, ISOLATE_OPEN

# Segment kinds that are not counted as paragraphs: they name the page or a section.
NAMING_KINDS = {"title": "title", "description": "description", "heading": "heading"}


@dataclass(frozen=True)
class PageLocation:
    """One reference: the page, the line, and when the page could be read, the block's kind, the
    section it is in (the heading above it, or itself for a heading) and its paragraph number
    within that section (1-based; None for a title, description or heading)."""

    reference: str
    page: str
    line: int | None
    kind: str | None = None
    section: str | None = None
    paragraph: int | None = None

    @property
    def place(self) -> str:
        """Where on the page, in words: "“Words matter”, paragraph 2", "heading “Words matter”",
        "paragraph 1" (before any heading), "title"; "line 12" when the page could not be read."""
        if self.kind is None:
            return f"line {self.line}" if self.line else ""
        if self.kind == "heading":
            return f"heading “{self.section}”"
        if self.kind in NAMING_KINDS:
            return NAMING_KINDS[self.kind]
        return f"“{self.section}”, paragraph {self.paragraph}" if self.section else f"paragraph {self.paragraph}"


def split_reference(reference: str) -> tuple[str, int | None]:
    """`content/en/page.md:12` -> ("content/en/page.md", 12); a name gettext wrapped in isolates
    (it holds a space) is unwrapped; a reference without a line keeps None."""
    name, colon, line = reference.rpartition(":")
    if not colon or not line.isdigit() or not name:
        name, line = reference, ""
    if name.startswith(ISOLATE_OPEN) and name.endswith(ISOLATE_CLOSE):
        name = name[1:-1]
    return name, int(line) if line else None


def page_blocks(path: Path) -> list[tuple[int, str, str | None, int | None]] | None:
    """(line, kind, section, paragraph) of each block of a page, None when it cannot be read."""
    try:
        found = segments(path, read_content(path))
    except (InputError, OSError):
        return None
    blocks, section, paragraph = [], None, 0
    for segment in found:
        if segment.kind == "heading":
            section, paragraph = segment.text, 0
        number = None
        if segment.kind not in NAMING_KINDS:
            paragraph += 1
            number = paragraph
        blocks.append((segment.line, segment.kind, section, number))
    return blocks


def locate(references: Iterable[str], root: str | Path = ".") -> dict[str, PageLocation]:
    """Each reference (as a catalog writes it, relative to `root`, the folder `extract` ran in)
    -> its PageLocation; each page read once."""
    pages: dict[str, list | None] = {}
    out: dict[str, PageLocation] = {}
    for reference in references:
        if reference in out:
            continue
        page, line = split_reference(reference)
        location = PageLocation(reference, page, line)
        if line is not None and Path(page).suffix.lower() in CONTENT_SUFFIXES:
            if page not in pages:
                path = Path(root, page)
                pages[page] = page_blocks(path) if path.is_file() else None
            for block_line, kind, section, number in pages[page] or ():
                if block_line == line:
                    location = PageLocation(reference, page, line, kind, section, number)
                    break
        out[reference] = location
    return out


def report_references(report) -> set[str]:
    """Every `#:` reference a report shows: of its findings, mentions, silenced findings, the
    findings fixed since a revision, and the entries a glossary change affects."""
    shown = [*report.findings, *report.mentions, *(i.finding for i in report.ignored)]
    if report.since is not None:
        shown += report.since.fixed
    if report.impact is not None:
        shown += [f for c in report.impact.concepts for change in (*c.noncompliant, *c.compliant) for f in change.findings]
    return {r for item in shown for r in item.references}
