"""`update` (msgmerge semantics, no loss, idempotent, atomic, locked) and the PO writer (gettext's layout, real data)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polib
import pytest

from conftest import FIXTURES, msgfmt_check
from i18n_check.catalog import Catalog, Entry
from i18n_check.catalog.write import load_utf8, render_catalog
from i18n_check.update import LOCK_NAME, catalogs_lock, merge, update

REAL = FIXTURES / "content" / "real"

TEMPLATE = """\
msgid ""
msgstr ""
"Project-Id-Version: site 1.0\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: content/en/page.md:1
msgid "Stop the scanning of private messages"
msgstr ""

#: content/en/page.md:3
msgid "The European Parliament votes on the LIBE Committee report tomorrow."
msgstr ""

#: content/en/page.md:5
msgid "Come back soon"
msgstr ""

#: content/en/page.md:7
#, python-format
msgid "%(count)d survivor signed"
msgid_plural "%(count)d survivors signed"
msgstr[0] ""
msgstr[1] ""

#: content/en/page.md:9
msgid "A brand new sentence nobody has seen."
msgstr ""
"""

CATALOG = """\
# French translation of the site.
msgid ""
msgstr ""
"Project-Id-Version: site 1.0\\n"
"POT-Creation-Date: 2025-06-01 00:00+0000\\n"
"PO-Revision-Date: 2025-06-02 10:00+0000\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

# Checked with the campaign team.
#: content/en/old.md:1
msgid "Stop the scanning of private messages"
msgstr "Stop au scan des messages privés"

#: content/en/old.md:3
msgid "The European Parliament votes on the LIBE Committee report today."
msgstr "Le Parlement européen vote aujourd’hui sur le rapport de la commission LIBE."

#: content/en/old.md:5
#, python-format
msgid "%(count)d survivor signed"
msgid_plural "%(count)d survivors signed"
msgstr[0] "%(count)d survivante a signé"
msgstr[1] "%(count)d survivantes ont signé"

# Keep for the next campaign.
#: content/en/old.md:7
msgid "This sentence left the page."
msgstr "Cette phrase a quitté la page."

#: content/en/old.md:9
msgid "Never translated and removed."
msgstr ""

# A translator's note on an obsolete message.
#~ msgid "Come back soon"
#~ msgstr "Revenez vite"
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "catalogs" / "fr").mkdir(parents=True)
    (tmp_path / "catalogs" / "site.pot").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "catalogs" / "fr" / "site.po").write_text(CATALOG, encoding="utf-8")
    return tmp_path


def entries(path: Path) -> dict[str, polib.POEntry]:
    po = polib.pofile(str(path))
    return {e.msgid: e for e in po}


def test_update_merges_as_msgmerge_does(project):
    [result] = update(project / "catalogs" / "site.pot", project / "catalogs")
    stats = result.stats
    assert (stats.kept, stats.fuzzy, stats.revived, stats.new, stats.obsolete, stats.dropped) == (2, 1, 1, 1, 1, 1)
    po = entries(project / "catalogs" / "fr" / "site.po")
    kept = po["Stop the scanning of private messages"]
    assert kept.msgstr == "Stop au scan des messages privés" and not kept.fuzzy
    assert kept.tcomment == "Checked with the campaign team."                      # translator comment kept
    assert kept.occurrences == [("content/en/page.md", "1")]                         # references from the template
    changed = po["The European Parliament votes on the LIBE Committee report tomorrow."]
    assert changed.fuzzy and changed.msgstr.startswith("Le Parlement européen")      # old translation, fuzzy
    assert changed.previous_msgid == "The European Parliament votes on the LIBE Committee report today."
    revived = po["Come back soon"]
    assert not revived.obsolete and revived.msgstr == "Revenez vite"
    assert revived.tcomment == "A translator's note on an obsolete message."
    plural = po["%(count)d survivor signed"]
    assert plural.msgstr_plural == {0: "%(count)d survivante a signé", 1: "%(count)d survivantes ont signé"}
    assert "python-format" in plural.flags
    new = po["A brand new sentence nobody has seen."]
    assert new.msgstr == "" and not new.obsolete
    gone = po["This sentence left the page."]
    assert gone.obsolete and gone.msgstr == "Cette phrase a quitté la page." and gone.tcomment == "Keep for the next campaign."
    assert "Never translated and removed." not in po                                 # nothing to keep: dropped
    header = polib.pofile(str(project / "catalogs" / "fr" / "site.po")).metadata
    assert header["POT-Creation-Date"] == "2026-01-01 00:00+0000" and header["PO-Revision-Date"] == "2025-06-02 10:00+0000"


