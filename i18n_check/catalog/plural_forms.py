"""The Plural-Forms header as GNU gettext reads it: `nplurals`, the plural expression, and what
`msgfmt --check` says of them.

Our own, not `gettext.c2py`: CPython's translation evaluates with unbounded signed integers
(`n-1` is -1 at n=0, where C's unsigned long gives 2**64-1, which msgfmt calls negative), raises
ZeroDivisionError on `n/0`, recurses as deep as the text nests, and accepts a different grammar.
Here, each step follows gettext's source:

- where the values are found: `c_strstr(header, "plural=")` and `"nplurals="` anywhere in the
  header msgstr, the number read as `strtoul` does (saturating at ULONG_MAX), after C spaces
  (msgl-check.c, check_plural; libintl's plural-exp.c reads them the same way at run time);
- the grammar and the lexer of plural.y: C's operators without unary minus or bitwise ones,
  decimal numbers wrapping modulo 2**64, only spaces and tabs between tokens, `;` or a line
  break ending the expression;
- the evaluation of eval-plural.h: unsigned long arithmetic modulo 2**64, `||`/`&&` short-cut,
  division or remainder by zero is an error, and so is a recursion deeper than EVAL_MAXDEPTH
  (100, as current gettext and glibc bound it; older msgfmt, such as 0.21, recursed without bound);
- check_plural_eval: every n from 0 to 1000, the first failing n named with msgfmt's message,
  and the distribution of forms ("often": chosen at least 5 times) when nplurals is at most 100
  (above, msgfmt calls the number nonsense and keeps no distribution).

Nothing here costs more than the header's length and 1001 evaluations of at most MAX_TOKENS
tokens: the parser keeps its own stacks (no Python recursion however deep the parentheses), an
evaluation never goes deeper than 100 calls, and nplurals is a number, never a size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterator

ULONG_MAX = (1 << 64) - 1          # unsigned long on the LP64 systems msgfmt runs on
LONG_MIN_BIT = 1 << 63             # `(long) val < 0`: the value msgfmt calls negative
EVAL_MAXDEPTH = 100                # eval-plural.h
CHECKED_N = range(1001)            # msgl-check.c, check_plural_eval: n = 0..1000
OFTEN = 5                          # a form chosen this often serves "infinitely many" n
DISTRIBUTION_LIMIT = 100           # above this nplurals msgfmt keeps no distribution
MAX_TOKENS = 1000                  # our bound: the longest real expression (Arabic) has ~70 tokens

C_SPACES = " \t\n\v\f\r"

# plural.y's yylex, one token per match: spaces and tabs skipped; `;`, a line break or the end
# (or C's end of string, NUL) stop the expression; any other character is a syntax error (the `(.)` group).
TOKEN = re.compile(r"[ \t]*(?:([0-9]+)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()n])|([;\n\x00]|\Z)|(.))", re.S)

BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
          "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}   # plural.y's %left lines, lowest first

Node = tuple  # ("n",) | ("num", value) | ("!", x) | (binary op, left, right) | ("?:", test, then, else)


class PluralSyntaxError(ValueError):
    """The expression is not one plural.y accepts (or is longer than MAX_TOKENS)."""


class TooLong(PluralSyntaxError):
    """The expression has more than MAX_TOKENS tokens: not evaluated (msgfmt would)."""


class EvalError(Exception):
    """An evaluation failed as eval-plural.h fails: the message msgfmt --check prints."""


def tokens(text: str) -> Iterator[tuple[str, object]]:
    """(kind, value) pairs as plural.y's lexer gives them, up to the end of the expression."""
    position = 0
    for count in range(MAX_TOKENS + 1):
        match = TOKEN.match(text, position)
        number, operator, end, bad = match.groups()
        if end is not None:
            yield "end", None
            return
        if bad is not None:
            raise PluralSyntaxError(f"unexpected {bad!r}")
        position = match.end()
        if number is not None:
            # C's `n = n * 10 + digit` in unsigned long: only the last 64 digits count (10**64 is 0 modulo 2**64).
            yield "num", int(number[-64:]) & ULONG_MAX
        elif operator == "n":
            yield "n", None
        else:
            yield operator, None
    raise TooLong(f"more than {MAX_TOKENS} tokens")


