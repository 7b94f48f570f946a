"""translate-toolkit's standard checks (what pofilter runs), one warning rule each, under ttk's names.

The checks are translate-toolkit's own (translate.filters.checks.StandardChecker), run with the
target language's conventions (CheckerConfig(targetlanguage=...): French spacing before
`: ; ! ?`, German `simplecaps` off...). One checker is built per language and reused.

Which checks run by default, and the few refinements that remove false positives, were chosen
by measuring every check on the real Django and Sphinx catalogs: docs/default-checks.md.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker
from translate.filters.decoration import geturls, spacestart
from translate.lang.common import Common

from ..catalog import Entry
from ..findings import WARNING, Finding
from ..formats import C_DIRECTIVE
from .base import Context, Rule
from .markup import AUTOLINK, INLINE_LINK, TAG, is_html
from .placeholders import format_kinds

# pofilter's checks that another rule of ours owns, so that nothing is reported twice.
OWNED_ELSEWHERE = {
    "untranslated": "untranslated", "printf": "placeholder", "pythonbraceformat": "placeholder",
    "xmltags": "markup", "isfuzzy": "fuzzy", "nplurals": "plural-forms",
    "notranslatewords": "glossary-dnt", "musttranslatewords": "glossary-forbidden",
}
# pofilter's checks that never fire without project configuration pofilter does not have either.
INERT = {
    "accelerators": "no accelerator marker is configured in the standard checker",
    "variables": "no variable syntax is configured in the standard checker",
    "validchars": "no set of valid characters is configured",
    "credits": "no translator-credit messages are configured",
    "spellcheck": "needs enchant spelling dictionaries, which are not installed",
}

# ttk's preconditions (StandardChecker.preconditions): when the first fails, the others are moot.
PRECONDITIONS = {
    "blank": frozenset(StandardChecker.preconditions["blank"]),
    "purepunc": frozenset({"startcaps", "options"}),
    "endwhitespace": frozenset({"endpunc"}),
    "startwhitespace": frozenset({"startpunc"}),
    "unchanged": frozenset({"doublewords"}),
}

# --- refinements: a ttk failure stands only if the refinement agrees (false positives measured
#     on the real catalogs, docs/default-checks.md) ---------------------------------------------

DIGITS = re.compile(r"(?<![^\W\d_])\d+")  # a digit run not glued to a letter before it: C3P, H2O, mp3 are names
FRENCH_SPACE_BEFORE = re.compile(r"^[\u00a0\u202f]+(?=[:;!?»%])")


def digit_runs_differ(source: str, translation: str, language: str | None) -> bool:
    """2.5 and 2,5, 85,000 and 85 000 are the same number: compare the digit runs. The digit in
    a name such as C3P (CCPE in French) is no number."""
    return Counter(DIGITS.findall(source)) != Counter(DIGITS.findall(translation))


def urls_in_text(text: str) -> Counter[str]:
    """The URLs of a text, without the sentence punctuation that may follow them."""
    return Counter(url.rstrip(".,;:!?)»”’'\"") for url in geturls(text))


def urls_differ(source: str, translation: str, language: str | None) -> bool:
    return urls_in_text(source) != urls_in_text(translation)


def double_spaces_added(source: str, translation: str, language: str | None) -> bool:
    """Only a double space the translation adds is a slip; dropping the source's is fine."""
    return translation.count("  ") > source.count("  ")


def not_french_spacing(source: str, translation: str, language: str | None) -> bool:
    """A French translation may open with the no-break space that precedes `: ; ! ? »`."""
    if language == "fr":
        translation = FRENCH_SPACE_BEFORE.sub("", translation)
    return spacestart(source) != spacestart(translation)


CLOSERS = " \t\n\u00a0\u202f\"'”’»)]›"
SENTENCE_END = ".!?…:;"
# "avr.", "Objekt Darst.", "{}." (a German ordinal: the placeholder is an opaque token here)
SHORT_ABBREVIATION = re.compile(r"^\W*(?:\S+\s+){0,2}(?:[\w.]{1,6}|[\ue000-\uf8ff]|\d+)\.$")


def final_mark(text: str) -> tuple[str, str]:
    """The text without closing quotes and brackets, and its last sentence mark ("" when none)."""
    text = text.rstrip(CLOSERS).replace("...", "…")
    return text, text[-1:] if text[-1:] in SENTENCE_END else ""


