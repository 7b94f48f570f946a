"""glossary.yaml -> Glossary, validated (CONTRACT §3); every error names file:line:column.

The YAML is composed into nodes (libyaml's C parser when available) and walked by hand, so
every value keeps its position, duplicate keys are caught, and only plain data is accepted:
no tags, and no anchors or aliases (`&a`/`*a`), which is also what makes an alias bomb
harmless: the walk refuses the first node it meets twice instead of expanding it.

The concepts are composed and validated one at a time (nodes.NodeStream), so loading a
100,000-concept glossary needs little more memory than the Glossary itself; the whole node
tree, which took ten times that, is composed only for the rare text holding an alias. Either
way the result and the first error reported are the same (`stream_glossary` says why).
"""

from __future__ import annotations

import gc
import re
import unicodedata
from difflib import get_close_matches
from pathlib import Path
from typing import Iterable

import yaml
from yaml.events import MappingStartEvent, SequenceStartEvent
from yaml.nodes import ScalarNode

from ..errors import CONFLICT_MARKER, InputError, decode_utf8, read_input
from ..languages import is_language_code
from .model import ALLOWED, FORBIDDEN, STATUSES, Citation, Concept, Glossary, LanguageTerms, Term
from .nodes import BOOL, FLOAT, INT, LIBYAML, MAP, NULL, SEQ, STR, NeedsTree, NodeStream, compose, yaml_errors
from .text import fold

MARKER_RUNS = ("<" * 7, "=" * 7, ">" * 7, "|" * 7)
KEY_TAGS = frozenset((STR, INT, BOOL, NULL, FLOAT))
PLAIN_TAGS = KEY_TAGS | {SEQ, MAP}
MAX_BYTES = 50_000_000  # far above any real glossary; refuse before parsing rather than after
# A term is a word or a phrase (the campaign's longest: 78 characters, 9 words); a citation a title
# (an EU regulation's full title: some 400 characters, 60 words). Far longer ones are pasted text,
# and matching grows with them (an 18 MB term ran past 300 s, a 40 MB one took 6 GB): refused at load.
MAX_TERM = (300, 40)         # characters, words
MAX_CITATION = (2_000, 300)

TOP_KEYS = ("version", "source", "languages", "concepts", "citations")
VERSIONS = {"1": 1, "2": 2}
LATEST = 2
CONCEPT_KEYS = ("id", "note", "dnt")
TERM_KEYS = ("term", "case_sensitive", "exact", "note")
CONCEPT_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

TERM_SHAPE = "a term is a string or a mapping {term: ..., case_sensitive: true, exact: true, note: ...}"


class Walker:
    """Reads the node tree of one file, raising located InputErrors."""

    def __init__(self, path: Path, whole_tree: bool = True):
        self.path = path
        # In a whole tree a node met twice came through an alias. A streamed walk meets no
        # alias (NodeStream stops at the first) and drops its nodes, whose ids get reused.
        self.seen: set[int] | None = set() if whole_tree else None

    def error(self, node: yaml.Node | None, reason: str) -> InputError:
        if node is None:
            return InputError(self.path, None, reason)
        return InputError(self.path, node.start_mark.line + 1, reason, node.start_mark.column + 1)

    def visit(self, node: yaml.Node) -> yaml.Node:
        """`node`, once: a node met twice came from an alias, which a glossary never needs."""
        if self.seen is not None:
            if id(node) in self.seen:
                raise self.error(node, "anchors and aliases (&name, *name) are not allowed in a glossary; write the value out")
            self.seen.add(id(node))
        if node.tag in PLAIN_TAGS:
            return node
        raise self.error(node, f"YAML tag {node.tag!r} is not allowed in a glossary; remove it")

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(key, key node, value node) of a mapping, refusing non-string and duplicate keys."""
        self.visit(node)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping (key: value lines)")
        items, first = [], {}
        for key_node, value in node.value:
            self.visit(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in KEY_TAGS:
                raise self.error(key_node, f"a key of {what} must be a plain word")
            key = key_node.value
            if key in first:
                raise self.error(key_node, f"duplicate key '{key}' (first at line {first[key].start_mark.line + 1}); merge the two")
            first[key] = key_node
            items.append((key, key_node, value))
        return items

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list, e.g. [a, b] or lines starting with '- '")
        return node.value

    def string(self, node: yaml.Node, what: str) -> str:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            kind = {BOOL: "a boolean", INT: "a number", FLOAT: "a number", NULL: "empty"}.get(node.tag, "not a string")
            hint = f"; quote it: '{node.value}'" if isinstance(node, yaml.ScalarNode) and node.value else ""
            raise self.error(node, f"{what} must be a string, but this is read as {kind}{hint}")
        return node.value

    def boolean(self, node: yaml.Node, what: str) -> bool:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL:
            raise self.error(node, f"{what} must be true or false")
        return node.value.lower() in ("true", "yes", "on", "y")

    def unknown(self, key_node: yaml.Node, key: str, known: list[str], where: str) -> InputError:
        close = get_close_matches(str(key), known, 1, 0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(known)}"
        return self.error(key_node, f"unknown key '{key}' in {where}{hint}")


def read_text(path: Path) -> str:
    """The file's text; missing files, non-UTF-8 bytes and tab indentation are input errors."""
    data = read_input(path, "glossary", missing="glossary file not found", limit=MAX_BYTES)
    text = decode_utf8(path, data, "save the glossary as UTF-8")
    del data
    if "\t" not in text and not any(run in text for run in MARKER_RUNS):
        return text  # nothing to look for line by line (a list of a million lines takes time and memory)
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            raise InputError(path, number, "tab used for indentation; YAML indents with spaces only", line.index("\t") + 1)
        if CONFLICT_MARKER.match(line):  # else YAML reports a puzzling error on the line after
            raise InputError(path, number, "git merge conflict marker: resolve the conflict first")
    return text


