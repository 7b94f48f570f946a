"""Runs the rules over catalogs and decides what blocks: the library behind `i18n-check check`."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .catalog import Catalog, Entry, base_language, find_catalogs, load_catalog
from .errors import InputError
from .findings import CatalogStats, Finding, Report
from .rules import DEFAULT_FAIL_ON, ENTRY, PROJECT, RULES, Context, Rule

# `# i18n-check: ignore untranslated, glossary-missing:survivor` (CONTRACT §4)
IGNORE_COMMENT = re.compile(r"i18n-check:\s*ignore\s+(.+)", re.IGNORECASE)


def parse_rule_list(value: str | Iterable[str] | None, option: str = "rule list") -> list[str]:
    """`"a,b"` or `["a", "b"]` -> `["a", "b"]`, checking every selector against the rule table.

    A selector is a rule id (`endpunc`), a family (`glossary`, `ttk`...) or `ALL`, as in ruff.
    """
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    ids = [i.strip() for i in items if i and i.strip()]
    for rule_id in ids:
        if rule_id != "ALL" and rule_id not in RULES and rule_id not in FAMILIES:
            close = get_close_matches(rule_id, [*RULES, *FAMILIES], 3, 0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `i18n-check rules` lists them"
            raise InputError(None, None, f"{option}: unknown rule '{rule_id}'{hint}")
    return ids


FAMILIES = frozenset(r.family for r in RULES.values())


def specificity(selector: str, rule: Rule) -> int:
    """How precisely `selector` names `rule`: 3 by id, 2 by family, 1 as ALL, 0 not at all."""
    return 3 if selector == rule.id else 2 if selector == rule.family else 1 if selector == "ALL" else 0


def expand_selectors(selectors: Iterable[str]) -> frozenset[str]:
    """The rule ids that ids, families and ALL name (for --fail-on)."""
    selectors = list(selectors)
    return frozenset(r.id for r in RULES.values() if any(specificity(s, r) for s in selectors))


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = (), extend_select: Iterable[str] = ()) -> list[Rule]:
    """The rules to run, as ruff chooses them: `select` (or the default set when empty) plus
    `extend_select`, minus `ignore`; when both name a rule, the more specific selector wins
    (`--select ttk --ignore endpunc` drops endpunc; `--ignore ttk --extend-select endpunc` keeps
    it), and at equal specificity ignore wins."""
    select, ignore, extend = list(select or []), list(ignore), list(extend_select)
    chosen = []
    for rule in RULES.values():
        picked = max((specificity(s, rule) for s in select + extend), default=0)
        if not select and rule.default:
            picked = max(picked, 1)  # the default set counts as broad as ALL
        dropped = max((specificity(s, rule) for s in ignore), default=0)
        if picked and dropped < picked:
            chosen.append(rule)
    return chosen


def ignored_by_comment(entry: Entry) -> set[str]:
    """`rule` and `rule:concept` keys silenced by the entry's translator comments."""
    keys: set[str] = set()
    for comment in entry.translator_comments:
        match = IGNORE_COMMENT.search(comment)
        if match:
            keys.update(k.strip() for k in re.split(r"[,\s]+", match.group(1)) if k.strip())
    return keys


def display_path(path: Path) -> str:
    """The path as a user typed it relative to the working folder, with forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix() if not path.is_absolute() or str(path).startswith(os.getcwd()) else path.as_posix()
    except ValueError:
        return path.as_posix()


def stats_of(catalog: Catalog, name: str) -> CatalogStats:
    entries = [e for e in catalog.entries if e.msgid]
    fuzzy = sum(1 for e in entries if e.fuzzy)
    translated = sum(1 for e in entries if e.translated)
    return CatalogStats(name, catalog.language, len(entries), translated, fuzzy, len(entries) - translated - fuzzy)


def check_catalog(
    catalog: Catalog, rules: list[Rule], glossary=None, name: str | None = None, tick: Callable[[], None] | None = None,
) -> Iterator[Finding]:
    """Every finding of the entry rules on one catalog, ignore comments applied; `tick()` after each entry."""
    ctx = Context(catalog=catalog, language=base_language(catalog.language), catalog_name=name or display_path(catalog.path), glossary=glossary)
    entry_rules = [r.check for r in rules if r.scope == ENTRY]
    for entry in catalog.entries:
        if not entry.msgid:  # the header
            continue
        silenced = ignored_by_comment(entry) if entry.translator_comments else None
        for check in entry_rules:
            for finding in check(entry, ctx):
                if silenced and (finding.rule in silenced or f"{finding.rule}:{finding.concept}" in silenced):
                    continue
                yield finding
        if tick:
            tick()


def check(
    paths: list[str | Path],
    *,
    glossary=None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    fail_on: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    glossary_path: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Check catalogs (files or folders) and return the Report; nothing is printed here.

    `progress(stage, done, total)` hears of the work: stage "reading" counts files, "checking"
    counts messages.
    """
    rules = select_rules(select, ignore, extend_select)
    blocking = DEFAULT_FAIL_ON if fail_on is None else expand_selectors(fail_on)
    wanted = {l.lower() for l in languages} if languages else None

    files = find_catalogs(paths)
    catalogs: list[tuple[Catalog, str]] = []
    for index, path in enumerate(files):
        catalog = load_catalog(path)
        if progress:
            progress("reading", index + 1, len(files))
        if catalog.is_template:
            continue  # a template has nothing to check but its syntax, which loading just did
        if wanted and (catalog.language or "").lower() not in wanted and (base_language(catalog.language) or "") not in wanted:
            continue
        catalogs.append((catalog, display_path(path)))

    findings: list[Finding] = []
    tick = None
    if progress:
        total, done = sum(1 for c, _ in catalogs for e in c.entries if e.msgid), 0

        def count_entry() -> None:
            nonlocal done
            done += 1
            if done % 64 == 0 or done == total:
                progress("checking", done, total)

        tick = count_entry

    for catalog, name in catalogs:
        findings.extend(check_catalog(catalog, rules, glossary, name, tick))
    for rule in rules:
        if rule.scope == PROJECT:
            findings.extend(rule.check(catalogs, glossary))

    findings = [replace(f, severity=RULES[f.rule].severity, blocking=f.rule in blocking) for f in findings]
    findings.sort(key=lambda f: (f.catalog, f.line, f.rule, f.concept or ""))
    return Report(
        catalogs=[stats_of(c, name) for c, name in catalogs],
        findings=findings,
        glossary=glossary_path,
        fail_on=blocking,
    )
