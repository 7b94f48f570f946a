"""Markdown segments (markdown-it-py's token stream) and translated Markdown written back in place.

One msgid per block, as translators and the bundled catalogs expect: the
front matter's `title` and `description`, each heading, paragraph, list item
paragraph, blockquote paragraph and table cell, and the alt text of an image
that stands alone.  The msgid is the block's inline Markdown source as written
(links, emphasis and inline code stay markup), its lines joined by one space.
Code blocks, raw HTML blocks and other front matter keys are not extracted.

translate-toolkit's md2po is not used: it turns link targets into `{1}`
placeholders, takes the whole front matter as one message, re-renders the page
through mistletoe and gives wrong line numbers after front matter.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ..errors import InputError
from .segment import Lookup, Refuse, Segment, ignore_refusal
from .urls import describe, html_hazards, unsafe_url

FRONT_MATTER_KEYS = ("title", "description")
# markdown-it stops following blocks nested deeper than maxNesting and drops the rest of the
# page without a word (commonmark's 20 is reached by a 9-level list): allow more, refuse beyond.
MAX_NESTING = 100
PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
# The same parser keeping every link as written: markdown-it's own filter would turn a `javascript:`
# link into text, which another renderer of the published page need not do.
LINKS = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
LINKS.validateLink = lambda url: True
LINKS.normalizeLink = lambda url: url
BLOCK_OPENERS = {"heading_open": "heading", "paragraph_open": "paragraph", "th_open": "cell", "td_open": "cell"}
# An image's alt text inside its paragraph's source: `![alt](...)` or `![alt][ref]`.
IMAGE_ALT = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\]")
# Inline pieces that leave a paragraph without text of its own when only they remain.
IMAGE_ONLY_CHILDREN = {"image", "link_open", "link_close", "softbreak", "hardbreak"}
HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def has_words(text: str) -> bool:
    """True when a block holds something to translate: a letter (numbers and dashes alone stay as they are)."""
    return any(char.isalpha() for char in text)


def join_lines(text: str) -> str:
    """A block's source lines joined by one space, outer whitespace stripped: the msgid convention."""
    return " ".join(line.strip() for line in text.strip().split("\n") if line.strip())


# ------------------------------------------------------------------ front matter


def too_deep(source: str, path: Path) -> None:
    """InputError at the first collection of the front matter nested deeper than MAX_NESTING.

    PyYAML's composer and constructor recurse once per level (a few hundred `[` exhaust Python's
    stack); its parser does not, so the events are counted first.
    """
    depth = 0
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise InputError(path, event.start_mark.line + 2, f"front matter nested more than {MAX_NESTING} levels deep "
                                 "(lists, mappings); flatten it", event.start_mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def front_matter(text: str, path: Path) -> tuple[list[Segment], int]:
    """Segments of the YAML front matter's title and description, and how many lines the front matter takes."""
    lines = text.split("\n")
    if lines[0].rstrip("\r") != "---":
        return [], 0
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") in ("---", "...")), None)
    if close is None:
        raise InputError(path, 1, "front matter opened with '---' is never closed with '---'")
    offset = len(lines[0]) + 1
    source = "\n".join(lines[1:close])
    try:
        too_deep(source, path)
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, line, f"front matter is not valid YAML: {reason}", mark.column + 1 if mark else None) from None
    if node is None:
        return [], close + 1
    if not isinstance(node, yaml.MappingNode):
        raise InputError(path, 2, "front matter must be a YAML mapping (key: value lines)")
    found = []
    for key, value in node.value:
        if key.value in FRONT_MATTER_KEYS and isinstance(value, yaml.ScalarNode) and isinstance(data.get(key.value), str):
            msgid = join_lines(data[key.value])
            if has_words(msgid):
                start = offset + value.start_mark.index
                end = start + len(text[start:offset + value.end_mark.index].rstrip())  # a block scalar ends after its newline
                found.append(Segment(msgid, value.start_mark.line + 2, key.value, start, end, value.style or ""))
    return found, close + 1


def yaml_scalar(value: str, style: str) -> str:
    """`value` as a one-line YAML scalar, in the original style when that style can hold it."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == "" and value == value.strip() and not re.search(r"^[-?:,\[\]{}#&*!|>'\"%@`]|: | #", value):
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


# ------------------------------------------------------------------ body


# Line breaks as markdown-it counts them (CommonMark: LF, CRLF, or a lone CR, as old Mac files and
# word-processor pastes have): token.map line numbers index lines split the same way.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in LINE_BREAK.finditer(text):
        starts.append(match.end())
    return starts


def _block_span(lines: list[str], starts: list[int], first: int, content: str, cursor: int = 0) -> tuple[int, int] | None:
    """Offsets of a block's inline content in the source: from its first word to its last, across lines."""
    parts = [p.strip() for p in content.split("\n")]
    head, tail = parts[0], parts[-1]
    column = lines[first].find(head, cursor)
    if column < 0 and "|" in head:  # a table cell's escaped pipes, unescaped by the parser
        head = tail = head.replace("|", "\\|")
        column = lines[first].find(head, cursor)
    if column < 0:
        return None
    last = first + len(parts) - 1
    if last == first:
        end = column + len(head)
    else:
        end = lines[last].rfind(tail)
        if end < 0:
            return None
        end += len(tail)
    return starts[first] + column, starts[last] + end


def _image_only(inline) -> bool:
    children = inline.children or []
    return any(c.type == "image" for c in children) and all(
        c.type in IMAGE_ONLY_CHILDREN or (c.type == "text" and not c.content.strip()) for c in children
    )


