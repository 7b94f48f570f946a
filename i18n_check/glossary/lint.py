"""Problems in a valid glossary itself: what `i18n-check glossary lint` reports beyond validation.

- `duplicate-source-term` (error): two concepts claim the same source term (as matched:
  `survivor` and `survivors` are the same term), so a msgid cannot say which concept it means.
- `conflicting-status` (error): one concept prefers or admits a term another forbids in the same language.
- `unmatchable-term` (error): a term the matcher can never find: no words at all once markup and
  placeholders are skipped, or a one-word term whose stem is under 3 characters (it would
  match far too much; mark it `exact` and `case_sensitive` instead).
- `same-word` (error): a concept prefers or admits a term and forbids another that are the same
  word as the matcher compares them (rule 2: preferred `survivante`, forbidden `survivantes`):
  each finds the other, whole, so every use of one is a use of the other. In the source
  language: a source term that is also the concept's rejected wording.
- `rejected-source-term` (error): a concept's rejected source wording is (as matched) a source
  term of another concept: every msgid naming that concept would make its translation a mention.
- `unmatchable-citation` (error): a citation with no words at all: it can never be found.
- `useless-citation` (warning): a citation that holds none of the glossary's terms of its
  language: no rule would look inside it anyway.
- `unused-citation` (warning, when catalogs are given): a citation found in no message of its
  language (msgids for the source language, translations for a target language): misspelt, or
  no longer quoted.
- `missing-language` (warning): a concept with source terms but no preferred or admitted term in a
  declared language: glossary-missing cannot check it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .index import GlossaryIndex
from .matcher import EXACT, INFLECTION
from .model import ALLOWED, BANNED, FORBIDDEN, SOURCE, SOURCE_FORBIDDEN, Glossary, Term, TermMatch
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


def term_key(term: Term, lang: str, matcher) -> tuple[str, ...]:
    """Which word `term` is, as the matcher tells words apart: its words' inflection keys (rule 2),
    or folded words if exact. Two terms with one key are forms of the same words."""
    tokens = words(term.text, lang)
    if term.case_sensitive:
        return tuple(t.surface for t in tokens)
    kind = EXACT if term.exact else INFLECTION
    return tuple(matcher.word_keys(kind, t.folded)[0] for t in tokens)


def whole(match: TermMatch, text: str, lang: str) -> bool:
    """True when `match` spans every word of `text` (a term's text)."""
    tokens = words(text, lang)
    return bool(tokens) and match.start <= tokens[0].start and match.end >= tokens[-1].end


def found_whole(index: GlossaryIndex, term: Term, lang: str, statuses: Iterable[str]) -> list[TermMatch]:
    """The matches of terms of these statuses that span the whole of `term`'s text in `lang`: what
    the matcher takes `term` to be."""
    statuses = frozenset(statuses)
    return [m for m in index.find(term.text, lang) if m.status in statuses and m.term is not term and whole(m, term.text, lang)]


def same_word(index: GlossaryIndex, lang: str, term: Term, other: TermMatch, statuses: Iterable[str]) -> bool:
    """True when `other` (a term found over the whole of `term`) also finds `term` over the whole
    of its own text: the matcher cannot tell them apart (rule 2's "same word")."""
    return any(m.term is term for m in found_whole(index, other.term, lang, statuses))


def lint_glossary(glossary: Glossary, texts: Mapping[str, Iterable[str]] | None = None) -> list[LintFinding]:
    """Every quality problem of `glossary`, in file order. `texts`: the catalogs' messages per
    language (msgids under the source language), to report citations that never occur."""
    out: list[LintFinding] = []
    index = GlossaryIndex(glossary)

    def check_matchable(term: Term, lang: str, where: str) -> tuple[str, ...]:
        key = term_key(term, lang, index.matcher(lang))
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
    out += same_words(index)
    out += rejected_source_terms(index)
    out += citation_problems(index, texts)
    return out


def same_words(index: GlossaryIndex) -> list[LintFinding]:
    """`same-word`: an allowed and a forbidden term of one concept and language that the matcher
    takes for the same word (preferred `survivante`, forbidden `survivantes`)."""
    glossary, out = index.glossary, []
    for lang in (glossary.source, *glossary.languages):
        allowed, banned = ((SOURCE,), (SOURCE_FORBIDDEN,)) if lang == glossary.source else (ALLOWED, (FORBIDDEN,))
        for concept in glossary.concepts:
            terms = concept.source_terms if lang == glossary.source else concept.terms(lang)
            if not terms.forbidden or not terms.allowed:
                continue
            for status, term in ((s, t) for s, t in terms.by_status() if s != FORBIDDEN):
                for m in found_whole(index, term, lang, banned):
                    if m.concept == concept.id and same_word(index, lang, term, m, allowed):
                        where = "source term" if lang == glossary.source else f"{status} term"
                        rejected = "rejected source wording" if lang == glossary.source else "forbidden"
                        out.append(LintFinding(ERROR, "same-word", f"{where} '{term.text}' and {rejected} '{m.term.text}' of concept {concept.id} ({lang}) are the same word as terms are matched (rule 2): each finds the other; keep one of them", m.term.line, m.term.column))
    return out


def rejected_source_terms(index: GlossaryIndex) -> list[LintFinding]:
    """`rejected-source-term`: a concept's rejected source wording that is another concept's source term."""
    glossary = index.glossary
    out = []
    for concept in glossary.concepts:
        for term in concept.source_forbidden:
            for m in found_whole(index, term, glossary.source, (SOURCE,)):
                if m.concept != concept.id and same_word(index, glossary.source, term, m, (SOURCE_FORBIDDEN,)):
                    out.append(LintFinding(ERROR, "rejected-source-term", f"'{term.text}' is rejected source wording of concept {concept.id} but a source term of concept {m.concept} ('{m.term.text}'): a msgid naming {m.concept} would make its translation's forbidden {concept.id} terms mentions", term.line, term.column))
    return out


def citation_problems(index: GlossaryIndex, texts: Mapping[str, Iterable[str]] | None) -> list[LintFinding]:
    """`unmatchable-citation`, `useless-citation` and, with `texts`, `unused-citation`."""
    glossary, out = index.glossary, []
    for lang, citations in glossary.citations.items():
        unfound = {id(c): c for c in citations}
        if texts is not None:
            finder = index.citation_finder(lang)
            for text in texts.get(lang, ()):
                if unfound:
                    for _start, _end, citation in finder.find(text):
                        unfound.pop(id(citation), None)
        for citation in citations:
            if not words(citation.text, lang):
                out.append(LintFinding(ERROR, "unmatchable-citation", f"citation '{citation.text}' ({lang}) has no words once markup and placeholders are skipped: it can never be found", citation.line, citation.column))
                continue
            if not index.find(citation.text, lang):
                out.append(LintFinding(WARNING, "useless-citation", f"citation '{citation.text}' ({lang}) holds none of the glossary's {lang} terms: no rule looks inside it anyway; remove it", citation.line, citation.column))
            if texts is not None and id(citation) in unfound:
                where = "msgid" if lang == glossary.source else f"'{lang}' translation"
                out.append(LintFinding(WARNING, "unused-citation", f"citation '{citation.text}' ({lang}) occurs in no {where} of the catalogs: misspelt, or no longer quoted?", citation.line, citation.column))
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
