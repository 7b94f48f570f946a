"""Format directives (i18n_check.formats): what gettext finds valid, and the spans the writer keeps unbroken."""

from __future__ import annotations

import re
import subprocess

import pytest

from i18n_check.catalog import Catalog, Entry
from i18n_check.formats import PARSERS, FormatError, directive_spans
from i18n_check.catalog.write import render_catalog

# (gettext format, string, valid for msgfmt 0.21?). Each is checked against msgfmt below; the
# automatic `{}` fields of recent gettext, which 0.21 rejects, are tested apart.
VALIDITY = [
    ("python", "%s of %d", True),
    ("python", "%(name)s and %(count)d%%", True),
    ("python", "%(a)s %s", False),           # names and positions mixed
    ("python", "%(a)s %*d", False),          # a `*` takes a positional argument
    ("python", "%.0s%-5.2f", True),
    ("python", "50%", False),
    ("python", "%y", False),
    ("python", "%F", False),                 # format-python.c knows no %F
    ("python", "%(a", False),
    ("python-brace", "{name} {0} {{literal}}", True),
    ("python-brace", "{user.name} {items[0]} {a:>10} {b:.2f}", True),
    ("python-brace", "{a:{width}}", True),
    ("python-brace", "{a:{b:1}}", False),    # no more nesting
    ("python-brace", "{a:%Y}", False),       # gettext reads the standard format specifier only
    ("python-brace", "{aé}", False),         # field names are ASCII
    ("python-brace", "{a!r}", False),
    ("python-brace", "{a", False),
    ("python-brace", "{a} }", True),         # a lone closing brace is text
    ("c", "%s %d %lu %5.2f %%", True),
    ("c", "%2$s %1$d", True),
    ("c", "%1$s %s", False),                 # numbered and unnumbered mixed
    ("c", "%0$s", False),
    ("c", "%m: %Zd %zu %'d %Id", True),      # glibc's %m, size_t Z, thousands and locale digits flags
    ("c", "%<PRId64> %<PRIuMAX> %<PRIxLEAST16>", True),
    ("c", "%<PRIfoo>", False),
    ("c", "%l<PRId64>", False),
    ("c", "%y", False),
]


def valid(language: str, text: str) -> bool:
    try:
        list(PARSERS[language](text))
    except FormatError:
        return False
    return True


def msgfmt_valid(tmp_path, cases) -> list[bool]:
    """For each (language, text): whether `msgfmt --check-format` takes text for a valid msgstr of that format."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for number, (language, text, _) in enumerate(cases):
        lines += [f"#, {language}-format", f'msgctxt "{number}"', 'msgid "x"', f'msgstr "{text}"', ""]
    path = tmp_path / "formats.po"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    invalid = {int(n) for n in re.findall(r"formats\.po:(\d+): 'msgstr' is not a valid", result.stderr)}
    return [4 + 5 * number + 4 not in invalid for number in range(len(cases))]


def test_every_verdict_is_msgfmts(tmp_path):
    assert msgfmt_valid(tmp_path, VALIDITY) == [expected for _, _, expected in VALIDITY]
    assert [valid(language, text) for language, text, _ in VALIDITY] == [expected for _, _, expected in VALIDITY]


def test_automatic_brace_fields_parse_and_never_mix_with_numbered_ones():
    """Recent gettext reads `{}` (0.21 does not); Python refuses `{0} {}`, and so do we."""
    assert [d.name for d in PARSERS["python-brace"]("{} of {:>3}")] == ["", ""]
    assert not valid("python-brace", "{0} {}") and not valid("python-brace", "{} {0}")


@pytest.mark.parametrize("language, text, spans", [
    ("python", "%(a b)s and %% then %y %s", [(0, 7), (12, 14)]),       # up to the first invalid directive
    ("python", "%(a)s %s", [(0, 5)]),                                  # the mixing directive is not marked
    ("python-brace", "{a} {{x}} {b:{c}}", [(0, 3), (13, 16), (10, 17)]),  # the nested field first, then its own
    ("python-brace", "{a} {} {b}", [(0, 3)]),                          # gettext 0.21 stops at `{}`
    ("c", "%d%% %<PRId64> %m %l<PRId64> %s", [(0, 2), (2, 4), (5, 14), (15, 17)]),
    ("c", "%2$s %1$s %s", [(0, 4), (5, 9)]),
    ("objc", "%@ %s", []),                                             # no parser: nothing is marked
])
def test_directive_spans(language, text, spans):
    assert directive_spans(text, language) == spans


def test_the_writer_never_breaks_inside_a_directive_as_msgcat(tmp_path):
    """A long named directive holding spaces would be broken at a space; gettext keeps it whole, and so do we."""
    text = "Reported by " + "x" * 50 + " %(name of the reporting person)s today"
    entry = Entry(text, (text,), flags=("python-format",))
    catalog = Catalog.create(tmp_path / "fr.po", Entry("", ("Content-Type: text/plain; charset=UTF-8\n",)), [entry])
    path = tmp_path / "fr.po"
    path.write_text(render_catalog(catalog), encoding="utf-8")
    assert '"%(name of the reporting person)s today"' in path.read_text(encoding="utf-8")
    assert subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout == path.read_text(encoding="utf-8")
    unflagged = render_catalog(Catalog.create(path, None, [entry._replace(flags=())]))
    assert '%(name of the "' in unflagged  # the control: without the flag the directive is text, broken at a space
