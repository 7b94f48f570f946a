"""Rule selection like ruff's (ids, families, ALL, --extend-select, the more specific selector
wins), --fail-on, [tool.i18n-check] validation and documentation, and the progress bar."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from i18n_check.rules.select import expand_selectors, select_rules
from i18n_check.rules import RULES
from i18n_check.settings import KEYS, Settings, load_settings
from test_placeholders import REAL, ROOT, write_po

TTK = {r.id for r in RULES.values() if r.family == "ttk"}
DEFAULT = {r.id for r in RULES.values() if r.default}


def ids(rules) -> set[str]:
    return {r.id for r in rules}


@pytest.mark.parametrize("select, ignore, extend, expected", [
    ([], [], [], DEFAULT),
    (["ALL"], [], [], set(RULES)),
    (["ttk"], [], [], TTK),
    (["ttk"], ["endpunc"], [], TTK - {"endpunc"}),                                  # id beats family
    ([], ["ttk"], ["unchanged"], DEFAULT - TTK | {"unchanged"}),                     # id beats family
    (["ALL"], ["ttk"], [], set(RULES) - TTK),
    (["endpunc"], ["endpunc"], [], set()),                                            # a tie: ignore wins
    (["endpunc", "placeholder"], [], [], {"endpunc", "placeholder"}),
    ([], [], ["unchanged", "glossary"], DEFAULT | {"unchanged"}),
    (["format"], [], [], {"placeholder", "markup"}),
])
def test_selection_follows_ruff(select, ignore, extend, expected):
    assert ids(select_rules(select, ignore, extend)) == expected


def test_fail_on_takes_the_same_selectors():
    assert expand_selectors(["glossary"]) == {"glossary-missing", "glossary-forbidden", "glossary-dnt"}
    assert expand_selectors(["ALL"]) == set(RULES)
    assert expand_selectors(["endpunc", "placeholder"]) == {"endpunc", "placeholder"}


@pytest.fixture
def catalog(tmp_path) -> Path:
    """A French catalog with a placeholder error, an end-punctuation slip and an unchanged message."""
    return write_po(tmp_path / "fr.po", [
        ("python-format", "%(count)s reports", None, ["%(nombre)s signalements"]),
        ("", "Commands:", None, ["Commandes:"]),
        ("", "Report abuse now", None, ["Report abuse now"]),
    ])


def rules_in(out: str) -> set[str]:
    return set(re.findall(r"^\S+:\d+: ([a-z-]+):", out, re.MULTILINE))


def test_cli_select_ignore_extend_and_fail_on(run_cli, catalog):
    code, out, _ = run_cli("check", "--no-glossary", catalog)
    assert code == 1 and rules_in(out) == {"placeholder", "endpunc"}
    code, out, _ = run_cli("check", "--no-glossary", "--select", "endpunc", catalog)
    assert code == 0 and rules_in(out) == {"endpunc"}  # a warning does not block
    code, out, _ = run_cli("check", "--no-glossary", "--select", "endpunc", "--fail-on", "ttk", catalog)
    assert code == 1
    code, out, _ = run_cli("check", "--no-glossary", "--ignore", "placeholder", "--extend-select", "unchanged", catalog)
    assert code == 0 and rules_in(out) == {"endpunc", "unchanged"}
    code, out, _ = run_cli("check", "--no-glossary", "--select", "ALL", "--ignore", "ttk", catalog)
    assert rules_in(out) == {"placeholder"}


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select", "--fail-on"])
def test_cli_unknown_rule_exits_2_with_a_suggestion(run_cli, catalog, option):
    code, out, err = run_cli("check", "--no-glossary", option, "endpnuc", catalog)
    assert code == 2 and out == ""
    assert f"{option}: unknown rule 'endpnuc'; did you mean endpunc?" in err and "Traceback" not in err


def write_settings(folder: Path, body: str) -> Path:
    (folder / "pyproject.toml").write_text(f'[project]\nname = "campaign"\n\n[tool.i18n-check]\n{body}\n', encoding="utf-8")
    return folder


def test_settings_select_and_ignore_apply_and_the_command_line_overrides(run_cli, catalog):
    folder = write_settings(catalog.parent, 'catalogs = ["fr.po"]\nselect = ["ttk"]\nignore = ["endpunc"]\nextend-select = ["placeholder"]')
    code, out, _ = run_cli("check", "--no-glossary", cwd=folder)
    assert rules_in(out) == {"placeholder", "unchanged"}
    code, out, _ = run_cli("check", "--no-glossary", "--ignore", "placeholder,unchanged", cwd=folder)
    assert rules_in(out) == {"endpunc"}  # --ignore replaces ignore
    code, out, _ = run_cli("check", "--no-glossary", "--select", "unchanged", cwd=folder)
    assert rules_in(out) == {"placeholder", "unchanged"}  # --select replaces select; extend-select still adds


@pytest.mark.parametrize("body, line, words", [
    ('selcet = ["ttk"]', 5, "unknown key 'selcet'; did you mean 'select'?"),
    ('catalogs = ["fr.po"]\nignore = ["endpnuc"]', 6, "'ignore': unknown rule 'endpnuc'; did you mean endpunc?"),
    ('fail-on = ["glossary", "nope"]', 5, "'fail-on': unknown rule 'nope'"),
    ("select = 3", 5, "'select' must be a list of strings"),
    ("glossary = true", 5, "'glossary' must be a string"),
    ('languages = ["fr", "french!"]', 5, "'languages': 'french!' is not a language code"),
    ('extend-select = ["ALL", 1]', 5, "'extend-select' must be a list of strings"),
])
def test_bad_settings_exit_2_naming_the_key_and_line(run_cli, tmp_path, body, line, words):
    folder = write_settings(tmp_path, body)
    code, out, err = run_cli("check", cwd=folder)
    assert code == 2 and out == ""
    assert f"pyproject.toml:{line}: " in err and words in err and "Traceback" not in err


def test_good_settings_load(tmp_path):
    folder = write_settings(tmp_path, 'select = "ttk, placeholder"\nfail-on = ["glossary"]\nlanguages = ["fr", "de_CH"]')
    settings = load_settings(folder / "pyproject.toml")
    assert settings.select == ("ttk", "placeholder") and settings.fail_on == ("glossary",)
    assert settings.languages == ("fr", "de_CH")


def test_every_setting_is_documented_with_its_default():
    """docs/configuration.md has a row for every key of [tool.i18n-check], with its default."""
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \|", text, re.MULTILINE))
    assert set(rows) == set(KEYS)
    defaults = Settings()
    for key, name in KEYS.items():
        value = getattr(defaults, name)
        shown = rows[key].strip()
        if isinstance(value, tuple):
            assert shown == "`[" + ", ".join(f'"{v}"' for v in value) + "]`", key
        elif value is None:
            assert "none" in shown.lower() or "default" in shown.lower(), key
        else:
            assert shown == f'`"{value}"`', key


def run_with_stderr_on_a_terminal(*args: str, delay: str) -> tuple[int, bytes]:
    """Run `i18n-check` with stderr on a pseudo-terminal; return its exit code and what it drew."""
    master, slave = pty.openpty()
    env = dict(os.environ, I18N_CHECK_PROGRESS_DELAY=delay)
    process = subprocess.run([sys.executable, "-m", "i18n_check", *args], stdout=subprocess.DEVNULL, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal is closed once the child has gone
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    return process.returncode, drawn


def test_progress_bar_on_a_terminal_when_the_work_takes_a_moment():
    code, drawn = run_with_stderr_on_a_terminal("check", "--no-glossary", "--format", "json", str(REAL), delay="0")
    assert code == 1
    text = drawn.decode()
    assert "i18n-check: reading [" in text and "10/10 files" in text
    assert "i18n-check: checking [##############################] 3124/3124 messages" in text
    assert text.endswith("\r\x1b[K")  # erased before the report


def test_progress_is_silent_when_the_work_is_quick_or_stderr_is_not_a_terminal(run_cli, catalog):
    code, drawn = run_with_stderr_on_a_terminal("check", "--no-glossary", str(catalog), delay="30")
    assert code == 1 and drawn == b""
    code, _, err = run_cli("check", "--no-glossary", catalog, env={"I18N_CHECK_PROGRESS_DELAY": "0"})
    assert code == 1 and err == ""
