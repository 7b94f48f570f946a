"""i18n-check: keeps a campaign's gettext translations honest.

The library API; the command line (`i18n_check.cli`) is a thin layer over it.
"""

from __future__ import annotations

from .catalog import Catalog, Entry, find_catalogs, load_catalog
from .check import check
from .errors import InputError
from .findings import Finding, Mention
from .glossary import load_glossary
from .report import Report
from .rules.select import select_rules
from .version import __version__

__all__ = [
    "__version__", "Catalog", "Entry", "Finding", "InputError", "Mention", "Report",
    "check", "find_catalogs", "load_catalog", "load_glossary", "select_rules",
]
