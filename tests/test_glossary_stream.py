"""The glossary is read concept by concept (nodes.NodeStream): it must give exactly what the
whole-tree walk gives, the same Glossary or the same first error, and need far less memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from i18n_check.errors import InputError
from i18n_check.glossary import load as load_module
from i18n_check.glossary.load import build_glossary, parse_glossary, read_text
from i18n_check.glossary.nodes import LIBYAML, compose

HEAD = "version: 1\nsource: en\nlanguages: [fr, de]\nconcepts:\n"
GOOD = "  - id: survivor\n    en: [survivor]\n    fr: {preferred: [survivante], forbidden: [victime]}\n"
BAD = "  - id: Bad Id\n    en: [x]\n"
HEAD2 = HEAD.replace("version: 1", "version: 2")
V2 = "  - id: csam\n    en: {preferred: [child sexual abuse material], forbidden: [child pornography]}\n    fr: {forbidden: [pédopornographie]}\n"

# Texts where the streamed walk must see past the concept it is reading to find the first error.
TEXTS = {
    "plain": HEAD + GOOD,
    "header after the concepts": "concepts:\n" + GOOD + "version: 1\nlanguages: [fr, de]\n",
    "source after the concepts": "version: 1\nlanguages: [fr]\nconcepts:\n" + GOOD + "source: de\n",
    "same header after": "version: 1\nconcepts:\n  - id: a\n    en: [a]\nsource: en\n",
    "concept error, then a YAML error": HEAD + BAD + GOOD + "  - id: [unclosed\n",
    "concept error, then an unknown top key": HEAD + BAD + "concept: x\n",
    "concept error, then a duplicate top key": HEAD + BAD + "version: 1\n",
    "concept error, then a second document": HEAD + BAD + "---\nversion: 1\n",
    "concept error, then a duplicate anchor": HEAD + BAD + "  - id: &a a\n  - id: &a b\n",
    "concept error, then no version": "languages: [fr]\nconcepts:\n" + BAD,
    "concept error in a tagged list": "version: 1\nconcepts: !!set\n" + BAD,
    "concept error, then a bad language": "version: 1\nconcepts:\n" + BAD + "languages: [French]\n",
    "two concepts keys": HEAD + GOOD + "concepts:\n" + GOOD,
    "duplicate ids": HEAD + GOOD + GOOD,
    "alias across concepts": HEAD + "  - id: a\n    en: &t [x]\n  - id: b\n    en: *t\n",
    "alias as a later top key": HEAD + "  - id: &k survivor\n*k : 1\n",
    "anchor never used": HEAD + "  - id: a\n    en: &t [x]\n",
    "undefined alias after an error": HEAD + BAD + "  - id: *nowhere\n",
    "deep nesting in a concept": HEAD + "  - id: a\n    en: " + "[" * 900 + "]" * 900 + "\n",
    "concepts empty": "version: 1\nconcepts: []\n",
    "concepts null": "version: 1\nconcepts:\n",
    "concepts a mapping": "version: 1\nconcepts: {id: a}\n",
    "flow concepts": "{version: 1, languages: [fr], concepts: [{id: a, en: [a], fr: [b]}]}\n",
    "top is a list": "- version: 1\n",
    "empty": "# nothing\n",
    "explicit empty document": "---\n...\n",
    "non-string key before concepts": "version: 1\n[a]: b\nconcepts:\n" + BAD,
    "bad source before concepts": "version: 1\nsource: 5\nconcepts:\n" + BAD,
    # Version 2: the version decides how a concept's source block reads.
    "v2 source mapping": HEAD2 + V2,
    "v2 source mapping in a version 1 file": HEAD + V2,
    "version 2 after the concepts": "source: en\nlanguages: [fr]\nconcepts:\n" + V2 + "version: 2\n",
    "version 1 after v2 concepts": "source: en\nlanguages: [fr]\nconcepts:\n" + V2 + "version: 1\n",
    "citations before the concepts": HEAD2.replace("concepts:", "citations: {fr: [Alliance mondiale]}\nconcepts:") + V2,
    "citations after the concepts": HEAD2 + V2 + "citations: {en: [Directive 2011/93/EU]}\n",
    "citation error, then a concept error": HEAD2.replace("concepts:", "citations: {es: [x]}\nconcepts:") + BAD,
    "concept error, then a citation error": HEAD2 + BAD + "citations: {fr: [x, X]}\n",
    "citations in version 1": HEAD + GOOD + "citations: {fr: [x]}\n",
}


def outcome(load) -> object:
    """What a load gives, lines and columns included: every field of every concept, or the error."""
    try:
        glossary = load()
    except InputError as error:
        return str(error)

    def terms(ts):
        return [(t.text, t.case_sensitive, t.exact, t.note, t.line, t.column) for t in ts]

    def by_status(lt):
        return (lt.line, terms(lt.preferred), terms(lt.admitted), terms(lt.forbidden))

    return (glossary.source, glossary.languages, glossary.path,
            {lang: [(c.text, c.line, c.column) for c in cs] for lang, cs in glossary.citations.items()}, [
        (c.id, c.line, c.note, c.dnt, by_status(c.source_terms), {lang: by_status(lt) for lang, lt in c.languages.items()})
        for c in glossary.concepts])


def same_as_whole_tree(text: str, path: Path = Path("glossary.yaml")) -> None:
    streamed = outcome(lambda: parse_glossary(text, path))
    whole = outcome(lambda: build_glossary(path, compose(path, text)))
    assert streamed == whole


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_streamed_walk_gives_what_the_whole_tree_gives(text):
    same_as_whole_tree(text)


def glossary_files() -> list[Path]:
    found = [ROOT / "glossary.yaml", *sorted((ROOT / "bench" / "data" / "glossary").glob("*.yaml"))]
    found += sorted(p for p in (ROOT / "tests").rglob("*.yaml") if "peers" not in p.parts)
    found += sorted(p for p in (ROOT / "fuzz" / "corpus" / "glossary").glob("*") if p.is_file())
    return [p for p in found if p.stat().st_size < 2_000_000]  # the 100,000 concepts: bench/memory.py


def test_every_glossary_we_have_loads_the_same_either_way():
    files = glossary_files()
    assert len(files) > 50
    for path in files:
        try:
            text = read_text(path)
        except InputError:
            continue  # refused before any YAML is read
        same_as_whole_tree(text, path)


needs_libyaml = pytest.mark.skipif(not LIBYAML, reason="without libyaml the whole tree is composed")


@needs_libyaml
def test_a_plain_glossary_never_composes_the_whole_tree(monkeypatch):
    def whole_tree(*args):
        raise AssertionError("the whole tree was composed")

    monkeypatch.setattr(load_module, "compose", whole_tree)
    glossary = parse_glossary(read_text(FIXTURES / "glossary" / "campaign.yaml"))
    assert "survivor" in glossary.by_id
    with pytest.raises(AssertionError):  # an alias needs the whole tree
        parse_glossary(TEXTS["alias across concepts"])


@needs_libyaml
def test_loading_needs_little_more_memory_than_the_glossary_itself(tmp_path):
    concept = "  - id: c{0}\n    note: concept {0}\n    en: [term{0}, other term{0}]\n    fr:\n" \
              "      preferred: [terme{0}]\n      forbidden: [mauvais{0}]\n    de: [Begriff{0}]\n"
    text = HEAD + "".join(concept.format(i) for i in range(3_000))
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        glossary = parse_glossary(text)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(glossary.concepts) == 3_000
    # The whole node tree took about 7 times what the Glossary keeps; concept by concept, the
    # peak is the Glossary plus libyaml's copy of the text and one concept's nodes.
    assert peak - base < 2 * (kept - base), (peak - base, kept - base)
