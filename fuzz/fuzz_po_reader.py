"""Fuzz the PO reader: any bytes give a Catalog or a located InputError, nothing else.

With FUZZ_MSGFMT=1 each input is also run through GNU msgfmt (slow: ~200 inputs/s) and a
disagreement on accept/reject or on the line named counts as a crash.
"""

from __future__ import annotations

import os
import subprocess
import sys

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.po_reader import read_po

from common import InputError, line_count, scratch

PATH = scratch("catalog.po")
MSGFMT = os.environ.get("FUZZ_MSGFMT") == "1"


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


def TestOneInput(data: bytes) -> None:
    PATH.write_bytes(data)
    try:
        catalog = read_po(PATH)
        ours = None
    except InputError as error:
        # msgfmt names the line after an unterminated string, so one past the last line is fair.
        assert error.line is None or 1 <= error.line <= line_count(data) + 1, error.line
        ours = error.line
    else:
        lines = line_count(data)
        for entry in catalog.entries + catalog.obsolete:
            assert 1 <= entry.line <= lines, (entry.line, lines)
            assert isinstance(entry.msgid, str) and all(isinstance(s, str) for s in entry.msgstr)
            assert entry.msgstr, "an entry always has at least one msgstr"
    if MSGFMT and b"\0" not in data and b"charset=" not in data.lower():
        # NUL bytes and exotic charsets are deliberate differences (see tests/hostile/cases.yaml).
        theirs = msgfmt_line(data)
        if theirs is not False:
            assert ours == theirs, f"msgfmt says {theirs}, we say {ours}"


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
