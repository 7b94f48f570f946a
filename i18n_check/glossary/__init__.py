"""Terminology: glossary.yaml loaded and validated, and the term matcher (CONTRACT §3).

The interface other parts use:

- `load_glossary(path) -> Glossary` reads and validates a glossary; any problem raises
  `InputError` naming file:line:column and what to write instead (exit 2).
- `Glossary`: `.source` ("en"), `.languages` (("fr", "de")), `.concepts` (tuple of `Concept`),
  `.by_id`, `.concept(id)`; `.find(text, lang) -> list[TermMatch]` lists every glossary term
  in `text` of language `lang`: the source terms when `lang` is the source language, else the
  preferred/admitted/forbidden terms of `lang` plus the source terms of do-not-translate
  concepts. Each language's matcher is compiled on first use and reused.
- `Concept`: `id`, `note`, `dnt`, `source` (tuple of `Term`), `languages` {lang: `LanguageTerms`},
  `.terms(lang)`; `LanguageTerms`: `preferred`, `admitted`, `forbidden`, `.allowed`.
- `Term`: `text`, `case_sensitive`, `exact`, `note`, `line`, `column`.
- `TermMatch`: `concept` (id), `status` (source/preferred/admitted/forbidden/dnt), `term`
  (the `Term`), `text` (the matched text), `start`/`end` (offsets in the text given),
  `compound` (a German compound part, rule 5).
"""

from .load import load_glossary
from .model import ADMITTED, DNT, FORBIDDEN, PREFERRED, SOURCE, Concept, Glossary, LanguageTerms, Term, TermMatch

__all__ = [
    "load_glossary", "Glossary", "Concept", "LanguageTerms", "Term", "TermMatch",
    "SOURCE", "PREFERRED", "ADMITTED", "FORBIDDEN", "DNT",
]
