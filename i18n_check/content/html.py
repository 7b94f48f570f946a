"""HTML segments and translated HTML, through translate-toolkit's html2po/po2html store.

translate-toolkit's `htmlfile` does the job the issue asks for, so it is
reused as is: one unit per text block (p, h1-h6, li, td, th, blockquote,
figcaption, button, title...), the `alt`/`title` attributes of elements that
are not inside a text block, `<meta name="description">`, nothing from script
or style, and inline markup (`<a href>`, `<strong>`, `<em>`) kept in the msgid.
Writing back, its callback interface (what po2html uses) replaces each block.

Ours: the strict well-formedness check (html.parser accepts anything, so an
unclosed `<div>` would otherwise be published silently broken), one segment
per unit with its line, no `<html lang>` message (publish sets the target
language itself), and refusing translations whose markup would break the page.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

from translate.storage.base import ParseError
from translate.storage.html import htmlfile

from ..errors import InputError
from .segment import Lookup, Refuse, Segment, ignore_refusal
from .references import decodable
from .urls import describe, html_hazards
from .markdown import HTML_TAG, has_words

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# HTML lets authors omit `</p>`, `</li>`, `</td>`...; translate-toolkit's store does not (it would drop
# or reject the block), so only the document wrappers may stay unclosed.
OPTIONAL_END = frozenset("html head body".split())
LOCATION = re.compile(r":(\d+)-(\d+)$")
HTML_LANG = re.compile(r"\+html\[lang\]:\d+-\d+$")
# translate-toolkit's HTML store takes time quadratic in the nesting depth (4,000 nested <div>: 4 s,
# a hostile 1 MB page: most of an hour); no real page nests this deep, so deeper is refused.
MAX_DEPTH = 256


class _Balance(HTMLParser):
    """Records the first unclosed or stray tag: (line, column, reason)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int, int]] = []
        self.problem: tuple[int, int, str] | None = None

    def _fail(self, line: int, column: int, reason: str) -> None:
        if self.problem is None:
            self.problem = (line, column, reason)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID and self.problem is None:
            line, column = self.getpos()
            self.open.append((tag, line, column + 1))
            if len(self.open) > MAX_DEPTH:
                self._fail(line, column + 1, f"elements nested more than {MAX_DEPTH} deep; flatten the page")

    def handle_endtag(self, tag):
        if self.problem is not None:  # the first problem is the one reported: the rest is not checked
            return
        line, column = self.getpos()
        if tag in VOID:
            return
        names = [t for t, _, _ in self.open]
        if tag not in names:
            self._fail(line, column + 1, f"</{tag}> closes nothing: no <{tag}> is open")
            return
        while self.open:
            name, opened, col = self.open.pop()
            if name == tag:
                return
            if name not in OPTIONAL_END:
                self._fail(opened, col, f"<{name}> is not closed before </{tag}> on line {line}; add </{name}>")
                return

    def finish(self, text: str) -> None:
        tail = self.rawdata
        if tail.lstrip().startswith("<"):
            line = text.count("\n", 0, len(text) - len(tail)) + 1
            self._fail(line, None, f"unterminated markup at end of file: {tail.strip()[:40]!r}")
        self.close()
        for name, line, column in self.open:
            if name not in OPTIONAL_END:
                self._fail(line, column, f"<{name}> is never closed; add </{name}>")
                break


def html_problem(text: str) -> tuple[int, int | None, str] | None:
    """The first unclosed, stray or unterminated tag of an HTML text: (line, column, reason), or None."""
    checker = _Balance()
    text = decodable(text)
    checker.feed(text)
    checker.finish(text)
    return checker.problem


def check_html(text: str, path: Path) -> None:
    """Raise InputError at the first unclosed or stray tag: publishing it would break the page."""
    problem = html_problem(text)
    if problem:
        line, column, reason = problem
        raise InputError(path, line, f"malformed HTML: {reason}", column)


def _store(text: str, path: Path, callback=None) -> htmlfile:
    """translate-toolkit's parsed store; its own complaints (an omitted `</li>`...) become located input errors."""
    try:
        return htmlfile(io.BytesIO(decodable(text).encode("utf-8")), callback=callback)
    except ParseError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        reason = re.sub(r"\s*at line \d+", "", str(exc)).strip('"')
        raise InputError(path, int(match.group(1)) if match else None, f"malformed HTML: {reason}") from None


def html_segments(text: str, path: Path) -> list[Segment]:
    """The translatable segments of an HTML file, in source order."""
    check_html(text, path)
    found = []
    for unit in _store(text, path).units:
        location = unit.getlocations()[0] if unit.getlocations() else ""
        if HTML_LANG.search(location) or not has_words(unit.source):
            continue
        match = LOCATION.search(location)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        found.append((line, column, Segment(unit.source, line, "html")))
    return [segment for _, _, segment in sorted(found, key=lambda item: item[:2])]


def safe_html(source: str, translation: str) -> tuple[str | None, str]:
    """The translation when its markup is balanced and uses only the source's tags, else (None, why)."""
    added = {t.lower() for t in HTML_TAG.findall(translation)} - {t.lower() for t in HTML_TAG.findall(source)}
    if added:
        return None, f"HTML tags the source does not have: {', '.join(f'<{t}>' for t in sorted(added))}"
    hazards = html_hazards(translation) - html_hazards(source)
    if hazards:
        return None, describe(hazards)
    problem = html_problem(f"<div>{translation}</div>")
    if problem is not None:
        reason = re.sub(r" on line \d+", "", problem[2]).replace("</div>", "the end of the block")
        return None, f"unbalanced HTML: {reason}"
    return translation, ""


class _Translator:
    """po2html's callback protocol: called with each unit's source, returns the text to write."""

    context_aware = True

    def __init__(self, lookup: Lookup, language: str, refuse: Refuse) -> None:
        self.lookup = lookup
        self.language = language
        self.refuse = refuse

    def __call__(self, string: str, **context) -> str:
        location = context.get("location") or ""
        if HTML_LANG.search(location):
            return self.language
        match = LOCATION.search(location)
        segment = Segment(string, int(match.group(1)) if match else 0, "html")
        translation = self.lookup(segment)
        if translation is None or translation == string:
            return string
        safe, why = safe_html(string, translation)
        if safe is None:
            self.refuse(segment, why)
            return string
        return safe


def render_html(text: str, path: Path, lookup: Lookup, language: str, refuse: Refuse = ignore_refusal) -> str:
    """The HTML file with each block translated and `<html lang>` set to the target language."""
    check_html(text, path)
    return _store(text, path, _Translator(lookup, language, refuse)).filesrc
