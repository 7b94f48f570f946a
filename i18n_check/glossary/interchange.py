"""The glossary as plain data, the shape of glossary.yaml (CONTRACT §3): what the TBX and CSV
converters read into and the YAML export writes. Written as version 2, the current version."""

from __future__ import annotations

import yaml

from .load import LATEST
from .model import PREFERRED, STATUSES, Glossary, LanguageTerms, Term

MARK = "i18n-check:"  # notes in other formats that carry what they have no field for


def term_value(text: str, case_sensitive: bool = False, exact: bool = False, note: str | None = None):
    """A term as YAML writes it: a string, or a mapping when it has options."""
    options: dict = {k: True for k, v in (("case_sensitive", case_sensitive), ("exact", exact)) if v}
    if note:
        options["note"] = note
    return {"term": text, **options} if options else text


def term_data(term: Term):
    return term_value(term.text, term.case_sensitive, term.exact, term.note)


def statuses_data(terms: LanguageTerms) -> dict:
    """{status: [term, ...]} for the statuses that have terms."""
    return {s: [term_data(t) for t in getattr(terms, s)] for s in STATUSES if getattr(terms, s)}


def to_data(glossary: Glossary) -> dict:
    """The glossary as the plain data of a glossary.yaml."""
    concepts = []
    for c in glossary.concepts:
        item: dict = {"id": c.id}
        if c.note:
            item["note"] = c.note
        if c.dnt:
            item["dnt"] = True
        source = statuses_data(c.source_terms)
        if source:
            # Only preferred terms: the list of version 1, which means the same in version 2.
            item[glossary.source] = source[PREFERRED] if list(source) == [PREFERRED] else source
        for lang in glossary.languages:
            statuses = statuses_data(c.terms(lang))
            if statuses:
                item[lang] = statuses
        concepts.append(item)
    data = {"version": LATEST, "source": glossary.source, "languages": list(glossary.languages), "concepts": concepts}
    citations = {lang: [c.text for c in cs] for lang, cs in glossary.citations.items() if cs}
    if citations:
        data["citations"] = citations
    return data


def render_yaml(data: dict, origin: str) -> str:
    """glossary.yaml text for `data`, with a comment saying where it came from."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"# Terminology glossary (CONTRACT §3), from {origin} by i18n-check.\n{body}"


class DataBuilder:
    """Glossary data put together term by term, as an importer reads them, in reading order."""

    def __init__(self) -> None:
        self.concepts: dict[str, dict] = {}
        self.terms: dict[str, dict[str, dict[str, list]]] = {}  # concept -> language -> status -> terms
        self.seen_languages: list[str] = []
        self.citations: dict[str, list[str]] = {}

    def concept(self, concept_id: str) -> dict:
        """The concept's own fields (id, note, dnt), made when first named."""
        if concept_id not in self.concepts:
            self.concepts[concept_id] = {"id": concept_id}
            self.terms[concept_id] = {}
        return self.concepts[concept_id]

    def add_term(self, concept_id: str, lang: str, status: str, term) -> None:
        """A term (see term_value) of `status` (preferred, admitted, forbidden) in `lang`; a term
        already there with the same status is not added twice."""
        self.concept(concept_id)
        bucket = self.terms[concept_id].setdefault(lang, {}).setdefault(status, [])
        if term not in bucket:
            bucket.append(term)
        if lang not in self.seen_languages:
            self.seen_languages.append(lang)

    def add_citation(self, lang: str, text: str) -> None:
        if text not in self.citations.setdefault(lang, []):
            self.citations[lang].append(text)

    def data(self, source: str, languages: list[str] | None = None) -> dict:
        """The glossary data: `languages` (default: every language met but the source) first, then any other met."""
        targets = [lang for lang in (languages or []) if lang != source]
        targets += [lang for lang in [*self.seen_languages, *self.citations] if lang != source and lang not in targets]
        concepts = []
        for concept_id, item in self.concepts.items():
            item = dict(item)
            by_lang = self.terms[concept_id]
            source_terms = {s: by_lang[source][s] for s in STATUSES if by_lang.get(source, {}).get(s)}
            if source_terms:
                item[source] = source_terms[PREFERRED] if list(source_terms) == [PREFERRED] else source_terms
            for lang in targets:
                statuses = {s: by_lang[lang][s] for s in STATUSES if by_lang.get(lang, {}).get(s)}
                if statuses:
                    item[lang] = statuses
            concepts.append(item)
        data = {"version": LATEST, "source": source, "languages": targets, "concepts": concepts}
        citations = {lang: texts for lang, texts in self.citations.items() if texts}
        if citations:
            data["citations"] = citations
        return data


