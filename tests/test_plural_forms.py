"""The Plural-Forms header read and evaluated as GNU gettext does, judged against real msgfmt --check.

Each header of the table goes into a catalog holding one translated message, then one
translated plural message; msgfmt --check's verdict on the header (its message, word for word)
must be ours, and the catalog msgfmt refuses for its plural forms must get a `plural-forms`
finding. The table holds the hostile campaign's headers (division by zero, nplurals out of range
or huge) and a variant of every lexer, grammar and arithmetic corner of plural.y / eval-plural.h.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from i18n_check import check
from i18n_check.catalog.plural_forms import EVAL_MAXDEPTH, MAX_TOKENS, PluralForms, compile_expression
from i18n_check.update import PLURAL_FORMS

HEADERS = [
    # the hostile campaign's
    "nplurals=0; plural=0;", "nplurals=-1; plural=0;", "nplurals=2; plural=n;", "nplurals=1000; plural=n;",
    "nplurals=2; plural=n/0;", "nplurals=2; plural=n%0;", "nplurals=100000000; plural=0;",
    "nplurals=99999999999999999999; plural=0;", "nplurals=99999999999999999999; plural=n;",
    # nplurals: C spaces after '=', digits then junk, no digits, a sign, no '=' right after the name
    "nplurals= 2; plural=(n != 1);", "nplurals=\t3; plural=n%3;", "nplurals=2x; plural=(n != 1);", "nplurals=; plural=0;",
    "nplurals=+2; plural=0;", "nplurals=0002; plural=n>1;", "nplurals = 2; plural = (n != 1);", "nplurals=2; plural = n>1;",
    "nplurals=18446744073709551615; plural=n;", "nplurals=18446744073709551616; plural=n-1;",
    # grammar: what plural.y refuses
    "nplurals=2; plural=;", "nplurals=2; plural=n>1?", "nplurals=2; plural=n ? 1;", "nplurals=2; plural=? 1 : 0;",
    "nplurals=2; plural=n!=1 junk;", "nplurals=2; plural=(n;", "nplurals=2; plural=n);", "nplurals=2; plural=n = 1;",
    "nplurals=2; plural=n & 1;", "nplurals=2; plural=n | 1;", "nplurals=2; plural=-n;", "nplurals=2; plural=+1;",
    "nplurals=2; plural=n 1;", "nplurals=2; plural=n<>1;", "nplurals=2; plural=!=n;", "nplurals=2; plural=n ! = 1;",
    "nplurals=2; plural=0x1;", "nplurals=2; plural=N>1;", "nplurals=2; plural=n>1\r;", "nplurals=2; plural=(n>1)?1:0:1;",
    "nplurals=2; plural=(n ? 1) : 0;", "nplurals=2; plural=n>1 ;; junk", "nplurals=2; plural=()",
    # grammar: what it accepts (precedence, associativity, spacing, the end of the expression)
    "nplurals=2; plural=n>1", "nplurals=2; plural=\tn\t>\t1\t;", "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "nplurals=3; plural=n ? n>1 ? 2 : 1 : 0;", "nplurals=2; plural=!n;", "nplurals=2; plural=!!n;",
    "nplurals=2; plural=!n%2;", "nplurals=3; plural=1+!n*2;", "nplurals=2; plural=n || 0 ? 1 : 0;",
    "nplurals=2; plural=0 ? 1 : n>1 || 0;", "nplurals=2; plural=n%2 == 1 != 0;", "nplurals=2; plural=1 < 2 < 3;",
    "nplurals=3; plural=10-5-3;", "nplurals=3; plural=8/2/2;", "nplurals=2; plural=(((n>1)));",
    "nplurals=2; plural=n>1\n junk after the line break", "nplurals=2; plural=n>1;junk",
    # arithmetic: unsigned long wrap-around, "negative" values, short-cuts around a division by zero
    "nplurals=2; plural=n-1;", "nplurals=2; plural=(n-1)/18446744073709551615;", "nplurals=2; plural=0-1 > 1;",
    "nplurals=2; plural=18446744073709551615+n+2 > 1;", "nplurals=2; plural=18446744073709551616*n;",
    "nplurals=2; plural=99999999999999999999999 > 1;", "nplurals=2; plural=n*9223372036854775808 != 0;",
    "nplurals=2; plural=n*9223372036854775808;", "nplurals=2; plural=n%18446744073709551617;",
    "nplurals=2; plural=(n==0)/(n==0);", "nplurals=2; plural=n==0 || 1/n;", "nplurals=2; plural=n && 1/n;",
    "nplurals=2; plural=n ? 1/n : 0;", "nplurals=2; plural=n>500 ? n/0 : 1;", "nplurals=2; plural=n>500 ? n : 1;",
    "nplurals=2; plural=n>1000 ? n/0 : 1;", "nplurals=2; plural=n%(n-1000) > 5;",
    # the distribution msgfmt keeps: nplurals above 100 is "nonsense" to it, but accepted
    "nplurals=101; plural=n%101;", "nplurals=100; plural=n%100;",
    # the plural= msgfmt finds: the first one in the whole header
    "nplurals=2; plural=(n != 1);\nX-Note: plural=n/0;", "X-Note: plural=n/0;\nPlural-Forms: nplurals=2; plural=(n != 1);",
    # real headers: every one update writes
    *sorted(set(PLURAL_FORMS.values())),
]

# msgfmt's words for a header it refuses (msgl-check.c, check_plural and check_plural_eval).
HEADER_ERRORS = re.compile(r"^[^:\n]+:\d+: (invalid nplurals value|invalid plural expression|plural expression can produce .*"
                           r"|nplurals = \d+ but plural expression can produce values as large as \d+)$", re.M)


def catalog_text(header: str, plural: bool) -> str:
    lines = "".join(f'"{line}\\n"\n' for line in ["Content-Type: text/plain; charset=UTF-8", "Language: fr", *header.split("\n")])
    text = f'msgid ""\nmsgstr ""\n{lines}\nmsgid "Report"\nmsgstr "Signaler"\n'
    if plural:
        text += '\nmsgid "%d report"\nmsgid_plural "%d reports"\nmsgstr[0] "%d signalement"\nmsgstr[1] "%d signalements"\n'
    return text.replace("\t", "\\t").replace("\r", "\\r")


def msgfmt(path) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True,
                          env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"}, timeout=60)


@pytest.mark.parametrize("header", HEADERS, ids=[h.replace("\n", "|")[:70] for h in HEADERS])
def test_header_verdict_is_msgfmts(header, tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(catalog_text(header, plural=False), encoding="utf-8")
    run = msgfmt(path)
    said = HEADER_ERRORS.findall(run.stderr)
    ours = PluralForms(header + "\n").problem
    assert ours == (said[0] if said else None), run.stderr

    report = check([path], select=["plural-forms"])
    assert bool(report.findings) == bool(said)
    if said:
        (finding,) = report.findings
        assert finding.line == 1 and finding.msgid == "" and finding.message == f"Plural-Forms header: {said[0]}"


@pytest.mark.parametrize("header", HEADERS, ids=[h.replace("\n", "|")[:70] for h in HEADERS])
def test_catalog_msgfmt_refuses_for_its_plural_forms_has_a_finding(header, tmp_path):
    """With a translated plural message of two forms: the header, its absence of attributes and
    the number of forms all count, as msgfmt --check counts them."""
    path = tmp_path / "fr.po"
    path.write_text(catalog_text(header, plural=True), encoding="utf-8")
    run = msgfmt(path)
    refused = run.returncode != 0
    assert not refused or "plural" in run.stderr, run.stderr  # refused for its plural forms, nothing else
    assert bool(check([path], select=["plural-forms"]).findings) == refused, run.stderr


def test_no_header_and_a_plural_message(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text('msgid "%d report"\nmsgid_plural "%d reports"\nmsgstr[0] "a"\nmsgstr[1] "b"\n', encoding="utf-8")
    assert msgfmt(path).returncode != 0
    (finding,) = check([path], select=["plural-forms"]).findings
    assert finding.line == 1 and "lacks a header entry" in finding.message


def test_depth_beyond_100_is_a_stack_overflow_as_in_current_gettext():
    """Current gettext and glibc bound the evaluation at EVAL_MAXDEPTH = 100 (the msgfmt 0.21
    installed here recursed without bound): a deeper path is an error when an evaluation reaches it."""
    assert PluralForms("nplurals=2; plural=" + "!" * (EVAL_MAXDEPTH - 1) + "n;").problem is None
    assert PluralForms("nplurals=2; plural=" + "!" * EVAL_MAXDEPTH + "n;").problem == "plural expression can produce stack overflow"
    deep_unreached = "nplurals=2; plural=n>5000 ? " + "!" * 300 + "n : 1;"
    assert PluralForms(deep_unreached).problem is None
    chain = "nplurals=2; plural=" + "+".join(["0"] * 400) + ";"  # a left-leaning tree 400 deep
    assert PluralForms(chain).problem == "plural expression can produce stack overflow"


def test_parentheses_and_length_never_recurse_nor_hang():
    """5,000 nested parentheses, a megabyte of digits, a 1 MB expression: an answer in well under a second."""
    import time

    started = time.perf_counter()
    assert PluralForms("nplurals=2; plural=" + "(" * 5000 + "n" + ")" * 5000 + ";").problem.startswith("plural expression longer than")
    assert PluralForms("nplurals=2; plural=" + "9" * 1_000_000 + " > 1;").problem is None
    assert PluralForms("nplurals=" + "9" * 1_000_000 + "; plural=0;").nplurals == 2**64 - 1
    assert PluralForms("nplurals=2; plural=" + "n+" * 500_000 + "n;").problem == \
        f"plural expression longer than {MAX_TOKENS} tokens: i18n-check does not evaluate it"
    assert PluralForms("nplurals=2; plural=" + " " * 1_000_000 + "n>1;").problem is None
    assert time.perf_counter() - started < 2


def test_evaluation_is_unsigned_long_arithmetic():
    choose = compile_expression("n - 1")
    assert choose(0) == 2**64 - 1 and choose(5) == 4
    assert compile_expression("18446744073709551615 + n")(2) == 1
    assert compile_expression("184467440737095516150")(0) == (184467440737095516150 % 2**64)
    assert compile_expression("n == 0 ? 0 : n % 10 == 1 && n % 100 != 11 ? 1 : 2")(111) == 2
