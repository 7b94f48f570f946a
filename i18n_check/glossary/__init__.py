"""Terminology: glossary.yaml loaded and validated, and the term matcher (CONTRACT §3).

The interface other parts use:

- `load_glossary(path) -> Glossary` reads and validates a glossary; any problem raises
  `InputError` naming file:line:column and what to write instead (exit 2).
- `Glossary`: plain data, as the file says it: `.source` ("en"), `.languages` (("fr", "de")),
  `.concepts` (tuple of `Concept`), `.citations` ({lang: tuple of `Citation`}), `.path`,
  `.by_id`, `.concept(id)`, `.entries(lang)` (the terms to find in texts of `lang`).
- `GlossaryIndex(glossary)` (index.py): the glossary compiled for matching, built once per
  glossary and shared by every rule and catalog. `.find(text, lang) -> list[TermMatch]` lists
  every glossary term in `text` of language `lang`: the source terms (status SOURCE) and the
  rejected source wording (SOURCE_FORBIDDEN) when `lang` is the source language, else the
  preferred/admitted/forbidden terms of `lang` plus the source terms of do-not-translate
  concepts (DNT). Each language's matcher is compiled on first use and reused, and the texts
  last matched are remembered. `.citation_spans(text, lang)` lists where the citations of
  `lang` occur in `text` (citations.CitationFinder, compiled once per language).
- `Concept`: `id`, `note`, `dnt`, `source_terms` (the source language's `LanguageTerms`),
  `.source` (its preferred then admitted terms: the source terms), `.source_forbidden`,
  `languages` {lang: `LanguageTerms`}, `.terms(lang)`; `LanguageTerms`: `preferred`,
  `admitted`, `forbidden`, `.allowed`.
- `Term`: `text`, `case_sensitive`, `exact`, `note`, `line`, `column`; `Citation`: `text`,
  `line`, `column`.
- `TermMatch`: `concept` (id), `status` (source/source-forbidden/preferred/admitted/forbidden/
  dnt), `term` (the `Term`), `text` (the matched text), `start`/`end` (offsets in the text
  given), `compound` (a German compound part, rule 5).
"""

from .load import load_glossary
from .model import (
    ADMITTED, BANNED, DNT, FORBIDDEN, PREFERRED, SOURCE, SOURCE_FORBIDDEN, Citation, Concept, Glossary, LanguageTerms, Term,
    TermMatch,
)

__all__ = [
    "load_glossary", "Glossary", "Concept", "LanguageTerms", "Term", "TermMatch", "Citation",
    "SOURCE", "SOURCE_FORBIDDEN", "PREFERRED", "ADMITTED", "FORBIDDEN", "DNT", "BANNED",
]
