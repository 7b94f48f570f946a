"""TBX and CSV import/export carry glossary version 2 losslessly, and a CSV as spreadsheets write
it (or break it) is read right or refused at its line (issues 12, 13, 14)."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from i18n_check.errors import InputError
from i18n_check.glossary import load_glossary
from i18n_check.glossary.convert import export_csv, export_tbx, import_csv, import_tbx, render_yaml, to_data
from i18n_check.glossary.load import parse_glossary
from test_glossary_load import V2_GLOSSARY


def content(glossary) -> tuple:
    """What a glossary says (its concepts compare without their lines)."""
    return (glossary.source, glossary.languages, glossary.concepts,
            {lang: tuple(c.text for c in cs) for lang, cs in glossary.citations.items() if cs})


def through(glossary, fmt: str):
    """`glossary` exported as `fmt`, imported back and loaded as a glossary.yaml."""
    if fmt == "csv":
        data, warnings = import_csv(ROOT / "x.csv", export_csv(glossary))
    else:
        data, warnings = import_tbx(ROOT / "x.tbx", export_tbx(glossary, version=2 if fmt == "tbx2" else 3))
    assert warnings == []
    return parse_glossary(render_yaml(data, "test"), "imported.yaml")


FORMATS = ["tbx", "tbx2", "csv"]
GLOSSARIES = {"bundled": ROOT / "glossary.yaml", "fixture v1": FIXTURES / "glossary" / "campaign.yaml"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", [*GLOSSARIES, "v2"])
def test_round_trip_of_our_glossaries(name, fmt):
    original = parse_glossary(V2_GLOSSARY) if name == "v2" else load_glossary(GLOSSARIES[name])
    again = through(original, fmt)
    assert content(again) == content(original)
    assert to_data(again) == to_data(original)  # the YAML export too


# --- generated version 2 glossaries ----------------------------------------------------------

LETTERS = "abcdeéèçßüÜöäABZ"
TERM_CHARS = LETTERS + "0123456789 '’-=+@\"`;,.:!?()/\t%{}<>&"


def text(min_size=1, max_size=12, chars=TERM_CHARS):
    return st.text(alphabet=chars, min_size=min_size, max_size=max_size).map(str.strip).filter(bool)


NOTE = st.one_of(st.none(), text(max_size=30, chars=TERM_CHARS + "\n\r").filter(lambda n: n.strip() == n))


@st.composite
def glossaries(draw):
    source = draw(st.sampled_from(["en", "de", "fr"]))
    languages = draw(st.lists(st.sampled_from([l for l in ("en", "de", "fr", "es", "it") if l != source]), unique=True, max_size=3))
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True), unique=True, max_size=5))
    concepts = []
    for concept_id in ids:
        item: dict = {"id": concept_id}
        note = draw(NOTE)
        if note:
            item["note"] = note
        for lang in (source, *languages):
            seen: set[str] = set()
            statuses: dict = {}
            for status in ("preferred", "admitted", "forbidden"):
                terms = []
                for _ in range(draw(st.integers(0, 2))):
                    t = draw(text())
                    key = unicodedata.normalize("NFC", t.casefold())
                    if key in seen:
                        continue
                    seen.add(key)
                    options = {k: True for k in ("case_sensitive", "exact") if draw(st.booleans())}
                    term_note = draw(NOTE)
                    if term_note:
                        options["note"] = term_note
                    terms.append({"term": t, **options} if options else t)
                if terms:
                    statuses[status] = terms
            if statuses:
                item[lang] = statuses
        if item.get(source, {}).get("preferred") and draw(st.booleans()):
            item["dnt"] = True
        concepts.append(item)
    data = {"version": 2, "source": source, "languages": languages, "concepts": concepts}
    citations = {}
    for lang in (source, *languages):
        cited = draw(st.lists(text(max_size=30), max_size=2, unique_by=lambda c: unicodedata.normalize("NFC", " ".join(c.casefold().split()))))
        if cited:
            citations[lang] = cited
    if citations:
        data["citations"] = citations
    return parse_glossary(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "generated.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(), st.sampled_from(FORMATS))
def test_round_trip_of_generated_version_2_glossaries(glossary, fmt):
    assert content(through(glossary, fmt)) == content(glossary)


# --- CSV as spreadsheets write it, and as they break it --------------------------------------

def csv_import(text: str, source: str | None = None):
    return import_csv(ROOT / "g.csv", text, source)


def test_semicolons_and_tabs_are_sniffed():
    for delimiter in (";", "\t"):
        text = f"concept{delimiter}language{delimiter}status{delimiter}term\r\n" \
               f"csam{delimiter}fr{delimiter}preferred{delimiter}images d'abus pédosexuels, ou matériel\r\n" \
               f"csam{delimiter}fr{delimiter}forbidden{delimiter}pédopornographie\r\n"
        data, warnings = csv_import(text)
        assert data["concepts"] == [{"id": "csam", "fr": {"preferred": ["images d'abus pédosexuels, ou matériel"],
                                                          "forbidden": ["pédopornographie"]}}]
        assert warnings == []


def test_a_header_without_the_columns_says_which_are_missing():
    with pytest.raises(InputError, match=r"missing column\(s\) status, term; the header must name at least concept, language, status, term"):
        csv_import("concept;language\nx;fr\n")


def test_cr_only_line_ends():
    data, _ = csv_import("concept,language,status,term\rcsam,fr,preferred,images d'abus pédosexuels\rcsam,de,preferred,Missbrauchsdarstellungen\r")
    assert data["concepts"][0]["de"] == {"preferred": ["Missbrauchsdarstellungen"]}


def test_different_notes_of_one_concept_warn_and_the_first_is_kept():
    data, warnings = csv_import("concept,concept_note,language,status,term\n"
                                "survivor,People whose abuse was recorded.,fr,preferred,survivante\n"
                                "survivor,,fr,admitted,personne survivante\n"
                                "survivor,Never victim.,de,preferred,Überlebende\n")
    assert data["concepts"][0]["note"] == "People whose abuse was recorded."
    assert warnings == [(4, "concept survivor: this row's concept_note differs from the one on line 2, which is kept; "
                            "give every row of a concept the same note")]


def test_a_preferred_row_in_the_source_language_is_a_source_term():
    data, _ = csv_import("concept,language,status,term\ncsam,en,preferred,child sexual abuse material\n"
                         "csam,en,forbidden,child pornography\ncsam,fr,preferred,images d'abus pédosexuels\n")
    assert data["source"] == "en" and data["languages"] == ["fr"]
    assert data["concepts"] == [{"id": "csam", "en": {"preferred": ["child sexual abuse material"], "forbidden": ["child pornography"]},
                                 "fr": {"preferred": ["images d'abus pédosexuels"]}}]
    parse_glossary(render_yaml(data, "test"))  # and it is a valid glossary


def test_version_1_source_rows_still_read():
    data, _ = csv_import("concept,language,status,term\nsurvivor,de,source,Überlebende\nsurvivor,en,preferred,survivor\n")
    assert data["source"] == "de" and data["concepts"] == [{"id": "survivor", "de": ["Überlebende"], "en": {"preferred": ["survivor"]}}]


HEADER = "concept,language,status,term,term_note\n"


@pytest.mark.parametrize("body, line, words", [
    ('survivor,fr,preferred,"survivante\nsurvivor,fr,forbidden,rescapée\nsurvivor,de,preferred,Überlebende\n', 2, "never closed"),
    ('survivor,fr,preferred,survivante\nsurvivor,fr,forbidden,"rescapée,x\n', 3, "never closed"),
    ('survivor,fr,preferred,"survivante\nsurvivor,fr,forbidden,rescapée\nsurvivor,de,preferred,"Überlebende\n', 2, "',' expected after '\"'"),
    ('survivor,fr,preferred,"survivante\nsurvivor,fr,forbidden,rescapée\nsurvivor,de,preferred,"\n', 2, "runs on over lines that look like rows"),
    ('survivor,fr,"preferred\nsurvivor",survivante\n', 2, "'status' cell of the row starting here holds a line break"),
    ('survivor,fr,preferred,"survivante"x\n', 2, "malformed CSV"),
    ("survivor,fr,preferred,survivante,note,extra\n", 2, "the row has 6 cells, the header 5"),
    ('survivor,fr,preferred,"' + "x" * 200_000 + '"\n', 2, "longer than 131,072 characters"),
    ("survivor,fr,prefered,survivante\n", 2, "unknown status 'prefered'"),
    ("survivor,,preferred,survivante\n", 2, "empty 'language' column"),
])
def test_malformed_csv_is_refused_at_its_line(body, line, words):
    with pytest.raises(InputError) as caught:
        csv_import(HEADER + body)
    assert caught.value.line == line and words in caught.value.reason, str(caught.value)


def test_a_source_row_decides_the_source_language_of_the_other_rows():
    # "source" rows in fr make fr the source language: the en rows are a target language then.
    data, _ = csv_import(HEADER + "survivor,fr,source,survivante\nsurvivor,en,preferred,survivor\n")
    assert data["source"] == "fr" and data["languages"] == ["en"]
    with pytest.raises(InputError, match="source term in language 'fr' but the source language is 'en'") as caught:
        csv_import(HEADER + "survivor,fr,source,survivante\n", source="en")
    assert caught.value.line == 2


# --- CSV injection (OWASP): neutralised on export, given back on import ----------------------

DANGEROUS = ["=HYPERLINK(\"http://x\")", "+1", "-e", "@SUM(A1)", "'=already escaped", "'plain apostrophe", "''", "'"]


def test_export_neutralises_formula_cells_and_import_gives_them_back(tmp_path):
    concepts = [{"id": f"c{i}", "note": cell, "en": [f"term {i}"], "fr": {"preferred": [{"term": cell, "note": cell}]}}
                for i, cell in enumerate(DANGEROUS) if cell.strip("'")]
    original = parse_glossary(yaml.safe_dump({"version": 2, "languages": ["fr"], "concepts": concepts}, allow_unicode=True))
    exported = export_csv(original)
    cells = [cell for row in csv.reader(io.StringIO(exported, newline="")) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)   # a spreadsheet runs none of them
    assert "'=HYPERLINK(\"http://x\")" in cells and "''=already escaped" in cells and "'plain apostrophe" in cells
    assert content(through(original, "csv")) == content(original)


def test_a_spreadsheet_users_own_escape_is_taken_off():
    data, _ = csv_import("concept,language,status,term\ncsam,fr,forbidden,'=pédopornographie\ncsam,fr,preferred,'s-Hertogenbosch\n")
    assert data["concepts"][0]["fr"] == {"preferred": ["'s-Hertogenbosch"], "forbidden": ["=pédopornographie"]}


# --- the CLI -----------------------------------------------------------------------------------

def test_cli_import_prints_warnings_with_their_line(run_cli, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("concept;concept_note;language;status;term\r\nsurvivor;a;fr;preferred;survivante\r\nsurvivor;b;de;preferred;Überlebende\r\n",
                    encoding="utf-8-sig")
    code, out, err = run_cli("glossary", "import", path)
    assert code == 0, err
    assert err == f"i18n-check: warning: {path}:3: concept survivor: this row's concept_note differs from the one on line 2, " \
                  "which is kept; give every row of a concept the same note\n"
    assert yaml.safe_load(out)["concepts"] == [{"id": "survivor", "note": "a", "fr": {"preferred": ["survivante"]},
                                                "de": {"preferred": ["Überlebende"]}}]


def test_cli_unbalanced_quote_is_exit_2_located(run_cli, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text('concept,language,status,term\ncsam,fr,preferred,images\ncsam,fr,forbidden,"pédopornographie\ncsam,de,preferred,x\n',
                    encoding="utf-8")
    code, out, err = run_cli("glossary", "import", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"i18n-check: error: {path}:3: the quoted cell opened in the row starting here is never closed")


def test_cli_round_trip_of_the_bundled_glossary(run_cli, tmp_path):
    for fmt, suffix in (("csv", "csv"), ("tbx", "tbx"), ("tbx2", "tbx")):
        exported = tmp_path / f"g-{fmt}.{suffix}"
        assert run_cli("glossary", "export", "--glossary", ROOT / "glossary.yaml", "--format", fmt, "-o", exported)[0] == 0
        imported = tmp_path / f"g-{fmt}.yaml"
        code, _, err = run_cli("glossary", "import", exported, "-o", imported)
        assert code == 0, err
        assert content(load_glossary(imported)) == content(load_glossary(ROOT / "glossary.yaml"))


@pytest.mark.parametrize("data, line, words", [
    ("concept;language;status;term\r\nsurvivor;fr;preferred;rescapée\r\n".encode("cp1252"), 2, "not UTF-8 (byte 0xe9); save it as “CSV UTF-8”"),
    ("concept\tlanguage\tstatus\tterm\r\n".encode("utf-16"), 1, "UTF-16, not UTF-8; save it as “CSV UTF-8”"),
])
def test_a_spreadsheets_other_encodings_are_named(run_cli, tmp_path, data, line, words):
    path = tmp_path / "g.csv"
    path.write_bytes(data)
    code, out, err = run_cli("glossary", "import", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"i18n-check: error: {path}:{line}: {words}")
