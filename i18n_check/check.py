"""Runs the rules over catalogs and decides what blocks: the library behind `i18n-check check`."""

from __future__ import annotations

import gc
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .cache import ResultCache, catalog_key, from_rows, glossary_fingerprint, ignored_from_rows, mentions_from_rows, to_rows
from .catalog import Catalog, Entry, find_catalogs, load_catalog
from .errors import InputError, shown_name
from .findings import Finding, Ignored, Mention
from .glossary.index import GlossaryIndex, compiled
from .glossary.model import Glossary
from .languages import Requested, as_requested, base_language, catalog_names, codes_for, require_found
from .parallel import collector_spares_existing, default_jobs, forked_map
from .report import CatalogStats, Report, RuleInfo
from .rules import CATALOG, PROJECT, RULE_FAMILIES, RULES, Context, Rule, entry_checks
from .rules.ignores import ignores_of, silencer
from .rules.select import blocking_rules, select_rules, settled_rules


def rule_table(selected: Iterable[Rule], blocking: frozenset[str]) -> tuple[RuleInfo, ...]:
    """The rule table as the Report carries it: every rule, and whether it ran and blocks."""
    ran = {rule.id for rule in selected}
    return tuple(RuleInfo(r.id, r.severity, r.family, r.scope, r.summary, r.doc, r.id in ran, r.id in blocking)
                 for r in RULES.values())


def require_languages_known(catalogs: list[tuple[Catalog, str]]) -> None:
    """InputError for a catalog whose language is told neither by its header nor by its path: the
    glossary rules would pass it over in silence, and a gate must not pass by accident."""
    for catalog, name in catalogs:
        if catalog.language is None:
            raise InputError(name, None, "cannot tell this catalog's language (no `Language:` in its header, no "
                                         "language code in its path): add `\"Language: fr\\n\"` to the header, or keep it "
                                         "as catalogs/fr/<domain>.po, so that the glossary can be checked")


def display_path(path: Path) -> str:
    """The path as a user typed it relative to the working folder, with forward slashes, as text
    every report can hold: the bytes of a file name that are not UTF-8 are shown as `\\xNN`."""
    try:
        shown = Path(os.path.relpath(path)).as_posix() if not path.is_absolute() or str(path).startswith(os.getcwd()) else path.as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown_name(shown)


def stats_of(catalog: Catalog, name: str) -> CatalogStats:
    messages = translated = fuzzy = 0
    for entry in catalog.entries:
        if entry.msgid:  # not the header
            messages += 1
            fuzzy += entry.fuzzy
            translated += entry.translated
    return CatalogStats(name, catalog.language, messages, translated, fuzzy, messages - translated - fuzzy)


def entry_results(entry: Entry, ctx: Context, entry_rules: list[Callable]) -> tuple[list[Finding], list[Mention | Ignored]]:
    """Every finding of the entry rules on one entry, in rule order, ignore comments applied, and
    what is listed beside the findings: the forbidden terms it mentions (rule 12: never silenced,
    never findings) and the findings its ignore comments silence."""
    ignores = ignores_of(entry) if entry.translator_comments else None
    found: list[Finding] = []
    listed: list[Mention | Ignored] = []
    for check in entry_rules:
        for result in check(entry, ctx):
            if result.__class__ is Mention:
                listed.append(result)
            elif ignores and (by := silencer(ignores, RULES[result.rule], result.concept)) is not None:
                listed.append(Ignored(result, by.comment))
            else:
                found.append(result)
    return found, listed


def catalog_context(catalog: Catalog, name: str | None = None, glossary: GlossaryIndex | None = None) -> Context:
    """The context the entry rules read for the entries of `catalog`, reported as `name`."""
    return Context(catalog=catalog, language=base_language(catalog.language), catalog_name=name or display_path(catalog.path),
                   glossary=glossary, rule_families=RULE_FAMILIES)


def catalog_findings(ctx: Context, rules: Iterable[Rule]) -> Iterator[Finding | Ignored]:
    """Every finding of the catalog rules on one catalog, or Ignored when an ignore comment of the
    entry (or header) it names silences it."""
    commented: dict[int, Entry] | None = None
    for rule in rules:
        if rule.scope != CATALOG:
            continue
        for finding in rule.check(ctx):
            if commented is None:
                everything = ctx.catalog.entries if ctx.catalog.header_entry is None else (ctx.catalog.header_entry, *ctx.catalog.entries)
                commented = {e.line: e for e in everything if e.translator_comments}
            entry = commented.get(finding.line)
            by = silencer(ignores_of(entry), rule, finding.concept) if entry is not None and entry.msgid == finding.msgid else None
            yield finding if by is None else Ignored(finding, by.comment)


