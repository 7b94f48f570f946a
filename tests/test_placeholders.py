"""The `placeholder` rule: true positives and near misses in French and German, and agreement
with GNU `msgfmt --check` on a table of cases, on the real catalogs and on mutated real entries."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest

from i18n_check import check
from i18n_check.catalog import load_catalog
from i18n_check.rules.placeholders import FormatError, format_kinds, parse_brace, parse_c, parse_python

ROOT = Path(__file__).resolve().parent.parent
# The real Django and Sphinx catalogs (tests/realdata when present, else ../shared/realdata).
REAL = next((p for p in (ROOT / "tests" / "realdata", ROOT.parent / "shared" / "realdata") if p.is_dir()), ROOT / "tests" / "realdata")
HEADERS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
}


def po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_po(path: Path, cases, lang: str = "fr", plural: str | None = None) -> Path:
    """A catalog with one entry per case: (flags, msgid, msgid_plural or None, [msgstr...]), msgctxt "case N"."""
    lines = ['msgid ""', 'msgstr ""', po_string("Content-Type: text/plain; charset=UTF-8\n"), po_string(f"Language: {lang}\n"),
             po_string(f"Plural-Forms: {plural or HEADERS[lang]}\n"), ""]
    for number, (flags, msgid, msgid_plural, msgstrs) in enumerate(cases):
        if flags:
            lines.append(f"#, {flags}")
        lines += [f'msgctxt "case {number}"', f"msgid {po_string(msgid)}"]
        if msgid_plural is None:
            lines.append(f"msgstr {po_string(msgstrs[0])}")
        else:
            lines.append(f"msgid_plural {po_string(msgid_plural)}")
            lines += [f"msgstr[{i}] {po_string(s)}" for i, s in enumerate(msgstrs)]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def placeholder_findings(path: Path) -> dict[str, str]:
    """msgctxt -> message of our placeholder finding."""
    report = check([path], select=["placeholder"])
    return {f.msgctxt: f.message for f in report.findings}


def msgfmt_rejects(path: Path) -> set[int]:
    """The msgid lines of the entries GNU `msgfmt --check` rejects for their format strings."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    lines = {int(n) for n in re.findall(rf"{re.escape(path.name)}:(\d+): (?!warning)", result.stderr)}
    starts = sorted(e.line for e in load_catalog(path).entries if e.msgid)
    # msgfmt names the msgid line, or for msgstr problems the line of the entry's msgid too
    return {max(s for s in starts if s <= line) for line in lines if any(s <= line for s in starts)}


