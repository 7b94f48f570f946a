"""Hostile campaign, writes (issue 13): nothing the user wrote is lost or overwritten, whatever the
tool is asked to write where, and what it writes reads back.

Each section is one class of defect; its tests walk the user's wrong turns on the bundled
campaign (catalogs/, content/, glossary.yaml copied to a temporary project) with the real CLI.
The closing note of issue 13 maps each class to the promise it broke (CONTRACT §2, README).
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, msgfmt_check
from i18n_check.catalog import load_catalog

PROJECT_FILES = ("catalogs", "content", "glossary.yaml")
SETTINGS = '[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\ncontent = "content/en"\n'
FR = "catalogs/fr/campaign.po"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The bundled campaign in a folder of its own (the working folder), its cache key there too."""
    root = tmp_path / "project"
    root.mkdir()
    for name in PROJECT_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, root / name)
    (root / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.chdir(root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project (links as links): relative path -> bytes or link target."""
    found = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.name == ".i18n-check.lock" and path.is_file() and not path.stat().st_size:
            continue  # the lock every update takes
        if path.is_symlink():
            found[key] = ("link", os.readlink(path))
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def one_line_error(err: str, starts: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"i18n-check: error: {starts}"), err
    assert "Traceback" not in err and ".tmp" not in err, err
    return lines[0]


def run(*args, cwd: Path | None = None, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real CLI in a process of its own (signals, FIFOs and devices behave as for a user)."""
    return subprocess.run([sys.executable, "-m", "i18n_check", *map(str, args)], cwd=cwd, capture_output=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def run_as_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The CLI as a user whom file modes bind: as root, without the power to read and write any file (setpriv)."""
    caps = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-m", "i18n_check", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


# ---------------------------------------------------------------- outputs that are inputs or another kind of file
# CONTRACT §2: `update`... "no translation is ever lost"; README: writes are atomic. An output path
# that is an input of the run, or a PO/POT/glossary/settings file the command does not produce,
# is refused (exit 2) and left byte for byte as it was.

REFUSED_OUTPUTS = [
    ("extract onto a catalog", ["extract", "content/en", "-o", FR], FR, "translation catalog"),
    ("extract onto the glossary", ["extract", "content/en", "-o", "glossary.yaml"], "glossary.yaml", "glossary"),
    ("extract onto its own content", ["extract", "content/en", "-o", "content/en/eu-derogation.md"],
     "content/en/eu-derogation.md", "input of this run"),
    ("extract onto the settings", ["extract", "content/en", "-o", "pyproject.toml"], "pyproject.toml", "settings"),
    ("check -o the catalog it checks", ["check", FR, "-o", FR], FR, "input of this run"),
    ("check -o another catalog", ["check", "-o", "catalogs/de/campaign.po"], "catalogs/de/campaign.po", "PO or MO file"),
    ("check -o the template", ["check", "-o", "catalogs/campaign.pot"], "catalogs/campaign.pot", "PO or MO file"),
    ("check -o the glossary", ["check", "--format", "json", "-o", "glossary.yaml"], "glossary.yaml", "input of this run"),
    ("check -o a glossary it does not read", ["check", "--no-glossary", "-o", "glossary.yaml"], "glossary.yaml", "input of this run"),
    ("check -o the settings", ["check", "-o", "pyproject.toml"], "pyproject.toml", "input of this run"),
    ("--write-baseline onto a catalog", ["check", "--write-baseline", FR], FR, "PO or MO file"),
    ("--write-baseline onto the glossary", ["check", "--write-baseline", "glossary.yaml"], "glossary.yaml", "input of this run"),
    ("report -o a catalog", ["report", "-o", FR], FR, "PO or MO file"),
    ("report -o a source page", ["report", "-o", "content/en/eu-derogation.md"], "content/en/eu-derogation.md", "input of this run"),
    ("check -o a source page", ["check", "--format", "markdown", "-o", "content/en/eu-derogation.md"],
     "content/en/eu-derogation.md", "input of this run"),
    ("report -o the glossary", ["report", "-o", "glossary.yaml"], "glossary.yaml", "input of this run"),
    ("glossary export -o the glossary", ["glossary", "export", "--format", "yaml", "-o", "glossary.yaml"], "glossary.yaml",
     "input of this run"),
    ("glossary export -o a catalog", ["glossary", "export", "-o", FR], FR, "PO or MO file"),
    ("glossary import -o its source", ["glossary", "import", "exported.csv", "-o", "exported.csv"], "exported.csv",
     "input of this run"),
]


@pytest.mark.parametrize("args, target, says", [c[1:] for c in REFUSED_OUTPUTS], ids=[c[0] for c in REFUSED_OUTPUTS])
def test_an_output_never_replaces_an_input_or_a_file_of_another_kind(project, run_cli, args, target, says):
    if "exported.csv" in args:
        run_cli("glossary", "export", "-o", "exported.csv")
    before = snapshot(project)
    code, out, err = run_cli(*args)
    assert code == 2, (out, err)
    assert says in one_line_error(err, f"{target}: ")
    assert snapshot(project) == before, "a refused write must change nothing"


# A README or an earlier report quotes the settings, a catalog and a glossary in its examples;
# that does not make it one: a report named onto it replaces it (as `-o` does in every tool).
DOCUMENT_QUOTING_EVERYTHING = ('# Our campaign\n\n```toml\n[tool.i18n-check]\nglossary = "glossary.yaml"\n```\n\n'
                               '```po\nmsgid "Survivors"\nmsgstr "Survivantes et survivants"\n```\n\n'
                               '```yaml\nconcepts:\n  survivor: {}\n```\n')


@pytest.mark.parametrize("name", ["README.md", "notes.txt", "old-report.html"])
def test_a_report_replaces_a_document_that_quotes_catalogs_and_settings(project, run_cli, name):
    (project / name).write_text(DOCUMENT_QUOTING_EVERYTHING, encoding="utf-8")
    code, out, err = run_cli("report", "-o", name)
    assert code in (0, 1), (out, err)
    assert "<html" in (project / name).read_text(encoding="utf-8").lower()


def test_the_baseline_and_the_report_are_not_one_file(project, run_cli):
    code, _, err = run_cli("check", "-o", "out.json", "--write-baseline", "out.json")
    assert code == 2 and "is also the --output file" in one_line_error(err, "out.json: ")
    run_cli("check", "--write-baseline", "base.json")
    before = (project / "base.json").read_bytes()
    code, _, err = run_cli("check", "--baseline", "base.json", "--write-baseline", "base.json")
    assert code == 2 and "input of this run" in one_line_error(err, "base.json: ")
    assert (project / "base.json").read_bytes() == before


@pytest.mark.parametrize("args, says", [(["check", "-o", ""], "--output: empty path"),
                                        (["check", "--write-baseline", " "], "--write-baseline: empty path"),
                                        (["check", "--write-baseline", "-"], "--write-baseline: - (stdout)"),
                                        (["report", "-o", ""], "--output: empty path"),
                                        (["glossary", "export", "-o", ""], "--output: empty path")])
def test_an_empty_output_path_is_an_error_not_stdout(project, run_cli, args, says):
    """An unset variable (`-o "$REPORT"`) wrote the report to stdout, or a baseline to a file named `-`."""
    before = snapshot(project)
    code, out, err = run_cli(*args)
    assert code == 2 and says in one_line_error(err, "") and out == ""
    assert snapshot(project) == before


def test_outputs_of_their_own_kind_are_replaced_as_before(project, run_cli):
    """The guard refuses only what is not the command's to replace: a report over the last report, a
    template over the template, an export over the last export."""
    for _ in range(2):
        assert run_cli("check", "--format", "json", "-o", "report.json")[0] == 1
        assert run_cli("check", "--write-baseline", "baseline.json")[0] in (0, 1)  # 0: issue 12
        assert run_cli("report", "-o", "report.html")[0] == 0
        assert run_cli("glossary", "export", "-o", "glossary.tbx")[0] == 0
        assert run_cli("extract", "content/en", "-o", "catalogs/campaign.pot")[0] == 0
    assert json.loads((project / "report.json").read_text("utf-8"))["summary"]["blocking"] == 6
    (project / "notes.txt").write_text("")  # an empty file holds no one's work
    assert run_cli("extract", "content/en", "-o", "notes.txt")[0] == 0


def test_extract_refuses_a_template_that_holds_a_translation(project, run_cli):
    """A catalog named .pot is still a catalog: the test is its content, not its name."""
    (project / "catalogs" / "campaign.pot").write_bytes((project / FR).read_bytes())
    before = snapshot(project)
    code, _, err = run_cli("extract", "content/en", "-o", "catalogs/campaign.pot")
    assert code == 2 and "translation catalog" in one_line_error(err, "catalogs/campaign.pot: ")
    assert snapshot(project) == before


# ---------------------------------------------------------------- links, FIFOs, devices, read-only files
# README: "writes are atomic"; an output is written where the user pointed, not by replacing the
# node there (issue 13 item 5: as root, -o /dev/null replaced the system's node).


def test_output_through_a_symlink_writes_the_file_it_points_to(project, run_cli):
    (project / "reports").mkdir()
    (project / "latest.json").symlink_to("reports/2026.json")  # dangling: the report creates it
    assert run_cli("check", "--format", "json", "-o", "latest.json")[0] == 1
    assert (project / "latest.json").is_symlink(), "the link was replaced by a regular file"
    assert json.loads((project / "reports" / "2026.json").read_text("utf-8"))["tool"] == "i18n-check"
    assert run_cli("check", "--format", "json", "-o", "latest.json")[0] == 1  # and again, over the file
    assert (project / "latest.json").is_symlink()


def test_output_through_a_symlink_to_an_input_is_refused(project, run_cli):
    (project / "sneaky.txt").symlink_to(FR)
    before = snapshot(project)
    code, _, err = run_cli("check", FR, "-o", "sneaky.txt")
    assert code == 2 and "input of this run" in one_line_error(err, "sneaky.txt: ")
    assert snapshot(project) == before


def test_output_through_a_symlink_to_a_device_writes_to_the_device(project, run_cli):
    (project / "nowhere").symlink_to("/dev/null")
    for args in (["check", "-o", "nowhere"], ["check", "--write-baseline", "nowhere"], ["report", "-o", "nowhere"],
                 ["glossary", "export", "-o", "nowhere"], ["extract", "content/en", "-o", "nowhere"]):
        code, _, err = run_cli(*args)
        assert code in (0, 1) and "Traceback" not in err, (args, err)
        assert (project / "nowhere").is_symlink() and os.readlink(project / "nowhere") == "/dev/null", args
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_fifo_is_written_into_it(project, run_cli):
    fifo = project / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run_cli("check", "--format", "json", "-o", "pipe")
    reader.join(timeout=30)
    if reader.is_alive():  # nothing was written into the FIFO: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert code == 1, err
    assert json.loads(received[0])["summary"]["blocking"] == 6
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"


def test_output_to_stdout_by_name_follows_the_shell_redirection(project):
    with open(project / "redirected.txt", "wb") as handle:
        handle.write(b"kept: written before\n")
        handle.flush()
        done = subprocess.run([sys.executable, "-m", "i18n_check", "check", "--format", "json", "-o", "/dev/stdout"],
                              cwd=project, stdout=handle, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1, done.stderr
    text = (project / "redirected.txt").read_text("utf-8")
    assert text.startswith("kept: written before\n") and '"tool": "i18n-check"' in text


def test_a_read_only_output_is_refused(project, run_cli):
    target = project / "frozen.json"
    target.write_text('{"kept": true}\n')
    target.chmod(0o444)
    for args in (["check", "-o", "frozen.json"], ["check", "--write-baseline", "frozen.json"], ["report", "-o", "frozen.json"]):
        code, _, err = run_cli(*args)
        assert code == 2 and "read-only" in one_line_error(err, "frozen.json: "), args
    assert target.read_text() == '{"kept": true}\n' and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_update_writes_through_a_symlinked_catalog(project, run_cli):
    shared = project / "shared" / "fr.po"
    shared.parent.mkdir()
    shutil.move(project / FR, shared)
    (project / FR).symlink_to(Path("../../shared/fr.po"))
    (project / "content" / "en" / "eu-derogation.md").open("a").write("\nA sentence added for update.\n")
    assert run_cli("extract", "content/en")[0] == 0
    code, _, err = run_cli("update")
    assert code == 0, err
    assert (project / FR).is_symlink(), "update replaced the link with a regular file"
    assert "A sentence added for update." in shared.read_text("utf-8")
    assert msgfmt_check(shared).returncode == 0


def test_update_refuses_a_catalog_that_is_the_template(project, run_cli):
    (project / FR).unlink()
    (project / FR).symlink_to(Path("../campaign.pot"))
    before = snapshot(project)
    code, _, err = run_cli("update")
    assert code == 2 and "input of this run" in one_line_error(err, f"{FR}: ")
    assert snapshot(project) == before


# ---------------------------------------------------------------- write errors name the user's file
# CONTRACT §2: exit 2 with "a one-paragraph error naming the file"; it named `.x.json.z5dytppn.tmp`.


@pytest.mark.parametrize("args", [["check", "-o", "missing/dir/x.json"], ["check", "--write-baseline", "missing/dir/x.json"],
                                  ["report", "-o", "missing/dir/x.json"], ["glossary", "export", "-o", "missing/dir/x.json"]])
def test_a_write_error_names_the_users_path(project, run_cli, args):
    code, _, err = run_cli(*args)
    assert code == 2
    assert "the folder missing/dir does not exist" in one_line_error(err, "missing/dir/x.json: ")
    assert not list(project.rglob("*.tmp"))


def test_a_folder_that_cannot_be_written_is_named_with_the_file(project):
    (project / "locked").mkdir()
    (project / "locked").chmod(0o555)
    done = run_as_user(["check", "-o", "locked/r.json"], project)
    assert done.returncode == 2
    assert "the folder locked is not writable" in one_line_error(done.stderr, "locked/r.json: cannot write: Permission denied")


# ---------------------------------------------------------------- never outside the configured folders
# README (publish writes content/<lang>/ from the catalogs); CONTRACT §1 layout. A Language header
# or a --lang value is a folder name: one validator (catalog.check_language) stands before both.


@pytest.mark.parametrize("language", ["..", "../outside", "ABSOLUTE", "en/sub", "fr/../../x", "fr\\..\\x", "fr@/../x", "fr x"])
def test_publish_never_writes_where_a_language_header_points(project, run_cli, language, tmp_path):
    absolute = tmp_path / "absolute"
    language = language.replace("ABSOLUTE", str(absolute))
    catalog = project / FR
    written = language.replace("\\", "\\\\")  # as a PO string
    catalog.write_text(catalog.read_text("utf-8").replace('"Language: fr\\n"', f'"Language: {written}\\n"'), "utf-8")
    before = snapshot(project)
    outside = sorted(project.parent.iterdir())
    code, _, err = run_cli("publish", "--force")
    assert code == 2, err
    assert "is not a language code" in one_line_error(err, f"{FR}:")
    assert snapshot(project) == before and sorted(project.parent.iterdir()) == outside
    assert not absolute.exists()


def test_update_lang_never_creates_a_catalog_outside_the_catalogs_folder(project, run_cli):
    before = snapshot(project)
    outside = sorted(project.parent.iterdir())
    for value in ("fr@/../../x", "../x", "fr/../../y", "/tmp/z"):
        code, _, err = run_cli("update", "--lang", value)
        assert code == 2 and "is not a language code" in one_line_error(err, ""), value  # --lang, or update's own test
    assert snapshot(project) == before and sorted(project.parent.iterdir()) == outside
    # Real codes pass: a region, a script variant.
    assert run_cli("update", "--lang", "pt_BR,sr@latin")[0] == 0
    assert load_catalog(project / "catalogs" / "sr@latin" / "campaign.po").language == "sr@latin"


def test_publish_refuses_a_language_folder_that_leads_into_the_source(project, run_cli):
    shutil.rmtree(project / "content" / "fr")
    (project / "content" / "fr").symlink_to("en")
    before = snapshot(project)
    code, _, err = run_cli("publish", "--force", "--lang", "fr")
    assert code == 2 and "source" in one_line_error(err, "content")
    assert snapshot(project) == before


def test_publish_refuses_a_page_linked_to_its_source_or_outside(project, run_cli, tmp_path):
    page = project / "content" / "fr" / "eu-derogation.md"
    page.unlink()
    page.symlink_to("../en/eu-derogation.md")
    before = snapshot(project)
    code, _, err = run_cli("publish", "--force", "--lang", "fr")
    assert code == 2 and "input of this run" in one_line_error(err, "content/fr/eu-derogation.md: ")
    assert snapshot(project) == before
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("not the campaign's\n")
    page.unlink()
    page.symlink_to(elsewhere)
    code, _, err = run_cli("publish", "--force", "--lang", "fr")
    assert code == 2 and "outside content/fr" in one_line_error(err, "content/fr/eu-derogation.md: ")
    assert elsewhere.read_text() == "not the campaign's\n"


# ---------------------------------------------------------------- what we write reads back
# README: "the output is byte-for-byte what msgcat would write"; the brief: everything written is
# read back by our reader and accepted by msgfmt --check. Enforced where the text is made
# (catalog.write.render_catalog): what would not read back is a located error, nothing is written.


def add_message(path: Path, block: str) -> None:
    path.write_text(path.read_text("utf-8") + "\n" + block, "utf-8")


def test_update_refuses_to_write_a_nul_it_read_from_an_escape(project, run_cli):
    line = (project / FR).read_text("utf-8").count("\n") + 2  # the added message's msgid, after a blank line
    add_message(project / FR, 'msgid "Donate now"\nmsgstr "Faites un don\\0 maintenant"\n')
    assert run_cli("check", "--no-glossary", FR)[0] in (0, 1)  # msgfmt accepts \0 (it cuts the string there)
    before = snapshot(project)
    code, _, err = run_cli("update")
    assert code == 2 and "NUL character" in one_line_error(err, "") and f"{FR}:{line}:" in err
    assert snapshot(project) == before


def test_update_refuses_a_plural_message_in_a_catalog_with_nplurals_0(project, run_cli):
    catalog = project / FR
    catalog.write_text(catalog.read_text("utf-8").replace("nplurals=2; plural=(n > 1);", "nplurals=0; plural=0;"), "utf-8")
    add_message(project / "catalogs" / "campaign.pot",
                'msgid "%d survivor"\nmsgid_plural "%d survivors"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    before = snapshot(project)
    code, _, err = run_cli("update", "--lang", "fr")
    assert code == 2 and "Plural-Forms" in one_line_error(err, "") and f"{FR}:3:" in err
    assert snapshot(project) == before


@pytest.mark.parametrize("entity", ["&#0;", "&#x0;", "&#00;"])
def test_extract_never_writes_a_nul_from_an_html_entity(project, run_cli, entity):
    """HTML5 reads `&#0;` as U+FFFD; whether the content reader does so or leaves a NUL that the
    writer then refuses at the page's line, the template written (if any) reads back."""
    (project / "content" / "en" / "page.html").write_text(f"<p>First</p>\n<p>Report {entity} abuse</p>\n", "utf-8")
    before = snapshot(project)
    code, _, err = run_cli("extract", "content/en")
    if code == 2:
        assert "NUL character" in one_line_error(err, "content/en/page.html:2: ")
        assert snapshot(project) == before
    else:
        template = project / "catalogs" / "campaign.pot"
        assert code == 0 and msgfmt_check(template).returncode == 0
        assert "Report \ufffd abuse" in [e.msgid for e in load_catalog(template).entries]


def test_the_writer_refuses_a_nul_at_the_line_of_the_source_it_came_from(tmp_path):
    """Enforced where the text is made: a message made in memory (extract) is located by its reference."""
    from i18n_check.catalog import Catalog, Entry
    from i18n_check.errors import InputError
    from i18n_check.catalog.write import render_catalog

    entry = Entry("Report\x00 abuse", references=("content/en/page.html:7", "content/en/other.md:2"))
    with pytest.raises(InputError) as raised:
        render_catalog(Catalog.create(tmp_path / "t.pot", Entry("", ("Content-Type: text/plain; charset=UTF-8\n",)), [entry]))
    assert str(raised.value).startswith("content/en/page.html:7: ") and "NUL character" in str(raised.value)


def test_a_file_name_with_a_line_end_cannot_write_lines_into_the_template(project, run_cli):
    (project / "content" / "en" / 'x\nmsgid "pwn"\nmsgstr "pwned"\n#.md').write_text("# Injected?\n", "utf-8")
    before = snapshot(project)
    code, _, err = run_cli("extract", "content/en")
    assert code == 2 and "U+000A" in one_line_error(err, "content/en/x\\nmsgid")
    assert snapshot(project) == before


def test_a_file_name_with_spaces_is_one_reference_as_gettext_writes_it(project, run_cli):
    (project / "content" / "en" / "take action.md").write_text("# Take action now\n", "utf-8")
    assert run_cli("extract", "content/en")[0] == 0
    template = project / "catalogs" / "campaign.pot"
    assert "#: \u2068content/en/take action.md\u2069:1\n" in template.read_text("utf-8")
    assert msgfmt_check(template).returncode == 0
    (entry,) = [e for e in load_catalog(template).entries if e.msgid == "Take action now"]
    assert entry.references == ("\u2068content/en/take action.md\u2069:1",)
    assert run_cli("update")[0] == 0
    (entry,) = [e for e in load_catalog(project / FR).entries if e.msgid == "Take action now"]
    assert entry.references == ("\u2068content/en/take action.md\u2069:1",)


# ---------------------------------------------------------------- update keeps every translation
# CONTRACT §2 `update`: "no translation is ever lost (stricter than msgmerge: when a plural message
# becomes singular, its other plural forms are kept in the catalog in a form msgfmt --check accepts)".

PLURAL_CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

# Checked with the campaign team.
#: content/en/page.md:3
msgid "%d survivor signed"
msgid_plural "%d survivors signed"
msgstr[0] "%d survivante a signé"
msgstr[1] "%d survivantes ont signé \\"ensemble\\"\\n"

msgctxt "menu"
msgid ""
msgstr "Menu principal"

msgctxt "footer"
msgid ""
msgstr "Pied de page"
"""


def template(*blocks: str) -> str:
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "\n".join(blocks)


def updated(root: Path, run_cli, pot: str) -> tuple[str, str]:
    (root / "catalogs" / "campaign.pot").write_text(pot, "utf-8")
    code, _, err = run_cli("update", "--lang", "fr")
    assert code == 0, err
    text = (root / FR).read_text("utf-8")
    assert msgfmt_check(root / FR).returncode == 0, msgfmt_check(root / FR).stderr
    load_catalog(root / FR)
    return text, err


def test_a_plural_message_become_singular_keeps_every_form_and_gets_them_back(project, run_cli):
    (project / FR).write_text(PLURAL_CATALOG, "utf-8")
    singular = template('msgid "%d survivor signed"\nmsgstr ""\n', 'msgctxt "menu"\nmsgid ""\nmsgstr ""\n')
    text, err = updated(project, run_cli, singular)
    assert "no change in messages" not in err and "1 fuzzy" in err
    (entry,) = [e for e in load_catalog(project / FR).entries if e.msgid == "%d survivor signed"]
    assert entry.msgstr == ("%d survivante a signé",) and entry.fuzzy
    assert entry.previous_msgid_plural == "%d survivors signed"  # #| msgid_plural, as msgmerge writes it
    assert 'msgstr[1] "%d survivantes ont signé \\"ensemble\\"\\n"' in "\n".join(entry.translator_comments)
    assert "Checked with the campaign team." in entry.translator_comments
    # A second run changes nothing; the message become plural again takes its forms back.
    assert updated(project, run_cli, singular)[0] == text
    updated(project, run_cli, template('msgid "%d survivor signed"\nmsgid_plural "%d survivors signed"\n'
                                       'msgstr[0] ""\nmsgstr[1] ""\n'))
    (entry,) = [e for e in load_catalog(project / FR).entries if e.msgid == "%d survivor signed"]
    assert entry.msgstr == ("%d survivante a signé", '%d survivantes ont signé "ensemble"\n')
    assert entry.translator_comments == ("Checked with the campaign team.",)


def test_an_obsolete_plural_message_revived_singular_keeps_its_forms(project, run_cli):
    (project / FR).write_text(PLURAL_CATALOG, "utf-8")
    updated(project, run_cli, template('msgid "Something else"\nmsgstr ""\n'))  # the plural goes obsolete
    assert any(e.msgid == "%d survivor signed" for e in load_catalog(project / FR).obsolete)
    updated(project, run_cli, template('msgid "%d survivor signed"\nmsgstr ""\n'))
    (entry,) = [e for e in load_catalog(project / FR).entries if e.msgid == "%d survivor signed"]
    assert any("%d survivantes ont signé" in line for line in entry.translator_comments)


def test_a_context_with_an_empty_msgid_is_a_message_not_a_header(project, run_cli):
    (project / FR).write_text(PLURAL_CATALOG, "utf-8")
    updated(project, run_cli, template('msgctxt "menu"\nmsgid ""\nmsgstr ""\n'))
    catalog = load_catalog(project / FR)
    assert [(e.msgctxt, e.msgstr) for e in catalog.entries] == [("menu", ("Menu principal",))]
    assert ("footer", ("Pied de page",)) in [(e.msgctxt, e.msgstr) for e in catalog.obsolete]  # kept as #~


# ---------------------------------------------------------------- file names that are not UTF-8
# CONTRACT §5: the JSON report; every report must be valid UTF-8 (sarif, junit... are read by tools).

LATIN1_NAME = b"caf\xe9.po"


@pytest.fixture
def latin1_catalog(project) -> bytes:
    os.rename(project / FR, os.path.join(os.fsencode(project / "catalogs" / "fr"), LATIN1_NAME))
    return b"catalogs/fr/" + LATIN1_NAME


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown", "html"])
def test_a_file_name_that_is_not_utf8_gives_valid_reports(project, latin1_catalog, fmt):
    for output in (None, "out.report"):
        args = [sys.executable, "-m", "i18n_check", "check", "--format", fmt, *(["-o", output] if output else [])]
        done = subprocess.run(args, cwd=project, capture_output=True, timeout=60)
        assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
        text = (project / output).read_bytes() if output else done.stdout
        shown = text.decode("utf-8")  # strict: one invalid byte fails
        assert "xe9" in shown
        if fmt == "json":
            assert {f["catalog"] for f in json.loads(shown)["findings"]} >= {"catalogs/fr/caf\\xe9.po"}


def test_a_file_name_that_is_not_utf8_in_a_baseline_and_the_editors_report(project, latin1_catalog):
    done = run("check", "--write-baseline", "base.json", cwd=project)
    assert done.returncode in (0, 1) and b"Traceback" not in done.stderr, done.stderr
    assert "caf\\\\xe9.po" in (project / "base.json").read_bytes().decode("utf-8")  # JSON escapes the backslash
    assert run("check", "--baseline", "base.json", cwd=project).returncode == 0
    done = run("report", "-o", "report.html", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "caf\\xe9.po" in (project / "report.html").read_bytes().decode("utf-8")


def test_extract_refuses_a_content_file_name_that_is_not_utf8(project):
    os.rename(project / "content" / "en" / "eu-derogation.md", os.fsencode(project / "content" / "en") + b"/d\xe9rogation.md")
    before = snapshot(project)
    done = run("extract", "content/en", cwd=project)
    assert done.returncode == 2
    assert "not UTF-8 (0xe9)" in one_line_error(done.stderr.decode("utf-8"), "content/en/d\\xe9rogation.md: ")
    assert snapshot(project) == before


# ---------------------------------------------------------------- special files the tool reads
# (A FIFO is read as a pipe: `check <(zcat fr.po.gz)`; a device never ends and is refused; what
# has a size limit is read no further than it.)


@pytest.mark.parametrize("args, says", [
    (["check", "--baseline", "/dev/zero"], "is a character device"),
    (["update", "--template", "/dev/zero"], "is a character device"),
    (["update", "--template", "catalogs/fr"], "is a folder"),
    (["glossary", "import", "/dev/zero"], "is a character device"),
    (["glossary", "lint", "/dev/zero"], "is a character device"),
    (["extract", "/dev/zero", "-o", "x.pot"], "/dev/zero: "),
])
def test_a_device_named_as_an_input_is_refused_not_read_for_ever(project, args, says):
    done = run(*args, cwd=project, timeout=60)
    assert done.returncode == 2 and says in one_line_error(done.stderr.decode(), "")


def test_an_endless_pipe_is_read_no_further_than_a_glossary(project):
    done = subprocess.run(f"{sys.executable} -m i18n_check glossary import <(yes)", shell=True, executable="/bin/bash",
                          cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "larger than 50 MB" in one_line_error(done.stderr, "/dev/fd/")
# CONTRACT §2: a path that is wrong exits 2 with "a one-line reason": the true one.


def test_a_glossary_that_is_a_device_or_a_folder_says_so(project, run_cli):
    code, _, err = run_cli("check", "--glossary", "/dev/zero")
    assert code == 2 and "is a character device" in one_line_error(err, "/dev/zero: ")
    code, _, err = run_cli("check", "--glossary", "catalogs")
    assert code == 2 and "is a folder" in one_line_error(err, "catalogs: ")
    code, _, err = run_cli("check", "--glossary", "no-such.yaml")
    assert code == 2 and "not found" in one_line_error(err, "no-such.yaml: ")


def test_a_catalog_that_is_a_device_says_so(project, run_cli):
    code, _, err = run_cli("check", "/dev/zero")
    assert code == 2 and "is a character device" in one_line_error(err, "/dev/zero: ")


def test_an_unreadable_catalogs_folder_says_so(project):
    (project / "catalogs").chmod(0)
    done = run_as_user(["check", "catalogs"], project)
    (project / "catalogs").chmod(0o755)
    assert done.returncode == 2
    assert "cannot read the folder: Permission denied" in one_line_error(done.stderr, "catalogs: ")


@pytest.mark.parametrize("plant", ["fifo", "symlink"])
def test_a_lock_file_that_is_not_a_file_is_refused_not_waited_on(project, plant):
    lock = project / "catalogs" / ".i18n-check.lock"
    os.mkfifo(lock) if plant == "fifo" else lock.symlink_to("/dev/zero")
    before = snapshot(project)
    started = time.monotonic()
    done = run("update", cwd=project, timeout=30)
    assert time.monotonic() - started < 20
    assert done.returncode == 2
    what = "a FIFO" if plant == "fifo" else "a symbolic link"
    assert f"is {what}" in one_line_error(done.stderr.decode(), "catalogs/.i18n-check.lock: ")
    assert snapshot(project) == before


# ---------------------------------------------------------------- the cache is untrusted
# README: "The cache never changes a report and is always safe to delete". A planted file, a link to
# /dev/zero, a FIFO or rows of the wrong shape are misses: same report, no hang, no traceback.

CACHE = ".i18n-check-cache"


def cache_files(root: Path) -> list[Path]:
    return sorted((root / CACHE).glob("*.marshal"))


def test_a_planted_cache_file_cannot_silence_findings(project):
    """The attacker computes every key and checksum from public facts (the catalog, the glossary,
    this very build), as the unkeyed format let anyone do: without the user's secret, a miss."""
    import hashlib

    from i18n_check.cache import MARSHAL_VERSION, cache_file, catalog_key, entry_digest, glossary_fingerprint
    from i18n_check.rules.select import select_rules
    from i18n_check.glossary import load_glossary

    first = run("check", "--format", "json", cwd=project)
    assert first.returncode == 1 and len(cache_files(project)) == 2
    glossary_hash = glossary_fingerprint(load_glossary(project / "glossary.yaml"))
    rule_ids = [r.id for r in select_rules()]
    for magic in (b"i18n-check result cache 1\n", b"i18n-check result cache 2\n"):
        for language in ("fr", "de"):
            catalog = load_catalog(Path("catalogs") / language / "campaign.po")
            results = {entry_digest(e): () for e in catalog.entries}  # "no finding" for every message
            payload = marshal.dumps({"key": catalog_key(catalog, rule_ids, glossary_hash), "results": results}, MARSHAL_VERSION)
            path = cache_file(project / CACHE, catalog)
            assert path.is_file()
            path.write_bytes(magic + hashlib.blake2b(payload, digest_size=16).digest() + payload)
        again = run("check", "--format", "json", cwd=project)
        assert again.returncode == 1, "a planted cache file turned blocking findings into a pass"
        assert json.loads(again.stdout)["findings"] == json.loads(first.stdout)["findings"]


def test_rows_of_the_wrong_shape_under_a_valid_seal_are_a_miss(project):
    from i18n_check.cache import CHECKSUM, MAGIC, MARSHAL_VERSION, cache_secret, seal, secret_file

    first = run("check", "--format", "json", cwd=project)
    secret = cache_secret(secret_file())
    assert secret is not None
    for shape in ((("untranslated",),), ("not rows",), ((1, 2, 3, 4, 5, 6, 7, 8, 9),), 0, "",
                  (("no-such-rule", 0, None, None, "m", None, None, None, None),)):
        for path in cache_files(project):
            stored = marshal.loads(path.read_bytes()[len(MAGIC) + CHECKSUM:])
            stored["results"] = {digest: shape for digest in stored["results"]}
            payload = marshal.dumps(stored, MARSHAL_VERSION)
            path.write_bytes(MAGIC + seal(payload, secret) + payload)
        again = run("check", "--format", "json", cwd=project)
        assert again.returncode == 1 and b"Traceback" not in again.stderr, again.stderr.decode()
        assert json.loads(again.stdout)["findings"] == json.loads(first.stdout)["findings"], shape


@pytest.mark.parametrize("plant", ["/dev/zero", "fifo"])
def test_a_cache_file_that_is_not_a_file_is_a_miss_not_a_hang(project, plant):
    first = run("check", "--format", "json", cwd=project)
    paths = cache_files(project)
    assert len(paths) == 2
    for path in paths:
        path.unlink()
        os.mkfifo(path) if plant == "fifo" else path.symlink_to(plant)
    started = time.monotonic()
    again = run("check", "--format", "json", cwd=project, timeout=60)
    assert time.monotonic() - started < 30
    assert again.returncode == 1 and json.loads(again.stdout)["findings"] == json.loads(first.stdout)["findings"]
    assert all(p.is_file() and not p.is_symlink() for p in cache_files(project)), "the cache file was rewritten"


def test_the_cache_key_lives_outside_the_project_for_its_owner_only(project, tmp_path):
    run("check", cwd=project)
    key = tmp_path / "user-cache" / "i18n-check" / "cache-key"
    assert key.is_file() and stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    assert not [p for p in project.rglob("*") if "key" in p.name]
