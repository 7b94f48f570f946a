"""Issue 13, tracebacks, hangs and wrong exit codes: every class the hostile campaign found, run
as a user runs it (the real CLI in a subprocess, with a timeout), with variants of each class.

Each test names the promise the defect broke: CONTRACT §2 (exit 0/1/2; bad input is one located
line, never a traceback), CONTRACT §4 (`plural-forms`), README (bad input is fast and located).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

PYTHON = [sys.executable, "-m", "i18n_check"]
CAMPAIGN = ("catalogs", "content", "glossary.yaml")


def run(cwd: Path, *args: str, env: dict | None = None, timeout: float = 120, shell_redirect: str = "") -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr, seconds) of `i18n-check ARGS` in `cwd`; `shell_redirect` (e.g. `>&-`) closes or
    redirects its streams through a shell, as a user would."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    started = time.monotonic()
    if shell_redirect:
        command = " ".join(map(shlex.quote, [*PYTHON, *args])) + " " + shell_redirect
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=environment, capture_output=True, timeout=timeout)
    else:
        done = subprocess.run([*PYTHON, *args], cwd=cwd, env=environment, capture_output=True, timeout=timeout)
    return (done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"),
            time.monotonic() - started)


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Error:" not in err.replace("error:", ""), err


@pytest.fixture
def campaign(tmp_path) -> Path:
    """A copy of the bundled campaign (its catalogs have blocking findings: check exits 1)."""
    for name in CAMPAIGN:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, tmp_path / name)
    return tmp_path


# ------------------------------------------------------------------ Plural-Forms (CONTRACT §4, §2)

def plural_catalog(header: str, *, forms: tuple[str, ...] = ("%d signalement", "%d signalements")) -> str:
    plural = "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))
    return (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n"Plural-Forms: {header}\\n"\n\n'
            f'msgid "Report"\nmsgstr "Signaler"\n\n#, python-format\nmsgid "%d report"\nmsgid_plural "%d reports"\n{plural}')


@pytest.mark.parametrize("header, says", [
    ("nplurals=2; plural=n/0;", "plural expression can produce division by zero"),
    ("nplurals=2; plural=n%0;", "plural expression can produce division by zero"),
    ("nplurals=2; plural=n>1 ? n%(n-n) : 0;", "plural expression can produce division by zero"),
    ("nplurals=0; plural=0;", "nplurals = 0 but plural expression can produce values as large as 0"),
    ("nplurals=-1; plural=0;", "invalid nplurals value"),
    ("nplurals=2; plural=n;", "nplurals = 2 but plural expression can produce values as large as 2"),
    ("nplurals=1000; plural=n;", "nplurals = 1000 but plural expression can produce values as large as 1000"),
    ("nplurals=99999999999999999999; plural=n-1;", "plural expression can produce negative values"),
    ("nplurals=2; plural=" + "!" * 500 + "n;", "stack overflow"),
    ("nplurals=2; plural=" + "(" * 50000 + "n" + ")" * 50000 + ";", "longer than 1000 tokens"),
])
def test_a_header_msgfmt_refuses_is_one_plural_forms_finding_at_the_header(tmp_path, header, says):
    (tmp_path / "fr.po").write_text(plural_catalog(header), encoding="utf-8")
    code, out, err, seconds = run(tmp_path, "check", "--no-glossary", "--no-cache", "--format", "json", "fr.po")
    no_traceback(err)
    assert code == 1 and seconds < 20
    (finding,) = [f for f in json.loads(out)["findings"] if f["rule"] == "plural-forms"]  # once, not per entry
    assert finding["line"] == 1 and finding["msgid"] == "" and finding["message"].startswith("Plural-Forms header: ")
    assert says in finding["message"]


@pytest.mark.parametrize("nplurals", ["100000000", "99999999999999999999"])
def test_a_huge_nplurals_costs_nothing(tmp_path, nplurals):
    """24-54 s and 2.9 GB for one message (100000000); a hang (99999999999999999999): now a
    finding per entry whose forms disagree, at once, and an untranslated first form costs no more."""
    (tmp_path / "fr.po").write_text(plural_catalog(f"nplurals={nplurals}; plural=0;", forms=("", "%d signalements")),
                                    encoding="utf-8")
    code, out, err, seconds = run(tmp_path, "check", "--no-glossary", "--no-cache", "fr.po", timeout=60)
    no_traceback(err)
    assert code == 1 and seconds < 20
    assert f"2 plural forms, the header declares nplurals={min(int(nplurals), 2**64 - 1)}" in out


@pytest.mark.parametrize("header, says", [
    ("nplurals=100000000; plural=0;", "nplurals = 100000000 is more than 100 plural forms"),
    ("nplurals=99999999999999999999; plural=0;", "more than 100 plural forms"),
    ("nplurals=0; plural=0;", "nplurals = 0 but plural expression can produce values as large as 0"),
    ("nplurals=2; plural=n/0;", "division by zero"),
])
def test_update_refuses_to_make_plural_forms_from_a_header_msgfmt_refuses(tmp_path, header, says):
    """update crashed (OverflowError) or wrote millions of empty forms (msgmerge runs out of
    memory): it now exits 2 at the header, quickly, and leaves the catalog as it was."""
    (tmp_path / "catalogs" / "fr").mkdir(parents=True)
    catalog = tmp_path / "catalogs" / "fr" / "campaign.po"
    catalog.write_text(plural_catalog(header).split("\n#, python-format")[0], encoding="utf-8")
    (tmp_path / "catalogs" / "campaign.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Report"\nmsgstr ""\n\n'
        'msgid "%d report"\nmsgid_plural "%d reports"\nmsgstr[0] ""\nmsgstr[1] ""\n', encoding="utf-8")
    before = catalog.read_bytes()
    code, out, err, seconds = run(tmp_path, "update", timeout=60)
    no_traceback(err)
    assert code == 2 and seconds < 20
    assert "catalogs/fr/campaign.po:1: Plural-Forms header: " in err and says in err
    assert catalog.read_bytes() == before


# ------------------------------------------------------------------ pyproject.toml (CONTRACT §2: exit 2, located)

DEEP_ARRAY = "x = " + "[" * 5000 + "]" * 5000
DEEP_TABLE = "x = " + "{a=" * 3000 + "1" + "}" * 3000


@pytest.mark.parametrize("text, line, says", [
    ("tool = 5\n", 1, "'tool' must be a table, not an integer"),
    ("tool = []\n", 1, "'tool' must be a table, not an array"),
    ("tool = 'x'\n", 1, "'tool' must be a table, not a string"),
    ('[project]\nname = "x"\n\n[tool]\ni18n-check = 3\n', 5, "[tool.i18n-check] must be a table, not an integer"),
    ('[tool]\n"i18n-check" = ["catalogs"]\n', 2, "[tool.i18n-check] must be a table, not an array"),
    ('tool.i18n-check = true\n', 1, "[tool.i18n-check] must be a table, not a boolean"),
    (DEEP_ARRAY + "\n", None, "nested too deeply"),
    (DEEP_TABLE + "\n", None, "nested too deeply"),
    ('[tool.i18n-check]\ncatalogs = [["x"]]\n', 2, "'catalogs' must be a list of strings"),
])
@pytest.mark.parametrize("command", [("check",), ("update",), ("extract", "content/en", "-o", "x.pot"), ("publish",),
                                     ("report",), ("glossary", "lint")])
def test_a_malformed_pyproject_is_exit_2_naming_it_in_every_command(campaign, text, line, says, command):
    (campaign / "pyproject.toml").write_text(text, encoding="utf-8")
    code, out, err, seconds = run(campaign, *command)
    no_traceback(err)
    where = "pyproject.toml" + (f":{line}:" if line else ":")
    assert code == 2 and where in err and says in err, err
    assert len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------ the streams and the environment (CONTRACT §2)

def test_a_malformed_environment_variable_is_exit_2_naming_it(campaign):
    for name, value, command in [("I18N_CHECK_PROGRESS_DELAY", "abc", ("check",)), ("I18N_CHECK_PROGRESS_DELAY", "-1", ("check",)),
                                 ("I18N_CHECK_PROGRESS_DELAY", "nan", ("check",)),
                                 ("SOURCE_DATE_EPOCH", "abc", ("extract", "content/en", "-o", "new.pot")),
                                 ("SOURCE_DATE_EPOCH", "1e20", ("extract", "content/en", "-o", "new.pot")),
                                 ("SOURCE_DATE_EPOCH", "99999999999999", ("extract", "content/en", "-o", "new.pot"))]:
        code, out, err, _ = run(campaign, *command, env={name: value})
        no_traceback(err)
        assert code == 2 and f"environment variable {name}: {value!r}" in err, (name, value, err)
    code, out, err, _ = run(campaign, "check", env={"I18N_CHECK_PROGRESS_DELAY": "inf"})
    assert code == 1, err  # a number: the bar is never drawn


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252"])
def test_a_narrow_output_encoding_shows_every_character(campaign, encoding):
    """PYTHONIOENCODING=latin-1 or ascii crashed on the first typographic quote. The text report
    now shows what the encoding holds as it is and escapes the rest (nothing lost); formats that
    declare UTF-8 (JSON, SARIF, JUnit, HTML, GitHub, Markdown) are UTF-8 whatever the terminal."""
    env = {"PYTHONIOENCODING": encoding}
    code, out, err, _ = run(campaign, "check", env=env)
    no_traceback(err)
    assert code == 1
    reference = subprocess.run([*PYTHON, "check"], cwd=campaign, capture_output=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}).stdout.decode()
    shown = subprocess.run([*PYTHON, "check"], cwd=campaign, capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT), **env}).stdout.decode(encoding)
    escaped = "".join(c if c.encode(encoding, "ignore") else c.encode(encoding, "backslashreplace").decode(encoding) for c in reference)
    assert shown == escaped and shown != reference.encode("ascii", "ignore").decode()
    for fmt in ("json", "sarif", "junit", "github", "markdown", "html"):
        done = subprocess.run([*PYTHON, "check", "--format", fmt], cwd=campaign, capture_output=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT), **env})
        assert done.returncode == 1 and b"Traceback" not in done.stderr, (fmt, done.stderr)
        assert "Überlebende".encode() in done.stdout, fmt  # UTF-8 bytes, as the format declares
    for command in (("rules",), ("rules", "glossary-forbidden"), ("glossary", "lint"), ("--help",), ("check", "--help")):
        code, out, err, _ = run(campaign, *command, env=env)
        no_traceback(err)
        assert code == 0, (command, err)


@pytest.mark.parametrize("command, code_when_open", [
    (("check",), 1), (("check", "--format", "json"), 1), (("check", "--format", "sarif"), 1), (("rules",), 0),
    (("rules", "plural-forms"), 0), (("glossary", "lint"), 0), (("glossary", "export"), 0), (("--help",), 0),
    (("--version",), 0), (("report", "-o", "-"), 0),
])
def test_a_closed_or_failing_standard_output_is_exit_2_naming_it(campaign, command, code_when_open):
    """`check >&-` was a traceback; on /dev/full some commands said exit 0 with the report lost."""
    assert run(campaign, *command)[0] == code_when_open
    for redirect, says in ((">&-", "standard output: closed"), (">/dev/full", "standard output: cannot write: No space left on device")):
        code, out, err, _ = run(campaign, *command, shell_redirect=redirect)
        no_traceback(err)
        assert code == 2 and says in err, (redirect, err)
        assert len(err.strip().splitlines()) == 1, err


def test_a_pipe_whose_reader_leaves_is_exit_2_without_a_traceback(tmp_path):
    """A report far larger than the pipe's buffer, whose reader stops after one byte."""
    entries = "".join(f'msgid "Report abuse number {i}"\nmsgstr ""\n\n' for i in range(3000))
    (tmp_path / "fr.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries, encoding="utf-8")
    for fmt in ("json", "text"):
        code, out, err, _ = run(tmp_path, "check", "--no-cache", "--format", fmt, "fr.po",
                                shell_redirect="| head -c 1 >/dev/null; exit ${PIPESTATUS[0]}")
        no_traceback(err)
        assert code == 2 and "broken pipe" in err, err


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_a_closed_or_failing_standard_error_never_changes_the_exit_code(campaign, redirect):
    """With stderr closed a missing file exited 1 (a traceback nobody saw): it is 2, as always."""
    assert run(campaign, "check", "missing.po", shell_redirect=redirect)[0] == 2
    assert run(campaign, "check", "--glossary", "missing.yaml", shell_redirect=redirect)[0] == 2
    assert run(campaign, "check", "--lang", shell_redirect=redirect)[0] == 2  # click's usage error
    assert run(campaign, "check", shell_redirect=redirect)[0] == 1
    assert run(campaign, "check", "--select", "markup", shell_redirect=redirect)[0] == 0
    assert run(campaign, "update", shell_redirect=redirect)[0] == 0
    assert run(campaign, "extract", "content/en", "-o", "catalogs/campaign.pot", shell_redirect=redirect)[0] == 0
    code, out, err, _ = run(campaign, "check", "--format", "json", shell_redirect=redirect)
    assert code == 1 and out.startswith("{") and out.rstrip().endswith("}")


# ------------------------------------------------------------------ content: character references, front matter (CONTRACT §2)

BIG = "&#" + "9" * 5000 + ";"
REFERENCES = ["&#x110000;", "&#xD800;", "&#xdfff;", "&#99999999999;", "&#1114112;", "&#55296;", "&#0;", "&#x0;",
              "&#xFFFFFFFFFFFFFFFFFFFF;", BIG, "&#" + "0" * 5000 + "65;", "&#x110000", "&#99999999999"]


def test_numeric_character_references_browsers_replace_are_replaced_not_a_traceback(tmp_path):
    """HTML5 decodes 0, a surrogate and a number beyond U+10FFFF as U+FFFD (html.parser does too),
    and 0x80-0x9F as windows-1252: extract and publish now do the same, in text and attributes,
    and leave scripts alone."""
    content = tmp_path / "content" / "en"
    content.mkdir(parents=True)
    paragraphs = "".join(f'<p title="t {r}">Report {i} {r} now</p>\n' for i, r in enumerate(REFERENCES))
    (content / "page.html").write_text(f"<html><body>\n{paragraphs}<p>Price &#128;5</p>\n"
                                       '<script>var s = "&#x110000;";</script>\n</body></html>\n', encoding="utf-8")
    (content / "page.md").write_text("".join(f"Report {i} {r} now\n\n![alt {r}](x.png)\n\n" for i, r in enumerate(REFERENCES)),
                                     encoding="utf-8")
    (tmp_path / "catalogs").mkdir()
    code, out, err, seconds = run(tmp_path, "extract", "content/en", "-o", "catalogs/campaign.pot")
    no_traceback(err)
    assert code == 0 and seconds < 30, err
    template = (tmp_path / "catalogs" / "campaign.pot").read_text(encoding="utf-8")
    assert template.count('msgid "Report 0 \ufffd now"') == 1 and 'msgid "Report 10 A now"' in template
    assert 'msgid "Price €5"' in template and "\0" not in template
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "catalogs/campaign.pot"], cwd=tmp_path).returncode == 0
    code, out, err, _ = run(tmp_path, "update", "--lang", "fr")
    assert code == 0, err
    po = tmp_path / "catalogs" / "fr" / "campaign.po"
    text = po.read_text(encoding="utf-8")
    for i, reference in enumerate(REFERENCES):  # translations holding the same references
        escaped = reference.replace("\\", "\\\\")
        text = text.replace(f'msgid "Report {i} \ufffd now"\nmsgstr ""', f'msgid "Report {i} \ufffd now"\nmsgstr "Signaler {i} {escaped} {BIG}"')
        text = text.replace(f'msgid "Report {i} {reference} now"\nmsgstr ""', f'msgid "Report {i} {reference} now"\nmsgstr "Signaler {escaped} {BIG}"')
    po.write_text(text, encoding="utf-8")
    code, out, err, seconds = run(tmp_path, "publish", "--no-glossary", "--force")
    no_traceback(err)
    assert code == 0 and seconds < 60, err
    published = (tmp_path / "content" / "fr" / "page.html").read_text(encoding="utf-8")
    assert "Signaler 0 &#x110000;" in published and 'var s = "&#x110000;"' in published  # the translator's text, the script as written
    assert (tmp_path / "content" / "fr" / "page.md").read_text(encoding="utf-8").startswith("Signaler &#x110000; " + BIG)