def end_punctuation_differs(source: str, translation: str, language: str | None) -> bool:
    """Compare the last sentence mark only, after closing quotes and brackets (“deleted.” and
    « supprimé ». end alike); "..." is "…"; a short message may end in an abbreviation
    (avr., nachm.) or a German ordinal ({}.) where the source has none; French needs a space
    before : ; ! ?"""
    if source == translation:
        return False
    (src, src_mark), (tr, tr_mark) = final_mark(source), final_mark(translation)
    if src_mark != tr_mark:
        return not (tr_mark == "." and not src_mark and SHORT_ABBREVIATION.match(tr)
                    or src_mark == "." and not tr_mark and SHORT_ABBREVIATION.match(src))
    if tr_mark in ".…" and tr[-2:-1].isspace() and not src[-2:-1].isspace():
        return True  # "dans %(outdir)s ." : a space crept in before the full stop
    return language == "fr" and tr_mark in ":;!?" and not tr[-2:-1].isspace()


@dataclass(frozen=True)
class TtkCheck:
    """One translate-toolkit check as a rule of ours."""

    name: str
    default: bool
    summary: str
    fail: tuple[str, str]
    passing: tuple[str, str]
    refine: Callable[[str, str, str | None], bool] | None = None
    why: str = ""  # why it is on or off by default, in one line (measured: docs/default-checks.md)


