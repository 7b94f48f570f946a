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
import os
import re
import stat
import time
from collections import Counter, defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterator

from .catalog import Catalog, Entry
from .catalog.write import escape, load_utf8, render_catalog
from .errors import InputError, file_type
from .extract import po_date
from .languages import base_language, check_language, is_language_code
from .outputs import CATALOG, open_output
from .walk import entries_of, is_folder

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
    """The old translation shaped for the template message, and whether the shape changed (then fuzzy).

    A plural message become singular keeps its first form, the others go to a translator comment
    (`keep_plural_forms`); a singular message become plural takes them back from there.
    """
    if template.msgid_plural is not None:
        if old.msgid_plural is not None:
            return old.msgstr, False
        others = kept_plural_forms(old.translator_comments)[1][1:]
        return (old.msgstr[0],) + others + ("",) * (nplurals - 1 - len(others)), True
    if old.msgid_plural is not None:
        return (old.msgstr[0],), True
    return old.msgstr, False


# A plural message that becomes singular keeps its plural forms (CONTRACT §2, `update`: never
# dropped; msgmerge drops all but msgstr[0]) in translator comments: msgfmt --check accepts any
# comment, translators' editors show them, msgmerge and update carry them with the message, and
# the PO string syntax inside keeps every character. An obsolete copy of the plural entry would
# not do: msgfmt refuses an obsolete entry with the msgctxt and msgid of an active one
# ("duplicate message definition"). docs/content-pipeline.md shows the result.
KEPT_PLURAL_MARK = "i18n-check: plural forms kept when this message became singular:"
KEPT_LINE = re.compile(r'(msgid_plural|msgstr\[(\d+)\]) "((?:[^"\\]|\\.)*)"\Z')
UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}


def keep_plural_forms(comments: tuple[str, ...], old: Entry) -> tuple[str, ...]:
    """Translator `comments` plus the plural message `old`'s msgid_plural and forms, in PO syntax."""
    kept = [KEPT_PLURAL_MARK, f'msgid_plural "{escape(old.msgid_plural or "")}"']
    kept += [f'msgstr[{index}] "{escape(form)}"' for index, form in enumerate(old.msgstr)]
    return drop_kept_plural_forms(comments) + tuple(kept)


