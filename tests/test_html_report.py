"""The editors' HTML report: term usage as data, then the page itself in real headless Chromium.

Chromium (Debian's `chromium`) loads the written file, runs its script and dumps the DOM
(`--dump-dom`); the tests read that DOM: the concepts and counts shown, the filter box at work,
and a translation holding `<script>` and an `onerror` attribute shown as text, running nothing.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from lxml import html as lxml_html

from i18n_check import load_glossary
from i18n_check.glossary.index import GlossaryIndex
from i18n_check.reporters import render
from i18n_check.usage import editor_report, term_usage

HERE = FIXTURES / "reporters" / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAYLOAD = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"


def chromium(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on `url`, offline and without a user profile of its own."""
    assert Path(CHROMIUM).exists(), "Chromium is required by the tests; .ci/run installs it"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", f"--user-data-dir={profile}", *args, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def dump_dom(path: Path, profile: Path, fragment: str = ""):
    result = chromium(path.resolve().as_uri() + fragment, profile, "--dump-dom")
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return lxml_html.fromstring(result.stdout)


def text(element) -> str:
    """The element's text as a reader sees it: words separated by single spaces."""
    return " ".join(" ".join(element.itertext()).split())


@pytest.fixture
def usage_report(monkeypatch):
    monkeypatch.chdir(HERE)
    glossary = load_glossary("glossary.yaml")
    return editor_report(["catalogs"], glossary=glossary, glossary_path="glossary.yaml", select=["ALL"])


# Term usage (the data) ------------------------------------------------------------------------

def test_term_usage_counts_each_rendering_once_per_entry(usage_report):
    usage = {c.id: c for c in usage_report.usage}
    fr = usage["survivor"].languages["fr"]
    # survivantes (preferred), personne survivante (admitted, not also its inner "survivante"),
    # rescapée (forbidden: once, though rescapé shares its stem), victimes (other).
    assert dict(fr.counts) == {("preferred", "survivante"): 1, ("admitted", "personne survivante"): 1,
                               ("forbidden", "rescapée"): 1, ("other", None): 1}
    assert (fr.expected, fr.compliant, fr.compliance) == (4, 2, 0.5)
    forbidden, other = fr.occurrences
    assert forbidden.msgstr[slice(*forbidden.span)] == "rescapée" and forbidden.line == 14
    assert other.status == "other" and other.msgstr == "Les victimes et leurs familles"
    de = usage["survivor"].languages["de"]
    assert dict(de.counts) == {("preferred", "Überlebende"): 3} and de.compliance == 1.0


def test_do_not_translate_and_missing_languages(usage_report):
    usage = {c.id: c for c in usage_report.usage}
    photodna = usage["photodna"]
    assert photodna.languages["fr"].counts[("preferred", "PhotoDNA")] == 1
    assert photodna.languages["de"].other_occurrences[0].msgstr.startswith("Photo-DNA")
    assert set(usage["team"].languages) == {"fr"}  # no German terms: nothing to measure in German
    assert usage["team"].languages["fr"].other_occurrences[0].msgstr.startswith("<script>")


def test_ignore_comments_leave_entries_out_of_usage_as_out_of_findings(tmp_path, monkeypatch):
    shutil.copytree(HERE, tmp_path / "p")
    po = tmp_path / "p" / "catalogs" / "fr" / "site.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Survivors and their families"', '# i18n-check: ignore glossary-missing:survivor\nmsgid "Survivors and their families"'),
        encoding="utf-8")
    monkeypatch.chdir(tmp_path / "p")
    from i18n_check import load_catalog

    usage = term_usage([(load_catalog("catalogs/fr/site.po"), "fr")], GlossaryIndex(load_glossary("glossary.yaml")))
    fr = next(c for c in usage if c.id == "survivor").languages["fr"]
    assert fr.count("other") == 0 and fr.expected == 3


@pytest.mark.parametrize("folder, catalogs, glossary", [
    (HERE, "catalogs", "glossary.yaml"),
    (ROOT, "catalogs", "glossary.yaml"),          # the bundled campaign
], ids=["fixture", "campaign"])
def test_usage_counts_what_the_glossary_rules_find(folder, catalogs, glossary, monkeypatch):
    """The usage is built on the rules' reading: an entry's forbidden renderings are exactly its
    glossary-forbidden findings, its "other" rendering a glossary-missing or glossary-dnt finding
    without a forbidden one, and the entries not compliant those with any glossary finding."""
    monkeypatch.chdir(folder)
    report = editor_report([catalogs], glossary=load_glossary(glossary), glossary_path=str(glossary))
    found = {rule: {(f.catalog, f.line, f.concept) for f in report.findings if f.rule == rule}
             for rule in ("glossary-missing", "glossary-forbidden", "glossary-dnt")}
    measured = [u for c in report.usage for u in c.languages.values()]
    forbidden = {(o.catalog, o.line, o.concept) for u in measured for o in u.forbidden_occurrences}
    other = [(o.catalog, o.line, o.concept) for u in measured for o in u.other_occurrences]
    lacking = found["glossary-missing"] | found["glossary-dnt"]
    assert lacking and found["glossary-forbidden"]  # something to compare
    assert forbidden == found["glossary-forbidden"]
    assert sorted(other) == sorted(lacking - forbidden)
    assert sum(u.expected - u.compliant for u in measured) == len(lacking | forbidden)


