"""Markup: the HTML tags and Markdown markup (links, images, emphasis, code) of the source must all be in the translation."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..catalog import Entry
from ..findings import WARNING, Finding
from .base import Context, Rule
from .markdown_inline import compare, may_hold_markdown

# Only real HTML element names (and custom elements, which hold a hyphen) count as tags, so
# that command-line metavariables such as `<sourcedir>` or `<MODULE_PATH>` are text.
HTML_ELEMENTS = frozenset("""
    a abbr address area article aside audio b bdi bdo blockquote body br button canvas caption cite
    code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
    legend li link main map mark menu meta meter nav noscript object ol optgroup option output p
    param picture pre progress q rp rt ruby s samp script search section select slot small source
    span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title
    tr track u ul var video wbr
""".split())

# Attributes whose value is text for the reader: translating them is right. Every other
# attribute (href, src, class, id, target, rel...) must keep its value.
TRANSLATABLE_ATTRIBUTES = frozenset("""
    abbr alt aria-description aria-label aria-placeholder aria-roledescription aria-valuetext
    content dir hreflang label lang placeholder summary title value
""".split())

# Typographic tags a translation may add on its own, in balanced pairs and without attributes:
# French ordinals are written 1<sup>er</sup>, 2<sup>e</sup> where English has 1st, 2nd.
TYPOGRAPHIC = ("abbr", "b", "cite", "em", "i", "q", "small", "span", "strong", "sub", "sup")
LINE_BREAKS = ("<br>", "<wbr>")

TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)"
    r"(?P<attrs>(?:\s+[^\s<>\"'=/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>\"'=`]+))?)*)\s*/?>"
)
ATTRIBUTE = re.compile(r"([^\s<>\"'=/]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s<>\"'=`]+)))?")

# Markdown (CommonMark) that a message alone holds as text: reference links, link definitions,
# autolinks. Inline links, images, emphasis and code spans are compared on markdown-it's tokens
# (rules/markdown_inline.py); INLINE_LINK finds them fast (the
# markup rule's look before it parses; the ttk checks read a link's text with it, standard.py).
INLINE_LINK = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(\s*(?P<target><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?P<title>\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REFERENCE_LINK = re.compile(r"!?\[(?:[^\[\]\\]|\\.)*\]\[(?P<label>[^\[\]]+)\]")
DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\[\]]+)\]:\s*(?P<target>\S+)", re.MULTILINE)
AUTOLINK = re.compile(r"<(?P<target>(?:https?|ftp|mailto):[^\s<>]*)>", re.IGNORECASE)


def is_html(name: str) -> bool:
    """A real HTML element name, or a custom element (which holds a hyphen)."""
    return name.lower() in HTML_ELEMENTS or "-" in name


def tags(text: str) -> Counter[str]:
    """The HTML tags of `text` as canonical strings: name and the attributes that must not change."""
    found: Counter[str] = Counter()
    for match in TAG.finditer(text):
        name = match["name"].lower()
        if not is_html(name):
            continue
        kept = []
        for attr in ATTRIBUTE.finditer(match["attrs"] or ""):
            key = attr.group(1).lower()
            if key not in TRANSLATABLE_ATTRIBUTES:
                value = next((v for v in attr.groups()[1:] if v is not None), None)
                kept.append(key if value is None else f'{key}="{value}"')
        found[f"<{match['close']}{name}{''.join(' ' + a for a in sorted(kept))}>"] += 1
    return found


def links(text: str) -> Counter[str]:
    """The reference links, link definitions and autolinks of `text` (the link text is free to change)."""
    found: Counter[str] = Counter()
    for match in REFERENCE_LINK.finditer(text):
        found[f"[…][{match['label'].strip().lower()}]"] += 1
    for match in DEFINITION.finditer(text):
        found[f"[{match['label'].strip().lower()}]: {match['target']}"] += 1
    for match in AUTOLINK.finditer(text):
        found[f"<{match['target']}>"] += 1
    return found


def inline_links(text: str) -> Counter[tuple[str, str, bool]]:
    """The inline links and images of `text` as INLINE_LINK reads them: (kind, target, has a title)."""
    if "](" not in text:
        return Counter()
    return Counter((m["image"], m["target"], m["title"] is not None) for m in INLINE_LINK.finditer(text))


def may_hold_markup(text: str) -> bool:
    """False when `text` has no tag, link, emphasis or code span for sure (no "<", "[", "*", "`"...): most messages."""
    return "<" in text or may_hold_markdown(text)


def markup_of(text: str) -> Counter[str]:
    """The tags, reference links, definitions and autolinks of `text`, that the translation must keep."""
    if "<" not in text and "[" not in text:
        return Counter()
    return tags(text) + links(text)


def added_on_purpose(extra: Counter[str]) -> Counter[str]:
    """`extra` without what a translation may add: typographic tag pairs, line breaks."""
    extra = Counter(extra)
    for name in TYPOGRAPHIC:
        pairs = min(extra[f"<{name}>"], extra[f"</{name}>"])
        extra[f"<{name}>"] -= pairs
        extra[f"</{name}>"] -= pairs
    for tag in LINE_BREAKS:
        extra[tag] = 0
    return +extra


def markup(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """HTML tags or Markdown markup (links, images, emphasis, code spans) differ between source and translation.

    A dropped `</strong>` or a lone `**` breaks the page; a changed `href` or `](url)` sends
    readers elsewhere. Tags are compared by name and by every attribute that is not reader text:
    `alt`, `title`, `aria-label`, `placeholder`, `lang`... may be translated, `href`, `src`,
    `class`, `id`, `target` may not. A translation may add balanced typographic tags without
    attributes (`1<sup>er</sup>`, `<em>`) and line breaks. Markdown is read as markdown-it (the
    content pipeline's parser) renders it: the text and title of `[text](url "title")` are free,
    its target is not and its title must stay; `**strong**`, `*emphasis*`, `~~struck~~` and
    `` `code` `` spans must all be there, and a delimiter left without its pair is named
    (`**outils éprouvés*`: an emphasis and a stray `*`), as is what breaks a link (`[Donate](url`
    lacks its `)`). A reference label `[text][label]` and an autolink `<https://...>` are kept as
    written. The order may change with the sentence. Only real HTML element names are tags, so
    `<sourcedir>` in a usage line is text. A URL that is meant to change (a localised
    documentation link) is silenced with `# i18n-check: ignore markup`.
    """
    if entry.fuzzy:
        return
    problems: list[str] = []
    first_bad: str | None = None
    for index, form in enumerate(entry.msgstr):
        source = entry.source_for(index)
        if not form or not (may_hold_markup(source) or may_hold_markup(form)):
            continue
        parts = []
        want, got = markup_of(source), markup_of(form)
        if want != got:
            missing, extra = list((want - got).elements()), list(added_on_purpose(got - want).elements())
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"extra {', '.join(extra)}"] if extra else [])
        parts += compare(source, form, inline_links)
        if not parts:
            continue
        where = f"msgstr[{index}]" if entry.plural else "msgstr"
        problems.append(f"{where}: {'; '.join(parts)}")
        first_bad = form if first_bad is None else first_bad
    if problems:
        yield ctx.finding(MARKUP, entry, f"markup differs: {' | '.join(problems)}", msgstr=first_bad)


MARKUP = Rule("markup", WARNING, markup, family="format",
              example_fail=('Read the <a href="/report">annual report</a>.', 'Lisez le <a href="/rapport">rapport annuel</a>.'),
              example_pass=('Read the [annual report](https://example.org/report).', 'Lisez le [rapport annuel](https://example.org/report).'))
RULES = (MARKUP,)
