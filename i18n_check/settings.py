"""`[tool.i18n-check]` from the nearest pyproject.toml, as one frozen object."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from difflib import get_close_matches
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class Settings:
    """Every key of `[tool.i18n-check]`, with its default. Paths are resolved against the pyproject's folder."""

    catalogs: tuple[str, ...] = ("catalogs",)   # where catalogs live (files or folders)
    glossary: str | None = "glossary.yaml"     # the terminology glossary; checked only when the file exists
    content: str = "content/en"                 # source-language content for extract/publish
    template: str | None = None                 # the POT `update` merges; default: the single catalogs/*.pot
    languages: tuple[str, ...] = ()             # restrict check/update to these languages; empty: all found
    fail_on: tuple[str, ...] | None = None      # rules that block; None: CONTRACT §2's default
    select: tuple[str, ...] = ()                # rules to run; empty: the default selection
    ignore: tuple[str, ...] = ()                # rules never to run
    extend_select: tuple[str, ...] = ()         # rules to run besides the selection (ruff's extend-select)
    source: Path | None = field(default=None, compare=False)  # the pyproject.toml read, if any

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path(".")

    def path(self, value: str) -> Path:
        """A setting's path relative to the pyproject's folder, shown relative to the working folder."""
        p = self.root / value
        try:
            return p.relative_to(Path.cwd()) if p.is_absolute() else p
        except ValueError:
            return p


KEYS = {f.name.replace("_", "-"): f.name for f in fields(Settings) if f.name != "source"}
LISTS = {"catalogs", "languages", "fail_on", "select", "ignore", "extend_select"}
RULE_LISTS = {"fail_on", "select", "ignore", "extend_select"}  # ids, families or ALL
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@\w+)?$")


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


def check_value(name: str, key: str, value: tuple[str, ...], where: tuple[Path, int | None]) -> None:
    """Raise InputError naming the key when a rule or language in its list is unknown."""
    if name in RULE_LISTS:
        from .check import parse_rule_list

        try:
            parse_rule_list(value, f"[tool.i18n-check] '{key}'")
        except InputError as exc:
            raise InputError(where[0], where[1], exc.reason) from None
    elif name == "languages":
        for code in value:
            if not LANGUAGE.match(code):
                raise InputError(where[0], where[1], f"[tool.i18n-check] '{key}': {code!r} is not a language code (fr, de, pt_BR...)")


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
    try:
        text = pyproject.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(pyproject, getattr(exc, "lineno", None), f"invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(pyproject, None, f"cannot read: {exc}") from None
    table = data.get("tool", {}).get("i18n-check")
    if table is None:
        return Settings(source=None)
    if not isinstance(table, dict):
        raise InputError(pyproject, None, "[tool.i18n-check] must be a table")
    values = {}
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
    return Settings(**values, source=pyproject)