CHECKS = (
    # On by default: they catch breakage and, as refined here, reported only real defects among
    # 2,408 real translations.
    TtkCheck("numbers", True, "A number of the source is missing or changed in the translation.",
             ("150 reports in 2024", "15 signalements en 2024"), ("2.5 million reports", "2,5 millions de signalements"),
             digit_runs_differ, "no hit on the real catalogs; 2,5 for 2.5 and 85 000 for 85,000 are accepted"),
    TtkCheck("urls", True, "A URL in the running text is missing or changed in the translation.",
             ("Report at https://example.org/report", "Signalez sur https://example.org/signaler"),
             ("Report at https://example.org/report", "Signalez sur https://example.org/report."),
             urls_differ, "no hit (pofilter: 3): a changed href is the markup rule's, a full stop after the URL is no change"),
    TtkCheck("emails", True, "An e-mail address is missing or changed in the translation.",
             ("Write to help@example.org", "Écrivez à aide@example.org"), ("Write to help@example.org", "Écrivez à help@example.org"),
             why="no hit; a changed address loses the reader's message"),
    TtkCheck("functions", True, "A function name such as setup() is missing or translated.",
             ("Call setup() first", "Appelez configuration() d'abord"), ("Call setup() first", "Appelez d'abord setup()"),
             why="no hit; code must stay code"),
    TtkCheck("filepaths", True, "A file path such as /etc/hosts is missing or translated.",
             ("Edit /etc/hosts", "Modifiez /etc/hôtes"), ("Edit /etc/hosts", "Modifiez /etc/hosts"),
             why="no hit; a translated path does not exist"),
    TtkCheck("options", True, "A command-line option such as --full is missing or translated.",
             ("used when --full is given", "utilisé avec l'option -full"), ("used when --full is given", "utilisé avec l'option --full"),
             why="2 hits, both real (--full written -full)"),
    TtkCheck("escapes", True, "Backslash escapes differ between source and translation.",
             ("Line\\tone", "Ligne un"), ("Line\\tone", "Ligne\\tun"), why="no hit; a lost escape changes the output"),
    TtkCheck("tabs", True, "The number of tab characters differs.",
             ("Name\tValue", "Nom Valeur"), ("Name\tValue", "Nom\tValeur"), why="no hit; tabs align program output"),
    TtkCheck("blank", True, "The translation is only white space.",
             ("Survivors", " "), ("Survivors", "Survivantes"), why="no hit; a blank msgstr counts as translated but shows nothing"),
    TtkCheck("compendiumconflicts", True, "The translation still holds msgcat's #-#-#-#-# conflict markers.",
             ("Survivors", "#-#-#-#-#  a.po  #-#-#-#-#\nSurvivantes"), ("Survivors", "Survivantes"),
             why="no hit; the markers are never meant to ship"),
    TtkCheck("endwhitespace", True, "White space at the end differs (the program may append text).",
             ("Searching for: ", "Recherche de :"), ("Searching for: ", "Recherche de : "),
             why="9 hits, all real"),
    TtkCheck("startwhitespace", True, "White space at the start differs.",
             ("  Indented line", "Ligne indentée"), ("  Indented line", "  Ligne indentée"), not_french_spacing,
             "3 hits, all real; the French no-break space before ':' is accepted"),
    TtkCheck("doublespacing", True, "The translation adds a double space the source does not have.",
             ("Report abuse now.", "Signalez  les abus maintenant."), ("Report abuse.  Now.", "Signalez les abus. Maintenant."),
             double_spaces_added, "8 hits, all real; dropping the source's double spaces is accepted"),
    TtkCheck("endpunc", True, "Punctuation at the end differs (French needs a space before : ; ! ?).",
             ("Commands:", "Commandes:"), ("Commands:", "Commandes :"), end_punctuation_differs,
             why="23 hits, all real (pofilter: 53); abbreviations (avr.), German ordinals (1.) and quote order are accepted"),
    # Off by default: noisy on real translations (hit rate, inspected false positives in the docs).
    TtkCheck("startpunc", False, "Punctuation at the start differs.",
             ("...and more", "et plus"), ("...and more", "...et plus"), why="2.2% (54 hits), mostly quotes « » „ “ and word order"),
    TtkCheck("puncspacing", False, "Spacing after punctuation differs (French spacing respected).",
             ("Name: %s", "Nom :%s"), ("Name: %s", "Nom : %s"), why="3.1% (75 hits), mostly German „quotes“ and French « »"),
    TtkCheck("doublequoting", False, "Double quotes differ (“ ” « » \").",
             ('Click "Save"', "Cliquez sur Enregistrer"), ('Click "Save"', "Cliquez sur « Enregistrer »"),
             why="5.9%, mostly „…“ and « … » that are correct"),
    TtkCheck("singlequoting", False, "Single quotes differ (in French, the source's 'yes' becomes « yes »).",
             ("Type 'yes' to confirm", "Tapez 'yes' pour confirmer"), ("Type 'yes' to confirm", "Tapez « yes » pour confirmer"), why="2.0%, mostly French apostrophes and quotes"),
    TtkCheck("brackets", False, "The number of brackets ( [ { differs.",
             ("Survivors (adults)", "Survivantes adultes"), ("Survivors (adults)", "Survivantes (adultes)"),
             why="1.2% (30 hits), mostly added explanations and French inclusive forms aucun(e)"),
    TtkCheck("newlines", False, "The number of line breaks differs.",
             ("One\nTwo", "Un Deux"), ("One\nTwo", "Un\nDeux"), why="0.6%, 14 of 15 reflowed help texts"),
    TtkCheck("doublewords", False, "A word is repeated (“the the”).",
             ("Report the abuse", "Signalez les les abus"), ("Report the abuse", "Signalez les abus"),
             why="5 hits, 1 real: French vous vous, German Sie sie are grammar"),
    TtkCheck("purepunc", False, "A message of pure punctuation was changed, or a message became pure punctuation.",
             (":", ";"), (":", ":"), why="14 hits, none real (German ordinal 1., French no-break space)"),
    TtkCheck("sentencecount", False, "The number of sentences differs.",
             ("Report. Now.", "Signalez maintenant."), ("Report. Now.", "Signalez. Maintenant."),
             why="1.2%, sentences are split and joined for good reasons"),
    TtkCheck("startcaps", False, "Capitalisation at the start differs.",
             ("Survivors", "survivantes"), ("Survivors", "Survivantes"), why="11%, German nouns and French month names"),
    TtkCheck("simplecaps", False, "Capitalisation differs (ttk skips it for German).",
             ("Survivors speak", "survivantes témoignent"), ("Survivors speak", "Les survivantes témoignent"),
             why="8.5% of French; 43% of German without ttk's German exception"),
    TtkCheck("acronyms", False, "An acronym of the source is missing from the translation.",
             ("Contact the EU", "Contactez l'Union"), ("Contact the EU", "Contactez l'EU"),
             why="0.9%, most acronyms are rightly translated (UE, Kio, ID)"),
    TtkCheck("unchanged", False, "The translation is the source, unchanged.",
             ("Report abuse", "Report abuse"), ("Report abuse", "Signaler un abus"),
             why="6.5% (157 hits), mostly words that are the same in French or German (Note, Variables)"),
    TtkCheck("short", False, "The translation is much shorter than the source.",
             ("Survivors of abuse", "S"), ("Survivors of abuse", "Survivantes d'abus"), why="1 hit, not real ('None' → '-')"),
    TtkCheck("long", False, "The translation is much longer than the source.",
             ("OK", "Ceci est une très longue phrase pour OK"), ("OK", "D'accord"), why="no hit; German grows, a ratio is a guess"),
    TtkCheck("simpleplurals", False, "The source uses an English plural(s) the translation does not mirror.",
             ("Survivor(s)", "Survivantes"), ("Survivor(s)", "Survivante(s)"), why="2 hits, none real"),
    TtkCheck("kdecomments", False, "A KDE-style \"_: comment\" was translated.",
             ("Survivors", "_: commentaire\nSurvivantes"), ("Survivors", "Survivantes"), why="KDE's convention only"),
)
BY_NAME = {c.name: c for c in CHECKS}


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