# (language, flags, msgid, msgid_plural, msgstrs, expected words in the finding or None)
CASES = [
    # python-format, named: compared as sets
    ("fr", "python-format", "%(count)s survivors reported", None, ["%(nombre)s survivantes signalées"], ["missing %(count)s", "extra %(nombre)s"]),
    ("fr", "python-format", "%(count)s survivors reported", None, ["%(count)s survivantes signalées"], None),
    ("de", "python-format", "%(name)s reported %(count)d images", None, ["%(count)d Bilder von %(name)s gemeldet"], None),  # order is free
    ("de", "python-format", "%(name)s reported %(count)d images", None, ["%(name)s hat Bilder gemeldet"], ["missing %(count)d"]),
    ("fr", "python-format", "%(count)d reports", None, ["%(count)s signalements"], ["%(count)d became %(count)s"]),
    # python-format, positional: count, order and type
    ("fr", "python-format", "%s of %d helplines", None, ["%s sur %d lignes d'écoute"], None),
    ("fr", "python-format", "%s of %d helplines", None, ["%d lignes d'écoute sur %s"], ["argument 1 %s became %d"]),
    ("de", "python-format", "%s of %d helplines", None, ["%s Beratungsstellen"], ["missing %d"]),
    ("de", "python-format", "Open %s", None, ["%s öffnen %s"], ["extra %s"]),
    # %% is a literal percent sign; a lone % in the translation is not
    ("fr", "python-format", "100%% of %(count)s", None, ["100 %% de %(count)s"], None),
    ("fr", "python-format", "%(rate)s%% of survivors", None, ["%(rate)s % des survivantes"], ["not a valid python-format"]),
    ("fr", "python-format", "%(name)s", None, ["%(name)s à 100 %"], ["not a valid python-format"]),
    ("de", "python-format", "%(name)s", None, ["%(name)s"], None),
    ("fr", "python-format", "%(a)s", None, ["%s"], ["positional %s where the source has named %(a)s"]),
    # python-brace-format
    ("fr", "python-brace-format", "Hello {name}", None, ["Bonjour {nom}"], ["missing {name}", "extra {nom}"]),
    ("fr", "python-brace-format", "Hello {name}", None, ["Bonjour {name}"], None),
    ("de", "python-brace-format", "{0} of {1}", None, ["{1} von {0}"], None),
    ("de", "python-brace-format", "{{literal}} {name}", None, ["{{wörtlich}} {name}"], None),
    ("de", "python-brace-format", "Hello {name}", None, ["Hallo {name"], ["not a valid python-brace-format"]),
    ("fr", "python-brace-format", "{} of {}", None, ["{} sur {}"], None),
    # c-format
    ("fr", "c-format", "%s and %d", None, ["%2$d et %1$s"], None),
    ("fr", "c-format", "%s and %d", None, ["%d et %s"], ["argument 1 %s became %d"]),
    ("de", "c-format", "%lu files", None, ["%lu Dateien"], None),
    ("de", "c-format", "%lu files", None, ["%d Dateien"], ["%lu became %d"]),
    # plural forms: every form against msgid_plural; msgstr[0] (n = 0, 1 in French, n = 1 in German) is relaxed
    ("fr", "python-format", "One report", "%(count)d reports", ["Un signalement", "%(count)d signalements"], None),
    ("de", "python-format", "One report", "%(count)d reports", ["Eine Meldung", "%(count)d Meldungen"], None),
    ("fr", "python-format", "One report", "%(count)d reports", ["Un signalement", "%(nombre)d signalements"], ["msgstr[1]", "missing %(count)d", "extra %(nombre)d"]),
    ("de", "python-format", "One report", "%(count)d reports", ["Eine Meldung", "Meldungen"], ["msgstr[1]", "missing %(count)d"]),
    ("fr", "python-format", "One report", "%d reports", ["Un signalement", "%d signalements"], ["msgstr[0]", "missing %d"]),  # unnamed: msgfmt wants it
    ("de", "c-format", "One file", "%d files", ["Eine Datei", "%d Dateien"], None),  # c-format may drop it in msgstr[0]
    ("fr", "c-format", "One file", "%d files", ["Un fichier", "fichiers"], ["msgstr[1]", "missing %d"]),
    # flags decide: no-python-format turns the check off
    ("fr", "no-python-format", "100% sure: %s", None, ["sûr à 100 %"], None),
]


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    """The CASES written as one catalog per language, with our findings and msgfmt's verdicts."""
    folder = tmp_path_factory.mktemp("placeholders")
    results = {}
    for lang in ("fr", "de"):
        cases = [(flags, msgid, plural, strs) for (l, flags, msgid, plural, strs, _) in CASES if l == lang]
        path = write_po(folder / f"{lang}.po", cases, lang)
        results[lang] = (path, placeholder_findings(path), msgfmt_rejects(path))
    return results


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}:{c[2]}=>{'|'.join(c[4])}")
def test_placeholder_case(case, table):
    lang, _, _, _, _, expected = case
    number = [c for c in CASES if c[0] == lang].index(case)
    message = table[lang][1].get(f"case {number}")
    if expected is None:
        assert message is None
    else:
        assert message is not None and all(word in message for word in expected), message


def test_automatic_brace_fields_are_counted(tmp_path):
    """`{}` fields are numbered as Python numbers them: a third one in the translation is extra.
    Recent GNU gettext checks them too; msgfmt 0.21 (installed here) skips such a msgid, which
    is why this case is not in the msgfmt agreement table."""
    path = write_po(tmp_path / "fr.po", [("python-brace-format", "{} of {}", None, ["{} sur {} {}"])])
    assert "extra {}" in placeholder_findings(path)["case 0"]


def test_every_case_agrees_with_msgfmt_check(table):
    for lang, (path, ours, msgfmt) in table.items():
        entries = {e.line: e.msgctxt for e in load_catalog(path).entries if e.msgid}
        assert {entries[line] for line in msgfmt} == set(ours), lang


@pytest.mark.parametrize("text", ["100% sure", "50 % off", "Save 20 % today", "Use {{braces}}", "Plain text", "{% block %}"])
def test_unflagged_text_is_not_taken_for_placeholders(text, tmp_path):
    entry = next(e for e in load_catalog(write_po(tmp_path / "fr.po", [("", text, None, ["x"])])).entries if e.msgid)
    assert format_kinds(entry) == []


