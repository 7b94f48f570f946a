"""translate-toolkit, run fast: what the ttk rules (standard.py) share to call its checks.

pofilter runs every check on every message. Here a check is called only when it can fail:
a trigger (a few substring tests read off ttk's own code) says when it cannot, and most
messages give no trigger anything to fire on (issue 7: fourteen checks called one by one cost
more than the checks themselves on a clean message). Per language, ttk's checker is built once;
per entry, an EntryRun holds what the ttk rules share (the pairs as ttk gets them, with what
other rules own made opaque, and each check's result). The entry's EntryRun rides on the rule
context (`Context.ttk_run`), as does the switch that turns the triggers off for the tests
that compare (`Context.ttk_triggers`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable

from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker
from translate.lang.common import Common
from translate.lang.fr import fr

from ..catalog import Entry
from ..formats import C_DIRECTIVE
from .markup import AUTOLINK, INLINE_LINK, TAG, is_html
from .placeholders import format_kinds

# ttk's preconditions (StandardChecker.preconditions): when the first fails, the others are moot.
PRECONDITIONS = {
    "blank": frozenset(StandardChecker.preconditions["blank"]),
    "purepunc": frozenset({"startcaps", "options"}),
    "endwhitespace": frozenset({"endpunc"}),
    "startwhitespace": frozenset({"startpunc"}),
    "unchanged": frozenset({"doublewords"}),
}


# --- what other rules own is made opaque before ttk sees the text ----------------------------

# placeholder owns format directives, markup owns tags and link targets: ttk's checks see each
# as an opaque character from Unicode's private use area (not a letter, digit, space or
# punctuation), so that a dropped `%(count)s` is not also reported by brackets or startpunc, nor
# a changed href by urls. `%%` and `{{` stay: they are text.
DIRECTIVES = {
    "python-format": re.compile(r"%%|%(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?[diouxXeEfFgGcrs]"),
    "python-brace-format": re.compile(r"\{\{|\}\}|\{[^{}]*\}"),
    "c-format": C_DIRECTIVE,
}
LITERALS = {"%%", "{{", "}}"}
PRIVATE_USE = 0xE000


def opaque(text: str, kinds: list[str], tokens: dict[tuple[str, int], str]) -> str:
    """`text` with its format directives and markup replaced by tokens shared across the entry:
    the n-th `%s` is the same token in source and translation, the next `%s` another one (so
    "%s %s" is no repeated word). Markdown links keep their text."""
    seen: Counter[str] = Counter()

    def token(match: re.Match) -> str:
        key = match.group(0)
        if key in LITERALS or (match.re is TAG and not is_html(match["name"])):
            return key
        seen[key] += 1
        return tokens.setdefault((key, seen[key]), chr(PRIVATE_USE + len(tokens)))

    if "<" in text:
        text = AUTOLINK.sub(token, TAG.sub(token, text))
    if "](" in text:
        text = INLINE_LINK.sub(lambda m: m["text"], text)
    for kind in kinds:
        text = DIRECTIVES[kind].sub(token, text)
    return text


@lru_cache(maxsize=None)
def checker_for(language: str | None) -> tuple[StandardChecker, frozenset[str]]:
    """translate-toolkit's standard checker for a target language, built once, and the checks
    the language itself switches off (German `simplecaps`)."""
    checker = StandardChecker(CheckerConfig(targetlanguage=language or None))
    return checker, frozenset(checker.get_ignored_filters())


# --- triggers: when a check cannot fail, ttk need not run (issue 7) ---------------------------
#
# A trigger reads the very strings ttk would get and is False only when ttk's check passes on
# them (read off translate/filters/checks/standard.py; tests/test_fast_paths.py runs every check
# with and without triggers on the real catalogs). `numbers` is the one trigger read off our
# refinement instead: digit_runs_differ is False when neither string has a `\d`, so ttk's verdict
# does not matter (and numbers guards no other check). `plain` says the language's punctranslate,
# which ttk applies to the source for the end/start checks, cannot touch a last or first letter,
# a final "." or add white space at the end (true of French, German and most: `plain_punctuation`).

HAS_DIGIT = re.compile(r"\d")
HAS_ALNUM = re.compile(r"[^\W_]")  # re's \w is str.isalnum() plus "_" (CPython's SRE_UNI_IS_WORD)


# Digits ttk counts as punctuation (¹ ² ³): a plain language's punctuation has no other alnum.
NOT_INERT = frozenset(c for c in Common.punctuation if c.isalnum())


def _inert(char: str) -> bool:
    """A letter, digit or opaque token: never punctuation or white space, and no punctranslate key."""
    return (char.isalnum() or "\ue000" <= char <= "\uf8ff") and char not in NOT_INERT


def end_class(text: str) -> str | None:
    """"" when `text` (trailing white space aside) ends in an inert character, "." when in one
    and a full stop; None otherwise (its end punctuation needs ttk)."""
    text = text.rstrip()
    if text[-1:] and _inert(text[-1]):
        return ""
    if text[-1:] == "." and text[-2:-1] and _inert(text[-2]):
        return "."
    return None


def _ends_alike(s: str, t: str) -> bool:
    end = end_class(s)
    return end is not None and end == end_class(t)


def _lengths(s: str, t: str) -> tuple[int, int]:
    return len(s.strip()), len(t.strip())


def _may_be_pure_punctuation(s: str, t: str, plain: bool) -> bool:
    return HAS_ALNUM.search(s) is None or HAS_ALNUM.search(t) is None


def _may_space_punctuation(s: str, t: str, plain: bool) -> bool:
    # ttk passes when the (punctranslated) source has no space; French punctranslate adds no-break
    # spaces before : ; ! ? # and inside the « » it makes of quotes.
    return not plain or any(c in s for c in SPACE_MAKERS)


SPACE_MAKERS = " \u00a0:;!?#,\"'`“"  # a space, or what a plain punctranslate may put one before


TRIGGERS: dict[str, Callable[[str, str, bool], bool]] = {
    "numbers": lambda s, t, plain: HAS_DIGIT.search(s) is not None or HAS_DIGIT.search(t) is not None,
    "urls": lambda s, t, plain: "http" in s or "http" in t or "www." in s or "www." in t or "ftp:" in s or "ftp:" in t,
    "emails": lambda s, t, plain: "@" in s or "@" in t,
    "functions": lambda s, t, plain: "()" in s or "()" in t,
    "filepaths": lambda s, t, plain: "/" in s,
    "options": lambda s, t, plain: "--" in s,
    "escapes": lambda s, t, plain: "\\" in s or "\\" in t,
    "tabs": lambda s, t, plain: "\t" in s or "\t" in t,
    "blank": lambda s, t, plain: t.isspace(),
    "compendiumconflicts": lambda s, t, plain: "#-#-#-#-#" in t,
    "endwhitespace": lambda s, t, plain: not plain or s[-1:].isspace() or t[-1:].isspace(),
    "startwhitespace": lambda s, t, plain: s[:1].isspace() or t[:1].isspace(),
    "doublespacing": lambda s, t, plain: "  " in s or "  " in t,
    "endpunc": lambda s, t, plain: not plain or not _ends_alike(s, t),
    "startpunc": lambda s, t, plain: not plain or not (_inert(s[:1] or "-") and _inert(t[:1] or "-")),
    "puncspacing": _may_space_punctuation,
    "doublequoting": lambda s, t, plain: not plain or any(c in s or c in t for c in "\"«»“”'`"),
    "singlequoting": lambda s, t, plain: not plain or "'" in s or "'" in t,
    "brackets": lambda s, t, plain: any(c in s or c in t for c in "[]{}()"),
    "newlines": lambda s, t, plain: "\n" in s or "\n" in t or "\r" in s or "\r" in t,
    "purepunc": _may_be_pure_punctuation,
    "acronyms": lambda s, t, plain: not s.islower(),  # an acronym is a word with upper case only
    "unchanged": lambda s, t, plain: s.strip().lower() == t.strip().lower(),
    # float ratios in ttk (len1 * 0.1): a margin of one character
    "short": lambda s, t, plain: (lambda n1, n2: n2 == 1 or n2 * 10 <= n1 + 1)(*_lengths(s, t)),
    "long": lambda s, t, plain: (lambda n1, n2: n1 <= 1 or n1 * 10 <= n2 + 1)(*_lengths(s, t)),
    "simpleplurals": lambda s, t, plain: "(s)" in s or "(s)" in t,
    "kdecomments": lambda s, t, plain: "_:" in t,
}


@lru_cache(maxsize=None)
def plain_punctuation(language: str | None) -> bool:
    """True when the language's punctranslate is translate-toolkit's common one or French's, its
    replacements replace only `: ; ! ? # ,` and put in no letter, digit, quote, "." or white space
    other than a no-break space inside."""
    config = checker_for(language)[0].config
    lang = config.lang
    if any(c.isalnum() and c not in NOT_INERT for c in config.punctuation + config.endpunctuation):
        return False
    if getattr(type(lang).punctranslate, "__func__", None) not in (Common.punctranslate.__func__, fr.punctranslate.__func__):
        return False
    for key, value in lang.puncdict.items():
        if not key or any(c.isalnum() or c.isspace() or c == "." for c in key) or value[-1:].isspace():
            return False
        if any(c.isalnum() or c in "'\"`«»“”" or c.isspace() and c != "\u00a0" for c in value):
            return False
        if any(c not in SPACE_MAKERS for c in key):
            return False
    return True


# Triggers that may read the raw text: hiding a directive or tag (one private-use character, never
# a digit, space or punctuation, and never where a span ends in "." or white space) can make them
# fire less, never more. Not so for purepunc ("%s" holds no letter once hidden), startpunc,
# unchanged, short, long... Markdown links, which opaque() shortens, and non-NFC text are excluded.
RAW_SAFE = frozenset({"numbers", "urls", "emails", "functions", "filepaths", "options", "escapes", "tabs", "blank",
                      "compendiumconflicts", "endwhitespace", "startwhitespace", "doublespacing", "endpunc"})


# Most messages give no RAW_SAFE trigger anything to fire on. Two exact tests over the raw pair say
# so at once, each a few substring tests rather than one trigger call per check (TRIGGERS stays
# the reference; tests/test_fast_paths.py checks that these agree with it):
EDGES = frozenset({"blank", "endwhitespace", "startwhitespace", "endpunc"})  # read the ends of the texts
MIDDLE = RAW_SAFE - EDGES                                                     # look for something inside
# The checks no cheap trigger can rule out: they can fail on any text.
UNTRIGGERED = frozenset({"sentencecount", "startcaps", "simplecaps", "doublewords"})
ALL_CHECKS, NO_CHECK = frozenset(TRIGGERS) | UNTRIGGERED, frozenset()


def middle_quiet(s: str, t: str) -> bool:
    """True when no MIDDLE trigger fires on the pair."""
    return (HAS_DIGIT.search(s) is None and HAS_DIGIT.search(t) is None  # numbers
            and "/" not in s and "--" not in s and "#-#-#-#-#" not in t   # filepaths, options, compendiumconflicts
            and _nothing_inside(s) and _nothing_inside(t))


def _nothing_inside(text: str) -> bool:
    """Nothing the urls, emails, functions, escapes, tabs and doublespacing triggers look for."""
    return not ("http" in text or "www." in text or "ftp:" in text or "@" in text or "()" in text
                or "\\" in text or "\t" in text or "  " in text)


def _hides_nothing(text: str) -> bool:
    """True when opaque() would return `text` unchanged: no tag, directive or link to hide."""
    return not ("<" in text or "%" in text or "{" in text or "}" in text or "]" in text)


def edges_quiet(s: str, t: str, plain: bool) -> bool:
    """True when no EDGES trigger fires on the pair (a blank t ends in white space)."""
    return (plain and not (s[:1].isspace() or t[:1].isspace() or s[-1:].isspace() or t[-1:].isspace())
            and _ends_alike(s, t))


class EntryRun:
    """The ttk results of one entry, shared by its rules: each check runs at most once per form,
    and not at all when its trigger says it cannot fail. A fuzzy entry has no pair to check.
    Built for every message: what most never need (ttk's checker, the opaque pairs) comes on first use."""

    __slots__ = ("entry", "language", "triggers", "plain", "raw", "_pairs", "restore", "raw_ok", "dead",
                 "results", "live", "_checker")

    def __init__(self, entry: Entry, language: str | None, triggers: bool = True):
        self.entry, self.language, self.triggers = entry, language, triggers
        self.plain = plain = plain_punctuation(language)
        # ttk pairs msgstr[0] with msgid and the other forms with msgid_plural
        if "fuzzy" in entry.flags:  # entry.fuzzy, without a property call per message
            raw = []
        elif len(entry.msgstr) == 1:  # the usual entry
            raw = [(0, entry.msgid, entry.msgstr[0])] if entry.msgstr[0] else []
        else:
            raw = [(i, entry.source_for(i), form) for i, form in enumerate(entry.msgstr) if form]
        self.raw = raw
        # NFC without "<%{}]" (so without "](" either): nothing to normalise, hide or shorten for ttk.
        odd = hints = False
        for _, s, t in raw:
            odd = odd or not (unicodedata.is_normalized("NFC", s) and unicodedata.is_normalized("NFC", t))
            hints = hints or not (_hides_nothing(s) and _hides_nothing(t))
        self._pairs: list[tuple[int, str, str]] | None = None if odd or hints else raw
        self.restore: dict[int, str] | None = None
        self.raw_ok = not odd and not (hints and any("](" in s or "](" in t for _, s, t in raw))
        # The checks that cannot fail on any form, decided in one pass: all of them without a pair;
        # else those of RAW_SAFE (the default ones) whose triggers are silent on the raw text.
        self.dead = NO_CHECK if raw else ALL_CHECKS
        if raw and triggers and self.raw_ok:
            middle = edges = True
            for _, s, t in raw:
                middle = middle and middle_quiet(s, t)
                edges = edges and edges_quiet(s, t, plain)
            self.dead = RAW_SAFE if middle and edges else MIDDLE if middle else EDGES if edges else NO_CHECK
        self.results: dict[tuple[str, int], list[str] | None] = {}
        self.live: dict[str, bool] = {}
        self._checker: StandardChecker | None = None  # set when a ttk check first runs on the entry

    @property
    def checker(self) -> StandardChecker:
        if self._checker is None:
            self._checker = checker_for(self.language)[0]
            self._checker.results_cache = {}  # ttk's memo of filtered strings, per unit as in pofilter
        return self._checker

    @property
    def ignored(self) -> frozenset[str]:
        return checker_for(self.language)[1]

    @property
    def pairs(self) -> list[tuple[int, str, str]]:
        """(form index, source, translation) as ttk gets them: NFC as ttk does, with what other
        rules own made opaque (built on first use: most entries never need it)."""
        if self._pairs is None:
            kinds, tokens = format_kinds(self.entry), {}
            self._pairs = [(i, opaque(unicodedata.normalize("NFC", s), kinds, tokens), opaque(unicodedata.normalize("NFC", t), kinds, tokens))
                           for i, s, t in self.raw]
            self.restore = str.maketrans({token: text for (text, _), token in tokens.items()})  # for messages
        return self._pairs

    def may_fail(self, name: str) -> bool:
        """False when check `name` passes on every form for sure (ignored, or no trigger fires)."""
        live = self.live.get(name)
        if live is None:
            trigger = TRIGGERS.get(name) if self.triggers else None
            if name in self.ignored or not self.raw:
                live = False
            elif trigger is None:
                live = True
            elif self._pairs is None and self.raw_ok and name in RAW_SAFE and not any(trigger(s, t, self.plain) for _, s, t in self.raw):
                live = False
            elif len(self.pairs) == 1:  # the usual entry: no generator
                _, s, t = self.pairs[0]
                live = trigger(s, t, self.plain)
            else:
                live = any(trigger(s, t, self.plain) for _, s, t in self.pairs)
            self.live[name] = live
        return live

    def failed(self, name: str, index: int, source: str, translation: str) -> list[str] | None:
        key = (name, index)
        if key not in self.results:
            trigger = TRIGGERS.get(name) if self.triggers else None
            if name in self.ignored or (trigger is not None and not trigger(source, translation, self.plain)):
                self.results[key] = None
            else:
                self.results[key] = _failure(self.checker, name, source, translation)
        return self.results[key]


def _failure(checker: StandardChecker, name: str, source: str, translation: str) -> list[str] | None:
    """ttk's messages when check `name` fails on the pair, else None."""
    try:
        passed = getattr(checker, name)(source, translation)
    except FilterFailure as failure:
        return failure.messages
    except Exception:  # a ttk bug on odd input must not stop a check run; the pair passes
        return None
    return None if passed else [name]