def load_glossary(path: str | Path) -> Glossary:
    """The glossary at `path`, validated; InputError (exit 2) on anything CONTRACT §3 forbids."""
    path = Path(path)
    return parse_glossary(read_text(path), path)


def parse_glossary(text: str, path: str | Path = "<glossary>") -> Glossary:
    """The glossary in YAML `text`, validated; errors name `path`."""
    path = Path(path)
    # Hundreds of thousands of small objects: the cyclic GC would rescan them over and over
    # while they are built, for nothing (they hold no cycles). It is back on when we return.
    enabled = gc.isenabled()
    gc.disable()
    try:
        if LIBYAML:
            try:
                with yaml_errors(path, text):
                    return stream_glossary(path, NodeStream(text))
            except NeedsTree:
                pass
        return build_glossary(path, compose(path, text))
    finally:
        if enabled:
            gc.enable()


def build_glossary(path: Path, root: yaml.Node | None) -> Glossary:
    """The Glossary a composed node tree describes; located InputErrors for anything else."""
    walker = Walker(path)
    if root is None:
        raise InputError(path, None, f"the glossary is empty; it needs at least 'version: {LATEST}'")
    top = read_top(walker, root)
    header = read_header(walker, top)
    citations = read_citations(walker, top, header)
    concepts = read_concepts(walker, concept_nodes(walker, top), header)
    return make_glossary(path, header, concepts, citations)


def make_glossary(path: Path, header: tuple[int, str, list[str]], concepts: dict[str, Concept], citations: dict) -> Glossary:
    _version, source, languages = header
    return Glossary(tuple(concepts.values()), source=source, languages=tuple(languages), path=path.as_posix(), citations=citations)


def stream_glossary(path: Path, stream: NodeStream) -> Glossary:
    """The Glossary of a YAML text, its concepts composed and validated one at a time.

    The first error must be the one `build_glossary` finds in the whole tree, where any YAML
    error comes first, then the top-level keys and 'version', 'source', 'languages', then
    'citations', then the concepts in order. So the concepts are validated as they come, against
    the 'version', 'source' and 'languages' written before them, but their first error is raised
    only once the whole text is read and its top level found valid; and if those keys follow the
    concepts and say otherwise, NeedsTree sends the text to the whole-tree walk.
    """
    event = stream.start()
    if not isinstance(event, MappingStartEvent):  # not a glossary: the whole tree tells why
        root = stream.node(event) if event else None
        if root is not None:
            stream.end(root)
        return build_glossary(path, root)
    walker = Walker(path, whole_tree=False)
    root, streamed = stream.open(event), None
    events = stream.items(root)
    for event in events:
        key, event = stream.node(event), next(events)
        if streamed is None and isinstance(key, ScalarNode) and key.value == "concepts" and isinstance(event, SequenceStartEvent):
            value = stream.open(event)  # left empty: its items are read here, one at a time
            streamed = stream_concepts(walker, stream, value, root.value)
        else:
            value = stream.node(event)
        root.value.append((key, value))
    stream.end(root)

    top = read_top(walker, root)
    header = read_header(walker, top)
    citations = read_citations(walker, top, header)
    nodes = concept_nodes(walker, top)
    if streamed is None:
        concepts = read_concepts(walker, nodes, header)
    else:
        read_with, concepts, error = streamed
        if read_with != header:
            raise NeedsTree
        if error:
            raise error
    return make_glossary(path, header, concepts, citations)


