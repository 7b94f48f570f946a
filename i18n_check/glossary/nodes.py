"""YAML text -> located nodes: the whole tree at once, or one node at a time from the event stream.

Both give the nodes libyaml's own composer gives (same tags, marks and errors). The whole
tree of a 100,000-concept glossary holds some 2.5 million node objects (about 850 MB):
`NodeStream` lets the loader compose one concept, validate it and drop it instead.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent, CollectionEndEvent, DocumentStartEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import InputError

STR, INT, BOOL, NULL, FLOAT = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null", "float"))
SEQ, MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class FastResolver(yaml.resolver.BaseResolver):
    """YAML 1.1 implicit types as SafeLoader resolves them, but the regexes run only for the
    plain scalars that could be a number, boolean or null: most glossary scalars are words."""

    FULL = yaml.resolver.Resolver()
    MAYBE_TYPED = frozenset("0123456789-+.~nNtTfFyYoO")

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in self.MAYBE_TYPED):
                return self.FULL.resolve(kind, value, implicit)
            return STR
        return self.FULL.resolve(kind, None, implicit)


MAYBE_TYPED = FastResolver.MAYBE_TYPED | {""}  # value[:1] of a plain scalar that may not be a string


try:  # libyaml's C parser: a 10,000-concept glossary composes in a fraction of a second
    from yaml._yaml import CParser

    class Loader(CParser, yaml.constructor.SafeConstructor, FastResolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            FastResolver.__init__(self)
    LIBYAML = True
except ImportError:  # pure-Python PyYAML: slower, same results
    Loader = yaml.SafeLoader
    LIBYAML = False  # and no NodeStream: PyYAML's own composer words some errors differently


@contextmanager
def yaml_errors(path: Path, text: str) -> Iterator[None]:
    """Turns what libyaml raises while reading `text` into an InputError at its line and column."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise InputError(path, mark.line + 1 if mark else None, f"invalid YAML: {reason}", mark.column + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character such as NUL, never allowed in YAML
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml counts the position in UTF-8 bytes: find the character's first occurrence instead.
        at = text.find(chr(char)) if text.find(chr(char)) >= 0 else exc.position
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise InputError(path, line, f"invalid YAML: control character U+{char:04X} is not allowed; remove it", column) from None
    except yaml.YAMLError as exc:
        raise InputError(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise InputError(path, None, "invalid YAML: nested too deeply for a glossary") from None


def compose(path: Path, text: str) -> yaml.Node | None:
    """The YAML node tree of `text`, or None for an empty file."""
    with yaml_errors(path, text):
        return yaml.compose(text, Loader=Loader)


class NeedsTree(Exception):
    """Only the whole node tree tells which error a walk meets first (an alias may share a node)."""


class NodeStream:
    """The nodes of a one-document YAML text, composed one at a time from libyaml's events.

    Each node is what libyaml's composer would put in the whole tree (tags resolved the same
    way, the same marks), and the composer's errors are raised at the same events: a second
    `&anchor` of one name, a second document. An alias raises NeedsTree instead of being
    followed: a glossary never needs one, and the caller falls back on the whole tree.
    Use inside `yaml_errors`.
    """

    def __init__(self, text: str):
        self.event = Loader(text).get_event  # the next event (called a few million times)
        self.anchors: dict[str, yaml.Mark] = {}

    def start(self) -> yaml.Event | None:
        """The first event of the document's root node, or None for an empty stream."""
        self.event()  # StreamStart
        event = self.event()
        return None if isinstance(event, StreamEndEvent) else self.event()

    def end(self, root: yaml.Node) -> None:
        """Reads the end of the document and of the stream: a second document is an error."""
        self.event()  # DocumentEnd
        event = self.event()
        if isinstance(event, DocumentStartEvent):
            raise ComposerError("expected a single document in the stream", root.start_mark,
                                "but found another document", event.start_mark)

    def open(self, event: yaml.Event) -> yaml.Node:
        """The node an event starts; a collection is returned empty, its items still to read."""
        if event.__class__ is AliasEvent:
            raise NeedsTree
        if event.anchor is not None:
            if event.anchor in self.anchors:
                raise ComposerError("found duplicate anchor; first occurrence", self.anchors[event.anchor],
                                    "second occurrence", event.start_mark)
            self.anchors[event.anchor] = event.start_mark
        tag = event.tag
        if event.__class__ is ScalarEvent:
            if tag is None or tag == "!":
                tag = scalar_tag(event.value, event.implicit)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        kind = SequenceNode if event.__class__ is SequenceStartEvent else MappingNode
        if tag is None or tag == "!":
            tag = SEQ if kind is SequenceNode else MAP
        return kind(tag, [], event.start_mark, None, event.flow_style)

    def node(self, event: yaml.Event) -> yaml.Node:
        """The whole node `event` starts, its items composed with an explicit stack (libyaml
        nests up to 1,000 levels, deeper than Python's recursion limit)."""
        node = self.open(event)
        if node.__class__ is ScalarNode:
            return node
        next_event, open_ = self.event, self.open
        stack, items = [], []  # the collections still open, with their items read so far
        while True:
            item = next_event()
            if item.__class__ is ScalarEvent and item.tag is None and item.anchor is None:  # most items: inlined
                value = item.value
                tag = scalar_tag(value, item.implicit) if value[:1] in MAYBE_TYPED and item.implicit[0] else STR
                items.append(ScalarNode(tag, value, item.start_mark, item.end_mark, item.style))
            elif item.__class__ is SequenceEndEvent or item.__class__ is MappingEndEvent:
                node.end_mark = item.end_mark
                node.value.extend(items if node.__class__ is SequenceNode else zip(items[::2], items[1::2]))
                if not stack:
                    return node
                done = node
                node, items = stack.pop()
                items.append(done)
            else:
                child = open_(item)
                if child.__class__ is ScalarNode:
                    items.append(child)
                else:
                    stack.append((node, items))
                    node, items = child, []

    def items(self, collection: yaml.Node) -> Iterator[yaml.Event]:
        """The first event of each item of the collection just opened; its end mark is set at the end."""
        while not isinstance(event := self.event(), CollectionEndEvent):
            yield event
        collection.end_mark = event.end_mark


def scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag libyaml's composer gives an untagged scalar (FastResolver's, without the call)."""
    if implicit[0] and (not value or value[0] in FastResolver.MAYBE_TYPED):
        return FastResolver.FULL.resolve(ScalarNode, value, implicit)
    return STR
