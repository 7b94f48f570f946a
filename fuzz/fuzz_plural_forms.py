"""Fuzz the Plural-Forms evaluator: any header gives a verdict, quickly, never an exception.

Invariants on every input (i18n_check.catalog.plural_forms):
- reading the header, parsing and evaluating the expression for n = 0..1000 raises nothing
  (libFuzzer's -timeout catches a hang: nothing may grow with nplurals or nest into recursion);
- a header without a problem has a distribution of nplurals forms (nplurals <= 100), every
  value of n = 0..1000 below nplurals, and `usable_nplurals` agrees;
- the header's problem is one of msgfmt's messages or our bound (MAX_TOKENS).

The input is the header's text after `nplurals=` (the first byte, modulo 8, says how many bytes
of it are the number; the rest, after `; plural=`, is the expression); an input whose first byte
has its top bit set is the whole header as it is, for the search of `nplurals=` / `plural=`.

With FUZZ_MSGFMT=1 each header is also put in a catalog checked by GNU msgfmt --check (~300
inputs/s), and msgfmt's message about the header must be ours, word for word (including the
first too-large value it names, which compares the arithmetic). Not compared: a verdict of
stack overflow (older msgfmt, such as 0.21, had no EVAL_MAXDEPTH and recursed on) and of our MAX_TOKENS
bound (msgfmt evaluates any length).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.catalog.plural_forms import CHECKED_N, DISTRIBUTION_LIMIT, PluralForms, compile_expression

from common import scratch

PATH = scratch("plural.po")
MSGFMT = os.environ.get("FUZZ_MSGFMT") == "1"
HEADER_ERRORS = re.compile(r"^[^:\n]+:\d+: (invalid nplurals value|invalid plural expression|plural expression can produce .*"
                           r"|nplurals = \d+ but plural expression can produce values as large as \d+)$", re.M)
OURS_ONLY = ("plural expression can produce stack overflow", "plural expression longer than")
PROBLEMS = re.compile(r"invalid nplurals value|invalid plural expression|plural expression can produce "
                      r"(division by zero|negative values|stack overflow)|nplurals = \d+ but plural expression can produce "
                      r"values as large as \d+|plural expression longer than \d+ tokens: i18n-check does not evaluate it")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\v": "\\v", "\f": "\\f", "\b": "\\b", "\a": "\\a"}


def header_of(data: bytes) -> str:
    if not data:
        return ""
    # NUL ends a C string and EOT separates msgctxt: no PO string holds either (po-lex.c refuses them).
    text = data[1:].decode("latin-1").replace("\0", "").replace("\x04", "")
    if data[0] & 0x80:
        return text
    count = data[0] % 8
    return f"nplurals={text[:count]}; plural={text[count:]}"


def po_string(text: str) -> str:
    return '"' + "".join(ESCAPES.get(c, c) for c in text) + '"'


def msgfmt_says(header: str) -> str | None:
    PATH.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n{po_string(header)}\n\n'
                    'msgid "Report"\nmsgstr "Signaler"\n', encoding="utf-8")
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(PATH)], capture_output=True,
                         env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    said = HEADER_ERRORS.findall(run.stderr.decode("utf-8", "replace"))
    return said[0] if said else None


def TestOneInput(data: bytes) -> None:
    header = header_of(data)
    forms = PluralForms(header)
    problem = forms.problem
    if problem is not None:
        assert PROBLEMS.fullmatch(problem), problem
        assert forms.often is None and forms.usable_nplurals is None
    elif forms.declared:
        nplurals = forms.nplurals
        if nplurals <= DISTRIBUTION_LIMIT:
            assert forms.often is not None and len(forms.often) == nplurals and forms.usable_nplurals == nplurals
        choose = compile_expression(header[header.find("plural=") + 7:])
        assert all(0 <= choose(n) < nplurals for n in CHECKED_N)
    else:
        assert forms.often == (False, True) and forms.usable_nplurals == 2
    if MSGFMT and not (problem or "").startswith(OURS_ONLY):
        theirs = msgfmt_says(header)
        assert problem == theirs, f"msgfmt says {theirs!r}, we say {problem!r}"


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
