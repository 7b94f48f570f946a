"""Hostile translations shown inert in every output: text, json, sarif, junit, github, markdown, html.

A catalog whose strings (and file name) carry `<script>`, `onerror=`, ANSI escape
sequences, terminal control characters, bidi overrides, GitHub workflow commands and
Markdown link injections is checked in each format. Terminal and log outputs must hold
no control character the content brought; markup outputs must hold no element or
attribute the content brought (the HTML reports are opened in real headless Chromium);
data outputs must be valid and keep the text exactly.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ESC = "\x1b"
# What the content brings (PO escapes: \033 is ESC, \a BEL, \b BS, \r CR; raw bytes below too).
CATALOG = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fr\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#, fuzzy
msgid "Report abuse"
msgstr "<script>document.body.setAttribute('data-pwned','script')</script>"

#, fuzzy
msgid "Image <img src=x onerror=alert(1)>"
msgstr "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"><svg onload=alert(2)>"

#, fuzzy
msgid "Colours"
msgstr "\033[31mRED\033[0m \033]0;pwned-title\a \033[2J\033[H cleared\rFAKE OK\b\b\b"

#, fuzzy
msgid "Workflow"
msgstr "first line\n::warning file=x.po,line=1::injected\n%0A::error::also injected"

#, fuzzy
msgid "Bidi"
msgstr "safe ‮txt.exe‬ name \u009b31m c1"

#, fuzzy
msgctxt "</td><script>document.body.setAttribute('data-pwned','ctxt')</script>"
msgid "Markdown"
msgstr "[click](javascript:alert(3)) ![x](javascript:alert(4)) | cell | `tick` ]]> & <b>bold</b>"

#, c-format
msgid "%d reports"
msgstr "<script>alert(5)</script> %s"
'''.replace("\\u009b", "\u009b")
PAYLOADS = ("data-pwned", "javascript:alert", "onerror=", "<script>")
# A file name is content too: the report shows it.
CATALOG_NAME = "fr <img src=y onerror=\"document.body.setAttribute('data-pwned','path')\">.po"
# Characters a terminal acts on: C0 controls but LF, DEL, C1 controls, bidi overrides and isolates.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OUR_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the text reporter's own colours (--color always)


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "catalogs"
    folder.mkdir()
    (folder / CATALOG_NAME).write_bytes(CATALOG.encode("utf-8").replace(b"RED", b"\x1b[5mRED"))
    return tmp_path


def check(run_cli, folder: Path, *args) -> str:
    code, out, err = run_cli("check", "--no-glossary", *args, "catalogs", cwd=folder)
    assert code == 1, err
    assert "Traceback" not in err
    return out


def test_text_shows_control_characters_escaped(run_cli, hostile):
    out = check(run_cli, hostile, "--color", "never")
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out))
    assert "\\x1b[31mRED" in out or "\\x1b[5mRED" in out  # shown, as an escape


def test_coloured_text_holds_only_its_own_colours(run_cli, hostile):
    out = check(run_cli, hostile, "--color", "always")
    assert OUR_SGR.search(out), "the report is coloured"
    assert not RAW_CONTROL.search(OUR_SGR.sub("", out))
    # The content's own colour codes are not among ours: they are shown escaped.
    assert f"{ESC}[5m" not in out and f"{ESC}[31mRED" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_are_valid_and_keep_the_text(run_cli, hostile, fmt):
    out = check(run_cli, hostile, "--format", fmt)
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out))
    strings = list(all_strings(json.loads(out)))
    assert any("\x1b[5mRED" in s for s in strings)  # the data itself is kept exactly
    assert any("<script>document.body.setAttribute('data-pwned','script')</script>" in s for s in strings)


def all_strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from all_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from all_strings(value)


def test_github_annotations_cannot_start_commands_of_their_own(run_cli, hostile):
    out = check(run_cli, hostile, "--format", "github")
    assert not RAW_CONTROL.search(out)
    lines = out.splitlines()
    assert all(re.match(r"::(error|warning) file=[^:]*::", line) for line in lines[:-1]), lines
    assert lines[-1].startswith("i18n-check: ")
    assert not any("injected" in line and not line.startswith(("::error file=", "::warning file=")) for line in lines)
    # The file name is a property: its `,` and `:` cannot add properties or end them.
    properties = [line[2:].split("::", 1)[0] for line in lines[:-1]]
    assert all(p.count(",line=") == 1 and p.count(",title=") == 1 for p in properties), properties


class Elements(HTMLParser):
    """Every start tag and attribute of an HTML text, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def assert_inert_html(html: str, own_scripts: int) -> None:
    tags = elements(html)
    assert sum(tag == "script" for tag, _ in tags) == own_scripts
    for tag, attrs in tags:
        assert tag not in ("img", "svg", "iframe", "object"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any("javascript:" in (value or "") for value in attrs.values()), (tag, attrs)
        assert not any("data-pwned" in name for name in attrs)


def test_markdown_renders_to_inert_html(run_cli, hostile):
    out = check(run_cli, hostile, "--format", "markdown")
    assert not RAW_CONTROL.search(out)
    # As GitHub would show a PR comment: CommonMark with tables and raw HTML enabled.
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert_inert_html(html, own_scripts=0)
    assert "data-pwned" in html  # the text is there, as text


def test_junit_is_well_formed_xml_without_control_characters(run_cli, hostile):
    from junitparser import JUnitXml

    out = check(run_cli, hostile, "--format", "junit")
    # Tab and CR are XML whitespace; every other control character is shown as an escape.
    assert not RAW_CONTROL.search(out.replace("\t", "").replace("\r", "")), "XML 1.0 forbids most of these"
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert root.iter("testcase")
    assert all(element.tag in ("testsuites", "testsuite", "testcase", "failure", "error", "skipped",
                               "system-out", "system-err", "properties", "property") for element in root.iter())
    path = hostile / "report.xml"
    path.write_text(out, encoding="utf-8")
    assert sum(1 for suite in JUnitXml.fromfile(str(path)) for _ in suite) >= 7


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def open_in_chromium(page: Path, profile: Path) -> str:
    """The DOM after Chromium loaded the page and ran its scripts."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "<html" in run.stdout, run.stderr[-2000:]
    return run.stdout


@pytest.mark.parametrize("command", [["check", "--no-glossary", "--format", "html", "-o", "report.html"],
                                     ["report", "-o", "report.html"]])
def test_html_reports_show_the_payloads_as_text_in_chromium(run_cli, hostile, command):
    code, _, err = run_cli(*command, "catalogs", cwd=hostile)
    assert code in (0, 1) and "Traceback" not in err, err
    html = (hostile / "report.html").read_text(encoding="utf-8")
    own_scripts = sum(tag == "script" for tag, _ in elements(html))
    assert own_scripts <= 1, "the report carries at most its own script"
    assert_inert_html(html, own_scripts)
    assert not RAW_CONTROL.search(html.replace("\t", "").replace("\r", ""))

    dom = open_in_chromium(hostile / "report.html", hostile / "profile")
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body, body  # no payload ran
    assert "pwned-title" not in re.search(r"<title>.*?</title>", dom, re.S).group(0)
    after = elements(dom)
    assert not any(tag in ("img", "svg") for tag, _ in after)
    assert not any(name.startswith("on") for _, attrs in after for name in attrs)
    assert "document.body.setAttribute(" in dom  # ... and the payloads are shown, as text
