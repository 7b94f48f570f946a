"""`i18n-check check` as users and CI run it: exit codes, formats, colour, settings."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES

CORE = FIXTURES / "core" / "catalogs"


def test_text_report_groups_findings_as_path_line_rule_message(run_cli):
    code, out, _ = run_cli("check", "--no-glossary", "--select", "untranslated,fuzzy", CORE)
    assert code == 1
    assert "catalogs/fr/site.po:16: untranslated: not translated" in out
    assert "msgid:   Act now" in out and "msgstr:  (empty)" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "fr               1" in out and "fuzzy 1" in out
    assert out.rstrip().endswith("3 blocking findings.\n1 finding silenced by ignore comments; --show-ignored lists it.")


def test_colour_is_forced_with_always_and_refused_with_no_color(run_cli):
    _, out, _ = run_cli("check", "--no-glossary", "--select", "fuzzy", "--color", "always", CORE)
    assert "\x1b[31mfuzzy\x1b[0m" in out
    _, out, _ = run_cli("check", "--no-glossary", "--select", "fuzzy", CORE, env={"NO_COLOR": "1"})
    assert "\x1b[" not in out


def test_json_report_follows_the_contract(run_cli, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run_cli("check", "--no-glossary", "--select", "untranslated,fuzzy", "--format", "json", "-o", target, CORE)
    assert code == 1 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["tool"] == "i18n-check" and data["summary"]["blocking"] == 3
    finding = next(f for f in data["findings"] if f["msgid"] == "Act now")
    assert list(finding) == ["rule", "severity", "blocking", "catalog", "language", "line", "msgctxt",
                             "msgid", "msgstr", "concept", "term", "expected", "message", "references"]
    assert finding["line"] == 16 and finding["language"] == "fr" and finding["concept"] is None
    assert finding["references"] == ["page.md:3"]  # the entry's #: line: the page an editor opens


def test_an_empty_fail_on_is_exit_2_not_a_gate_turned_off(run_cli):
    """`--fail-on "$RULES"` with the variable unset must not make every finding pass (CONTRACT §2)."""
    code, out, err = run_cli("check", "--no-glossary", "--select", "untranslated", "--fail-on", "", CORE)
    assert code == 2 and out == ""
    assert err == "i18n-check: error: --fail-on: no rule named (an empty value: an unset variable?); name rules, families or ALL, or leave the option out\n"


def test_lang_option(run_cli):
    code, out, _ = run_cli("check", "--no-glossary", "--select", "untranslated,fuzzy", "--lang", "de", CORE)
    assert code == 0 and "fr/site.po" not in out


def test_missing_path_and_empty_folder_exit_2_with_the_path(run_cli, tmp_path):
    code, _, err = run_cli("check", tmp_path / "nope")
    assert code == 2 and "nope: no such file or folder" in err and "Traceback" not in err
    code, _, err = run_cli("check", tmp_path)
    assert code == 2 and "holds no catalog" in err


def test_bad_option_values_exit_2(run_cli):
    code, _, err = run_cli("check", "--fail-on", "fuzzzy", CORE)
    assert code == 2 and "unknown rule 'fuzzzy'" in err
    code, _, err = run_cli("check", "--format", "yaml", CORE)
    assert code == 2


def test_settings_from_the_nearest_pyproject(run_cli, tmp_path):
    project = tmp_path / "proj"
    (project / "sub").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        f'[tool.i18n-check]\ncatalogs = ["{CORE.as_posix()}"]\nfail-on = ["fuzzy"]\nlanguages = ["fr"]\nselect = ["untranslated", "fuzzy"]\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli("check", "--format", "json", cwd=project / "sub")
    data = json.loads(out)
    assert code == 1 and data["summary"]["catalogs"] == 1 and data["summary"]["blocking"] == 1


def test_unknown_settings_key_exits_2_naming_it(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.i18n-check]\nglosary = "g.yaml"\n', encoding="utf-8")
    code, _, err = run_cli("check", CORE, cwd=tmp_path)
    assert code == 2 and "unknown key 'glosary'" in err and "did you mean 'glossary'" in err


def test_python_dash_m_runs_the_same_cli():
    result = subprocess.run([sys.executable, "-m", "i18n_check", "check", "--no-glossary", "--select", "fuzzy", str(CORE)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "fuzzy" in result.stdout and result.stderr == ""


def test_control_characters_in_translations_are_shown_inert(run_cli, tmp_path):
    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nLanguage: fr\\n"\n\n'
                  '#, fuzzy\nmsgid "Hello"\nmsgstr "\\033[2J\\033]0;pwned\\007Bonjour"\n', encoding="utf-8")
    _, out, _ = run_cli("check", "--no-glossary", "--select", "fuzzy", po)
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
