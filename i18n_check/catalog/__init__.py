"""Catalogs: the model of a PO/POT file (model.py), the msgfmt-faithful reader (read.py), the
msgcat-identical writer (write.py, with writable.py: what a file can hold so that it reads back),
the header's Plural-Forms as gettext evaluates it (plural_forms.py), and which files are catalogs
(files.py). As Babel keeps `catalog` apart from `pofile`: the model knows no syntax.

The writer is imported from `catalog.write` by the commands that write (it loads a line-breaking
library that checking never needs).
"""

from .files import CATALOG_SUFFIXES, find_catalogs
from .model import Catalog, Entry, language_from_path, parse_header
from .read import load_catalog, read_po_text

__all__ = ["CATALOG_SUFFIXES", "Catalog", "Entry", "find_catalogs", "language_from_path", "load_catalog", "parse_header",
           "read_po_text"]
