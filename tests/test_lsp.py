"""`i18n-check lsp` end to end: a real LSP client (pytest-lsp) talks to the real server process over
stdio, on a copy of the bundled campaign. The tests compare with the library's `check`, so that they
hold whatever wording the rules use."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from i18n_check import check, load_glossary
from i18n_check.errors import InputError
from i18n_check.catalog.read import read_po_text
from lsp_client import CONFIG, Buffer, by_rule, campaign, rules_of, start

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.fixture
def project(tmp_path):
    return campaign(tmp_path / "campaign")


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, project):
    await start(lsp_client, project)
    yield
    await lsp_client.shutdown_session()


def expected(project, catalog: str):
    """(rule, concept, msgid line) of every finding `check` reports for the catalog on disk."""
    report = check([project / "catalogs"], glossary=load_glossary(project / "glossary.yaml"), cache_dir=None)
    return sorted(((f.rule, f.concept, f.line) for f in report.findings if f.catalog.endswith(catalog)), key=str)


def seen(diagnostics, text: str):
    """(rule, concept, msgid line of the entry it is on) of each diagnostic of a finding."""
    lines = text.split("\n")
    found = []
    for d in diagnostics:
        if d.code:
            msgid = max(n for n in range(d.range.start.line + 1) if lines[n].startswith("msgid "))
            found.append((d.code, (d.data or {}).get("concept"), msgid + 1))
    return sorted(found, key=str)


async def test_open_catalog_has_the_findings_of_check(client, project):
    for catalog in ("catalogs/de/campaign.po", "catalogs/fr/campaign.po"):
        buffer = Buffer(client, project / catalog)
        diagnostics = await buffer.diagnostics()
        assert seen(diagnostics, buffer.text) == expected(project, catalog)
        assert {"glossary-forbidden", "glossary-missing", "language-parity", "untranslated"} <= set(rules_of(diagnostics)) \
            or catalog.startswith("catalogs/fr")
        for d in diagnostics:
            assert d.source == "i18n-check"
            if d.severity == lsp.DiagnosticSeverity.Information:  # a mention (rule 12), at its characters
                assert buffer.covered(d) in ("Kinderpornografie", "pornographie juvénile", "pédopornographie")
                continue
            if d.code != "glossary-forbidden":  # the msgstr, from its keyword
                assert buffer.lines()[d.range.start.line][d.range.start.character:].startswith("msgstr")
            assert d.severity == (lsp.DiagnosticSeverity.Error if d.code != "language-parity" else lsp.DiagnosticSeverity.Warning)


async def test_forbidden_term_is_placed_at_its_characters(client, project):
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    forbidden = by_rule(await buffer.diagnostics(), "glossary-forbidden")
    assert [buffer.covered(d) for d in forbidden] == ["Kinderpornografie"]
    assert forbidden[0].data["concept"] == "csam"
    # A missing term has no characters: the whole msgstr, from its keyword to its last string.
    missing = by_rule(await buffer.diagnostics(), "glossary-missing")
    assert all(buffer.covered(d).startswith("msgstr ") and buffer.covered(d).endswith('"') for d in missing)


async def test_an_edit_is_checked_again(client, project):
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    assert not by_rule(await buffer.diagnostics(), "glossary-forbidden")
    # Typing a forbidden term into a translation.
    buffer.substitute("Une menace imminente", "La pédopornographie, une menace imminente")
    forbidden = by_rule(await buffer.diagnostics(), "glossary-forbidden")
    assert [buffer.covered(d) for d in forbidden] == ["pédopornographie"]
    buffer.substitute("La pédopornographie, une menace imminente", "Une menace imminente")
    assert not by_rule(await buffer.diagnostics(), "glossary-forbidden")


async def test_findings_after_the_edit_are_those_of_check_on_the_edited_file(client, project):
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    await buffer.diagnostics()
    buffer.substitute("Die Verbreitung von Kinderpornografie", "Die Verbreitung von Missbrauchsdarstellungen")
    buffer.substitute("\n\n", "\n\n#. a line added above every entry\n\n")  # every entry below moves a line down
    diagnostics = await buffer.diagnostics()
    (project / "catalogs/de/campaign.po").write_text(buffer.text, encoding="utf-8")
    assert seen(diagnostics, buffer.text) == expected(project, "catalogs/de/campaign.po")
    assert not by_rule(diagnostics, "glossary-forbidden")


async def test_syntax_error_while_typing_is_shown_and_the_server_keeps_serving(client, project):
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    before = await buffer.diagnostics()
    at = buffer.text.index('"Die Verbreitung von')
    buffer.replace(at, at + 1, "")  # the opening quote deleted, as a translator may mid-edit
    with pytest.raises(InputError) as reader:
        read_po_text(buffer.text, "campaign.po")
    broken = await buffer.diagnostics()
    errors = [d for d in broken if d.code is None and d.severity == lsp.DiagnosticSeverity.Error]
    assert len(errors) == 1 and errors[0].range.start.line == reader.value.line - 1
    assert reader.value.reason in errors[0].message
    # Entries away from the error keep their findings on show.
    assert by_rule(broken, "glossary-missing")
    buffer.replace(at, at, '"')
    assert seen(await buffer.diagnostics(), buffer.text) == seen(before, buffer.text)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=buffer.uri), position=buffer.position(buffer.text.index("Kinderpornografie") + 3)))
    assert hover is not None and "csam" in hover.contents.value


async def test_hover_on_a_glossary_word(client, project):
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    await buffer.diagnostics()
    glossary = load_glossary(project / "glossary.yaml")
    survivor = glossary.concept("survivor")
    # An inflected form in a msgstr: the concept, its note and its French terms.
    at = buffer.text.index("survivantes")
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=buffer.uri), position=buffer.position(at + 4)))
    assert hover is not None
    text = hover.contents.value
    assert "survivor" in text and survivor.note.split()[0] in text
    for term in (*survivor.terms("fr").preferred, *survivor.terms("fr").forbidden):
        assert term.text in text
    assert buffer.covered(lsp.Diagnostic(range=hover.range, message="")) == "survivantes"
    # A source term in a msgid.
    at = buffer.text.index("child sexual abuse images")
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=buffer.uri), position=buffer.position(at + 8)))
    assert hover is not None and "csam" in hover.contents.value
    # A word that is no glossary term, and a comment line: nothing.
    for word in ("Bataille", "content/en"):
        hover = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=buffer.uri), position=buffer.position(buffer.text.index(word) + 2)))
        assert hover is None


async def actions_at(client, buffer: Buffer, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=buffer.uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    return found or []


async def test_replace_forbidden_term_keeps_the_first_letter_case(client, project):
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    await buffer.diagnostics()
    buffer.substitute("Une menace imminente", "Pédopornographie : une menace imminente")
    forbidden = by_rule(await buffer.diagnostics(), "glossary-forbidden")
    assert [buffer.covered(d) for d in forbidden] == ["Pédopornographie"]
    replace = [a for a in await actions_at(client, buffer, forbidden[0]) if a.title.startswith("Replace")]
    preferred = load_glossary(project / "glossary.yaml").concept("csam").terms("fr").preferred
    assert len(replace) == len(preferred)
    wanted = preferred[0].text[0].upper() + preferred[0].text[1:]
    assert wanted in replace[0].title and "inflected" not in replace[0].title
    buffer.apply(replace[0].edit)
    assert f"{wanted} : une menace imminente" in buffer.text
    assert not by_rule(await buffer.diagnostics(), "glossary-forbidden")


async def test_replace_says_when_the_forbidden_word_was_inflected(client, project):
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    await buffer.diagnostics()
    buffer.substitute("Une menace imminente", "Les contenus pédopornographiques, une menace imminente")
    forbidden = by_rule(await buffer.diagnostics(), "glossary-forbidden")
    assert [buffer.covered(d) for d in forbidden] == ["pédopornographiques"]
    replace = [a for a in await actions_at(client, buffer, forbidden[0]) if a.title.startswith("Replace")]
    assert replace and all("inflected" in a.title for a in replace)
    assert not any(a.is_preferred for a in replace)
    # Not capitalised: the glossary's own spelling.
    buffer.apply(replace[0].edit)
    preferred = load_glossary(project / "glossary.yaml").concept("csam").terms("fr").preferred[0].text
    assert f"Les contenus {preferred}, une menace" in buffer.text


async def test_ignore_comment_silences_the_finding_for_this_rule_and_concept(client, project):
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    diagnostics = await buffer.diagnostics()
    forbidden = by_rule(diagnostics, "glossary-forbidden")[0]
    ignore = [a for a in await actions_at(client, buffer, forbidden) if "glossary-forbidden:csam" in a.title]
    assert len(ignore) == 1
    buffer.apply(ignore[0].edit)
    assert "# i18n-check: ignore glossary-forbidden:csam\n" in buffer.text
    after = await buffer.diagnostics()
    assert not by_rule(after, "glossary-forbidden")
    assert len(by_rule(after, "glossary-missing")) == len(by_rule(diagnostics, "glossary-missing"))  # only that one silenced
    # A second one on the same entry joins the comment.
    missing = [d for d in by_rule(after, "glossary-missing") if d.data.get("concept") == "csam"][0]
    ignore = [a for a in await actions_at(client, buffer, missing) if "glossary-missing:csam" in a.title]
    buffer.apply(ignore[0].edit)
    assert "# i18n-check: ignore glossary-forbidden:csam, glossary-missing:csam\n" in buffer.text
    assert not [d for d in by_rule(await buffer.diagnostics(), "glossary-missing") if d.data.get("concept") == "csam"]
    (project / "catalogs/de/campaign.po").write_text(buffer.text, encoding="utf-8")
    assert seen(await buffer.diagnostics(), buffer.text) == expected(project, "catalogs/de/campaign.po")


async def test_remove_fuzzy_only_when_the_entry_passes(client, project):
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    fuzzy = by_rule(await buffer.diagnostics(), "fuzzy")
    assert len(fuzzy) == 1
    # With a forbidden term in it, the entry would not pass: no action.
    buffer.substitute("L’utilisation de technologies", "La pédopornographie et l’utilisation de technologies")
    fuzzy = by_rule(await buffer.diagnostics(), "fuzzy")
    assert not [a for a in await actions_at(client, buffer, fuzzy[0]) if a.title.startswith("Remove")]
    buffer.substitute("La pédopornographie et l’utilisation", "L’utilisation")
    fuzzy = by_rule(await buffer.diagnostics(), "fuzzy")
    remove = [a for a in await actions_at(client, buffer, fuzzy[0]) if a.title.startswith("Remove")]
    assert len(remove) == 1
    buffer.apply(remove[0].edit)
    assert "#, fuzzy" not in buffer.text and "#| msgid" not in buffer.text
    after = await buffer.diagnostics()
    assert not by_rule(after, "fuzzy")
    assert not [d for d in after if d.severity == lsp.DiagnosticSeverity.Error and d.range.start.line in range(20, 40)]
    (project / "catalogs/fr/campaign.po").write_text(buffer.text, encoding="utf-8")
    assert seen(after, buffer.text) == expected(project, "catalogs/fr/campaign.po")


GLOSSARY = """version: 1
source: en
languages: [fr]
concepts:
  - id: survivor
    note: Survivors, never victims of recorded abuse.
    en: [survivor]
    fr:
      preferred: [survivante, survivant]
      forbidden: [rescapé]
  - id: commission
    en: [European Commission]
    fr:
      preferred: [Commission européenne]
