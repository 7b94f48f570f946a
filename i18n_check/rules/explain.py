"""Why each glossary finding was given (CONTRACT §3 rule 13), as data for `check --explain`.

For each glossary finding: how its concept's terms were looked for in the source and in the
translation (glossary/explain.py: the words compared, the forms that matched or failed, the
rule that decided). Computed after the check, only when asked: nothing here runs on the
checking path.
"""

from __future__ import annotations

from dataclasses import replace

from ..findings import Finding
from ..glossary.explain import Explanation, FindingExplanation, explain_text
from ..glossary.index import GlossaryIndex
from ..glossary.model import ALLOWED, DNT, FORBIDDEN, SOURCE

# What each rule looked for: (statuses in the source, statuses in the translation, whether the
# translation's terms not found are shown too). The source side shows what was found: the terms
# that asked for the concept.
LOOKED_FOR = {
    "glossary-missing": ({SOURCE}, set(ALLOWED), True),
    "glossary-forbidden": (None, {FORBIDDEN}, False),
    "glossary-dnt": ({SOURCE}, {DNT}, True),
}


def explain_findings(findings: list[Finding], glossary: GlossaryIndex, source_texts: dict | None = None) -> dict[Finding, FindingExplanation]:
    """{finding: its explanation} for every glossary finding of `findings`. `source_texts` maps a
    finding to the source form its msgstr is held to (msgid_plural for msgstr[1..]); by default
    the msgid."""
    out: dict[Finding, FindingExplanation] = {}
    for f in findings:
        looked = LOOKED_FOR.get(f.rule)
        if looked is None or f.concept is None or not f.language or f.concept not in glossary.glossary.by_id:
            continue
        in_source, in_translation, failures = looked
        lang = f.language.split("_")[0]
        source = None
        if in_source is not None:
            text = (source_texts or {}).get(f, f.msgid)
            source = found_only(explain_text(glossary, text, glossary.source, {f.concept}, in_source))
        translation = explain_text(glossary, f.msgstr, lang, {f.concept}, in_translation)
        out[f] = FindingExplanation(source, translation if failures else found_only(translation))
    return out


def found_only(explanation: Explanation) -> Explanation:
    """The explanation with only the terms found."""
    return replace(explanation, terms=tuple(t for t in explanation.terms if t.found is not None))
