"""`extract`: Markdown and HTML segments, references, dedup, the POT it writes, and bad content (exit 2, nothing written)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import FIXTURES, ROOT, msgfmt_check
from i18n_check.content import read_content, segments
from i18n_check.errors import InputError
from i18n_check.extract import extract

SITE = FIXTURES / "content" / "site"
BAD = FIXTURES / "content" / "bad"

# (msgid, first line, kind): every Markdown construct of the fixture page, in source order.
MARKDOWN = [
    ("Stop the scanning of private messages", 2, "title"),
    ("A campaign page on two lines.", 3, "description"),                       # folded YAML, joined
    ("Chat control is *back*", 9, "heading"),                                  # ATX, closing #s dropped
    ("The **European Parliament** votes on the [LIBE Committee](https://example.org/libe \"LIBE\") report, "
     "with `code` kept.", 11, "paragraph"),                                    # markup verbatim, lines joined
    ("Setext heading", 14, "heading"),
    ("First item", 17, "paragraph"),
    ("Second item that continues on a second line", 18, "paragraph"),          # list item over two lines
    ("Nested ordered item", 20, "paragraph"),
    ("A quoted paragraph on two lines.", 22, "paragraph"),                     # blockquote, `>` dropped
    ("— A survivor", 25, "paragraph"),                                         # second blockquote paragraph
    ("Country", 27, "cell"), ("Position", 27, "cell"), ("Votes", 27, "cell"),
    ("Germany", 29, "cell"), ("against \\| undecided", 29, "cell"),            # escaped pipe as written
    ("France", 30, "cell"), ("for", 30, "cell"),                               # numbers-only cells skipped
    ("Survivors at a protest", 32, "alt"),                                     # a standalone image: its alt
    ("An inline ![small icon](icon.png) image stays in its paragraph.", 34, "paragraph"),
    ("Stop the scanning of private messages", 42, "paragraph"),                # same text as the title
]

HTML = [
    ("Campaign against chat control", 5),                                      # <meta name="description">
    ("Stop the scanning of private messages", 6),                              # <title>
    ("Chat control is back", 11),
    ("The <strong>European Parliament</strong> votes on the <a href=\"https://example.org/libe\">LIBE Committee</a> "
     "report.", 12),                                                           # inline markup kept, lines joined
    ("Survivors at a protest", 14),                                            # img alt
    ("First item", 16), ("Second <em>item</em>", 17),
    ("Country", 20), ("Votes", 20), ("Germany", 21),                           # th, td; "42" skipped
    ("A quoted paragraph.", 23),
    ("<abbr title=\"Committee on Civil Liberties\">LIBE</abbr> votes first.", 24),
    ("Send your letter", 25),                                                  # title attribute
    ("Act now", 25),
    ("Chat control is back", 26),
]


def segments_of(path: Path):
    return segments(path, read_content(path))


def test_markdown_constructs_become_one_segment_per_block():
    found = [(s.text, s.line, s.kind) for s in segments_of(SITE / "en" / "page.md")]
    assert found == MARKDOWN


def test_markdown_leaves_code_raw_html_and_other_front_matter_keys_out():
    found = [s.text for s in segments_of(SITE / "en" / "page.md")]
    assert not [t for t in found if "code blocks" in t or "Raw HTML" in t]
    assert "campaign" not in found  # front matter `layout: campaign`


def test_html_constructs_become_segments_without_script_style_or_lang():
    found = [(s.text, s.line) for s in segments_of(SITE / "en" / "page.html")]
    assert found == HTML
    texts = " ".join(t for t, _ in found)
    assert "never translated" not in texts and "color" not in texts and " en " not in f" {texts} "


def test_markdown_spans_point_at_the_source_text():
    path = SITE / "en" / "page.md"
    text = read_content(path)
    for segment in segments_of(path):
        if segment.kind in ("heading", "cell", "alt", "title"):
            assert text[segment.start:segment.end] == segment.text


def test_extract_writes_one_message_per_text_with_every_reference(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SITE, "content")
    result = extract(["content/en"], "catalogs/site.pot")
    assert result.written and result.files == 2
    pot = polib.pofile("catalogs/site.pot")
    refs = {e.msgid: [f"{f}:{l}" for f, l in e.occurrences] for e in pot}
    assert refs["Stop the scanning of private messages"] == [
        "content/en/page.html:6", "content/en/page.md:2", "content/en/page.md:42"]
    assert refs["Chat control is back"] == ["content/en/page.html:11", "content/en/page.html:26"]
    assert len(pot) == len({t for t, _ in HTML} | {t for t, _, _ in MARKDOWN})
    assert all(e.msgctxt is None and e.msgstr == "" for e in pot)
    assert msgfmt_check(Path("catalogs/site.pot")).returncode == 0
    text = Path("catalogs/site.pot").read_text(encoding="utf-8")
    assert subprocess.run(["msgcat", "catalogs/site.pot"], capture_output=True, text=True).stdout == text


def test_extract_again_changes_no_byte_and_keeps_the_creation_date(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SITE, "content")
    extract(["content/en"], "site.pot")
    before = Path("site.pot").read_bytes()
    assert not extract(["content/en"], "site.pot").written
    assert Path("site.pot").read_bytes() == before
    page = Path("content/en/page.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert extract(["content/en"], "site.pot").written
    pot = polib.pofile("site.pot")
    assert pot.metadata["POT-Creation-Date"] == "2026-01-01 00:00+0000"
    assert pot[len(pot) - 1].msgid == "A new closing line."


def test_bundled_campaign_extracts_to_the_bundled_template(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "content" / "en", "content/en")
    extract(["content/en"], "campaign.pot")
    ours = [(e.msgid, e.occurrences) for e in polib.pofile("campaign.pot")]
    bundled = [(e.msgid, e.occurrences) for e in polib.pofile(str(ROOT / "catalogs" / "campaign.pot"))]
    assert ours == bundled


@pytest.mark.parametrize("name, line, reason", [
    ("unclosed.html", 2, "<div> is not closed before </body>"),
    ("binary.md", 4, "binary file"),
    ("latin1.md", 3, "not UTF-8 (byte 0xe9)"),
    ("front-matter.md", 2, "front matter is not valid YAML"),
])
def test_bad_content_is_a_located_input_error(name, line, reason):
    with pytest.raises(InputError) as caught:
        segments_of(BAD / name)
    assert caught.value.line == line and reason in caught.value.reason


@pytest.mark.parametrize("bad", ["unclosed.html", "binary.md", "latin1.md", "front-matter.md", "missing.md"])
def test_cli_exits_2_and_writes_nothing_on_bad_content(run_cli, tmp_path, bad):
    shutil.copytree(SITE / "en", tmp_path / "content")
    if bad != "missing.md":
        shutil.copy(BAD / bad, tmp_path / "content" / bad)
    code, out, err = run_cli("extract", "content", "content/missing.md" if bad == "missing.md" else "content",
                             "-o", "site.pot", cwd=tmp_path)
    assert code == 2
    assert f"content/{bad}" in err and "Traceback" not in err
    assert not (tmp_path / "site.pot").exists()


def test_cli_keeps_an_existing_template_whole_on_bad_content(run_cli, tmp_path):
    shutil.copytree(SITE / "en", tmp_path / "content")
    assert run_cli("extract", "content", "-o", "site.pot", cwd=tmp_path)[0] == 0
    before = (tmp_path / "site.pot").read_bytes()
    shutil.copy(BAD / "unclosed.html", tmp_path / "content" / "zz.html")
    code, _, err = run_cli("extract", "content", "-o", "site.pot", cwd=tmp_path)
    assert code == 2 and "content/zz.html:2:1: malformed HTML" in err
    assert (tmp_path / "site.pot").read_bytes() == before


def test_cli_defaults_to_the_settings(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.i18n-check]\ncontent = "pages/en"\ntemplate = "po/site.pot"\n')
    shutil.copytree(SITE / "en", tmp_path / "pages" / "en")
    code, _, err = run_cli("extract", cwd=tmp_path)
    assert code == 0 and "po/site.pot" in err
    assert "#: pages/en/page.md:9" in (tmp_path / "po" / "site.pot").read_text(encoding="utf-8")
