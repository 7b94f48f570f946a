"""Prints wall time and peak memory of a 1M-message check and of loading a 100k-concept glossary.

Target 4 of issue 17 (5 of issue 7): 1,000,000 messages (500k French + 500k German,
bench/data/catalogs/500k/) with a 10,000-concept glossary (the aligned shape of generate.py) checked
cold in under 60 s on 2 cores, peak memory under 2 GB. Memory is sampled every 50 ms over the whole process
tree (worker processes included): the peak of the summed PSS (shared pages counted once), and the
largest single process's high-water RSS.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import time
from pathlib import Path

from common import (
    CATALOGS, SHAPES, SIZES, bench_env, catalog, clear_caches, glossary, last_line, machine, scratch_dir, seconds, table, tool,
    verdict,
)

SAMPLE_EVERY = 0.05


def children_of() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def descendants(root: int) -> list[int]:
    tree, found, todo = children_of(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def kib(path: Path, key: str) -> int | None:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def peak_memory(cmd: list[str], scratch: Path) -> tuple[float, int, float, float, str, float]:
    """Wall seconds, exit code, peak tree PSS (MB), largest process high-water RSS (MB), stderr's last line,
    and the CPU seconds of the tree (user + system: what a busy machine does not inflate as it does the wall)."""
    clear_caches(scratch)
    peak_tree, peak_one = 0, 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(scratch / "stdout", "wb") as out, open(scratch / "stderr", "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=scratch, env=bench_env(scratch))
        while process.poll() is None:
            total = 0
            for pid in descendants(process.pid):
                proc = Path(f"/proc/{pid}")
                total += kib(proc / "smaps_rollup", "Pss:") or kib(proc / "status", "VmRSS:") or 0
                peak_one = max(peak_one, kib(proc / "status", "VmHWM:") or 0)
            peak_tree = max(peak_tree, total)
            time.sleep(SAMPLE_EVERY)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers count: the check waited for them
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, process.returncode, peak_tree / 1024, peak_one / 1024, last_line(scratch / "stderr"), cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="500k", choices=list(SIZES), help="per-language size of the fr+de check (default: %(default)s = 1M messages)")
    parser.add_argument("--concepts", type=int, default=100_000, help="glossary to load (default: %(default)s concepts)")
    parser.add_argument("--check-concepts", type=int, default=10_000, help="glossary of the check (default: %(default)s concepts)")
    parser.add_argument("--shape", default="aligned", choices=SHAPES, help="glossary shape of the check (default: %(default)s)")
    parser.add_argument("--no-glossary", action="store_true", help="check the catalogs without a glossary")
    args = parser.parse_args()

    for lang in ("fr", "de"):
        catalog(args.size, lang)  # exits with a hint when not generated
    folder, messages = CATALOGS / args.size, 2 * SIZES[args.size]
    i18n_check = tool("i18n-check")
    python = str(Path(i18n_check).parent / "python")
    print(f"# memory: cold check of {messages:,} messages (fr+de, {args.shape} glossary {args.check_concepts:,}), load of a {args.concepts:,}-concept glossary; {machine()}\n")
    rows = []
    with scratch_dir() as tmp:
        scratch = Path(tmp)
        gloss = ["--no-glossary"] if args.no_glossary else ["--glossary", str(glossary(args.check_concepts, args.shape))]
        check = [i18n_check, "check", str(folder), *gloss, "--format", "json", "-o", str(scratch / "report.json")]
        wall, code, tree, one, last, cpu = peak_memory(check, scratch)
        if code == 2 and not args.no_glossary:
            print(f"glossary n/a ({last}): checking without it\n")
            check[check.index("--glossary"): check.index("--glossary") + 2] = ["--no-glossary"]
            wall, code, tree, one, last, cpu = peak_memory(check, scratch)
        ok = code in (0, 1) and "Traceback" not in (scratch / "stderr").read_text(errors="replace")
        label = "no glossary" if "--no-glossary" in check else f"{args.shape} glossary {args.check_concepts:,}"
        rows.append([f"check {messages:,} messages ({label})", seconds(wall if ok else None), seconds(cpu if ok else None),
                     f"{messages / wall:,.0f}" if ok else "n/a", f"{tree:,.0f} MB", f"{one:,.0f} MB", f"exit {code}" if ok else f"n/a: {last[:120]}"])
        million = f"{messages // 1000:,}k" if messages < 1_000_000 else f"{messages / 1e6:g}M"
        checks = [[f"4. wall of the {million} check", seconds(wall if ok else None), "< 60 s", verdict(wall < 60 if ok else None)],
                  [f"4. peak memory of the {million} check (tree PSS)", f"{tree:,.0f} MB" if ok else "n/a", "< 2,048 MB", verdict(tree < 2048 if ok else None)]]

        load = [python, "-c", "import sys; from i18n_check.glossary import load_glossary; load_glossary(sys.argv[1])",
                str(glossary(args.concepts))]
        wall, code, tree, one, last, cpu = peak_memory(load, scratch)
        ok = code == 0
        rows.append([f"load a {args.concepts:,}-concept glossary (no cache)", seconds(wall if ok else None), seconds(cpu if ok else None), "",
                     f"{tree:,.0f} MB", f"{one:,.0f} MB", f"exit {code}" if ok else f"n/a: {last[:120]}"])
    print(table(["what", "wall", "CPU (all processes)", "messages/s", "peak tree PSS", "largest process RSS", "status"], rows))
    print()
    print(table(["target", "measured", "required", "verdict"], checks))


if __name__ == "__main__":
    main()
