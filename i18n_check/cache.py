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
pickle), written atomically, behind a magic line and a MAC.

The cache folder lies in the project, where anyone who can write a file could plant one (a
contributor's branch, an unpacked archive), and a planted file must not change a report. So a
file is sealed with a keyed BLAKE2b MAC whose key is a per-user secret kept outside every
project (`secret_file`, created on first use, readable by its owner only): what the key does not
vouch for was not written by this user's i18n-check, and is a miss. A file that is not a regular
file (a link to /dev/zero, a FIFO), larger than MAX_FILE_BYTES, truncated, corrupt, foreign, made
by another build, or holding rows of the wrong shape is a miss too, never an error nor a hang;
without a secret (no writable home) there is no cache, only slower runs. Deleting the folder, or
the secret, is always safe.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import secrets
import stat
import sys
from functools import lru_cache
from importlib import metadata
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Mapping

from .atomic import write_atomic
from .catalog import Catalog, Entry
from .findings import Finding, Ignored, Mention
from .settings import user_cache_folder

FORMAT = 4  # 4: silenced findings in the rows (3: sealed with a keyed MAC; 2: mentions in the rows; 1: findings only)
MAGIC = b"i18n-check result cache %d\n" % FORMAT
MARSHAL_VERSION = 2  # versions >= 3 write back-references that depend on object identity, not content
CHECKSUM = 16        # bytes of the MAC (keyed blake2b) over the payload
SECRET_BYTES = 32    # the MAC's key (blake2b takes up to 64)
MAX_FILE_BYTES = 1 << 30  # far above a million-message catalog's results; a bigger "cache file" is not ours

# Every field a rule may read. `line` is not content, and `#:` references change whenever the
# source code moves; no rule reads either (a rule that does must be added here).
_content = itemgetter(*(i for i, name in enumerate(Entry._fields) if name not in ("line", "references")))

# A stored finding: the Finding's fields but catalog, language, severity and blocking, with the
# line as an offset from the entry's line, and msgid (msgstr) None when it is the entry's msgid
# (first msgstr): nearly always, and the findings then share the catalog's strings, not copies.
Row = tuple  # (rule, line_offset, msgid, msgstr, message, msgctxt, concept, term, expected)
# A stored mention (rule 12) in the same rows: (None, line_offset, msgstr, concept, term, reason,
# evidence, start, end), msgstr None when it is the entry's first msgstr. A finding an ignore
# comment silences is a finding's row whose rule is (rule, the comment).
NONE = type(None)
ROW_TYPES = (str, int, (str, NONE), (str, NONE), str, (str, NONE), (str, NONE), (str, NONE), (tuple, NONE))
MENTION_TYPES = (NONE, int, (str, NONE), str, str, str, str, (int, NONE), (int, NONE))


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
    """Everything besides the message itself that one of its findings depends on (the placeholder
    rule reads the whole catalog's plural forms: a plural entry elsewhere changes them)."""
    facts = (build_fingerprint(), tuple(rule_ids), glossary_hash, catalog.language,
             catalog.header.get("Plural-Forms"), repr(catalog.often_forms))
    return hashlib.blake2b(marshal.dumps(facts, MARSHAL_VERSION), digest_size=16).digest()


def to_rows(findings: Iterable[Finding], entry: Entry, listed: Iterable[Mention | Ignored] = ()) -> tuple[Row, ...]:
    """`findings` of `entry`, and what is `listed` beside them (mentions, silenced findings), as
    rows to store or send between processes."""
    first = entry.msgstr[0] if entry.msgstr else None

    def row(f: Finding, rule) -> Row:
        return (rule, f.line - entry.line, None if f.msgid == entry.msgid else f.msgid,
                None if f.msgstr == first else f.msgstr, f.message, f.msgctxt, f.concept, f.term, f.expected)

    rows = tuple(row(f, f.rule) for f in findings)
    for m in listed:
        if m.__class__ is Ignored:
            rows += (row(m.finding, (m.finding.rule, m.comment)),)
        else:
            rows += ((None, m.line - entry.line, None if m.msgstr == first else m.msgstr, m.concept, m.term, m.reason,
                      m.evidence, *(m.span or (None, None))),)
    return rows


def from_rows(rows: Iterable[Row], entry: Entry, catalog_name: str, language: str | None,
              settled: Mapping[str, tuple[str, bool]]) -> list[Finding]:
    """The findings that `rows` stand for, located at `entry` in the named catalog, with the
    severity and blocking that `settled` gives each rule."""
    return [Finding(rule=rule, severity=settled[rule][0], catalog=catalog_name, language=language, line=entry.line + offset,
                    msgid=entry.msgid if msgid is None else msgid,
                    msgstr=entry.msgstr[0] if msgstr is None else msgstr, message=message, msgctxt=msgctxt,
                    concept=concept, term=term, expected=expected, blocking=settled[rule][1], references=entry.references)
            for rule, offset, msgid, msgstr, message, msgctxt, concept, term, expected in rows if rule.__class__ is str]


def ignored_from_rows(rows: Iterable[Row], entry: Entry, catalog_name: str, language: str | None,
                      settled: Mapping[str, tuple[str, bool]]) -> list[Ignored]:
    """The silenced findings among `rows`, located at `entry`: their rule's severity, never blocking."""
    return [Ignored(Finding(rule=rule, severity=settled[rule][0], catalog=catalog_name, language=language, line=entry.line + offset,
                            msgid=entry.msgid if msgid is None else msgid, msgstr=entry.msgstr[0] if msgstr is None else msgstr,
                            message=message, msgctxt=msgctxt, concept=concept, term=term, expected=expected,
                            references=entry.references), comment)
            for (rule, comment), offset, msgid, msgstr, message, msgctxt, concept, term, expected in
            (row for row in rows if row[0].__class__ is tuple)]


def mentions_from_rows(rows: Iterable[Row], entry: Entry, catalog_name: str, language: str | None) -> list[Mention]:
    """The mentions (rule 12) among `rows`, located at `entry` in the named catalog."""
    return [Mention(catalog=catalog_name, language=language, line=entry.line + offset, msgctxt=entry.msgctxt,
                    msgid=entry.msgid, msgstr=entry.msgstr[0] if msgstr is None else msgstr, concept=concept, term=term,
                    reason=reason, evidence=evidence, span=None if start is None else (start, end), references=entry.references)
            for marker, offset, msgstr, concept, term, reason, evidence, start, end in rows if marker is None]


def secret_file() -> Path | None:
    """Where the cache's key is kept: in the user's cache folder (settings.user_cache_folder),
    outside every project; None when there is no home folder to keep it in."""
    folder = user_cache_folder()
    return None if folder is None else folder / "cache-key"


@lru_cache(maxsize=4)
def cache_secret(path: Path | None) -> bytes | None:
    """The secret at `path`, made on first use (random, owner-only); None when it cannot be read or
    made, or could have been written by someone else (then there is no cache)."""
    if path is None:
        return None
    for _ in range(2):
        secret = _read_secret(path)
        if secret is not None:
            return secret
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(SECRET_BYTES))
            os.link(temporary, path)  # never over a secret another run made meanwhile
        except OSError:
            continue
        finally:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return _read_secret(path)


