"""Glossary scale: does the cost per message stay flat from 100 to 10,000 concepts?

Builds synthetic glossaries of 100, 1,000 and 10,000 concepts from real words (those of
the real Django and Sphinx catalogs) and checks 100,000 French messages scaled from the
real French catalogs with each: the matcher alone (`find` on every msgstr) and the three
glossary rules on (msgid, msgstr) entries. Each size runs in its own process, so its peak
memory (max RSS) is its own.

What grows with the glossary must be the glossary, not the number of matches: a message
holds a handful of glossary terms whatever the glossary's size. So every glossary holds the
same 100 "hot" concepts, made of words of the messages, and the larger ones add "cold"
concepts: multi-word terms of real words that mostly start with a word of the messages (so
the index is walked, then the run fails, as it does for real glossaries), and one-word terms
of real words that the messages do not hold (the held-out half of the catalogs, German and
English words). `--saturated` instead draws every term from the messages' own words: then
the matches per message grow with the glossary, and so does the cost, per match.

    .venv/bin/python bench/bench_glossary.py [--messages 100000] [--sizes 100,1000,10000] [--saturated]

Prints, per size: glossary load time, matcher compile time, messages/s for the matcher and
for the rules, the per-message cost relative to the smallest glossary, matches per message,
and peak memory. Times are CPU seconds of the measuring process (time.process_time), so
that other work on the machine disturbs the ratios less than wall time would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
import yaml

from common import realdata

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORD = re.compile(r"[^\W\d_]{4,}")
SEED = 2020  # the year the derogation was proposed: any fixed seed keeps runs comparable


def real_entries(lang: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every translated singular entry of the real catalogs in `lang`."""
    pairs = []
    for path in sorted(realdata().rglob(f"{lang}/LC_MESSAGES/*.po")):
        for e in polib.pofile(str(path)):
            if e.msgstr and not e.obsolete and "fuzzy" not in e.flags:
                pairs.append((e.msgid, e.msgstr))
    return pairs


def vocabulary(texts: list[str]) -> list[str]:
    """Distinct words of 4+ letters, in first-seen order (so the sample is reproducible)."""
    return list(dict.fromkeys(w for t in texts for w in WORD.findall(t)))


def phrase(rng: random.Random, first: list[str], rest: list[str], sizes=(1, 1, 2, 2, 3)) -> str:
    """A term of 1 to 3 real words (most glossary terms are one or two words)."""
    n = rng.choice(sizes)
    return " ".join([rng.choice(first)] + [rng.choice(rest) for _ in range(n - 1)])


HOT = 100  # concepts every glossary shares, made of the messages' own words


def build_glossary(size: int, hot: dict[str, list[str]], cold: dict[str, list[str]], saturated: bool = False) -> str:
    """glossary.yaml text with `size` concepts whose terms are made of real words."""
    concepts = []
    seen: set[str] = set()
    rng = random.Random(SEED)  # the hot core is the same in every size
    while len(concepts) < size:
        if len(concepts) == HOT and not saturated:
            rng = random.Random(SEED + size)

        def term(lang: str) -> str:
            if saturated or len(concepts) < HOT:
                return phrase(rng, hot[lang], hot[lang])
            if rng.random() < 0.4:  # a one-word term the messages do not hold
                return rng.choice(cold[lang])
            first = hot[lang] if rng.random() < 0.7 else cold[lang]
            return phrase(rng, first, cold[lang], sizes=(2, 2, 3))

        source = term("en")
        if source.lower() in seen:
            continue
        seen.add(source.lower())
        concept = {"id": f"c{len(concepts)}", "en": [source]}
        for lang in ("fr", "de"):
            ok, bad = term(lang), term(lang)
            concept[lang] = {"preferred": [ok]}
            if bad.lower() != ok.lower():
                concept[lang]["forbidden"] = [bad]
        concepts.append(concept)
    data = {"version": 1, "source": "en", "languages": ["fr", "de"], "concepts": concepts}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def vocabularies(messages: list[tuple[str, str]], held_out: list[tuple[str, str]], german: list[str]) -> tuple[dict, dict]:
    """Hot words (in the messages) and cold words (real words whose stems the messages never hold), per language."""
    from i18n_check.glossary.stem import stemmer_for

    hot = {"fr": vocabulary([s for _, s in messages]), "en": vocabulary([m for m, _ in messages]), "de": vocabulary(german)}
    cold = {}
    for lang, others in (("fr", [s for _, s in held_out] + german), ("en", [m for m, _ in held_out] + german), ("de", german)):
        stem = stemmer_for(lang)
        texts = [s for _, s in messages] if lang == "fr" else [m for m, _ in messages] if lang == "en" else []
        taken = {stem(w.lower()) for t in texts for w in re.findall(r"[^\W\d_]+", t)}
        # A stem under 4 letters would also be a stem of short message words (German "leer" is
        # French "le", like "les"): lint flags such terms, a benchmark must not build them.
        cold[lang] = [w for w in vocabulary(others) if len(stem(w.lower())) >= 4 and stem(w.lower()) not in taken] or hot[lang]
    return hot, cold