def check_entries(entries: Iterable[Entry], ctx: Context, rules: list[Rule],
                  settled: dict[str, tuple[str, bool]]) -> list[tuple[list[Finding], list[Mention]]]:
    """Each entry's findings and mentions (one pair per entry, in order), as `check` reports them:
    entry rules, ignore comments applied, severity and blocking settled (see `settled_rules`).

    For callers that check some entries of a catalog again, as an editor does after an edit;
    `ctx` is the catalog's (`catalog_context`).
    """
    entry_rules = entry_checks(rules)
    results = []
    for entry in entries:
        found, listed = entry_results(entry, ctx, entry_rules) if entry.msgid else ([], [])
        results.append((settle(found, settled), [m for m in listed if m.__class__ is Mention]))
    return results


def check_catalogs(catalogs: list[tuple[Catalog, str]], rules: list[Rule], glossary: GlossaryIndex | None, settled: dict[str, tuple[str, bool]],
                   ignored: list[Ignored] | None = None) -> list[Finding]:
    """The findings of the catalog rules (those that read a catalog's header and all its entries,
    such as plural-forms) on each of `catalogs`, ignore comments applied, settled; those the
    comments silence are added to `ignored` when given."""
    results = [f for catalog, name in catalogs for f in catalog_findings(catalog_context(catalog, name, glossary), rules)]
    return split_ignored(results, settled, ignored)


def check_project(catalogs: list[tuple[Catalog, str]], rules: list[Rule], glossary: GlossaryIndex | None, settled: dict[str, tuple[str, bool]],
                  ignored: list[Ignored] | None = None) -> list[Finding]:
    """The findings of the project rules (those that compare catalogs) over `catalogs`, settled;
    those ignore comments silence are added to `ignored` when given."""
    return split_ignored([f for rule in rules if rule.scope == PROJECT for f in rule.check(catalogs, glossary)], settled, ignored)


def split_ignored(results: list[Finding | Ignored], settled: dict[str, tuple[str, bool]], ignored: list[Ignored] | None) -> list[Finding]:
    """The findings among `results`, settled; the Ignored ones, settled, appended to `ignored` (when given)."""
    if ignored is not None:
        ignored.extend(settle_ignored([r for r in results if r.__class__ is Ignored], settled))
    return settle([r for r in results if r.__class__ is Finding], settled)


def settle_ignored(ignored: Iterable[Ignored], settled: dict[str, tuple[str, bool]]) -> list[Ignored]:
    """Silenced findings with the severity their rule has, never blocking: silenced, they block nothing."""
    return [Ignored(replace(i.finding, severity=settled[i.finding.rule][0], blocking=False), i.comment) for i in ignored]


def settle(findings: list[Finding], settled: dict[str, tuple[str, bool]]) -> list[Finding]:
    """The findings with the severity and blocking `settled` gives their rule."""
    return [f if (f.severity, f.blocking) == settled[f.rule] else replace(f, severity=settled[f.rule][0], blocking=settled[f.rule][1])
            for f in findings]


