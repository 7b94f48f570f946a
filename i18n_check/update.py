"""Template -> language catalogs, never losing a translation: the library behind `i18n-check update`.

msgmerge's semantics (gettext manual, "Invoking the msgmerge Program"):
a message still in the template keeps its translation, translator comments
and fuzzy state, and takes the template's references, extracted comments and
format flags; an obsolete message that comes back is revived; a new message
whose text is close to an old translated one (similarity >= 0.6) starts from
that translation, marked fuzzy, with the old text as `#| msgid`; what left the
template stays as an obsolete `#~` entry.  Only removed messages that were
never translated are dropped, as msgmerge and msgcat drop them: there is no
work in them to keep.

A catalog is written only when its text changes (a second run changes no
byte), atomically, and under a lock on the catalogs folder so that two runs
never interleave.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter, defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterator

from .atomic import write_atomic
from .catalog import LANG_FROM_PATH, Catalog, Entry, base_language
from .errors import InputError
from .extract import po_date
from .po_writer import load_utf8, render_catalog

FUZZY_THRESHOLD = 0.6     # gettext's msgmerge uses the same bar (FUZZY_THRESHOLD in msgl-fsearch.h)
FUZZY_CANDIDATES = 12     # messages sharing the most trigrams whose similarity is actually computed
LOCK_NAME = ".i18n-check.lock"

# Plural-Forms for a new catalog (the gettext manual's "Plural forms" table, as msginit writes them).
PLURAL_FORMS = {
    **dict.fromkeys(("ja", "ko", "zh", "vi", "th", "id", "ms", "lo", "my"), "nplurals=1; plural=0;"),
    **dict.fromkeys(("en", "de", "nl", "sv", "da", "nb", "nn", "no", "fo", "it", "es", "ca", "eu", "gl",
                     "pt", "fi", "et", "el", "he", "hu", "tr", "bg", "eo", "af", "sq", "hy", "az", "ka",
                     "kk", "ky", "mn", "ur", "hi", "bn", "ta", "te", "ml", "mr", "gu", "kn", "pa", "ne",
                     "si", "sw", "fy", "lb", "rm", "ast", "fur", "sc"), "nplurals=2; plural=(n != 1);"),
    **dict.fromkeys(("fr", "pt_BR", "oc", "br", "fil", "tl", "ln", "ti", "am", "wa"), "nplurals=2; plural=(n > 1);"),
    **dict.fromkeys(("ru", "uk", "be", "sr", "hr", "bs"),
                    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    **dict.fromkeys(("cs", "sk"), "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "ga": "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n>=3 && n<=6 ? 2 : n>=7 && n<=10 ? 3 : 4);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "is": "nplurals=2; plural=(n%10 != 1 || n%100 == 11);",
    "mk": "nplurals=2; plural=(n%10 != 1 || n%100 == 11);",
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
    "mt": "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>1 && n%100<11) ? 1 : (n%100>10 && n%100<20 ) ? 2 : 3);",
}
LANGUAGE_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
                  "pl": "Polish", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "cs": "Czech", "ro": "Romanian"}


@dataclass
class MergeStats:
    """How one catalog changed: messages kept as they were, revived, made fuzzy, new, obsoleted, dropped."""

    kept: int = 0
    revived: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    dropped: int = 0

    def __str__(self) -> str:
        parts = [f"{getattr(self, name)} {name}" for name in ("new", "fuzzy", "revived", "obsolete", "dropped")
                 if getattr(self, name)]
        return ", ".join(parts) or "no change in messages"


@dataclass
class UpdateResult:
    """One catalog after `update`: where, which language, what changed, and whether the file was
    written (with `write=False`: whether it would be)."""

    path: Path
    language: str
    stats: MergeStats
    created: bool = False
    written: bool = False
    seconds: float = 0.0


def plural_forms(language: str) -> str:
    """The Plural-Forms header of a new catalog in `language`; an unknown language is an input error."""
    for code in (language, base_language(language)):
        if code in PLURAL_FORMS:
            return PLURAL_FORMS[code]
    raise InputError(None, None, f"no plural rule known for language '{language}': create its catalog with a "
                                 "Plural-Forms header (msginit does) and run update again")


def new_catalog(template: Catalog, path: Path, language: str, domain: str) -> Catalog:
    """An empty catalog for `language` at `path` with a header msgfmt accepts: Language, Plural-Forms, charset UTF-8."""
    fields = template.header
    values = {
        "Project-Id-Version": fields.get("Project-Id-Version", domain),
        "Report-Msgid-Bugs-To": fields.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": fields.get("POT-Creation-Date", po_date()),
        "PO-Revision-Date": po_date(),
        "Last-Translator": "Automatically generated",
        "Language-Team": "none",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(language),
    }
    name = LANGUAGE_NAMES.get(base_language(language) or "", language)
    comments = (f"{name} translations for {domain}.",
                "This file is distributed under the same license as the content it translates.")
    header = Entry("", ("".join(f"{k}: {v}\n" for k, v in values.items()),), translator_comments=comments)
    return Catalog.create(path, header)


# ------------------------------------------------------------------ fuzzy matching


def _trigrams(text: str) -> set[str]:
    text = f"  {text.lower()} "
    return {text[i:i + 3] for i in range(len(text) - 2)}


class FuzzyIndex:
    """Old translated messages indexed by character trigrams, so a new text is compared with a few, not all.

    msgmerge indexes the same way (msgl-fsearch.c); the similarity itself is
    difflib's ratio, 2*matches/(len(a)+len(b)), as gettext's fstrcmp.
    """

    def __init__(self, messages: list[Entry]) -> None:
        self.messages = messages
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.sizes = []
        for index, message in enumerate(messages):
            grams = _trigrams(message.msgid)
            self.sizes.append(len(grams))
            for gram in grams:
                self.postings[gram].append(index)

    def best(self, msgid: str, msgctxt: str | None, plural: bool = False) -> Entry | None:
        """The most similar old message of the same shape (similarity >= FUZZY_THRESHOLD), preferring the same msgctxt.

        Only a plural message can seed a plural one and a singular one a singular one:
        anything else would drop plural forms a translator wrote.
        """
        grams = _trigrams(msgid)
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self.postings.get(gram, ()))
        ranked = heapq.nsmallest(FUZZY_CANDIDATES, shared, key=lambda i: (-2 * shared[i] / (len(grams) + self.sizes[i]), i))
        best, best_score = None, FUZZY_THRESHOLD
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(msgid)  # difflib indexes the second sequence once for every candidate
        for index in ranked:
            candidate = self.messages[index]
            if (candidate.msgid_plural is not None) != plural:
                continue
            penalty = 1.0 if candidate.msgctxt == msgctxt else 0.99
            matcher.set_seq1(candidate.msgid)
            if matcher.real_quick_ratio() * penalty < best_score or matcher.quick_ratio() * penalty < best_score:
                continue
            score = matcher.ratio() * penalty
            if score >= best_score and (best is None or score > best_score):
                best, best_score = candidate, score
        return best


# ------------------------------------------------------------------ merging


def _forms_for(template: Entry, old: Entry, nplurals: int) -> tuple[tuple[str, ...], bool]:
    """The old translation shaped for the template message, and whether the shape changed (then fuzzy)."""
    if template.msgid_plural is not None:
        if old.msgid_plural is not None:
            return old.msgstr, False
        return (old.msgstr[0],) + ("",) * (nplurals - 1), True
    if old.msgid_plural is not None:
        return (old.msgstr[0],), True
    return old.msgstr, False


def _carry(template: Entry, old: Entry, nplurals: int, fuzzy_match: bool) -> Entry:
    """The template message with the old message's translation, comments and fuzzy state."""
    forms, reshaped = _forms_for(template, old, nplurals)
    fuzzy = fuzzy_match or reshaped or old.fuzzy
    if fuzzy_match:
        previous = (old.msgctxt, old.msgid, old.msgid_plural)
    elif old.fuzzy or not old.msgstr[0]:  # still to review (gettext hides `fuzzy` when msgstr[0] is empty)
        previous = (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
    else:
        previous = (None, None, None)
    flags = tuple(f for f in template.flags if f != "fuzzy")
    return template._replace(
        msgstr=forms, translator_comments=old.translator_comments, flags=("fuzzy",) + flags if fuzzy else flags,
        previous_msgctxt=previous[0], previous_msgid=previous[1], previous_msgid_plural=previous[2], obsolete=False,
    )


def _fresh(template: Entry, nplurals: int) -> Entry:
    forms = ("",) * nplurals if template.msgid_plural is not None else ("",)
    return template._replace(msgstr=forms, flags=tuple(f for f in template.flags if f != "fuzzy"),
                             translator_comments=(), previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)


def in_file_order(catalog: Catalog) -> list[Entry]:
    """Active and obsolete entries in the order the file has them (obsolete ones may come anywhere)."""
    return sorted(catalog.entries + catalog.obsolete, key=lambda entry: entry.line)


def merge(template: Catalog, catalog: Catalog) -> tuple[Catalog, MergeStats]:
    """`catalog` brought up to date with `template` (msgmerge semantics, see the module docstring)."""
    stats = MergeStats()
    nplurals = 2 if catalog.nplurals is None else catalog.nplurals
    messages = in_file_order(catalog)
    active: dict[tuple, Entry] = {}
    obsolete: dict[tuple, Entry] = {}
    for message in messages:
        (obsolete if message.obsolete else active).setdefault(message.key, message)
    # msgmerge's candidates: a first form to start from (a fuzzy entry with an empty msgstr[0] reads as
    # untranslated, and gettext drops its fuzzy flag: the old text would hide there, unflagged).
    index = FuzzyIndex([m for m in messages if m.msgstr and m.msgstr[0] and m.msgid])
    used: set[int] = set()
    merged: list[Entry] = []
    for entry in template.entries:
        if not entry.msgid:
            continue
        old = active.get(entry.key) or obsolete.get(entry.key)
        if old is not None:
            used.add(id(old))
            merged.append(_carry(entry, old, nplurals, fuzzy_match=False))
            if old.obsolete:
                stats.revived += 1
            else:
                stats.kept += 1
            continue
        near = index.best(entry.msgid, entry.msgctxt, entry.msgid_plural is not None)
        if near is not None:
            used.add(id(near))
            merged.append(_carry(entry, near, nplurals, fuzzy_match=True))
            stats.fuzzy += 1
        else:
            merged.append(_fresh(entry, nplurals))
            stats.new += 1
    gone: list[Entry] = []
    for message in messages:
        if id(message) in used or not message.msgid:
            continue
        if any(message.msgstr):  # a translator's work: kept as `#~`
            if not message.obsolete:
                stats.obsolete += 1
            gone.append(message._replace(obsolete=True, references=(), extracted_comments=()))
        else:
            stats.dropped += 1
    result = replace(catalog, entries=tuple(merged), obsolete=tuple(gone))
    created = template.header.get("POT-Creation-Date")
    if created and result.header.get("POT-Creation-Date") != created:
        result = result.with_header_field("POT-Creation-Date", created)  # msgmerge does the same
    return result, stats


def check_duplicates(catalog: Catalog, path: Path) -> None:
    """A catalog defining a message twice is rejected (msgfmt does too): merging it would hide one translation."""
    seen: set[tuple] = set()
    for message in in_file_order(catalog):
        key = (message.obsolete, message.key)
        if key in seen:
            raise InputError(path, message.line or None, f"duplicate message definition for {message.msgid[:60]!r}")
        seen.add(key)


# ------------------------------------------------------------------ files


@contextmanager
def catalogs_lock(folder: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive flock on `folder/.i18n-check.lock`: concurrent updates run one after the other."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks to take
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError(folder / LOCK_NAME, None, f"another update holds the lock (waited {timeout:.0f} s)") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def find_template(catalogs: Path, configured: str | Path | None = None) -> Path:
    """The template to merge: the configured one, else the single `*.pot` in the catalogs folder."""
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise InputError(path, None, "template not found (run `i18n-check extract` first)")
        return path
    found = sorted(catalogs.glob("*.pot")) if catalogs.is_dir() else []
    if len(found) != 1:
        what = "no template (*.pot)" if not found else f"{len(found)} templates ({', '.join(p.name for p in found)})"
        raise InputError(catalogs, None, f"{what} in the catalogs folder; name one with --template")
    return found[0]


def find_languages(catalogs: Path, configured: tuple[str, ...] = ()) -> list[str]:
    """Languages to update: every language folder of `catalogs`, plus the configured ones, sorted."""
    found = {p.name for p in catalogs.iterdir() if p.is_dir() and LANG_FROM_PATH.match(p.name)} if catalogs.is_dir() else set()
    return sorted(found | set(configured))


def update(template: str | Path, catalogs: str | Path, languages: list[str] | None = None, write: bool = True) -> list[UpdateResult]:
    """Merge `template` into `catalogs/<lang>/<domain>.po` for every language, creating missing catalogs.

    `write=False` writes nothing (no lock file either) and says what would change: `update --check`.
    """
    template, catalogs = Path(template), Path(catalogs)
    domain = template.stem
    source = load_utf8(template)
    languages = languages or find_languages(catalogs)
    if not languages:
        raise InputError(catalogs, None, "no language to update: add a language folder (catalogs/fr/) or use --lang")
    results = []
    with catalogs_lock(catalogs) if write else nullcontext():
        for language in languages:
            started = time.perf_counter()
            path = catalogs / language / f"{domain}.po"
            created = not path.exists()
            old = new_catalog(source, path, language, domain) if created else load_utf8(path)
            check_duplicates(old, path)
            merged, stats = merge(source, old)
            text = render_catalog(merged)
            written = created or path.read_text(encoding="utf-8") != text
            if written and write:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, text)
            results.append(UpdateResult(path, language, stats, created, written, time.perf_counter() - started))
    return results
