"""The result cache: a re-check from the cache reports exactly what a cold check reports."""

from __future__ import annotations

import hashlib
import marshal
import shutil
from pathlib import Path

import pytest

from conftest import REALDATA, ROOT
from i18n_check import check, load_glossary
from i18n_check.cache import CHECKSUM, MAGIC, MARSHAL_VERSION, cache_secret, seal, secret_file
from i18n_check.rules import ENTRY, RULES

CAMPAIGN = ROOT / "catalogs"
GLOSSARY = ROOT / "glossary.yaml"
DJANGO_FR = REALDATA / "django" / "django" / "conf" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def same(a, b) -> None:
    """Two reports say the same: findings (every field, lines included) in the same order, and stats."""
    assert a.findings == b.findings
    assert a.catalogs == b.catalogs
    assert a.exit_code == b.exit_code


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal"))


def test_warm_campaign_check_equals_cold(tmp_path):
    glossary = load_glossary(GLOSSARY)
    cold = check([CAMPAIGN], glossary=glossary, jobs=1)
    first = check([CAMPAIGN], glossary=glossary, cache_dir=tmp_path, jobs=1)
    assert len(cache_files(tmp_path)) == 2  # fr and de; the template is not checked
    stamps = [p.stat().st_mtime_ns for p in cache_files(tmp_path)]
    warm = check([CAMPAIGN], glossary=glossary, cache_dir=tmp_path, jobs=1)
    same(cold, first)
    same(cold, warm)
    assert cold.findings, "the campaign has findings: the comparison would prove nothing without"
    assert [p.stat().st_mtime_ns for p in cache_files(tmp_path)] == stamps, "nothing changed: nothing rewritten"
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_the_cache_is_what_answers(tmp_path):
    """A stored result is used as it is: rewrite one through the cache's own format and the report shows it.

    (This is why a cache file is keyed by the build and sealed with the user's secret: only this
    user's i18n-check writes what it reads.)
    """
    catalog = tmp_path / "fr.po"
    shutil.copyfile(DJANGO_FR, catalog)
    folder = tmp_path / "cache"
    cold = check([catalog], cache_dir=folder, jobs=1)
    assert cold.findings
    (path,) = cache_files(folder)
    stored = marshal.loads(path.read_bytes()[len(MAGIC) + CHECKSUM:])
    for digest, rows in stored["results"].items():
        if rows:
            stored["results"][digest] = tuple(row[:4] + ("from the cache",) + row[5:] for row in rows)
    payload = marshal.dumps(stored, MARSHAL_VERSION)
    path.write_bytes(MAGIC + seal(payload, cache_secret(secret_file())) + payload)
    warm = check([catalog], cache_dir=folder, jobs=1)
    # Only entry rules are cached: catalog and project rules see more than one message.
    assert {f.message for f in warm.findings if RULES[f.rule].scope == ENTRY} == {"from the cache"}


def edit(text: str) -> str:
    """Edits a translator makes: a new message on top (every later line moves), a translation
    changed, one cleared, one marked fuzzy, an ignore comment added."""
    new = '#: new.py:1\nmsgid "A brand new message"\nmsgstr ""\n\n'
    header_end = text.index("\n\n") + 2
    text = text[:header_end] + new + text[header_end:]
    text = text.replace('msgstr "Arabe"', 'msgstr "Arabe  "', 1)           # doublespacing, endwhitespace
    text = text.replace('msgstr "Allemand"', 'msgstr ""', 1)               # untranslated
    text = text.replace('msgid "Breton"', '#, fuzzy\nmsgid "Breton"', 1)    # fuzzy, one line more
    text = text.replace('msgid "Welsh"', '# i18n-check: ignore ALL\nmsgid "Welsh"', 1)
    return text


def test_recheck_after_edits_that_move_lines(tmp_path):
    catalog = tmp_path / "fr.po"
    shutil.copyfile(DJANGO_FR, catalog)
    folder = tmp_path / "cache"
    check([catalog], cache_dir=folder, jobs=1)
    original = catalog.read_text(encoding="utf-8")
    catalog.write_text(edit(original), encoding="utf-8")
    warm = check([catalog], cache_dir=folder, jobs=1)
    cold = check([catalog], jobs=1)
    same(cold, warm)
    assert {"untranslated", "fuzzy"} <= {f.rule for f in cold.findings if f.msgid in ("German", "Breton")}
    before = check([DJANGO_FR], jobs=1)
    assert [f.line for f in cold.findings][-1] != [f.line for f in before.findings][-1], "the edit moved the lines"
    # Deleting the cache changes nothing; undoing the edits reuses the first run's results.
    shutil.rmtree(folder)
    same(cold, check([catalog], cache_dir=folder, jobs=1))
    catalog.write_text(original, encoding="utf-8")
    same(check([catalog], jobs=1), check([catalog], cache_dir=folder, jobs=1))


