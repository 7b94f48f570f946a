"""What every rule is made of: the Rule row and the context a rule reads."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..catalog import Catalog, Entry
from ..findings import CATALOG, ENTRY, PROJECT, Finding, Mention
from ..glossary.index import GlossaryIndex

# A rule's scope says how its check is called (the names are findings.py's, as reports carry them):
# ENTRY: check(entry, ctx) -> Iterator[Finding | Mention], for each translatable entry
# CATALOG: check(ctx) -> Iterator[Finding], once per catalog: for what the header decides for all its entries
# PROJECT: check([(catalog, name), ...], glossary) -> Iterator[Finding], once over all catalogs


@dataclass(frozen=True)
class Rule:
    """One row of the rule table (CONTRACT §4). The check's docstring is its documentation."""

    id: str
    severity: str
    check: Callable[..., Iterator[Finding]]
    scope: str = ENTRY
    default: bool = True          # selected when the user selects nothing
    family: str = "core"
    # For `i18n-check rules ID`: a (msgid, msgstr) that fails and one that passes.
    example_fail: tuple[str, str] | None = None
    example_pass: tuple[str, str] | None = None
    # Rules that share their look at an entry (ttk's checks): run_together(rules) makes one
    # check doing the work of all the selected ones, in their order.
    run_together: Callable[[list[Rule]], Callable[..., Iterable[Finding]]] | None = None

    @property
    def summary(self) -> str:
        doc = inspect.getdoc(self.check) or ""
        return doc.splitlines()[0] if doc else ""

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""


def entry_checks(rules: Iterable[Rule]) -> list[Callable[..., Iterable[Finding]]]:
    """What to call on each entry, in rule order: each entry rule's check, except that the rules
    sharing a `run_together` make one call, where the first of them stands (issue 7: fourteen
    ttk rules called one by one cost more than their checks on a clean message)."""
    slots: list[Callable | list[Rule]] = []
    groups: dict[Callable, list[Rule]] = {}
    for rule in rules:
        if rule.scope != ENTRY:
            continue
        if rule.run_together is None:
            slots.append(rule.check)
        elif rule.run_together in groups:
            groups[rule.run_together].append(rule)
        else:
            slots.append(groups.setdefault(rule.run_together, [rule]))
    return [slot if callable(slot) else slot[0].run_together(slot) for slot in slots]


@dataclass
class Context:
    """What an entry rule may read besides the entry: its catalog, language and the glossary."""

    catalog: Catalog
    language: str | None             # base language of the catalog: "fr", "de"
    catalog_name: str                # the path as reported
    glossary: GlossaryIndex | None = None  # the glossary compiled for matching, when one is loaded
    rule_families: Mapping[str, str] = field(default_factory=dict)  # every rule id -> its family: what ignore comments may name
    # The translate-toolkit rules' shared state (ttk.py): the EntryRun of the entry they last read (the
    # rules run entry after entry), and whether a check that cannot fail is skipped (tests compare without).
    ttk_run: Any = field(default=None, repr=False, compare=False)
    ttk_triggers: bool = True
    # The glossary rules' shared reading (glossary.py): (entry, EntryTerms) of the entry they last read.
    glossary_terms: Any = field(default=None, repr=False, compare=False)

    def finding(
        self, rule: Rule, entry: Entry, message: str, *, msgstr: str | None = None,
        concept: str | None = None, term: str | None = None, expected: tuple[str, ...] | None = None,
    ) -> Finding:
        """A finding of `rule` (its row of the table: the id and severity the finding carries) located
        at `entry`; whether it blocks is settled later by check.py."""
        return Finding(
            rule=rule.id, severity=rule.severity, catalog=self.catalog_name, language=self.catalog.language,
            line=entry.line, msgid=entry.msgid,
            msgstr=entry.msgstr[0] if msgstr is None and entry.msgstr else (msgstr or ""),
            message=message, msgctxt=entry.msgctxt, concept=concept, term=term, expected=expected,
            references=entry.references,
        )

    def mention(self, entry: Entry, msgstr: str, concept: str, term: str, reason: str, evidence: str,
                span: tuple[int, int] | None = None) -> Mention:
        """A forbidden term of `msgstr` (a form of `entry`) that is mentioned, not used (rule 12)."""
        return Mention(
            catalog=self.catalog_name, language=self.catalog.language, line=entry.line, msgctxt=entry.msgctxt,
            msgid=entry.msgid, msgstr=msgstr, concept=concept, term=term, reason=reason, evidence=evidence, span=span,
            references=entry.references,
        )