def kept_plural_forms(comments: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """(msgid_plural, forms) that `keep_plural_forms` left in translator `comments`; (None, ()) when none."""
    if KEPT_PLURAL_MARK not in comments:
        return None, ()
    plural, forms = None, []
    for line in comments[comments.index(KEPT_PLURAL_MARK) + 1:]:
        match = KEPT_LINE.match(line)
        if match is None:
            break
        text = re.sub(r"\\(.)", lambda m: UNESCAPES.get(m.group(1), m.group(1)), match.group(3))
        if match.group(2) is None:
            plural = text
        elif int(match.group(2)) == len(forms):
            forms.append(text)
    return plural, tuple(forms)


def drop_kept_plural_forms(comments: tuple[str, ...]) -> tuple[str, ...]:
    """Translator `comments` without the lines `keep_plural_forms` added."""
    if KEPT_PLURAL_MARK not in comments:
        return comments
    start = comments.index(KEPT_PLURAL_MARK)
    end = start + 1
    while end < len(comments) and KEPT_LINE.match(comments[end]):
        end += 1
    return comments[:start] + comments[end:]


def _carry(template: Entry, old: Entry, nplurals: int, fuzzy_match: bool) -> Entry:
    """The template message with the old message's translation, comments and fuzzy state."""
    forms, reshaped = _forms_for(template, old, nplurals)
    fuzzy = fuzzy_match or reshaped or old.fuzzy
    if fuzzy_match or (reshaped and not (old.fuzzy and old.previous_msgid is not None)):
        previous = (old.msgctxt, old.msgid, old.msgid_plural)  # what the translation was written for, as msgmerge
    elif old.fuzzy or not old.msgstr[0]:  # still to review (gettext hides `fuzzy` when msgstr[0] is empty)
        previous = (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
    else:
        previous = (None, None, None)
    comments = old.translator_comments
    if reshaped:
        comments = keep_plural_forms(comments, old) if old.msgid_plural is not None and any(old.msgstr) \
            else drop_kept_plural_forms(comments)
    flags = tuple(f for f in template.flags if f != "fuzzy")
    return template._replace(
        msgstr=forms, translator_comments=comments, flags=("fuzzy",) + flags if fuzzy else flags,
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
    nplurals = plural_count(catalog) if any(e.msgid_plural is not None for e in template.entries) else 1
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
    for entry in template.entries:  # `msgctxt "menu"` + `msgid ""` is a message too: only the header is not
        old = active.get(entry.key) or obsolete.get(entry.key)
        if old is not None:
            used.add(id(old))
            merged.append(_carry(entry, old, nplurals, fuzzy_match=False))
            if old.obsolete:
                stats.revived += 1
            elif (old.msgid_plural is None) != (entry.msgid_plural is None):
                stats.fuzzy += 1  # plural become singular or the reverse: to review
            else:
                stats.kept += 1
            continue
        near = index.best(entry.msgid, entry.msgctxt, entry.msgid_plural is not None) if entry.msgid else None
        if near is not None:
            used.add(id(near))
            merged.append(_carry(entry, near, nplurals, fuzzy_match=True))
            stats.fuzzy += 1
        else:
            merged.append(_fresh(entry, nplurals))
            stats.new += 1
    gone: list[Entry] = []
    for message in messages:
        if id(message) in used:
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


def plural_count(catalog: Catalog) -> int:
    """The plural forms a plural message of `catalog` gets: its header's nplurals (2, gettext's
    default, when the header declares none).

    InputError at the header when msgfmt --check refuses its Plural-Forms (`nplurals=0`,
    `plural=n/0`, a value out of range...) or nplurals is above 100 (msgfmt's own bound for a
    sensible value): no number of forms is right then, and msgmerge would write millions of
    empty forms or run out of memory.
    """
    plural_forms = catalog.plural_forms
    count = plural_forms.usable_nplurals
    if count is None:
        reason = plural_forms.problem or f"nplurals = {plural_forms.nplurals} is more than 100 plural forms"
        raise InputError(catalog.path, catalog.header_line,
                         f"Plural-Forms header: {reason}; fix the header (the gettext manual's \"Plural forms\" lists each language's)")
    return count


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
    lock = folder / LOCK_NAME
    try:
        # O_NONBLOCK: a FIFO there would block open() until a reader came; O_NOFOLLOW: a link is no lock of ours.
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        try:
            what = "a symbolic link" if lock.is_symlink() else file_type(lock.stat().st_mode)
        except OSError:
            what = None
        reason = f"is {what}, not a lock file: remove it" if what else f"cannot open the lock file: {exc.strerror or exc}"
        raise InputError(lock, None, reason) from None
    with os.fdopen(fd, "w") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(lock, None, f"is {file_type(mode)}, not a lock file: remove it")
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
        if not path.exists():  # a folder or a device is named for what it is by the reader
            raise InputError(path, None, "template not found (run `i18n-check extract` first)")
        return path
    found = [Path(e.path) for e in entries_of(catalogs) if e.name.endswith(".pot")] if catalogs.is_dir() else []
    if len(found) != 1:
        what = "no template (*.pot)" if not found else f"{len(found)} templates ({', '.join(p.name for p in found)})"
        raise InputError(catalogs, None, f"{what} in the catalogs folder; name one with --template")
    return found[0]


def find_languages(catalogs: Path, configured: tuple[str, ...] = ()) -> list[str]:
    """Languages to update: every language folder of `catalogs`, plus the configured ones, sorted."""
    found = {e.name for e in entries_of(catalogs) if is_language_code(e.name) and is_folder(e)} if catalogs.is_dir() else set()
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
    for language in languages:  # a folder name: nothing but a language code may reach the path
        check_language(language, catalogs, None, "language")
    results = []
    with catalogs_lock(catalogs) if write else nullcontext():
        # Every catalog's output is settled before the first is written: a link is written through;
        # a catalog that is the template, a FIFO or read-only is refused. `--check` reads them only.
        paths = [catalogs / language / f"{domain}.po" for language in languages]
        outputs = [open_output(path, CATALOG, [template]) if write else None for path in paths]
        for language, path, output in zip(languages, paths, outputs):
            started = time.perf_counter()
            file = output.target if output is not None else path
            created = not file.exists()
            old = new_catalog(source, path, language, domain) if created else load_utf8(file)
            check_duplicates(old, path)
            merged, stats = merge(source, old)
            text = render_catalog(merged)
            written = created or file.read_text(encoding="utf-8") != text
            if written and write:
                file.parent.mkdir(parents=True, exist_ok=True)
                output.write(text)
            results.append(UpdateResult(path, language, stats, created, written, time.perf_counter() - started))
    return results