@pytest.mark.parametrize("front, line, says", [
    ("title: Report abuse\nx: " + "[" * 5000 + "]" * 5000, 3, "front matter nested more than 100 levels deep"),
    ("title: Report abuse\nx: " + "{a: " * 3000 + "1" + "}" * 3000, 3, "front matter nested more than 100 levels deep"),
    ("title: Report abuse\n" + "".join(" " * i + "a:\n" for i in range(2000)) + " " * 2000 + "b", 103,
     "front matter nested more than 100 levels deep"),
    ("title: Report abuse\nx:\n" + "- " * 3000 + "y", 4, "front matter nested more than 100 levels deep"),
])
def test_deeply_nested_front_matter_is_exit_2_located(tmp_path, front, line, says):
    """A RecursionError in PyYAML's composer; now refused at the first level too deep, with its line."""
    page = tmp_path / "page.md"
    page.write_text(f"---\n{front}\n---\n\n# Report abuse\n", encoding="utf-8")
    for command in (("extract", "page.md", "-o", "out.pot"),):
        code, out, err, seconds = run(tmp_path, *command)
        no_traceback(err)
        assert code == 2 and f"page.md:{line}:" in err and says in err and seconds < 20, err
        assert not (tmp_path / "out.pot").exists()


# ------------------------------------------------------------------ publish: links that run code (README: publish never publishes what would break or endanger the page)

