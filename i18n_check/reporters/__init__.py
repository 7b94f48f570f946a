"""Reporters: one module per format, each a pure `render(report) -> str`.

A format whose report grows with the findings (json, text, github) also has `chunks(report)`,
the same text piece by piece, so that a big report is written out without ever being one string.
"""

from __future__ import annotations

from importlib import import_module
from typing import Iterator

# format name -> module; the CLI's --format choices are these keys.
FORMATS = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
}


def render(report, fmt: str, **options) -> str:
    """The report in format `fmt` (a key of FORMATS)."""
    module = import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(report, **options)


def render_chunks(report, fmt: str, **options) -> Iterator[str]:
    """The report in format `fmt`, as pieces whose concatenation is `render(report, fmt)`."""
    module = import_module(f"{__name__}.{FORMATS[fmt]}")
    if hasattr(module, "chunks"):
        yield from module.chunks(report, **options)
    else:
        yield module.render(report, **options)
