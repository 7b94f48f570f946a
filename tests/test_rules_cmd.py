"""`i18n-check rules` lists the rule table; `i18n-check rules ID` explains a rule with examples."""

from __future__ import annotations

import re

import pytest

from i18n_check.rules import DEFAULT_FAIL_ON, RULES


def test_listing_has_one_row_per_rule_with_severity_blocking_default_and_summary(run_cli):
    code, out, err = run_cli("rules")
    assert code == 0 and err == ""
    rows = {m[0]: m for m in re.findall(r"^(\S+)\s+(error|warning)\s+(yes|no)\s+(on|off)\s+(\S+)\s+(.+)$", out, re.MULTILINE)}
    assert list(rows) == list(RULES)  # every rule, in the table's order
    for rule in RULES.values():
        _, severity, blocks, default, family, summary = rows[rule.id]
        assert severity == rule.severity and family == rule.family and summary == rule.summary
        assert (blocks == "yes") == (rule.id in DEFAULT_FAIL_ON)
        assert (default == "on") == rule.default
        assert summary  # every rule documents itself in one line
    assert rows["placeholder"][1:4] == ("error", "yes", "on")
    assert rows["endpunc"][1:4] == ("warning", "no", "on")
    assert rows["unchanged"][1:4] == ("warning", "no", "off")


def test_explaining_a_rule_shows_its_documentation_and_both_examples(run_cli):
    code, out, _ = run_cli("rules", "placeholder")
    assert code == 0
    assert out.startswith("placeholder (error, family format)\n")
    assert "selected by default: yes" in out and "blocks by default:   yes" in out
    assert "msgfmt --check" in out  # the docstring is the documentation
    fails, passes = out.split("Fails:")[1].split("Passes:")
    assert "#, python-format" in fails and 'msgstr "%(nombre)s survivantes signalées"' in fails
    assert 'msgstr "%(count)s survivantes signalées"' in passes
    assert "# i18n-check: ignore placeholder" in out


def test_examples_show_invisible_characters(run_cli):
    code, out, _ = run_cli("rules", "endwhitespace")
    assert code == 0 and "no (add it to --fail-on to block)" in out
    assert 'msgid  "Searching for: "' in out and 'msgstr "Recherche de :"' in out  # the trailing space shows
    code, out, _ = run_cli("rules", "unchanged")
    assert "selected by default: no (run it with --extend-select unchanged)" in out


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_can_be_explained(run_cli, rule_id):
    code, out, _ = run_cli("rules", rule_id)
    assert code == 0 and out.startswith(f"{rule_id} (") and RULES[rule_id].summary in out
    if RULES[rule_id].example_fail:
        assert "Fails:" in out and "Passes:" in out


def test_an_unknown_rule_exits_2_with_a_suggestion(run_cli):
    code, out, err = run_cli("rules", "endpnuc")
    assert code == 2 and out == ""
    assert "unknown rule 'endpnuc'; did you mean endpunc?" in err


def test_help_lists_the_command(run_cli):
    code, out, _ = run_cli("--help")
    assert code == 0 and re.search(r"^\s+rules\s+List every rule", out, re.MULTILINE)
