"""Fuzz the term matcher: fuzzed terms (with their options) matched in fuzzed text.

Matches must lie inside the text; a glossary the loader accepts must never make
`find` fail, whatever the text.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.glossary.load import parse_glossary

from common import InputError

LANGS = ("en", "fr", "de")
STATUSES = ("preferred", "admitted", "forbidden")


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    lang = LANGS[fdp.ConsumeIntInRange(0, 2)]
    terms = []
    for _ in range(fdp.ConsumeIntInRange(1, 4)):
        term = {"term": fdp.ConsumeUnicodeNoSurrogates(24),
                "case_sensitive": fdp.ConsumeBool(), "exact": fdp.ConsumeBool()}
        terms.append((STATUSES[fdp.ConsumeIntInRange(0, 2)], term))
    text = fdp.ConsumeUnicodeNoSurrogates(400)
    concept = {"id": "c", "en": [t for _, t in terms[:1]]}
    target = "fr" if lang == "en" else lang
    concept[target] = {}
    for status, term in terms[1:] if lang == "en" else terms:
        concept[target].setdefault(status, []).append(term)
    glossary_text = json.dumps({"version": 1, "source": "en", "languages": ["fr", "de"], "concepts": [concept]})
    try:
        glossary = parse_glossary(glossary_text)
    except InputError:
        return
    for match in glossary.find(text, lang):
        assert 0 <= match.start <= match.end <= len(text), (match.start, match.end, len(text))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
