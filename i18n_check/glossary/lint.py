"""Problems in a valid glossary itself: what `i18n-check glossary lint` reports beyond validation.

- `duplicate-source-term` (error): two concepts claim the same source term (as matched:
  `survivor` and `survivors` are the same term), so a msgid cannot say which concept it means.
- `conflicting-status` (error): one concept prefers or admits a term another forbids in the same language.
- `unmatchable-term` (error): a term the matcher can never find: no words at all once markup and
  placeholders are skipped, or a one-word term whose stem is under 3 characters (it would
  match far too much; mark it `exact` and `case_sensitive` instead).
- `missing-language` (warning): a concept with source terms but no preferred or admitted term in a
  declared language: glossary-missing cannot check it there.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import FORBIDDEN, Glossary, Term
from .stem import stemmer_for
from .text import words

ERROR, WARNING = "error", "warning"
MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem of the glossary, located at the term or concept it is about."""

    level: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None


def term_key(term: Term, lang: str, stem) -> tuple[str, ...]:
    """What the matcher compares for `term`: its words' stems, or folded words if exact."""
    tokens = words(term.text, lang)
    if term.case_sensitive:
        return tuple(t.surface for t in tokens)
    return tuple(t.folded if term.exact else stem(t.folded) for t in tokens)


def lint_glossary(glossary: Glossary) -> list[LintFinding]:
    """Every quality problem of `glossary`, in file order."""
    out: list[LintFinding] = []
    stems = {lang: stemmer_for(lang) for lang in (glossary.source, *glossary.languages)}

    def check_matchable(term: Term, lang: str, where: str) -> tuple[str, ...]:
        key = term_key(term, lang, stems[lang])
        if not key:
            out.append(LintFinding(ERROR, "unmatchable-term", f"term '{term.text}' ({where}) has no words once markup and placeholders are skipped: it can never match", term.line, term.column))
        elif len(key) == 1 and not term.exact and not term.case_sensitive and len(key[0]) < MIN_STEM:
            out.append(LintFinding(ERROR, "unmatchable-term", f"term '{term.text}' ({where}) stems to '{key[0]}', under {MIN_STEM} letters: it would match unrelated words; write it as {{term: {term.text}, exact: true, case_sensitive: true}}", term.line, term.column))
        return key

    claimed: dict[tuple[str, ...], str] = {}
    statuses: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
    for concept in glossary.concepts:
        for term in concept.source:
            key = check_matchable(term, glossary.source, f"concept {concept.id}, {glossary.source}")
            if key and claimed.setdefault(key, concept.id) != concept.id:
                out.append(LintFinding(ERROR, "duplicate-source-term", f"source term '{term.text}' of concept {concept.id} is also a source term of concept {claimed[key]}; a msgid holding it cannot tell which concept it means", term.line, term.column))
        for lang in glossary.languages:
            terms = concept.terms(lang)
            for status, term in terms.by_status():
                key = check_matchable(term, lang, f"concept {concept.id}, {lang} {status}")
                if not key:
                    continue
                kind = FORBIDDEN if status == FORBIDDEN else "allowed"
                other = statuses.setdefault((lang, key), (kind, concept.id))
                if other[0] != kind and other[1] != concept.id:
                    out.append(LintFinding(ERROR, "conflicting-status", f"'{term.text}' is {status} in concept {concept.id} but {'forbidden' if other[0] == FORBIDDEN else 'preferred or admitted'} in concept {other[1]} ({lang})", term.line, term.column))
            if concept.source and not concept.dnt and not terms.allowed:
                out.append(LintFinding(WARNING, "missing-language", f"concept {concept.id} has source terms but no preferred or admitted term in '{lang}': glossary-missing cannot check it there", terms.line or concept.line, None))
    return out


def render_lint(path: str, findings: list[LintFinding]) -> str:
    """`path:line:column: level: code: message` lines and a one-line summary."""
    lines = []
    for f in sorted(findings, key=lambda f: (f.line or 0, f.column or 0)):
        where = path + (f":{f.line}" if f.line else "") + (f":{f.column}" if f.line and f.column else "")
        lines.append(f"{where}: {f.level}: {f.code}: {f.message}")
    errors = sum(1 for f in findings if f.level == ERROR)
    warnings = len(findings) - errors
    lines.append(f"{path}: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}" if findings else f"{path}: glossary is valid, no problem found")
    return "\n".join(lines) + "\n"


__all__ = ["LintFinding", "lint_glossary", "render_lint"]