def markdown_segments(text: str, path: Path) -> list[Segment]:
    """The translatable segments of a Markdown file, in source order (front matter first)."""
    found, skip = front_matter(text, path)
    lines = LINE_BREAK.split(text)
    starts = _line_starts(text)
    body = "\n" * skip + "\n".join(lines[skip:])  # blank front matter lines keep token.map on file lines
    tokens = PARSER.parse(body)
    too_deep = next((t for t in tokens if t.level >= MAX_NESTING - 1), None)
    if too_deep is not None:
        line = too_deep.map[0] + 1 if too_deep.map else None
        raise InputError(path, line, f"Markdown nested deeper than {MAX_NESTING} levels (blockquotes, lists): "
                         "the text beyond could not be read; flatten it")
    cursors: dict[int, int] = {}  # table row line -> column after the last cell found
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None or index == 0:
            continue
        kind = BLOCK_OPENERS.get(tokens[index - 1].type)
        if kind is None:
            continue
        first = token.map[0]
        cursor = cursors.get(first, 0) if kind == "cell" else 0
        span = _block_span(lines, starts, first, token.content, cursor)
        if kind == "cell" and span:
            cursors[first] = span[1] - starts[first]
        if kind == "paragraph" and _image_only(token) and span:
            found += _alt_segments(text, span, starts)
            continue
        # A cell's source, not the parser's content: markdown-it unescapes `\|` there.
        msgid = join_lines(text[span[0]:span[1]] if kind == "cell" and span else token.content)
        if not has_words(msgid):
            continue
        start, end = span or (-1, -1)
        found.append(Segment(msgid, first + 1, kind, start, end))
    return found


def _alt_segments(text: str, span: tuple[int, int], starts: list[int]) -> list[Segment]:
    """Alt texts of the images of an image-only paragraph, each a segment of its own."""
    out = []
    for match in IMAGE_ALT.finditer(text, span[0], span[1]):
        alt = join_lines(match.group(1))
        if has_words(alt):
            line = bisect_right(starts, match.start(1))
            out.append(Segment(alt, line, "alt", match.start(1), match.end(1)))
    return out


# ------------------------------------------------------------------ writing back


def _tags(text: str) -> set[str]:
    return {t.lower() for t in HTML_TAG.findall(text)}


def _stays_inline(text: str) -> bool:
    """True when `text` alone parses as one plain paragraph: placed in a block it cannot change the page structure."""
    types = [t.type for t in PARSER.parse(text)]
    return types == ["paragraph_open", "inline", "paragraph_close"]


def link_hazards(text: str) -> set[tuple[str, str]]:
    """The unsafe links of an inline Markdown text (urls.py): its links', images' and autolinks'
    destinations as written (references decoded, before any renderer's own filter), and the
    attributes of its raw HTML."""
    if ":" not in text and "=" not in text and "&" not in text:
        return set()
    found: set[tuple[str, str]] = set()
    for token in LINKS.parseInline(text)[0].children or ():
        if token.type in ("link_open", "image"):
            attribute = "href" if token.type == "link_open" else "src"
            scheme = unsafe_url(token.attrs.get(attribute) or "")
            if scheme:
                found.add((attribute, f"{scheme}:"))
        elif token.type == "html_inline":
            found |= html_hazards(token.content)
    return found


def safe_inline(source: str, translation: str, kind: str) -> tuple[str | None, str]:
    """The translation made safe for the block it replaces, or (None, why) when it would break the page.

    Newlines become spaces (a block is one line), pipes are escaped in table
    cells, a leading character that would open another block (`#`, `>`, `-`,
    `1.`) is escaped, and HTML tags the source does not have are refused.
    """
    text = join_lines(translation)
    if not text:
        return None, "the translation is blank"
    added = _tags(text) - _tags(source)
    if added:
        return None, f"HTML tags the source does not have: {', '.join(f'<{t}>' for t in sorted(added))}"
    hazards = link_hazards(text) - link_hazards(source)
    if hazards:
        return None, describe(hazards)
    if kind == "cell":
        text = UNESCAPED_PIPE.sub(r"\\|", text)
    if kind in ("heading", "cell", "alt", "paragraph") and text.endswith("#"):
        text = text[:-1] + "\\#"  # a closing `#` sequence would be eaten from a heading
    if kind == "alt":
        text = text.replace("[", "\\[").replace("]", "\\]") if re.search(r"(?<!\\)[\[\]]", text) else text
        return text, ""
    if _stays_inline(text):
        return text, ""
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", text) if text[0].isdigit() else "\\" + text
    if not text[0].isalnum() and _stays_inline(escaped) or text[0].isdigit() and _stays_inline(escaped):
        return escaped, ""
    return None, "it would change the page's structure (it does not read as one paragraph)"


def render_markdown(text: str, path: Path, lookup: Lookup, refuse: Refuse = ignore_refusal) -> str:
    """The Markdown file with each segment replaced in place by its translation; everything else byte for byte."""
    out, last = [], 0
    for segment in sorted(markdown_segments(text, path), key=lambda s: s.start):
        if segment.start < 0:
            continue
        translation = lookup(segment)
        if translation is None or translation == segment.text:
            continue
        if segment.kind in FRONT_MATTER_KEYS:
            replacement = yaml_scalar(join_lines(translation), segment.style)
        else:
            replacement, why = safe_inline(segment.text, translation, segment.kind)
            if replacement is None:
                refuse(segment, why)
                continue
        out += [text[last:segment.start], replacement]
        last = segment.end
    out.append(text[last:])
    return "".join(out)
