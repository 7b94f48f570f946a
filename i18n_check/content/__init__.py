"""Campaign content (Markdown, HTML): translatable segments out, translated text back in.

`segments(path, text)` returns the translatable blocks of one file in source
order, each a `Segment` (its msgid, the line it starts on, and where it sits in
the text); `render(path, text, lookup, language, refuse)` returns the file with
each segment replaced by what `lookup(segment)` returns (None keeps the source),
and calls `refuse(segment, reason)` for a translation it will not put on the page
(it would break the page's markup or structure): that segment keeps the source.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, decode_utf8, read_input
from ..walk import files_under
from .html import html_segments, render_html
from .markdown import markdown_segments, render_markdown
from .segment import Lookup, Refuse, Segment, ignore_refusal  # noqa: F401 (the package's interface)

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
CONTENT_SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES


def read_content(path: Path) -> str:
    """The text of a content file; binary or non-UTF-8 files raise InputError with the line."""
    raw = read_input(path, "content file")
    if b"\0" in raw:
        offset = raw.index(b"\0")
        raise InputError(path, raw.count(b"\n", 0, offset) + 1, "binary file (NUL byte), not Markdown or HTML text")
    return decode_utf8(path, raw, "save the file as UTF-8")


def kind_of(path: Path) -> str:
    """`markdown` or `html` from the file name; anything else is an input error."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    raise InputError(path, None, f"not campaign content: expected {', '.join(CONTENT_SUFFIXES)}")


def segments(path: Path, text: str) -> list[Segment]:
    """The translatable segments of one content file, in source order."""
    if kind_of(path) == "markdown":
        return markdown_segments(text, path)
    return html_segments(text, path)


def render(path: Path, text: str, lookup: Lookup, language: str, refuse: Refuse = ignore_refusal) -> str:
    """The file with every segment replaced by `lookup(segment)` (None keeps the source text);
    `refuse(segment, reason)` hears of each translation kept off the page, and why."""
    if kind_of(path) == "markdown":
        return render_markdown(text, path, lookup, refuse)
    return render_html(text, path, lookup, language, refuse)


def find_content(paths: list[str | Path]) -> list[Path]:
    """Files and folders (searched recursively) expanded into the content files they hold, sorted, once each."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(path, None, "no such file or folder")
        if path.is_dir():
            inside = sorted(p for p in files_under(path) if p.suffix.lower() in CONTENT_SUFFIXES)
            if not inside:
                raise InputError(path, None, f"folder holds no content ({', '.join(CONTENT_SUFFIXES)})")
            found.extend(inside)
        else:
            kind_of(path)
            found.append(path)
    return list({p.resolve(): p for p in found}.values())
