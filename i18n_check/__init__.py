"""i18n-check: keeps a campaign's gettext translations honest.

The library API; the command line (`i18n_check.cli`) is a thin layer over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .catalog import Catalog, Entry, find_catalogs, load_catalog  # noqa: E402
from .check import check, select_rules  # noqa: E402
from .errors import InputError  # noqa: E402
from .findings import Finding, Mention, Report  # noqa: E402


def load_glossary(path):
    """The glossary at `path`, validated and compiled for matching."""
    from .glossary import load_glossary as _load

    return _load(path)


__all__ = [
    "__version__", "Catalog", "Entry", "Finding", "InputError", "Mention", "Report",
    "check", "find_catalogs", "load_catalog", "load_glossary", "select_rules",
]
