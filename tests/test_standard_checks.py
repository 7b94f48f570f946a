"""translate-toolkit's standard checks as rules: names, examples, French and German conventions,
the refinements that remove measured false positives, no double reports, and the measured defaults."""

from __future__ import annotations

import time

import pytest
from translate.filters.checks import StandardChecker

from i18n_check import check
from i18n_check.rules import RULES
from i18n_check.rules.standard import CHECKS, INERT, OWNED_ELSEWHERE
from i18n_check.rules.ttk import checker_for
from test_placeholders import REAL, write_po

TTK = [r for r in RULES.values() if r.family == "ttk"]


def run(cases, lang: str, select, tmp_path) -> dict[str, set[str]]:
    """msgctxt -> the rule ids reported for it; cases are (msgid, msgstr) or (flags, msgid, msgstr)."""
    rows = [("", *c, ) if len(c) == 2 else c for c in cases]
    path = write_po(tmp_path / f"{lang}.po", [(flags, msgid, None, [msgstr]) for flags, msgid, msgstr in rows], lang)
    found: dict[str, set[str]] = {}
    for finding in check([path], select=select).findings:
        found.setdefault(finding.msgctxt, set()).add(finding.rule)
    return found


def test_every_pofilter_check_is_a_rule_or_accounted_for():
    """pofilter's full set: each check is one of our rules under its ttk name, owned by another
    rule of ours (placeholder, markup...), or inert without configuration pofilter lacks too."""
    pofilter = set(StandardChecker().defaultfilters)
    ours = {r.id for r in TTK}
    assert ours | set(OWNED_ELSEWHERE) | set(INERT) >= pofilter
    assert ours <= pofilter and not ours & set(OWNED_ELSEWHERE)
    assert {"numbers", "urls", "endpunc", "doublespacing"} <= ours
    assert all(r.severity == "warning" for r in TTK)


@pytest.mark.parametrize("rule", TTK, ids=lambda r: r.id)
def test_examples_fail_and_pass_in_french(rule, tmp_path):
    found = run([rule.example_fail, rule.example_pass], "fr", [rule.id], tmp_path)
    assert found == {"case 0": {rule.id}}


# (language, rule, msgid, msgstr, reported?)
CASES = [
    # numbers: a changed number is reported; the decimal comma and grouping of fr/de are not
    ("fr", "numbers", "150 survivors spoke", "15 survivantes ont témoigné", True),
    ("de", "numbers", "In 2024, 36 million reports", "2023 gab es 36 Millionen Meldungen", True),
    ("fr", "numbers", "2.5 million reports", "2,5 millions de signalements", False),
    ("de", "numbers", "2.5 million reports", "2,5 Millionen Meldungen", False),
    ("fr", "numbers", "85,000 images", "85 000 images", False),
    ("de", "numbers", "85,000 images", "85.000 Bilder", False),
    ("fr", "numbers", "C3P supports 150 survivors", "Le CCPE soutient 150 survivantes", False),  # C3P is a name
    ("fr", "numbers", "C3P supports 150 survivors", "Le CCPE soutient 15 survivantes", True),
    # urls: a changed URL in the text; a full stop after it is punctuation
    ("de", "urls", "Report at https://example.org/report", "Melden Sie unter https://example.org/melden", True),
    ("fr", "urls", "See https://example.org/faq if in doubt.", "En cas de doute, voir https://example.org/faq.", False),
    # doublespacing: only a double space the translation adds
    ("fr", "doublespacing", "Report abuse now.", "Signalez  les abus.", True),
    ("de", "doublespacing", "Your report was sent.  Thank you.", "Ihre Meldung wurde gesendet. Danke.", False),
    # startwhitespace: French may open with the no-break space before a colon
    ("fr", "startwhitespace", ":", "\u00a0:", False),
    ("de", "startwhitespace", "  Indented", "Eingerückt", True),
    # endwhitespace: a lost trailing space glues the program's next words on
    ("de", "endwhitespace", "Searching for: ", "Suche nach:", True),
    ("fr", "endwhitespace", "Searching for: ", "Recherche de\u00a0: ", False),
    # endpunc: French spacing before : ; ! ?; abbreviations, ordinals and quote order are fine
    ("fr", "endpunc", "Commands:", "Commandes:", True),
    ("fr", "endpunc", "Commands:", "Commandes\u202f:", False),
    ("de", "endpunc", "Commands:", "Befehle:", False),
    ("fr", "endpunc", "Really?", "Vraiment ?", False),
    ("de", "endpunc", "Password changed.", "Passwort geändert", True),
    ("fr", "endpunc", "The file is in %(dir)s.", "Le fichier est dans %(dir)s .", True),
    ("fr", "endpunc", "April", "avr.", False),
    ("de", "endpunc", "{}th", "{}.", False),
    ("de", "endpunc", "Deleted “%(object)s.”", "„%(object)s“ gelöscht.", False),
    ("fr", "endpunc", "Closing…", "Fermeture...", False),
    # options, emails, functions, filepaths
    ("fr", "options", "used with --full", "utilisé avec -full", True),
    ("de", "options", "used with --full", "mit --full verwendet", False),
    ("de", "emails", "Write to help@example.org", "Schreiben Sie an hilfe@example.org", True),
    ("fr", "functions", "Call setup() first", "Appelez d'abord setup()", False),
    ("de", "filepaths", "Edit /etc/hosts", "Bearbeiten Sie /etc/Rechner", True),
    # the language's own exceptions: German capitalises nouns, so ttk skips simplecaps for German
    ("de", "simplecaps", "Send to UNICEF", "An unicef senden", False),
    ("fr", "simplecaps", "Send to UNICEF", "Envoyer à unicef", True),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}:{c[1]}:{c[3]}")
