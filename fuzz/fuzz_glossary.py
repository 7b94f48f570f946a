"""Fuzz the glossary loader: any bytes give a Glossary or a located InputError, nothing else.

The loader composes and validates one concept at a time (nodes.NodeStream); the text is also
loaded from the whole node tree (`build_glossary(compose(...))`, the walk the streamed load
must agree with), and both must give the same glossary (source, languages, concepts with
their lines) or the same first error (message, line and column).
A glossary that loads is also compiled, matched against a sentence in every language, its
citations found where a text quotes them, and linted.

With FUZZ_GLOSSARY_LINES=1 the input is not the file but the choice of its lines: glossary-shaped
YAML lines (keys, terms, flow collections, anchors, aliases, tags, merge keys, documents), each
at a chosen indentation, so that most inputs reach the concepts instead of failing as YAML.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["i18n_check"]):
    from i18n_check.glossary.lint import lint_glossary
    from i18n_check.glossary.index import GlossaryIndex
    from i18n_check.glossary.load import build_glossary, parse_glossary, read_text
    from i18n_check.glossary.nodes import LIBYAML, compose

from common import InputError, scratch

PATH = scratch("glossary.yaml")
SENTENCES = {
    "en": "Survivors of child sexual abuse report it to the LIBE Committee; PhotoDNA helps.",
    "fr": "Les survivant·e·s d’abus sexuels signalent à la commission LIBE ; PhotoDNA aide.",
    "de": "Überlebende melden Missbrauchsdarstellungen dem LIBE-Ausschuss; PhotoDNA hilft.",
}

LINES = os.environ.get("FUZZ_GLOSSARY_LINES") == "1"
SNIPPETS = [
    "version: 1", "version: 2", "source: en", "source: fr", "languages: [fr, de]", "languages: [de]", "languages:",
    "- fr", "- de", "- en", "concepts:", "concepts: []", "concepts: ~", "- id: survivor", "- id: libe", "id: survivor",
    "id: Bad Id", "- id: x", "en: survivor", "en: [survivor, victim-survivor]", "en:", "- survivor", "- LIBE",
    "- {term: LIBE, case_sensitive: true}", "- {term: report, exact: true}", "fr: [survivant]", "fr:", "de:",
    "preferred: [survivant, survivante]", "preferred:", "admitted: [rescapé]", "forbidden: [victime]",
    "forbidden: survivant", "- term: Überlebende", "term: abus sexuel", "case_sensitive: yes", "exact: no",
    "note: a note", "dnt: true", "dnt: maybe", "- &a {term: x}", "- *a", "&b fr: [y]", "de: *b", "<<: *a",
    "? [a, b]", ": c", "- !!str 1", "- !foo bar", "fr: !!map {}", "- 2024", "- no", "- ''", "- ' '", "- null",
    "---", "...", "# comment", "", "- [nested, list]", "- {}", "%YAML 1.1", "id: survivor  # again",
    '"en": "Kinderpornografie"', "- 'Missbrauchsdarstellungen'", "- Kinder-", "- l'abus", "note: |", "  multi",
    # Version 2: the source language's statuses, and citations.
    "en: {preferred: [child sexual abuse material], forbidden: [child pornography]}", "en: {forbidden: [survivor]}",
    "citations:", "citations: {fr: [Alliance mondiale contre la pédopornographie]}", "citations: []", "citations: {es: [x]}",
    "en: [Directive 2011/93/EU on combating child pornography]", "fr: [la commission LIBE, '%s']", "de: Richtlinie 2011/93/EU",
]


def built(data: bytes) -> bytes:
    """A glossary-shaped file: one line per two bytes (the snippet, then its indentation), after
    the usual top level when the first byte is even."""
    lines = ["version: 1", "languages: [fr, de]", "concepts:"] if data[:1] and data[0] % 2 == 0 else []
    for i in range(1, len(data) - 1, 2):
        spaces = data[i + 1] % 16
        lines.append(" " * (spaces if spaces < 10 else 2 * (spaces - 10)) + SNIPPETS[data[i] % len(SNIPPETS)])
    return "\n".join(lines).encode()


def outcome(load):
    """What a load gives: the glossary's content, or the error it raises."""
    try:
        glossary = load()
    except InputError as error:
        return error, ("error", str(error))
    return glossary, ("glossary", glossary.source, glossary.languages, glossary.concepts, glossary.citations)


def TestOneInput(data: bytes) -> None:
    if LINES:
        data = built(data)
    PATH.write_bytes(data)
    try:
        text = read_text(PATH)
    except InputError:
        return
    glossary, streamed = outcome(lambda: parse_glossary(text, PATH))
    if LIBYAML:
        _, whole = outcome(lambda: build_glossary(PATH, compose(PATH, text)))
        assert streamed == whole, (streamed, whole)
    if isinstance(glossary, InputError):
        # YAML also breaks lines at a lone CR (and NEL, LS, PS): count them all.
        lines = len(data.decode("utf-8", "replace").splitlines()) + 1
        assert glossary.line is None or 1 <= glossary.line <= lines, glossary.line
        return
    index = GlossaryIndex(glossary)
    for lang in (glossary.source, *glossary.languages):
        sentence = SENTENCES.get(lang, SENTENCES["en"])
        for match in index.find(sentence, lang):
            assert 0 <= match.start <= match.end <= len(sentence)
        for citation in glossary.citations.get(lang, ()):  # a citation found in itself is found where a text quotes it
            if index.citation_finder(lang).find(citation.text):
                assert any(c == citation for _, _, c in index.citation_spans(f"« {citation.text} »", lang)), citation
    lint_glossary(glossary)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
