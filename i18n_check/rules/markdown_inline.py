"""Markdown inline markup of one message, as markdown-it-py parses it: what the `markup` rule compares.

A message's emphasis (`**strong**`, `*em*`, `~~struck~~`), code spans, inline links and images
(target, and whether a title is given) are read from markdown-it's tokens, the parser the
content pipeline extracts and publishes with, so the rule sees the page as it will be rendered:
`**outils … éprouvés*` is an `*em*` and a stray `*`, not a `**strong**`, and `[Donate](https://x`
is plain text holding a URL. A delimiter left unpaired stays in the text; it is counted, so a
finding names it. Reference links, definitions and autolinks are left to rules/markup.py's
patterns (a message alone has no definitions for markdown-it to resolve).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Callable, NamedTuple

from markdown_it import MarkdownIt

# Inline parsing only (a message is one block); escapes kept as their own tokens (no text_join),
# so that `\*` is not a stray delimiter.
PARSER = MarkdownIt("commonmark").enable("strikethrough").disable("text_join")
SPANS = {"strong_open": "**…**", "em_open": "*…*", "s_open": "~~…~~", "code_inline": "`…`"}
EMPHASIS = ("**…**", "*…*")
# Runs of delimiters left in a text token: a pair that did not form. `_` counts only where it can
# delimit (not inside a word: snake_case is text), `~` only doubled.
STRAY = re.compile(r"\*+|`+|~~+|(?<![^\W_])_+|_+(?![^\W_])")
# An underscore that can delimit emphasis: not inside a word (snake_case is text).
DELIMITING_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# What markdown-it's inline parse depends on besides plain text: delimiter runs and backslashes
# (each with what is on either side) and, in a text that may hold an inline link (`](`), brackets
# and parentheses. (Tags are compared apart, in rules/markup.py.)
SPECIAL = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])|~+|`+|\\")
SPECIAL_WITH_LINKS = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])|~+|`+|\\|!?\[|[\]()]")
TITLE_THEN_CLOSE = re.compile(r"""\s*(?:"[^"]*"|'[^']*'|\([^)]*\))?\s*\)""")


class Link(NamedTuple):
    kind: str        # "[…]" for a link, "![…]" for an image
    target: str      # as written (markdown-it's href, decoded back for display)
    titled: bool     # a title is given: `[text](url "title")`


class Shape(NamedTuple):
    """The inline markup of one text: spans by kind, links, delimiters left unpaired, and the plain text."""

    spans: Counter
    links: Counter
    stray: Counter
    text: str


def may_hold_markdown(text: str) -> bool:
    """False when `text` can hold no emphasis, code span or inline link for sure: most messages.
    (Each `in` is a C scan; one regex over every message cost the rule twice its time.)"""
    if "*" in text or "`" in text or "[" in text or "~~" in text:
        return True
    return "_" in text and DELIMITING_UNDERSCORE.search(text) is not None


def shape_of(text: str) -> Shape:
    """The inline Markdown of `text` (see the module docstring)."""
    if not may_hold_markdown(text):
        return Shape(Counter(), Counter(), Counter(), text)
    spans: Counter = Counter()
    links: Counter = Counter()
    stray: Counter = Counter()
    plain: list[str] = []
    for token in PARSER.parseInline(text)[0].children or ():
        kind = token.type
        if kind == "text":
            plain.append(token.content)
            stray.update(STRAY.findall(token.content))
        elif kind in SPANS:
            spans[SPANS[kind]] += 1
        elif kind == "link_open" and token.info != "auto":  # autolinks: rules/markup.py's AUTOLINK
            links[Link("[…]", shown(token.attrs.get("href", "")), bool(token.attrs.get("title")))] += 1
        elif kind == "image":
            links[Link("![…]", shown(token.attrs.get("src", "")), bool(token.attrs.get("title")))] += 1
    return Shape(spans, links, stray, "".join(plain))


def shown(href) -> str:
    """A link target as the user wrote it (markdown-it percent-encodes what it normalises)."""
    return PARSER.normalizeLinkText(str(href))