# The page --------------------------------------------------------------------------------------

def test_the_page_is_self_contained_and_escapes_everything(usage_report):
    page = render(usage_report, "html")
    doc = lxml_html.fromstring(page)
    assert [s.get("src") for s in doc.iter("script")] == [None]       # one inline script, ours
    assert not doc.xpath("//link | //img | //iframe | //object | //embed | //*[@src]")
    assert not [a.get("href") for a in doc.iter("a") if not a.get("href", "").startswith("#")]
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "&lt;script&gt;document.title=" in page and "&lt;b&gt;Bold&lt;/b&gt;" in page
    anchors = {e.get("id") for e in doc.iter() if e.get("id")}
    links = {a.get("href")[1:] for a in doc.iter("a")}
    assert links <= anchors  # every in-page link lands somewhere


def test_report_command_writes_the_file(run_cli, tmp_path):
    out = tmp_path / "report.html"
    code, stdout, err = run_cli("report", "--glossary", "glossary.yaml", "-o", out, "catalogs", cwd=HERE)
    assert code == 0 and stdout == "" and "3 concepts" in err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = run_cli("report", "--glossary", "missing.yaml", "-o", out, "catalogs", cwd=HERE)
    assert code == 2 and "missing.yaml" in err


def test_chromium_shows_concepts_counts_and_hostile_text_as_text(usage_report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(usage_report, "html"), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")

    # The payload ran nothing: the title is ours, no <img> exists, the only script is ours.
    assert dom.findtext(".//title") == "Translation and terminology report"
    assert not dom.xpath("//img") and len(dom.xpath("//script")) == 1
    shown = [text(td) for td in dom.xpath("//td[contains(@class, 'tgt')]")]
    assert any(PAYLOAD in t for t in shown)

    concepts = {tb.get("id"): tb for tb in dom.xpath("//tbody[contains(@class, 'concept')]")}
    assert set(concepts) == {"concept-survivor", "concept-team", "concept-photodna"}
    survivor_fr = text(concepts["concept-survivor"].xpath("./tr")[1])
    assert re.search(r"^fr survivante 1 survivant 0 personne survivante 1 rescapée 1 rescapé 0 catalogs/fr/site.po:14 1 50% 2 of 4$", survivor_fr), survivor_fr
    link = concepts["concept-survivor"].xpath(".//a[@class='occ']")[0]
    target = dom.get_element_by_id(link.get("href")[1:])
    assert "L'histoire d'une rescapée" in text(target) and target.findtext(".//mark") == "rescapée"

    languages = {tr.get("id"): text(tr) for tr in dom.xpath("//section[@id='languages']//tbody/tr")}
    assert languages["lang-fr"].startswith("fr 1 7 86% (6)")
    assert "glossary-forbidden 1" in languages["lang-fr"] and "glossary-dnt 1" in languages["lang-de"]
    parity = text(dom.get_element_by_id("drift"))
    assert "untranslated here but translated in de" in parity


def test_the_filter_box_hides_what_does_not_match(usage_report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(usage_report, "html"), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile", "#filter=rescap%C3%A9e")
    rows = dom.xpath("//*[@data-filter]")
    shown = [r for r in rows if r.get("hidden") is None]
    assert shown and len(shown) < len(rows)
    assert all("rescapée" in r.text_content().lower() for r in shown)
    assert "concept-survivor" in {r.get("id") for r in shown}
    assert re.fullmatch(rf"{len(shown)} of {len(rows)} rows match", dom.get_element_by_id("filter-count").text_content())


def test_the_bundled_campaign_report_opens_in_chromium(run_cli, tmp_path):
    out = tmp_path / "report.html"
    code, _, _ = run_cli("report", "-o", out, cwd=ROOT)
    assert code == 0
    dom = dump_dom(out, tmp_path / "profile")
    glossary = load_glossary(ROOT / "glossary.yaml")
    shown = {tb.get("id")[len("concept-"):] for tb in dom.xpath("//tbody[contains(@class, 'concept')]")}
    assert shown == {c.id for c in glossary.concepts}
    languages = {tr.get("id") for tr in dom.xpath("//section[@id='languages']//tbody/tr")}
    assert languages == {"lang-fr", "lang-de"}
    csam = text(dom.get_element_by_id("concept-csam"))
    assert "Kinderpornografie 1" in csam  # the German catalog's one forbidden rendering, not its two mentions
    assert "CSAM child pornography de" in csam  # the rejected source wording, after the source terms
    mentions = [text(tr) for tr in dom.xpath("//section[@id='mentions']//tbody/tr")]
    assert len(mentions) == 4 and all(m.startswith(("Kinderpornografie csam", "pornographie juvénile csam", "pédopornographie csam"))
                                      for m in mentions)
    assert "4 mentions" in text(dom.xpath("//header")[0])


def test_terms_sharing_a_stem_are_told_apart_by_the_text_written(tmp_path, monkeypatch):
    from i18n_check import load_catalog

    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Survivors"\nmsgstr "Survivantes et survivants"\n\n'
                  'msgid "A survivor"\nmsgstr "Un survivant"\n', encoding="utf-8")
    usage = term_usage([(load_catalog(po), "fr.po")], GlossaryIndex(load_glossary(HERE / "glossary.yaml")))
    fr = next(c for c in usage if c.id == "survivor").languages["fr"]
    assert dict(fr.counts) == {("preferred", "survivante"): 1, ("preferred", "survivant"): 2}
    assert fr.compliance == 1.0


def test_drift_lists_from_the_analysis_or_from_findings_agree(monkeypatch):
    from i18n_check import check

    monkeypatch.chdir(FIXTURES / "reporters")
    select = ["inconsistent", "language-parity"]
    for report in (check(["catalogs"], select=select), editor_report(["catalogs"], select=select)):
        doc = lxml_html.fromstring(render(report, "html"))
        [group] = doc.xpath("//div[contains(@class, 'variants')]")
        rows = [text(tr) for tr in group.xpath(".//tr")]
        assert rows == ["Signaler un abus 1× catalogs/fr/campaign.po:14", "Signaler des abus 1× catalogs/fr/site.po:10"]
        assert "Language parity (5)" in text(doc.get_element_by_id("drift"))


def test_long_finding_lists_are_capped_and_counted():
    from i18n_check.findings import Finding
    from i18n_check.report import Report
    from i18n_check.reporters.html import FINDINGS_LIMIT

    many = [Finding(rule="untranslated", severity="error", catalog="fr.po", language="fr", line=i, msgid=f"m{i}",
                    msgstr="", message="not translated", blocking=True) for i in range(1, FINDINGS_LIMIT + 101)]
    doc = lxml_html.fromstring(render(Report(catalogs=[], findings=many), "html"))
    assert len(doc.xpath("//section[@id='findings']//tbody/tr")) == FINDINGS_LIMIT
    assert "and 100 more" in text(doc.get_element_by_id("findings"))


def test_mentions_have_their_section_and_stay_out_of_the_forbidden_counts(tmp_path, monkeypatch):
    """Rule 12: each mention is listed with why it is one, its term highlighted; the usage table
    counts only the forbidden terms used (as glossary-forbidden does)."""
    from test_mentions import CASES, GLOSSARY, two_catalogs

    paths = two_catalogs(tmp_path)
    report = editor_report(paths, glossary=GLOSSARY, glossary_path="mentions.yaml", select=["ALL"])
    usage = {c.id: c for c in report.usage}
    used = sum(1 for c in CASES if ("glossary-forbidden", "csam") in c[4])
    assert usage["csam"].languages["fr"].count("forbidden") + usage["csam"].languages["de"].count("forbidden") == used
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    rows = dom.xpath("//section[@id='mentions']//tbody/tr")
    assert len(rows) == len(report.mentions) == sum(len(c[5]) for c in CASES)
    shown = [text(r) for r in rows]
    assert any(t.startswith("pédopornographie csam") and "inside the citation “Alliance mondiale contre la pédopornographie sur internet”" in t
               for t in shown), shown
    assert any("the source says “child pornography” The child pornography ban stays." in t for t in shown), shown
    assert {r.findtext(".//mark") for r in rows} == {"pédopornographie", "pornographie juvénile", "Kinderpornografie"}
    assert f"Mentions ({len(rows)})" in text(dom.get_element_by_id("mentions"))
    assert dom.xpath("//nav/a[@href='#mentions']")


def test_the_editors_report_reads_each_catalog_once(monkeypatch):
    reader = importlib.import_module("i18n_check.catalog.read")  # every load_catalog reads through read_po
    read = []
    real = reader.read_po
    monkeypatch.setattr(reader, "read_po", lambda path: read.append(path) or real(path))
    paths = sorted((ROOT / "catalogs").rglob("*.po"))
    report = editor_report(paths, glossary=load_glossary(ROOT / "glossary.yaml"), select=["ALL"])
    assert sorted(read) == paths and report.usage and report.findings
