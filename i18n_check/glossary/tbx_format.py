"""The glossary to and from TBX (v3 `<tbx>` and v2 `<martif>`, TBX-Basic) (CONTRACT §2).

Statuses map to TBX's administrativeStatus, in every language, the source's included (version 2:
its forbidden terms are the rejected source wording): preferred <-> preferredTerm-admn-sts,
admitted <-> admittedTerm-admn-sts, forbidden <-> deprecatedTerm-admn-sts (supersededTerm-admn-sts
is read as forbidden too; a source term without a status is preferred). What TBX has no data
category for is written so that other tools show it and import reads it back, and export then
import gives the same glossary: dnt, case_sensitive and exact as a `<note>i18n-check: ...</note>`;
the declared languages as a `<p>i18n-check: languages ...</p>` of the header; the citations as one
entry marked `<note>i18n-check: citations</note>`, each title a term whose partOfSpeech is
properNoun (what TBX-Basic has for a proper name).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import InputError
from .interchange import MARK, DataBuilder, term_value
from .load import CONCEPT_ID
from .model import ADMITTED, FORBIDDEN, PREFERRED, Glossary

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TO_TBX = {PREFERRED: "preferredTerm-admn-sts", ADMITTED: "admittedTerm-admn-sts", FORBIDDEN: "deprecatedTerm-admn-sts"}
FROM_TBX = {
    "preferredterm-admn-sts": PREFERRED, "preferredterm": PREFERRED,
    "admittedterm-admn-sts": ADMITTED, "admittedterm": ADMITTED,
    "deprecatedterm-admn-sts": FORBIDDEN, "deprecatedterm": FORBIDDEN,
    "supersededterm-admn-sts": FORBIDDEN, "supersededterm": FORBIDDEN,
}
CITATIONS = "citations"
CITATIONS_ID = "_citations"  # an XML id no concept id can take (those start with a letter or digit)
LANGUAGES = "languages"


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
    ET.SubElement(source_desc, "p").text = f"{MARK} {LANGUAGES} {' '.join(glossary.languages)}".rstrip()
    body = ET.SubElement(ET.SubElement(root, "text"), "body")

    def lang_section(entry: ET.Element, lang: str, terms: list) -> None:
        lang_el = ET.SubElement(entry, names[1], {XML_LANG: lang})
        for status, t, part_of_speech in terms:
            sec = ET.SubElement(lang_el, names[2])
            ET.SubElement(sec, "term").text = t.text
            if part_of_speech:
                ET.SubElement(sec, "termNote", {"type": "partOfSpeech"}).text = part_of_speech
            if status:
                ET.SubElement(sec, "termNote", {"type": "administrativeStatus"}).text = TO_TBX[status]
            flags = " ".join(k for k in ("case_sensitive", "exact") if getattr(t, k, False))
            if flags:
                ET.SubElement(sec, "note").text = f"{MARK} {flags}"
            if getattr(t, "note", None):
                ET.SubElement(sec, "note").text = t.note

    for c in glossary.concepts:
        entry = ET.SubElement(body, names[0], {"id": c.id})
        if c.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = c.note
        if c.dnt:
            ET.SubElement(entry, "note").text = f"{MARK} dnt"
        groups = [(glossary.source, list(c.source_terms.by_status()))]
        groups += [(lang, list(c.terms(lang).by_status())) for lang in glossary.languages]
        for lang, terms in groups:
            if terms:
                lang_section(entry, lang, [(status, t, None) for status, t in terms])
    if any(glossary.citations.values()):
        entry = ET.SubElement(body, names[0], {"id": CITATIONS_ID})
        ET.SubElement(entry, "note").text = f"{MARK} {CITATIONS}"
        for lang, citations in glossary.citations.items():
            if citations:
                lang_section(entry, lang, [(None, c, "properNoun") for c in citations])
    ET.indent(root)
    # A CR in a text would reach the reader as a LF (XML end-of-line handling): write it as a reference.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").replace("\r", "&#13;") + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def _text(el: ET.Element) -> str:
    """An element's text: as written, unless it was laid out over lines by a pretty-printer
    (whitespace with a line break around it), which is then folded to single spaces."""
    raw = "".join(el.itertext())
    stripped = raw.strip()
    if raw == stripped or not ("\n" in raw[: len(raw) - len(raw.lstrip())] or "\n" in raw[len(raw.rstrip()):]):
        return stripped
    return " ".join(raw.split())


def _concept_id(raw: str | None, fallback: str, taken: set[str]) -> str:
    """The entry's id when it is a valid concept id, else one made from it or from its first term."""
    if raw and CONCEPT_ID.match(raw) and raw not in taken:
        taken.add(raw)
        return raw
    base = re.sub(r"[^a-z0-9-]+", "-", (raw or "").lower()).strip("-") or re.sub(r"[^a-z0-9-]+", "-", fallback.lower()).strip("-") or "concept"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _base(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


def import_tbx(path: Path, text: str, source: str | None = None) -> tuple[dict, list[tuple[int, str]]]:
    """Glossary data from TBX v2 (`martif`: termEntry/langSet/tig|ntig) or v3 (`tbx`: conceptEntry/langSec/termSec),
    and warnings (none: TBX says what it means).

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
    source = source or _base(root.get(XML_LANG)) or "en"
    languages: list[str] = []
    for p in root.iter():
        if _local(p.tag) == "p" and _text(p).startswith(f"{MARK} {LANGUAGES}"):
            languages = [_base(lang) for lang in _text(p)[len(f"{MARK} {LANGUAGES}"):].split()]
    built = DataBuilder()
    taken: set[str] = set()
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        notes, marks = [], set()
        for child in entry:
            name = _local(child.tag)
            if name in ("descrip", "note") and _text(child):
                value = _text(child)
                if value.startswith(MARK):
                    marks.update(value[len(MARK):].split())
                elif child.get("type") in (None, "definition", "explanation", "context"):
                    notes.append(value)
        sections = []  # (language, term, status, flags, note)
        for lang_el in _children(entry, "langSec", "langSet"):
            lang = _base(lang_el.get(XML_LANG))
            if not lang:
                raise InputError(path, None, f"a <{_local(lang_el.tag)}> without xml:lang in entry {entry.get('id') or '?'}")
            for sec in _children(lang_el, "termSec", "tig", "ntig"):
                holder = _children(sec, "termGrp")[0] if _local(sec.tag) == "ntig" and _children(sec, "termGrp") else sec
                term_els = _children(holder, "term")
                if not term_els or not _text(term_els[0]):
                    continue
                status, flags, note = PREFERRED, set(), None
                for el in (*holder, *sec):
                    name = _local(el.tag)
                    if name == "termNote" and el.get("type") in ("administrativeStatus", "normativeAuthorization"):
                        status = FROM_TBX.get(_text(el).lower(), status)
                    elif name == "note" and _text(el):
                        if _text(el).startswith(MARK):
                            flags |= set(_text(el)[len(MARK):].split())
                        else:
                            note = _text(el)
                sections.append((lang, _text(term_els[0]), status, flags, note))
        if CITATIONS in marks:
            for lang, value, *_ in sections:
                built.add_citation(lang, value)
            continue
        concept_id = _concept_id(entry.get("id"), sections[0][1] if sections else "", taken)
        item = built.concept(concept_id)
        if notes:
            item["note"] = " ".join(notes)
        if "dnt" in marks:
            item["dnt"] = True
        for lang, value, status, flags, note in sections:
            built.add_term(concept_id, lang, status, term_value(value, "case_sensitive" in flags, "exact" in flags, note))
    return built.data(source, languages), []
