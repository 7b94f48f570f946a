"""Prints what the glossary's size costs: matching per message, loading, and the whole check (target 3).

Target 3: 10,000 concepts cost at most 1.3x what 100 concepts cost per message, and a 10,000-concept
glossary loads in under 1 s. Matching alone is timed inside one process (the catalog and glossary
loaded first, each language's matcher compiled before the clock starts): every msgid, msgid_plural and
non-empty msgstr of the catalog through `Glossary.find`, median of --runs processes. Loading is timed in a fresh process, first
with no cache (cold), then again (warm: a compiled form cached on disk, if the glossary keeps one).
For reference, the same file through PyYAML's C loader with and without the garbage collector.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import (
    SIZES, bench_env, catalog, clear_caches, glossary, machine, measure, ratio, scratch_dir, seconds, table, tool, verdict,
)


# --- inside the measured build's interpreter ------------------------------------------------


def inner_load(path: str) -> dict:
    start = time.perf_counter()
    from i18n_check.glossary import load_glossary

    imported = time.perf_counter()
    load_glossary(path)
    return {"import": imported - start, "load": time.perf_counter() - imported}


def inner_match(path: str, po: str) -> dict:
    from i18n_check.catalog import base_language, load_catalog
    from i18n_check.glossary import load_glossary

    gloss, cat = load_glossary(path), load_catalog(po)
    lang = base_language(cat.language)
    texts = [(s, gloss.source) for e in cat.entries if e.msgid for s in e.sources]
    texts += [(f, lang) for e in cat.entries if e.msgid for f in e.msgstr if f]
    gloss.find("warm up", gloss.source), gloss.find("warm up", lang)  # compile both matchers first
    start = time.perf_counter()
    found = sum(len(gloss.find(text, text_lang)) for text, text_lang in texts)
    wall = time.perf_counter() - start
    return {"messages": sum(1 for e in cat.entries if e.msgid), "texts": len(texts), "matches": found, "wall": wall}


def inner_yaml(path: str) -> dict:
    import gc

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = Path(path).read_text(encoding="utf-8")
    start = time.perf_counter()
    yaml.load(text, Loader=loader)
    with_gc = time.perf_counter() - start
    gc.disable()
    start = time.perf_counter()
    yaml.load(text, Loader=loader)
    return {"gc": with_gc, "no_gc": time.perf_counter() - start, "c": loader.__name__}


# --- the driver -----------------------------------------------------------------------------


def inner(python: str, scratch: Path, *args: str) -> dict | None:
    """Run one inner measurement in a fresh process of the measured build; None when it fails."""
    done = subprocess.run([python, str(Path(__file__).resolve()), "--inner", *args], capture_output=True, text=True,
                          cwd=scratch, env=bench_env(scratch))
    if done.returncode:
        print(f"  n/a: {(done.stderr.strip().splitlines() or ['exit ' + str(done.returncode)])[-1][:200]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        what, *args = sys.argv[2:]
        print(json.dumps({"load": inner_load, "match": inner_match, "yaml": inner_yaml}[what](*args)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=list(SIZES), help="catalog size (default: %(default)s)")
    parser.add_argument("--lang", default="fr", choices=["fr", "de"])
    parser.add_argument("--runs", type=int, default=3, help="runs of each matching and whole check; medians shown (default: %(default)s)")
    parser.add_argument("--no-check", action="store_true", help="skip the whole-check rows (the slow part)")
    args = parser.parse_args()

    po, messages = catalog(args.size, args.lang), SIZES[args.size]
    i18n_check = tool("i18n-check")
    python = str(Path(i18n_check).parent / "python")
    print(f"# glossary: {args.lang} catalog of {messages:,} messages; {machine()}\n")
    with scratch_dir() as tmp:
        scratch = Path(tmp)
        results: dict[int, list[dict]] = {100: [], 1_000: [], 10_000: []}
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits every size alike
            for concepts, found in results.items():
                result = inner(python, scratch, "match", str(glossary(concepts)), str(po))
                if result:
                    found.append(result)
        match: dict[int, float | None] = {}
        rows = []
        for concepts, found in results.items():
            if not found:
                match[concepts] = None
                continue
            wall = statistics.median(r["wall"] for r in found)
            match[concepts] = wall / found[0]["messages"]
            rows.append([f"{concepts:,}", seconds(wall), f"{found[0]['messages'] / wall:,.0f}", f"{1e6 * match[concepts]:.1f} µs",
                         f"{found[0]['matches']:,}", ratio(match[concepts] / match[100]) if match[100] else "n/a"])
        print(table(["concepts", "matching alone", "messages/s", "per message", "matches", "x 100 concepts"], rows) if rows else "matching: n/a")
        print()

        rows, loads = [], {}
        for concepts in (100, 10_000, 100_000):
            clear_caches(scratch)
            cold, warm = inner(python, scratch, "load", str(glossary(concepts))), inner(python, scratch, "load", str(glossary(concepts)))
            loads[concepts] = warm and warm["load"]
            rows.append([f"{concepts:,}", seconds(cold and cold["load"]), seconds(warm and warm["load"]), seconds(cold and cold["import"])])
        print(table(["concepts", "load, cold", "load, again (warm)", "import i18n_check.glossary"], rows))
        reference = inner(str(Path(sys.executable)), scratch, "yaml", str(glossary(10_000)))
        if reference:
            print(f"\nreference: PyYAML {reference['c']} load of the 10,000-concept file: {reference['gc']:.2f} s, "
                  f"{reference['no_gc']:.2f} s with the garbage collector off")
        print()

        walls = {}
        if not args.no_check:
            rows = []
            for concepts in (None, 100, 10_000):
                gloss = ["--glossary", str(glossary(concepts))] if concepts else ["--no-glossary"]
                wall, _cpu, code, last = measure([i18n_check, "check", str(po), *gloss, "-o", "report.txt"], args.runs, scratch)
                walls[concepts] = wall
                rows.append([f"{concepts:,}" if concepts else "none", seconds(wall), f"{messages / wall:,.0f}" if wall else f"n/a: {last[:100]}"])
            print(table(["concepts", "whole check (median)", "messages/s"], rows))
            print()

    cost = match[10_000] / match[100] if match.get(10_000) and match.get(100) else None
    whole = walls[10_000] / walls[100] if walls.get(10_000) and walls.get(100) else None
    print(table(["target", "measured", "required", "verdict"], [
        ["3. matching cost per message, 10,000 / 100 concepts", ratio(cost), "<= 1.3x", verdict(None if cost is None else cost <= 1.3)],
        ["3. load of 10,000 concepts (warm)", seconds(loads.get(10_000)), "< 1 s", verdict(None if loads.get(10_000) is None else loads[10_000] < 1)],
        ["3. (whole check with 10,000 / with 100 concepts, load included)", ratio(whole), "-", "-"],
    ]))


if __name__ == "__main__":
    main()
