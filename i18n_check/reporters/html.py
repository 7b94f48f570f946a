"""The editors' report: one self-contained HTML file (inline CSS and JS, no network, no assets).

Per language: translated share and findings by rule; per glossary concept: source terms, approved
renderings, usage counts, compliance, forbidden and "other" renderings linked to their strings;
the forbidden terms mentioned, not used (rule 12); the drift lists; every finding; a filter box. Jinja2 autoescapes everything: a translation is
always text, never markup. A Content-Security-Policy allows only this file's own script (by its
hash) and no network at all, a second wall should escaping ever fail.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

from ..version import __version__
from ..findings import ERROR, Finding
from ..report import Report
from ..safe_text import inert
from .chart import history_view

FINDINGS_LIMIT = 2000      # findings listed; the rest are counted (a huge catalog stays openable)
PAGES_SHOWN = 3            # pages named per entry in a "where" cell
OCCURRENCES_LIMIT = 200    # occurrences listed per concept, language and status
LINKS_SHOWN = 8            # occurrence links in a terminology table cell


def _template_text(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, undefined names are errors."""
    env = Environment(
        loader=FunctionLoader(_template_text),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=shown,
    )
    env.filters["pct"] = lambda value: "–" if value is None else f"{100 * value:.0f}%"
    env.filters["pct_class"] = lambda value: "" if value is None else (
        "pct-good" if value >= 0.95 else "pct-mid" if value >= 0.75 else "pct-bad")
    return env


# Control characters (ESC of ANSI sequences...) and bidi overrides in a translation: shown as
# escapes, as in the text report, so editors see them and nothing reorders what they read.
# Newlines and tabs stay: the source and target cells keep their line breaks.
HTML_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(value):
    """Every template value as output: strings (escaped Markup too) with control characters as escapes."""
    if isinstance(value, str) and HTML_CONTROL.search(value):
        return type(value)(HTML_CONTROL.sub(lambda m: inert(m.group(0)), value))
    return value


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def highlight(text: str, span: tuple[int, int] | None) -> tuple[str, str, str]:
    """`text` cut as (before, marked, after) so the template can escape each part and <mark> one."""
    if not span or not (0 <= span[0] < span[1] <= len(text)):
        return text, "", ""
    return text[: span[0]], text[span[0]: span[1]], text[span[1]:]


def language_rows(report: Report) -> list[dict]:
    rows = []
    for lang, s in report.languages().items():
        rows.append({
            "language": lang, "catalogs": s["catalogs"], "messages": s["messages"], "translated": s["translated"],
            "fuzzy": s["fuzzy"], "share": s["translated"] / s["messages"] if s["messages"] else None,
            "by_rule": [(rule, n, "error" if report.severity(rule) == ERROR else "warning") for rule, n in s["by_rule"].items()],
        })
    return rows


def concept_rows(usage) -> list[dict]:
    """The terminology table: one block per concept, one row per target language."""
    rows = []
    for concept in usage or ():
        langs = []
        for lang, u in sorted(concept.languages.items()):
            approved = [(t, "preferred", u.count("preferred", t)) for t in u.preferred]
            approved += [(t, "admitted", u.count("admitted", t)) for t in u.admitted]
            forbidden = [(t, u.count("forbidden", t)) for t in u.forbidden]
            langs.append({
                "language": lang, "approved": approved, "forbidden": forbidden,
                "forbidden_total": u.count("forbidden"), "other_total": u.count("other"),
                "forbidden_links": u.forbidden_occurrences[:LINKS_SHOWN],
                "other_links": u.other_occurrences[:LINKS_SHOWN],
                "block": f"usage-{concept.id}-{lang}",
                "expected": u.expected, "compliant": u.compliant, "compliance": u.compliance,
            })
        rows.append({"id": concept.id, "note": concept.note, "source_terms": concept.source_terms,
                     "source_forbidden": concept.source_forbidden,
                     "dnt": concept.dnt, "languages": langs, "compliance": concept.compliance})
    return rows


