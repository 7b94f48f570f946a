"""Prints what the glossary's size costs: matching per message, loading, and the whole check.

Issue 17: target 2, 10,000 concepts cost at most 1.3x what 100 concepts cost per message, with both
glossary shapes of generate.py (dictionary words, most of which never occur; the catalogs' aligned
wording with many multi-word terms sharing common first words, most of which do); target 5, a
10,000-concept glossary loads in under 0.5 s cold, and its compiled form is kept across runs.
Matching alone is timed inside one process (the catalog and glossary loaded first, each language's
matcher compiled before the clock starts): every msgid, msgid_plural and non-empty msgstr of the
catalog through `Glossary.find`, wall and CPU, median of --runs processes. Loading is timed in a fresh
process: parsing the file (cold, no cache); parsing, compiling every language's matcher and storing
them (stored_glossary.load_compiled with an empty cache folder: a check's first run); and reading
that back (the next run). For reference, the same file through PyYAML's C loader with and without
the garbage collector.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import (
    SHAPES, SIZES, bench_env, catalog, clear_caches, glossary, machine, measure, ratio, scratch_dir, seconds, table, tool, verdict,
)


# --- inside the measured build's interpreter ------------------------------------------------


def inner_load(path: str, folder: str = "") -> dict:
    """Parse the glossary (no `folder`), or read it compiled from `folder` (stored first if not there)."""
    start = time.perf_counter()
    from i18n_check.glossary import load_glossary

    imported, cpu = time.perf_counter(), time.process_time()
    if folder:  # as `check` does: read back (or parsed), then stored when it was not (a compile of every language)
        from i18n_check.stored_glossary import keep_compiled, load_compiled

        keep_compiled(load_compiled(path, folder))
    else:
        load_glossary(path)
    return {"import": imported - start, "load": time.perf_counter() - imported, "cpu": time.process_time() - cpu}


def inner_match(path: str, po: str) -> dict:
    from i18n_check.catalog import load_catalog
    from i18n_check.glossary import load_glossary
    from i18n_check.glossary.index import GlossaryIndex
    from i18n_check.languages import base_language

    gloss, cat = GlossaryIndex(load_glossary(path)), load_catalog(po)
    lang = base_language(cat.language)
    texts = [(s, gloss.source) for e in cat.entries if e.msgid for s in e.sources]
    texts += [(f, lang) for e in cat.entries if e.msgid for f in e.msgstr if f]
    gloss.find("warm up", gloss.source), gloss.find("warm up", lang)  # compile both matchers first
    start, cpu = time.perf_counter(), time.process_time()
    found = sum(len(gloss.find(text, text_lang)) for text, text_lang in texts)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"messages": sum(1 for e in cat.entries if e.msgid), "texts": len(texts), "matches": found, "wall": wall, "cpu": cpu}


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
        sizes = [(shape, concepts) for shape in SHAPES for concepts in (100, 1_000, 10_000)]
        results: dict[tuple[str, int], list[dict]] = {size: [] for size in sizes}
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits every size alike
            for (shape, concepts), found in results.items():
                result = inner(python, scratch, "match", str(glossary(concepts, shape)), str(po))
                if result:
                    found.append(result)
        match: dict[tuple[str, int], float | None] = {}
        rows = []
        for (shape, concepts), found in results.items():
            if not found:
                match[shape, concepts] = None
                continue
            wall, cpu = statistics.median(r["wall"] for r in found), statistics.median(r["cpu"] for r in found)
            match[shape, concepts] = cpu / found[0]["messages"]
            base = match.get((shape, 100))
            rows.append([shape, f"{concepts:,}", seconds(wall), seconds(cpu), f"{1e6 * match[shape, concepts]:.1f} µs",
                         f"{found[0]['matches']:,}", ratio(match[shape, concepts] / base) if base else "n/a"])
        print(table(["shape", "concepts", "matching alone, wall", "CPU", "CPU per message", "matches", "x 100 concepts (CPU)"], rows)
              if rows else "matching: n/a")
        print()

        rows, loads = [], {}
        for shape, concepts in (("dictionary", 100), ("aligned", 10_000), ("dictionary", 10_000), ("dictionary", 100_000)):
            path = str(glossary(concepts, shape))
            clear_caches(scratch)
            folder = scratch / "glossary-cache"
            shutil.rmtree(folder, ignore_errors=True)
            cold = inner(python, scratch, "load", path)
            first, stored = inner(python, scratch, "load", path, str(folder)), inner(python, scratch, "load", path, str(folder))
            loads[shape, concepts] = cold, stored
            rows.append([shape, f"{concepts:,}", seconds(cold and cold["cpu"]), seconds(first and first["cpu"]),
                         seconds(stored and stored["cpu"]), seconds(cold and cold["import"])])
        print(table(["shape", "concepts", "parse, cold (CPU)", "parse + compile + store (CPU)", "read back compiled (CPU)",
                     "import i18n_check.glossary"], rows))
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

    verdicts = []
    for shape in SHAPES:
        cost = match[shape, 10_000] / match[shape, 100] if match.get((shape, 10_000)) and match.get((shape, 100)) else None
        verdicts.append([f"2. matching CPU per message, 10,000 / 100 concepts ({shape})", ratio(cost), "<= 1.3x",
                         verdict(None if cost is None else cost <= 1.3)])
    for shape in ("aligned", "dictionary"):
        cold, stored = loads[shape, 10_000]
        verdicts.append([f"5. load of 10,000 concepts ({shape}), cold (CPU)", seconds(cold and cold["cpu"]), "< 0.5 s",
                         verdict(None if cold is None else cold["cpu"] < 0.5)])
        verdicts.append(["5. the same, compiled, read back from the cache (CPU)", seconds(stored and stored["cpu"]), "< 0.5 s",
                         verdict(None if stored is None else stored["cpu"] < 0.5)])
    whole = walls[10_000] / walls[100] if walls.get(10_000) and walls.get(100) else None
    verdicts.append(["(whole check with 10,000 / with 100 concepts, load included)", ratio(whole), "-", "-"])
    print(table(["target", "measured", "required", "verdict"], verdicts))

if __name__ == "__main__":
    main()
