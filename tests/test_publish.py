"""`publish`: translated pages from catalogs, fallback to the source, refusal on blocking findings, --force, bad input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from markdown_it import MarkdownIt

from conftest import FIXTURES, ROOT
from i18n_check import load_glossary
from i18n_check.extract import extract

SITE = FIXTURES / "content" / "site"
BAD = FIXTURES / "content" / "bad"

FRENCH = {
    "Stop the scanning of private messages": "Stop au scan des messages privés",
    "A campaign page on two lines.": "Une page de campagne: « sur deux lignes ».",
    "Chat control is *back*": "Le contrôle des conversations est *de retour*",
    "The **European Parliament** votes on the [LIBE Committee](https://example.org/libe \"LIBE\") report, with `code` kept.":
        "Le **Parlement européen** vote sur le rapport de la [commission LIBE](https://example.org/libe \"LIBE\"), `code` compris.",
    "Second item that continues on a second line": "Deuxième élément\nsur deux lignes",
    "A quoted paragraph on two lines.": "Un paragraphe cité.",
    "Country": "Pays",
    "against \\| undecided": "contre | indécis",
    "Survivors at a protest": "Des survivantes manifestent",
    "Chat control is back": "Le contrôle des conversations est de retour",
    "The <strong>European Parliament</strong> votes on the <a href=\"https://example.org/libe\">LIBE Committee</a> report.":
        "Le <strong>Parlement européen</strong> vote sur le rapport de la <a href=\"https://example.org/libe\">commission LIBE</a>.",
    "First item": "Premier élément",
    "Second <em>item</em>": "Deuxième <em>élément",        # unbalanced markup: the page keeps the source
    "Votes": "Voix",
}
FUZZY = {"France": "La France"}

GLOSSARY = """\
version: 1
source: en
languages: [fr]
concepts:
  - id: csam
    en: [child sexual abuse material]
    fr:
      preferred: [matériel d'abus pédosexuels]
      forbidden: [pédopornographie]
"""


def make_project(root: Path, translations: dict[str, str] = FRENCH, fuzzy: dict[str, str] = FUZZY) -> Path:
    """content/en from the fixtures, the extracted template, and a French catalog holding `translations`."""
    shutil.copytree(SITE / "en", root / "content" / "en")
    (root / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\ncontent = "content/en"\n')
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    cwd = Path.cwd()
    try:
        os.chdir(root)  # references are relative to the working folder: content/en/page.md:12
        extract(["content/en"], "catalogs/site.pot")
    finally:
        os.chdir(cwd)
    po = polib.pofile(str(root / "catalogs" / "site.pot"))
    po.metadata.update({"Language": "fr", "Plural-Forms": "nplurals=2; plural=(n > 1);"})
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
        elif entry.msgid in fuzzy:
            entry.msgstr = fuzzy[entry.msgid]
            entry.flags.append("fuzzy")
    (root / "catalogs" / "fr").mkdir()
    po.save(str(root / "catalogs" / "fr" / "site.po"))
    return root


def block_types(markdown: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").enable("table").parse(markdown) if t.type != "inline"]


def test_publish_refuses_blocking_findings_and_names_them(run_cli, tmp_path):
    make_project(tmp_path)
    code, _, err = run_cli("publish", cwd=tmp_path)
    assert code == 1
    assert "publish refused" in err
    assert "catalogs/fr/site.po:" in err and ": untranslated: 'Position'" in err and ": fuzzy: 'France'" in err
    assert "--force" in err
    assert not (tmp_path / "content" / "fr").exists()


def test_force_publishes_with_source_fallback_and_the_page_structure_kept(run_cli, tmp_path):
    make_project(tmp_path)
    code, _, err = run_cli("publish", "--force", cwd=tmp_path)
    assert code == 0, err
    assert "wrote content/fr/page.md" in err and "wrote content/fr/page.html" in err
    source = (tmp_path / "content" / "en" / "page.md").read_text(encoding="utf-8")
    page = (tmp_path / "content" / "fr" / "page.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: Stop au scan des messages privés\ndescription: "Une page de campagne: « sur deux lignes »."\n')
    assert "# Le contrôle des conversations est *de retour* #" in page
    assert "[commission LIBE](https://example.org/libe \"LIBE\")" in page
    assert "- Deuxième élément sur deux lignes\n" in page            # one block, one line
    assert "> Un paragraphe cité.\n>\n> — A survivor" in page       # untranslated: the source stays
    assert "| Pays | Position | Voix |" in page and "| Germany | contre \\| indécis | 42 |" in page
    assert "| France  | for      | 17 |" in page                      # fuzzy: the source stays
    assert "![Des survivantes manifestent](protest.png)" in page
    assert "```\ncode blocks are not translated\n```" in page
    assert block_types(page) == block_types(source)
    html = (tmp_path / "content" / "fr" / "page.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert "<h1>Le contrôle des conversations est de retour</h1>" in html
    assert '<a href="https://example.org/libe">commission LIBE</a>' in html
    assert "<li>Second <em>item</em></li>" in html                  # the unbalanced translation was refused
    assert '<script>var message = "never translated";</script>' in html


def test_force_never_publishes_a_forbidden_term(run_cli, tmp_path):
    make_project(tmp_path, {**FRENCH, "First item": "Premier élément contre la pédopornographie"})
    code, _, err = run_cli("publish", "--force", cwd=tmp_path)
    assert code == 0
    assert "glossary-forbidden" in err
    published = (tmp_path / "content" / "fr" / "page.md").read_text(encoding="utf-8")
    published += (tmp_path / "content" / "fr" / "page.html").read_text(encoding="utf-8")
    assert "pédopornographie" not in published
    assert "- First item\n" in published and "<li>First item</li>" in published


def test_a_clean_catalog_publishes_without_force_and_a_second_run_writes_nothing(run_cli, tmp_path):
    project = make_project(tmp_path, {}, {})
    po = polib.pofile(str(project / "catalogs" / "fr" / "site.po"))
    for entry in po:
        entry.msgstr = FRENCH.get(entry.msgid, f"[fr] {entry.msgid}")
    po.find("Second <em>item</em>").msgstr = "Deuxième <em>élément</em>"
    po.save()
    code, _, err = run_cli("publish", cwd=project)
    assert code == 0, err
    page = (project / "content" / "fr" / "page.md")
    before = page.stat().st_mtime_ns
    code, _, err = run_cli("publish", cwd=project)
    assert code == 0 and "every page already up to date" in err
    assert page.stat().st_mtime_ns == before


@pytest.mark.parametrize("translation, expected", [
    ("# Pas un titre", "\\# Pas un titre"),              # would become a heading
    ("1. Pas une liste", "1\\. Pas une liste"),          # would become a list
    ("> Pas une citation", "\\> Pas une citation"),
    ("Texte <script>alert(1)</script>", None),           # a tag the source does not have: the source stays
    ("Sur\n\ndeux paragraphes", "Sur deux paragraphes"),  # a block is one line
])
def test_markup_breaking_translations_cannot_change_the_page_structure(run_cli, tmp_path, translation, expected):
    message = "An inline ![small icon](icon.png) image stays in its paragraph."
    make_project(tmp_path, {**FRENCH, message: translation})
    assert run_cli("publish", "--force", cwd=tmp_path)[0] == 0
    page = (tmp_path / "content" / "fr" / "page.md").read_text(encoding="utf-8")
    assert (expected or message) + "\n" in page
    assert block_types(page) == block_types((tmp_path / "content" / "en" / "page.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("bad", ["unclosed.html", "binary.md", "latin1.md"])
def test_bad_content_exits_2_and_writes_nothing(run_cli, tmp_path, bad):
    make_project(tmp_path)
    shutil.copy(BAD / bad, tmp_path / "content" / "en" / bad)
    code, _, err = run_cli("publish", "--force", cwd=tmp_path)
    assert code == 2 and f"content/en/{bad}" in err and "Traceback" not in err
    assert not (tmp_path / "content" / "fr").exists()


def test_missing_content_folder_is_exit_2(run_cli, tmp_path):
    make_project(tmp_path)
    code, _, err = run_cli("publish", "--force", "--content", "content/xx", cwd=tmp_path)
    assert code == 2 and "content/xx: no such file or folder" in err


def test_bundled_campaign_runs_through_the_whole_pipeline(run_cli, tmp_path):
    """extract -> update -> check -> publish on the bundled campaign reproduces the committed catalogs and pages."""
    for name in ("content/en", "catalogs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "glossary.yaml", tmp_path / "glossary.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\ncontent = "content/en"\n')
    assert run_cli("extract", cwd=tmp_path)[0] == 0
    code, _, err = run_cli("update", cwd=tmp_path)
    assert code == 0 and err.count("no change in messages") == 2
    for name in ("campaign.pot", "fr/campaign.po", "de/campaign.po"):
        assert (tmp_path / "catalogs" / name).read_bytes() == (ROOT / "catalogs" / name).read_bytes(), name
    assert run_cli("check", cwd=tmp_path)[0] == 1                   # the bundled catalogs carry planted problems
    assert run_cli("publish", cwd=tmp_path)[0] == 1
    code, _, err = run_cli("publish", "--force", cwd=tmp_path)
    assert code == 0, err
    for language in ("fr", "de"):
        ours = (tmp_path / "content" / language / "eu-derogation.md").read_text(encoding="utf-8")
        assert ours == (ROOT / "content" / language / "eu-derogation.md").read_text(encoding="utf-8"), language
    french = (tmp_path / "content" / "fr" / "eu-derogation.md").read_text(encoding="utf-8")
    assert "Bataille juridique en Europe" in french and "[Donate](https://protectchildren.ca/en/get-involved/donate/)" in french


def clean_project(root: Path, changes: dict[str, str]) -> Path:
    """The fixture project with every message translated (no blocking finding), then `changes`."""
    project = make_project(root, {}, {})
    po = polib.pofile(str(project / "catalogs" / "fr" / "site.po"))
    for entry in po:
        entry.msgstr = changes.get(entry.msgid, FRENCH.get(entry.msgid, f"[fr] {entry.msgid}"))
    po.find("Second <em>item</em>").msgstr = changes.get("Second <em>item</em>", "Deuxième <em>élément</em>")
    po.find("against \\| undecided").msgstr = "contre \\| indécis"
    po.save()
    return project


def test_every_segment_kept_in_the_source_language_is_named_with_its_reason(run_cli, tmp_path):
    """Issue 12: a refused translation was replaced by the source without a word, while the
    summary counted it translated."""
    icon = "An inline ![small icon](icon.png) image stays in its paragraph."
    make_project(tmp_path, {**FRENCH, icon: "Texte <script>alert(1)</script>"})
    code, _, err = run_cli("publish", "--force", cwd=tmp_path)
    assert code == 0, err
    lines = err.splitlines()
    assert "i18n-check: fr: 20 segments translated, 15 in the source language:" in lines
    assert ("  content/en/page.md:34: refused: HTML tags the source does not have: <script> (catalogs/fr/site.po:133): "
            "'An inline ![small icon](icon.png) image stays in its para...'") in lines
    assert ("  content/en/page.html:17: refused: unbalanced HTML: <em> is not closed before the end of the block; "
            "add </em> (catalogs/fr/site.po:46): 'Second <em>item</em>'") in lines
    assert "  content/en/page.md:30: fuzzy (catalogs/fr/site.po:125): 'France'" in lines
    assert "  content/en/page.md:27: untranslated (catalogs/fr/site.po:116): 'Position'" in lines
    assert sum(line.startswith("  content/en/") for line in lines) == 15


def test_the_library_gives_each_fallback_and_why(tmp_path):
    from i18n_check.publish import publish

    project = clean_project(tmp_path, {"First item": "Premier élément contre la pédopornographie"})
    os.chdir(project)
    result = publish("content/en", ["catalogs"], glossary=load_glossary(project / "glossary.yaml"), force=True)
    assert {(f.page, f.text, f.reason) for f in result.fallbacks} == {
        ("content/en/page.html", "First item", "blocking finding: glossary-forbidden"),
        ("content/en/page.md", "First item", "blocking finding: glossary-forbidden"),
    }
    assert result.fallback["fr"] == 2 and result.translated["fr"] == 33


def test_findings_that_do_not_block_are_listed_when_their_translation_is_published(run_cli, tmp_path):
    """Issue 12: a markup warning (a dropped link) was published over without a word; --strict refuses it."""
    message = "The **European Parliament** votes on the [LIBE Committee](https://example.org/libe \"LIBE\") report, with `code` kept."
    project = clean_project(tmp_path, {message: "Le **Parlement européen** vote sur le rapport de la commission LIBE, `code` compris."})
    code, _, err = run_cli("publish", cwd=project)
    assert code == 0, err
    assert "i18n-check: published 1 translation with findings that do not block:" in err
    assert "markup: markup differs: msgstr: missing […](https://example.org/libe)" in err
    assert "in the source language:" not in err  # nothing fell back
    code, _, err = run_cli("publish", "--strict", cwd=project)
    assert code == 1
    assert "i18n-check: publish refused: 1 finding (--strict: every finding blocks)" in err
    assert ": markup: 'The **European Parliament** votes on the [LIBE Committee]...'" in err