def scaled(pairs: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """`count` entries cycling through the real ones (a real catalog repeats its words too)."""
    return [pairs[i % len(pairs)] for i in range(count)]


def one_size(size: int, messages: int, saturated: bool = False) -> dict:
    """Measure one glossary size in this process; returns the figures."""
    from i18n_check.catalog import Catalog, Entry
    from i18n_check.glossary import load_glossary
    from i18n_check.glossary.index import GlossaryIndex
    from i18n_check.rules.base import Context
    from i18n_check.rules.glossary import RULES

    fr = real_entries("fr")
    sample, held_out = fr[::2], fr[1::2]
    hot, cold = vocabularies(sample, held_out, [s for _, s in real_entries("de")])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"glossary-{size}.yaml"
        path.write_text(build_glossary(size, hot, cold, saturated), encoding="utf-8")
        started = time.process_time()
        glossary = GlossaryIndex(load_glossary(path))
        load = time.process_time() - started
    started = time.process_time()
    matcher = glossary.matcher("fr")
    glossary.matcher("en")
    compile_s = time.process_time() - started

    entries = scaled(sample, messages)
    find_s = float("inf")
    for _ in range(2):  # the best of two passes: the first also fills the stem cache
        started = time.process_time()
        matches = 0
        for _msgid, msgstr in entries:
            matches += len(matcher.find(msgstr))
        find_s = min(find_s, time.process_time() - started)

    catalog = Catalog(Path("fr.po"), "fr", {}, ())
    ctx = Context(catalog, "fr", "fr.po", glossary)
    checks = [r.check for r in RULES]
    findings = 0
    started = time.process_time()
    for index, (msgid, msgstr) in enumerate(entries):
        entry = Entry(msgid, (msgstr,), index + 1)
        for check in checks:
            for _ in check(entry, ctx):
                findings += 1
    rules_s = time.process_time() - started
    return {
        "concepts": size, "messages": messages, "load_s": load, "compile_s": compile_s,
        "find_per_s": messages / find_s, "rules_per_s": messages / rules_s,
        "find_us": find_s / messages * 1e6, "rules_us": rules_s / messages * 1e6,
        "matches_per_message": matches / messages, "findings": findings,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--saturated", action="store_true", help="draw every term from the messages' own words")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.messages, args.saturated)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--messages", str(args.messages)] + ["--saturated"] * args.saturated,
                             check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out))
        print(f"measured {size} concepts", file=sys.stderr)
    base = rows[0]
    kind = "every term from the messages' words" if args.saturated else f"{HOT} hot concepts + cold ones"
    print(f"{args.messages:,} French messages (real Django/Sphinx msgstr, cycled); glossary: {kind}")
    print(f"{'concepts':>9} {'load s':>7} {'compile s':>9} {'find msg/s':>11} {'rules msg/s':>12} {'find cost':>10} {'rules cost':>11} {'matches/msg':>12} {'peak MB':>8}")
    for r in rows:
        print(f"{r['concepts']:>9,} {r['load_s']:>7.3f} {r['compile_s']:>9.3f} {r['find_per_s']:>11,.0f} {r['rules_per_s']:>12,.0f} "
              f"{r['find_us'] / base['find_us']:>9.2f}x {r['rules_us'] / base['rules_us']:>10.2f}x {r['matches_per_message']:>12.2f} {r['peak_mb']:>8.0f}")
    print(f"cost per message, {rows[-1]['concepts']:,} vs {base['concepts']:,} concepts: matcher {rows[-1]['find_us'] / base['find_us']:.2f}x, "
          f"rules {rows[-1]['rules_us'] / base['rules_us']:.2f}x (target: at most 1.3x)")


if __name__ == "__main__":
    main()
