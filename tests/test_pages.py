"""`#:` references read as editors see the page: section and paragraph (pages.py)."""

from __future__ import annotations

from conftest import ROOT
from i18n_check import load_catalog
from i18n_check.pages import locate, split_reference


def test_split_reference():
    assert split_reference("content/en/page.md:12") == ("content/en/page.md", 12)
    assert split_reference("\u2068content/en/my page.md\u2069:3") == ("content/en/my page.md", 3)
    assert split_reference("src/app.py") == ("src/app.py", None)
    assert split_reference("C:/x.md:7") == ("C:/x.md", 7)


def test_the_bundled_campaign_references_name_sections_and_paragraphs(monkeypatch):
    monkeypatch.chdir(ROOT)
    catalog = load_catalog("catalogs/fr/campaign.po")
    places = locate(r for e in catalog.entries for r in e.references)
    assert places["content/en/eu-derogation.md:2"].place == "title"
    assert places["content/en/eu-derogation.md:3"].place == "description"
    assert places["content/en/eu-derogation.md:6"].place == "paragraph 1"          # before the first heading
    assert places["content/en/eu-derogation.md:33"].place == "heading “The dangers”"
    assert places["content/en/eu-derogation.md:35"].place == "“The dangers”, paragraph 1"
    assert places["content/en/eu-derogation.md:51"].place == "“The dangers”, paragraph 4"
    assert places["content/en/eu-derogation.md:92"].place == "“Words matter”, paragraph 2"
    located = places["content/en/eu-derogation.md:92"]
    assert (located.page, located.line, located.kind, located.section, located.paragraph) == (
        "content/en/eu-derogation.md", 92, "paragraph", "Words matter", 2)


def test_a_page_that_moved_or_changed_keeps_the_bare_reference(tmp_path):
    page = tmp_path / "content" / "page.md"
    page.parent.mkdir()
    page.write_text("# Title\n\nOne.\n\nTwo.\n", encoding="utf-8")
    places = locate(["content/page.md:5", "content/page.md:4", "content/gone.md:1", "content/page.md", "app.py:3"], tmp_path)
    assert places["content/page.md:5"].place == "“Title”, paragraph 2"
    assert places["content/page.md:4"].place == "line 4" and places["content/page.md:4"].kind is None  # no block starts there
    assert places["content/gone.md:1"].place == "line 1"
    assert places["content/page.md"].place == "" and places["app.py:3"].place == "line 3"
    page.write_bytes(b"\xff\xfe not utf-8")
    assert locate(["content/page.md:1"], tmp_path)["content/page.md:1"].place == "line 1"