@pytest.mark.parametrize("text, kind", [("%s files", "python-format"), ("%(count)d reports", "python-format"),
                                        ("Hello {name}", "python-brace-format"), ("{}th", "python-brace-format"),
                                        ("%1$s of %2$s", "c-format")])
def test_unflagged_placeholders_are_detected(text, kind, tmp_path):
    entry = next(e for e in load_catalog(write_po(tmp_path / "fr.po", [("", text, None, ["x"])])).entries if e.msgid)
    assert format_kinds(entry) == [kind]


def test_unflagged_entry_is_checked_as_detected(tmp_path):
    path = write_po(tmp_path / "de.po", [("", "%(count)s images removed", None, ["%(anzahl)s Bilder entfernt"]),
                                         ("", "100% sure", None, ["100 % sicher"])], "de")
    assert list(placeholder_findings(path)) == ["case 0"]


@pytest.mark.parametrize("parse, text", [(parse_python, "%(a)s %s"), (parse_python, "50%"), (parse_python, "%y"),
                                         (parse_brace, "{a"), (parse_brace, "{0} {}"), (parse_c, "%2$s"), (parse_c, "%1$s %s")])
def test_invalid_format_strings_are_rejected(parse, text):
    with pytest.raises(FormatError):
        parse(text)


def test_fuzzy_and_untranslated_forms_are_left_to_their_rules(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '#, fuzzy, python-format\nmsgid "%(a)s"\nmsgstr "%(b)s"\n\n'
                    '#, python-format\nmsgid "%(a)s x"\nmsgstr ""\n', encoding="utf-8")
    assert placeholder_findings(path) == {}


def real_catalogs() -> list[Path]:
    return sorted(REAL.rglob("*.po"))


def test_no_finding_on_the_real_catalogs_that_msgfmt_accepts():
    """msgfmt --check finds no format error in the real Django and Sphinx catalogs; nor do we."""
    assert len(real_catalogs()) == 10
    for path in real_catalogs():
        result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert "format" not in result.stderr, result.stderr
    report = check(real_catalogs(), select=["placeholder"])
    assert report.findings == ()
    assert sum(c.messages for c in report.catalogs) == 3124


PLACEHOLDER = re.compile(r"%\([^)]+\)[-+ #0]*\d*(?:\.\d+)?[sdifrx]|%[-+#0]*\d*(?:\.\d+)?[sdifrx]|\{[^{}]*\}")


def mutate(text: str, rng: random.Random) -> str:
    """The translation with one placeholder dropped, renamed, retyped or duplicated."""
    found = list(PLACEHOLDER.finditer(text))
    if not found:
        return text + " %s"
    target = rng.choice(found)
    token = target.group(0)
    how = rng.choice(["drop", "rename", "retype", "duplicate"])
    if how == "drop":
        new = ""
    elif how == "rename":
        new = re.sub(r"\(([^)]+)\)", r"(\1_x)", token) if "(" in token else re.sub(r"\{(\w*)", r"{\1x", token) if "{" in token else token
    elif how == "retype":
        new = token[:-1] + ("d" if token[-1] == "s" else "s") if token[-1] in "sdifrx" else token
    else:
        new = token + " " + token
    return text[:target.start()] + new + text[target.end():]


def test_mutated_real_entries_agree_with_msgfmt(tmp_path):
    """700 real format entries (500 French, all 212 translated German ones), half mutated: our verdict is msgfmt's on every one of them."""
    rng = random.Random(20241128)
    for lang in ("fr", "de"):
        cases = []
        for path in real_catalogs():
            catalog = load_catalog(path)
            if catalog.language != lang:
                continue
            for entry in catalog.entries:
                kinds = [k for k in ("python-format", "python-brace-format") if k in entry.flags]
                if not kinds or not entry.translated:
                    continue
                forms = list(entry.msgstr[:2]) if entry.plural else [entry.msgstr[0]]
                if rng.random() < 0.5:
                    index = rng.randrange(len(forms))
                    forms[index] = mutate(forms[index], rng)
                cases.append((", ".join(kinds), entry.msgid, entry.msgid_plural, forms))
        cases = cases[:500]
        path = write_po(tmp_path / f"{lang}.po", cases, lang)
        ours = placeholder_findings(path)
        entries = {e.line: e.msgctxt for e in load_catalog(path).entries if e.msgid}
        theirs = {entries[line] for line in msgfmt_rejects(path)}
        assert len(cases) >= 200 and len(theirs) > len(cases) // 4
        assert theirs == set(ours), sorted(theirs ^ set(ours))[:5]
