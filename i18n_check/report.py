"""The Report: everything a reporter shows, as frozen data (CONTRACT §5).

A reporter reads only the Report: the findings and mentions, what was checked, the rules of the
run with their severity, family and documentation (RuleInfo), and, when they were asked for, the
baseline's counts, the `--explain` explanations, the editors' term usage and drift groups. It
imports neither the rules nor check.py.

To show something new, give the Report a typed field with a default (None, or an empty tuple),
fill it where the data is made (check.py for what every run has, the command's library call for
the rest: `dataclasses.replace(report, field=value)` gives the new Report), and read it in the
reporters that show it. A Report never changes once made: `apply_baseline` and the commands that
add explanations or usage return a new one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from .findings import ERROR, Finding, Ignored, Mention

if TYPE_CHECKING:  # types of fields that layers above make (import-linter leaves these out)
    from .glossary.explain import FindingExplanation
    from .history import History
    from .impact import Impact
    from .pages import PageLocation
    from .since import Since
    from .usage import ConceptUsage


@dataclass(frozen=True, slots=True)
class CatalogStats:
    """What the summary needs from one checked catalog."""

    path: str
    language: str | None
    messages: int
    translated: int
    fuzzy: int
    untranslated: int


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One row of the rule table as reporters show it (SARIF's rule metadata, severities in the
    editors' report), and what the run made of it."""

    id: str
    severity: str
    family: str
    scope: str           # entry, catalog or project (rules/base.py)
    summary: str         # the first line of the rule's documentation
    doc: str             # the rule's documentation
    selected: bool       # the rule ran
    blocking: bool       # its findings block (--fail-on)


@dataclass(frozen=True, slots=True)
class BaselineCounts:
    """What a baseline made of the run: findings left (new), hidden (baselined), and baseline
    entries no longer found among what the run could find (fixed)."""

    new: int
    baselined: int
    fixed: int


@dataclass(frozen=True, slots=True)
class VariantGroup:
    """One message translated more than one way in one language (the `inconsistent` rule's
    analysis): each variant's text and where it is used, most used first."""

    language: str
    msgctxt: str | None
    msgid: str
    variants: tuple[tuple[str, tuple[str, ...]], ...]   # (the translation, its places "catalog:line")


@dataclass(frozen=True)
class Report:
    """The outcome of one `check`: what was read, what was found, what blocks."""

    catalogs: tuple[CatalogStats, ...]
    findings: tuple[Finding, ...]
    glossary: str | None = None                   # the glossary's path as shown; None: no glossary, no terminology rules
    rules: tuple[RuleInfo, ...] = ()              # the rule table, in its order
    mentions: tuple[Mention, ...] = ()            # forbidden terms mentioned, not used (rule 12)
    ignored: tuple[Ignored, ...] = ()             # findings silenced by ignore comments
    baseline: BaselineCounts | None = None        # when a baseline was applied
    explanations: Mapping[Finding, FindingExplanation] | None = None  # check --explain (rule 13)
    usage: tuple[ConceptUsage, ...] | None = None  # the editors' report: term usage per concept (with a glossary)
    variants: tuple[VariantGroup, ...] | None = None  # the editors' report: inconsistent translations (when that rule ran)
    generated: str | None = None                  # when the report was made, as the editors' report shows it
    since: Since | None = None                    # check --since: the comparison with a git revision
    history: History | None = None                # report --history: compliance over the last commits
    impact: Impact | None = None                  # report --impact: what a glossary change does
    pages: Mapping[str, PageLocation] = field(default_factory=dict)  # `#:` reference -> where on its page (HTML report)

    def __post_init__(self) -> None:
        for name in ("catalogs", "findings", "rules", "mentions", "ignored"):  # lists given: kept as tuples, never changed
            value = getattr(self, name)
            if type(value) is not tuple:
                object.__setattr__(self, name, tuple(value))

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def exit_code(self) -> int:
        return 1 if any(f.blocking for f in self.findings) else 0

    @property
    def ran(self) -> frozenset[str]:
        """The ids of the rules that ran."""
        return frozenset(r.id for r in self.rules if r.selected)

    @property
    def fail_on(self) -> frozenset[str]:
        """The ids of the rules whose findings block."""
        return frozenset(r.id for r in self.rules if r.blocking)

    def rule(self, rule_id: str) -> RuleInfo | None:
        """The rule table's row for `rule_id` (None: not in this report's table)."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def severity(self, rule_id: str) -> str:
        """The severity of `rule_id` as the rule table gives it (error for a rule it does not know)."""
        rule = self.rule(rule_id)
        return ERROR if rule is None else rule.severity

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