# For each check, the preconditions that can make it moot.
GUARDS = {c.name: tuple(test for test, moot in PRECONDITIONS.items() if c.name in moot) for c in CHECKS}


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
# No cheap trigger (they can fail on any text): sentencecount, startcaps, simplecaps, doublewords.


@lru_cache(maxsize=None)
def plain_punctuation(language: str | None) -> bool:
    """True when the language's punctranslate is translate-toolkit's common one or French's, its
    replacements replace only `: ; ! ? # ,` and put in no letter, digit, quote, "." or white space
    other than a no-break space inside."""
    from translate.lang.fr import fr

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
ALL_CHECKS, NO_CHECK = frozenset(BY_NAME), frozenset()


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


_current: list[EntryRun | None] = [None]  # rules run entry after entry: one slot is enough
USE_TRIGGERS = [True]  # tests switch the triggers off to compare


def entry_run(entry: Entry, ctx: Context) -> EntryRun:
    """The entry's EntryRun, made by the first ttk rule that reads the entry."""
    run = _current[0]
    if run is None or run.entry is not entry:
        run = _current[0] = EntryRun(entry, ctx.catalog.language, USE_TRIGGERS[0])
    return run


def _failure(checker: StandardChecker, name: str, source: str, translation: str) -> list[str] | None:
    """ttk's messages when check `name` fails on the pair, else None."""
    try:
        passed = getattr(checker, name)(source, translation)
    except FilterFailure as failure:
        return failure.messages
    except Exception:  # a ttk bug on odd input must not stop a check run; the pair passes
        return None
    return None if passed else [name]


def ttk_failures(name: str, entry: Entry, ctx: Context) -> list[str]:
    """ttk's failure messages for check `name` on every translated, non-fuzzy form of the entry."""
    run = entry_run(entry, ctx)
    if not run.may_fail(name):
        return []
    refine = BY_NAME[name].refine
    messages: list[str] = []
    for index, source, translation in run.pairs:
        # Our refinement first: it is cheap, and a pair it accepts has no finding whatever ttk says.
        if refine is not None and not refine(source, translation, ctx.language):
            continue
        found = run.failed(name, index, source, translation)
        if not found or any(run.failed(guard, index, source, translation) for guard in GUARDS[name]):
            continue
        message = "; ".join(found)
        if run.restore:
            message = message.translate(run.restore)
        messages.append(("msgstr[%d]: " % index if entry.plural else "") + message)
    return messages


def make_rule(check: TtkCheck) -> Rule:
    """A Rule row running one ttk check; its docstring is ours, then ttk's own explanation."""
    name = check.name

    def run(entry: Entry, ctx: Context) -> Iterator[Finding]:
        # Fourteen of these run on every message by default: on most, each costs a lookup and a test.
        current = _current[0]
        if current is None or current.entry is not entry:
            current = entry_run(entry, ctx)
        if name in current.dead:
            return ()
        messages = ttk_failures(name, entry, ctx)
        if not messages:
            return ()
        return (ctx.finding(name, entry, f"{' | '.join(messages)} (translate-toolkit {name})"),)

    ttk_doc = inspect.getdoc(getattr(StandardChecker, check.name)) or ""
    default = "on" if check.default else "off"
    run.__doc__ = (f"{check.summary}\n\n{ttk_doc}\n\nSelected by default: {default}. On the real Django and Sphinx "
                   f"catalogs (docs/default-checks.md): {check.why}.")
    run.__name__ = run.__qualname__ = check.name
    return Rule(check.name, WARNING, run, default=check.default, family="ttk",
                example_fail=check.fail, example_pass=check.passing, run_together=run_together)


def run_together(rules: list[Rule]) -> Callable[[Entry, Context], Iterable[Finding]]:
    """One entry check doing the work of the selected ttk rules, in their order: a message on
    which all of them are dead (most) costs one call and one set comparison."""
    names = tuple(rule.id for rule in rules)
    checks = tuple(zip(names, (rule.check for rule in rules)))
    wanted = frozenset(names)

    def ttk_rules(entry: Entry, ctx: Context) -> Iterable[Finding]:
        current = _current[0]
        if current is None or current.entry is not entry:
            current = entry_run(entry, ctx)
        dead = current.dead
        if wanted <= dead:
            return ()
        return [finding for name, check in checks if name not in dead for finding in check(entry, ctx)]

    return ttk_rules


RULES = tuple(make_rule(check) for check in CHECKS)
