"""Prints where `i18n-check check` spends its time: py-spy samples, top functions with percentages.

Samples the whole process (100 Hz) on a generated catalog and prints the functions holding the most
samples, inclusive (the function and what it calls) and self (the function's own code). Pass
--speedscope FILE to keep the full profile for https://www.speedscope.app.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections import Counter
from pathlib import Path

from common import SHAPES, SIZES, bench_env, catalog, glossary, machine, scratch_dir, table, tool

# Shorten frames: "missing (/work/main/i18n_check/rules/glossary.py:60)" -> "missing (i18n_check/rules/glossary.py)"
PREFIX = re.compile(r" \((?:.*/site-packages/|.*/lib/python3\.\d+/|.*/(?=i18n_check/))")
LINE = re.compile(r":\d+\)$")
# Frames every sample passes through (the script, click, the command): left out of the inclusive list.
WRAPPERS = re.compile(r"^<module>|\(click/|\(i18n_check/cli/")


def frame_name(frame: str) -> str:
    return LINE.sub(")", PREFIX.sub(" (", frame))


def top_functions(raw: Path, count: int) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]]]:
    """Total samples, and the `count` functions with most inclusive and most self samples."""
    inclusive, own, total = Counter(), Counter(), 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, samples = line.rpartition(" ")
        if not samples.isdigit():
            continue
        frames = [frame_name(f) for f in stack.split(";")]
        total += int(samples)
        for frame in set(frames):
            if not WRAPPERS.search(frame):
                inclusive[frame] += int(samples)
        own[frames[-1]] += int(samples)
    return total, inclusive.most_common(count), own.most_common(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=list(SIZES), help="catalog size (default: %(default)s)")
    parser.add_argument("--lang", default="fr", choices=["fr", "de"])
    parser.add_argument("--select", help="rules to run, as `check --select` (default: the default selection)")
    parser.add_argument("--concepts", type=int, default=1000, help="glossary size (default: %(default)s)")
    parser.add_argument("--shape", default="aligned", choices=SHAPES, help="glossary shape (default: %(default)s)")
    parser.add_argument("--jobs", help="as `check --jobs` (1: one process, whose profile says it all)")
    parser.add_argument("--no-glossary", action="store_true", help="profile without a glossary")
    parser.add_argument("--top", type=int, default=25, help="functions to list (default: %(default)s)")
    parser.add_argument("--speedscope", metavar="FILE", help="also write a speedscope profile to FILE")
    args = parser.parse_args()

    po = catalog(args.size, args.lang)
    cmd = [tool("i18n-check"), "check", str(po), "-o", "report.txt",
           *(["--no-glossary"] if args.no_glossary else ["--glossary", str(glossary(args.concepts, args.shape))]),
           *(["--jobs", args.jobs] if args.jobs else []),
           *(["--select", args.select] if args.select else [])]
    print(f"# profile: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}; {machine()}\n")
    with scratch_dir() as tmp:
        scratch = Path(tmp)
        raw = scratch / "profile.txt"
        spy = [tool("py-spy"), "record", "--rate", "100", "--format", "raw", "--output", str(raw), "--", *cmd]
        subprocess.run(spy, cwd=scratch, env=bench_env(scratch), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not raw.is_file():
            raise SystemExit("profile: py-spy wrote nothing (it needs ptrace: run as root or with CAP_SYS_PTRACE)")
        if args.speedscope:
            subprocess.run([*spy[:4], "--format", "speedscope", "--output", str(Path(args.speedscope).resolve()), "--", *cmd],
                           cwd=scratch, env=bench_env(scratch), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total, inclusive, own = top_functions(raw, args.top)
    print(f"{total:,} samples at 100 Hz\n")
    print(table(["inclusive", "function"], [[f"{100 * n / total:.1f}%", name] for name, n in inclusive]))
    print()
    print(table(["self", "function"], [[f"{100 * n / total:.1f}%", name] for name, n in own]))


if __name__ == "__main__":
    main()
