"""What a translation may not bring onto a published page: a link that runs code or smuggles in a
document (`javascript:`, `vbscript:`, `data:` URLs) and event-handler attributes, however written.

A translator's text is published into the campaign's pages; a changed link target is only a
`markup` warning at check time, so publish itself refuses, whatever --force says, a translation
holding such a link or handler that its source does not hold (an editor's own page is the
editor's). The scheme is read as a browser reads it (WHATWG URL parsing): character references
decoded (`&#106;avascript:`, `javascript&colon;`), leading and trailing controls and spaces
stripped, tabs and line breaks removed anywhere (`java\tscript:`), case folded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .references import decodable

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Attributes whose value a browser follows or loads as a URL (HTML 4 and 5, SVG's xlink:href).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "background", "cite", "data", "longdesc",
                            "manifest", "codebase", "archive", "lowsrc", "dynsrc", "usemap", "icon", "xlink:href"})
URL_LIST_ATTRIBUTES = frozenset({"srcset", "ping", "imagesrcset"})
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
TABS_AND_BREAKS = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(map(chr, range(0x21)))


def scheme_of(url: str) -> str | None:
    """The scheme a browser reads in `url` (lower case), or None for a relative URL."""
    match = SCHEME.match(TABS_AND_BREAKS.sub("", url.strip(C0_AND_SPACE)))
    return match.group(1).lower() if match else None


def unsafe_url(url: str) -> str | None:
    """`url`'s scheme when it is one that runs code or carries a document, else None."""
    scheme = scheme_of(url)
    return scheme if scheme in UNSAFE_SCHEMES else None


class _Attributes(HTMLParser):
    """Collects what makes an HTML fragment unsafe: (attribute, scheme or value) pairs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc":  # an event handler, an inline document: code either way
                self.found.add((name, value))
            elif name in URL_ATTRIBUTES:
                scheme = unsafe_url(value)
                if scheme:
                    self.found.add((name, f"{scheme}:"))
            elif name in URL_LIST_ATTRIBUTES:
                for candidate in value.split(","):
                    scheme = unsafe_url(candidate.strip().split(" ")[0] if candidate.strip() else "")
                    if scheme:
                        self.found.add((name, f"{scheme}:"))

    handle_startendtag = handle_starttag


def html_hazards(fragment: str) -> set[tuple[str, str]]:
    """The unsafe links and handlers of an HTML fragment: (attribute, `scheme:`) or (handler, its code)."""
    if "=" not in fragment:
        return set()
    parser = _Attributes()
    parser.feed(decodable(fragment))
    parser.close()
    return parser.found


def describe(hazards: set[tuple[str, str]]) -> str:
    """The hazards in a few words, for a publish refusal (the handlers' code is not echoed)."""
    parts = sorted(f"a {value} URL in {name}" if value.endswith(":") and not name.startswith("on") and name != "srcdoc"
                   else f"the attribute {name}" for name, value in hazards)
    return "it brings " + ", ".join(dict.fromkeys(parts)) + " that the source does not have"