def test_fuzzy_entry_is_written_with_previous_msgid(project):
    update(project / "catalogs" / "site.pot", project / "catalogs")
    text = (project / "catalogs" / "fr" / "site.po").read_text(encoding="utf-8")
    assert textwrap.dedent("""\
        #: content/en/page.md:3
        #, fuzzy
        #| msgid "The European Parliament votes on the LIBE Committee report today."
        msgid "The European Parliament votes on the LIBE Committee report tomorrow."
        """) in text
    assert '#~ msgid "This sentence left the page."' in text


def test_second_run_changes_no_byte(project):
    catalog = project / "catalogs" / "fr" / "site.po"
    update(project / "catalogs" / "site.pot", project / "catalogs")
    first, mtime = catalog.read_bytes(), catalog.stat().st_mtime_ns
    [result] = update(project / "catalogs" / "site.pot", project / "catalogs")
    assert not result.written and catalog.read_bytes() == first and catalog.stat().st_mtime_ns == mtime
    assert (result.stats.kept, result.stats.new, result.stats.fuzzy, result.stats.obsolete) == (5, 0, 0, 0)


def test_written_catalogs_pass_msgfmt_check_and_msgcat_changes_nothing(project):
    update(project / "catalogs" / "site.pot", project / "catalogs", ["fr", "de", "pl"])
    for language in ("fr", "de", "pl"):
        path = project / "catalogs" / language / "site.po"
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
        msgcat = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout
        assert msgcat == path.read_text(encoding="utf-8"), language


