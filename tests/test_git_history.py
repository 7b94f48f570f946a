"""The project's history read with git: compliance history, findings since a revision, glossary
impact, on a repository the tests build (tests/gitproject.py) and on the bundled campaign."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import io
from pathlib import Path

import pytest

import gitproject
from conftest import ROOT
from i18n_check import load_catalog, load_glossary
from i18n_check.errors import InputError
from i18n_check.git import open_repository
from i18n_check.history import compliance_history
from i18n_check.impact import glossary_impact
from i18n_check.languages import parse_languages
from i18n_check.revisions import glossary_at
from i18n_check.since import compare, since
from i18n_check.usage import term_usage


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("campaign") / "project"
    return root, gitproject.build(root)


@pytest.fixture
def project(built, tmp_path, monkeypatch) -> tuple[Path, dict[str, str]]:
    """A fresh clone of the built project, the working folder for the test."""
    root, commits = built
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    monkeypatch.chdir(clone)
    return clone, commits


def figures(history) -> dict[tuple[str, str], list[tuple[int, int] | None]]:
    return {(s.concept, s.language): [None if p is None else (p.compliant, p.expected) for p in s.points] for s in history.series}


# --- report --history -------------------------------------------------------------------------


def test_history_gives_the_compliance_built_into_the_commits(project):
    _, commits = project
    history = compliance_history(10, ["catalogs"], "glossary.yaml")
    assert [c.hash for c in history.commits] == [commits[n] for n in ("C1", "C2", "C3", "C4")]
    assert figures(history) == gitproject.HISTORY
    assert history.skipped == ()
    assert history.commits[0].subject == "initial"


def test_history_matches_a_direct_computation_on_each_commit_checked_out(project, tmp_path):
    # Each commit unpacked by `git archive` and measured as the editors' report measures the working files.
    root, commits = project
    history = compliance_history(4, ["catalogs"], "glossary.yaml")
    for index, commit in enumerate(history.commits):
        folder = tmp_path / commit.hash
        folder.mkdir()
        archive = subprocess.run(["git", "archive", commit.hash], cwd=root, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        glossary = load_glossary(folder / "glossary.yaml")
        catalogs = [(load_catalog(p), p.name) for p in sorted((folder / "catalogs").rglob("*.po"))]
        direct = {(c.id, lang): (u.compliant, u.expected) for c in term_usage(catalogs, glossary) for lang, u in c.languages.items()
                  if u.expected}
        assert {key: points[index] for key, points in figures(history).items() if points[index]} == direct


def test_history_takes_the_last_n_commits_and_one_language(project):
    history = compliance_history(2, ["catalogs"], "glossary.yaml", languages=parse_languages("fr"))
    assert [c.subject for c in history.commits] == ["de: Missbrauchsdarstellungen; fr: Donate translated",
                                                    "glossary: de bans Opfer, fr admits personne ayant survécu"]
    assert figures(history) == {("survivor", "fr"): [(2, 3), (3, 3)], ("csam", "fr"): [(0, 1), (0, 1)]}


def test_a_commit_whose_glossary_is_broken_is_named_and_skipped(project):
    root, _ = project
    (root / "glossary.yaml").write_text(gitproject.GLOSSARY_2.replace("preferred: [Überlebende]", "prefered: [Überlebende]"),
                                        encoding="utf-8")
    gitproject.git(root, "commit", "-q", "-am", "typo", date=1_800_000_000)
    broken = gitproject.git(root, "rev-parse", "HEAD")
    history = compliance_history(3, ["catalogs"], "glossary.yaml")
    assert len(history.commits) == 3 and history.commits[-1].hash == broken
    (commit, why), = history.skipped
    assert commit == broken
    assert why.startswith(f"{broken[:10]}:glossary.yaml:") and "unknown key 'prefered'" in why
    assert figures(history)[("survivor", "de")] == [(3, 3), (2, 3), None]


def test_history_errors_name_what_is_wrong(project, tmp_path, monkeypatch):
    with pytest.raises(InputError, match=r"--history: 0 commits; give 1 to 1000"):
        compliance_history(0, ["catalogs"], "glossary.yaml")
    (project[0] / "other").mkdir()
    with pytest.raises(InputError, match=r"--history: no commit changed other, nothing.yaml \(commit the catalogs"):
        compliance_history(3, ["other"], "nothing.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    with pytest.raises(InputError, match=r"--history: .*outside is not in a git repository"):
        compliance_history(3, ["."], "glossary.yaml")


# --- check --since ----------------------------------------------------------------------------


def current_findings():
    from i18n_check import check

    report = check(["catalogs"], glossary=load_glossary("glossary.yaml"), glossary_path="glossary.yaml")
    return report


def keyed(findings):
    return sorted((f.catalog, f.line, f.rule, f.concept) for f in findings)


def test_since_the_first_commit_new_and_fixed(project):
    report = current_findings()
    new, result = since("HEAD~3", report.findings, [c.path for c in report.catalogs], "glossary.yaml")
    assert keyed(new) == [("catalogs/de/site.po", 14, "glossary-forbidden", "survivor")]  # Opfer, banned by C4
    assert result.new == 1 and result.unchanged == 2
    assert keyed(result.fixed) == [
        ("catalogs/de/site.po", 18, "glossary-forbidden", "csam"), ("catalogs/de/site.po", 18, "glossary-missing", "csam"),
        ("catalogs/fr/site.po", 10, "glossary-forbidden", "survivor"), ("catalogs/fr/site.po", 10, "glossary-missing", "survivor"),
        ("catalogs/fr/site.po", 22, "language-parity", None), ("catalogs/fr/site.po", 22, "untranslated", None),
        ("catalogs/fr/site.po", 26, "glossary-missing", "survivor"),
    ]
    assert result.glossary == "HEAD~3:glossary.yaml" and not result.glossary_missing
    assert result.commit == project[1]["C1"]


def test_since_head_with_an_edit_in_the_working_files(project):
    root, _ = project
    fr = root / "catalogs" / "fr" / "site.po"
    fr.write_text(fr.read_text(encoding="utf-8").replace("Chaque survivante a une voix.", "Chaque rescapée a une voix."), encoding="utf-8")
    report = current_findings()
    new, result = since("HEAD", report.findings, [c.path for c in report.catalogs], "glossary.yaml")
    assert keyed(new) == [("catalogs/fr/site.po", 14, "glossary-forbidden", "survivor"), ("catalogs/fr/site.po", 14, "glossary-missing", "survivor")]
    assert result.fixed == () and result.unchanged == 3


def test_since_a_revision_without_the_glossary_or_a_catalog(project):
    root, _ = project
    (root / "catalogs" / "es").mkdir()
    shutil.copy(root / "catalogs" / "fr" / "site.po", root / "catalogs" / "es" / "site.po")
    es = root / "catalogs" / "es" / "site.po"
    es.write_text(es.read_text(encoding="utf-8").replace("Language: fr", "Language: es").replace("Faire un don", ""), encoding="utf-8")
    gitproject.git(root, "add", "-A")
    gitproject.git(root, "commit", "-q", "-m", "es", date=1_800_000_000)
    gitproject.git(root, "rm", "-q", "glossary.yaml")
    gitproject.git(root, "commit", "-q", "-m", "no glossary", date=1_800_000_100)
    gitproject.git(root, "checkout", "-q", "HEAD~1", "--", "glossary.yaml")
    report = current_findings()
    new, result = since("HEAD", report.findings, [c.path for c in report.catalogs], "glossary.yaml")
    assert result.glossary_missing and result.glossary is None
    assert {f.rule for f in new} == {"glossary-forbidden", "glossary-missing"}  # every glossary finding is new
    new, result = since("HEAD~2", report.findings, [c.path for c in report.catalogs], "glossary.yaml")
    assert result.catalogs_missing == ("catalogs/es/site.po",)
    assert keyed(new) == [("catalogs/es/site.po", 22, "language-parity", None), ("catalogs/es/site.po", 22, "untranslated", None)]


def test_since_errors_name_the_revision_and_the_file(project):
    report = current_findings()
    names = [c.path for c in report.catalogs]
    with pytest.raises(InputError, match=r"--since: unknown git revision 'v9'"):
        since("v9", report.findings, names, "glossary.yaml")
    with pytest.raises(InputError, match=r"--since: unknown git revision '--output=x'"):
        since("--output=x", report.findings, names, "glossary.yaml")
    root, _ = project
    fr = root / "catalogs" / "fr" / "site.po"
    good = fr.read_text(encoding="utf-8")
    fr.write_text(good.replace('msgid "Donate"', 'msgid "Donate'), encoding="utf-8")
    gitproject.git(root, "commit", "-q", "-am", "broken", date=1_800_000_000)
    fr.write_text(good, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        since("HEAD", report.findings, names, "glossary.yaml")
    assert re.match(r"HEAD:catalogs/fr/site.po:\d+: end-of-line within string", str(caught.value))


def test_compare_counts_alike_findings():
    from i18n_check.findings import Finding

    one = Finding("placeholder", "error", "fr.po", "fr", 3, "a %s %d", "b", "missing")
    moved = Finding("placeholder", "error", "fr.po", "fr", 9, "a %s %d", "b", "missing")
    assert compare([one, moved], [one]) == ([moved], 1, [])
    assert compare([one], [one, moved]) == ([], 1, [moved])


# --- glossary impact --------------------------------------------------------------------------


def test_impact_of_the_glossary_commit_on_the_working_catalogs(project):
    old = glossary_at("HEAD~1:glossary.yaml", "glossary impact")
    impact = glossary_impact(["catalogs"], old, "HEAD~1:glossary.yaml", load_glossary("glossary.yaml"), "glossary.yaml")
    by_group = {(c.concept, c.language): c for c in impact.concepts}
    assert list(by_group) == [("survivor", "de"), ("survivor", "fr")]
    de, fr = by_group[("survivor", "de")], by_group[("survivor", "fr")]
    assert (de.before, de.after, fr.before, fr.after) == (0, 1, 1, 0)
    assert [(c.catalog, c.line, [f.term for f in c.findings]) for c in de.noncompliant] == [("catalogs/de/site.po", 14, ["Opfer"])]
    assert de.compliant == () and fr.noncompliant == ()
    assert [(c.catalog, c.line, c.findings[0].rule) for c in fr.compliant] == [("catalogs/fr/site.po", 26, "glossary-missing")]
    assert (impact.noncompliant, impact.compliant, impact.added, impact.removed) == (1, 1, (), ())


def test_impact_command_text_and_json(project, run_cli):
    code, out, err = run_cli("glossary", "impact", "HEAD~1:glossary.yaml")
    assert code == 0, err
    assert out.splitlines()[0] == ("Glossary impact of HEAD~1:glossary.yaml -> glossary.yaml on 2 catalogs (10 messages): "
                                   "1 entry becomes non-compliant, 1 entry becomes compliant.")
    assert "  becomes non-compliant: catalogs/de/site.po:14: glossary-forbidden: „Opfer“ is forbidden (concept survivor)" in out
    assert "  becomes compliant, was: catalogs/fr/site.po:26: glossary-missing:" in out
    assert "catalogs/de/site.po:14: glossary-forbidden: „Opfer“ is forbidden (concept survivor); use „Überlebende“\n      page:    content/en/page.md:5\n" in out
    code, out, err = run_cli("glossary", "impact", "HEAD~1:glossary.yaml", "glossary.yaml", "--format", "json", "--lang", "fr")
    data = json.loads(out)
    assert data["summary"] == {"catalogs": 1, "messages": 5, "noncompliant": 0, "compliant": 1, "concepts_added": [], "concepts_removed": []}
    (group,) = data["concepts"]
    assert (group["concept"], group["language"], group["before"], group["after"]) == ("survivor", "fr", 1, 0)
    assert group["compliant"][0]["findings"][0]["expected"] == ["survivante", "survivant"]
    assert group["compliant"][0]["references"] == ["content/en/page.md:11"]  # the page an editor opens


def test_impact_reads_git_paths_as_git_show_does(project, run_cli, monkeypatch):
    root, _ = project
    (root / "catalogs" / "fr").mkdir(exist_ok=True)
    monkeypatch.chdir(root / "catalogs")
    code, out, _ = run_cli("glossary", "impact", "HEAD~1:../glossary.yaml", "HEAD:glossary.yaml", "--catalogs", ".")
    assert code == 0 and "1 entry becomes non-compliant, 1 entry becomes compliant." in out
    code, _, err = run_cli("glossary", "impact", "HEAD~1:glossary.yml", "HEAD:glossary.yaml", "--catalogs", ".")
    assert code == 2 and "glossary impact: HEAD~1 has no file glossary.yml" in err


def test_impact_errors(project, run_cli):
    root, _ = project
    cases = [
        (("nope:glossary.yaml",), "glossary impact: unknown git revision 'nope'"),
        (("old.yaml",), "old.yaml: glossary file not found"),
        (("HEAD~1:glossary.yaml", "--catalogs", "missing"), "missing: no such file or folder"),
        (("HEAD~1:glossary.yaml", "--format", "html"), "Invalid value for '--format'"),
    ]
    for args, message in cases:
        code, _, err = run_cli("glossary", "impact", *args)
        assert code == 2 and message in err, (args, err)
    (root / "broken.yaml").write_text("version: 2\nsource: en\nlanguages: [fr]\nconcepts:\n  - id: x\n    en: [a]\n    fr: {prefered: [b]}\n")
    code, _, err = run_cli("glossary", "impact", "broken.yaml")
    assert code == 2 and "broken.yaml:7:" in err and "prefered" in err


def test_impact_outside_a_repository_and_a_file_name_with_a_colon(tmp_path, run_cli):
    for name in ("catalogs", "glossary.yaml"):
        (shutil.copytree if name == "catalogs" else shutil.copy)(ROOT / name, tmp_path / name)
    code, _, err = run_cli("glossary", "impact", "v1:glossary.yaml", cwd=tmp_path)
    assert code == 2 and "is not in a git repository" in err
    shutil.copy(ROOT / "glossary.yaml", tmp_path / "v1:glossary.yaml")  # a file of that name is that file
    code, out, err = run_cli("glossary", "impact", "v1:glossary.yaml")
    assert code == 0, err
    assert out.startswith("Glossary impact of v1:glossary.yaml -> glossary.yaml on 2 catalogs (56 messages): 0 entries")


def test_impact_on_the_bundled_campaign_banning_victime(tmp_path, run_cli):
    # What an editor asks before banning a word: the campaign's French uses "victime" twice.
    for name in ("catalogs", "glossary.yaml", "pyproject.toml"):
        (shutil.copytree if name == "catalogs" else shutil.copy)(ROOT / name, tmp_path / name)
    text = (ROOT / "glossary.yaml").read_text(encoding="utf-8")
    banned = text.replace("forbidden: [rescapée, rescapé]", "forbidden: [rescapée, rescapé, victime]", 1)
    assert banned != text
    (tmp_path / "new.yaml").write_text(banned, encoding="utf-8")
    code, out, err = run_cli("glossary", "impact", "glossary.yaml", "new.yaml", "--format", "json", cwd=tmp_path)
    assert code == 0, err
    data = json.loads(out)
    (group,) = data["concepts"]
    assert (group["concept"], group["language"]) == ("survivor", "fr")
    assert [f["term"] for change in group["noncompliant"] for f in change["findings"]] == ["victime", "victimes"]


def test_repository_reader_follows_links_within_the_commit(project):
    root, _ = project
    (root / "current.yaml").symlink_to("glossary.yaml")
    (root / "outside.yaml").symlink_to("/etc/hostname")
    gitproject.git(root, "add", "-A")
    gitproject.git(root, "commit", "-q", "-m", "links", date=1_800_000_000)
    repo = open_repository(root, "test")
    head = repo.resolve("HEAD", "test")
    assert repo.read(head, "current.yaml") == (root / "glossary.yaml").read_bytes()
    assert repo.read(head, "outside.yaml") is None
    assert repo.read(head, "absent.yaml") is None


# --- a shallow clone (CI's default checkout) --------------------------------------------------

def test_a_shallow_clone_is_named_not_taken_for_the_whole_history(built, tmp_path, monkeypatch, run_cli):
    root, _ = built
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(shallow)], check=True)
    monkeypatch.chdir(shallow)
    code, _, err = run_cli("check", "--since", "HEAD~3")
    assert code == 2 and "--since: unknown git revision 'HEAD~3'" in err
    assert "this clone is shallow" in err and "fetch-depth: 0" in err
    history = compliance_history(4, ["catalogs"], "glossary.yaml")
    assert len(history.commits) == 1 and history.shallow
    code, _, err = run_cli("report", "--history", "4", "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Only 1 commit: this clone is shallow" in page and "git fetch --unshallow --tags" in page
    # The whole history asked for, or a full clone: no such note.
    assert not compliance_history(1, ["catalogs"], "glossary.yaml").shallow
    monkeypatch.chdir(root)
    assert not compliance_history(10, ["catalogs"], "glossary.yaml").shallow
    code, _, err = run_cli("check", "--since", "v9")
    assert code == 2 and "a branch, tag or commit" in err and "shallow" not in err
