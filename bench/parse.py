"""Prints how long each PO reader takes to parse the same catalog: polib, Babel, translate-toolkit, msgfmt, ours.

Python readers are timed inside a fresh process (import excluded), msgfmt as a whole process;
i18n-check's `load_catalog` is the reader the check path uses. Median of --runs. Memory, for the
Python readers: the process's peak RSS, and what the parsed catalog keeps (RSS after parsing, once
the reader's garbage is collected, minus RSS before).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import SIZES, catalog, machine, ratio, run, seconds, table, tool

READERS = {
    "polib": ("import polib", "polib.pofile(path)"),
    "Babel": ("from babel.messages.pofile import read_po", "read_po(open(path, 'rb'))"),
    "translate-toolkit pypo": ("from translate.storage import pypo", "pypo.pofile(open(path, 'rb'))"),
    "translate-toolkit cpo (libgettextpo)": ("from translate.storage import cpo", "cpo.pofile(open(path, 'rb'))"),
    "i18n-check load_catalog": ("from i18n_check.catalog import load_catalog", "load_catalog(path)"),
}


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def inner(setup: str, statement: str, path: str) -> dict:
    exec(setup, globals())
    before, scope = rss_mb(), {"path": path}
    start = time.perf_counter()
    exec(f"parsed = {statement}", globals(), scope)
    wall = time.perf_counter() - start
    gc.collect()
    return {"wall": wall, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "kept": rss_mb() - before}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        print(json.dumps(inner(*sys.argv[2:5])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=list(SIZES), help="catalog size (default: %(default)s)")
    parser.add_argument("--lang", default="fr", choices=["fr", "de"])
    parser.add_argument("--runs", type=int, default=1, help="runs per reader; the median is shown (default: %(default)s)")
    args = parser.parse_args()

    po, messages = catalog(args.size, args.lang), SIZES[args.size]
    ours = str(Path(tool("i18n-check")).parent / "python")
    print(f"# parse: {args.lang} catalog of {messages:,} messages, median of {args.runs} runs; {machine()}\n")
    walls: dict[str, float | None] = {}
    memory: dict[str, tuple[float, float]] = {}
    for name, (setup, statement) in READERS.items():
        python = ours if name.startswith("i18n-check") else sys.executable
        found = []
        for _ in range(args.runs):
            done = subprocess.run([python, __file__, "--inner", setup, statement, str(po)], capture_output=True, text=True)
            if done.returncode:
                print(f"  {name}: n/a: {(done.stderr.strip().splitlines() or ['?'])[-1][:160]}")
                break
            found.append(json.loads(done.stdout.splitlines()[-1]))
        walls[name] = statistics.median(f["wall"] for f in found) if found else None
        if found:
            memory[name] = (max(f["peak"] for f in found), max(f["kept"] for f in found))
    walls["msgfmt (C, whole process)"] = statistics.median(
        run(["msgfmt", "-o", "/dev/null", str(po)])[0] for _ in range(args.runs))
    base = walls["polib"]
    mb = lambda name, i: f"{memory[name][i]:,.0f} MB" if name in memory else "n/a"
    print(table(["reader", "parse", "messages/s", "x polib", "peak RSS", "catalog kept"], [
        [name, seconds(wall), f"{messages / wall:,.0f}" if wall else "n/a", ratio(wall / base) if wall and base else "n/a",
         mb(name, 0), mb(name, 1)]
        for name, wall in walls.items()
    ]))


if __name__ == "__main__":
    main()
