"""The glossary to and from CSV, one row per term (CONTRACT §2 `glossary import|export`).

Columns: concept, concept_note, dnt, language, status, term, case_sensitive, exact, term_note.
A term row's status is preferred, admitted or forbidden, in a target language or in the source
language (version 2: the source terms and the rejected source wording); `source` is read as the
source language's preferred (the rows of version 1). Rows without a concept describe the glossary:
status `source-language` and `target-language` (the declared languages, in order) and `citation`
(the term column holds the title, CONTRACT §3 `citations`). Export then import gives the same glossary.

What spreadsheets do to CSV is expected: `;` or tab as the delimiter (French and German locales),
CR-only or CRLF line ends, a byte order mark. Cells starting with `=`, `+`, `-`, `@`, a tab or a CR
are written behind a `'` (OWASP, CSV injection: a spreadsheet would run them as formulas), which
import takes off again; a malformed file (an unbalanced quote, a cell too long) is an error at the
line of the row where it starts, never read on silently.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from .interchange import DataBuilder, term_value
from .model import ADMITTED, FORBIDDEN, PREFERRED, STATUSES, Glossary

COLUMNS = ("concept", "concept_note", "dnt", "language", "status", "term", "case_sensitive", "exact", "term_note")
REQUIRED = ("concept", "language", "status", "term")
DELIMITERS = (",", ";", "\t", "|")
SOURCE_LANGUAGE, TARGET_LANGUAGE, CITATION, SOURCE = "source-language", "target-language", "citation", "source"
ONE_LINE = ("concept", "language", "status", "dnt", "case_sensitive", "exact")  # a line break there: a lost quote
# OWASP "CSV Injection": what a spreadsheet takes for a formula at the start of a cell; and the
# escape itself, so that a cell that starts with it is told apart.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralise(cell: str) -> str:
    """`cell` as written: behind a `'` when a spreadsheet would read it as a formula, or when it
    starts with the escape before such a character (so that `unneutralise` gives it back)."""
    if cell.startswith(FORMULA_STARTS) or (cell.startswith(ESCAPE) and cell[1:].startswith((*FORMULA_STARTS, ESCAPE))):
        return ESCAPE + cell
    return cell


def unneutralise(cell: str) -> str:
    """`cell` as meant: the `'` before a formula character (ours, or a spreadsheet user's) taken off."""
    if cell.startswith(ESCAPE) and cell[1:].startswith((*FORMULA_STARTS, ESCAPE)):
        return cell[1:]
    return cell


def export_csv(glossary: Glossary) -> str:
    """The glossary rows, then one row per term: concept, its note and dnt flag, language, status, term and options."""
    out = io.StringIO()
    # CRLF, as RFC 4180 and spreadsheets write: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = [("", "", "", glossary.source, SOURCE_LANGUAGE, "", "", "", "")]
    rows += [("", "", "", lang, TARGET_LANGUAGE, "", "", "", "") for lang in glossary.languages]
    rows += [("", "", "", lang, CITATION, c.text, "", "", "") for lang, cs in glossary.citations.items() for c in cs]
    for c in glossary.concepts:
        terms = [(glossary.source, status, t) for status, t in c.source_terms.by_status()]
        terms += [(lang, status, t) for lang in glossary.languages for status, t in c.terms(lang).by_status()]
        for lang, status, t in terms or [("", "", None)]:
            rows.append((c.id, c.note or "", "true" if c.dnt else "", lang, status, t.text if t else "",
                         "true" if t and t.case_sensitive else "", "true" if t and t.exact else "", (t.note or "") if t else ""))
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


def flag(value: str, path: Path, line: int, column: str) -> bool:
    value = value.strip().lower()
    if value in ("", "false", "no", "0"):
        return False
    if value in ("true", "yes", "1", "x"):
        return True
    raise InputError(path, line, f"column '{column}' must be true or false, not {value!r}")


def sniff_delimiter(path: Path, text: str) -> str:
    """The delimiter that makes the header name the required columns (spreadsheets write `;` or tab in some locales)."""
    header = text.splitlines()[0] if text else ""
    found = {}
    for delimiter in DELIMITERS:
        names = [n.strip().lower() for n in next(csv.reader([header], delimiter=delimiter), [])]
        found[delimiter] = [column for column in REQUIRED if column in names]
        if len(found[delimiter]) == len(REQUIRED):
            return delimiter
    best = max(DELIMITERS, key=lambda d: len(found[d]))  # the one the header seems to use
    missing = [c for c in REQUIRED if c not in found[best]]
    raise InputError(path, 1, f"missing column(s) {', '.join(missing)}; the header must name at least "
                              f"{', '.join(REQUIRED)} (separated by ',', ';' or tabs)")


def read_rows(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    """(line where the row starts, {column: cell}) for every row after the header; a malformed
    file is an InputError at the line of the row where the trouble starts."""
    delimiter = sniff_delimiter(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [n.strip().lower() for n in next(reader)]
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            reason = str(exc)
            if "field larger than field limit" in reason:
                raise InputError(path, start, f"a cell of the row starting here is longer than {csv.field_size_limit():,} characters; "
                                              "an unbalanced '\"' (the cell running on over the lines after it)?") from None
            if "unexpected end of data" in reason:
                raise InputError(path, start, "the quoted cell opened in the row starting here is never closed: "
                                              "an unbalanced '\"' (write \"\" for a quote inside a quoted cell)") from None
            raise InputError(path, start, f"malformed CSV: {reason} (an unbalanced '\"'?)") from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise InputError(path, start, f"the row has {len(cells)} cells, the header {len(header)}; "
                                          "a delimiter inside a cell that is not quoted, or an unbalanced '\"'?")
        row = {name: unneutralise(cell) for name, cell in zip(header, cells)}
        for name in ONE_LINE:
            if "\n" in row.get(name, "") or "\r" in row.get(name, ""):
                raise InputError(path, start, f"the '{name}' cell of the row starting here holds a line break: "
                                              "an unbalanced '\"' that ran on into the lines after it?")
        term = row.get("term", "")
        if any(delimiter in rest for rest in term.splitlines()[1:]):
            raise InputError(path, start, "the 'term' cell of the row starting here runs on over lines that look like rows: "
                                          "an unbalanced '\"'?")
        rows.append((start, row))


def import_csv(path: Path, text: str, source: str | None = None) -> tuple[dict, list[tuple[int, str]]]:
    """Glossary data from a CSV with the columns export_csv writes (extra columns are ignored),
    and warnings as (line, message)."""
    rows = read_rows(path, text)
    warnings: list[tuple[int, str]] = []
    languages: list[str] = []
    declared_source = None
    for line, row in rows:
        status = row.get("status", "").strip().lower()
        if not row.get("concept", "").strip() and status in (SOURCE_LANGUAGE, TARGET_LANGUAGE):
            lang = row.get("language", "").strip()
            if status == SOURCE_LANGUAGE:
                declared_source = declared_source or lang
            elif lang not in languages:
                languages.append(lang)
    # The source language: --source, else the file's own statement, else that of its `source` rows.
    source_lang = source or declared_source or next(
        (row.get("language", "").strip() for _, row in rows if row.get("status", "").strip().lower() == SOURCE), None) or "en"

    built = DataBuilder()
    note_lines: dict[str, int] = {}
    for line, row in rows:
        concept_id = row.get("concept", "").strip()
        lang, status = row.get("language", "").strip(), row.get("status", "").strip().lower()
        text_ = row.get("term", "").strip()
        if not concept_id:
            if status == CITATION:
                if text_:
                    built.add_citation(lang, text_)
                continue
            if status in (SOURCE_LANGUAGE, TARGET_LANGUAGE):
                continue
            raise InputError(path, line, "empty 'concept' column")
        item = built.concept(concept_id)
        note = row.get("concept_note", "").strip()
        if note:
            if "note" not in item:
                item["note"], note_lines[concept_id] = note, line
            elif note != item["note"]:
                warnings.append((line, f"concept {concept_id}: this row's concept_note differs from the one on line "
                                       f"{note_lines[concept_id]}, which is kept; give every row of a concept the same note"))
        if flag(row.get("dnt", ""), path, line, "dnt"):
            item["dnt"] = True
        if not text_:
            continue
        term = term_value(text_, flag(row.get("case_sensitive", ""), path, line, "case_sensitive"),
                          flag(row.get("exact", ""), path, line, "exact"), row.get("term_note", "").strip() or None)
        if status == SOURCE:
            if lang != source_lang:
                raise InputError(path, line, f"source term in language '{lang}' but the source language is '{source_lang}'")
            status = PREFERRED
        if status not in STATUSES:
            raise InputError(path, line, f"unknown status {status!r}; use {PREFERRED}, {ADMITTED} or {FORBIDDEN} "
                                         f"(in any language, the source's included), or source")
        if not lang:
            raise InputError(path, line, "empty 'language' column")
        built.add_term(concept_id, lang, status, term)
    return built.data(source_lang, languages), warnings
