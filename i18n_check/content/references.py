"""Numeric character references as HTML5 decodes them, so that no HTML parser we use meets one it cannot.

html.parser and translate-toolkit decode `&#...;` with chr() and int(): a number beyond U+10FFFF,
a surrogate (which UTF-8 cannot encode) or a 5,000-digit number raise. HTML5 ("numeric character
reference end state", which browsers and html.unescape follow) decodes each of them: `decodable`
rewrites them as the reference of what HTML5 decodes them to, so every page reads as a browser
shows it.
"""

from __future__ import annotations

import re

# A numeric character reference (`&#233;`, `&#xE9;`, `;` optional), and what holds none: comments and
# the raw text of <script> and <style>, where html.parser decodes nothing. Unclosed, each runs to
# the end of the text (as in HTML5), so that no start is scanned to the end twice.
NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+))(;?)")
RAW_TEXT = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*(?:>.*?(?:</\1\s*>|\Z)|\Z)", re.S | re.I)


def _html5_reference(match: re.Match) -> str:
    """The reference as HTML5 decodes it ("numeric character reference end state"): 0, a surrogate
    or a number beyond U+10FFFF is U+FFFD, 0x80-0x9F the windows-1252 character; written back as
    a reference html.parser and translate-toolkit can decode (they raise on the others: chr() out
    of range, a surrogate that UTF-8 cannot encode, more digits than int() reads)."""
    hex_digits, decimal, _ = match.groups()
    digits = (hex_digits or decimal).lstrip("0") or "0"
    written = None if len(digits) > 7 else int(digits, 16 if hex_digits else 10)  # 7 digits hold every code point
    value = 0xFFFD if written is None else written
    if value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        value = 0xFFFD
    elif 0x80 <= value <= 0x9F:
        try:
            value = ord(bytes([value]).decode("cp1252"))
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: HTML5 keeps them
            pass
    unchanged = value == written and len(hex_digits or decimal) <= 8  # no run of leading zeros for int() to choke on
    return match.group(0) if unchanged else f"&#x{value:X};"


def decodable(text: str) -> str:
    """`text` with every numeric character reference a browser would replace written as what it
    decodes to (U+FFFD for `&#0;`, `&#xD800;`, `&#x110000;`, `&#99999999999;`), outside comments,
    scripts and styles; everything else as it was."""
    if "&#" not in text:
        return text
    out, last = [], 0
    for raw in RAW_TEXT.finditer(text):
        out.append(NUMERIC_REFERENCE.sub(_html5_reference, text[last:raw.start()]))
        out.append(raw.group(0))
        last = raw.end()
    out.append(NUMERIC_REFERENCE.sub(_html5_reference, text[last:]))
    return "".join(out)
