"""`report --history N`: glossary compliance per concept and language over the last N commits.

For each of the last N commits that changed the catalogs or the glossary, the catalogs and the
glossary as that commit holds them are read (revisions.py) and measured as the editors' report
measures them today (usage.term_usage: of the entries whose source holds the concept, or whose
translation a forbidden term, those with an approved rendering and no forbidden one). Each commit
is judged by its own glossary: a commit that bans a word shows as a drop.

A catalog or glossary version already measured (the same git blobs) is not measured again: a
commit changing one catalog costs that catalog. A commit whose glossary or catalogs cannot be
read has no figures and says why; it does not stop the report.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .catalog import CATALOG_SUFFIXES
from .errors import InputError
from .git import LINK, Commit, Repository, open_repository
from .glossary.index import GlossaryIndex
from .languages import Requested, base_language, catalog_names, codes_for
from .revisions import glossary_from, load_copy
from .usage import term_usage

WHY = "--history"
MAX_COMMITS = 1000  # a chart of more points is not read; a bound keeps `--history 10000000` from reading a whole history


@dataclass(frozen=True)
class Point:
    """One concept in one language at one commit: entries in scope and compliant ones."""

    compliant: int
    expected: int

    @property
    def compliance(self) -> float | None:
        return self.compliant / self.expected if self.expected else None


@dataclass(frozen=True)
class Series:
    """A concept in a language over the commits: one Point per commit of the History, None
    where that commit's glossary or catalogs say nothing of it."""

    concept: str
    language: str
    points: tuple[Point | None, ...]


@dataclass(frozen=True)
class History:
    """The commits measured (oldest first), a Series per concept and language, the
    repository-relative paths whose commits were taken, and the commits without figures."""

    commits: tuple[Commit, ...]
    series: tuple[Series, ...]
    paths: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()   # (commit hash, why it has no figures)
    shallow: bool = False  # fewer commits than asked for because the clone is shallow


def parse_count(value: int) -> int:
    """--history's N: at least 1, at most MAX_COMMITS."""
    if not 1 <= value <= MAX_COMMITS:
        raise InputError(None, None, f"{WHY}: {value} commits; give 1 to {MAX_COMMITS}")
    return value


def compliance_history(count: int, catalogs: list[str | Path], glossary_path: str | Path,
                       languages: Requested | None = None) -> History:
    """The History of the last `count` commits that changed `catalogs` (files or folders, as the
    settings name them) or `glossary_path`, restricted to `languages` when given."""
    count = parse_count(count)
    repo = open_repository(catalogs[0] if Path(catalogs[0]).is_dir() else Path(catalogs[0]).parent, WHY)
    catalog_paths = sorted({repo.relative(p) for p in catalogs})
    glossary_relative = repo.relative(glossary_path)
    paths = (*catalog_paths, glossary_relative)
    commits = repo.log(paths, count)
    if not commits:
        raise InputError(None, None, f"{WHY}: no commit changed {', '.join(paths)} (commit the catalogs and the "
                                     "glossary first: the history is read with git)")
    commits.reverse()
    names = catalog_names(languages) if languages else None
    measure = Measure(repo, names)
    figures: list[dict[tuple[str, str], Point] | None] = []
    order: dict[tuple[str, str], int] = {}
    skipped = []
    with tempfile.TemporaryDirectory(prefix="i18n-check-history-") as folder:
        for commit in commits:
            try:
                glossary, version = measure.glossary(commit, glossary_relative)
                if glossary is None:
                    raise InputError(None, None, f"no {glossary_relative} in this commit")
                points = measure.commit(commit, catalog_paths, glossary, version, Path(folder))
            except InputError as exc:
                figures.append(None)
                skipped.append((commit.hash, str(exc)))
                continue
            figures.append(points)
            for rank, concept in enumerate(glossary.glossary.concepts):  # the newest glossary's order wins
                for language in sorted({lang for c, lang in points if c == concept.id}):
                    order[(concept.id, language)] = rank
    keys = sorted({key for points in figures if points for key in points}, key=lambda k: (order.get(k, 0), k))
    series = tuple(Series(concept, language, tuple(None if points is None else points.get((concept, language)) for points in figures))
                   for concept, language in keys)
    return History(tuple(commits), series, paths, tuple(skipped), len(commits) < count and repo.shallow())


class Measure:
    """Reads and measures commits, remembering each glossary and catalog version (by git blob)."""

    def __init__(self, repo: Repository, names):
        self.repo = repo
        self.names = names
        self.glossaries: dict[str, GlossaryIndex | None] = {}   # blob -> the glossary, compiled for matching
        self.usage: dict[tuple[str, str], dict[tuple[str, str], Point]] = {}  # (catalog blob, glossary blob) -> points

    def glossary(self, commit: Commit, path: str) -> tuple[GlossaryIndex | None, str | None]:
        """The commit's glossary, compiled for matching, and the key of its version; (None, None) when it has none."""
        listed = self.repo.files(commit.hash, [path])
        if path not in listed:
            return None, None
        version = self.blob_key(commit, path, listed[path])
        if version not in self.glossaries:
            found = glossary_from(self.repo, commit.hash, commit.short, path)
            self.glossaries[version] = GlossaryIndex(found) if found is not None else None
        return self.glossaries[version], version

    def blob_key(self, commit: Commit, path: str, listed: tuple[str, str]) -> str:
        """A key for the file's content: its blob, or (a symbolic link) the hash of what it leads to."""
        mode, blob = listed
        if mode != LINK:
            return blob
        return "link-" + hashlib.sha256(self.repo.read(commit.hash, path) or b"").hexdigest()

    def commit(self, commit: Commit, paths: list[str], glossary: GlossaryIndex, version: str, folder: Path) -> dict[tuple[str, str], Point]:
        """Per (concept, language): the points of the commit's catalogs under `paths`, judged by
        `glossary` (whose version key is `version`)."""
        totals: dict[tuple[str, str], list[int]] = {}
        listed = self.repo.files(commit.hash, paths)
        for path, meta in listed.items():
            if Path(path).suffix not in CATALOG_SUFFIXES or path.endswith(".pot"):
                continue
            key = (self.blob_key(commit, path, meta), version)
            if key not in self.usage:
                copy = folder / key[0] / path
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(self.repo.read(commit.hash, path) or b"")
                catalog = load_copy(commit.short, path, copy)
                copy.unlink()
                if self.names is not None and not codes_for(self.names, catalog.language):
                    self.usage[key] = {}
                    continue
                points = {}
                for concept in term_usage([(catalog, path)], glossary):
                    for language, usage in concept.languages.items():
                        if usage.expected:
                            points[(concept.id, language)] = Point(usage.compliant, usage.expected)
                self.usage[key] = points
                del catalog
            for k, point in self.usage[key].items():
                total = totals.setdefault(k, [0, 0])
                total[0] += point.compliant
                total[1] += point.expected
        languages = {base_language(lang) for lang in glossary.glossary.languages} - {glossary.source}
        return {k: Point(*v) for k, v in totals.items() if k[1] in languages}
