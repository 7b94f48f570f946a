"""The glossary to and from TBX and CSV (CONTRACT §2 `glossary import|export`): which format a
file is, and reading it as glossary data. The formats: tbx_format.py, csv_format.py; the data:
interchange.py."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, read_input
from .load import MAX_BYTES
from .csv_format import export_csv, import_csv
from .interchange import render_yaml, to_data
from .tbx_format import export_tbx, import_tbx


def import_glossary(path: Path, fmt: str | None = None, source: str | None = None) -> tuple[dict, list[tuple[int, str]]]:
    """Glossary data read from a TBX or CSV file (the format from `fmt` or the file name), and
    warnings as (line, message)."""
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "tbx")
    data = read_input(path, "glossary file", limit=MAX_BYTES)  # a device is refused, a FIFO read no further than a glossary
    hint = ("; save it as “CSV UTF-8” (Excel) or with the UTF-8 character set (LibreOffice)" if fmt == "csv"
            else "; TBX is UTF-8 XML")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, 1, f"UTF-16, not UTF-8{hint}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, line, f"not UTF-8 (byte 0x{data[exc.start]:02x}){hint}") from None
    return import_csv(path, text, source) if fmt == "csv" else import_tbx(path, text, source)


__all__ = ["import_glossary", "export_csv", "export_tbx", "import_csv", "import_tbx", "render_yaml", "to_data"]