def occurrence_blocks(usage) -> list[dict]:
    """Forbidden and other renderings, grouped per concept and language, each with its anchor."""
    blocks = []
    for concept in usage or ():
        for lang, u in sorted(concept.languages.items()):
            if not u.occurrences:
                continue
            ordered = u.forbidden_occurrences + u.other_occurrences
            blocks.append({
                "id": f"usage-{concept.id}-{lang}", "concept": concept.id, "language": lang,
                "items": [{"o": o, "parts": highlight(o.msgstr, o.span)} for o in ordered[:OCCURRENCES_LIMIT]],
                "more": max(0, len(ordered) - OCCURRENCES_LIMIT),
            })
    return blocks


def variant_groups(report: Report) -> list[dict]:
    """The `inconsistent` lists: from the drift analysis when the report holds it, else from findings."""
    groups = []
    if report.variants is not None:
        for g in report.variants:
            groups.append({"language": g.language, "msgctxt": g.msgctxt, "msgid": g.msgid, "variants": [
                {"text": text, "count": len(places), "places": list(places)} for text, places in g.variants]})
        return groups
    by_key: dict[tuple, dict[str, list[str]]] = defaultdict(dict)
    expected: dict[tuple, tuple[str, ...]] = {}
    for f in report.findings:
        if f.rule == "inconsistent":
            key = (f.language or "?", f.msgctxt, f.msgid)
            by_key[key].setdefault(f.msgstr, []).append(f"{f.catalog}:{f.line}")
            expected[key] = f.expected or ()
    for (lang, msgctxt, msgid), texts in by_key.items():
        rows = [{"text": t, "count": len(p), "places": p} for t, p in texts.items()]
        rows += [{"text": t, "count": None, "places": []} for t in expected[(lang, msgctxt, msgid)] if t not in texts]
        groups.append({"language": lang, "msgctxt": msgctxt, "msgid": msgid, "variants": rows})
    return groups


def page_labels(report: Report) -> dict[str, dict]:
    """`#:` reference -> how the "where" cells name it: the page's file name and the place on it
    (section and paragraph, pages.py), the full reference as its title."""
    labels = {}
    for reference, location in report.pages.items():
        name = location.page.rsplit("/", 1)[-1]
        labels[reference] = {"text": f"{name} · {location.place}" if location.place else name, "title": reference}
    return labels


def view(report: Report, title: str) -> dict:
    """Everything the template shows, as plain data."""
    usage = report.usage
    findings: tuple[Finding, ...] = report.findings
    summary = report.summary()
    return {
        "pages": page_labels(report), "pages_shown": PAGES_SHOWN,
        "ignored": report.ignored[:FINDINGS_LIMIT], "ignored_more": max(0, len(report.ignored) - FINDINGS_LIMIT),
        "since": report.since, "impact": report.impact, "history": history_view(report.history),
        "title": title, "version": __version__, "glossary": report.glossary, "summary": summary,
        "generated": report.generated or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "baseline": report.baseline,
        "languages": language_rows(report),
        "has_usage": usage is not None,
        "concepts": concept_rows(usage),
        "occurrences": occurrence_blocks(usage),
        "variants": variant_groups(report),
        "mentions": [{"m": m, "parts": highlight(m.msgstr, m.span)} for m in report.mentions[:FINDINGS_LIMIT]],
        "mentions_more": max(0, len(report.mentions) - FINDINGS_LIMIT),
        "parity": [f for f in findings if f.rule == "language-parity"][:FINDINGS_LIMIT],
        "parity_total": sum(1 for f in findings if f.rule == "language-parity"),
        "findings": findings[:FINDINGS_LIMIT], "findings_more": max(0, len(findings) - FINDINGS_LIMIT),
    }


def render(report: Report, title: str = "Translation and terminology report", **_options) -> str:
    """The report as one self-contained HTML page."""
    script = _template_text("report.js")
    style = _template_text("report.css")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src {csp_hash(script)}; base-uri 'none'; form-action 'none'"
    return environment().get_template("report.html.j2").render(script=script, style=style, csp=csp, **view(report, title))