def run_entry_rules(
    catalogs: list[tuple[Catalog, str]], rules: list[Rule], glossary: GlossaryIndex | None, cache_dir: str | Path | None, jobs: int | None,
    progress: Callable[[str, int, int], None] | None, settled: dict[str, tuple[str, bool]],
) -> tuple[list[Finding], list[Mention], list[Ignored]]:
    """The entry rules' findings on every message, catalog by catalog and entry by entry, as a serial
    run gives them, the mentions (rule 12) and the findings ignore comments silence: cached results
    where the cache has them, the rest checked in chunks, by forked workers when `jobs` (or the
    amount of work) calls for them."""
    entry_rules = entry_checks(rules)  # the ttk rules as one call (rules/base.py)
    contexts = [catalog_context(c, name, glossary) for c, name in catalogs]
    messages = [[e for e in c.entries if e.msgid] for c, _ in catalogs]  # the header is no message
    found: list[list[list[Finding] | None]] = [[None] * len(m) for m in messages]
    mentions: list[Mention | Ignored] = []  # few: put in order at the end
    pending: list[Sequence[int]] = []  # per catalog: indexes (into messages) the rules must check
    stores: list[ResultCache | None] = []
    digests: list[list[bytes]] = []  # per catalog: the cache digest of each pending message
    glossary_hash = glossary_fingerprint(glossary.glossary if glossary is not None else None) if cache_dir is not None else None
    for index, ((catalog, name), msgs) in enumerate(zip(catalogs, messages)):
        if cache_dir is None:
            pending.append(range(len(msgs)))  # not a list: a million int objects would weigh 36 MB
            stores.append(None)
            continue
        store = ResultCache(cache_dir, catalog, catalog_key(catalog, [r.id for r in rules], glossary_hash), [r.id for r in rules])
        todo, todo_digests = [], []
        for i, entry in enumerate(msgs):
            digest, rows = store.get(entry)
            if rows is None:
                todo.append(i)
                todo_digests.append(digest)
            elif rows:
                found[index][i] = from_rows(rows, entry, name, catalog.language, settled) or None
                mentions.extend(mentions_from_rows(rows, entry, name, catalog.language))
                mentions.extend(ignored_from_rows(rows, entry, name, catalog.language, settled))
        pending.append(todo)
        stores.append(store)
        digests.append(todo_digests)

    total = sum(map(len, messages))
    left = sum(map(len, pending))
    done = total - left
    if progress and total:
        progress("checking", done, total)
    jobs = default_jobs(left) if jobs is None else max(1, jobs)
    if jobs > 1 and glossary is not None:
        # Compile each language's matcher once, before forking, rather than once per worker.
        for language in {glossary.source, *(ctx.language for ctx in contexts if ctx.language)}:
            glossary.find("", language)
    # Serial chunks are small so that the progress bar moves; parallel ones large enough that a
    # worker's start-up and results are cheap against its work, yet eight or so per worker to share it out.
    size = 256 if jobs == 1 else min(10_000, max(500, left // (jobs * 8)))
    chunks = [(index, start, min(start + size, len(todo))) for index, todo in enumerate(pending) for start in range(0, len(todo), size)]

    def check_chunk(chunk: tuple[int, int, int]) -> list[tuple[list[Finding], list[Mention]]]:
        index, start, end = chunk
        ctx, msgs = contexts[index], messages[index]
        return [entry_results(msgs[i], ctx, entry_rules) for i in pending[index][start:end]]

    def rows_of_chunk(chunk: tuple[int, int, int]) -> list[tuple]:  # what a worker sends back: plain data
        index, start, end = chunk
        msgs = messages[index]
        return [to_rows(f, msgs[i], m) for i, (f, m) in zip(pending[index][start:end], check_chunk(chunk))]

    for number, outcomes, as_rows in forked_map(check_chunk, chunks, jobs, remote=rows_of_chunk):
        index, start, end = chunks[number]
        (catalog, name), msgs, store = catalogs[index], messages[index], stores[index]
        for position, i, outcome in zip(range(start, end), pending[index][start:end], outcomes):
            entry = msgs[i]
            if as_rows:
                rows = outcome
                entry_found = from_rows(rows, entry, name, catalog.language, settled)
                entry_mentions = [*mentions_from_rows(rows, entry, name, catalog.language),
                                  *ignored_from_rows(rows, entry, name, catalog.language, settled)]
            else:
                entry_found, entry_mentions = outcome
                rows = to_rows(entry_found, entry, entry_mentions) if store is not None else None
            found[index][i] = entry_found or None
            mentions.extend(entry_mentions)
            if store is not None:
                store.put(digests[index][position], rows)
        done += end - start
        if progress:
            progress("checking", done, total)
    for store in stores:
        if store is not None:
            store.save()
    ignored = settle_ignored((m for m in mentions if m.__class__ is Ignored), settled)
    mentions = sorted((m for m in mentions if m.__class__ is Mention), key=lambda m: (m.catalog, m.line, m.concept, m.term))
    return [f for per_catalog in found for per_entry in per_catalog if per_entry for f in per_entry], mentions, ignored


def read_catalogs(paths: list[str | Path | Catalog], languages: Requested | None = None,
                  progress: Callable[[str, int, int], None] | None = None) -> list[tuple[Catalog, str]]:
    """The catalogs at `paths` (files or folders, or catalogs the caller loaded) and their names as
    reports show them: templates left out, and only those gettext reads for `languages` when
    given. A template named on its own (it holds no translation; beside catalogs it is passed over), a language naming no catalog
    and no catalog at all are input errors: a gate that checks nothing must not pass. Call it
    within collector_spares_existing(): each catalog read joins the objects the collector skips."""
    names = catalog_names(languages) if languages else None
    loaded = [p for p in paths if isinstance(p, Catalog)]  # read already (publish reads them for its pages)
    named = [Path(p) for p in paths if not isinstance(p, Catalog)]
    # A template named on its own is a mistake; beside catalogs (`check catalogs/*`) it is passed over
    # as a folder's template is.
    templates_named = [path for path in named if path.suffix == ".pot" and path.is_file()]
    if templates_named and not loaded and len(templates_named) == len(named):
        raise InputError(templates_named[0], None, "a template holds no translation to check: name the language "
                         "catalogs made from it (`i18n-check update` creates them), or their folder")

    files: list[Catalog | Path] = [*loaded, *find_catalogs(named)]
    seen: list[str | None] = []  # the language of every catalog read, for the error naming them
    templates = 0
    matched: set[str] = set()    # the requested languages that named a catalog
    catalogs: list[tuple[Catalog, str]] = []
    for index, item in enumerate(files):
        catalog = item if isinstance(item, Catalog) else load_catalog(item)
        gc.freeze()  # this catalog joins the objects the collector leaves alone
        if progress:
            progress("reading", index + 1, len(files))
        if catalog.is_template:
            templates += 1
            continue  # a template in a folder has nothing to check but its syntax, which loading just did
        if names is not None:
            seen.append(catalog.language)
            codes = codes_for(names, catalog.language)
            if not codes:
                continue
            matched |= codes
        catalogs.append((catalog, display_path(catalog.path)))
    if languages:
        require_found(languages, matched, seen)
    if not catalogs:
        where = paths[0] if len(paths) == 1 and not loaded else None
        if templates:
            raise InputError(where, None, "no catalog to check: only templates (*.pot) found; `i18n-check update` "
                                          "makes the language catalogs from a template")
        raise InputError(where, None, "no catalog to check")
    return catalogs


def check(
    paths: list[str | Path | Catalog],
    *,
    glossary: Glossary | GlossaryIndex | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    fail_on: Iterable[str] | None = None,
    extend_fail_on: Iterable[str] = (),
    languages: Iterable[str] | Requested | None = None,
    glossary_path: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cache_dir: str | Path | None = None,
    jobs: int | None = None,
) -> Report:
    """Check catalogs (files or folders, or catalogs the caller loaded) and return the Report;
    nothing is printed here.

    `glossary`: a loaded Glossary, or its GlossaryIndex when the caller keeps one (else it is
    compiled for this run). `fail_on`: the rules that block (None: CONTRACT §2's default),
    `extend_fail_on` more of them.
    `languages` restricts the run to the catalogs gettext reads for those locales (i18n_check.languages);
    a language naming no catalog, a template named on its own (it holds no translation) and a run
    left with no catalog are input errors: a gate that checks nothing must not pass.
    `progress(stage, done, total)` hears of the work: stage "reading" counts files, "checking"
    counts messages. `cache_dir`: a folder keeping each message's results for the next run
    (i18n_check.cache; None: no cache, no file written). `jobs`: processes running the rules
    (None: one per core when there are many messages to check, else 1; 1: this process only).
    The report is the same whatever the cache holds and however many jobs run.
    """
    glossary = compiled(glossary)  # once for the run: every rule and catalog shares it
    if glossary is not None and glossary_path is None:
        glossary_path = glossary.glossary.path or "(in memory)"  # the report says which glossary, or none
    rules = select_rules(select, ignore, extend_select)
    blocking = blocking_rules(fail_on, extend_fail_on)
    languages = as_requested(languages)
    # Catalogs and the glossary are millions of objects without reference cycles: the collector
    # leaves them alone (and the objects alive before) until the report is made.
    with collector_spares_existing():
        catalogs = read_catalogs(paths, languages, progress)
        if glossary is not None and any(rule.family == "glossary" for rule in rules):
            require_languages_known(catalogs)
        settled = settled_rules(fail_on, extend_fail_on)  # what check.py alone decides
        findings, mentions, ignored = run_entry_rules(catalogs, rules, glossary, cache_dir, jobs, progress, settled)
        findings.extend(check_catalogs(catalogs, rules, glossary, settled, ignored))
        findings.extend(check_project(catalogs, rules, glossary, settled, ignored))
        stats = [stats_of(c, name) for c, name in catalogs]
        del catalogs  # the findings keep only the strings they show

        findings = settle(findings, settled)
        findings.sort(key=lambda f: (f.catalog, f.line, f.rule, f.concept or ""))
        ignored.sort(key=lambda i: (i.finding.catalog, i.finding.line, i.finding.rule, i.finding.concept or ""))
    return Report(catalogs=tuple(stats), findings=tuple(findings), glossary=glossary_path, rules=rule_table(rules, blocking),
                  mentions=tuple(mentions), ignored=tuple(ignored))
