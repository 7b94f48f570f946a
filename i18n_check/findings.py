"""Findings as plain data: one Finding is one object of the JSON report (CONTRACT §5)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"


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


@dataclass(frozen=True, slots=True)
class CatalogStats:
    """What the summary needs from one checked catalog."""

    path: str
    language: str | None
    messages: int
    translated: int
    fuzzy: int
    untranslated: int


@dataclass
class Report:
    """The outcome of one `check`: what was read, what was found, what blocks."""

    catalogs: list[CatalogStats]
    findings: list[Finding]
    glossary: str | None = None
    fail_on: frozenset[str] = frozenset()
    rules: frozenset[str] = frozenset()   # the rules that ran
    baselined: int = 0          # findings hidden because the baseline knows them
    fixed: int = 0              # baseline entries no longer found
    mentions: list[Mention] = field(default_factory=list)  # forbidden terms mentioned, not used (rule 12)
    ignored: list[Ignored] = field(default_factory=list)    # findings silenced by ignore comments
    since: Any = None           # since.Since: the comparison with a git revision (check --since)
    history: Any = None         # history.History: compliance over the last commits (report --history)
    impact: Any = None          # impact.Impact: what a glossary change does (report --impact)
    pages: dict = field(default_factory=dict)  # `#:` reference -> pages.PageLocation, for the HTML report
    extra: dict = field(default_factory=dict)  # room for reporters' extras (term usage...)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def exit_code(self) -> int:
        return 1 if any(f.blocking for f in self.findings) else 0

    def summary(self) -> dict:
        by_rule = Counter(f.rule for f in self.findings)
        return {
            "catalogs": len(self.catalogs),
            "messages": sum(c.messages for c in self.catalogs),
            "translated": sum(c.translated for c in self.catalogs),
            "findings": len(self.findings),
            "blocking": sum(1 for f in self.findings if f.blocking),
            "by_rule": dict(sorted(by_rule.items())),
        }

    def languages(self) -> dict[str, dict]:
        """Per-language summary: messages, translated, findings by rule."""
        out: dict[str, dict] = {}
        for c in self.catalogs:
            lang = out.setdefault(c.language or "?", {"catalogs": 0, "messages": 0, "translated": 0, "fuzzy": 0, "by_rule": Counter()})
            lang["catalogs"] += 1
            lang["messages"] += c.messages
            lang["translated"] += c.translated
            lang["fuzzy"] += c.fuzzy
        for f in self.findings:
            lang = out.setdefault(f.language or "?", {"catalogs": 0, "messages": 0, "translated": 0, "fuzzy": 0, "by_rule": Counter()})
            lang["by_rule"][f.rule] += 1
        for lang in out.values():
            lang["by_rule"] = dict(sorted(lang["by_rule"].items()))
        return dict(sorted(out.items()))