def test_french_and_german_case(case, tmp_path):
    lang, rule, msgid, msgstr, reported = case
    found = run([(msgid, msgstr)], lang, [rule], tmp_path)
    assert (found.get("case 0") == {rule}) is reported, found


def test_messages_name_placeholders_as_written(tmp_path):
    """ttk sees placeholders as opaque tokens; its messages show them as the translator wrote them."""
    path = write_po(tmp_path / "fr.po", [("python-format", "Folder:\\t%(dir)s", None, ["Dossier : %(dir)s"])])
    (finding,) = check([path], select=["escapes"]).findings
    assert "('Folder:\\t%(dir)s')" in finding.message and not any("\ue000" <= c <= "\uf8ff" for c in finding.message)


def test_plural_forms_are_paired_as_ttk_pairs_them(tmp_path):
    path = write_po(tmp_path / "de.po", [("", "One report.", "%(n)s reports.", ["Eine Meldung.", "%(n)s Meldungen"])], "de")
    (finding,) = check([path], select=["endpunc"]).findings
    assert finding.message.startswith("msgstr[1]: ")


def test_no_double_report_with_placeholder_and_markup(tmp_path):
    """A dropped placeholder is placeholder's, a changed link target is markup's: with every rule
    selected, neither is reported again by a ttk check (printf, pythonbraceformat, xmltags, urls)."""
    found = run([("python-format", "%(count)s reports", "signalements"),
                 ("", 'Read <a href="https://example.org/en/">the docs</a>', 'Lisez <a href="https://example.org/fr/">la doc</a>'),
                 ("", "Read [the docs](https://example.org/en/)", "Lisez [la doc](https://example.org/fr/)")],
                "fr", ["ALL"], tmp_path)
    assert found == {"case 0": {"placeholder"}, "case 1": {"markup"}, "case 2": {"markup"}}


def test_one_checker_per_language():
    assert checker_for("fr")[0] is checker_for("fr")[0]
    assert checker_for("fr")[0] is not checker_for("de")[0]
    assert "simplecaps" in checker_for("de")[1] and "simplecaps" not in checker_for("fr")[1]


# Measured on the real Django and Sphinx catalogs (2,408 translated messages, fr 1,562, de 846);
# the table and the inspected findings are in docs/default-checks.md.
MEASURED_DEFAULT = {"doublespacing": 8, "endpunc": 23, "endwhitespace": 9, "options": 2, "startwhitespace": 3}
MEASURED_ALL = {**MEASURED_DEFAULT, "acronyms": 19, "brackets": 30, "doublequoting": 141, "doublewords": 5,
                "newlines": 15, "puncspacing": 75, "purepunc": 14, "sentencecount": 28, "short": 1,
                "simplecaps": 133, "simpleplurals": 2, "singlequoting": 48, "startcaps": 262, "startpunc": 54,
                "unchanged": 157}


def counts(select) -> tuple[dict[str, int], int]:
    report = check(sorted(REAL.rglob("*.po")), select=select)
    ttk = {r.id for r in TTK}
    return {k: v for k, v in report.summary()["by_rule"].items() if k in ttk}, report.summary()["translated"]


def test_default_checks_on_the_real_catalogs_match_the_measurement():
    by_rule, translated = counts(None)
    assert translated == 2408
    assert by_rule == MEASURED_DEFAULT
    assert all(n / translated < 0.015 for n in by_rule.values())  # each default check stays quiet


def test_all_checks_on_the_real_catalogs_match_the_measurement():
    by_rule, _ = counts(["ALL"])
    assert by_rule == MEASURED_ALL
    off = {c.name for c in CHECKS if not c.default}
    assert {k for k, n in by_rule.items() if n / 2408 >= 0.015} <= off  # every noisy check is off by default


def test_default_checks_cost_little_per_message():
    catalogs = sorted(REAL.rglob("*.po"))
    check(catalogs, select=["placeholder"])  # warm up: readers, checkers
    start = time.perf_counter()
    check(catalogs, select=["ttk"], ignore=[c.name for c in CHECKS if not c.default])
    default = time.perf_counter() - start
    start = time.perf_counter()
    check(catalogs, select=["placeholder"])
    baseline = time.perf_counter() - start
    assert (default - baseline) / 2408 < 400e-6  # measured about 50 µs; pofilter's full set costs ~330 µs
