"""A translatable block of campaign content, and the callbacks that put translations back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable block: the msgid, its first line (1-based), and its span in the source text."""

    text: str
    line: int
    kind: str           # title, description, heading, paragraph, cell, alt, html
    start: int = -1     # character offsets of the text to replace (Markdown only; -1: not replaceable)
    end: int = -1
    style: str = ""     # front matter: the YAML scalar style to write back


Lookup = Callable[[Segment], "str | None"]
Refuse = Callable[[Segment, str], None]


def ignore_refusal(segment: Segment, reason: str) -> None:
    """The `refuse` of a caller that does not ask why a segment keeps its source text."""
