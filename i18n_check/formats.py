"""Format directives of python-format, python-brace-format and c-format strings, parsed as GNU gettext parses them.

One parser per language (gettext-tools/src/format-python.c, format-python-brace.c,
format-c-parse.h), each yielding the directives of a string in order with their spans
and parts, and raising FormatError where gettext finds the string invalid.  Two
readers: the placeholder rule compares what the directives ask of the arguments,
and the PO writer keeps every directive on one line, as write-po.c does.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator, NamedTuple


class FormatError(ValueError):
    """Not a valid format string of its kind; the message says why."""


class Directive(NamedTuple):
    """One directive: its span in the string and its parts as written ("" when absent)."""

    start: int
    end: int
    conversion: str          # `s`, `d`, `%`...; a c-format `<PRId64>` macro's name; "" for a brace field
    name: str | None = None  # python `%(name)s`; a brace field (`user.name`, `0`, "" for `{}`); c `%2$s`: "2"
    flags: str = ""
    width: str = ""          # digits, or `*` (c: `*`, `*2$`)
    precision: str | None = None  # None without a `.`
    size: str = ""           # python `hlL`, c `hh`, `l`, `z`...


# --- python-format ------------------------------------------------------------------------------

PYTHON_CONVERSIONS = "diouxXeEfgGcrs%"  # format-python.c: no %F, %a, %b
# What follows `%` or `%(name)`: [flags][width][.precision][hlL], as format-python.c reads them.
PYTHON_SPEC = re.compile(r"([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?([hlL]?)")


def python_directives(text: str) -> Iterator[Directive]:
    """`%[(name)][flags][width][.precision][hlL]conversion`; a string never mixes names and positions."""
    named = unnamed = 0
    i, n = 0, len(text)
    while (i := text.find("%", i)) >= 0:
        start, i = i, i + 1
        name = None
        if i < n and text[i] == "(":  # %(name)s: the name may itself hold balanced parentheses
            j = text.find(")", i + 1)
            if j >= 0 and "(" in text[i + 1:j]:  # rare: count the depth
                depth, j = 0, i + 1
                while j < n and not (text[j] == ")" and depth == 0):
                    depth += {"(": 1, ")": -1}.get(text[j], 0)
                    j += 1
            if j < 0 or j >= n:
                raise FormatError(f"unterminated placeholder at {text[start:start + 12]!r}")
            name, i = text[i + 1:j], j + 1
        spec = PYTHON_SPEC.match(text, i)
        flags, width, precision, size = spec.groups()
        i = spec.end()
        if i >= n:
            raise FormatError(f"unterminated placeholder at {text[start:]!r}")
        conversion = text[i]
        i += 1
        if conversion not in PYTHON_CONVERSIONS:
            raise FormatError(f"unknown conversion {conversion!r} in {text[start:i]!r}")
        unnamed += (width == "*") + (precision == "*")  # a `*` takes a positional argument
        if name is not None:
            named += 1
        elif conversion != "%":
            unnamed += 1
        if named and unnamed:
            raise FormatError("mixes named and positional placeholders")
        yield Directive(start, i, conversion, name, flags, width, precision, size)


# --- python-brace-format ------------------------------------------------------------------------

BRACE_NAME = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)\])*")
# The standard format specifier (the only kind gettext can check): [[fill]align][sign][#][0][width][.precision][type]
BRACE_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?#?0?\d*(?:\.\d+)?[bcdoxXneEfFgG%]?", re.S)


def brace_directives(text: str) -> Iterator[Directive]:
    """`{name}`, `{0}`, `{}`, `{name:spec}`, `{name:{width}}` (nested fields come first); `{{` is a literal brace.

    Field names are ASCII, as gettext reads them; automatic `{}` fields (recent gettext)
    and numbered ones are never mixed, as Python refuses.
    """
    kinds: set[str] = set()

    def field(i: int, nested: bool) -> Iterator[Directive]:
        """The field opening at text[i] == "{" (its nested field first); the last directive's end is past it."""
        match = BRACE_NAME.match(text, i + 1)
        name = match.group() if match else ""
        kind = "automatic" if not name else "numbered" if name[0].isdigit() else "named"
        if kind != "named":
            kinds.add(kind)
            if len(kinds) > 1:
                raise FormatError("mixes numbered {0} and automatic {} fields")
        end = i + 1 + len(name)
        inner = None
        if text[end:end + 1] == ":":
            if nested:
                raise FormatError(f"nested too deep at {text[i:i + 12]!r}")
            if text[end + 1:end + 2] == "{":  # `{value:{width}}`: the width is an argument too
                *before, inner = field(end + 1, nested=True)
                yield from before
                yield inner
                end = inner.end
            else:
                end = BRACE_SPEC.match(text, end + 1).end()
        if text[end:end + 1] != "}":
            raise FormatError(f"unterminated field at {text[i:i + 12]!r}")
        yield Directive(i, end + 1, "", name)

    i = 0
    while (i := text.find("{", i)) >= 0:
        if text.startswith("{{", i):
            i += 2
            continue
        for directive in field(i, nested=False):
            yield directive
        i = directive.end


