"""Prints the cold check against a re-check after editing 1% of the messages (issue 17 target 3, issue 7
target 4: >= 10x faster), in wall and CPU time (workers included), with the aligned 1,000-concept glossary.

Each run, in a scratch folder outside the repository: the catalog as generated, every result cache
deleted, a cold `check`; then 1% of the messages edited (one in a hundred: a word added to its
translation, or the translation cleared) and the same `check` again, which may use what the cold one cached. Finally the edited
catalog is checked once more with every cache deleted: its JSON report must equal the re-check's
(a cache never changes a result).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
from pathlib import Path

from common import (
    SIZES, bench_env, catalog, clear_caches, glossary, machine, ratio, run, scratch_dir, seconds, table, tool, verdict,
)

EDITS = {"fr": "revu", "de": "geprüft"}  # the word a translator's edit adds


def edit_one_percent(path: Path, lang: str) -> int:
    """Edit the first translation of every 100th entry (the next translated one if empty); the count.

    Edits alternate: a word added (findings unchanged), or the translation cleared (an `untranslated`
    finding; a wrapped translation loses lines, so every later entry moves up and a cache must not
    keep old line numbers).
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    entry, due, edited, i = -1, False, 0, 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith("msgid "):
            entry += 1  # entry 0 is the header
            due = due or (entry > 0 and entry % 100 == 50)
        elif due and line.startswith("msgstr"):
            keyword, _, text = line.partition(" ")
            wrapped = text == '""' and i < len(lines) and lines[i].startswith('"')
            if text != '""' or wrapped:
                if edited % 2:  # clear it: drop the wrapped lines too
                    line = f'{keyword} ""'
                    while i < len(lines) and lines[i].startswith('"'):
                        i += 1
                elif wrapped:
                    out.append(line)
                    line, i = f'"{EDITS[lang]} {lines[i][1:]}', i + 1
                else:
                    line = f'{keyword} "{EDITS[lang]} {text[1:]}'
                due, edited = False, edited + 1
        out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")
    return edited


def timed_check(cmd: list[str], scratch: Path, report: str) -> tuple[float, float]:
    """Wall and CPU seconds of one check writing its JSON report to `report`; exits on a crash or exit 2."""
    with open(scratch / "stderr", "wb") as err:
        wall, code, cpu = run([*cmd, "-o", str(scratch / report)], stderr=err, cwd=scratch, env=bench_env(scratch))
    problem = (scratch / "stderr").read_text(errors="replace")
    if code not in (0, 1) or "Traceback" in problem:
        raise SystemExit(f"recheck: i18n-check failed (exit {code}): {problem.strip().splitlines()[-1:]}")
    return wall, cpu


def findings_of(path: Path) -> tuple:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("summary"), data.get("findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=list(SIZES), help="catalog size (default: %(default)s)")
    parser.add_argument("--lang", default="fr", choices=["fr", "de"])
    parser.add_argument("--runs", type=int, default=3, help="cold/re-check pairs; medians shown (default: %(default)s)")
    parser.add_argument("--no-glossary", action="store_true", help="check without the aligned 1,000-concept glossary")
    args = parser.parse_args()

    source, messages = catalog(args.size, args.lang), SIZES[args.size]
    print(f"# recheck: {args.lang} catalog of {messages:,} messages, median of {args.runs} runs; {machine()}\n")
    with scratch_dir() as tmp:
        scratch = Path(tmp)
        po = scratch / "catalogs" / f"{args.lang}.po"
        po.parent.mkdir()
        gloss = ["--no-glossary"] if args.no_glossary else ["--glossary", str(glossary(1000, "aligned"))]
        cmd = [tool("i18n-check"), "check", str(po.relative_to(scratch)), *gloss, "--format", "json"]
        if not args.no_glossary:  # the glossary part may not be built yet: then measure without it
            shutil.copyfile(source, po)
            with open(scratch / "stderr", "wb") as err:
                _, code, _ = run([*cmd, "-o", "probe.json"], stderr=err, cwd=scratch, env=bench_env(scratch))
            if code == 2:
                print(f"glossary n/a ({(scratch / 'stderr').read_text().strip()[:160]}): measuring without it\n")
                cmd[cmd.index("--glossary"): cmd.index("--glossary") + 2] = ["--no-glossary"]
        cold, warm = [], []
        for _ in range(args.runs):
            shutil.copyfile(source, po)
            clear_caches(scratch)
            cold.append(timed_check(cmd, scratch, "cold.json"))
            edited = edit_one_percent(po, args.lang)
            warm.append(timed_check(cmd, scratch, "recheck.json"))
        clear_caches(scratch)
        fresh = timed_check(cmd, scratch, "fresh.json")
        same = findings_of(scratch / "recheck.json") == findings_of(scratch / "fresh.json")
        changed = findings_of(scratch / "cold.json") != findings_of(scratch / "fresh.json")

    cold_s, warm_s = (statistics.median(w for w, _c in runs) for runs in (cold, warm))
    cold_c, warm_c = (statistics.median(c for _w, c in runs) for runs in (cold, warm))
    print(table(["check", "wall (median)", "CPU (median)", "messages/s"], [
        ["cold (no cache)", seconds(cold_s), seconds(cold_c), f"{messages / cold_s:,.0f}"],
        [f"re-check after editing {edited:,} messages ({edited / messages:.1%})", seconds(warm_s), seconds(warm_c), f"{messages / warm_s:,.0f}"],
        ["cold check of the edited catalog (no cache)", seconds(fresh[0]), seconds(fresh[1]), f"{messages / fresh[0]:,.0f}"],
    ]))
    print()
    speedup, cpu_speedup = cold_s / warm_s, cold_c / warm_c
    print(table(["target", "measured", "required", "verdict"], [
        ["3. cold / re-check after 1% edits, wall", ratio(speedup), ">= 10x", verdict(speedup >= 10)],
        ["3. cold / re-check after 1% edits, CPU", ratio(cpu_speedup), ">= 10x", verdict(cpu_speedup >= 10)],
        ["3. re-check report == cold report of the edited catalog", "identical" if same else "DIFFERENT", "identical", verdict(same)],
    ]))
    print(f"\n(the edits {'changed' if changed else 'did not change'} the findings)")


if __name__ == "__main__":
    main()