def parse_expression(text: str) -> Node:
    """The expression at the start of `text` as a tree; PluralSyntaxError when plural.y refuses it.

    Operator precedence with explicit stacks, the same language as plural.y's LALR grammar: C's
    precedence and left associativity, `!` binding tightest, `?:` loosest and to the right.
    """
    operands: list[Node] = []
    pending: list[str] = []        # operators, "(", "?" (awaiting its ":") and "?:" (awaiting its else)

    def reduce_while(stop: Callable[[str], bool]) -> None:
        while pending and not stop(pending[-1]):
            op = pending.pop()
            if op == "!":
                operands.append(("!", operands.pop()))
            elif op == "?:":
                otherwise, then, test = operands.pop(), operands.pop(), operands.pop()
                operands.append(("?:", test, then, otherwise))
            else:
                right, left = operands.pop(), operands.pop()
                operands.append((op, left, right))

    expect_operand = True
    for kind, value in tokens(text):
        if expect_operand:
            if kind == "n":
                operands.append(("n",))
            elif kind == "num":
                operands.append(("num", value))
            elif kind in ("!", "("):
                pending.append(kind)
                continue
            else:
                raise PluralSyntaxError("an operand expected" if kind != "end" else "the expression ends too soon")
            expect_operand = False
        elif kind in BINARY:
            rank = BINARY[kind]
            reduce_while(lambda op: op in ("(", "?", "?:") or (op != "!" and BINARY[op] < rank))
            pending.append(kind)
            expect_operand = True
        elif kind == "?":
            reduce_while(lambda op: op in ("(", "?", "?:"))
            pending.append("?")
            expect_operand = True
        elif kind == ":":
            reduce_while(lambda op: op in ("(", "?"))
            if not pending or pending[-1] != "?":
                raise PluralSyntaxError("':' without '?'")
            pending[-1] = "?:"
            expect_operand = True
        elif kind == ")":
            reduce_while(lambda op: op in ("(", "?"))
            if not pending or pending[-1] != "(":
                raise PluralSyntaxError("unbalanced ')'")
            pending.pop()
        elif kind == "end":
            break
        else:
            raise PluralSyntaxError("an operator expected")
    reduce_while(lambda op: op in ("(", "?"))
    if pending:
        raise PluralSyntaxError("unclosed '('" if pending[-1] == "(" else "'?' without ':'")
    return operands[0]


def _overflow(n: int) -> int:
    raise EvalError("plural expression can produce stack overflow")


def _compile(node: Node, depth: int = 1) -> Callable[[int], int]:
    """`node` as a function of n computing what eval-plural.h computes (EvalError where it fails).

    A node deeper than EVAL_MAXDEPTH becomes the stack-overflow error it is in gettext, raised
    only when an evaluation reaches it; so compiling and evaluating recurse at most 101 deep.
    """
    if depth > EVAL_MAXDEPTH:
        return _overflow
    kind = node[0]
    if kind == "n":
        return lambda n: n
    if kind == "num":
        value = node[1]
        return lambda n: value
    args = [_compile(child, depth + 1) for child in node[1:]]
    if kind == "!":
        (a,) = args
        return lambda n: 0 if a(n) else 1
    if kind == "?:":
        test, then, otherwise = args
        return lambda n: then(n) if test(n) else otherwise(n)
    a, b = args
    if kind in ("/", "%"):
        divide = kind == "/"

        def quotient(n: int) -> int:
            left, right = a(n), b(n)
            if not right:
                raise EvalError("plural expression can produce division by zero")
            return left // right if divide else left % right
        return quotient
    return {
        "||": lambda n: 1 if a(n) or b(n) else 0,
        "&&": lambda n: 1 if a(n) and b(n) else 0,
        "+": lambda n: (a(n) + b(n)) & ULONG_MAX,
        "-": lambda n: (a(n) - b(n)) & ULONG_MAX,
        "*": lambda n: (a(n) * b(n)) & ULONG_MAX,
        "==": lambda n: 1 if a(n) == b(n) else 0,
        "!=": lambda n: 1 if a(n) != b(n) else 0,
        "<": lambda n: 1 if a(n) < b(n) else 0,
        ">": lambda n: 1 if a(n) > b(n) else 0,
        "<=": lambda n: 1 if a(n) <= b(n) else 0,
        ">=": lambda n: 1 if a(n) >= b(n) else 0,
    }[kind]


