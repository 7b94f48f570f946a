"""`[tool.i18n-check]` from the nearest pyproject.toml, as one frozen object."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from difflib import get_close_matches
from pathlib import Path
from typing import Mapping

from .errors import InputError
from .languages import Requested, parse_languages
from .rules.select import parse_rule_list

CACHE_FOLDER = ".i18n-check-cache"


@dataclass(frozen=True)
class Settings:
    """Every key of `[tool.i18n-check]`, with its default. Paths are resolved against the pyproject's folder."""

    catalogs: tuple[str, ...] = ("catalogs",)   # where catalogs live (files or folders)
    glossary: str | None = "glossary.yaml"     # the terminology glossary; when not configured, used only if the file exists
    content: str = "content/en"                 # source-language content for extract/publish
    template: str | None = None                 # the POT `update` merges; default: the single catalogs/*.pot
    languages: tuple[str, ...] = ()             # restrict check/update to these languages; empty: all found
    fail_on: tuple[str, ...] | None = None      # rules that block; None: CONTRACT §2's default
    extend_fail_on: tuple[str, ...] = ()        # rules that block besides fail_on (or the default)
    baseline: str | None = None                 # the baseline `check` applies (written by --write-baseline)
    select: tuple[str, ...] = ()                # rules to run; empty: the default selection
    ignore: tuple[str, ...] = ()                # rules never to run
    extend_select: tuple[str, ...] = ()         # rules to run besides the selection (ruff's extend-select)
    source: Path | None = field(default=None, compare=False)  # the pyproject.toml read, if any
    # The keys the pyproject sets (field name -> line): a value written there is the user's
    # choice, so a path it names must exist; a default may be absent.
    lines: Mapping[str, int | None] = field(default_factory=dict, compare=False)

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path(".")

    def configured(self, name: str) -> bool:
        """True when the pyproject sets the key (field `name`), rather than leaving its default."""
        return name in self.lines

    def origin(self, name: str) -> tuple[Path | None, int | None, str]:
        """Where a configured key is written, for an error naming it: (pyproject, line, "[tool.i18n-check] 'key'")."""
        return None if self.source is None else shown(self.source), self.lines.get(name), f"[tool.i18n-check] '{name.replace('_', '-')}'"

    def requested_languages(self) -> Requested | None:
        """The `languages` setting as Requested (None when empty: every language)."""
        if not self.languages:
            return None
        path, line, origin = self.origin("languages")
        return Requested(self.languages, origin, None if path is None else str(path), line)

    @property
    def cache_dir(self) -> Path | None:
        """Where `check` keeps its result cache by default: beside the pyproject.toml that gave the
        settings (the project's root), else in the user's cache folder (XDG base directories); None
        when there is no home folder to hold it."""
        return self.root / CACHE_FOLDER if self.source is not None else user_cache_folder()

    def path(self, value: str) -> Path:
        """A setting's path relative to the pyproject's folder, shown relative to the working folder."""
        return shown(self.root / value)