def stream_concepts(walker: Walker, stream: NodeStream, node: yaml.Node, before: list) -> tuple:
    """(header used, concepts by id, first error) for the items of `node`, a sequence just
    opened, validated against the top-level pairs `before` it. The error is returned, not raised
    (one further on may come first); the concepts after it are only composed."""
    try:
        read_with = read_header(walker, {key.value: (key, value) for key, value in before if isinstance(key, ScalarNode)})
    except InputError:
        read_with = None  # the top level is invalid, or its version comes later: the whole tree will tell
    nodes = (stream.node(event) for event in stream.items(node))
    concepts, error = {}, None
    try:
        if read_with:
            concepts = read_concepts(walker, nodes, read_with)
    except InputError as exc:
        error = exc
    for _ in nodes:
        pass
    return read_with, concepts, error


def read_top(walker: Walker, root: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The top-level (key node, value node) pairs by key, 'version' among them (read_header reads it)."""
    top = {key: (key_node, value) for key, key_node, value in walker.mapping(root, "the glossary")}
    for key, (key_node, _) in top.items():
        if key not in TOP_KEYS:
            raise walker.unknown(key_node, key, list(TOP_KEYS), "the glossary")
    if "version" not in top:
        raise walker.error(root, f"missing 'version'; start the glossary with 'version: {LATEST}'")
    return top


def read_version(walker: Walker, top: dict) -> int:
    """The glossary's format version (1 or 2)."""
    if "version" not in top:
        raise walker.error(None, "missing 'version'")
    node = walker.visit(top["version"][1])
    if not isinstance(node, yaml.ScalarNode) or node.value not in VERSIONS:
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a " + ("list" if isinstance(node, yaml.SequenceNode) else "mapping")
        raise walker.error(node, f"unsupported glossary version {shown!r}; this tool reads versions 1 and 2")
    return VERSIONS[node.value]


def read_header(walker: Walker, top: dict) -> tuple[int, str, list[str]]:
    """(version, source language, target languages): what every concept is read against."""
    version = read_version(walker, top)
    return (version, *read_languages(walker, top))


def needs_version_2(walker: Walker, node: yaml.Node, what: str) -> InputError:
    return walker.error(node, f"{what} needs glossary version 2; write 'version: 2' at the top (version 1 files mean the same there)")


def read_languages(walker: Walker, top: dict) -> tuple[str, list[str]]:
    """The source language ('en' when not given) and the target languages."""
    source = "en"
    if "source" in top:
        source = walker.string(top["source"][1], "'source'")
        if not is_language_code(source):
            raise walker.error(top["source"][1], f"'source' must be a language code like en, not {source!r}")
    languages: list[str] = []
    if "languages" in top:
        for node in walker.sequence(top["languages"][1], "'languages'"):
            lang = walker.string(node, "a language")
            if not is_language_code(lang):
                raise walker.error(node, f"{lang!r} is not a language code like fr or de")
            if lang in languages:
                raise walker.error(node, f"language '{lang}' is listed twice")
            if lang == source:
                raise walker.error(node, f"'{lang}' is the source language; list only target languages")
            languages.append(lang)
    return source, languages


def read_citations(walker: Walker, top: dict, header: tuple[int, str, list[str]]) -> dict[str, tuple[Citation, ...]]:
    """`citations: {lang: [title, ...]}`: per language (the source or a declared target
    language), official titles and names quoted verbatim; none listed twice."""
    if "citations" not in top:
        return {}
    version, source, languages = header
    key_node, node = top["citations"]
    if version < 2:
        raise needs_version_2(walker, key_node, "'citations'")
    if isinstance(node, ScalarNode) and node.tag == NULL:
        walker.visit(node)
        return {}
    known = [source, *languages]
    citations: dict[str, tuple[Citation, ...]] = {}
    for lang, lang_node, value in walker.mapping(node, "'citations'"):
        if lang not in known:
            declared = ", ".join(known)
            raise walker.error(lang_node, f"citations in language '{lang}', which is neither the source language nor declared in 'languages' (known: {declared})")
        if isinstance(value, ScalarNode) and value.tag == STR:
            items = [value]
        elif isinstance(value, ScalarNode) and value.tag == NULL:
            walker.visit(value)
            items = []
        else:
            items = walker.sequence(value, f"'citations.{lang}'")
        seen: dict[str, int] = {}
        found = []
        for item in items:
            if isinstance(item, (yaml.MappingNode, yaml.SequenceNode)):
                walker.visit(item)
                raise walker.error(item, f"a citation in 'citations.{lang}' must be a string: the title or name as written")
            text = walker.string(item, f"a citation in 'citations.{lang}'").strip()
            if not text:
                raise walker.error(item, f"empty citation in 'citations.{lang}'; remove it")
            check_length(walker, item, text, f"a citation in 'citations.{lang}'", MAX_CITATION)
            key = unicodedata.normalize("NFC", fold(" ".join(text.split())))
            if key in seen:
                raise walker.error(item, f"citation '{text}' is listed twice in 'citations.{lang}' (first at line {seen[key]}); keep one")
            seen[key] = item.start_mark.line + 1
            found.append(Citation(text, item.start_mark.line + 1, item.start_mark.column + 1))
        citations[lang] = tuple(found)
    return citations


def concept_nodes(walker: Walker, top: dict) -> list[yaml.Node]:
    """The items of 'concepts' (none when it is absent or empty)."""
    node = top["concepts"][1] if "concepts" in top else None
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL):
        return []
    return walker.sequence(node, "'concepts'")


