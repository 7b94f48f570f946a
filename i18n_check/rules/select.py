"""Which rules run and which block, as ruff chooses them: selectors beside the rule table.

A selector is a rule id (`endpunc`), a family (`glossary`, `ttk`...) or `ALL`. `--select`,
`--ignore` and `--extend-select` (and their settings) choose the rules that run; `--fail-on` and
`--extend-fail-on` the rules whose findings block (CONTRACT §2).
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Iterable

from ..errors import InputError
from . import DEFAULT_FAIL_ON, FAMILIES, RULES
from .base import Rule


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


def blocking_rules(fail_on: Iterable[str] | None = None, extend_fail_on: Iterable[str] = ()) -> frozenset[str]:
    """The ids of the rules whose findings block: `fail_on`'s selectors (None: CONTRACT §2's
    default) and `extend_fail_on`'s."""
    return (DEFAULT_FAIL_ON if fail_on is None else expand_selectors(fail_on)) | expand_selectors(extend_fail_on)


def settled_rules(fail_on: Iterable[str] | None = None, extend_fail_on: Iterable[str] = ()) -> dict[str, tuple[str, bool]]:
    """Rule id -> (severity, blocking): the table's severity, and whether the rule blocks (see
    `blocking_rules`). Only check.py decides these, never a rule."""
    blocking = blocking_rules(fail_on, extend_fail_on)
    return {rule.id: (rule.severity, rule.id in blocking) for rule in RULES.values()}