def compile_expression(text: str) -> Callable[[int], int]:
    """The plural expression `text` as a function n -> form index, evaluated as gettext evaluates it.

    PluralSyntaxError when plural.y refuses `text`; the function raises EvalError where gettext's
    evaluation fails (division by zero, depth beyond 100). Values are unsigned longs (0..2**64-1).
    """
    return _compile(parse_expression(text))


def read_ulong(text: str) -> int | None:
    """`strtoul(text)` when `text` starts with a digit (msgfmt checks that first), else None."""
    digits = re.match(r"[0-9]+", text)
    if digits is None:
        return None
    value = digits.group().lstrip("0")
    return ULONG_MAX if len(value) > 20 else min(int(value or "0"), ULONG_MAX)


@dataclass(frozen=True)
class PluralForms:
    """What a catalog's header says of plural forms, read as msgfmt --check reads it.

    `declared`: the header has both `nplurals=` and `plural=` (otherwise gettext uses the
    Germanic rule, n != 1, and msgfmt --check refuses the catalog only if it has plural
    translations). `problem` is msgfmt's error about the header itself, None when it accepts it.
    """

    header: str | None              # the header entry's msgstr; None without a header entry

    @cached_property
    def _found(self) -> tuple[int, int]:
        text = self.header or ""
        return text.find("nplurals="), text.find("plural=")

    @property
    def declared(self) -> bool:
        return -1 not in self._found

    @cached_property
    def nplurals(self) -> int | None:
        """The number after `nplurals=`, None when there is none or it is not a number."""
        where = self._found[0]
        return None if where < 0 else read_ulong(self.header[where + 9:].lstrip(C_SPACES))

    @cached_property
    def _checked(self) -> tuple[str | None, tuple[bool, ...] | None]:
        """(msgfmt's error about the header, or None; the distribution of forms, or None)."""
        if not self.declared:
            return None, (False, True)  # the Germanic rule: form 0 for n=1 only
        if self.nplurals is None:
            return "invalid nplurals value", None
        try:
            choose = compile_expression(self.header[self._found[1] + 7:])
        except TooLong:
            return f"plural expression longer than {MAX_TOKENS} tokens: i18n-check does not evaluate it", None
        except PluralSyntaxError:
            return "invalid plural expression", None
        nplurals = self.nplurals
        counts = [0] * nplurals if nplurals <= DISTRIBUTION_LIMIT else None
        for n in CHECKED_N:
            try:
                value = choose(n)
            except EvalError as error:
                return str(error), None
            if value >= LONG_MIN_BIT:
                return "plural expression can produce negative values", None
            if value >= nplurals:
                return f"nplurals = {nplurals} but plural expression can produce values as large as {value}", None
            if counts is not None:
                counts[value] += 1
        return None, None if counts is None else tuple(count >= OFTEN for count in counts)

    @property
    def problem(self) -> str | None:
        """msgfmt --check's error about the header's nplurals and plural expression, None when none."""
        return self._checked[0]

    @property
    def often(self) -> tuple[bool, ...] | None:
        """For each form, whether the expression chooses it for many n (msgfmt's distribution);
        None when the header has a problem or nplurals is above 100."""
        return self._checked[1]

    @property
    def usable_nplurals(self) -> int | None:
        """How many forms a plural translation has: the header's nplurals when msgfmt accepts the
        header and it is at most 100, 2 (gettext's default) when the header declares none; else None."""
        if not self.declared:
            return 2
        if self.problem is not None or self.nplurals > DISTRIBUTION_LIMIT:
            return None
        return self.nplurals