def read_concepts(walker: Walker, nodes: Iterable[yaml.Node], header: tuple[int, str, list[str]]) -> dict[str, Concept]:
    """The concepts of `nodes` by id, in order; an id seen twice is an error."""
    concepts: dict[str, Concept] = {}
    for node in nodes:
        concept = read_concept(walker, node, header)
        if concept.id in concepts:
            first = concepts[concept.id].line
            raise walker.error(node, f"duplicate concept id '{concept.id}' (first at line {first}); ids must be unique")
        concepts[concept.id] = concept
    return concepts


def read_concept(walker: Walker, node: yaml.Node, header: tuple[int, str, list[str]]) -> Concept:
    """One concept mapping: id, note, dnt, its terms in the source language, and terms per declared language."""
    version, source, languages = header
    items = walker.mapping(node, "a concept")
    known = [*CONCEPT_KEYS, source, *languages]
    values = {}
    for key, key_node, value in items:
        if key in known:
            values[key] = (key_node, value)
        elif is_language_code(str(key)):
            declared = ", ".join(languages) or "none"
            raise walker.error(key_node, f"language '{key}' is not declared in 'languages' (declared: {declared}); add it there or remove this key")
        else:
            raise walker.unknown(key_node, key, known, "a concept")
    if "id" not in values:
        raise walker.error(node, "concept without 'id'; add e.g. 'id: survivor'")
    id_node = values["id"][1]
    concept_id = walker.string(id_node, "'id'")
    if not CONCEPT_ID.match(concept_id):
        suggestion = re.sub(r"[^a-z0-9-]+", "-", concept_id.lower()).strip("-") or "survivor"
        raise walker.error(id_node, f"concept id {concept_id!r} must be lower-case letters, digits and '-'; write '{suggestion}'")
    note = walker.string(values["note"][1], "'note'") if "note" in values else None
    dnt = walker.boolean(values["dnt"][1], "'dnt'") if "dnt" in values else False
    source_terms = read_source(walker, values[source][1], source, version) if source in values else LanguageTerms()
    if dnt and not source_terms.allowed:
        raise walker.error(values["dnt"][1], f"a do-not-translate concept needs its source terms ({source}: [...])")
    per_language = {}
    for lang in languages:
        if lang in values:
            per_language[lang] = read_language(walker, values[lang][1], lang)
    return Concept(concept_id, source_terms, per_language, note, dnt, node.start_mark.line + 1)


