"""Reporters: one module per format, each a pure `render(report) -> str`."""

from __future__ import annotations

from importlib import import_module

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
