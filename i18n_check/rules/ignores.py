"""Ignore comments, `# i18n-check: ignore RULE[:CONCEPT], ...` (CONTRACT §4): read and applied here
only, and reported by the `ignore-comment` rule when they name nothing.

A selector is what the command line takes (a rule id, a family such as `glossary`, or `ALL`),
optionally narrowed to one glossary concept (`glossary-forbidden:csam`, `glossary:survivor`).
Selectors are separated by commas or spaces; ` -- ` starts a reason, which is not read (as in
ESLint's directive comments): `# i18n-check: ignore markup -- the URL is localised`.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Iterable, NamedTuple

from ..catalog import Entry
from ..findings import WARNING, Finding
from .base import Context, Rule

IGNORE_COMMENT = re.compile(r"i18n-check:\s*ignore\b(?P<selectors>.*)", re.IGNORECASE)
REASON = re.compile(r"\s--(?:\s|$)")
SEPARATOR = re.compile(r"[,\s]+")


class Ignore(NamedTuple):
    """One selector of an ignore comment."""

    selector: str            # a rule id, a family or ALL, as written
    concept: str | None      # the concept it is narrowed to, if any
    comment: str             # the translator comment it was read from


def ignores_of(entry: Entry) -> tuple[Ignore, ...]:
    """Every selector the entry's translator comments name, in order; an ignore comment naming
    nothing gives one Ignore with an empty selector (for the rule to report)."""
    found: list[Ignore] = []
    for comment in entry.translator_comments:
        match = IGNORE_COMMENT.search(comment)
        if match is None:
            continue
        text = REASON.split(match["selectors"] + " ", 1)[0]
        words = [w for w in SEPARATOR.split(text) if w]
        if not words:
            found.append(Ignore("", None, comment))
        for word in words:
            selector, colon, concept = word.partition(":")
            found.append(Ignore(selector, concept if colon else None, comment))
    return tuple(found)


def silencer(ignores: tuple[Ignore, ...], rule: Rule, concept: str | None) -> Ignore | None:
    """The first of `ignores` that silences a finding of `rule` (about `concept`, for glossary rules), or None."""
    return next((i for i in ignores if i.selector in (rule.id, rule.family, "ALL") and (i.concept is None or i.concept == concept)),
                None)


def ignore_comment(entry: Entry, ctx: Context) -> Iterable[Finding]:
    """An ignore comment names a rule, family or concept that does not exist.

    `# i18n-check: ignore RULE[:CONCEPT]` silences a rule's findings on one entry; a typo in it
    (`glosary-forbidden`, `glossary-forbidden:csm`) silences nothing and the finding stays, with
    the translator believing it handled. Selectors are what `--select` takes: rule ids, families
    (`glossary`, `ttk`...) and `ALL`; a concept narrows a glossary rule or family to one concept
    of the glossary in use (concepts are checked only when a glossary is loaded). Words after
    ` -- ` are a reason, not selectors: `# i18n-check: ignore markup -- the link is localised`.
    """
    # Not a generator: nearly every entry has no translator comment, and this costs it one test.
    if not entry.translator_comments or not ctx.rule_families:  # no table given: nothing to judge against
        return ()
    concepts = ctx.glossary.glossary.by_id if ctx.glossary is not None else None
    problems: dict[str, list[str]] = {}  # comment -> what it names that does not exist: one finding per comment
    for ignore in ignores_of(entry):
        problem = unknown(ignore, ctx.rule_families, concepts)
        if problem:
            problems.setdefault(ignore.comment, []).append(problem)
    return [ctx.finding(UNKNOWN_SELECTOR, entry, f"{'; '.join(found)}: “{comment.strip()}” silences nothing")
            for comment, found in problems.items()]


def unknown(ignore: Ignore, families: dict[str, str], concepts) -> str | None:
    """What `ignore` names that does not exist, or None."""
    selector, concept = ignore.selector, ignore.concept
    names = [*families, *sorted(set(families.values())), "ALL"]
    if not selector:
        return "names no rule" if concept is None else f"names no rule before ':{concept}'"
    if selector not in names:
        close = get_close_matches(selector, names, 1, 0.6)
        return f"unknown rule '{selector}'" + (f" (did you mean {close[0]}?)" if close else "")
    if concept is None:
        return None
    glossary_rules = {rule for rule, family in families.items() if family == "glossary"}
    if selector != "ALL" and selector != "glossary" and selector not in glossary_rules:
        return f"'{selector}' findings have no concept: ':{concept}' never matches"
    if concepts is not None and concept not in concepts:
        close = get_close_matches(concept, list(concepts), 1, 0.6)
        return f"unknown concept '{concept}'" + (f" (did you mean {close[0]}?)" if close else "")
    return None


UNKNOWN_SELECTOR = Rule(
    "ignore-comment", WARNING, ignore_comment, family="core",
    example_fail=("# i18n-check: ignore glosary-forbidden\nChild pornography is a crime.", "La pédopornographie est un crime."),
    example_pass=("# i18n-check: ignore glossary-forbidden:csam\nChild pornography is a crime.", "La pédopornographie est un crime."))
RULES = (UNKNOWN_SELECTOR,)
