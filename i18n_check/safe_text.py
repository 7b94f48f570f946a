"""Making hostile or multi-line text safe and short for terminals and logs."""

from __future__ import annotations

import re

# C0/C1 control characters (ESC starts ANSI sequences) and bidi overrides that could
# rewrite what a terminal shows; tabs and newlines are shown escaped too.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    ch = match.group(0)
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def inert(text: str) -> str:
    """`text` with every control character shown as an escape: nothing a terminal would act on."""
    return CONTROL.sub(_escape, text)


def excerpt(text: str, width: int = 72) -> str:
    """One line of at most `width` characters, control characters escaped."""
    text = inert(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# Characters JSON leaves raw (it escapes C0 only) that a terminal or viewer would still act on.
JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_inert(serialized: str) -> str:
    """Serialized JSON with DEL, C1 controls and bidi overrides written as \\u escapes.

    They can only stand inside JSON strings, so the data read back is unchanged.
    """
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", serialized)
