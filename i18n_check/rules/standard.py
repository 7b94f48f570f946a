"""translate-toolkit's standard checks (what pofilter runs), one warning rule each, under ttk's names.

The checks are translate-toolkit's own (translate.filters.checks.StandardChecker), run with the
target language's conventions (CheckerConfig(targetlanguage=...): French spacing before
`: ; ! ?`, German `simplecaps` off...). One checker is built per language and reused.

Which checks run by default, and the few refinements that remove false positives, were chosen
by measuring every check on the real Django and Sphinx catalogs: docs/default-checks.md. How
ttk is called, only when a check can fail, is ttk.py's.
"""

from __future__ import annotations

import inspect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from translate.filters.checks import StandardChecker
from translate.filters.decoration import geturls, spacestart

from ..catalog import Entry
from ..findings import WARNING, Finding
from .base import Context, Rule
from .ttk import PRECONDITIONS, EntryRun

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


# For each check, the preconditions that can make it moot.
GUARDS = {c.name: tuple(test for test, moot in PRECONDITIONS.items() if c.name in moot) for c in CHECKS}


def entry_run(entry: Entry, ctx: Context) -> EntryRun:
    """The entry's EntryRun, made by the first ttk rule that reads the entry (the rules run entry
    after entry: the context keeps the last one)."""
    run = ctx.ttk_run
    if run is None or run.entry is not entry:
        run = ctx.ttk_run = EntryRun(entry, ctx.catalog.language, ctx.ttk_triggers)
    return run


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
        current = ctx.ttk_run
        if current is None or current.entry is not entry:
            current = entry_run(entry, ctx)
        if name in current.dead:
            return ()
        messages = ttk_failures(name, entry, ctx)
        if not messages:
            return ()
        return (ctx.finding(row, entry, f"{' | '.join(messages)} (translate-toolkit {name})"),)

    ttk_doc = inspect.getdoc(getattr(StandardChecker, check.name)) or ""
    default = "on" if check.default else "off"
    run.__doc__ = (f"{check.summary}\n\n{ttk_doc}\n\nSelected by default: {default}. On the real Django and Sphinx "
                   f"catalogs (docs/default-checks.md): {check.why}.")
    run.__name__ = run.__qualname__ = check.name
    row = Rule(check.name, WARNING, run, default=check.default, family="ttk",
               example_fail=check.fail, example_pass=check.passing, run_together=run_together)
    return row


def run_together(rules: list[Rule]) -> Callable[[Entry, Context], Iterable[Finding]]:
    """One entry check doing the work of the selected ttk rules, in their order: a message on
    which all of them are dead (most) costs one call and one set comparison."""
    names = tuple(rule.id for rule in rules)
    checks = tuple(zip(names, (rule.check for rule in rules)))
    wanted = frozenset(names)

    def ttk_rules(entry: Entry, ctx: Context) -> Iterable[Finding]:
        current = ctx.ttk_run
        if current is None or current.entry is not entry:
            current = entry_run(entry, ctx)
        dead = current.dead
        if wanted <= dead:
            return ()
        return [finding for name, check in checks if name not in dead for finding in check(entry, ctx)]

    return ttk_rules


RULES = tuple(make_rule(check) for check in CHECKS)