@pytest.mark.parametrize("language, plural_forms", [
    ("de", "nplurals=2; plural=(n != 1);"),
    ("fr", "nplurals=2; plural=(n > 1);"),
    ("pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    ("pt_BR", "nplurals=2; plural=(n > 1);"),
])
def test_a_missing_catalog_is_created_with_a_correct_header(project, language, plural_forms):
    shutil.rmtree(project / "catalogs" / "fr")
    [result] = update(project / "catalogs" / "site.pot", project / "catalogs", [language])
    assert result.created and result.stats.new == 5
    po = polib.pofile(str(project / "catalogs" / language / "site.po"))
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == plural_forms
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["POT-Creation-Date"] == "2026-01-01 00:00+0000"
    assert len(po.find("%(count)d survivor signed").msgstr_plural) == int(plural_forms[9])
    assert msgfmt_check(project / "catalogs" / language / "site.po").returncode == 0


def test_unknown_language_without_plural_rule_is_exit_2(run_cli, project):
    code, _, err = run_cli("update", "--lang", "xx", cwd=project)
    assert code == 2
    assert err == ("i18n-check: error: --lang: no catalog in language 'xx'; catalogs found: fr; no plural rule is known "
                   "to create one (create its catalog with a Plural-Forms header, as msginit does)\n")
    assert not (project / "catalogs" / "xx" / "site.po").exists()


def test_cli_updates_every_language_folder_and_the_configured_languages(run_cli, project):
    (project / "catalogs" / "de").mkdir()
    (project / "pyproject.toml").write_text('[tool.i18n-check]\nlanguages = ["it"]\n')
    code, _, err = run_cli("update", cwd=project)
    assert code == 0
    assert "created catalogs/de/site.po" in err and "created catalogs/it/site.po" in err
    assert "updated catalogs/fr/site.po: 1 new, 1 fuzzy, 1 revived, 1 obsolete, 1 dropped" in err
    code, _, err = run_cli("update", cwd=project)
    assert code == 0 and err.count("unchanged") == 3


def test_duplicate_definitions_are_refused(run_cli, project):
    path = project / "catalogs" / "fr" / "site.po"
    path.write_text(CATALOG + '\nmsgid "Stop the scanning of private messages"\nmsgstr "Autre"\n', encoding="utf-8")
    before = path.read_bytes()
    code, _, err = run_cli("update", cwd=project)
    assert code == 2 and "duplicate message definition" in err
    assert path.read_bytes() == before


def test_malformed_catalog_is_exit_2_and_left_alone(run_cli, project):
    path = project / "catalogs" / "fr" / "site.po"
    path.write_text(CATALOG.replace('msgstr "Cette phrase', 'msgstr Cette phrase'), encoding="utf-8")
    before = path.read_bytes()
    code, _, err = run_cli("update", cwd=project)
    assert code == 2 and "catalogs/fr/site.po" in err and "Traceback" not in err
    assert path.read_bytes() == before


def run_update_process(root: Path, extra: str = "") -> subprocess.Popen:
    code = f"{extra}\nfrom i18n_check.update import update\nupdate('catalogs/site.pot', 'catalogs')\n"
    return subprocess.Popen([sys.executable, "-c", code], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_held_lock_makes_a_second_update_wait(project):
    catalog = project / "catalogs" / "fr" / "site.po"
    with catalogs_lock(project / "catalogs"):
        process = run_update_process(project)
        time.sleep(1.0)
        assert process.poll() is None                      # waiting for the lock
        assert catalog.read_text(encoding="utf-8") == CATALOG
    assert process.wait(timeout=30) == 0, process.stderr.read()
    assert "#| msgid" in catalog.read_text(encoding="utf-8")
    assert (project / "catalogs" / LOCK_NAME).exists()


def test_concurrent_updates_leave_one_whole_result(project):
    processes = [run_update_process(project) for _ in range(4)]
    assert all(p.wait(timeout=60) == 0 for p in processes)
    first = (project / "catalogs" / "fr" / "site.po").read_bytes()
    update(project / "catalogs" / "site.pot", project / "catalogs")
    assert (project / "catalogs" / "fr" / "site.po").read_bytes() == first
    assert msgfmt_check(project / "catalogs" / "fr" / "site.po").returncode == 0


def test_a_crash_mid_write_leaves_the_old_catalog_whole(project):
    # The process dies (no cleanup, no exception handling) at the moment the new file would replace the old.
    crash = "import os\nos.replace = lambda *args: os._exit(9)"
    process = run_update_process(project, crash)
    assert process.wait(timeout=30) == 9
    assert (project / "catalogs" / "fr" / "site.po").read_text(encoding="utf-8") == CATALOG


# ------------------------------------------------------------------ the writer


def random_text(rnd: random.Random) -> str:
    pieces = ["survivor", "Überlebende", "l’abus", "EU", "2020", "e.g.", "HH:MM[:ss[.uuuuuu]]", "%s", "%(name)s",
              "{name}", "«\u00a0oui\u00a0»", "https://example.org/a/b?c=1", "<a href=\"x\">", "</a>", "—", "\\",
              '"', "\t", "\n", "日本語", "x86-64", "(LIBE)", "**bold**", "`code`", "!", "?", ";", "…"]
    return "".join(rnd.choice(pieces) + rnd.choice([" ", " ", " ", "", "  "]) for _ in range(rnd.randint(1, 30))).strip(" ") or "x"


def test_writer_matches_msgcat_on_random_messages(tmp_path):
    rnd = random.Random(20261128)
    messages, seen = [], set()
    for _ in range(1500):
        message = Entry(msgid=random_text(rnd), msgstr=(random_text(rnd),),
                        flags=rnd.choice([(), (), ("python-format",), ("python-brace-format",), ("c-format",), ("fuzzy",)]),
                        references=tuple(f"content/en/p{rnd.randint(0, 99)}.md:{rnd.randint(1, 999)}" for _ in range(rnd.randint(0, 9))),
                        translator_comments=("checked",) if rnd.random() < 0.1 else ())
        if rnd.random() < 0.1:
            message = message._replace(msgctxt=random_text(rnd))
        if rnd.random() < 0.1:
            message = message._replace(previous_msgid=random_text(rnd), flags=("fuzzy",) + message.flags)
        if rnd.random() < 0.1:
            message = message._replace(msgid_plural=random_text(rnd), msgstr=(random_text(rnd), random_text(rnd)))
        message = message._replace(obsolete=rnd.random() < 0.1)
        if message.key not in seen:
            seen.add(message.key)
            messages.append(message)
    header = Entry("", ("Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n",))
    catalog = Catalog.create(tmp_path / "random.po", header, [m for m in messages if not m.obsolete],
                             [m for m in messages if m.obsolete])
    path = tmp_path / "random.po"
    path.write_text(render_catalog(catalog), encoding="utf-8")
    msgcat = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout
    ours = path.read_text(encoding="utf-8")
    mismatched = [pair for pair in zip(ours.split("\n\n"), msgcat.split("\n\n")) if pair[0] != pair[1]]
    assert not mismatched, mismatched[:3]
    assert ours == msgcat


@pytest.mark.parametrize("name", ["django-de.po", "django-admin-fr.po"])
def test_real_gettext_catalogs_load_and_save_back_byte_identically(name):
    original = (REAL / name).read_text(encoding="utf-8")
    assert render_catalog(load_utf8(REAL / name)) == original


def test_real_babel_catalog_saves_back_as_msgcat_writes_it(tmp_path):
    # The documented difference: a catalog Babel wrapped is written with GNU gettext's wrapping, nothing else.
    written = render_catalog(load_utf8(REAL / "sphinx-de.po"))
    msgcat = subprocess.run(["msgcat", str(REAL / "sphinx-de.po")], capture_output=True, text=True, check=True).stdout
    assert written == msgcat
    assert written != (REAL / "sphinx-de.po").read_text(encoding="utf-8")
    before = polib.pofile(str(REAL / "sphinx-de.po"))
    (tmp_path / "out.po").write_text(written, encoding="utf-8")
    after = polib.pofile(str(tmp_path / "out.po"))
    # Flags come out in gettext's order (python-format before python-brace-format), as msgcat writes them.
    assert [(e.msgid, e.msgstr, e.msgstr_plural, set(e.flags), e.occurrences, e.tcomment) for e in before] == \
           [(e.msgid, e.msgstr, e.msgstr_plural, set(e.flags), e.occurrences, e.tcomment) for e in after]


@pytest.mark.parametrize("name", ["django-de.po", "django-admin-fr.po", "sphinx-de.po"])
def test_msgfmt_judges_what_we_write_as_it_judges_the_original(tmp_path, name):
    out = tmp_path / name
    out.write_text(render_catalog(load_utf8(REAL / name)), encoding="utf-8")
    assert msgfmt_check(out).returncode == msgfmt_check(REAL / name).returncode
    # django-admin-fr.po is a real defect (nplurals=2 with three forms): kept as is, not hidden.
    assert (msgfmt_check(out).returncode == 0) == (name != "django-admin-fr.po")


def test_update_agrees_with_msgmerge_on_a_real_catalog(tmp_path):
    """Template = the Sphinx catalog with messages removed, edited and added; our merge vs `msgmerge --previous`."""
    old = load_utf8(REAL / "sphinx-de.po")
    rnd = random.Random(7)
    template = []
    for message in old.entries:
        draw = rnd.random()
        if draw < 0.08:
            continue
        msgid = message.msgid + (" again" if draw < 0.16 else "")
        template.append(Entry(msgid=msgid, msgctxt=message.msgctxt, msgid_plural=message.msgid_plural,
                              msgstr=("",) * len(message.msgstr), references=message.references,
                              flags=tuple(f for f in message.flags if f != "fuzzy")))
    template += [Entry(msgid=f"A message added in the new release, number {i}") for i in range(20)]
    header = Entry("", (old.header_entry.msgstr[0],))
    (tmp_path / "t.pot").write_text(render_catalog(Catalog.create(tmp_path / "t.pot", header, template)), encoding="utf-8")
    ours, _ = merge(load_utf8(tmp_path / "t.pot"), old)
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(tmp_path / "mm.po"), str(REAL / "sphinx-de.po"),
                    str(tmp_path / "t.pot")], check=True)
    theirs = load_utf8(tmp_path / "mm.po")

    def summary(catalog):
        return ({m.key for m in catalog.entries}, {m.key for m in catalog.entries if m.fuzzy}, {m.key for m in catalog.obsolete})

    (a_active, a_fuzzy, a_obsolete), (b_active, b_fuzzy, b_obsolete) = summary(ours), summary(theirs)
    assert a_active == b_active
    assert a_obsolete == b_obsolete
    assert len(a_fuzzy ^ b_fuzzy) <= 0.05 * len(b_fuzzy | {None})  # fstrcmp and difflib rank a few near-misses apart
    assert len(b_fuzzy) > 10


def test_a_crlf_catalog_without_final_newline_is_merged_and_written_with_lf(project):
    path = project / "catalogs" / "fr" / "site.po"
    path.write_bytes(CATALOG.replace("\n", "\r\n").rstrip().encode("utf-8"))
    update(project / "catalogs" / "site.pot", project / "catalogs")
    data = path.read_bytes()
    assert b"\r" not in data and data.endswith(b'"\n')
    po = entries(path)
    assert po["Stop the scanning of private messages"].msgstr == "Stop au scan des messages privés"
    assert po["Come back soon"].msgstr == "Revenez vite"
    assert msgfmt_check(path).returncode == 0


@pytest.mark.parametrize("name", ["django-de.po", "sphinx-de.po"])
def test_wrapping_without_libunistring_is_the_same(monkeypatch, name):
    """Where libunistring is missing, the UAX #14 fallback fills lines the same way on real catalogs."""
    from i18n_check.catalog import write as po_writer

    with_library = render_catalog(load_utf8(REAL / name))
    monkeypatch.setattr(po_writer, "UNISTRING", None)
    assert render_catalog(load_utf8(REAL / name)) == with_library
