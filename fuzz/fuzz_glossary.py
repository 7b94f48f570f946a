"""Fuzz the glossary loader: any bytes give a Glossary or a located InputError, nothing else.

A glossary that loads is also compiled, matched against a sentence in every language and linted.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.glossary import load_glossary
    from i18n_check.glossary.lint import lint_glossary

from common import InputError, scratch

PATH = scratch("glossary.yaml")
SENTENCES = {
    "en": "Survivors of child sexual abuse report it to the LIBE Committee; PhotoDNA helps.",
    "fr": "Les survivant·e·s d’abus sexuels signalent à la commission LIBE ; PhotoDNA aide.",
    "de": "Überlebende melden Missbrauchsdarstellungen dem LIBE-Ausschuss; PhotoDNA hilft.",
}


def TestOneInput(data: bytes) -> None:
    PATH.write_bytes(data)
    try:
        glossary = load_glossary(PATH)
    except InputError as error:
        # YAML also breaks lines at a lone CR (and NEL, LS, PS): count them all.
        lines = len(data.decode("utf-8", "replace").splitlines()) + 1
        assert error.line is None or 1 <= error.line <= lines, error.line
        return
    for lang in (glossary.source, *glossary.languages):
        text = SENTENCES.get(lang, SENTENCES["en"])
        for match in glossary.find(text, lang):
            assert 0 <= match.start <= match.end <= len(text)
    lint_glossary(glossary)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
