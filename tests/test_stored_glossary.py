"""The compiled glossary kept across runs (stored_glossary.py): what a run reads back is the glossary
it stored, compiled; a planted, stale or foreign file is a miss, never an error nor code run."""

from __future__ import annotations

import os
import pickle
import shutil
from dataclasses import replace

from conftest import ROOT
from i18n_check import check, load_glossary
from i18n_check.cache import cache_secret, secret_file, write_sealed
from i18n_check.glossary.index import GlossaryIndex
from i18n_check.stored_glossary import KEY_BYTES, MAGIC, keep_compiled, load_compiled, stored_file

CAMPAIGN = ROOT / "catalogs"
GLOSSARY = ROOT / "glossary.yaml"


def load_and_keep(path, folder):
    """The glossary as a check run gets it (load_compiled), stored as the run keeps it (keep_compiled)."""
    compiled = load_compiled(path, folder)
    keep_compiled(compiled)
    return compiled.glossary


def stored_payload(folder, path) -> bytes:
    data = stored_file(folder, path).read_bytes()
    assert data.startswith(MAGIC)
    return data[len(MAGIC) + 16:]


def test_a_stored_glossary_is_read_back_compiled(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    shutil.copyfile(GLOSSARY, glossary)
    folder = tmp_path / "cache"
    compiled = load_compiled(glossary, folder)
    stored = stored_file(folder, glossary)
    assert not stored.exists(), "nothing is written before the run is done"
    keep_compiled(compiled)
    assert stored.is_file()
    stamp = stored.stat().st_mtime_ns
    again = load_and_keep(glossary, folder)
    first = compiled.glossary
    assert again is not first
    assert stored.stat().st_mtime_ns == stamp, "a hit rewrites nothing"
    assert sorted(again._matchers) == sorted({again.source, *again.glossary.languages}), "every language comes compiled"
    assert [c.id for c in again.glossary.concepts] == [c.id for c in load_glossary(GLOSSARY).concepts]
    cold = check([CAMPAIGN], glossary=load_glossary(GLOSSARY), jobs=1)
    assert cold.findings
    warm = check([CAMPAIGN], glossary=again, jobs=1)
    assert warm.findings == cold.findings and warm.mentions == cold.mentions


def test_the_stored_glossary_is_what_answers(tmp_path):
    """A stored glossary is used as it is (so a file must be this user's, this build's, this text's):
    one re-sealed with a concept dropped gives the findings of the glossary without it."""
    folder = tmp_path / "cache"
    full = load_and_keep(GLOSSARY, folder)
    payload = stored_payload(folder, GLOSSARY)
    loaded = load_glossary(GLOSSARY)
    survivor = loaded.concept("survivor")
    fewer = GlossaryIndex(replace(loaded, concepts=tuple(c for c in loaded.concepts if c.id != "survivor")))
    write_sealed(stored_file(folder, GLOSSARY), MAGIC, payload[:KEY_BYTES] + pickle.dumps(fewer, 5), cache_secret(secret_file()))
    read = load_and_keep(GLOSSARY, folder)
    assert survivor.id not in read.glossary.by_id
    assert any(f.concept == survivor.id for f in check([CAMPAIGN], glossary=full, jobs=1).findings)
    assert not any(f.concept == survivor.id for f in check([CAMPAIGN], glossary=read, jobs=1).findings)


def test_an_edited_glossary_is_read_again(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    text = GLOSSARY.read_text(encoding="utf-8")
    glossary.write_text(text, encoding="utf-8")
    folder = tmp_path / "cache"
    load_and_keep(glossary, folder)
    edited = text.replace("forbidden: [rescapée, rescapé]", "forbidden: [rescapée, rescapé, les]")
    assert edited != text
    glossary.write_text(edited, encoding="utf-8")
    read = load_and_keep(glossary, folder)
    assert "les" in [t.text for c in read.glossary.concepts for _status, t in c.terms("fr").by_status()]
    assert load_compiled(glossary, folder).stored, "stored anew"
    assert load_and_keep(glossary, folder).glossary.concepts == read.glossary.concepts


def test_planted_files_are_a_miss_and_run_nothing(tmp_path):
    """The cache folder lies in the project: a file not sealed with the user's secret is not read,
    and even a sealed one is unpickled into the glossary's classes only."""
    folder = tmp_path / "cache"
    load_and_keep(GLOSSARY, folder)
    stored = stored_file(folder, GLOSSARY)
    payload = stored_payload(folder, GLOSSARY)
    witness = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.mkdir, (str(witness),))

    evil = pickle.dumps(Planted(), 5)
    for data in (MAGIC + b"\0" * 16 + payload[:KEY_BYTES] + evil,  # not sealed by us
                 MAGIC + b"\0" * 16 + payload,                       # a real payload, a wrong MAC
                 b"", b"garbage"):
        stored.write_bytes(data)
        assert [c.id for c in load_and_keep(GLOSSARY, folder).glossary.concepts] == [c.id for c in load_glossary(GLOSSARY).concepts]
        assert stored.read_bytes() != data, "a miss stores the glossary anew"
    write_sealed(stored, MAGIC, payload[:KEY_BYTES] + evil, cache_secret(secret_file()))  # sealed: as if our key leaked
    assert load_and_keep(GLOSSARY, folder).glossary.concepts
    assert not witness.exists(), "the planted object's code never ran"


def test_no_folder_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_and_keep(GLOSSARY, None).glossary.concepts
    assert list(tmp_path.iterdir()) == []


def test_cli_stores_the_glossary_beside_the_results(tmp_path, run_cli):
    shutil.copytree(CAMPAIGN, tmp_path / "catalogs")
    shutil.copyfile(GLOSSARY, tmp_path / "glossary.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.i18n-check]\nglossary = "glossary.yaml"\n', "utf-8")
    code, cold, _ = run_cli("check", "catalogs", "--format", "json", cwd=tmp_path)
    assert code == 1
    assert len(list((tmp_path / ".i18n-check-cache").glob("glossary-glossary.yaml-*.pickle"))) == 1
    assert run_cli("check", "catalogs", "--format", "json", cwd=tmp_path) == (1, cold, "")
    shutil.rmtree(tmp_path / ".i18n-check-cache")
    assert run_cli("check", "catalogs", "--format", "json", "--no-cache", cwd=tmp_path) == (1, cold, "")
    assert not (tmp_path / ".i18n-check-cache").exists()
    code, _out, err = run_cli("check", "catalogs", "--format", "json", "--output", "glossary.yaml", cwd=tmp_path)
    assert code == 2 and "glossary.yaml" in err
    assert not (tmp_path / ".i18n-check-cache").exists(), "a run refused for its options writes nothing"