def compare(source: str, translation: str, targets: Callable[[str], Counter]) -> list[str]:
    """What the translation's inline Markdown lacks or adds (empty: nothing), parsing only when it can differ.

    markdown-it takes some 200 µs a message; most translations that hold Markdown hold the same
    delimiters, brackets and link targets as their source, in the same order and between the same
    kinds of characters, which gives the same tokens (CommonMark decides emphasis by delimiter run,
    order and flanking, links by brackets and destinations). `targets(text)` counts the inline
    link targets, with whether each has a title.
    """
    before, after = skeleton(source), skeleton(translation)
    if before == after and targets(source) == targets(translation):
        return []
    if not before and not any(len(run) > 1 or run in ("`", "[", "![") for _, run, _ in after):
        return []  # nothing to keep, and nothing the translation adds can break: a lone `*` or `_` is text
    return differences(shape_of(source), shape_of(translation))


def skeleton(text: str) -> tuple:
    """The special characters of `text` in order, each with the kind of character on either side."""
    end = len(text)
    special = SPECIAL_WITH_LINKS if "](" in text else SPECIAL
    return tuple((kind_of(text[m.start() - 1]) if m.start() else " ", m.group(), kind_of(text[m.end()]) if m.end() < end else " ")
                 for m in special.finditer(text))


def kind_of(char: str) -> str:
    """What CommonMark's flanking rules see of a character: whitespace, punctuation, or other."""
    if char.isspace():
        return " "
    return "." if unicodedata.category(char)[0] in "PS" else "a"


def differences(source: Shape, translation: Shape) -> list[str]:
    """What the translation's inline Markdown lacks or adds, each naming the construct (empty: the same)."""
    problems: list[str] = []
    missing, extra = source.links - translation.links, translation.links - source.links
    for link in list(missing.elements()):
        other = link._replace(titled=not link.titled)
        as_link = link._replace(kind="[…]")
        if extra[other]:  # the same link, its title dropped (or one added: harmless)
            extra[other] -= 1
            if link.titled:
                problems.append(f'{link.kind}({link.target} "…") lost its title')
        elif link.kind == "![…]" and (extra[as_link] or extra[as_link._replace(titled=not link.titled)]):
            extra[as_link if extra[as_link] else as_link._replace(titled=not link.titled)] -= 1
            problems.append(f"{link.kind}({link.target}) lost its '!': a link now, not an image")
        elif link.target and link.target in translation.text:
            problems.append(f"{link.kind}({link.target}) is broken: {why_not_a_link(translation.text, link)}")
        else:
            problems.append(f"missing {link.kind}({link.target})")
    problems += [f"extra {link.kind}({link.target})" for link in (+extra).elements()]
    # A translation may drop a code span (a quoted name in « » rather than `…`) and add emphasis or
    # code of its own, as it may add typographic tags; it must keep the source's emphasis and
    # strikethrough, and leave no delimiter without its pair.
    lost = [name for name in SPANS.values() if name != "`…`" and translation.spans[name] < source.spans[name]]
    for name in lost:
        count = source.spans[name] - translation.spans[name]
        problems.append(f"missing {name}{f' ×{count}' if count > 1 else ''}")
    for run, count in (translation.stray - source.stray).items():
        # A lone `*` or `_` is text ("(_)", "5 * 3") unless an emphasis went missing beside it;
        # a doubled delimiter or a backtick left over is nearly never prose.
        if len(run) > 1 or run == "`" or any(name in lost for name in EMPHASIS):
            what = "a code span not closed" if run[0] == "`" else "a delimiter without its pair"
            problems.append(f"a stray '{run}'{f' ×{count}' if count > 1 else ''} ({what})")
    return problems


def why_not_a_link(text: str, link: Link) -> str:
    """Why `text`, which holds the link's target, does not make it a link: the syntax that is off."""
    at = text.index(link.target)
    before, after = text[:at], text[at + len(link.target):]
    if re.search(r"\]\s+\($", before):
        return "a space between ']' and '(' (write ](, together)"
    if before.endswith("("):
        if not before.endswith("]("):
            return "missing ']' before '('"
        if not TITLE_THEN_CLOSE.match(after):
            return "missing ')' after the target"
        opening = before[:-2].rfind("[")
        return "missing '[' before the link text" if opening < 0 else "the link syntax is not closed as it opens"
    return "missing '(' before the target"