HAZARDS = [  # (translation of "Read the [report](https://example.org/report) now.", what the refusal names)
    ("Lisez le [rapport](javascript:alert(document.cookie)) maintenant.", "javascript: URL"),
    ("Lisez le [rapport](JaVaScRiPt:alert(1)) maintenant.", "javascript: URL"),
    ("Lisez le [rapport](  javascript:alert(1)) maintenant.", "javascript: URL"),
    ("Lisez le [rapport](&#106;avascript:alert(1)) maintenant.", "javascript: URL"),
    ("Lisez le [rapport](&#x6A;ava&#x09;script&colon;alert(1)) maintenant.", "javascript: URL"),
    ("Lisez le [rapport](java&Tab;script:alert(1)) maintenant.", "javascript: URL"),
    ("Lisez le [rapport](<javascript:alert(1)>) maintenant.", "refused: HTML tags the source does not have: <javascript>"),
    ("Lisez le [rapport](vbscript:msgbox(1)) maintenant.", "vbscript: URL"),
    ("Lisez le [rapport](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) maintenant.", "data: URL"),
    ("Lisez le ![rapport](data:image/svg+xml;base64,PHN2Zz4=) maintenant.", "data: URL"),
]
HTML_HAZARDS = [  # (translation of 'Read <a href="https://example.org/report">the report</a> now.', what the refusal names)
    ('Lisez <a href="javascript:alert(1)">le rapport</a> maintenant.', "javascript: URL"),
    ('Lisez <a href="&#x6A;avascript&colon;alert(1)">le rapport</a> maintenant.', "javascript: URL"),
    ('Lisez <a href="java&Tab;script:alert(1)">le rapport</a> maintenant.', "javascript: URL"),
    ('Lisez <a href=" &#x1;JAVASCRIPT:alert(1)">le rapport</a> maintenant.', "javascript: URL"),
    ("Lisez <a href='vbscript:x'>le rapport</a> maintenant.", "vbscript: URL"),
    ('Lisez <a href="https://example.org/fr" onclick="alert(1)">le rapport</a> maintenant.', "the attribute onclick"),
    ('Lisez <a href="https://example.org/fr" ONMOUSEOVER=alert(1)>le rapport</a> maintenant.', "the attribute onmouseover"),
]
SAFE = ("Lisez le [rapport](https://example.org/fr/rapport) maintenant.",
        'Lisez <a href="https://example.org/fr/rapport">le rapport</a> maintenant.')


