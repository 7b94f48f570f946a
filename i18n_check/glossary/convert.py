"""The glossary to and from TBX (v3 `<tbx>` and v2 `<martif>`, TBX-Basic) and CSV (CONTRACT §2).

Statuses map to TBX's administrativeStatus: preferred <-> preferredTerm-admn-sts, admitted
<-> admittedTerm-admn-sts, forbidden <-> deprecatedTerm-admn-sts (supersededTerm-admn-sts is
read as forbidden too). What TBX has no data category for (dnt, case_sensitive, exact) is
written as a `<note>i18n-check: ...</note>` that other tools show as a note and that
import reads back, so export then import gives the same glossary.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from ..errors import InputError
from .model import ADMITTED, FORBIDDEN, PREFERRED, STATUSES, Glossary, Term

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TO_TBX = {PREFERRED: "preferredTerm-admn-sts", ADMITTED: "admittedTerm-admn-sts", FORBIDDEN: "deprecatedTerm-admn-sts"}
FROM_TBX = {
    "preferredterm-admn-sts": PREFERRED, "preferredterm": PREFERRED,
    "admittedterm-admn-sts": ADMITTED, "admittedterm": ADMITTED,
    "deprecatedterm-admn-sts": FORBIDDEN, "deprecatedterm": FORBIDDEN,
    "supersededterm-admn-sts": FORBIDDEN, "supersededterm": FORBIDDEN,
}
MARK = "i18n-check:"
CSV_COLUMNS = ("concept", "concept_note", "dnt", "language", "status", "term", "case_sensitive", "exact", "term_note")


# ---- the glossary as plain data (the YAML's shape) ----

def term_data(term: Term):
    """A term as YAML writes it: a string, or a mapping when it has options."""
    options = {k: True for k in ("case_sensitive", "exact") if getattr(term, k)}
    if term.note:
        options["note"] = term.note
    return {"term": term.text, **options} if options else term.text


def to_data(glossary: Glossary) -> dict:
    """The glossary as the plain data of a glossary.yaml."""
    concepts = []
    for c in glossary.concepts:
        item: dict = {"id": c.id}
        if c.note:
            item["note"] = c.note
        if c.dnt:
            item["dnt"] = True
        if c.source:
            item[glossary.source] = [term_data(t) for t in c.source]
        for lang in glossary.languages:
            terms = c.terms(lang)
            statuses = {s: [term_data(t) for t in getattr(terms, s)] for s in STATUSES if getattr(terms, s)}
            if statuses:
                item[lang] = statuses
        concepts.append(item)
    return {"version": 1, "source": glossary.source, "languages": list(glossary.languages), "concepts": concepts}


def render_yaml(data: dict, origin: str) -> str:
    """glossary.yaml text for `data`, with a comment saying where it came from."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"# Terminology glossary (CONTRACT §3), from {origin} by i18n-check.\n{body}"


# ---- CSV ----

def export_csv(glossary: Glossary) -> str:
    """One row per term: concept, its note and dnt flag, language, status, term and options."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in glossary.concepts:
        rows = [(glossary.source, "source", t) for t in c.source]
        rows += [(lang, status, t) for lang in glossary.languages for status, t in c.terms(lang).by_status()]
        for lang, status, t in rows or [("", "", None)]:
            writer.writerow((
                c.id, c.note or "", "true" if c.dnt else "", lang, status, t.text if t else "",
                "true" if t and t.case_sensitive else "", "true" if t and t.exact else "", (t.note or "") if t else "",
            ))
    return out.getvalue()


def _flag(value: str, path: Path, line: int, column: str) -> bool:
    value = (value or "").strip().lower()
    if value in ("", "false", "no", "0"):
        return False
    if value in ("true", "yes", "1", "x"):
        return True
    raise InputError(path, line, f"column '{column}' must be true or false, not {value!r}")


def import_csv(path: Path, text: str, source: str | None = None) -> dict:
    """Glossary data from a CSV with the columns export_csv writes (extra columns are ignored)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("concept", "language", "status", "term") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, 1, f"missing column(s) {', '.join(missing)}; the header must name at least concept, language, status, term")
    concepts: dict[str, dict] = {}
    languages: list[str] = []
    source_lang = source
    for row in reader:
        line = reader.line_num
        concept_id = (row.get("concept") or "").strip()
        if not concept_id:
            raise InputError(path, line, "empty 'concept' column")
        item = concepts.setdefault(concept_id, {"id": concept_id})
        if (row.get("concept_note") or "").strip() and "note" not in item:
            item["note"] = row["concept_note"].strip()
        if _flag(row.get("dnt", ""), path, line, "dnt"):
            item["dnt"] = True
        lang, status, text_ = (row.get("language") or "").strip(), (row.get("status") or "").strip().lower(), (row.get("term") or "").strip()
        if not text_:
            continue
        term = _term(text_, _flag(row.get("case_sensitive", ""), path, line, "case_sensitive"),
                     _flag(row.get("exact", ""), path, line, "exact"), (row.get("term_note") or "").strip() or None)
        if status == "source":
            if source_lang is None:
                source_lang = lang
            if lang != source_lang:
                raise InputError(path, line, f"source term in language '{lang}' but the source language is '{source_lang}'")
            item.setdefault(lang, []).append(term)
        elif status in STATUSES:
            if lang not in languages:
                languages.append(lang)
            item.setdefault(lang, {}).setdefault(status, []).append(term)
        else:
            raise InputError(path, line, f"unknown status {status!r}; use source, preferred, admitted or forbidden")
    return {"version": 1, "source": source_lang or "en", "languages": languages, "concepts": list(concepts.values())}


def _term(text: str, case_sensitive: bool, exact: bool, note: str | None):
    options = {k: True for k, v in (("case_sensitive", case_sensitive), ("exact", exact)) if v}
    if note:
        options["note"] = note
    return {"term": text, **options} if options else text


