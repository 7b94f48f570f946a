"""The PO reader: odd but valid catalogs read as msgfmt reads them, real catalogs as polib reads them, fast."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import polib
import pytest

from conftest import FIXTURES, REALDATA
from i18n_check.catalog import load_catalog
from i18n_check.errors import InputError
from i18n_check.catalog.read import read_po

GOOD = FIXTURES / "catalogs" / "good"
DJANGO_FR = REALDATA / "django/django/conf/locale/fr/LC_MESSAGES/django.po"


def brief(entries) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.msgstr, e.line) for e in entries]


# fixture, active entries as (msgctxt, msgid, msgstr forms, line of msgid), obsolete entries likewise
ODD_BUT_VALID = [
    ("crlf.po", [(None, "Report abuse", ("Signaler un abus",), 11), (None, "Get help", ("Trouver de l'aide",), 16)], []),
    # po-lex.c ends lines at LF only: this CR-only file is one line, and its `#:` comment runs to the end
    # of the file, swallowing both entries (msgfmt compiles the header alone).
    ("cr-only.po", [], []),
    ("bare-cr-in-comment.po", [(None, "Report abuse", ("Signaler un abus",), 11)], []),
    ("domain-directive.po", [(None, "Report abuse", ("Signaler un abus",), 11),
                             (None, "Report abuse", ("Signaler un contenu",), 15)], []),
    ("msgctxt-duplicates.po", [(None, "Report", ("Rapport",), 10), ("button", "Report", ("Signaler",), 14),
                               ("", "Report", ("Signalement",), 18)], []),
    ("plural-empty-forms.po", [(None, "%d report", ("", ""), 10),
                               (None, "%d survivor", ("%d survivante", ""), 15)], []),
    ("obsolete-fuzzy-previous.po", [(None, "Get help", ("Trouver de l'aide",), 10)],
     [("button", "Report abuse", ("Signaler un abus",), 17), (None, "Old text", ("Ancien texte",), 20)]),
    ("obsolete-only-context-differs.po", [(None, "Report abuse", ("Signaler un abus",), 10)],
     [("v1", "Report abuse", ("Dénoncer un abus",), 14)]),
    ("comments-anywhere.po", [(None, "Report %s", ("Signaler %s",), 19)], []),
    ("escapes.po", [(None, 'Tab\there, quote " and backslash \\ end\n',
                     ("Tab\there, \a\b\f\v\r octal A\a hex AB é\n",), 10)], []),
    ("backslash-newline.po", [(None, "Report abuse", ("Signaler un abus",), 10),
                              (None, "Get help", ("Trouver de l'aide",), 16)], []),
    ("keywords-on-one-line.po", [(None, "Report abuse", ("Signaler un abus",), 10),
                                 ("button", "Report", ("Signaler!",), 11)], []),
    ("indented.po", [(None, "Report abuse", ("Signaler un abus!",), 10)], []),
    ("spaced-index.po", [(None, "%d report", ("%d signalement", "%d signalements"), 10)], []),
    ("wrapped-strings.po", [(None, "Report abuse to the hotline", ("Signaler un abus à la ligne d'écoute",), 10)], []),
    ("previous-msgid.po", [("button", "Report abuse", ("Signaler",), 15)], []),
    ("invalid-utf8-in-comment.po", [(None, "Report abuse", ("Signaler un abus",), 11)], []),
    ("latin1.po", [(None, "Summer", ("été",), 10)], []),
    ("iso-8859-15.po", [(None, "Price", ("10 €",), 10)], []),
    ("big5-backslash.po", [(None, "Function", ("功能",), 10), (None, "Options", ("選項",), 13)], []),
    ("shift-jis-backslash.po", [(None, "Table", ("表",), 10), (None, "Software", ("ソフト",), 13)], []),
    ("template-charset-placeholder.pot", [(None, "Report abuse", ("",), 11)], []),
    ("header-after-decoy.po", [("decoy", "", ("Content-Type: text/plain; charset=UTF-8\n",), 2),
                               (None, "Summer", ("été",), 14)], []),
    ("no-header.po", [(None, "Report abuse", ("Signaler un abus",), 1)], []),
    ("empty.po", [], []),
]


def test_every_good_fixture_has_a_case():
    assert sorted(p.name for p in GOOD.iterdir()) == sorted(name for name, *_ in ODD_BUT_VALID)


@pytest.mark.parametrize("name,entries,obsolete", ODD_BUT_VALID, ids=[c[0] for c in ODD_BUT_VALID])
def test_odd_but_valid(name, entries, obsolete, tmp_path):
    path = GOOD / name
    catalog = read_po(path)
    assert brief(catalog.entries) == entries
    assert brief(catalog.obsolete) == obsolete
    assert all(e.obsolete for e in catalog.obsolete) and not any(e.obsolete for e in catalog.entries)
    # msgfmt accepts it too. Without -o, so that `domain` directives are honoured, not refused.
    checked = subprocess.run(["msgfmt", "--check", path], cwd=tmp_path, capture_output=True, text=True)
    if name in ("no-header.po", "empty.po"):
        # --check-header's only complaint; plain msgfmt accepts the file (a finding, not bad input).
        assert checked.returncode != 0 and "PO file header missing" in checked.stderr
        assert "syntax error" not in checked.stderr and "fatal error" in checked.stderr.splitlines()[-1]
        assert subprocess.run(["msgfmt", path], cwd=tmp_path, capture_output=True).returncode == 0
    else:
        assert checked.returncode == 0, checked.stderr


def test_comments_flags_and_references():
    (entry,) = read_po(GOOD / "comments-anywhere.po").entries
    assert entry.flags == ("python-format", "no-c-format")  # in the order written
    assert entry.translator_comments == ("  two spaces kept", "", "no space")
    assert entry.extracted_comments == (" Shown on the button",)
    assert entry.references == ("campaign.md:3", "campaign.md:9")


def test_previous_msgid_and_msgctxt():
    (entry,) = read_po(GOOD / "previous-msgid.po").entries
    assert (entry.fuzzy, entry.previous_msgctxt, entry.previous_msgid) == (True, "nav", "Report")
    (obsolete, _) = read_po(GOOD / "obsolete-fuzzy-previous.po").obsolete
    assert (obsolete.fuzzy, obsolete.previous_msgctxt, obsolete.previous_msgid) == (True, "old", "Report this abuse")


def test_what_the_writer_needs_is_read_too(tmp_path):
    """The header entry as written, previous msgid_plural, flag order, file names with spaces (U+2068/U+2069)."""
    path = tmp_path / "fr.po"
    path.write_text('# French.\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
                    '#: \u2068my page.md\u2069:3 other.md:4\n#, python-format, fuzzy\n#| msgid "%d doc"\n#| msgid_plural "%d docs"\n'
                    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d fichier"\nmsgstr[1] "%d fichiers"\n', encoding="utf-8")
    catalog = read_po(path)
    assert catalog.header_entry.translator_comments == ("French.",) and catalog.header_entry.flags == ("fuzzy",)
    assert (catalog.header_entry.msgstr, catalog.header_line, catalog.header) == (("Language: fr\n",), 3, {"Language": "fr"})
    (entry,) = catalog.entries
    assert entry.references == ("\u2068my page.md\u2069:3", "other.md:4")
    assert (entry.flags, entry.previous_msgid, entry.previous_msgid_plural) == (("python-format", "fuzzy"), "%d doc", "%d docs")


# What msgfmt does with odd bytes, line ends and errors: (file bytes, line msgfmt names or None when it
# accepts the file, entries read as {msgid: msgstr forms} when accepted). Each is checked against msgfmt.
AS_MSGFMT = [
    # Lines end at LF: CR is blank space, a CR-only file one line, a comment runs to the LF.
    (b'msgid "a"\rmsgstr "b"\rmsgid "c"\rmsgstr "d"\r', None, {"a": ("b",), "c": ("d",)}),
    (b'msgid "a"\rmsgstr "b"\r# note\rmsgid "c"\rmsgstr "d"\r', None, {"a": ("b",)}),
    (b'msgid "a"\rmsgstr "b"\rmsgid "c"\rmsgstr "d" oops\r', 1, None),
    (b'msgid "a"\r\nmsgstr "b"\r\n\r\nmsgid "c"\r\nmsgstr "d" oops\r\n', 5, None),
    (b'msgid "a"\nmsgstr "b\rc"\n\nmsgid "c"\r\rmsgstr "d"\n', None, {"a": ("b\rc",), "c": ("d",)}),
    # No charset declared (no header, none in it, or xgettext's placeholder): msgfmt passes bytes through.
    (b'msgid "Summer"\nmsgstr "\xe9t\xe9"\n', None, {"Summer": ("\xe9t\xe9",)}),
    (b'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "Summer"\nmsgstr "\xe9t\xe9"\n', None, {"Summer": ("\xe9t\xe9",)}),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "a"\nmsgstr "\\351"\n', None,
     {"a": ("\xe9",)}),
    # Declared UTF-8: the invalid byte is an error, unless msgfmt meets another one before it.
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xe9"\n', 5, None),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a" oops\nmsgstr "\xe9"\n', 4, None),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xe9"\noops\n', 5, None),
    # ... but msgfmt learns the charset once it has read the header: bytes up to its end go unchecked.
    (b'msgid ""\nmsgstr ""\n"Last-Translator: Ren\xe9\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n',
     None, {"a": ("b",)}),
    (b'msgid "x\xe9"\nmsgstr "y"\n\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xe9"\n', 8, None),
    # ... and in a comment only right after its `#` (po-lex.c decodes it to tell `#~` and `#|` apart),
    # except in the comment msgfmt reads just after the header, before it has learnt the charset.
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n\n#\xe9 x\nmsgid "c"\nmsgstr "d"\n',
     7, None),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n\n# \xe9 x\nmsgid "c"\nmsgstr "d"\n',
     None, {"a": ("b",), "c": ("d",)}),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#\xe9 x\nmsgid "a"\nmsgstr "b"\n', None, {"a": ("b",)}),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n#\xe9 x\nmsgstr "b"\n', 5, None),
    # ... found where msgfmt finds it: the duplicate and the missing msgstr are seen at the next keyword.
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid ""\nmsgstr ""\n"\xe9"\n', 6, None),
    (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n\xe9msgstr "b"\n', 5, None),
    # A backslash-newline joins two lines (po-lex.c lex_getc), once per newline; in a joined line a
    # token is named at the line msgfmt has read up to, an invalid escape at its own line.
    (b'msgid "a\\\nb"\nmsg\\\nstr "c"\n', None, {"ab": ("c",)}),
    (b'msgid "a"\nmsgstr "b"\n\\\\\n', 3, None),
    (b'msgid "a"\nmsgstr "b"\n\\\n\\', 4, None),
    (b'msgid "a"\nmsgstr "b"\nx\\\ny\n', 4, None),
    (b'msgid "a\\#\\\n"\nmsgstr "b"\n', 1, None),
    # An error seen once a comment is read to its newline names the next line, or its own at the end of the file.
    (b'msgid "a"\nmsgstr "b"\n\nmsgid # x\n', 5, None),
    (b'msgid "a"\nmsgstr "b"\n\nmsgid # x', 4, None),
    # msgstr[n] without msgid_plural is reported when the entry ends: a syntax error inside comes first.
    (b'msgid "a"\nmsgstr[0] 0 "b"\n', 2, None),
    (b'msgid "a"\nmsgstr[0]\nmsgid "c"\nmsgstr "d"\n', 3, None),
    (b'msgid "a"\nmsgstr[0] "b"\nmsgstr "c"\n', 3, None),
    (b'msgid "a"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 3, None),
    (b'msgid "a"\nmsgstr[1] "b"\n', 2, None),
    (b'msgid "a"\n#~ msgstr[0] "b"\n', 2, None),
    (b'msgid "a"\nmsgstr[0] "b" 0\n', 1, None),
    (b'msgid "a"\nmsgstr[0] "b"\n\nmsgid "c"\nmsgstr "d"\n', 1, None),
    # A wrong plural index is found with its strings: an error in them comes first, after an inconsistent #~.
    (b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[2] "d\\q"\n', 4, None),
    (b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[2] "d\n', 5, None),
    (b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n#~ msgstr[2] "d"\n', 4, None),
    (b'msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\nmsgstr[1] "d"\n', 3, None),
    # ... but a keyword without strings is never reduced: what follows it is the syntax error.
    (b'msgid "a"\n#~ msgstr\n# note\n', 4, None),
    (b'msgid "a"\n#~ msgstr ?\n', 2, None),
    (b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[2]\nmsgid "d"\n', 5, None),
    # A stray token after a keyword's strings: msgfmt first ends the entry, and says what it lacks.
    (b'msgid "a"\nmsgid_plural "b" 0\n', 1, None),
]


@pytest.mark.parametrize("data,line,read", AS_MSGFMT)
def test_as_msgfmt(data, line, read, tmp_path):
    path = tmp_path / "fr.po"
    path.write_bytes(data)
    run = subprocess.run(["msgfmt", "-o", "/dev/null", path], capture_output=True, env={"LC_ALL": "C"})
    errors = re.findall(rb"^[^\n]*\.po:(\d+):", run.stderr, re.M)
    assert (int(errors[0]) if errors else None, run.returncode) == (line, 0 if line is None else 1), run.stderr
    if line is not None:
        with pytest.raises(InputError) as error:
            read_po(path)
        assert error.value.line == line
    else:
        assert {e.msgid: e.msgstr for e in read_po(path).entries} == read


def test_undeclared_bytes_are_kept_so_the_writer_refuses_rather_than_changes_them(tmp_path):
    path = tmp_path / "fr.po"
    path.write_bytes(b'msgid "Summer"\nmsgstr "\xe9t\xe9"\n')
    assert read_po(path).encoding == "iso8859-1"


def test_backslash_newline_continues_a_comment_as_in_msgfmt():
    entries = read_po(GOOD / "backslash-newline.po").entries
    assert entries[1].translator_comments == ('a comment msgid "swallowed by the comment"',)


def test_invalid_bytes_in_a_comment_are_kept_replaced():
    (entry,) = read_po(GOOD / "invalid-utf8-in-comment.po").entries
    assert entry.translator_comments == ("caf\ufffd (Latin-1 byte)",)


@pytest.mark.parametrize("name,encoding,language", [
    ("latin1.po", "iso8859-1", "fr"), ("iso-8859-15.po", "iso8859-15", "fr"), ("big5-backslash.po", "big5", "zh_TW"),
    ("shift-jis-backslash.po", "shift_jis", "ja"), ("template-charset-placeholder.pot", "utf-8", None),
    ("header-after-decoy.po", "iso8859-1", "fr"), ("crlf.po", "utf-8", "fr"),
])
def test_charset_and_language(name, encoding, language):
    catalog = read_po(GOOD / name)
    assert (catalog.encoding, catalog.language) == (encoding, language)


def test_header_is_parsed_in_order_and_language_falls_back_to_the_path(tmp_path):
    catalog = load_catalog(DJANGO_FR)
    assert list(catalog.header)[:3] == ["Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date"]
    assert catalog.header["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert (catalog.header_line, catalog.nplurals, catalog.language) == (12, 2, "fr")
    target = tmp_path / "catalogs" / "de_AT" / "campaign.po"
    target.parent.mkdir(parents=True)
    target.write_bytes((GOOD / "no-header.po").read_bytes())
    assert (read_po(target).language, read_po(target).header) == ("de_AT", {})


# Messages per real catalog, as `msgfmt --statistics` counts them (translated, untranslated).
REAL = {
    "django/django/conf/locale/de/LC_MESSAGES/django.po": (347, 1),
    "django/django/conf/locale/fr/LC_MESSAGES/django.po": (348, 0),
    "django/django/contrib/admin/locale/de/LC_MESSAGES/django.po": (195, 5),
    "django/django/contrib/admin/locale/fr/LC_MESSAGES/django.po": (200, 0),
    "django/django/contrib/auth/locale/de/LC_MESSAGES/django.po": (78, 11),
    "django/django/contrib/auth/locale/fr/LC_MESSAGES/django.po": (89, 0),
    "django/django/contrib/humanize/locale/de/LC_MESSAGES/django.po": (56, 0),
    "django/django/contrib/humanize/locale/fr/LC_MESSAGES/django.po": (56, 0),
    "sphinx/sphinx/locale/de/LC_MESSAGES/sphinx.po": (170, 699),
    "sphinx/sphinx/locale/fr/LC_MESSAGES/sphinx.po": (869, 0),
}


def test_every_real_catalog_is_listed():
    assert sorted(str(p.relative_to(REALDATA)) for p in REALDATA.rglob("*.po")) == sorted(REAL)


def as_polib_reads(entry: polib.POEntry) -> tuple:
    forms = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)) if entry.msgid_plural else (entry.msgstr,)
    return (
        entry.msgctxt, entry.msgid, entry.msgid_plural or None, forms, tuple(entry.flags),
        tuple(entry.tcomment.split("\n")) if entry.tcomment else (),
        tuple(entry.comment.split("\n")) if entry.comment else (),
        tuple(f"{file}:{line}" if line else file for file, line in entry.occurrences),
        entry.previous_msgid, entry.previous_msgctxt, entry.obsolete,
    )


def as_we_read(entry) -> tuple:
    return (
        entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr, entry.flags, entry.translator_comments,
        entry.extracted_comments, entry.references, entry.previous_msgid, entry.previous_msgctxt, entry.obsolete,
    )


@pytest.mark.parametrize("relative", sorted(REAL))
def test_real_catalog_reads_as_polib_and_msgfmt_count(relative):
    path = REALDATA / relative
    ours, theirs = read_po(path), polib.pofile(str(path))
    assert [as_we_read(e) for e in ours.entries] == [as_polib_reads(e) for e in theirs if not e.obsolete]
    assert [as_we_read(e) for e in ours.obsolete] == [as_polib_reads(e) for e in theirs.obsolete_entries()]
    assert dict(ours.header) == dict(theirs.metadata)
    translated, untranslated = REAL[relative]
    assert (sum(e.translated for e in ours.entries), len(ours.entries)) == (translated, translated + untranslated)
    statistics = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", path], capture_output=True, text=True)
    assert statistics.stderr.startswith(f"{translated} translated message")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert all(lines[e.line - 1].startswith("msgid ") for e in ours.entries)  # CONTRACT §5: the msgid line


def scaled_django(copies: int) -> str:
    """Django's French catalog `copies` times, each copy's messages under their own msgctxt."""
    text = DJANGO_FR.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    out = [header, ""]
    for copy in range(copies):
        lines = body.split("\n")
        for number, line in enumerate(lines):
            if line.startswith("msgctxt "):
                out.append(f'msgctxt "{copy} ' + line[len('msgctxt "'):])
            elif line.startswith("msgid ") and not lines[number - 1].startswith(("msgctxt", '"')):
                out += [f'msgctxt "{copy}"', line]
            else:
                out.append(line)
    return "\n".join(out) + "\n"


def test_faster_than_polib(tmp_path):
    """The real Django catalog scaled to 7,000 messages: measured about 2.5x faster (3x at 1M messages)."""
    path = tmp_path / "fr.po"
    path.write_text(scaled_django(20), encoding="utf-8")
    assert len(read_po(path).entries) == 20 * 348

    def cpu(read) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            read()
            best = min(best, time.process_time() - start)
        return best

    ours, theirs = cpu(lambda: read_po(path)), cpu(lambda: polib.pofile(str(path)))
    assert theirs / ours > 1.5, (ours, theirs)  # a wide margin: the machine may be busy


@pytest.mark.parametrize("relative", sorted(REAL))
def test_entry_states_as_defined(relative):
    """`translated`/`untranslated`/`fuzzy` are written for speed; they say what CONTRACT §4 defines."""
    catalog = read_po(REALDATA / relative)
    made = [catalog.entries[0]._replace(msgstr=forms, flags=flags)
            for forms in [(), ("",), ("a",), ("a", ""), ("", "b"), ("a", "b")] for flags in [(), ("fuzzy",), ("c-format", "fuzzy")]]
    for entry in [*catalog.entries, *catalog.obsolete, *made]:
        assert entry.fuzzy == ("fuzzy" in entry.flags)
        assert entry.untranslated == (len(entry.msgstr) == 0 or any(form == "" for form in entry.msgstr))
        assert entry.translated == (not entry.fuzzy and not entry.untranslated)