def po_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def published_schemes(text: str) -> set[str]:
    """The unsafe schemes a browser could read anywhere in a published page (an independent, blunt reading)."""
    import html
    import re

    decoded = re.sub(r"[\t\n\r\x00-\x20]", "", html.unescape(html.unescape(text))).lower()
    return {scheme for scheme in ("javascript:", "vbscript:", "data:", "onclick", "onmouseover") if scheme in decoded}


def test_publish_never_publishes_a_link_that_runs_code(tmp_path):
    """`publish --force` published a link target changed to `javascript:`. A translation bringing a
    javascript:, vbscript: or data: URL, or an event handler, that its source does not have, however
    it is written (case, spaces, tabs, character references), stays in the source language and
    publish names it, as every other fallback; the same translations with a safe link are published."""
    content = tmp_path / "content" / "en"
    content.mkdir(parents=True)
    markdown = [f"Read the [report](https://example.org/report) now, number {i}." for i in range(len(HAZARDS) + 1)]
    html_sources = [f'Read <a href="https://example.org/report">the report</a> now, number {i}.' for i in range(len(HTML_HAZARDS) + 1)]
    (content / "page.md").write_text("\n\n".join(markdown) + "\n", encoding="utf-8")
    (content / "page.html").write_text("<html><body>\n" + "".join(f"<p>{p}</p>\n" for p in html_sources) + "</body></html>\n",
                                       encoding="utf-8")
    translations = [(s, t.replace("maintenant.", f"maintenant, numéro {i}.")) for i, (s, (t, _)) in enumerate(zip(markdown, HAZARDS))]
    translations += [(s, t.replace("maintenant.", f"maintenant, numéro {i}.")) for i, (s, (t, _)) in enumerate(zip(html_sources, HTML_HAZARDS))]
    translations += [(markdown[-1], SAFE[0]), (html_sources[-1], SAFE[1])]
    entries = "".join(f"msgid {po_quoted(s)}\nmsgstr {po_quoted(t)}\n\n" for s, t in translations)
    (tmp_path / "catalogs" / "fr").mkdir(parents=True)
    (tmp_path / "catalogs" / "fr" / "campaign.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n' + entries, encoding="utf-8")
    for force in ((), ("--force",)):
        code, out, err, _ = run(tmp_path, "publish", "--no-glossary", *force)
        no_traceback(err)
        assert code == 0, err
        refused = [line for line in err.splitlines() if "refused: " in line]
        assert len(refused) == len(HAZARDS) + len(HTML_HAZARDS), err
        for _, says in HAZARDS + HTML_HAZARDS:
            assert any(says in line for line in refused), (says, err)
        pages = {name: (tmp_path / "content" / "fr" / name).read_text(encoding="utf-8") for name in ("page.md", "page.html")}
        assert not published_schemes(pages["page.md"]) and not published_schemes(pages["page.html"])
        assert SAFE[0] in pages["page.md"] and SAFE[1] in pages["page.html"]
        assert pages["page.md"].count("Read the [report](https://example.org/report)") == len(HAZARDS)


def test_a_link_the_source_itself_has_is_the_editors_and_published(tmp_path):
    content = tmp_path / "content" / "en"
    content.mkdir(parents=True)
    (content / "page.md").write_text("Click [here](javascript:void(0)) to open the menu.\n", encoding="utf-8")
    (tmp_path / "catalogs" / "fr").mkdir(parents=True)
    (tmp_path / "catalogs" / "fr" / "campaign.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
        'msgid "Click [here](javascript:void(0)) to open the menu."\nmsgstr "Cliquez [ici](javascript:void(0)) pour ouvrir le menu."\n',
        encoding="utf-8")
    code, out, err, _ = run(tmp_path, "publish", "--no-glossary")
    assert code == 0 and "refused" not in err, err
    assert "Cliquez [ici]" in (tmp_path / "content" / "fr" / "page.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ baselines (CONTRACT §2: exit 2, located, quickly)

@pytest.mark.parametrize("text, where, says", [
    ("[" * 100_000 + "]" * 100_000, "b.json:1:101:", "nested more than 100 levels deep"),
    ('{"a":' * 50_000 + "1" + "}" * 50_000, "b.json:1:501:", "nested more than 100 levels deep"),
    ('{"version": 1, "findings": [],\n "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "b.json:2:", "nested more than 100 levels deep"),
    ('{"version": 1, "findings": [{"fingerprint": "ab",\n "count": ' + "9" * 5000 + "}]}", "b.json:2:11:", "a number of 5,000 characters"),
    ('{"version": ' + "1" * 5000 + ', "findings": []}', "b.json:1:13:", "a number of 5,000 characters"),
    ('{"version": 1, "findings": [{"fingerprint": "ab", "count": ' + "9" * 4000 + "}]}", "b.json:", "count must be a positive integer"),
    ('{"version": 1, "findings": [{"fingerprint": "ab", "count": 1e400}]}', "b.json:", "count must be a positive integer"),
    ('{"version": 1, "findings": [{"fingerprint": "ab", "count": NaN}]}', "b.json:", "count must be a positive integer"),
    ('{"version": 1, "findings": [{"fingerprint": "caf\xe9"}]}'.encode("latin-1"), "b.json:1:", "not UTF-8 (byte 0xe9)"),
    ("", "b.json:1:1:", "not valid JSON"),
])
def test_a_malformed_baseline_is_exit_2_located_quickly(campaign, text, where, says):
    (campaign / "b.json").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code, out, err, seconds = run(campaign, "check", "--baseline", "b.json")
    no_traceback(err)
    assert code == 2 and where in err and says in err and seconds < 20, err


def test_a_baseline_that_is_a_device_is_refused_not_read_forever(campaign):
    for target in ("/dev/zero", "/dev/null", "/dev/urandom"):
        code, out, err, seconds = run(campaign, "check", "--baseline", target, timeout=60)
        no_traceback(err)
        assert code == 2 and "not a regular file" in err and seconds < 20, err


def test_a_baseline_with_a_byte_order_mark_is_read(campaign):
    assert run(campaign, "check", "--write-baseline", "b.json")[0] == 0
    (campaign / "b.json").write_bytes(b"\xef\xbb\xbf" + (campaign / "b.json").read_bytes())
    code, out, err, _ = run(campaign, "check", "--baseline", "b.json")
    assert code == 0, err


# ------------------------------------------------------------------ glossary terms of any length (README: bad input is fast and located)

GLOSSARY_HEAD = "version: 2\nsource: en\nlanguages: [fr, de]\nconcepts:\n"


@pytest.mark.parametrize("body, where, says", [
    ("  - id: big\n    en: [survivor]\n    fr:\n      preferred: [survivante]\n      forbidden:\n        - " + "rescapée " * 4_500_000 + "\n",
     "g.yaml:10:11:", "a term in 'fr.forbidden' is 40,499,999 characters long (at most 300)"),
    ("  - id: big\n    en: [" + "child abuse " * 1_700_000 + "]\n    fr: [survivante]\n", "g.yaml:6:10:", "characters long (at most 300)"),
    ("  - id: big\n    en: [survivor]\n    fr: [" + "mot " * 50 + "]\n", "g.yaml:7:10:", "has 50 words (at most 40)"),
    ("  - id: big\n    en: [survivor]\n    fr: [survivante]\ncitations:\n  en:\n    - " + "Directive " * 300 + "\n",
     "g.yaml:10:7:", "a citation in 'citations.en' is 2,999 characters long (at most 2,000)"),
])
def test_a_term_of_pasted_text_is_exit_2_located_quickly(campaign, body, where, says):
    """A 40 MB term took 6 GB to a MemoryError, an 18 MB source term ran past 300 s: refused at load."""
    (campaign / "g.yaml").write_text(GLOSSARY_HEAD + body, encoding="utf-8")
    for command in (("glossary", "lint", "g.yaml"), ("check", "--glossary", "g.yaml")):
        code, out, err, seconds = run(campaign, *command, timeout=120)
        no_traceback(err)
        assert code == 2 and where in err and says in err and seconds < 30, (command, err)


def test_terms_and_citations_within_the_bounds_are_read(campaign):
    (campaign / "g.yaml").write_text(GLOSSARY_HEAD + "  - id: long\n    en: [survivor]\n    fr: [" + " ".join(["mot"] * 40) + "]\n"
                                     "    de: [Überlebende]\ncitations:\n  en:\n    - " + "Directive " * 199 + "end\n", encoding="utf-8")
    code, out, err, _ = run(campaign, "glossary", "lint", "g.yaml")
    assert code == 0, err + out


# ------------------------------------------------------------------ folders that cannot be read (CONTRACT §2: a gate never passes by accident)

def run_unprivileged(cwd: Path, *args: str) -> tuple[int, str, str, float]:
    """As `run`, without root's power to read any file (setpriv drops it), so that file modes apply."""
    if os.geteuid() != 0:
        return run(cwd, *args)
    caps = "-dac_override,-dac_read_search"
    started = time.monotonic()
    done = subprocess.run(["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *PYTHON, *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


@pytest.mark.parametrize("mode", [0o000, 0o300, 0o600])
@pytest.mark.parametrize("command", [("check", "--no-glossary"), ("check", "--no-glossary", "catalogs"), ("report",),
                                     ("publish", "--no-glossary", "--force"), ("update",)])
def test_an_unreadable_language_folder_is_exit_2_naming_it(campaign, mode, command):
    """2 catalogs were checked instead of 3, silently (Path.rglob skips what it cannot list)."""
    shutil.copytree(campaign / "catalogs" / "fr", campaign / "catalogs" / "es")
    (campaign / "catalogs" / "es").chmod(mode)
    try:
        code, out, err, _ = run_unprivileged(campaign, *command)
    finally:
        (campaign / "catalogs" / "es").chmod(0o755)
    no_traceback(err)
    if command == ("update",) and mode == 0o300:  # update names its catalog: a folder it may enter but not list serves
        assert code == 0 and "catalogs/es/campaign.po" in err, err
        return
    assert code == 2 and "catalogs/es" in err and "Permission denied" in err, err
    assert len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("folder, command", [
    ("content/en", ("extract", "content/en", "-o", "catalogs/campaign.pot")), ("content/en", ("extract", "content", "-o", "catalogs/campaign.pot")),
    ("content/en", ("publish", "--no-glossary", "--force")), ("catalogs", ("update",)), ("catalogs", ("check", "--no-glossary")),
])
def test_an_unreadable_content_or_catalogs_folder_is_exit_2_naming_it(campaign, folder, command):
    (campaign / folder).chmod(0o000)
    try:
        code, out, err, _ = run_unprivileged(campaign, *command)
    finally:
        (campaign / folder).chmod(0o755)
    no_traceback(err)
    assert code == 2 and f"{folder}: cannot read the folder: Permission denied" in err, err


# ------------------------------------------------------------------ numbers in the input: never beyond int(), never a size (CONTRACT §2)

DIGITS = "9" * 5000


@pytest.mark.parametrize("entry, outcome", [
    (f'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[{DIGITS}] "y"\n', (2, "x.po:8: plural form has wrong index")),
    (f'msgid "a"\nmsgid_plural "b"\nmsgstr[{DIGITS}] "x"\n', (2, "x.po:7: first plural form has nonzero index")),
    ('#, c-format\nmsgid "%1$d reports"\nmsgstr "%1$d signalements %999999999999$d"\n', (1, "placeholder")),
    (f'#, c-format\nmsgid "%1$d reports"\nmsgstr "%1$d signalements %{DIGITS}$d"\n', (1, "placeholder")),
    (f'#, c-format\nmsgid "%1$d reports"\nmsgstr "%1$*{DIGITS}$d signalements"\n', (1, "placeholder")),
    (f'#, c-format\nmsgid "%1$d reports"\nmsgstr "%{"0" * 5000}1$d signalements"\n', (0, "0 findings")),
    (f'#, python-brace-format\nmsgid "{{0}} reports"\nmsgstr "{{{DIGITS}}} signalements"\n', (1, "placeholder")),
])
def test_a_huge_number_in_a_catalog_is_read_as_msgfmt_reads_it_quickly(tmp_path, entry, outcome):
    """int() refuses 4,300 digits (a traceback); `%999999999999$d` made the placeholder rule walk a
    trillion argument numbers."""
    (tmp_path / "x.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entry, encoding="utf-8")
    code, out, err, seconds = run(tmp_path, "check", "--no-glossary", "--no-cache", "x.po", timeout=60)
    no_traceback(err)
    assert (code, seconds < 20) == (outcome[0], True) and outcome[1] in out + err, out + err
    msgfmt = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "x.po"], cwd=tmp_path, capture_output=True, text=True)
    assert (msgfmt.returncode != 0) == (code != 0), msgfmt.stderr


# ------------------------------------------------------------------ long hostile text: no scan from every position to the end (README: fast by design)

LONG_TEXTS = ["{" * 200_000, "{{ a" * 50_000, "<!--" * 50_000, "<script" * 30_000, "<style>" * 30_000, "&#" * 100_000,
              "<a href='" * 30_000, "%(" * 100_000, "[" * 100_000 + "](x)"]


def test_long_hostile_messages_are_checked_in_linear_time(campaign):
    """`{{.*?}}` and `<!--.*?-->` scanned to the end of the text from every `{{` and `<!--`: 200 kB of `{`
    took minutes in the glossary matcher. Each text follows a source holding glossary terms, so the
    matcher tokenizes it."""
    entries = "".join(f'msgid "Survivors of child sexual abuse material, case {i}"\nmsgstr "{text}"\n\n'
                      for i, text in enumerate(t.replace("\\", "\\\\").replace('"', '\\"') for t in LONG_TEXTS))
    (campaign / "catalogs" / "fr" / "long.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n' + entries, encoding="utf-8")
    code, out, err, seconds = run(campaign, "check", "--no-cache", "catalogs/fr/long.po", timeout=300)
    no_traceback(err)
    assert code == 1 and seconds < 30, (seconds, err)


def test_long_hostile_pages_are_extracted_in_linear_time(tmp_path):
    for i, text in enumerate(LONG_TEXTS):
        (tmp_path / f"page{i}.html").write_text(f"<html><body><p>Report {text[:20]} now &#0;</p>\n{text}</body></html>\n", encoding="utf-8")
        code, out, err, seconds = run(tmp_path, "extract", f"page{i}.html", "-o", f"out{i}.pot", timeout=300)
        no_traceback(err)
        assert code in (0, 2) and seconds < 30, (text[:10], seconds, err)
