"""Prints i18n-check against pofilter, dennis and msgfmt on the same catalog: wall, messages/s, ratios.

Targets 1 and 2 of issue 7, measured in the same run:
  1. default `check` with a 1,000-concept glossary: >= 5x faster than pofilter's default run, and
     faster than dennis;
  2. `check --select ALL` (every translate-toolkit check): no slower than pofilter.
Every tool runs as a whole process (start-up included), median of --runs runs, output to files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from common import SIZES, catalog, glossary, machine, measure, rate, ratio, scratch_dir, seconds, table, tool, verdict

DEFAULT = "i18n-check check (default rules, glossary 1,000)"
DEFAULT_BARE = "i18n-check check (default rules, no glossary)"
ALL = "i18n-check check --select ALL (glossary 1,000)"
ALL_BARE = "i18n-check check --select ALL (no glossary)"
POFILTER = "pofilter (default checks)"
DENNIS = "dennis-cmd lint"
MSGFMT = "msgfmt --check-format (C)"


def commands(po: Path, lang: str, gloss: Path, scratch: Path) -> dict[str, list[str]]:
    """Each row's command, all on the same catalog."""
    check = [tool("i18n-check"), "check", str(po), "-o", str(scratch / "report.txt")]
    return {
        DEFAULT: [*check, "--glossary", str(gloss)],
        DEFAULT_BARE: [*check, "--no-glossary"],
        ALL: [*check, "--select", "ALL", "--glossary", str(gloss)],
        ALL_BARE: [*check, "--select", "ALL", "--no-glossary"],
        POFILTER: [tool("pofilter"), f"--language={lang}", "--progress=none", str(po), str(scratch / "pofilter.po")],
        DENNIS: [tool("dennis-cmd"), "lint", str(po)],
        MSGFMT: ["msgfmt", "--check-format", "-o", str(scratch / "msgfmt.mo"), str(po)],
    }


def targets(walls: dict[str, float | None]) -> list[list[str]]:
    """Targets 1 and 2 as ratios of this run's medians; without a glossary yet, on the bare check."""
    default = walls[DEFAULT] or walls[DEFAULT_BARE]
    every = walls[ALL] or walls[ALL_BARE]
    note = "" if walls[DEFAULT] else " (no glossary: glossary n/a)"
    over = lambda a, b: a / b if a and b else None
    rows = []
    for name, value, need in (
        (f"1. pofilter / default check{note}", over(walls[POFILTER], default), 5.0),
        (f"1. dennis / default check{note}", over(walls[DENNIS], default), 1.0),
        (f"2. pofilter / --select ALL{'' if walls[ALL] else ' (no glossary)'}", over(walls[POFILTER], every), 1.0),
    ):
        rows.append([name, ratio(value), f">= {need:g}x", verdict(None if value is None else value >= need)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=list(SIZES), help="catalog size (default: %(default)s)")
    parser.add_argument("--lang", default="fr", choices=["fr", "de"], help="catalog language (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs per tool; the median is shown (default: %(default)s)")
    parser.add_argument("--only", help="comma-separated row numbers to run (1-7), for quick looks")
    args = parser.parse_args()

    po, gloss, messages = catalog(args.size, args.lang), glossary(1000), SIZES[args.size]
    print(f"# compare: {args.lang} catalog of {messages:,} messages, median of {args.runs} runs; {machine()}\n")
    walls: dict[str, float | None] = {}
    rows, notes = [], {}
    with scratch_dir() as tmp:
        cmds = commands(po, args.lang, gloss, Path(tmp))
        only = {int(n) for n in args.only.split(",")} if args.only else set(range(1, len(cmds) + 1))
        for number, (name, cmd) in enumerate(cmds.items(), 1):
            if number not in only:
                walls[name] = None
                continue
            wall, code, last = measure(cmd, args.runs, Path(tmp))
            walls[name] = wall
            if wall is None:
                notes[last] = notes.get(last, len(notes) + 1)
            rows.append([name, seconds(wall), rate(messages, wall), f"exit {code}" if wall else f"n/a, exit {code} [{notes[last]}]"])
            print(f"  {name}: {seconds(wall)}", flush=True)
    base = walls[DEFAULT] or walls[DEFAULT_BARE]
    print()
    print(table(["tool", "wall (median)", "messages/s", "x i18n-check default", "status"],
                [[r[0], r[1], r[2], ratio(walls[r[0]] / base) if walls[r[0]] and base else "n/a", r[3]] for r in rows]))
    for reason, number in notes.items():
        print(f"[{number}] {reason}")
    print()
    print(table(["target", "measured", "required", "verdict"], targets(walls)))


if __name__ == "__main__":
    main()