"""


async def test_glossary_file_diagnostics_and_a_glossary_change_picked_up(client, project):
    (project / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    catalog = Buffer(client, project / "catalogs/fr/campaign.po")
    assert not by_rule(await catalog.diagnostics(), "glossary-forbidden")
    glossary = Buffer(client, project / "glossary.yaml", "yaml")
    assert await glossary.diagnostics() == []
    # Forbid a word the French catalog uses: its diagnostics follow, without any save.
    published = len(client.published)
    glossary.substitute("forbidden: [rescapé]", "forbidden: [rescapé, bataille]")
    assert await glossary.diagnostics() == []
    after = await catalog.published_until(lambda found: by_rule(found, "glossary-forbidden"), published)
    assert [catalog.covered(d) for d in by_rule(after, "glossary-forbidden")] == ["Bataille"]
    # A validation error: at its line and column, and the catalogs say their glossary rules wait.
    published = len(client.published)
    glossary.substitute("forbidden: [rescapé, bataille]", "forbiden: [rescapé]")
    errors = await glossary.diagnostics()
    assert len(errors) == 1 and errors[0].severity == lsp.DiagnosticSeverity.Error
    assert glossary.covered(errors[0]) == "forbiden" and "forbidden" in errors[0].message
    after = await catalog.published_until(lambda found: any("glossary.yaml" in d.message for d in found), published)
    assert not by_rule(after, "glossary-forbidden") and not by_rule(after, "glossary-missing")
    assert any("glossary.yaml:10" in d.message and d.range.start.line == 0 for d in after)
    # Closed without saving: the glossary on disk counts again.
    published = len(client.published)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=glossary.uri)))
    after = await catalog.published_until(lambda found: not any("glossary.yaml" in d.message for d in found), published)
    assert not by_rule(after, "glossary-forbidden")  # the glossary on disk does not forbid "bataille"


async def test_glossary_lint_findings_at_their_term(client, project):
    (project / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    glossary = Buffer(client, project / "glossary.yaml", "yaml")
    assert await glossary.diagnostics() == []
    # A term one concept prefers and another forbids.
    glossary.substitute("preferred: [Commission européenne]", "preferred: [Commission européenne, rescapé]")
    found = await glossary.diagnostics()
    assert [(d.code, d.severity, glossary.covered(d)) for d in found] == [("conflicting-status", lsp.DiagnosticSeverity.Error, "rescapé")]
    assert found[0].range.start.line == glossary.lines().index("      preferred: [Commission européenne, rescapé]")


async def test_other_catalogs_come_from_disk(client, project):
    fr = Buffer(client, project / "catalogs/fr/campaign.po")
    parity = by_rule(await fr.diagnostics(), "language-parity")
    donate = fr.text.index('msgid "[Donate]')
    assert any(d.range.start.line == fr.text.count("\n", 0, donate) + 1 for d in parity)
    # German drops its translation of the message, on disk: French no longer lags behind it.
    de = project / "catalogs/de/campaign.po"
    text = de.read_text(encoding="utf-8")
    start = text.index('msgid "[Donate]')
    end = text.index("\n\n", start) if "\n\n" in text[start:] else len(text)
    de.write_text(text[:start] + 'msgid "[Donate](https://protectchildren.ca/en/get-involved/donate/)"\nmsgstr ""' + text[end:], encoding="utf-8")
    published = len(client.published)
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=de.as_uri(), type=lsp.FileChangeType.Changed)]))
    line = fr.text.count("\n", 0, donate) + 1
    after = await fr.published_until(lambda found: not any(d.range.start.line == line for d in by_rule(found, "language-parity")), published)
    assert seen(after, fr.text) == expected(project, "catalogs/fr/campaign.po")


async def test_a_broken_catalog_on_disk_is_reported_and_left_out(client, project):
    (project / "catalogs/de/campaign.po").write_text('msgid "a"\nmsgstr "b\\q"\n', encoding="utf-8")
    fr = Buffer(client, project / "catalogs/fr/campaign.po")
    diagnostics = await fr.diagnostics()
    notes = [d for d in diagnostics if "catalogs/de/campaign.po:2" in d.message]
    assert len(notes) == 1 and notes[0].severity == lsp.DiagnosticSeverity.Warning and notes[0].range.start.line == 0
    assert not by_rule(diagnostics, "language-parity")  # nothing to compare with
    assert by_rule(diagnostics, "fuzzy")


CITING = """version: 2
source: en
languages: [fr]
concepts:
  - id: csam
    en: [child sexual abuse material]
    fr:
      preferred: [images d'abus pédosexuels]
      forbidden: [pédopornographie]
citations:
  fr: [Alliance mondiale contre la pédopornographie]
"""

CITED = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The Global Alliance against child abuse fights child abuse online."
msgstr ""
"L’Alliance mondiale contre la pédopornographie combat la pédopornographie en "
"ligne."
'''


async def test_a_mention_is_shown_as_information_and_the_use_at_its_own_characters(client, project):
    (project / "glossary.yaml").write_text(CITING, encoding="utf-8")
    (project / "catalogs/fr/campaign.po").write_text(CITED, encoding="utf-8")
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    diagnostics = await buffer.diagnostics()
    used = buffer.text.index("pédopornographie en")
    forbidden = by_rule(diagnostics, "glossary-forbidden")
    assert [(buffer.offset(d.range.start), buffer.covered(d)) for d in forbidden] == [(used, "pédopornographie")]
    mentions = [d for d in diagnostics if d.severity == lsp.DiagnosticSeverity.Information]
    cited = buffer.text.index("pédopornographie combat")
    assert [(buffer.offset(d.range.start), buffer.covered(d)) for d in mentions] == [(cited, "pédopornographie")]
    assert "Alliance mondiale contre la pédopornographie" in mentions[0].message
    # The quick fix replaces the use, never the mention.
    replace = [a for a in await actions_at(client, buffer, forbidden[0]) if a.title.startswith("Replace")]
    buffer.apply(replace[0].edit)
    assert "contre la pédopornographie combat la images d'abus pédosexuels en" in buffer.text
    after = await buffer.diagnostics()
    assert not by_rule(after, "glossary-forbidden") and [d.severity for d in after if d.code is None] == [lsp.DiagnosticSeverity.Information]


async def test_columns_count_utf16_units_past_characters_outside_the_bmp(client, project):
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    await buffer.diagnostics()
    buffer.substitute("Une menace imminente", "😀 Une 🇪🇺 pédopornographie, une menace imminente")
    forbidden = by_rule(await buffer.diagnostics(), "glossary-forbidden")
    assert [buffer.covered(d) for d in forbidden] == ["pédopornographie"]
    at = buffer.text.index("pédopornographie")
    assert forbidden[0].range.start == buffer.position(at)  # UTF-16: each emoji counts 2 (the flag 4)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=buffer.uri), position=buffer.position(at + 3)))
    assert hover is not None and "csam" in hover.contents.value


async def test_wrong_settings_are_shown_and_the_defaults_used(client, project):
    (project / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\nfial-on = ["fuzzy"]\n',
                                            encoding="utf-8")
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    diagnostics = await buffer.diagnostics()
    notes = [d for d in diagnostics if "pyproject.toml:4" in d.message]
    assert len(notes) == 1 and notes[0].severity == lsp.DiagnosticSeverity.Error and notes[0].range.start.line == 0
    assert "fail-on" in notes[0].message  # the loader's hint
    assert seen(diagnostics, buffer.text) == expected(project, "catalogs/de/campaign.po")  # checked with the defaults
    # Fixed and saved: read again.
    (project / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\nfail-on = ["fuzzy"]\n',
                                            encoding="utf-8")
    published = len(client.published)
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=(project / "pyproject.toml").as_uri())))
    after = await buffer.published_until(lambda found: not any("pyproject.toml" in d.message for d in found), published)
    # fail-on fuzzy: a glossary finding no longer blocks, which its message says as `check` does.
    assert all(d.message.endswith("(not blocking)") for d in by_rule(after, "glossary-forbidden"))


async def test_a_language_left_out_by_the_settings_is_not_checked(client, project):
    (project / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nlanguages = ["fr"]\n', encoding="utf-8")
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    diagnostics = await buffer.diagnostics()
    assert [d.severity for d in diagnostics] == [lsp.DiagnosticSeverity.Information] and "languages" in diagnostics[0].message
    french = Buffer(client, project / "catalogs/fr/campaign.po")
    assert by_rule(await french.diagnostics(), "fuzzy")


async def test_a_template_is_only_read(client, project):
    buffer = Buffer(client, project / "catalogs/campaign.pot")
    assert await buffer.diagnostics() == []
    buffer.replace(0, 0, 'msgid "a\\q"\nmsgstr ""\n\n')
    errors = await buffer.diagnostics()
    assert len(errors) == 1 and errors[0].range.start.line == 0 and "\\q" in errors[0].message


async def test_closing_a_catalog_clears_its_diagnostics(client, project):
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    assert await buffer.diagnostics()
    published = len(client.published)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=buffer.uri)))
    assert await buffer.published_until(lambda found: found == [], published) == []


FLAGGED = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#, fuzzy, python-format
#| msgid "%(n)s survivors"
msgid "%(n)s survivors spoke"
msgstr "%(n)s survivantes ont parlé"

# i18n-check: ignore untranslated -- reviewed with the campaign team
msgid "Survivors speak"
msgstr "Les rescapés parlent"
'''


async def test_quick_fixes_keep_the_other_flags_and_the_ignore_reason(client, project):
    (project / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (project / "catalogs/fr/campaign.po").write_text(FLAGGED, encoding="utf-8")
    buffer = Buffer(client, project / "catalogs/fr/campaign.po")
    diagnostics = await buffer.diagnostics()
    remove = [a for a in await actions_at(client, buffer, by_rule(diagnostics, "fuzzy")[0]) if a.title.startswith("Remove")]
    buffer.apply(remove[0].edit)
    assert "#, python-format\nmsgid" in buffer.text and "#|" not in buffer.text
    diagnostics = await buffer.diagnostics()
    assert not by_rule(diagnostics, "fuzzy")
    forbidden = by_rule(diagnostics, "glossary-forbidden")
    assert [buffer.covered(d) for d in forbidden] == ["rescapés"]
    ignore = [a for a in await actions_at(client, buffer, forbidden[0]) if "glossary-forbidden:survivor" in a.title]
    buffer.apply(ignore[0].edit)
    assert "# i18n-check: ignore untranslated, glossary-forbidden:survivor -- reviewed with the campaign team\n" in buffer.text
    after = await buffer.diagnostics()
    assert not by_rule(after, "glossary-forbidden") and by_rule(after, "glossary-missing")
    (project / "catalogs/fr/campaign.po").write_text(buffer.text, encoding="utf-8")
    assert seen(after, buffer.text) == expected(project, "catalogs/fr/campaign.po")



async def test_a_glossary_the_settings_name_but_missing_is_said(client, project):
    (project / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glosary.yaml"\n', encoding="utf-8")
    buffer = Buffer(client, project / "catalogs/de/campaign.po")
    diagnostics = await buffer.diagnostics()
    notes = [d for d in diagnostics if "glosary.yaml" in d.message]
    assert len(notes) == 1 and "pyproject.toml:3" in notes[0].message and notes[0].range.start.line == 0
    assert not [d for d in diagnostics if str(d.code).startswith("glossary-")]
    assert by_rule(diagnostics, "untranslated")  # the other rules run
