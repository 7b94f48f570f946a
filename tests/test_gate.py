"""The gate never passes by accident (CONTRACT §2), beyond the one-line errors of tests/hostile/
(its `gate:` cases): which catalogs a language names, what a baseline calls fixed when fewer
catalogs are checked, the `baseline` setting, where the result cache goes."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT

from i18n_check import check, load_glossary
from i18n_check.errors import InputError
from i18n_check.languages import locale_fallbacks, parse_languages, select_languages


@pytest.fixture
def campaign(tmp_path):
    """A copy of the bundled campaign with its pyproject settings."""
    for name in ("catalogs", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copyfile(ROOT / "glossary.yaml", tmp_path / "glossary.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\n', "utf-8")
    return tmp_path


# ---------------------------------------------------------------- languages as gettext reads them


@pytest.mark.parametrize("code, expected", [
    ("fr", ["fr"]),
    ("fr_FR", ["fr_FR", "fr"]),
    ("fr-fr", ["fr_FR", "fr"]),
    ("fr_FR.UTF-8", ["fr_FR", "fr"]),               # a locale name copied from $LANG
    ("sr@latin", ["sr@latin", "sr"]),
    ("sr_RS@latin", ["sr_RS@latin", "sr@latin", "sr_RS", "sr"]),  # _nl_explode_name's order
])
def test_locale_fallbacks_follow_gettext(code, expected):
    assert locale_fallbacks(code) == expected


@pytest.mark.parametrize("requested, available, expected", [
    ("fr_FR", ["fr", "de"], {"fr"}),                 # fr_FR users read fr when there is no fr_FR
    ("fr_FR", ["fr", "fr_FR", "de"], {"fr", "fr_FR"}),  # ... and fr behind fr_FR, message by message
    ("fr", ["fr", "fr_CA"], {"fr"}),                 # a language never names its regions
    ("pt-BR,de", ["pt_BR", "pt", "de"], {"pt_BR", "pt", "de"}),
    ("FR", ["fr"], {"fr"}),
])
def test_a_requested_language_names_the_catalogs_gettext_reads(requested, available, expected):
    assert select_languages(parse_languages(requested), available) == expected


def test_a_language_with_only_a_regional_catalog_is_an_error_that_names_it():
    with pytest.raises(InputError) as caught:
        select_languages(parse_languages("pt"), ["pt_BR", "de"])
    assert str(caught.value) == ("--lang: no catalog in language 'pt' (gettext reads a regional catalog, pt_BR, only for "
                                 "its own locale, never for 'pt'); catalogs found: de, pt_BR; did you mean pt_BR?")


def test_the_library_refuses_a_language_with_no_catalog_too():
    with pytest.raises(InputError, match="languages: no catalog in language 'es'; catalogs found: de, fr"):
        check([ROOT / "catalogs"], languages=["es"])


def test_a_template_beside_catalogs_is_passed_over_and_alone_is_refused(run_cli, campaign):
    """`check catalogs/*` (the shell names the template too) checks the catalogs, as the folder would."""
    folder = run_cli("check", "--format", "json", "catalogs", cwd=campaign)
    globbed = run_cli("check", "--format", "json", "catalogs/campaign.pot", "catalogs/de", "catalogs/fr", cwd=campaign)
    assert globbed[0] == folder[0] == 1 and json.loads(globbed[1]) == json.loads(folder[1])
    code, _, err = run_cli("check", "catalogs/campaign.pot", cwd=campaign)
    assert code == 2 and "catalogs/campaign.pot: a template holds no translation to check" in err


def test_a_catalog_of_unknown_language_is_not_passed_by_the_glossary_in_silence(run_cli, campaign, tmp_path):
    """No Language header and no language in the path: the glossary could not be checked."""
    text = (campaign / "catalogs/fr/campaign.po").read_text("utf-8")
    headerless = tmp_path / "tmp" / "campaign.po"
    headerless.parent.mkdir()
    headerless.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith('"Language:')), "utf-8")
    code, _, err = run_cli("check", str(headerless), cwd=campaign)
    assert code == 2 and "cannot tell this catalog's language" in err
    code, out, _ = run_cli("check", "--no-glossary", str(headerless), cwd=campaign)
    assert code == 1 and "(no glossary)" in out


def test_update_creates_a_catalog_for_a_new_language_but_not_for_a_region_of_one_it_has(run_cli, campaign):
    code, _, err = run_cli("update", "--lang", "fr-FR,es", cwd=campaign)
    assert code == 0, err
    assert "unchanged catalogs/fr/campaign.po" in err and "created catalogs/es/campaign.po" in err
    assert not (campaign / "catalogs" / "fr_FR").exists() and not (campaign / "catalogs" / "fr-FR").exists()


# ---------------------------------------------------------------- baselines


def baseline_summary(run_cli, *args) -> tuple[int, dict]:
    code, out, err = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)["baseline"]


def test_a_baseline_checked_over_one_language_calls_nothing_of_the_other_fixed(run_cli, campaign):
    code, _, _ = run_cli("check", "--write-baseline", "baseline.json", cwd=campaign)
    assert code == 0
    # fr alone: de's findings were not looked for, and language-parity compares languages (fr's
    # parity findings cannot be found without de): neither is "fixed".
    assert baseline_summary(run_cli, "--baseline", "baseline.json", "--lang", "fr") == (0, {"new": 0, "baselined": 2, "fixed": 0})
    # One catalog given (as a pre-commit hook does): the same.
    assert baseline_summary(run_cli, "--baseline", "baseline.json", "catalogs/de/campaign.po") == (
        0, {"new": 0, "baselined": 4, "fixed": 0})
    # A rule not run finds nothing either.
    assert baseline_summary(run_cli, "--baseline", "baseline.json", "--select", "untranslated") == (
        0, {"new": 0, "baselined": 2, "fixed": 0})
    # Everything checked, one finding really fixed: counted.
    po = campaign / "catalogs" / "fr" / "campaign.po"
    text = po.read_text("utf-8")
    start = text.index('msgid "[Donate]')
    po.write_text(text[:start] + text[start:].replace('msgstr ""', 'msgstr "[Faire un don](https://protectchildren.ca/en/get-involved/donate/)"', 1), "utf-8")
    assert baseline_summary(run_cli, "--baseline", "baseline.json") == (0, {"new": 0, "baselined": 7, "fixed": 2})


def test_the_baseline_setting_is_applied_and_can_be_set_aside(run_cli, campaign):
    (campaign / "pyproject.toml").write_text('[tool.i18n-check]\nbaseline = "baseline.json"\n', "utf-8")
    # Writing the first baseline does not need the configured one to exist.
    code, _, err = run_cli("check", "--write-baseline", "baseline.json", cwd=campaign)
    assert code == 0 and "wrote 9 findings to baseline baseline.json" in err
    code, out, _ = run_cli("check")
    assert code == 0 and "(0 new, 9 baselined, 0 fixed since the baseline)" in out
    code, out, _ = run_cli("check", "--no-baseline")
    assert code == 1 and "9 findings in 2 catalogs: 6 blocking findings." in out


# ---------------------------------------------------------------- where the cache goes


def test_the_cache_goes_to_the_project_root_whatever_the_working_folder(run_cli, campaign):
    code, _, err = run_cli("check", "../catalogs", cwd=campaign / "content")
    assert code == 1, err
    assert (campaign / ".i18n-check-cache" / "CACHEDIR.TAG").is_file()
    assert not (campaign / "content" / ".i18n-check-cache").exists()


def test_without_settings_the_cache_goes_to_the_user_cache_folder(run_cli, campaign):
    (campaign / "pyproject.toml").unlink()
    code, _, _ = run_cli("check", cwd=campaign, env={"XDG_CACHE_HOME": str(campaign / "xdg")})
    assert code == 1
    assert not (campaign / ".i18n-check-cache").exists()
    assert len(list((campaign / "xdg" / "i18n-check").glob("*.marshal"))) == 2
    # A relative XDG_CACHE_HOME is invalid (XDG base directory spec): ~/.cache instead.
    code, _, _ = run_cli("check", cwd=campaign, env={"XDG_CACHE_HOME": "rel", "HOME": str(campaign / "home")})
    assert code == 1 and not (campaign / "rel").exists()
    assert len(list((campaign / "home" / ".cache" / "i18n-check").glob("*.marshal"))) == 2
    # --cache-dir still decides.
    code, _, _ = run_cli("check", "--cache-dir", "here", cwd=campaign)
    assert code == 1 and (campaign / "here" / "CACHEDIR.TAG").is_file()


def test_help_says_where_the_cache_goes(run_cli):
    code, out, _ = run_cli("check", "--help")
    words = " ".join(out.split())
    assert code == 0 and "beside the pyproject.toml holding [tool.i18n-check], else $XDG_CACHE_HOME/i18n-check" in words


def test_settings_are_shown_relative_to_the_working_folder(run_cli, campaign):
    (campaign / "pyproject.toml").write_text('[tool.i18n-check]\nglossary = "terms.yaml"\n', "utf-8")
    code, _, err = run_cli("check", cwd=campaign / "catalogs")
    assert code == 2 and err == ("i18n-check: error: ../pyproject.toml:2: [tool.i18n-check] 'glossary': "
                                 "glossary file ../terms.yaml not found\n")


def test_no_glossary_said_in_the_summary_only_when_there_is_none(run_cli, campaign):
    code, out, _ = run_cli("check", cwd=campaign)
    assert code == 1 and "\n9 findings in 2 catalogs: 6 blocking findings.\n" in out
    code, out, _ = run_cli("check", "--no-glossary")
    assert code == 1 and out.endswith("6 findings in 2 catalogs (no glossary): 3 blocking findings.\n")
    report = check([campaign / "catalogs"], glossary=load_glossary(campaign / "glossary.yaml"))
    assert report.glossary == str(campaign / "glossary.yaml")  # the library names the glossary it was given


def test_glossary_empty_string_in_settings_means_none(run_cli, campaign):
    (campaign / "pyproject.toml").write_text('[tool.i18n-check]\nglossary = ""\n', "utf-8")
    code, out, _ = run_cli("check", cwd=campaign)
    assert code == 1 and "(no glossary)" in out


# ---------------------------------------------------------------- stale template and catalogs (--check)


def snapshot(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_extract_and_update_check_pass_on_a_project_in_sync_and_write_nothing(run_cli, campaign):
    before = snapshot(campaign / "catalogs")
    assert run_cli("extract", "--check", cwd=campaign) == (
        0, "", "i18n-check: up to date: catalogs/campaign.pot: 28 messages from 1 files\n")
    code, _, err = run_cli("update", "--check")
    assert code == 0 and err.count("unchanged") == 2
    assert snapshot(campaign / "catalogs") == before  # not even a lock file


def test_extract_check_exits_1_when_the_content_changed_and_writes_nothing(run_cli, campaign):
    page = campaign / "content" / "en" / "eu-derogation.md"
    page.write_text(page.read_text("utf-8") + "\nA paragraph an editor added.\n", "utf-8")
    before = snapshot(campaign / "catalogs")
    code, out, err = run_cli("extract", "--check", cwd=campaign)
    assert code == 1 and out == ""
    assert err == ("i18n-check: would write catalogs/campaign.pot: 29 messages from 1 files\n"
                   "i18n-check: the template is stale: run `i18n-check extract` (nothing was written)\n")
    assert snapshot(campaign / "catalogs") == before


def test_update_check_exits_1_when_a_catalog_would_change_and_writes_nothing(run_cli, campaign):
    page = campaign / "content" / "en" / "eu-derogation.md"
    page.write_text(page.read_text("utf-8") + "\nA paragraph an editor added.\n", "utf-8")
    assert run_cli("extract", cwd=campaign)[0] == 0
    before = snapshot(campaign / "catalogs")
    code, out, err = run_cli("update", "--check")
    assert code == 1 and out == ""
    assert "i18n-check: would update catalogs/de/campaign.po: 1 new" in err
    assert "i18n-check: would update catalogs/fr/campaign.po: 1 new" in err
    assert err.endswith("i18n-check: 2 catalogs are stale: run `i18n-check update` (nothing was written)\n")
    assert snapshot(campaign / "catalogs") == before
    # A language the settings add, whose catalog does not exist yet, would be created.
    (campaign / "pyproject.toml").write_text('[tool.i18n-check]\nlanguages = ["es"]\n', "utf-8")
    assert run_cli("update")[0] == 0
    shutil.rmtree(campaign / "catalogs" / "es")
    code, _, err = run_cli("update", "--check")
    assert code == 1 and "i18n-check: would create catalogs/es/campaign.po: 29 new" in err
    assert not (campaign / "catalogs" / "es").exists()
