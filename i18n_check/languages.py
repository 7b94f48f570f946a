"""Language codes and locale names, and the catalogs each language a user names (`--lang`, the `languages` setting) names.

A requested language names the catalogs GNU gettext would read for that locale: its own, then
its fallbacks in the order gettext's `_nl_explode_name` tries them (libintl's explodename.c and
l10nflist.c): `ll_CC@modifier`, `ll@modifier`, `ll_CC`, `ll`; a codeset (`fr_FR.UTF-8`) is
dropped, as catalogs have none. So `fr_FR` and `fr-FR` name the `fr` catalog when there is no
`fr_FR` one (and both when both exist: gettext looks a message up in `fr_FR`, then in `fr`), but
`fr` never names a `fr_CA` catalog: gettext never falls from a language to one of its regions.

A language that names no catalog is an input error naming the languages found: a gate restricted
to a language that is not there would check nothing and pass.
"""

from __future__ import annotations

import locale
import re
from difflib import get_close_matches
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from .errors import InputError

# A locale name as gettext reads it (the gettext manual, "Locale Names"; libintl's explodename.c):
# a language code (ll, ll_CC, ll_Script_CC, `-` accepted for `_`), maybe a codeset (`fr_FR.UTF-8`,
# copied from $LANG) and a modifier (`sr@latin`). Only ASCII letters, digits, `_`, `-`, `.` and `@`.
LOCALE = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[_-][A-Za-z0-9]{2,8})*(?P<codeset>\.[A-Za-z0-9-]+)?(?:@[A-Za-z0-9]+)?",
                    re.ASCII)


# The languages a path may name: those the C library knows a locale for (glibc's locale.alias,
# as Python keeps it): two or three letters in a path are a language only when they are one, so
# /tmp/x.po or src/app.po is not taken for a catalog in "tmp" or "src".
KNOWN_LANGUAGES = frozenset(name.split("_")[0].split(".")[0].split("@")[0] for name in locale.locale_alias)


def is_locale(text: str) -> bool:
    """True when `text` names a locale as a user writes one (`fr`, `pt-BR`, `fr_FR.UTF-8`, `sr@latin`)."""
    return LOCALE.fullmatch(text) is not None


def is_language_code(text: str) -> bool:
    """True when `text` is a language code as written in a path (`fr`, `pt_BR`, `sr@latin`): a
    locale name with its language in lower case and no codeset. A code is also a folder name
    (catalogs/<lang>/, content/<lang>/): no `/`, `\\` or `.` may slip into a path."""
    match = LOCALE.fullmatch(text)
    return match is not None and match["language"].islower() and match["codeset"] is None


def check_language(code: str, path: str | Path | None, line: int | None, what: str) -> None:
    """Raise InputError unless `code` (a Language header, a --lang value, a setting) is a language code.

    The one test every language that becomes a folder name passes: `update` makes
    catalogs/<lang>/, `publish` content/<lang>/, from these codes.
    """
    if code != code.strip() or not is_language_code(normalise_language(code)):
        raise InputError(path, line, f"{what} {code!r} is not a language code (fr, pt_BR, sr@latin...)")


def normalise_language(code: str) -> str:
    """`fr_FR`, `fr-fr` -> `fr_FR`; a plain `fr` stays `fr`."""
    code = code.strip().replace("-", "_")
    if "_" in code:
        lang, _, region = code.partition("_")
        return f"{lang.lower()}_{region.upper() if len(region) == 2 else region}"
    return code.lower()


def base_language(code: str | None) -> str | None:
    """`fr_CA` -> `fr`: glossary languages and stemmers are keyed by the base language."""
    return None if code is None else code.split("_")[0].split("@")[0].lower()


class Requested(NamedTuple):
    """Languages a user asked for, and where they asked (for the error that names them)."""

    codes: tuple[str, ...]
    origin: str = "languages"        # "--lang", "[tool.i18n-check] 'languages'"
    path: str | None = None          # the pyproject.toml of a setting
    line: int | None = None

    def error(self, reason: str) -> InputError:
        return InputError(self.path, self.line, f"{self.origin}: {reason}")


def as_requested(languages: Iterable[str] | Requested | None) -> Requested | None:
    """The languages a library caller asks for, read as parse_languages reads them (a Requested is
    kept as it is); None, or none given: every language."""
    if languages is None or isinstance(languages, Requested):
        return languages
    languages = list(languages)
    return parse_languages(languages, "languages") if languages else None


