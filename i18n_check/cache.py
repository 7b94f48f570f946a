"""The result cache: each message's entry-rule findings, kept by what the message says, so that a
re-check runs the rules only on messages that changed (issue 7, target 4).

A cache file holds one catalog's results under a key made of everything besides the message that
a result depends on: this build of i18n-check (its version and the hash of its source code), the
libraries whose behaviour the rules inherit, the selected rules in order, the glossary's content,
the catalog's language and the catalog-wide facts rules read (the Plural-Forms header and
msgfmt's plural distribution). Within it, a message is found by the hash of every field of its
entry except its line and `#:` references: moving a message or its source code costs nothing,
changing a word reruns its rules. Ignore comments are translator comments, so they are part of
the message's hash and the cached findings are those left after them.

Findings are stored without their catalog, language, severity and blocking (check.py settles
those) and with their line relative to the entry's, so that a cached finding is re-located to
where the message is now. Files are marshal data (plain values, never code: marshal is not
pickle), written atomically, behind a magic line and a checksum; a file that is truncated,
corrupt, foreign or made by another build is ignored and rewritten, never an error. Deleting the
folder is always safe.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from importlib import metadata
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Mapping

from .atomic import write_atomic
from .catalog import Catalog, Entry
from .findings import Finding, Mention

FORMAT = 2
MAGIC = b"i18n-check result cache %d\n" % FORMAT
MARSHAL_VERSION = 2  # versions >= 3 write back-references that depend on object identity, not content
CHECKSUM = 16        # bytes of blake2b over the payload
DEFAULT_DIR = ".i18n-check-cache"

# Every field a rule may read. `line` is not content, and `#:` references change whenever the
# source code moves; no rule reads either (a rule that does must be added here).
_content = itemgetter(*(i for i, name in enumerate(Entry._fields) if name not in ("line", "references")))

# A stored finding: the Finding's fields but catalog, language, severity and blocking, with the
# line as an offset from the entry's line, and msgid (msgstr) None when it is the entry's msgid
# (first msgstr): nearly always, and the findings then share the catalog's strings, not copies.
Row = tuple  # (rule, line_offset, msgid, msgstr, message, msgctxt, concept, term, expected)
# A stored mention (rule 12) in the same rows: (None, line_offset, msgstr, concept, term, reason,
# evidence, start, end), msgstr None when it is the entry's first msgstr.


def entry_digest(entry: Entry) -> bytes:
    """The hash of what the rules read of `entry` (16 bytes)."""
    return hashlib.blake2b(marshal.dumps(_content(entry), MARSHAL_VERSION), digest_size=16).digest()


@lru_cache(maxsize=1)
def build_fingerprint() -> str:
    """This build of i18n-check and of what its rules inherit: a hash that changes with any source line.

    The version alone would not do: a development build changes its rules without a new version.
    """
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in ("i18n-check", "translate-toolkit", "PyStemmer"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=none\0".encode())
    digest.update(sys.version.encode())  # unicodedata, re and str methods follow the interpreter
    return digest.hexdigest()


def glossary_fingerprint(glossary) -> str | None:
    """The hash of the glossary as the rules see it (its concepts, terms and citations), or None without one."""
    if glossary is None:
        return None
    described = repr((type(glossary).__name__, glossary.source, glossary.languages, glossary.concepts,
                      sorted(glossary.citations.items())))
    return hashlib.blake2b(described.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def catalog_key(catalog: Catalog, rule_ids: Iterable[str], glossary_hash: str | None) -> bytes:
    """Everything besides the message itself that one of its findings depends on."""
    from .rules.placeholders import often_forms  # reads the whole catalog: a plural entry elsewhere changes it

    facts = (build_fingerprint(), tuple(rule_ids), glossary_hash, catalog.language,
             catalog.header.get("Plural-Forms"), repr(often_forms(catalog)))
    return hashlib.blake2b(marshal.dumps(facts, MARSHAL_VERSION), digest_size=16).digest()


def to_rows(findings: Iterable[Finding], entry: Entry, mentions: Iterable[Mention] = ()) -> tuple[Row, ...]:
    """`findings` and `mentions` of `entry` as rows to store or send between processes."""
    first = entry.msgstr[0] if entry.msgstr else None
    rows = tuple((f.rule, f.line - entry.line, None if f.msgid == entry.msgid else f.msgid,
                  None if f.msgstr == first else f.msgstr, f.message, f.msgctxt, f.concept, f.term, f.expected)
                 for f in findings)
    if mentions:
        rows += tuple((None, m.line - entry.line, None if m.msgstr == first else m.msgstr, m.concept, m.term, m.reason,
                       m.evidence, *(m.span or (None, None))) for m in mentions)
    return rows


def from_rows(rows: Iterable[Row], entry: Entry, catalog_name: str, language: str | None,
              settled: Mapping[str, tuple[str, bool]]) -> list[Finding]:
    """The findings that `rows` stand for, located at `entry` in the named catalog, with the
    severity and blocking that `settled` gives each rule."""
    return [Finding(rule=rule, severity=settled[rule][0], catalog=catalog_name, language=language, line=entry.line + offset,
                    msgid=entry.msgid if msgid is None else msgid,
                    msgstr=entry.msgstr[0] if msgstr is None else msgstr, message=message, msgctxt=msgctxt,
                    concept=concept, term=term, expected=expected, blocking=settled[rule][1])
            for rule, offset, msgid, msgstr, message, msgctxt, concept, term, expected in rows if rule is not None]


def mentions_from_rows(rows: Iterable[Row], entry: Entry, catalog_name: str, language: str | None) -> list[Mention]:
    """The mentions (rule 12) among `rows`, located at `entry` in the named catalog."""
    return [Mention(catalog=catalog_name, language=language, line=entry.line + offset, msgctxt=entry.msgctxt,
                    msgid=entry.msgid, msgstr=entry.msgstr[0] if msgstr is None else msgstr, concept=concept, term=term,
                    reason=reason, evidence=evidence, span=None if start is None else (start, end))
            for marker, offset, msgstr, concept, term, reason, evidence, start, end in rows if marker is None]


def cache_file(folder: Path, catalog: Catalog) -> Path:
    """Where the results of `catalog` are kept: one file per catalog, named by its absolute path."""
    where = os.path.abspath(catalog.path).encode("utf-8", "surrogateescape")
    return folder / f"{catalog.path.name[:40]}-{hashlib.blake2b(where, digest_size=8).hexdigest()}.marshal"


class ResultCache:
    """One catalog's cached results: look up by entry, record new results, save once at the end."""

    def __init__(self, folder: str | Path, catalog: Catalog, key: bytes):
        self.path = cache_file(Path(folder), catalog)
        self.key = key
        self.old = read_results(self.path, key)
        self.new: dict[bytes, tuple[Row, ...]] = {}
        self.changed = False

    def get(self, entry: Entry) -> tuple[bytes, tuple[Row, ...] | None]:
        """The entry's digest and its cached rows (None: not cached); a hit is kept for the next save."""
        digest = entry_digest(entry)
        rows = self.old.get(digest)
        if rows is not None:
            self.new[digest] = rows
        return digest, rows

    def put(self, digest: bytes, rows: tuple[Row, ...]) -> None:
        self.new[digest] = rows
        self.changed = True

    def save(self) -> None:
        """Write what this run found, only messages still in the catalog; nothing when nothing changed.

        A folder that cannot be written only costs the next run its speed: the check's result
        never depends on the cache.
        """
        if not self.changed and len(self.new) == len(self.old):
            return
        payload = marshal.dumps({"key": self.key, "results": self.new}, MARSHAL_VERSION)
        try:
            make_folder(self.path.parent)
            write_atomic(self.path, MAGIC + hashlib.blake2b(payload, digest_size=CHECKSUM).digest() + payload)
        except OSError:
            pass


def read_results(path: Path, key: bytes) -> dict[bytes, tuple[Row, ...]]:
    """The results stored at `path` for `key`; empty when the file is missing, unreadable, corrupt,
    foreign or made under another key."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    payload = data[len(MAGIC) + CHECKSUM:]
    if not data.startswith(MAGIC) or data[len(MAGIC):len(MAGIC) + CHECKSUM] != hashlib.blake2b(payload, digest_size=CHECKSUM).digest():
        return {}
    try:
        stored = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("results"), dict):
        return {}
    return stored["results"]  # the checksum vouches for the rows: only this build wrote them under this key


def make_folder(folder: Path) -> None:
    """Create the cache folder, marked as a cache for backup tools and ignored by git (as pytest and ruff do)."""
    if (folder / "CACHEDIR.TAG").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# i18n-check's result cache: safe to delete.\n", encoding="ascii")
    (folder / ".gitignore").write_text("# i18n-check's result cache: safe to delete.\n*\n", encoding="ascii")
