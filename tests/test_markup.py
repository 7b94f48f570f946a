"""The `markup` rule: tags and link targets must survive translation, link text and reader text may change."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_check import check
from i18n_check.rules.markdown_inline import compare, differences, shape_of
from i18n_check.rules.markup import inline_links
from test_placeholders import REAL, write_po


# (language, msgid, msgstr, expected words in the finding, or None for no finding)
CASES = [
    # HTML: a dropped or changed tag, a changed href/src/class, an unbalanced addition
    ("fr", "Read the <strong>annual report</strong>.", "Lisez le <strong>rapport annuel.", ["missing </strong>"]),
    ("de", "Read the <strong>annual report</strong>.", "Lesen Sie den Jahresbericht.", ["missing <strong>, </strong>"]),
    ("fr", 'See <a href="https://example.org/report">the report</a>.', 'Voir <a href="https://example.org/rapport">le rapport</a>.',
     ['missing <a href="https://example.org/report">', 'extra <a href="https://example.org/rapport">']),
    ("de", '<img src="/logo.png" alt="Logo">', '<img src="/logo-de.png" alt="Logo">', ['missing <img src="/logo.png">']),
    ("fr", '<span class="warning">Urgent</span>', '<span class="avertissement">Urgent</span>', ['<span class="warning">']),
    ("de", "Call <b>now</b>", "Jetzt <b>anrufen</b> <i>sofort", ["extra <i>"]),
    ("fr", "<em>Survivors</em> speak", "<em>Les survivantes</em> témoignent</em>", ["extra </em>"]),
    # HTML near misses: translated reader text, order, typographic additions, metavariables
    ("fr", 'See <a href="/report" title="Annual report">the report</a>.', 'Voir <a title="Rapport annuel" href="/report">le rapport</a>.', None),
    ("de", '<img src="/logo.png" alt="Our logo">', '<img alt="Unser Logo" src="/logo.png">', None),
    ("fr", "<b>One</b> and <i>two</i>", "<i>deux</i> et <b>un</b>", None),
    ("fr", "{}st", "{}<sup>er</sup>", None),
    ("fr", "Line one", "Ligne<br>un", None),
    ("de", "usage: build <sourcedir> <outputdir>", "Aufruf: build <quellordner> <zielordner>", None),
    ("fr", "a < b and c > d", "a < b et c > d", None),
    ("de", '<a href="/x">Link</a>', "<A HREF='/x'>Verweis</A>", None),
    # Markdown: link and image targets, reference labels, definitions, autolinks
    ("fr", "Read [the report](https://example.org/report).", "Lisez [le rapport](https://example.org/rapport).",
     ["missing […](https://example.org/report)", "extra […](https://example.org/rapport)"]),
    ("de", "![Campaign logo](/img/logo.png)", "![Kampagnenlogo](/img/logo-de.png)", ["missing ![…](/img/logo.png)"]),
    ("fr", "Read [the report][report].", "Lisez [le rapport][rapport].", ["missing […][report]"]),
    ("de", "[report]: https://example.org/report", "[bericht]: https://example.org/report", ["missing [report]: https://example.org/report"]),
    ("fr", "Write to <mailto:help@example.org>", "Écrivez à help@example.org", ["missing <mailto:help@example.org>"]),
    ("de", "Read [the report](https://example.org/report).", "Lesen Sie den Bericht.", ["missing […](https://example.org/report)"]),
    # Markdown near misses: translated link text and image alt, kept targets, order
    ("fr", "Read [the report](https://example.org/report).", "Lisez [le rapport annuel](https://example.org/report).", None),
    ("de", "![Campaign logo](/img/logo.png \"Logo\")", "![Kampagnenlogo](/img/logo.png \"Das Logo\")", None),
    ("fr", "[One](/a) and [two](/b)", "[deux](/b) et [un](/a)", None),
    ("de", "Read [the report][report].", "Lesen Sie [den Bericht][report].", None),
    ("fr", "Options [default: 4] (see docs)", "Options [par défaut : 4] (voir la doc)", None),
    ("de", "Visit <https://example.org>", "Besuchen Sie <https://example.org>", None),
    # Markdown inline markup as markdown-it renders it: each message names what is unbalanced
    ("fr", "These **proven tools** detect known images.", "Ces **outils … éprouvés* détectent les images connues.",
     ["missing **…**", "a stray '*' (a delimiter without its pair)"]),
    ("fr", "These **proven tools** work.", "Ces outils **éprouvés fonctionnent.", ["missing **…**", "a stray '**' (a delimiter without its pair)"]),
    ("de", "An *urgent* call", "Ein dringender Aufruf", ["missing *…*"]),
    ("de", "An _urgent_ call", "Ein _dringender Aufruf", ["missing *…*", "a stray '_'"]),
    ("fr", "It was ~~legal~~ tolerated", "C'était ~~légal toléré", ["missing ~~…~~", "a stray '~~'"]),
    ("fr", "Run `i18n-check check` first", "Lancez d'abord `i18n-check check", ["a stray '`' (a code span not closed)"]),
    ("fr", '[Donate now](https://protectchildren.ca/donate "Donate to C3P")', "[Faites un don](https://protectchildren.ca/donate)",
     ['[…](https://protectchildren.ca/donate "…") lost its title']),
    ("fr", "[Donate](https://protectchildren.ca/donate)", "[Faire un don](https://protectchildren.ca/donate",
     ["[…](https://protectchildren.ca/donate) is broken: missing ')' after the target"]),
    ("de", "[Donate](https://protectchildren.ca/donate)", "[Spenden] (https://protectchildren.ca/donate)",
     ["[…](https://protectchildren.ca/donate) is broken: a space between ']' and '('"]),
    ("de", "[Donate](https://protectchildren.ca/donate)", "[Spenden(https://protectchildren.ca/donate)",
     ["[…](https://protectchildren.ca/donate) is broken: missing ']' before '('"]),
    ("fr", "[Donate](https://protectchildren.ca/donate)", "Faire un don](https://protectchildren.ca/donate)",
     ["[…](https://protectchildren.ca/donate) is broken: missing '[' before the link text"]),
    ("de", "![Logo](/img/logo.png)", "[Logo](/img/logo.png)", ["![…](/img/logo.png) lost its '!': a link now, not an image"]),
    # Markdown near misses: translated titles, emphasis moved or added, code spans quoted, text that looks like delimiters
    ("fr", '[Donate now](https://x.org/d "Donate to C3P")', '[Faites un don](https://x.org/d "Faire un don au C3P")', None),
    ("fr", "A **proven** tool", "Un outil **éprouvé**", None),
    ("fr", "A proven tool", "Un outil *éprouvé*", None),
    ("fr", "The value `{name}` is wrong", "La valeur « {name} » est fausse", None),
    ("fr", "letters, numbers, underscores", "des lettres, des nombres, des tirets bas (_)", None),
    ("de", "Multiply 5 * 3", "Multiplizieren Sie 5 * 3 \\* 2", None),
    ("fr", "Use *this* and **that**", "Utilisez _ceci_ et __cela__", None),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    result = {}
    for lang in ("fr", "de"):
        cases = [("", msgid, None, [msgstr]) for (l, msgid, msgstr, _) in CASES if l == lang]
        report = check([write_po(folder / f"{lang}.po", cases, lang)], select=["markup"])
        result[lang] = {f.msgctxt: f for f in report.findings}
    return result


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}:{c[2]}")
def test_markup_case(case, findings):
    lang, _, _, expected = case
    number = [c for c in CASES if c[0] == lang].index(case)
    finding = findings[lang].get(f"case {number}")
    if expected is None:
        assert finding is None, finding.message
    else:
        assert finding is not None and all(word in finding.message for word in expected), finding and finding.message
        assert finding.severity == "warning" and not finding.blocking


def test_plural_forms_are_compared_with_their_source(tmp_path):
    path = write_po(tmp_path / "de.po", [("", "<b>One</b> image", "<b>%d</b> images", ["<b>Ein</b> Bild", "%d Bilder"])], "de")
    (finding,) = check([path], select=["markup"]).findings
    assert "msgstr[1]: missing <b>, </b>" in finding.message and "msgstr[0]" not in finding.message


def test_ignore_comment_silences_an_intended_url_change(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '# i18n-check: ignore markup\nmsgid "<a href=\\"/en/\\">Docs</a>"\nmsgstr "<a href=\\"/fr/\\">Docs</a>"\n',
                    encoding="utf-8")
    assert check([path], select=["markup"]).findings == ()


def test_real_catalogs_only_flag_the_localised_documentation_links():
    """On the real catalogs markup reports two entries, both Django's French translation pointing
    its documentation link to /fr/ instead of /en/: an intended change, the kind the ignore comment
    is for. French ordinals 1<sup>er</sup> and Sphinx's <sourcedir> metavariables are not reported."""
    report = check(sorted(REAL.rglob("*.po")), select=["markup"])
    assert [(f.language, "docs.djangoproject.com/fr/" in f.msgstr) for f in report.findings] == [("fr", True), ("fr", True)]


# The markup rule parses a message with markdown-it only when its Markdown can differ from its
# source's (rules/markdown_inline.compare): its shortcut must never hide what the parse would find.
PIECES = ["a", "bc", "été", "Wort", " ", " ", ".", ",", "(", ")", "*", "**", "_", "__", "`", "~~", "[", "]", "](",
          "https://x.org/p", ' "t"', "!", "\\"]
WORDS = {"a": "un", "bc": "de", "été": "summer", "Wort": "mot"}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.lists(st.sampled_from(PIECES), max_size=14), st.booleans())
def test_the_shortcut_agrees_with_the_parse(source_pieces, other_pieces, reworded):
    source = "".join(source_pieces)
    # A translation that rewords the source (same markup), or another text altogether.
    translation = "".join(WORDS.get(p, p) for p in source_pieces) if reworded else "".join(other_pieces)
    assert compare(source, translation, inline_links) == differences(shape_of(source), shape_of(translation))