CORRUPTIONS = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: b"\x00\xff" * 100,
    "one byte flipped": lambda data: data[:-10] + bytes([data[-10] ^ 0x01]) + data[-9:],
    "foreign magic": lambda data: b"PK\x03\x04" + data[4:],
    "valid marshal, no checksum": lambda data: marshal.dumps({"key": b"", "results": {}}),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_corrupt_cache_file_is_ignored_and_rewritten(tmp_path, corrupt):
    catalog = tmp_path / "fr.po"
    shutil.copyfile(DJANGO_FR, catalog)
    folder = tmp_path / "cache"
    cold = check([catalog], cache_dir=folder, jobs=1)
    (path,) = cache_files(folder)
    good = path.read_bytes()
    path.write_bytes(corrupt(good))
    same(cold, check([catalog], cache_dir=folder, jobs=1))
    assert path.read_bytes() == good, "the run rewrote the cache it could not use"


def test_unwritable_cache_folder_costs_only_speed(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    same(check([CAMPAIGN], jobs=1), check([CAMPAIGN], cache_dir=blocker / "cache", jobs=1))


def test_glossary_change_invalidates(tmp_path):
    text = GLOSSARY.read_text(encoding="utf-8")
    changed = tmp_path / "glossary.yaml"
    changed.write_text(text.replace("forbidden: [rescapée, rescapé]", "forbidden: [rescapée, rescapé, les]"), encoding="utf-8")
    assert changed.read_text(encoding="utf-8") != text
    folder = tmp_path / "cache"
    original = check([CAMPAIGN], glossary=load_glossary(GLOSSARY), cache_dir=folder, jobs=1)
    cold = check([CAMPAIGN], glossary=load_glossary(changed), jobs=1)
    assert cold.findings != original.findings, "the edited glossary changes the findings"
    same(cold, check([CAMPAIGN], glossary=load_glossary(changed), cache_dir=folder, jobs=1))
    same(check([CAMPAIGN], jobs=1), check([CAMPAIGN], cache_dir=folder, jobs=1))  # and none at all


@pytest.mark.parametrize("selection", [
    {"select": ["untranslated"]},
    {"select": ["ALL"]},
    {"ignore": ["ttk"]},
    {"extend_select": ["ttk"]},
], ids=str)
def test_selection_change_invalidates(tmp_path, selection):
    folder = tmp_path / "cache"
    check([REALDATA], cache_dir=folder, jobs=1)
    same(check([REALDATA], jobs=1, **selection), check([REALDATA], cache_dir=folder, jobs=1, **selection))


def test_header_change_invalidates(tmp_path):
    """The Plural-Forms header decides plural-forms and placeholder findings of messages that did not change."""
    catalog = tmp_path / "fr.po"
    shutil.copyfile(DJANGO_FR, catalog)
    folder = tmp_path / "cache"
    before = check([catalog], cache_dir=folder, jobs=1)
    text = catalog.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith('"Plural-Forms:'))
    catalog.write_text(text.replace(header, '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"'), encoding="utf-8")
    cold = check([catalog], jobs=1)
    plural_findings = lambda report: {(f.line, f.message) for f in report.findings if f.rule == "plural-forms"}
    assert plural_findings(before) and not plural_findings(cold), "three forms: wrong under nplurals=2, right under 3"
    same(cold, check([catalog], cache_dir=folder, jobs=1))


def test_library_writes_no_cache_unless_asked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check([CAMPAIGN], glossary=load_glossary(GLOSSARY))
    assert list(tmp_path.iterdir()) == []


def test_cli_caches_at_the_project_root(tmp_path, run_cli):
    shutil.copytree(CAMPAIGN, tmp_path / "catalogs")
    (tmp_path / "pyproject.toml").write_text("[tool.i18n-check]\n", "utf-8")
    code, cold, _ = run_cli("check", "catalogs", "--no-glossary", "--format", "json", cwd=tmp_path)
    assert code == 1
    assert len(cache_files(tmp_path / ".i18n-check-cache")) == 2
    assert (tmp_path / ".i18n-check-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert run_cli("check", "catalogs", "--no-glossary", "--format", "json", cwd=tmp_path) == (1, cold, "")


def test_cli_no_cache_and_cache_dir(tmp_path, run_cli):
    shutil.copytree(CAMPAIGN, tmp_path / "catalogs")
    code, plain, _ = run_cli("check", "catalogs", "--no-glossary", "--no-cache", cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogs"]
    assert run_cli("check", "catalogs", "--no-glossary", "--cache-dir", "elsewhere/c", cwd=tmp_path) == (code, plain, "")
    assert len(cache_files(tmp_path / "elsewhere" / "c")) == 2
    assert not (tmp_path / ".i18n-check-cache").exists()
