"""Fuzz the PO reader: any bytes give a Catalog or a located InputError, nothing else.

The reader decodes and parses a piece at a time (catalog.read.PIECE bytes): each input is also read
in small pieces (1 to 64 bytes, chosen by the input) and as one whole text, and all three must
give the same catalog or the same error.

With FUZZ_MSGFMT=1 each input is also run through GNU msgfmt (slow: ~200 inputs/s) and a
disagreement on accept/reject or on the line named counts as a crash.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.catalog import read as po_reader
    from i18n_check.catalog.read import read_po

from common import InputError, line_count, scratch

PATH = scratch("catalog.po")
CRASHES = Path(__file__).resolve().parent / "crashes"
MSGFMT = os.environ.get("FUZZ_MSGFMT") == "1"
# FUZZ_COLLECT=1: each disagreement with msgfmt is saved as fuzz/crashes/po-msgfmt-diff-*, the run goes on
# (to survey the classes when several are open; libFuzzer's -fork mode does not work with atheris).
COLLECT = os.environ.get("FUZZ_COLLECT") == "1"
CHARSETS = re.compile(rb"charset=([^\\\s\"]*)")  # what a (lower-cased) input declares


def msgfmt_line(data: bytes) -> int | None | bool:
    """The line of msgfmt's first input error, None when it accepts, False when it cannot judge."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
    from test_peers import CHECKS, INPUT_ERRORS, LOCATED

    run = subprocess.run(["msgfmt", "-o", "/dev/null", str(PATH)], capture_output=True, env={"LC_ALL": "C"})
    stderr = run.stderr.decode("latin-1")
    for match in LOCATED.finditer(stderr):
        if INPUT_ERRORS.search(match["msg"]):
            return int(match["line"])
        if not CHECKS.search(match["msg"]):
            return False
    return None if run.returncode == 0 else False


def outcome():
    try:
        return read_po(PATH)
    except InputError as error:
        return ("InputError", str(error))


def keep_open(data: bytes) -> None:
    """An input of an open find's class: kept in fuzz/crashes/ for a look, the run goes on."""
    (CRASHES / f"po-open-{hashlib.sha1(data).hexdigest()}").write_bytes(data)


def same_in_pieces(data: bytes, expected) -> None:
    """Small pieces, then the whole text, read as the default pieces did."""
    default, read_pieces = po_reader.PIECE, po_reader._Reader.read_pieces
    try:
        po_reader.PIECE = 1 + (data[-1] if data else 0) % 64
        small = outcome()
        po_reader.PIECE = default
        po_reader._Reader.read_pieces = lambda self, data: None
        whole = outcome()
    finally:
        po_reader.PIECE, po_reader._Reader.read_pieces = default, read_pieces
    assert small == expected, f"pieces of {1 + (data[-1] if data else 0) % 64} bytes differ"
    assert whole == expected, "the whole text differs"


def TestOneInput(data: bytes) -> None:
    PATH.write_bytes(data)
    if not MSGFMT:
        same_in_pieces(data, outcome())
    undecodable = False
    try:
        catalog = read_po(PATH)
        ours = None
    except InputError as error:
        # msgfmt names the line after an unterminated string, so one past the last line is fair.
        assert error.line is None or 1 <= error.line <= line_count(data) + 1, error.line
        undecodable = "invalid multibyte sequence" in error.reason
        if "conflict marker" in error.reason:
            return  # named before anything msgfmt says of the lines around it: a deliberate difference
        ours = error.line
    else:
        lines = line_count(data)
        for entry in catalog.entries + catalog.obsolete:
            assert 1 <= entry.line <= lines, (entry.line, lines)
            assert isinstance(entry.msgid, str) and all(isinstance(s, str) for s in entry.msgstr)
            assert entry.msgstr, "an entry always has at least one msgstr"
    if MSGFMT and b"\0" not in data and set(CHARSETS.findall(data.lower())) <= {b"utf-8"} and data.count(b"domain") < 2:
        # NUL bytes and other charsets are deliberate differences (see tests/hostile/cases.yaml);
        # msgfmt -o merges domains into one file, where a message of two domains is a duplicate.
        theirs = msgfmt_line(data)
        if theirs is not False and ours != theirs and undecodable:
            keep_open(data)  # open (fuzz/open/catalog-bad-byte-in-header.po)
        elif theirs is not False and ours != theirs and (b"\\\n" in data or b"\\\r" in data):
            keep_open(data)  # open (fuzz/open/catalog-backslash-newline-*): lines joined by a backslash
        elif theirs is not False and ours is not None and theirs == ours - 1 and not data.endswith(b"\n"):
            keep_open(data)  # open (fuzz/open/catalog-error-at-eof-without-newline.po): one line too far
        elif theirs is not False and b"charset=" in data and not re.search(rb"content-type:[^\n\\]*charset=", data.lower()):
            keep_open(data)  # open (fuzz/open/catalog-bad-byte-after-comment-mark-in-entry.po)
        elif theirs is not False and ours is not None and theirs == ours + 1:
            keep_open(data)  # open (fuzz/open/catalog-plural-index-then-open-string.po): msgfmt's lexer first
        elif theirs is not False and COLLECT and ours != theirs:
            (CRASHES / f"po-msgfmt-diff-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
        elif theirs is not False:
            assert ours == theirs, f"msgfmt says {theirs}, we say {ours}"


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