def read_source(walker: Walker, node: yaml.Node, source: str, version: int) -> LanguageTerms:
    """The source language's terms: a list (the source terms, preferred), or in version 2 the
    same mapping as a target language's, whose forbidden terms are the rejected source wording."""
    if isinstance(node, yaml.MappingNode):
        if version < 2:
            raise needs_version_2(walker, node, f"'{source}' as preferred/admitted/forbidden")
        return read_language(walker, node, source)
    return LanguageTerms(preferred=read_terms(walker, node, f"the source terms ({source})"), line=node.start_mark.line + 1)


def read_language(walker: Walker, node: yaml.Node, lang: str) -> LanguageTerms:
    """`fr: {preferred: [...], admitted: [...], forbidden: [...]}`; a plain list means preferred."""
    if isinstance(node, yaml.SequenceNode):
        return LanguageTerms(preferred=read_terms(walker, node, f"'{lang}'"), line=node.start_mark.line + 1)
    by_status: dict[str, tuple[Term, ...]] = {}
    for key, key_node, value in walker.mapping(node, f"'{lang}'"):
        if key not in STATUSES:
            raise walker.unknown(key_node, key, list(STATUSES), f"'{lang}'")
        by_status[key] = read_terms(walker, value, f"'{lang}.{key}'")
    # A term is either acceptable or forbidden in one language, never both (CONTRACT §3).
    seen: dict[str, str] = {}
    for status in (*ALLOWED, FORBIDDEN):
        for term in by_status.get(status, ()):
            key = unicodedata.normalize("NFC", fold(term.text)) if not term.case_sensitive else term.text
            if key in seen:
                other = seen[key]
                what = "both preferred/admitted and forbidden" if FORBIDDEN in (status, other) and status != other else f"listed twice ({other} and {status})"
                raise InputError(walker.path, term.line, f"term '{term.text}' in '{lang}' is {what}; keep it in one list", term.column)
            seen[key] = status
    return LanguageTerms(**by_status, line=node.start_mark.line + 1)


def read_terms(walker: Walker, node: yaml.Node, what: str) -> tuple[Term, ...]:
    """A list of terms; a single string is accepted as a list of one."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR:
        return (read_term(walker, node, what),)
    if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
        walker.visit(node)
        return ()
    return tuple([read_term(walker, item, what) for item in walker.sequence(node, what)])


def read_term(walker: Walker, node: yaml.Node, what: str) -> Term:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode):
        options: dict = {}
        for key, key_node, value in walker.mapping(node, "a term"):
            if key not in TERM_KEYS:
                raise walker.unknown(key_node, key, list(TERM_KEYS), "a term")
            if key in ("term", "note"):
                options[key] = walker.string(value, f"'{key}'")
            else:
                options[key] = walker.boolean(value, f"'{key}'")
        if "term" not in options:
            raise walker.error(node, f"term mapping without 'term'; {TERM_SHAPE}")
        text = options.pop("term")
    elif isinstance(node, yaml.ScalarNode):
        if node.tag != STR:
            walker.string(node, f"a term in {what}")  # raises with the type it was read as
        walker.visit(node)
        text, options = node.value, {}
    else:
        walker.visit(node)
        raise walker.error(node, f"a term in {what} is a list; {TERM_SHAPE}")
    if not text.strip():
        raise walker.error(node, f"empty term in {what}; remove it")
    check_length(walker, node, text.strip(), f"a term in {what}", MAX_TERM)
    return Term(text.strip(), line=line, column=column, **options)


def check_length(walker: Walker, node: yaml.Node, text: str, what: str, limit: tuple[int, int]) -> None:
    """InputError at `node` when `text` is longer than `limit` (characters, words): pasted text, not a term."""
    characters, words = limit
    if len(text) > characters:
        raise walker.error(node, f"{what} is {len(text):,} characters long (at most {characters:,}): "
                                 "a term or title, not a passage; shorten it")
    count = len(text.split())
    if count > words:
        raise walker.error(node, f"{what} has {count:,} words (at most {words}): a term or title, not a passage; shorten it")