def parse_languages(value: str | Iterable[str], origin: str = "--lang", path: str | None = None, line: int | None = None) -> Requested:
    """`"fr,de"` (or a list) as Requested; a code that is not one is an input error naming `origin`.

    `"fr de"` is refused with the comma form rather than guessed: a shell variable holding a
    space-separated list is as likely as a typo.
    """
    items = value.split(",") if isinstance(value, str) else list(value)
    requested = Requested(tuple(i.strip() for i in items if i and i.strip()), origin, path, line)
    if not requested.codes:
        raise requested.error("no language named (an empty value: an unset variable?); name them as fr,de, or leave it out")
    for code in requested.codes:
        if not is_locale(code):
            if len(code.split()) > 1 and all(is_locale(part) for part in code.split()):
                parts = code.split()  # written as the user writes a list there: an option's value, or a TOML list
                form = ",".join(parts) if isinstance(value, str) else "[" + ", ".join(f'"{p}"' for p in parts) + "]"
                raise requested.error(f"{code!r}: separate languages with commas: {form}")
            raise requested.error(f"{code!r} is not a language code (fr, de, pt_BR...)")
    return requested


def locale_fallbacks(code: str) -> list[str]:
    """The catalog languages gettext reads for locale `code`, most specific first (see the module docstring)."""
    code, _, modifier = code.partition("@")
    code = normalise_language(code.partition(".")[0])
    language, _, territory = code.partition("_")
    names = []
    if modifier:
        names += [f"{code}@{modifier}"] if territory else []
        names.append(f"{language}@{modifier}")
    names += [code] if territory else []
    names.append(language)
    return names


def key(language: str) -> str:
    """A catalog language compared as gettext compares locale names here: case aside, `-` as `_`."""
    return normalise_language(language).lower()


def catalog_names(requested: Requested) -> dict[str, frozenset[str]]:
    """Catalog language (as `key` gives it) -> the requested codes whose locale reads that catalog."""
    names: dict[str, set[str]] = {}
    for code in requested.codes:
        for name in locale_fallbacks(code):
            names.setdefault(key(name), set()).add(code)
    return {name: frozenset(codes) for name, codes in names.items()}


def codes_for(names: dict[str, frozenset[str]], language: str | None) -> frozenset[str]:
    """The requested codes that name a catalog in `language` (empty: the catalog is not asked for)."""
    return names.get(key(language), frozenset()) if language else frozenset()


def require_found(requested: Requested, matched: set[str], available: Iterable[str | None]) -> None:
    """Raise the input error for the first requested code that named no catalog (`matched`: the
    codes that named one), naming the languages `available`."""
    for code in requested.codes:
        if code not in matched:
            raise requested.error(no_catalog(code, [l for l in available if l]))


def select_languages(requested: Requested, available: Iterable[str]) -> set[str]:
    """The languages among `available` (catalog languages) that `requested` names; every requested
    language must name at least one, else an input error naming the languages found."""
    available = list(available)
    names = catalog_names(requested)
    chosen = {language for language in available if codes_for(names, language)}
    require_found(requested, {code for language in chosen for code in codes_for(names, language)}, available)
    return chosen


def languages_to_update(requested: Requested, existing: Iterable[str], creatable: Callable[[str], bool]) -> list[str]:
    """The catalog languages `update` merges into for `requested`, sorted: for each code, the existing
    catalogs gettext reads for that locale, else a new catalog in that language (normalised: `pt-br`
    -> `pt_BR`) when `creatable` says a catalog can be made for it (its plural rule is known); a code
    that is neither is an input error naming the languages found."""
    existing = list(existing)
    names = catalog_names(requested)
    chosen = {language for language in existing if codes_for(names, language)}
    matched = {code for language in chosen for code in codes_for(names, language)}
    for code in requested.codes:
        if code in matched:
            continue
        new = normalise_language(code.partition(".")[0])
        if not creatable(new):
            raise requested.error(no_catalog(code, existing) + "; no plural rule is known to create one "
                                  "(create its catalog with a Plural-Forms header, as msginit does)")
        chosen.add(new)
    return sorted(chosen)


def no_catalog(code: str, available: Iterable[str]) -> str:
    """Why `code` names no catalog: the languages there are, and the closest of them."""
    found = sorted(set(available))
    if not found:
        return f"no catalog in language {code!r}: no language catalog found at all"
    regional = [l for l in found if key(l).startswith(key(code) + "_")]
    close = regional or get_close_matches(code, found, 2, 0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    why = f" (gettext reads a regional catalog, {', '.join(regional)}, only for its own locale, never for {code!r})" if regional else ""
    return f"no catalog in language {code!r}{why}; catalogs found: {', '.join(found)}{hint}"