# ---- TBX ----

def export_tbx(glossary: Glossary, version: int = 3) -> str:
    """TBX-Basic: version 3 (ISO 30042:2019, `<tbx>`) or version 2 (`<martif>`)."""
    v3 = version == 3
    names = ("conceptEntry", "langSec", "termSec") if v3 else ("termEntry", "langSet", "tig")
    if v3:
        root = ET.Element("tbx", {"xmlns": TBX3_NS, "type": "TBX-Basic", "style": "dca", XML_LANG: glossary.source})
        header = ET.SubElement(root, "tbxHeader")
    else:
        root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: glossary.source})
        header = ET.SubElement(root, "martifHeader")
    source_desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source_desc, "p").text = f"Exported by i18n-check from {glossary.path or 'the glossary'}"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for c in glossary.concepts:
        entry = ET.SubElement(body, names[0], {"id": c.id})
        if c.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = c.note
        if c.dnt:
            ET.SubElement(entry, "note").text = f"{MARK} dnt"
        groups = [(glossary.source, [(None, t) for t in c.source])]
        groups += [(lang, list(c.terms(lang).by_status())) for lang in glossary.languages]
        for lang, terms in groups:
            if not terms:
                continue
            lang_el = ET.SubElement(entry, names[1], {XML_LANG: lang})
            for status, t in terms:
                sec = ET.SubElement(lang_el, names[2])
                ET.SubElement(sec, "term").text = t.text
                if status:
                    ET.SubElement(sec, "termNote", {"type": "administrativeStatus"}).text = TO_TBX[status]
                flags = " ".join(k for k in ("case_sensitive", "exact") if getattr(t, k))
                if flags:
                    ET.SubElement(sec, "note").text = f"{MARK} {flags}"
                if t.note:
                    ET.SubElement(sec, "note").text = t.note
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _concept_id(raw: str | None, fallback: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9-]+", "-", (raw or "").lower()).strip("-") or re.sub(r"[^a-z0-9-]+", "-", fallback.lower()).strip("-") or "concept"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def import_tbx(path: Path, text: str, source: str | None = None) -> dict:
    """Glossary data from TBX v2 (`martif`: termEntry/langSet/tig|ntig) or v3 (`tbx`: conceptEntry/langSec/termSec).

    Languages are reduced to their base code (fr-FR -> fr), which is how catalogs are matched.
    """
    if re.search(r"<!ENTITY", text[:100_000], re.IGNORECASE):
        raise InputError(path, None, "TBX with entity declarations (<!ENTITY>) is refused: entities can expand without bound")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(path, line, f"invalid XML: {exc.msg if hasattr(exc, 'msg') else exc}", column + 1) from None
    kind = _local(root.tag)
    if kind not in ("tbx", "martif"):
        raise InputError(path, 1, f"not TBX: the root element is <{kind}>, expected <tbx> (TBX v3) or <martif> (TBX v2)")
    source = source or (root.get(XML_LANG) or "en").split("-")[0].split("_")[0].lower()
    taken: set[str] = set()
    languages: list[str] = []
    concepts = []
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        item: dict = {}
        notes = []
        dnt = False
        for child in entry:
            name = _local(child.tag)
            if name in ("descrip", "note") and _text(child):
                value = _text(child)
                if value.startswith(MARK):
                    dnt = dnt or "dnt" in value[len(MARK):].split()
                elif child.get("type") in (None, "definition", "explanation", "context"):
                    notes.append(value)
        first_term = ""
        for lang_el in _children(entry, "langSec", "langSet"):
            lang = (lang_el.get(XML_LANG) or "").split("-")[0].split("_")[0].lower()
            if not lang:
                raise InputError(path, None, f"a <{_local(lang_el.tag)}> without xml:lang in entry {entry.get('id') or '?'}")
            for sec in _children(lang_el, "termSec", "tig", "ntig"):
                holder = _children(sec, "termGrp")[0] if _local(sec.tag) == "ntig" and _children(sec, "termGrp") else sec
                term_els = _children(holder, "term")
                if not term_els or not _text(term_els[0]):
                    continue
                value = _text(term_els[0])
                first_term = first_term or value
                status = PREFERRED
                flags: set[str] = set()
                note = None
                for el in (*holder, *sec):
                    name = _local(el.tag)
                    if name == "termNote" and el.get("type") in ("administrativeStatus", "normativeAuthorization"):
                        status = FROM_TBX.get(_text(el).lower(), status)
                    elif name == "note" and _text(el):
                        if _text(el).startswith(MARK):
                            flags |= set(_text(el)[len(MARK):].split())
                        else:
                            note = _text(el)
                term = _term(value, "case_sensitive" in flags, "exact" in flags, note)
                if lang == source:
                    if term not in item.setdefault(lang, []):
                        item[lang].append(term)
                else:
                    if lang not in languages:
                        languages.append(lang)
                    bucket = item.setdefault(lang, {}).setdefault(status, [])
                    if term not in bucket:
                        bucket.append(term)
        concept = {"id": _concept_id(entry.get("id"), first_term, taken)}
        if notes:
            concept["note"] = " ".join(notes)
        if dnt:
            concept["dnt"] = True
        concept.update(item)
        concepts.append(concept)
    return {"version": 1, "source": source, "languages": languages, "concepts": concepts}


def import_glossary(path: Path, fmt: str | None = None, source: str | None = None) -> dict:
    """Glossary data read from a TBX or CSV file (the format from `fmt` or the file name)."""
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "tbx")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, None, f"not UTF-8 (byte offset {exc.start})") from None
    return import_csv(path, text, source) if fmt == "csv" else import_tbx(path, text, source)
