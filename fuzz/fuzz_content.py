"""Fuzz the content extractors (Markdown, HTML) and the writers behind publish.

Any text gives segments or a located InputError. Segments lie inside the file and do
not overlap; rendering with no translation gives the file back byte for byte; rendering
with translations keeps a Markdown page's structure (the same segments, in the same kinds).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.content import render, segments
    from i18n_check.content.markdown import LINE_BREAK

from common import InputError


def translate(segment) -> str:
    return "Traduit : " + segment.text


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    path = Path("page.html" if fdp.ConsumeBool() else "page.md")
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    if "\x00" in text:
        return  # read_content refuses a file with a NUL byte before any extractor sees it
    try:
        found = segments(path, text)
    except InputError as error:
        assert error.line is None or 1 <= error.line <= len(LINE_BREAK.split(text)), error.line
        return
    lines = len(LINE_BREAK.split(text))  # CommonMark breaks lines at LF, CRLF and a lone CR
    spans = sorted((s.start, s.end) for s in found if s.start >= 0)
    for segment in found:
        assert 1 <= segment.line <= lines, (segment.line, lines)
        assert segment.text.strip(), "an empty msgid"
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start, "overlapping segments"
    untouched = render(path, text, lambda s: None, "fr")
    if path.suffix == ".md":
        assert untouched == text
        translated = render(path, text, translate, "fr")
        again = segments(path, translated)
        assert [s.kind for s in again] == [s.kind for s in found], (text, translated)
    else:
        render(path, text, translate, "fr")


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