def _read_secret(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        foreign = hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077)
        if not stat.S_ISREG(info.st_mode) or foreign or info.st_size != SECRET_BYTES:
            return None
        secret = handle.read(SECRET_BYTES + 1)
    return secret if len(secret) == SECRET_BYTES else None


def seal(payload: bytes, secret: bytes) -> bytes:
    """The MAC of `payload` under `secret`: only a holder of the secret can make it."""
    return hashlib.blake2b(payload, digest_size=CHECKSUM, key=secret).digest()


def valid_rows(rows, rule_ids: frozenset[str]) -> bool:
    """True when `rows` is a tuple of rows of the stored shapes: findings of a rule that ran, mentions."""
    return type(rows) is tuple and all(
        type(row) is tuple and len(row) == len(ROW_TYPES) and (
            row[0] is None and all(isinstance(value, kind) for value, kind in zip(row, MENTION_TYPES))
            or (type(row[0]) is str and row[0] in rule_ids or silenced_rule(row[0], rule_ids))
            and all(isinstance(value, kind) for value, kind in zip(row[1:], ROW_TYPES[1:]))
            and (row[8] is None or all(type(term) is str for term in row[8])))
        for row in rows)


def silenced_rule(value, rule_ids: frozenset[str]) -> bool:
    """True when `value` is a silenced finding's (rule, comment) of a rule that ran."""
    return type(value) is tuple and len(value) == 2 and value[0] in rule_ids and type(value[1]) is str


