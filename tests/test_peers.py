"""Our PO reader against GNU msgfmt --check on every PO input of the peers' test suites.

tests/peers/cases/ holds what the test suites of GNU gettext, CPython's msgfmt.py,
polib, Babel and translate-toolkit feed their parsers (gathered by tests/peers/gather.py;
provenance and licences in tests/peers/README.md). For each one, msgfmt --check is the
judge: the reader must refuse exactly the files msgfmt refuses as malformed input, and
name the line msgfmt names first.

msgfmt --check also fails a file for what is, to i18n-check, a finding and not an input
error (CONTRACT §4: placeholder, plural-forms; header fields; leading/trailing newline
mismatches). Those messages are sorted out by pattern below; a message that fits neither
list fails the test, so a new kind of msgfmt error is never silently taken for a finding.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from i18n_check.errors import InputError
from i18n_check.catalog.read import read_po

CASES = Path(__file__).resolve().parent / "peers" / "cases"
FILES = sorted(p for p in CASES.rglob("*") if p.suffix in (".po", ".pot"))

# file:line[:column]: message  (msgfmt's located diagnostics)
LOCATED = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?:\d+:)? (?P<msg>.*)$", re.M)

# Malformed input: po-lex.c / po-gram-gen.y / read-catalog.c / msgl-charset errors.
INPUT_ERRORS = re.compile("|".join((
    r"syntax error",
    r"end-of-line within string",
    r"end-of-file within string",
    r"keyword \".*\" unknown",
    r"duplicate message definition",
    r"missing '.*' section",
    r"invalid control sequence",
    r"invalid multibyte sequence",
    r"incomplete multibyte sequence",
    r"plural form has wrong index",
    r"first plural form has nonzero index",
    r"inconsistent use of #~",
    r"too many errors, aborting",
)))

# What --check adds on well-formed input: findings for i18n-check, not input errors.
CHECKS = re.compile("|".join((
    r"warning: ",
    r"\.\.\.this is the location of the first definition",  # second line of a duplicate
    r"number of format specifications in '.*' and '.*' does not match",
    r"format specification.* for argument",
    r"is not a valid .* format string",
    r"'msgid' and 'msgstr(\[\d+\])?' entries do not both (begin|end) with '\\n'",
    r"'msgid_plural' and 'msgstr\[\d+\]' entries do not both (begin|end) with '\\n'",
    r"message catalog has plural form translations",
    r"\.\.\.but header entry lacks a \"plural=EXPRESSION\" attribute",
    r"\.\.\.but header entry lacks a \"nplurals=INTEGER\" attribute",
    r"plural expression can produce",
    r"nplurals = \d+",
    r"header field '.*' missing in header",
    r"header field '.*' still has the initial default value",
)))


def msgfmt_verdict(path: Path, tmp_path: Path) -> tuple[int | None, list[str]]:
    """(line of msgfmt's first input error or None, the messages no pattern explains).

    msgfmt runs in an empty folder without -o, as the gettext tests do: a file with
    `domain` directives writes one .mo per domain, so the same msgid in two domains is
    not a duplicate.
    """
    shutil.copy(path, tmp_path / "input.po")
    run = subprocess.run(["msgfmt", "--check", "input.po"], cwd=tmp_path, capture_output=True,
                         env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    stderr = run.stderr.decode("latin-1")
    first, unexplained = None, []
    for match in LOCATED.finditer(stderr):
        message = match["msg"]
        if INPUT_ERRORS.search(message):
            first = first or int(match["line"])
        elif not CHECKS.search(message):
            unexplained.append(match.group(0))
    if run.returncode != 0 and first is None and not LOCATED.search(stderr):
        # Unlocated fatal errors: only the header checks ("PO file header missing") may be one.
        # Indented lines continue the message above them.
        fatal = [l for l in stderr.splitlines()
                 if l[:1].strip() and "warning: " not in l and not re.match(r"msgfmt: found \d+ fatal error", l)]
        unexplained.extend(fatal)
    return first, unexplained


def our_verdict(path: Path) -> int | None:
    """The line our reader names when it refuses the file, None when it reads it."""
    try:
        read_po(path)
    except InputError as error:
        return error.line if error.line is not None else 0
    return None


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CASES)) for p in FILES])
def test_reader_agrees_with_msgfmt(path, tmp_path):
    expected, unexplained = msgfmt_verdict(path, tmp_path)
    assert not unexplained, f"msgfmt said something neither list classifies: {unexplained}"
    got = our_verdict(path)
    if expected is None:
        assert got is None, f"msgfmt accepts {path.name}; we refuse it at line {got}"
    else:
        assert got is not None, f"msgfmt refuses {path.name} at line {expected}; we accept it"
        assert got == expected, f"msgfmt names line {expected}; we name line {got}"


def test_every_peer_contributes():
    """The corpus holds each peer's inputs, with accepted and refused files among them."""
    peers = {p.relative_to(CASES).parts[0] for p in FILES}
    assert peers == {"gettext", "cpython", "polib", "babel", "translate-toolkit"}
    assert len(FILES) > 200