# --- c-format -----------------------------------------------------------------------------------

C_DIRECTIVE = re.compile(
    r"%(?:(?P<pos>\d+)\$)?(?P<flags>[-+ #0'I]*)"
    r"(?P<width>\*(?:\d+\$)?|\d+)?(?:\.(?P<prec>\*(?:\d+\$)?|\d*))?"
    r"(?:(?P<size>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv>[diouxXeEfFgGaAcCsSpnm%])"
    r"|<(?P<macro>PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)?)>)"
)


def argument_number(digits: str) -> int:
    """The argument a `%N$` or `*N$` names; more than 18 digits read as 10**18, beyond any argument
    list (int() refuses 4,300 digits, and the number only ever meets the count of directives)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else 10 ** 18


def c_directives(text: str) -> Iterator[Directive]:
    """printf() directives: `%[n$][flags][width][.precision][size]conversion` or `%<PRId64>`; numbered
    (`%2$s`) and unnumbered directives are never mixed, and arguments are numbered from 1."""
    numbered = unnumbered = False
    i = 0
    while (i := text.find("%", i)) >= 0:
        match = C_DIRECTIVE.match(text, i)
        if not match:
            raise FormatError(f"invalid directive at {text[i:i + 8]!r}")
        pos, width, precision, conversion = match["pos"], match["width"] or "", match["prec"], match["conv"] or match["macro"]
        if conversion not in ("%", "m"):  # `%%` and glibc's `%m` take no argument
            stars = [spec for spec in (width, precision) if spec and spec.startswith("*")]  # `*`, `*2$`
            if any(not number.strip("0") for number in [pos or "1"] + [spec[1:-1] for spec in stars if spec.endswith("$")]):
                raise FormatError(f"argument number 0 in {match.group()!r}")
            numbered |= pos is not None or any("$" in spec for spec in stars)
            unnumbered |= pos is None or any("$" not in spec for spec in stars)
            if numbered and unnumbered:
                raise FormatError("mixes numbered (%1$s) and unnumbered (%s) directives")
        i = match.end()
        yield Directive(match.start(), i, conversion, pos, match["flags"], width, precision, match["size"] or "")


PARSERS: dict[str, Callable[[str], Iterator[Directive]]] = {
    "python": python_directives,
    "python-brace": brace_directives,
    "c": c_directives,
}


def directive_spans(text: str, language: str) -> list[tuple[int, int]]:
    """The (start, end) of the directives gettext marks in `text` ([] for a language without a parser).

    gettext stops at the first invalid directive and keeps the marks made before it;
    gettext 0.21 (which msgcat is here) stops at an automatic `{}` field too.
    """
    parser = PARSERS.get(language)
    spans: list[tuple[int, int]] = []
    if parser is None:
        return spans
    try:
        for directive in parser(text):
            if language == "python-brace" and directive.name == "":
                break
            spans.append((directive.start, directive.end))
    except FormatError:
        pass
    return spans
