"""Editors see everything (issue 16): pages, silenced findings, mentions, glossary impact, and
history, in every report, on the bundled campaign and on a git repository the tests build; the
HTML report opened in headless Chromium."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

import gitproject
from conftest import ROOT
from test_html_report import dump_dom, text
from i18n_check import load_catalog, load_glossary
from i18n_check.usage import term_usage


@pytest.fixture
def project(tmp_path_factory, tmp_path, monkeypatch) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "project"
    commits = gitproject.build(root)
    monkeypatch.chdir(root)
    return root, commits


@pytest.fixture
def campaign(tmp_path, monkeypatch) -> Path:
    for name in ("catalogs", "content", "glossary.yaml", "pyproject.toml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def klass(tag: str, name: str) -> str:
    """The XPath of the `tag` elements of class `name` below an element."""
    return f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


def silence(path: Path, msgid_start: str, comment: str) -> None:
    """Put `# comment` above the entry whose msgid starts with `msgid_start`."""
    text_ = path.read_text(encoding="utf-8")
    at = text_.index(msgid_start)  # in the msgid, on its line or the next (wrapped)
    start = text_.rindex("\n\n", 0, at) + 2
    path.write_text(text_[:start] + f"# {comment}\n" + text_[start:], encoding="utf-8")


# Pages ----------------------------------------------------------------------------------------

def test_every_format_names_the_page_of_a_finding(campaign, run_cli):
    code, out, _ = run_cli("check", "--select", "fuzzy")
    assert code == 1
    assert out.splitlines()[1:3] == [
        "catalogs/fr/campaign.po:27: fuzzy: flagged fuzzy: needs review (source was: “Using technologies that would help protect children from on…”)",
        "    page:    content/en/eu-derogation.md:3"]
    data = json.loads(run_cli("check", "--select", "fuzzy", "--format", "json")[1])
    assert data["findings"][0]["references"] == ["content/en/eu-derogation.md:3"]
    sarif = json.loads(run_cli("check", "--select", "fuzzy", "--format", "sarif")[1])
    (related,) = sarif["runs"][0]["results"][0]["relatedLocations"]
    assert related["physicalLocation"] == {"artifactLocation": {"uri": "content/en/eu-derogation.md", "uriBaseId": "%SRCROOT%"},
                                           "region": {"startLine": 3}}
    markdown = run_cli("check", "--format", "markdown")[1]
    assert "**content/en/eu\\-derogation\\.md**" in markdown
    assert "- catalogs/fr/campaign\\.po\\:27 \\(page line 3\\) **fuzzy**" in markdown


def test_a_finding_without_references_keeps_every_report_as_it_was(tmp_path, run_cli):
    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr "Language: fr\\nContent-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr ""\n',
                  encoding="utf-8")
    data = json.loads(run_cli("check", str(po), "--format", "json", "--no-glossary", cwd=tmp_path)[1])
    assert list(data) == ["tool", "version", "glossary", "summary", "findings", "mentions", "ignored"]
    assert "references" not in data["findings"][0]
    assert "page:" not in run_cli("check", str(po), "--no-glossary")[1]


# Silenced by translators ----------------------------------------------------------------------

def test_silenced_findings_are_listed_with_their_comment(campaign, run_cli):
    de = campaign / "catalogs" / "de" / "campaign.po"
    silence(de, "The proliferation", "i18n-check: ignore glossary-forbidden:csam -- quoting the 2021 regulation")
    code, out, _ = run_cli("check", "--select", "glossary")
    assert code == 1  # glossary-missing still blocks there
    assert "glossary-forbidden" not in out.split("language  catalogs")[0]
    assert "1 finding silenced by ignore comments; --show-ignored lists it." in out
    code, out, _ = run_cli("check", "--select", "glossary", "--show-ignored")
    assert ("catalogs/de/campaign.po:127: glossary-forbidden: „Kinderpornografie“ is forbidden (concept csam); use "
            "„Darstellungen sexuellen Kindesmissbrauchs“, „Missbrauchsdarstellungen“ (silenced: “# i18n-check: ignore "
            "glossary-forbidden:csam -- quoting the 2021 regulation”)") in out
    data = json.loads(run_cli("check", "--select", "glossary", "--format", "json")[1])
    (silenced,) = data["ignored"]
    assert (silenced["rule"], silenced["concept"], silenced["blocking"]) == ("glossary-forbidden", "csam", False)
    assert silenced["comment"] == "i18n-check: ignore glossary-forbidden:csam -- quoting the 2021 regulation"
    assert silenced["references"] == ["content/en/eu-derogation.md:41"]
    sarif = json.loads(run_cli("check", "--select", "glossary", "--format", "sarif")[1])
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["glossary-forbidden"]
    # The same from the result cache, and from forked workers.
    again = json.loads(run_cli("check", "--select", "glossary", "--format", "json", "--jobs", "2", "--no-cache")[1])
    cached = json.loads(run_cli("check", "--select", "glossary", "--format", "json")[1])
    assert again["ignored"] == cached["ignored"] == data["ignored"]


def test_show_ignored_says_so_when_nothing_is_silenced(campaign, run_cli):
    code, out, _ = run_cli("check", "--show-ignored")
    assert code == 1 and out.rstrip().splitlines()[-2] == "No finding silenced by ignore comments."
    code, out, _ = run_cli("check")
    assert "silenced" not in out
    data = json.loads(run_cli("check", "--format", "json")[1])
    assert data["ignored"] == [] and len(data["mentions"]) == 4  # both lists always there for tools


def test_a_silenced_drift_finding_is_listed(campaign, run_cli):
    silence(campaign / "catalogs" / "de" / "campaign.po", "Read the [report", "i18n-check: ignore language-parity")
    data = json.loads(run_cli("check", "--format", "json")[1])
    assert [(i["rule"], i["line"]) for i in data["ignored"]] == [("language-parity", 181)]


# check --since --------------------------------------------------------------------------------

def test_check_since_reports_new_and_fixed(project, run_cli):
    code, out, _ = run_cli("check", "--since", "HEAD~3")
    assert code == 1
    assert out.startswith("catalogs/de/site.po\ncatalogs/de/site.po:14: glossary-forbidden: „Opfer“ is forbidden")
    assert "Fixed since HEAD~3 (lines as they were there)\ncatalogs/de/site.po:18: glossary-forbidden:" in out
    assert out.rstrip().endswith("1 finding in 2 catalogs: 1 blocking finding (1 new since HEAD~3, 2 already there, 7 fixed; "
                                 f"{project[1]['C1'][:10]}).")
    data = json.loads(run_cli("check", "--since", "HEAD~3", "--format", "json")[1])
    assert (data["since"]["new"], data["since"]["unchanged"], len(data["since"]["fixed"])) == (1, 2, 7)
    assert data["since"]["commit"] == project[1]["C1"] and data["since"]["glossary"] == "HEAD~3:glossary.yaml"
    code, out, _ = run_cli("check", "--since", "HEAD", "--select", "glossary")
    assert code == 0 and "(0 new since HEAD, 3 already there, 0 fixed;" in out


def test_check_since_wrong_turns(project, run_cli, tmp_path):
    for args, message in [
        (("--since", "v9"), "i18n-check: error: --since: unknown git revision 'v9'"),
        (("--since", ""), "i18n-check: error: --since: empty revision (an unset variable?)"),
        (("--since", "HEAD", "--baseline", "b.json"), "i18n-check: error: --since and --baseline: both say what is new; use one"),
        (("--since", "HEAD", "--write-baseline", "b.json"), "i18n-check: error: --since and --write-baseline"),
    ]:
        code, out, err = run_cli("check", *args)
        assert code == 2 and out == "" and err.startswith(message), (args, err)
    outside = tmp_path / "outside"
    shutil.copytree(project[0] / "catalogs", outside / "catalogs")
    code, _, err = run_cli("check", "--since", "HEAD", "--no-glossary", cwd=outside)
    assert code == 2 and "is not in a git repository" in err


# The HTML report in Chromium -------------------------------------------------------------------

def test_report_shows_pages_silenced_impact_and_history_in_chromium(project, run_cli, tmp_path):
    root, commits = project
    silence(root / "catalogs" / "fr" / "site.po", "Child sexual", "i18n-check: ignore glossary-forbidden:csam -- the law's words")
    code, _, err = run_cli("report", "--history", "4", "--impact", "HEAD~1:glossary.yaml", "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    page = dump_dom(tmp_path / "r.html", tmp_path / "profile")
    # History: one chart per concept and language, its points the figures of each commit.
    charts = {(f.get("data-concept"), f.get("data-language")): f for f in page.xpath(klass("figure", "chart"))}
    assert set(charts) == set(gitproject.HISTORY)
    for key, figures in gitproject.HISTORY.items():
        svg = charts[key].xpath(".//svg")[0]
        points = [(int(c.get("data-compliant")), int(c.get("data-expected"))) for c in svg.xpath(klass("circle", "point"))]
        assert points == figures, key
        assert [c.get("data-commit") for c in svg.xpath(klass("circle", "point"))] == [commits[n] for n in ("C1", "C2", "C3", "C4")]
        ys = [float(c.get("cy")) for c in svg.xpath(klass("circle", "point"))]
        shares = [a / b for a, b in figures]
        assert all((ys[i] < ys[j]) == (shares[i] > shares[j]) for i in range(4) for j in range(4))  # higher is better
        assert svg.xpath(klass("path", "line"))
    # Impact: the entry the ban on Opfer makes non-compliant, with its page and paragraph.
    impact = page.get_element_by_id("impact")
    rows = [text(row) for row in impact.xpath(klass("tr", "worse"))]
    assert len(rows) == 1 and "catalogs/de/site.po:14" in rows[0] and "page.md · “Page”, paragraph 2" in rows[0]
    assert [text(row).startswith("compliant catalogs/fr/site.po:27") for row in impact.xpath(klass("tr", "better"))] == [True]
    # Silenced by translators, with the comment.
    (silenced,) = page.get_element_by_id("silenced").xpath(klass("tr", "silenced"))
    assert "# i18n-check: ignore glossary-forbidden:csam -- the law's words" in text(silenced)
    assert "page.md · “Page”, paragraph 3" in text(silenced)
    # Findings: where names the page and paragraph.
    wheres = [text(cell) for cell in page.get_element_by_id("findings").xpath(klass("td", "where"))]
    assert "catalogs/de/site.po:14 page.md · “Page”, paragraph 2" in wheres


def test_history_chart_matches_a_direct_computation_on_each_commit(project, run_cli, tmp_path):
    # The chart against term_usage on each commit unpacked by `git archive`, not through history.py.
    root, commits = project
    run_cli("report", "--history", "3", "-o", str(tmp_path / "r.html"))
    page = dump_dom(tmp_path / "r.html", tmp_path / "profile")
    for name in ("C2", "C3", "C4"):
        folder = tmp_path / name
        folder.mkdir()
        archive = subprocess.run(["git", "archive", commits[name]], cwd=root, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        usage = term_usage([(load_catalog(p), p.name) for p in sorted(folder.rglob("*.po"))], load_glossary(folder / "glossary.yaml"))
        for concept in usage:
            for language, u in concept.languages.items():
                if not u.expected:
                    continue
                (figure,) = [f for f in page.xpath(klass("figure", "chart"))
                             if f.get("data-concept") == concept.id and f.get("data-language") == language]
                (point,) = [c for c in figure.xpath(klass("circle", "point")) if c.get("data-commit") == commits[name]]
                assert (int(point.get("data-compliant")), int(point.get("data-expected"))) == (u.compliant, u.expected)
                assert float(point.get("data-percent")) == round(100 * u.compliant / u.expected, 1)


def test_report_wrong_turns(project, run_cli):
    for args, message in [
        (("--history", "0"), "--history: 0 commits; give 1 to 1000"),
        (("--impact", "v9:glossary.yaml"), "--impact: unknown git revision 'v9'"),
        (("--history", "3", "--glossary", "missing.yaml"), "missing.yaml: glossary file not found"),
    ]:
        code, _, err = run_cli("report", *args)
        assert code == 2 and message in err, (args, err)
    assert not Path("report.html").exists()


def test_the_bundled_campaign_report_has_every_section(campaign, run_cli, tmp_path):
    code, _, err = run_cli("report", "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    page = dump_dom(tmp_path / "r.html", tmp_path / "profile")
    for section in ("silenced", "mentions", "findings"):
        assert page.get_element_by_id(section) is not None
    mentions = [text(cell) for cell in page.get_element_by_id("mentions").xpath(klass("td", "where"))]
    assert any("eu-derogation.md · “Words matter”, paragraph" in m for m in mentions)


# The bundled campaign in a repository: a release, a fix, a glossary change ---------------------

def test_the_bundled_campaign_over_commits_since_impact_history_in_chromium(campaign, run_cli, tmp_path):
    """An editor's release cycle on the real campaign: tagged v1.0 as bundled, then the German
    translator replaces „Kinderpornografie“ (fixing csam at de:126), then the editors ban French
    "victime" (two entries use it, one of them a survivor's own words a translator then silences)."""
    git = gitproject.git
    git(campaign, "init", "-q")
    git(campaign, "add", "-A")
    git(campaign, "commit", "-q", "-m", "release", date=1_700_000_000)
    git(campaign, "tag", "v1.0")
    release = git(campaign, "rev-parse", "HEAD")
    de = campaign / "catalogs" / "de" / "campaign.po"
    de.write_text(de.read_text(encoding="utf-8").replace("Die Verbreitung von Kinderpornografie im Internet",
                                                         "Die Verbreitung von Missbrauchsdarstellungen im Internet"), encoding="utf-8")
    git(campaign, "commit", "-q", "-am", "de: Missbrauchsdarstellungen", date=1_700_086_400)
    glossary = campaign / "glossary.yaml"
    before = glossary.read_text(encoding="utf-8")
    assert "forbidden: [rescapée, rescapé]" in before
    glossary.write_text(before.replace("forbidden: [rescapée, rescapé]", "forbidden: [rescapée, rescapé, victime]"), encoding="utf-8")
    git(campaign, "commit", "-q", "-am", "glossary: fr bans victime", date=1_700_172_800)

    # check --since: the two "victime" entries are new, csam at de:126 fixed, de:108 still there.
    code, out, _ = run_cli("check", "--since", "v1.0", "--select", "glossary", "--report", "sarif=r.sarif")
    assert code == 1
    assert out.startswith("catalogs/fr/campaign.po\ncatalogs/fr/campaign.po:146: glossary-forbidden: « victime » is forbidden")
    assert ("Fixed since v1.0 (lines as they were there)\ncatalogs/de/campaign.po:126: glossary-forbidden: „Kinderpornografie“"
            in out)
    assert (f"2 findings in 2 catalogs: 2 blocking findings (2 new since v1.0, 1 already there, 2 fixed; {release[:10]})."
            in out)
    sarif = json.loads((campaign / "r.sarif").read_text(encoding="utf-8"))
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"]) for r in sarif["runs"][0]["results"]] == [
        (146, "content/en/eu-derogation.md", 45), (231, "content/en/eu-derogation.md", 78)]

    # A translator silences the survivor's own words (not committed: the report reads the files).
    silence(campaign / "catalogs" / "fr" / "campaign.po", "Why don't I, a victim",
            "i18n-check: ignore glossary-forbidden:survivor -- a survivor's own words")
    code, _, err = run_cli("report", "--history", "3", "--impact", "v1.0:glossary.yaml", "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    page = dump_dom(tmp_path / "r.html", tmp_path / "profile")
    charts = {(f.get("data-concept"), f.get("data-language")): f for f in page.xpath(klass("figure", "chart"))}
    points = {key: [(int(c.get("data-compliant")), int(c.get("data-expected"))) for c in charts[key].xpath(klass("circle", "point"))]
              for key in (("csam", "de"), ("survivor", "fr"))}
    # csam de: de:126 complies from the second commit; survivor fr: the ban brings the "a victim"
    # entry into scope (its translation holds a forbidden term) and two entries fail (committed
    # history: the uncommitted ignore comment is not in it).
    assert points == {("csam", "de"): [(9, 10), (10, 10), (10, 10)], ("survivor", "fr"): [(7, 7), (7, 7), (6, 8)]}
    (silenced,) = page.get_element_by_id("silenced").xpath(klass("tr", "silenced"))
    assert "# i18n-check: ignore glossary-forbidden:survivor -- a survivor's own words" in text(silenced)
    assert "eu-derogation.md · “The dangers”, paragraph 3" in text(silenced)
    # The impact applies the ignore comment as check does: one entry becomes non-compliant.
    (worse,) = page.get_element_by_id("impact").xpath(klass("tr", "worse"))
    assert "catalogs/fr/campaign.po:232" in text(worse) and "eu-derogation.md · “Standing together”, paragraph 2" in text(worse)
    assert len(page.get_element_by_id("mentions").xpath(".//tbody/tr")) == 4
