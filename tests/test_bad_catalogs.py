"""Malformed catalogs: exit 2 naming the file and the line GNU msgfmt names, never a traceback.

Each fixture in tests/fixtures/catalogs/bad/ is one way a PO file goes wrong. The expected line
is the first line `msgfmt --check` reports, and each test checks msgfmt still says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, msgfmt_check
from i18n_check.errors import InputError
from i18n_check.catalog.read import read_po

BAD = FIXTURES / "catalogs" / "bad"
LOCATED = re.compile(r"^[^\n]*?\.po:(\d+):(?:\d+:)? (.*)$", re.M)

# fixture, line msgfmt names first, what our message says, what msgfmt's says
CASES = [
    ("unterminated-string.po", 11, "end-of-line within string", "end-of-line within string"),
    ("invalid-escape-u.po", 10, r"invalid control sequence '\u'", "invalid control sequence"),
    ("invalid-escape-bare-x.po", 10, r"invalid control sequence '\x'", "invalid control sequence"),
    ("invalid-escape-q.po", 10, r"invalid control sequence '\q'", "invalid control sequence"),
    ("unknown-keyword.po", 11, 'keyword "msgstring" unknown', 'keyword "msgstring" unknown'),
    ("previous-msgstr.po", 11, 'keyword "msgstr" unknown', 'keyword "msgstr" unknown'),
    ("msgid-without-msgstr.po", 11, "missing 'msgstr' section", "missing 'msgstr' section"),
    ("msgstr-without-msgid.po", 13, "msgstr cannot follow msgstr", "syntax error"),
    ("keyword-without-string.po", 11, "msgid without a string", "syntax error"),
    ("duplicate-message.po", 18, "duplicate message definition (first defined at line 11)",
     "duplicate message definition"),
    ("duplicate-header.po", 10, "duplicate message definition (first defined at line 1)",
     "duplicate message definition"),
    # gettext keeps obsolete entries in the message list "at least for duplicate checking".
    ("duplicate-obsolete.po", 13, "duplicate message definition (first defined at line 10)",
     "duplicate message definition"),
    ("stray-string.po", 14, "a string that belongs to no keyword", "syntax error"),
    ("plural-index-order.po", 12, "first plural form has nonzero index", "first plural form has nonzero index"),
    ("plural-index-gap.po", 13, "plural form has wrong index", "plural form has wrong index"),
    ("plural-forms-without-msgid-plural.po", 10, "missing 'msgid_plural' section", "missing 'msgid_plural' section"),
    ("msgid-plural-with-plain-msgstr.po", 12, "msgstr after msgid_plural", "syntax error"),
    ("msgid-plural-without-msgstr.po", 10, "missing 'msgstr[]' section", "missing 'msgstr[]' section"),
    ("conflict-markers.po", 10, "git merge conflict marker", "syntax error"),
    ("inconsistent-obsolete.po", 11, "inconsistent use of #~", "inconsistent use of #~"),
    ("msgctxt-at-end-of-file.po", 14, "end of file after msgctxt", "syntax error"),
    # po-lex.c has read the comment's newline when the parser fails: msgfmt names the next line.
    ("comment-between-msgctxt-and-msgid.po", 12, "comment (line 11) inside an entry", "syntax error"),
    ("invalid-utf8.po", 11, "invalid multibyte sequence for charset utf-8", "invalid multibyte sequence"),
    ("utf8-bom.po", 1, "byte order mark", "syntax error"),
    ("compiled-mo.po", 1, "NUL byte", "syntax error"),
]

# Stricter than msgfmt, which only warns (or silently truncates the string at the NUL).
STRICTER = [
    ("unknown-charset.po", 6, "unknown charset 'KOI9-X'", 'Charset "KOI9-X" is not a portable encoding name'),
    ("charset-not-ascii-compatible.po", 6, "charset 'UTF-16' is not ASCII-compatible",
     'Charset "UTF-16" is not a portable encoding name'),
    ("nul-in-string.po", 11, "NUL byte", None),
]


def assert_exit_2(run_cli, path: Path, line: int, reason: str) -> None:
    code, out, err = run_cli("check", "--no-glossary", path)
    assert code == 2, (out, err)
    assert f"{path}:{line}: " in err and reason in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(name for name, *_ in CASES + STRICTER)


@pytest.mark.parametrize("name,line,reason,msgfmt_says", CASES, ids=[c[0] for c in CASES])
def test_bad_catalog(run_cli, name, line, reason, msgfmt_says):
    path = BAD / name
    with pytest.raises(InputError) as raised:
        read_po(path)
    assert (raised.value.path, raised.value.line) == (str(path), line)
    assert reason in raised.value.reason
    assert_exit_2(run_cli, path, line, reason)
    result = msgfmt_check(path)
    assert result.returncode != 0, result.stderr
    first = LOCATED.search(result.stderr)
    assert first and int(first.group(1)) == line and msgfmt_says in first.group(2), result.stderr


@pytest.mark.parametrize("name,line,reason,msgfmt_warns", STRICTER, ids=[c[0] for c in STRICTER])
def test_stricter_than_msgfmt(run_cli, name, line, reason, msgfmt_warns):
    path = BAD / name
    assert_exit_2(run_cli, path, line, reason)
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr
    if msgfmt_warns:
        assert msgfmt_warns in result.stderr


def test_cli_names_the_first_bad_catalog_of_a_folder(run_cli, tmp_path):
    (tmp_path / "fr.po").write_bytes((BAD / "plural-index-gap.po").read_bytes())
    (tmp_path / "de.po").write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    code, out, err = run_cli("check", "--no-glossary", tmp_path)
    assert code == 2 and f"{tmp_path / 'fr.po'}:13: plural form has wrong index" in err


def test_folder_without_catalogs_is_exit_2(run_cli, tmp_path):
    (tmp_path / "notes.txt").write_text("no catalog here\n", encoding="utf-8")
    code, out, err = run_cli("check", "--no-glossary", tmp_path)
    assert code == 2 and f"{tmp_path}: folder holds no catalog" in err and "Traceback" not in err


def test_missing_path_is_exit_2(run_cli, tmp_path):
    missing = tmp_path / "nowhere" / "fr.po"
    code, out, err = run_cli("check", "--no-glossary", missing)
    assert code == 2 and f"{missing}: no such file or folder" in err and "Traceback" not in err


def test_reader_on_a_missing_file_or_a_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_po(tmp_path / "fr.po")
    with pytest.raises(InputError, match="not a regular file"):
        read_po(tmp_path)