def user_cache_folder() -> Path | None:
    """i18n-check's folder in the user's cache: $XDG_CACHE_HOME/i18n-check, else ~/.cache/i18n-check
    (XDG base directory spec); None when there is no home folder to hold it."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):  # the XDG spec: a relative XDG_CACHE_HOME is invalid and must be ignored
        return Path(base) / "i18n-check"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "i18n-check" if os.path.isabs(home) else None


def shown(path: Path) -> Path:
    """`path` as a user would type it from the working folder: relative when it lies inside it or
    beside one of its parents (the project's settings seen from a subfolder: `../glossary.yaml`)."""
    if not path.is_absolute():
        return path
    cwd = Path.cwd()
    for up, folder in enumerate((cwd, *cwd.parents)):
        if up > 0 and folder == Path(folder.anchor):
            break  # never ../../.. up to the root: past the project, a path is clearer absolute
        if path.is_relative_to(folder):
            return Path(*[".."] * up, path.relative_to(folder))
    return path


KEYS = {f.name.replace("_", "-"): f.name for f in fields(Settings) if f.name not in ("source", "lines")}
LISTS = {"catalogs", "languages", "fail_on", "extend_fail_on", "select", "ignore", "extend_select"}
RULE_LISTS = {"fail_on", "extend_fail_on", "select", "ignore", "extend_select"}  # ids, families or ALL


def key_line(text: str, key: str) -> int | None:
    """The line of `key = ...` inside [tool.i18n-check] (tomllib keeps no positions)."""
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = re.match(r"\[\s*tool\s*\.\s*[\"']?i18n-check[\"']?\s*\]", stripped) is not None
        elif inside and re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return number
    return None


def assignment_line(text: str, key: str) -> int | None:
    """The first line assigning `key` (bare, quoted or the last part of a dotted key), for a wrongly typed table."""
    pattern = re.compile(rf"""^\s*(?:[^=#]*\.\s*)?["']?{re.escape(key)}["']?\s*=""")
    return next((number for number, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)


def toml_type(value: object) -> str:
    """What a TOML value is, in TOML's words."""
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array", dict: "a table"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a date or time")


def check_value(name: str, key: str, value: tuple[str, ...], where: tuple[Path, int | None]) -> None:
    """Raise InputError naming the key when a rule or language in its list is unknown."""
    if name in RULE_LISTS:
        try:
            parse_rule_list(value, f"[tool.i18n-check] '{key}'")
        except InputError as exc:
            raise InputError(where[0], where[1], exc.reason) from None
        if name == "fail_on" and not value:
            raise InputError(where[0], where[1], f"[tool.i18n-check] '{key}' is empty: nothing would block; "
                                                 "remove the key for the default, or name the rules that block")
    elif name == "languages" and value:
        parse_languages(value, f"[tool.i18n-check] '{key}'", str(where[0]), where[1])


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml from `start` (default: the working folder) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(pyproject: Path | None = None) -> Settings:
    """Read `[tool.i18n-check]`; unknown keys and wrongly typed values are input errors."""
    pyproject = pyproject or find_pyproject()
    if pyproject is None:
        return Settings()
    source, pyproject = pyproject, shown(pyproject)  # errors name the file as the user sees it
    try:
        text = pyproject.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(pyproject, getattr(exc, "lineno", None), f"invalid TOML: {exc}") from None
    except RecursionError:  # tomllib reads nested arrays and inline tables recursively
        raise InputError(pyproject, None, "invalid TOML: arrays or inline tables nested too deeply to read") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(pyproject, None, f"cannot read: {exc}") from None
    # PEP 518 makes `tool` a table of tables; any other shape is refused, not guessed at.
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError(pyproject, assignment_line(text, "tool"), f"'tool' must be a table, not {toml_type(tool)}")
    table = tool.get("i18n-check")
    if table is None:
        return Settings(source=None)
    if not isinstance(table, dict):
        raise InputError(pyproject, assignment_line(text, "i18n-check"), f"[tool.i18n-check] must be a table, not {toml_type(table)}")
    values: dict = {}
    lines: dict[str, int | None] = {}
    for key, value in table.items():
        name = KEYS.get(key) or KEYS.get(key.replace("_", "-"))
        if name is None:
            close = get_close_matches(key, KEYS, 1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(sorted(KEYS))}"
            raise InputError(pyproject, key_line(text, key), f"[tool.i18n-check] unknown key '{key}'{hint}")
        if name in LISTS:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(pyproject, key_line(text, key), f"[tool.i18n-check] '{key}' must be a list of strings")
            value = tuple(v.strip() for v in value if v.strip())
            check_value(name, key, value, (pyproject, key_line(text, key)))
        elif not isinstance(value, str):
            raise InputError(pyproject, key_line(text, key), f"[tool.i18n-check] '{key}' must be a string")
        values[name] = value
        lines[name] = key_line(text, key)
    return Settings(**values, source=source, lines=lines)
