"""Findings as plain data: one Finding is one object of the JSON report (CONTRACT §5); one
Mention a forbidden term mentioned, not used (rule 12)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# What a rule reads (rules/base.py): one entry at a time, one catalog at a time, or every catalog at once.
ENTRY, CATALOG, PROJECT = "entry", "catalog", "project"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one catalog entry; `blocking` is decided by check.py, never by a rule."""

    rule: str
    severity: str
    catalog: str
    language: str | None
    line: int
    msgid: str
    msgstr: str
    message: str
    msgctxt: str | None = None
    concept: str | None = None
    term: str | None = None
    expected: tuple[str, ...] | None = None
    blocking: bool = False
    references: tuple[str, ...] = ()  # the entry's `#:` source references: the pages it stands on

    @property
    def fingerprint(self) -> str:
        """The finding's stable identity (baselines, SARIF's partialFingerprints): rule, catalog,
        msgctxt, msgid and concept, never its line or wording, so that editing other entries does
        not change it. The matched `term` is left out on purpose: a translator who inflects a
        forbidden word (rescapée -> rescapées) has not fixed the finding, nor made a new one."""
        key = "\x1f".join((self.rule, self.catalog, "\x04" if self.msgctxt is None else self.msgctxt, self.msgid,
                           self.concept or ""))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]

    def as_dict(self) -> dict:
        # Every field is immutable: no need for dataclasses.asdict's deep copy, which cost a
        # 100k-message re-check 0.4 s of its 3 s.
        data = {k: getattr(self, k) for k in FIELD_ORDER}
        if data["expected"] is not None:
            data["expected"] = list(data["expected"])
        if self.references:  # CONTRACT §5: a finding "may also carry" them
            data["references"] = list(self.references)
        return data


FIELD_ORDER = (
    "rule", "severity", "blocking", "catalog", "language", "line", "msgctxt",
    "msgid", "msgstr", "concept", "term", "expected", "message",
)


# Why a forbidden term is mentioned, not used (CONTRACT §3 rule 12).
CITATION = "citation"              # it lies inside a citation of its language
SOURCE_MENTION = "source-mention"  # the entry's source holds the concept's rejected source wording


@dataclass(frozen=True, slots=True)
class Mention:
    """A forbidden term mentioned, not used (CONTRACT §3 rule 12): never a finding, always
    listed (`mentions` in the JSON report, the editors' report) so that editors see it."""

    catalog: str
    language: str | None
    line: int                  # the line of the entry's msgid
    msgctxt: str | None
    msgid: str
    msgstr: str                # the translation (form) holding the term
    concept: str
    term: str                  # the text matched
    reason: str                # CITATION or SOURCE_MENTION
    evidence: str              # the citation it lies in, or the source's rejected wording
    span: tuple[int, int] | None = None  # where `msgstr` holds the term
    references: tuple[str, ...] = ()     # the entry's `#:` source references

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in MENTION_FIELDS}
        if self.references:
            data["references"] = list(self.references)
        return data


MENTION_FIELDS = ("catalog", "language", "line", "msgctxt", "msgid", "msgstr", "concept", "term", "reason", "evidence")


@dataclass(frozen=True, slots=True)
class Ignored:
    """A finding a translator's ignore comment silences (CONTRACT §4): neither reported nor
    blocking, always listed (`ignored` in the JSON report, the editors' report, `check
    --show-ignored`), so that editors see what translators opted out of."""

    finding: Finding
    comment: str               # the translator comment that silences it, as written

    def as_dict(self) -> dict:
        return {**self.finding.as_dict(), "comment": self.comment}