def cache_file(folder: Path, catalog: Catalog) -> Path:
    """Where the results of `catalog` are kept: one file per catalog, named by its absolute path."""
    where = os.path.abspath(catalog.path).encode("utf-8", "surrogateescape")
    return folder / f"{catalog.path.name[:40]}-{hashlib.blake2b(where, digest_size=8).hexdigest()}.marshal"


class ResultCache:
    """One catalog's cached results: look up by entry, record new results, save once at the end.

    `rule_ids`: the rules that run; a stored row of another rule, or of the wrong shape, is a miss."""

    def __init__(self, folder: str | Path, catalog: Catalog, key: bytes, rule_ids: Iterable[str] = ()):
        self.path = cache_file(Path(folder), catalog)
        self.key = key
        self.rule_ids = frozenset(rule_ids)
        self.secret = cache_secret(secret_file())
        self.old = read_results(self.path, key, self.secret) if self.secret else {}
        self.new: dict[bytes, tuple[Row, ...]] = {}
        self.changed = False

    def get(self, entry: Entry) -> tuple[bytes, tuple[Row, ...] | None]:
        """The entry's digest and its cached rows (None: not cached); a hit is kept for the next save."""
        digest = entry_digest(entry)
        rows = self.old.get(digest)
        if rows is not None:
            if not valid_rows(rows, self.rule_ids):
                return digest, None
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
        if self.secret is None or (not self.changed and len(self.new) == len(self.old)):
            return
        write_sealed(self.path, MAGIC, marshal.dumps({"key": self.key, "results": self.new}, MARSHAL_VERSION), self.secret)


def read_results(path: Path, key: bytes, secret: bytes) -> dict[bytes, tuple[Row, ...]]:
    """The results stored at `path` for `key`, sealed with `secret`; empty when the file is missing,
    not a regular file, too big, unreadable, corrupt, foreign, or made under another key or secret."""
    payload = read_sealed(path, MAGIC, secret)
    if payload is None:
        return {}
    try:
        stored = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("results"), dict):
        return {}
    return stored["results"]  # rows are checked as they are used (ResultCache.get)


def read_sealed(path: Path, magic: bytes, secret: bytes) -> bytes | None:
    """The payload of the cache file at `path` (see write_sealed); None when the file is missing,
    not a regular file, too big, unreadable, of another kind (`magic`) or not sealed with `secret`."""
    try:
        # O_NOFOLLOW and O_NONBLOCK: a link (to /dev/zero...) is refused, a FIFO opened without waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            data = handle.read(info.st_size + 1)
    except OSError:
        return None
    payload = data[len(magic) + CHECKSUM:]
    if not data.startswith(magic) or not hmac.compare_digest(data[len(magic):len(magic) + CHECKSUM], seal(payload, secret)):
        return None
    return payload


def write_sealed(path: Path, magic: bytes, payload: bytes, secret: bytes) -> None:
    """Write `payload` to the cache file at `path`, atomically, behind `magic` (the kind of file)
    and its MAC under `secret`. A folder that cannot be written only costs the next run its speed:
    a check's result never depends on the cache."""
    try:
        make_folder(path.parent)
        write_atomic(path, magic + seal(payload, secret) + payload)
    except OSError:
        pass


def make_folder(folder: Path) -> None:
    """Create the cache folder, marked as a cache for backup tools and ignored by git (as pytest and ruff do)."""
    if (folder / "CACHEDIR.TAG").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    # Replaced, never opened for writing: a FIFO planted there would block the run.
    write_atomic(folder / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# i18n-check's result cache: safe to delete.\n")
    write_atomic(folder / ".gitignore", "# i18n-check's result cache: safe to delete.\n*\n")
