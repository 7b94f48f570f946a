"""`glossary impact OLD [NEW]`: what a glossary change does to the catalogs, before it is made.

The catalogs are checked with the glossary rules (CONTRACT §4's `glossary` family) once under
each glossary; an entry complies with a concept when no glossary rule finds anything about that
concept in it, ignore comments applied as `check` applies them. Per concept and language, the
entries that comply under OLD and not under NEW become non-compliant (shown with NEW's findings),
and the reverse become compliant (shown with OLD's findings). The findings are the only judge:
what `check` would say after the change is what this says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .check import check
from .findings import Finding
from .glossary.index import compiled
from .languages import base_language

GLOSSARY_RULES = ("glossary",)  # the family: glossary-missing, glossary-forbidden, glossary-dnt


@dataclass(frozen=True)
class Change:
    """One entry whose compliance with one concept changes: where it is, and the findings that
    make it non-compliant (under NEW for an entry becoming non-compliant, under OLD for one
    becoming compliant)."""

    catalog: str
    line: int
    msgctxt: str | None
    msgid: str
    msgstr: str
    findings: tuple[Finding, ...]
    references: tuple[str, ...] = ()  # the entry's `#:` references: the pages it stands on

    def as_dict(self) -> dict:
        return {"catalog": self.catalog, "line": self.line, "msgctxt": self.msgctxt, "msgid": self.msgid, "msgstr": self.msgstr,
                "references": list(self.references),
                "findings": [{"rule": f.rule, "term": f.term, "expected": list(f.expected) if f.expected is not None else None,
                              "message": f.message} for f in self.findings]}


@dataclass(frozen=True)
class ConceptImpact:
    """One concept in one language: entries failing it under OLD (`before`) and under NEW
    (`after`), those becoming non-compliant and those becoming compliant."""

    concept: str
    language: str
    before: int
    after: int
    noncompliant: tuple[Change, ...]
    compliant: tuple[Change, ...]

    def as_dict(self) -> dict:
        return {"concept": self.concept, "language": self.language, "before": self.before, "after": self.after,
                "noncompliant": [c.as_dict() for c in self.noncompliant], "compliant": [c.as_dict() for c in self.compliant]}


@dataclass(frozen=True)
class Impact:
    """The change from glossary `old` to `new` (as the user named them) on the catalogs checked:
    one ConceptImpact per concept and language whose compliance changes, concepts in NEW's
    order (then those only OLD has); and the concepts only one of them has."""

    old: str
    new: str
    catalogs: int
    messages: int
    concepts: tuple[ConceptImpact, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def noncompliant(self) -> int:
        return sum(len(c.noncompliant) for c in self.concepts)

    @property
    def compliant(self) -> int:
        return sum(len(c.compliant) for c in self.concepts)

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new,
                "summary": {"catalogs": self.catalogs, "messages": self.messages, "noncompliant": self.noncompliant,
                            "compliant": self.compliant, "concepts_added": list(self.added), "concepts_removed": list(self.removed)},
                "concepts": [c.as_dict() for c in self.concepts]}


Key = tuple[str, str, str, str | None, str]  # concept, language, catalog, msgctxt, msgid


def failing(findings: Iterable[Finding]) -> dict[Key, list[Finding]]:
    """The glossary findings by concept, language and entry."""
    out: dict[Key, list[Finding]] = {}
    for f in findings:
        if f.concept is not None:
            out.setdefault((f.concept, base_language(f.language) or "?", f.catalog, f.msgctxt, f.msgid), []).append(f)
    return out


def compare(old_findings: Iterable[Finding], new_findings: Iterable[Finding], order: list[str]) -> list[ConceptImpact]:
    """Per concept and language, the entries whose compliance differs between the two runs'
    glossary findings (see the module); concepts in `order`, then the others by id."""
    before, after = failing(old_findings), failing(new_findings)
    groups: dict[tuple[str, str], tuple[list[Change], list[Change]]] = {}
    counts: dict[tuple[str, str], list[int]] = {}
    for key in before.keys() | after.keys():
        group = key[:2]
        counts.setdefault(group, [0, 0])
        counts[group][0] += key in before
        counts[group][1] += key in after
        if (key in before) == (key in after):
            continue
        findings = after.get(key) or before[key]
        first = findings[0]
        change = Change(first.catalog, first.line, first.msgctxt, first.msgid, first.msgstr, tuple(findings), first.references)
        groups.setdefault(group, ([], []))[0 if key in after else 1].append(change)
    rank = {concept: index for index, concept in enumerate(order)}
    out = []
    for group in sorted(groups, key=lambda g: (rank.get(g[0], len(rank)), g)):
        worse, better = groups[group]
        worse.sort(key=lambda c: (c.catalog, c.line))
        better.sort(key=lambda c: (c.catalog, c.line))
        out.append(ConceptImpact(group[0], group[1], counts[group][0], counts[group][1], tuple(worse), tuple(better)))
    return out


def glossary_impact(paths: list[str | Path], old, old_label: str, new, new_label: str, *, languages=None,
                    cache_dir: str | Path | None = None, jobs: int | None = None) -> Impact:
    """The Impact of replacing glossary `old` by `new` (each a loaded Glossary or its GlossaryIndex)
    on the catalogs at `paths`."""
    old, new = compiled(old), compiled(new)
    runs = [check(paths, glossary=g, glossary_path=label, select=GLOSSARY_RULES, languages=languages, cache_dir=cache_dir, jobs=jobs)
            for g, label in ((old, old_label), (new, new_label))]
    old_ids = [c.id for c in old.glossary.concepts]
    new_ids = [c.id for c in new.glossary.concepts]
    summary = runs[1].summary()
    return Impact(old_label, new_label, summary["catalogs"], summary["messages"],
                  tuple(compare(runs[0].findings, runs[1].findings, new_ids + old_ids)),
                  tuple(i for i in new_ids if i not in set(old_ids)), tuple(i for i in old_ids if i not in set(new_ids)))
