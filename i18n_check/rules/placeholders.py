"""Placeholders: format directives must survive translation, as `msgfmt --check-format` demands.

Three kinds, parsed by `i18n_check.formats` the way GNU gettext parses them:
python-format (`%s`, `%(name)s`, `%%`), python-brace-format (`{name}`, `{0}`, `{}`, `{{`)
and c-format (`%d`, `%1$s`, `%lu`). This module compares what they ask of the arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..catalog import Entry
from ..findings import ERROR, Finding
from ..formats import FormatError, argument_number, brace_directives, c_directives, python_directives
from .base import Context, Rule


@dataclass
class Directives:
    """What a format string asks of its arguments: named ones by name, the others by position."""

    named: dict[str, tuple[str, str]] = field(default_factory=dict)   # name -> (type, as written)
    unnamed: list[tuple[str, str]] = field(default_factory=list)      # (type, as written), in order
    intentional: int = 0  # directives that take an argument and have no space flag: "100% sure" is not one

    def add_named(self, name: str, kind: str, text: str) -> None:
        known = self.named.get(name)
        if known and kind != known[0] and "any" not in (kind, known[0]):
            raise FormatError(f"uses the argument '{name}' in incompatible ways")
        self.named.setdefault(name, (kind, text))


# --- python-format ------------------------------------------------------------------------------

PYTHON_TYPES = {"c": "char", "s": "string", "r": "string", **dict.fromkeys("iduoxX", "integer"), **dict.fromkeys("eEfgG", "float")}


def parse_python(text: str) -> Directives:
    """The directives of a Python %-format string; FormatError when Python (and msgfmt) would reject it."""
    found = Directives()
    for directive in python_directives(text):
        found.unnamed += [("integer", "*")] * ((directive.width == "*") + (directive.precision == "*"))
        written = text[directive.start:directive.end]
        if directive.conversion == "%":
            if directive.name is not None:
                found.add_named(directive.name, "none", written)
            continue
        kind = PYTHON_TYPES[directive.conversion]
        if kind == "string" and directive.precision and not directive.precision.strip("0"):
            kind = "any"  # `%.0s` prints nothing: any argument will do
        if directive.name is not None:
            found.add_named(directive.name, kind, written)
        else:
            found.unnamed.append((kind, written))
        found.intentional += " " not in directive.flags
    return found


# --- python-brace-format ------------------------------------------------------------------------


def parse_brace(text: str) -> Directives:
    """The fields of a str.format() string (`{name}`, `{0}`, `{}`); `{{` and `}}` are literal braces."""
    found = Directives()
    automatic = 0
    for directive in brace_directives(text):
        name = directive.name  # `user.name` as a whole, as msgfmt compares it
        if name:
            written = "{" + name + "}"
        else:
            name, written = str(automatic), "{}"
            automatic += 1
        found.add_named(name, "any", written)
        found.intentional += 1
    return found


# --- c-format -----------------------------------------------------------------------------------

C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned int"), **dict.fromkeys("eEfFgGaA", "double"),
           "c": "char", "C": "wide char", "s": "string", "S": "wide string", "p": "pointer", "n": "count pointer"}


def parse_c(text: str) -> Directives:
    """The arguments of a printf() format string, by position (`%2$s` counts as argument 2)."""
    found = Directives()
    numbered: dict[int, tuple[str, str]] = {}
    sequential: list[tuple[str, str]] = []
    for directive in c_directives(text):
        conversion = directive.conversion
        if conversion in ("%", "m"):
            continue
        written = text[directive.start:directive.end]
        kind = C_TYPES.get(conversion) or ("int" if conversion[3] in "di" else "unsigned int")  # or a <PRId64> macro
        kind = f"{directive.size} {kind}" if directive.size else kind
        args = [(spec, "int") for spec in (directive.width, directive.precision) if spec and spec.startswith("*")]
        args.append((f"*{directive.name}$" if directive.name else "*", kind))
        for spec, arg_kind in args:
            if spec.endswith("$"):
                number = argument_number(spec[1:-1])
                if number in numbered and numbered[number][0] != arg_kind:
                    raise FormatError(f"uses argument {number} in incompatible ways")
                numbered.setdefault(number, (arg_kind, written))
            else:
                sequential.append((arg_kind, written))
        found.intentional += " " not in directive.flags
    if numbered:
        # The first number missing from 1..max: where the sorted numbers first leave their rank
        # (never a walk up to max, which a hostile `%999999999$d` makes a billion).
        missing = next((rank for rank, number in enumerate(sorted(numbered), 1) if number != rank), None)
        if missing is not None:
            raise FormatError(f"refers to argument {max(numbered)} but ignores argument {missing}")
        sequential = [numbered[k] for k in sorted(numbered)]
    found.unnamed = sequential
    return found


PARSERS: dict[str, Callable[[str], Directives]] = {
    "python-format": parse_python,
    "python-brace-format": parse_brace,
    "c-format": parse_c,
}
# --- comparing source and translation ----------------------------------------------------------

# python-format needs as many positional arguments in msgstr as in msgid even when relaxed
# (format-python.c); c-format lets a relaxed form use fewer (format-c.c).
MAY_DROP_POSITIONAL = {"python-format": False, "python-brace-format": False, "c-format": True}


def compatible(want: str, got: str, strict: bool) -> bool:
    return want == got or (not strict and "any" in (want, got))


def differences(kind: str, want: Directives, got: Directives, strict: bool) -> list[str]:
    """What the translation gets wrong, in words naming the placeholders ([] when nothing).

    `strict` is msgfmt's equality check; relaxed (plural forms that serve only some
    numbers, such as French or German msgstr[0]) lets the translation drop arguments.
    """
    if want.named and got.unnamed:
        return [f"positional {', '.join(t for _, t in got.unnamed)} where the source has named {', '.join(t for _, t in want.named.values())}"]
    if want.unnamed and got.named:
        return [f"named {', '.join(t for _, t in got.named.values())} where the source has positional {', '.join(t for _, t in want.unnamed)}"]
    missing: list[str] = []
    extra = [text for name, (_, text) in got.named.items() if name not in want.named]
    changed: list[str] = []
    for name, (want_kind, text) in want.named.items():
        if name not in got.named:
            if strict:
                missing.append(text)
        elif not compatible(want_kind, got.named[name][0], strict):
            changed.append(f"{text} became {got.named[name][1]}")
    a, b = want.unnamed, got.unnamed
    if len(b) < len(a) and (strict or not MAY_DROP_POSITIONAL[kind]):
        missing += [text for _, text in a[len(b):]]
    extra += [text for _, text in b[len(a):]]
    for position, ((want_kind, want_text), (got_kind, got_text)) in enumerate(zip(a, b), 1):
        if not compatible(want_kind, got_kind, strict):
            changed.append(f"argument {position} {want_text} became {got_text}")
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"extra {', '.join(extra)}")
    if changed:
        parts.append(", ".join(changed))
    return parts


# --- which kinds an entry has --------------------------------------------------------------------

def format_kinds(entry: Entry) -> list[str]:
    """The format kinds to check: those the flags declare, else those the source plainly uses.

    Without flags detection is conservative: a source counts as python-format only with a
    directive that takes an argument and has no space flag ("100% sure", "50 % off" do not
    count), as brace-format only when it parses and holds a field, as c-format only when
    Python rejects it and printf accepts it (`%1$s`, `%'d`).
    """
    flags = entry.flags
    declared = [k for k in PARSERS if k in flags or f"possible-{k}" in flags]
    if declared:
        return declared
    if any(f.endswith("-format") and not f.startswith(("no-", "impossible-")) for f in flags):
        return []  # another language's format (javascript-format...): the programmer said what it is
    source = entry.msgid_plural or entry.msgid
    found = []
    for kind in PARSERS:
        if f"no-{kind}" in flags or f"impossible-{kind}" in flags:
            continue
        if kind == "c-format" and "python-format" in found:
            continue
        if kind == "c-format" and "%" in source:
            try:
                parse_python(source)
                continue  # Python accepts it too: python-format already decided
            except FormatError:
                pass
        if ("%" if kind != "python-brace-format" else "{") not in source:
            continue
        try:
            if PARSERS[kind](source).intentional:
                found.append(kind)
        except FormatError:
            pass
    return found


# --- the rule ------------------------------------------------------------------------------------

def may_hold_directives(text: str) -> bool:
    """False when no parser finds a directive in `text`, nor a fault, for sure: no "%" nor "{"."""
    return "%" in text or "{" in text


def placeholder(entry: Entry, ctx: Context) -> Iterator[Finding]:
    """Format placeholders (%s, %(name)s, {name}, %1$d) differ between source and translation.

    The program fills the placeholders at run time: a missing, renamed or extra one
    crashes it or shows the wrong value. The kinds checked are those the entry's flags
    declare (`#, python-format`, `python-brace-format`, `c-format`; `no-python-format`
    turns a kind off); without flags, a source that plainly uses `%s`, `%(name)s` or
    `{name}` is checked as such ("100% sure" is not a placeholder).

    The comparison is that of `msgfmt --check`: named placeholders as sets,
    positional ones by count, order and type; `%%` and `{{` are literal characters. Every
    plural form is compared with msgid_plural; a form that serves only a few numbers (French
    and German msgstr[0]) may drop a named placeholder, and in c-format a trailing one, as
    in "un fichier" for "%d files". Fuzzy and untranslated forms are left to their own rules.
    """
    if entry.fuzzy or not any(entry.msgstr):
        return
    source = entry.msgid_plural if entry.plural else entry.msgid
    if not may_hold_directives(source) and not any(map(may_hold_directives, entry.msgstr)):
        return  # most messages: no directive to compare, whatever the flags declare
    kinds = format_kinds(entry)
    if not kinds:
        return
    source_name = "msgid_plural" if entry.plural else "msgid"
    often = ctx.catalog.often_forms if entry.plural and len(entry.msgstr) > 1 else None
    problems: list[str] = []
    first_bad: str | None = None
    for kind in kinds:
        try:
            want = PARSERS[kind](source)
        except FormatError:
            continue  # msgfmt checks nothing when the source itself is not a valid format string
        for index, form in enumerate(entry.msgstr):
            if not form:
                continue
            where = f"msgstr[{index}]" if entry.plural else "msgstr"
            strict = not entry.plural or len(entry.msgstr) == 1 or (often is not None and index < len(often) and often[index])
            try:
                parts = differences(kind, want, PARSERS[kind](form), strict)
            except FormatError as exc:
                parts = [f"not a valid {kind} string: {exc}"]
            if parts:
                problems.append(f"{where}: {'; '.join(parts)}")
                first_bad = form if first_bad is None else first_bad
    if problems:
        kind_note = f" ({kinds[0]}, compared with {source_name})" if entry.plural else f" ({kinds[0]})"
        yield ctx.finding(PLACEHOLDER, entry, f"placeholders differ{kind_note}: {' | '.join(problems)}", msgstr=first_bad)


PLACEHOLDER = Rule("placeholder", ERROR, placeholder, family="format",
                   example_fail=("#, python-format\n%(count)s survivors reported", "%(nombre)s survivantes signalées"),
                   example_pass=("#, python-format\n%(count)s survivors reported", "%(count)s survivantes signalées"))
RULES = (PLACEHOLDER,)
