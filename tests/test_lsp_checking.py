"""The language server checks a buffer block by block and keeps each block's results while it is
unchanged (i18n_check/lsp/diagnostics.py): after any edit, its findings must be those of the library
on the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REALDATA, ROOT, findings_of
from i18n_check import load_glossary
from i18n_check.glossary.index import GlossaryIndex
from i18n_check.check import check_project, settle
from i18n_check.rules.select import select_rules, settled_rules
from i18n_check.errors import InputError
from i18n_check.lsp.diagnostics import Setup, check_blocks, check_project_blocks
from i18n_check.lsp.document import PoDocument
from i18n_check.catalog.read import read_po_text

RULES = select_rules(["ALL"])
SETTLED = settled_rules()
GLOSSARY = GlossaryIndex(load_glossary(ROOT / "glossary.yaml"))
HUMANIZE = REALDATA / "django/django/contrib/humanize/locale/fr/LC_MESSAGES/django.po"
OTHER = read_po_text((REALDATA / "django/django/contrib/humanize/locale/de/LC_MESSAGES/django.po").read_text(encoding="utf-8"), "de.po")


def shown(findings):
    return sorted(((f.rule, f.msgctxt, f.msgid, f.concept, f.message, f.severity, f.blocking) for f in findings), key=repr)


def by_library(text: str):
    try:
        catalog = read_po_text(text, "fr.po")
    except InputError:
        return None
    entries = settle(findings_of(catalog, RULES, GLOSSARY, name="fr.po"), SETTLED)
    project = [f for f in check_project([(catalog, "fr.po"), (OTHER, "de.po")], RULES, GLOSSARY, SETTLED) if f.catalog == "fr.po"]
    return shown(entries + project)


class Checker:
    """The server's way: blocks read and checked again only when changed."""

    def __init__(self, text: str):
        self.document = PoDocument("fr.po", text)
        self.setup = None

    def findings(self):
        document = self.document
        document.refresh()
        if document.content is None:
            return None
        setup = Setup(RULES, SETTLED, GLOSSARY, "fr.po", document.content, lambda line, column: column)
        self.setup = setup.same_key(self.setup)
        check_blocks(document, self.setup, 1 << 62)
        check_project_blocks(document, self.setup, [(OTHER, "de.po")], subset)
        return shown(f for block in document.blocks for index in range(len(block.catalog.entries)) for f in block.results.of(index))


def subset(catalog, keys):
    from dataclasses import replace

    return replace(catalog, entries=tuple(e for e in catalog.entries if e.key in keys))


def position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)


EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 30), st.sampled_from(
    ["", "x", "%s ", "%(value)s", "\n#, fuzzy", "pédopornographie ", "survivant", "\n", '"', "\nmsgstr[2] \"\"", "<b>"])),
    min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(EDITS)
def test_after_edits_the_findings_are_the_librarys(edits):
    text = HUMANIZE.read_text(encoding="utf-8")
    checker = Checker(text)
    assert checker.findings() == by_library(text)
    for where, length, new in edits:
        at = int(where * len(text))
        end = min(at + length, len(text))
        checker.document.edit(position(text, at), position(text, end), new)
        text = text[:at] + new + text[end:]
        assert checker.findings() == by_library(text)


PLURALS = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#, python-format
msgid "%(n)d file"
msgid_plural "%(n)d files"
msgstr[0] "%(n)d fichier"
msgstr[1] "des fichiers"

#, python-format
msgid "%(n)d page"
msgid_plural "%(n)d pages"
msgstr[0] "%(n)d page"
msgstr[1] "%(n)d pages"
'''


def test_a_plural_entry_edited_changes_the_findings_of_the_others():
    """msgfmt checks a form strictly only when every plural entry has the header's number of forms
    (rules/placeholders.py): a third form added to one entry relaxes the placeholder check of another."""
    checker = Checker(PLURALS)
    before = checker.findings()
    assert before == by_library(PLURALS) and [f[2] for f in before if f[0] == "placeholder"] == ["%(n)d file"]
    at = PLURALS.rindex('msgstr[1] "%(n)d pages"\n') + len('msgstr[1] "%(n)d pages"\n')
    edited = PLURALS[:at] + 'msgstr[2] "%(n)d pages"\n' + PLURALS[at:]
    checker.document.edit(position(PLURALS, at), position(PLURALS, at), 'msgstr[2] "%(n)d pages"\n')
    after = checker.findings()
    assert after == by_library(edited)
    assert "placeholder" not in [f[0] for f in after]  # the file entry is no longer held strictly


def test_plural_forms_follows_the_header_as_in_check():
    """plural-forms reads the header and every plural entry (a catalog rule, check_catalogs): the
    editor shows what check shows, and an edit of the header alone changes every entry's finding."""
    three = PLURALS.replace("nplurals=2; plural=(n > 1)", "nplurals=3; plural=n%3")
    checker = Checker(three)
    before = checker.findings()
    assert before == by_library(three)
    assert [f[2] for f in before if f[0] == "plural-forms"] == ["%(n)d file", "%(n)d page"]
    at = three.index("nplurals=3; plural=n%3")
    checker.document.edit(position(three, at), position(three, at + len("nplurals=3; plural=n%3")), "nplurals=2; plural=(n > 1)")
    assert checker.findings() == by_library(PLURALS)
    assert "plural-forms" not in [f[0] for f in checker.findings()]
