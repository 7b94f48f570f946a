"""A project as the server sees it: its settings, glossary, rules, and its catalogs on disk.

What `i18n-check check` would use for a catalog: `[tool.i18n-check]` of the nearest pyproject.toml,
the glossary it names (the editor's buffer when the glossary is open there), the rules it selects,
and the catalogs it lists, which the project rules (`inconsistent`, `language-parity`) compare.
Files are read again only when their modification time or size changes. Bad input never stops the
server: it becomes a Problem, shown as a diagnostic, and the work goes on without that input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from ..catalog import Catalog, find_catalogs, load_catalog
from ..rules.select import select_rules, settled_rules
from ..errors import InputError
from ..glossary import load_glossary
from ..glossary.index import GlossaryIndex
from ..glossary.load import parse_glossary
from ..languages import catalog_names, codes_for
from ..rules import Rule
from ..settings import Settings, find_pyproject, load_settings

Stamp = tuple[int, int]  # (modification time in ns, size) of a file


def stamp(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@dataclass(frozen=True)
class Problem:
    """Input the server could not use, and what it does instead; shown on the catalogs it concerns."""

    error: InputError
    consequence: str
    severity: str = "error"

    @property
    def message(self) -> str:
        return f"{self.error}; {self.consequence}"


def project_root(path: Path, folders: list[Path]) -> tuple[Path, Path | None]:
    """(root, pyproject.toml or None) of the file at `path`: the folder of its nearest
    pyproject.toml, else the workspace folder holding it, else its own folder."""
    pyproject = find_pyproject(path.parent)
    if pyproject is not None:
        return pyproject.parent, pyproject
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        if path.is_relative_to(folder):
            return folder, None
    return path.parent, None


class Project:
    """One project's inputs, read again when they change. `buffer(path)` gives the text of a file
    open in the editor (None when it is not open): an open glossary is taken from the editor."""

    def __init__(self, root: Path, pyproject: Path | None, buffer: Callable[[Path], str | None]):
        self.root = root
        self.pyproject = pyproject
        self.buffer = buffer
        self.settings = Settings()
        self.settings_problem: Problem | None = None
        self.settings_stamp: Stamp | None = None
        self.glossary_state: tuple[object, object, Problem | None] = (None, None, None)  # (key, glossary, problem)
        self.loaded: dict[Path, tuple[Stamp, Catalog | InputError]] = {}
        self.indexes: dict[int, tuple[Catalog, dict]] = {}  # id(catalog) -> (catalog, its entries by key)
        self.files: list[Path] | None = None
        self.files_problem: Problem | None = None
        self.refresh()

    def refresh(self) -> None:
        """Read the settings again if pyproject.toml changed; list the catalogs again on next use."""
        self.files = None
        if self.pyproject is None:
            return
        now = stamp(self.pyproject)
        if now == self.settings_stamp:
            return
        self.settings_stamp = now
        try:
            self.settings, self.settings_problem = load_settings(self.pyproject), None
        except InputError as exc:
            self.settings = Settings()
            self.settings_problem = Problem(exc, "checked with the default settings until it is fixed")

    def path(self, value: str) -> Path:
        return self.root / value

    def name(self, path: Path) -> str:
        """A catalog's path as reported: relative to the project's root, as `check` run there shows it."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def glossary_path(self) -> Path | None:
        return self.path(self.settings.glossary) if self.settings.glossary else None

    def glossary(self):
        """(the glossary compiled for matching or None, a Problem or None): the editor's buffer of the
        glossary when it is open, else the file when it exists (`check` reads it only then)."""
        path = self.glossary_path
        if path is None:
            return None, None
        text = self.buffer(path)
        key = ("buffer", text) if text is not None else ("file", path, stamp(path))
        if key == self.glossary_state[0]:
            return self.glossary_state[1], self.glossary_state[2]
        glossary, problem = None, None
        if text is not None or key[2] is not None:
            try:
                glossary = GlossaryIndex(parse_glossary(text, path) if text is not None else load_glossary(path))
            except InputError as exc:
                problem = Problem(exc, "glossary rules are not run until it is fixed")
        elif self.settings.configured("glossary"):  # as `check`: a glossary the settings name must exist
            pyproject, line, name = self.settings.origin("glossary")
            problem = Problem(InputError(pyproject, line, f"{name}: glossary file {self.name(path)} not found"),
                              "glossary rules are not run until it is there")
        self.glossary_state = (key, glossary, problem)
        return glossary, problem

    def rules(self) -> tuple[list[Rule], dict[str, tuple[str, bool]]]:
        """The rules `check` runs and, per rule id, (severity, blocking)."""
        s = self.settings
        return select_rules(s.select, s.ignore, s.extend_select), settled_rules(s.fail_on, s.extend_fail_on)

    def checks_language(self, language: str | None) -> bool:
        """True when `check` would check a catalog in `language` (the `languages` setting: the
        catalogs gettext reads for those locales)."""
        requested = self.settings.requested_languages()
        return requested is None or bool(codes_for(catalog_names(requested), language))

    def catalogs(self, leave_out: Path) -> tuple[list[tuple[Catalog, str]], list[Problem]]:
        """The project's catalogs on disk that `check` would check, except the one at `leave_out`
        (the editor has it), and the problems met reading them."""
        if self.files is None:
            self.files_problem = None
            try:
                self.files = find_catalogs([self.path(p) for p in self.settings.catalogs])
            except InputError as exc:
                self.files = []
                if self.settings.source is not None:  # configured: say so; else there is simply no project
                    self.files_problem = Problem(exc, "inconsistent and language-parity compare this catalog alone", "warning")
        problems = [self.files_problem] if self.files_problem else []
        found = []
        leave_out = leave_out.resolve()
        for path in self.files:
            if path.suffix == ".pot" or path.resolve() == leave_out:  # a template is not checked
                continue
            now = stamp(path)
            known = self.loaded.get(path)
            if known is None or known[0] != now:
                if known is not None:
                    self.indexes.pop(id(known[1]), None)
                try:
                    known = self.loaded[path] = (now, load_catalog(path))
                except InputError as exc:
                    known = self.loaded[path] = (now, exc)
            if isinstance(known[1], InputError):
                problems.append(Problem(known[1], "left out of inconsistent and language-parity", "warning"))
            elif self.checks_language(known[1].language):
                found.append((known[1], self.name(path)))
        return found, problems

    def subset(self, catalog: Catalog, keys: set) -> Catalog:
        """`catalog` holding only its entries of these messages ((msgctxt, msgid) keys)."""
        known = self.indexes.get(id(catalog))
        if known is None:
            known = self.indexes[id(catalog)] = (catalog, {entry.key: entry for entry in catalog.entries})
        index = known[1]
        return replace(catalog, entries=tuple(sorted((index[key] for key in keys if key in index), key=lambda e: e.line)))
