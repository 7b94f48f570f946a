"""Prints what glossary version 2's citations cost the glossary rules per message (CONTRACT §3 rule 12).

The three glossary rules run in-process over a generated catalog (matchers compiled first), timed in
CPU seconds (best of --runs: the machine is shared), with the bench glossary as generated and with the
same glossary given `citations`: N per language (--counts), made of dictionary words as official
titles are, and a share of them (--shares) real messages of the catalog itself, which occur and
share the catalog's vocabulary and glossary terms: the worst case, where many texts must be looked
at for citations. Only a term of a concept that some citation holds makes the rules look for
citations in a text (glossary/citations.py, Glossary.citations_around).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import yaml

from common import catalog, glossary, machine, ratio, scratch_dir, table

WORDS = Path("/usr/share/dict/words")


def with_citations(source: Path, po: Path, count: int, target: Path, share: float = 0.2) -> None:
    """`source` made version 2, with `count` citations in English and in the catalog's language,
    `share` of them real messages of the catalog."""
    from i18n_check.catalog import load_catalog

    rng = random.Random(7)
    entries = [e for e in load_catalog(po).entries if e.msgid and e.msgstr and e.msgstr[0]]
    real = [(e.msgid, e.msgstr[0]) for e in entries if 3 <= len(e.msgid.split()) <= 12 and not set("%{<") & set(e.msgid)]
    rng.shuffle(real)
    words = [w for w in WORDS.read_text(encoding="utf-8").split() if w.isalpha()] if WORDS.exists() else [f"w{i}" for i in range(50_000)]
    made = [" ".join(rng.choice(words) for _ in range(6)) for _ in range(2 * count)]
    citations = {}
    for lang, side in (("en", 0), ("fr", 1)):
        chosen = [pair[side] for pair in real[: int(count * share)]] + made[side * count:]
        unique = {" ".join(c.casefold().split()): c for c in chosen}
        citations[lang] = list(unique.values())[:count]
    text = source.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1)
    target.write_text(text + "\n" + yaml.safe_dump({"citations": citations}, allow_unicode=True, width=1000), encoding="utf-8")


def rules_cpu(po: Path, gloss: Path, runs: int) -> tuple[float, float, int]:
    """CPU seconds (best of `runs`) to compile the citations (finders, cited concepts) and to run the rules; findings."""
    from i18n_check.catalog import load_catalog
    from i18n_check.check import catalog_context, entry_results
    from i18n_check.rules import entry_checks
    from i18n_check.rules.select import select_rules
    from i18n_check.glossary import load_glossary
    from i18n_check.glossary.index import GlossaryIndex

    cat, rules = load_catalog(po), select_rules(["glossary"])
    best, compiled, found = None, None, 0
    for _ in range(runs):
        g = GlossaryIndex(load_glossary(gloss))
        g.find("warm up", g.source), g.find("warm up", "fr")
        start = time.process_time()
        for lang in (g.source, "fr"):
            g.citation_spans("warm up", lang), g.cited_concepts(lang)
        compiling = time.process_time() - start
        start = time.process_time()
        ctx, checks = catalog_context(cat, "x", g), entry_checks(rules)
        found = sum(len(entry_results(entry, ctx, checks)[0]) for entry in cat.entries if entry.msgid)
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
        compiled = compiling if compiled is None else min(compiled, compiling)
    return compiled, best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="100k")
    parser.add_argument("--concepts", type=int, default=1_000)
    parser.add_argument("--counts", default="10,1000,10000", help="citations per language, comma-separated")
    parser.add_argument("--shares", default="0,0.2", help="shares of them that are real messages, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    po, source = catalog(args.size, "fr"), glossary(args.concepts)
    messages = int(args.size.replace("k", "000").replace("m", "000000"))
    print(machine())
    _, plain_cpu, plain_found = rules_cpu(po, source, args.runs)
    rows = [[f"glossary {args.concepts:,}", "", f"{plain_cpu:.2f} s", f"{plain_cpu / messages * 1e6:.1f} µs", "1.00x", str(plain_found)]]
    with scratch_dir() as scratch:
        for count in map(int, args.counts.split(",")):
            for share in map(float, args.shares.split(",")):
                cited = Path(scratch) / "cited.yaml"
                with_citations(source, po, count, cited, share)
                compiled, cpu, found = rules_cpu(po, cited, args.runs)
                rows.append([f"+ {count:,} citations per language, {share:.0%} real messages", f"{compiled:.2f} s", f"{cpu:.2f} s",
                             f"{cpu / messages * 1e6:.1f} µs", ratio(cpu / plain_cpu), str(found)])
    print(table(["glossary rules on " + args.size + " fr", "compile citations", "rules CPU (best)", "per message", "x plain", "findings"], rows))


if __name__ == "__main__":
    main()
