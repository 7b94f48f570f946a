"""Prints i18n-check against pofilter, dennis and msgfmt on the same catalog: wall, CPU, messages/s, ratios.

Issue 17, target 1, measured in the same run: the default `check` with a 1,000-concept glossary is
at least 5x faster than pofilter's default run in wall time, and faster than dennis in wall time
and in CPU time; with both glossary shapes of generate.py (aligned: the catalogs' own wording, the
issue's shape; dictionary: the earlier bench glossary). Also issue 7's `check --select ALL` (every
translate-toolkit check) no slower than pofilter. Every tool runs as a whole process (start-up
included), median of --runs runs, output to files; CPU counts i18n-check's worker processes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from common import (
    SIZES, Measured, catalog, glossary, machine, measure, rate, ratio, scratch_dir, seconds, table, tool, verdict,
)

DEFAULT = "i18n-check check (default rules, aligned glossary 1,000)"
DEFAULT_DICT = "i18n-check check (default rules, dictionary glossary 1,000)"
DEFAULT_BARE = "i18n-check check (default rules, no glossary)"
ALL = "i18n-check check --select ALL (aligned glossary 1,000)"
ALL_BARE = "i18n-check check --select ALL (no glossary)"
POFILTER = "pofilter (default checks)"
DENNIS = "dennis-cmd lint"
MSGFMT = "msgfmt --check-format (C)"


def commands(po: Path, lang: str, scratch: Path) -> dict[str, list[str]]:
    """Each row's command, all on the same catalog."""
    check = [tool("i18n-check"), "check", str(po), "-o", str(scratch / "report.txt")]
    aligned = ["--glossary", str(glossary(1000, "aligned"))]
    return {
        DEFAULT: [*check, *aligned],
        DEFAULT_DICT: [*check, "--glossary", str(glossary(1000))],
        DEFAULT_BARE: [*check, "--no-glossary"],
        ALL: [*check, "--select", "ALL", *aligned],
        ALL_BARE: [*check, "--select", "ALL", "--no-glossary"],
        POFILTER: [tool("pofilter"), f"--language={lang}", "--progress=none", str(po), str(scratch / "pofilter.po")],
        DENNIS: [tool("dennis-cmd"), "lint", str(po)],
        MSGFMT: ["msgfmt", "--check-format", "-o", str(scratch / "msgfmt.mo"), str(po)],
    }


def targets(got: dict[str, Measured]) -> list[list[str]]:
    """Target 1 (and issue 7's --select ALL) as ratios of this run's medians."""
    over = lambda a, b: a / b if a and b else None
    rows = []
    for name, value, need in (
        ("1. pofilter / default check (aligned), wall", over(got[POFILTER].wall, got[DEFAULT].wall), 5.0),
        ("1. dennis / default check (aligned), wall", over(got[DENNIS].wall, got[DEFAULT].wall), 1.0),
        ("1. dennis / default check (aligned), CPU", over(got[DENNIS].cpu, got[DEFAULT].cpu), 1.0),
        ("1. pofilter / default check (dictionary), wall", over(got[POFILTER].wall, got[DEFAULT_DICT].wall), 5.0),
        ("1. dennis / default check (dictionary), wall", over(got[DENNIS].wall, got[DEFAULT_DICT].wall), 1.0),
        ("1. dennis / default check (dictionary), CPU", over(got[DENNIS].cpu, got[DEFAULT_DICT].cpu), 1.0),
        ("(issue 7) pofilter / --select ALL (aligned), wall", over(got[POFILTER].wall, got[ALL].wall), 1.0),
    ):
        rows.append([name, ratio(value), f">= {need:g}x", verdict(None if value is None else value >= need)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=list(SIZES), help="catalog size (default: %(default)s)")
    parser.add_argument("--lang", default="fr", choices=["fr", "de"], help="catalog language (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs per tool; the median is shown (default: %(default)s)")
    parser.add_argument("--only", help="comma-separated row numbers to run (1-8), for quick looks")
    args = parser.parse_args()

    po, messages = catalog(args.size, args.lang), SIZES[args.size]
    print(f"# compare: {args.lang} catalog of {messages:,} messages, median of {args.runs} runs; {machine()}\n")
    print(report(po, args.lang, messages, args.runs, args.only))


def report(po: Path, lang: str, messages: int, runs: int, only: str | None = None) -> str:
    """The comparison table and target 1's verdicts, as Markdown."""
    got: dict[str, Measured] = {}
    rows, notes = [], {}
    with scratch_dir() as tmp:
        cmds = commands(po, lang, Path(tmp))
        wanted = {int(n) for n in only.split(",")} if only else set(range(1, len(cmds) + 1))
        for number, (name, cmd) in enumerate(cmds.items(), 1):
            if number not in wanted:
                got[name] = Measured(None, None, 0, "")
                continue
            got[name] = result = measure(cmd, runs, Path(tmp))
            if result.wall is None:
                notes[result.last] = notes.get(result.last, len(notes) + 1)
            status = f"exit {result.code}" if result.wall else f"n/a, exit {result.code} [{notes[result.last]}]"
            rows.append([name, seconds(result.wall), seconds(result.cpu), rate(messages, result.wall), status])
            print(f"  {name}: {seconds(result.wall)} wall, {seconds(result.cpu)} CPU", flush=True)
    base = got[DEFAULT].wall
    lines = [table(["tool", "wall (median)", "CPU (median)", "messages/s", "x i18n-check default", "status"],
                   [[*r[:4], ratio(got[r[0]].wall / base) if got[r[0]].wall and base else "n/a", r[4]] for r in rows])]
    lines += [f"[{number}] {reason}" for reason, number in notes.items()]
    lines += ["", table(["target", "measured", "required", "verdict"], targets(got))]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
