"""A campaign project in a git repository, built by the tests: commits that change translations
and the glossary, with compliance figures known by construction.

Entries (source, with their page references):

  e1 "Survivors deserve support."              content/en/page.md:3
  e2 "Every survivor has a voice."              content/en/page.md:5
  e3 "Child sexual abuse material is a crime."  content/en/page.md:7
  e4 "Donate"                                   content/en/page.md:9
  e5 "Survivors lead the campaign."             content/en/page.md:11

Commits, oldest first:

  C1 initial: glossary G1; fr e1 "rescapées" (forbidden), e4 untranslated, e5 "personnes ayant
     survécu" (not a G1 term); de e3 "Kinderpornografie" (forbidden)
  C2 fr: e1 "survivantes"
  C3 de: e3 "Missbrauchsdarstellungen"; fr: e4 translated
  C4 glossary G2: de bans "Opfer" (e2 holds it), fr admits "personne ayant survécu" (e5)

Glossary compliance (compliant / entries in scope), per commit C1..C4:

  survivor fr  1/3 2/3 2/3 3/3        csam fr  0/1 0/1 0/1 0/1
  survivor de  3/3 3/3 3/3 2/3        csam de  0/1 0/1 1/1 1/1
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SOURCES = {
    "e1": ("Survivors deserve support.", 3),
    "e2": ("Every survivor has a voice.", 5),
    "e3": ("Child sexual abuse material is a crime.", 7),
    "e4": ("Donate", 9),
    "e5": ("Survivors lead the campaign.", 11),
}

FR_1 = {"e1": "Les rescapées méritent du soutien.", "e2": "Chaque survivante a une voix.",
        "e3": "La pédopornographie est un crime.", "e4": "", "e5": "Les personnes ayant survécu mènent la campagne."}
DE_1 = {"e1": "Die Überlebenden verdienen Unterstützung.", "e2": "Jede Überlebende, kein Opfer, hat eine Stimme.",
        "e3": "Kinderpornografie ist ein Verbrechen.", "e4": "Spenden", "e5": "Überlebende führen die Kampagne."}
FR_2 = {**FR_1, "e1": "Les survivantes méritent du soutien."}
FR_3 = {**FR_2, "e4": "Faire un don"}
DE_2 = {**DE_1, "e3": "Missbrauchsdarstellungen sind ein Verbrechen."}

GLOSSARY_1 = """\
version: 2
source: en
languages: [fr, de]
concepts:
  - id: survivor
    en: [survivor]
    fr:
      preferred: [survivante, survivant]
      forbidden: [rescapée, rescapé]
    de:
      preferred: [Überlebende]
  - id: csam
    en: [child sexual abuse material]
    fr:
      preferred: [images d'abus pédosexuels]
      forbidden: [pédopornographie]
    de:
      preferred: [Missbrauchsdarstellungen]
      forbidden: [Kinderpornografie]
"""
GLOSSARY_2 = GLOSSARY_1.replace(
    "      forbidden: [rescapée, rescapé]\n", "      admitted: [personne ayant survécu]\n      forbidden: [rescapée, rescapé]\n",
).replace("      preferred: [Überlebende]\n", "      preferred: [Überlebende]\n      forbidden: [Opfer]\n")

PYPROJECT = '[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\n'

# Compliance per (concept, language): (compliant, in scope) at C1..C4.
HISTORY = {
    ("survivor", "fr"): [(1, 3), (2, 3), (2, 3), (3, 3)],
    ("survivor", "de"): [(3, 3), (3, 3), (3, 3), (2, 3)],
    ("csam", "fr"): [(0, 1), (0, 1), (0, 1), (0, 1)],
    ("csam", "de"): [(0, 1), (0, 1), (1, 1), (1, 1)],
}


def po(language: str, translations: dict[str, str]) -> str:
    """A catalog of the five entries in `language`."""
    plural = "nplurals=2; plural=(n > 1);" if language == "fr" else "nplurals=2; plural=(n != 1);"
    lines = ['msgid ""', 'msgstr ""', f'"Language: {language}\\n"', '"MIME-Version: 1.0\\n"',
             '"Content-Type: text/plain; charset=UTF-8\\n"', '"Content-Transfer-Encoding: 8bit\\n"', f'"Plural-Forms: {plural}\\n"']
    for key, (source, line) in SOURCES.items():
        lines += ["", f"#: content/en/page.md:{line}", f'msgid "{source}"', f'msgstr "{translations[key]}"']
    return "\n".join(lines) + "\n"


def git(root: Path, *args: str, date: int | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    if date is not None:
        stamp = f"@{date} +0000"
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    done = subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "init.defaultBranch=main",
                           "-c", "commit.gpgsign=false", *args], cwd=root, capture_output=True, text=True, check=True, env=env)
    return done.stdout.strip()


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build(root: Path) -> dict[str, str]:
    """The project in `root` with its four commits; returns {"C1": hash, ...}."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    steps = [
        ("C1", "initial", {"pyproject.toml": PYPROJECT, "glossary.yaml": GLOSSARY_1,
                           "catalogs/fr/site.po": po("fr", FR_1), "catalogs/de/site.po": po("de", DE_1),
                           "content/en/page.md": "# Page\n\n" + "\n\n".join(s for s, _ in SOURCES.values()) + "\n"}),
        ("C2", "fr: survivantes, not rescapées", {"catalogs/fr/site.po": po("fr", FR_2)}),
        ("C3", "de: Missbrauchsdarstellungen; fr: Donate translated", {"catalogs/de/site.po": po("de", DE_2),
                                                                      "catalogs/fr/site.po": po("fr", FR_3)}),
        ("C4", "glossary: de bans Opfer, fr admits personne ayant survécu", {"glossary.yaml": GLOSSARY_2}),
    ]
    commits = {}
    for number, (name, message, files) in enumerate(steps):
        write(root, files)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", message, date=1_700_000_000 + 86_400 * number)
        commits[name] = git(root, "rev-parse", "HEAD")
    return commits
