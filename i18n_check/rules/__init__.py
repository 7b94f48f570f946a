"""The rule table: CONTRACT §4 as code. `i18n-check rules`, --help and SARIF metadata read it."""

from __future__ import annotations

from . import completeness, drift, glossary, ignores, markup, placeholders, plurals, standard
from .base import CATALOG, ENTRY, PROJECT, Context, Rule, entry_checks

# Order is the order of `i18n-check rules` and of the text report's summary.
RULES: dict[str, Rule] = {
    rule.id: rule
    for module in (completeness, plurals, ignores, glossary, placeholders, markup, drift, standard)
    for rule in module.RULES
}
RULE_FAMILIES = {rule.id: rule.family for rule in RULES.values()}
FAMILIES = frozenset(RULE_FAMILIES.values())

# CONTRACT §2: what blocks (exit 1) unless --fail-on says otherwise.
DEFAULT_FAIL_ON = frozenset(
    {"untranslated", "fuzzy", "glossary-missing", "glossary-forbidden", "glossary-dnt", "placeholder", "plural-forms"}
)

__all__ = ["RULES", "RULE_FAMILIES", "FAMILIES", "DEFAULT_FAIL_ON", "Rule", "Context", "ENTRY", "CATALOG", "PROJECT", "entry_checks"]
