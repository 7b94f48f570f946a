"""Are two builds' reports the same, byte for byte? For a change that must not change any output.

    python bench/same_reports.py run TREE OUT [--data DIR]    # every report of the build in TREE, into OUT
    python bench/same_reports.py diff OUT_A OUT_B              # the reports that differ (exit 1), or "same"

`run` copies each data set into a scratch folder (so that every build sees the same relative paths),
runs `python -m i18n_check` with TREE first on PYTHONPATH (this interpreter's packages otherwise),
and keeps each command's standard output, standard error and exit status in OUT/<case>.txt. The
data sets: the bundled campaign (its pyproject.toml, catalogs, glossary), ../shared/realdata (with
the campaign's glossary; --realdata names it elsewhere) and the bench catalogs of 10k messages (`generate.py --sizes 10k
--concepts 1000`, with bench/data/glossary/1000.yaml; --data names another folder holding
catalogs/10k and glossary/1000.yaml). Per data set: every --format of `check`, `--explain`,
`--select ALL`, the result cache cold then warm, --jobs 1 and 2, a baseline written and applied
(every format), and the editors' report (`report -o -`). The HTML report's generation time is the one
thing masked before comparing (`diff`): it is the minute it ran.

A snapshot of a commit to compare against: `git archive <commit> | tar -x -C /tmp/before`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")
GENERATED = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")  # the HTML report's generation time
ENV = {"SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1", "LC_ALL": "C.UTF-8", "COLUMNS": "100"}


def cases(glossary: str | None, catalogs: list[str]) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every command run on one data set, in order (the cache cases rely on it)."""
    with_glossary = ["--glossary", glossary] if glossary else []
    check = ["check", *catalogs, *with_glossary]
    runs = [(f"check-{fmt}", [*check, "--no-cache", "--jobs", "1", "--format", fmt]) for fmt in FORMATS]
    runs += [
        ("check-explain", [*check, "--no-cache", "--explain"]),
        ("check-all-json", [*check, "--no-cache", "--select", "ALL", "--format", "json"]),
        ("check-jobs2-json", [*check, "--no-cache", "--jobs", "2", "--format", "json"]),
        ("check-jobs2-all-text", [*check, "--no-cache", "--jobs", "2", "--select", "ALL"]),
        ("cache-cold-json", [*check, "--cache-dir", "{cache}", "--jobs", "1", "--format", "json"]),
        ("cache-warm-json", [*check, "--cache-dir", "{cache}", "--jobs", "1", "--format", "json"]),
        ("cache-warm-jobs2-sarif", [*check, "--cache-dir", "{cache}", "--jobs", "2", "--format", "sarif"]),
        ("cache-all-cold-text", [*check, "--cache-dir", "{cache}", "--select", "ALL", "--jobs", "2"]),
        ("cache-all-warm-text", [*check, "--cache-dir", "{cache}", "--select", "ALL", "--jobs", "1"]),
        ("baseline-write", [*check, "--no-cache", "--select", "core,glossary", "--write-baseline", "{scratch}/baseline.json"]),
    ]
    runs += [(f"baseline-{fmt}", [*check, "--no-cache", "--baseline", "{scratch}/baseline.json", "--format", fmt]) for fmt in FORMATS]
    runs += [("report-html", ["report", *catalogs, *with_glossary, "-o", "-"]),
             ("report-all-html", ["report", *catalogs, *with_glossary, "--select", "ALL", "-o", "-"])]
    return runs


def data_sets(tree: Path, data: Path, realdata: Path) -> list[tuple[str, list[tuple[Path, str]], str | None, list[str]]]:
    """(name, [(source, copied as)], glossary, catalogs) of each data set."""
    sets = [("campaign", [(tree / name, name) for name in ("pyproject.toml", "catalogs", "glossary.yaml", "content")], None, [])]
    if realdata.is_dir():
        sets.append(("realdata", [(realdata, "realdata"), (tree / "glossary.yaml", "glossary.yaml")], "glossary.yaml", ["realdata"]))
    if (data / "catalogs" / "10k").is_dir():
        sets.append(("bench10k", [(data / "catalogs" / "10k", "catalogs"), (data / "glossary" / "1000.yaml", "glossary.yaml")],
                     "glossary.yaml", ["catalogs"]))
    return sets


def run(tree: Path, out: Path, data: Path, realdata: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **ENV, "PYTHONPATH": str(tree.resolve())}
    for name, files, glossary, catalogs in data_sets(tree, data, realdata):
        with tempfile.TemporaryDirectory(prefix=f"same-{name}-") as scratch:
            work = Path(scratch) / "work"
            work.mkdir()
            for source, target in files:
                (shutil.copytree if source.is_dir() else shutil.copy)(source, work / target)
            env["XDG_CACHE_HOME"] = str(Path(scratch) / "xdg")
            for case, arguments in cases(glossary, catalogs):
                arguments = [a.format(cache=f"{scratch}/cache", scratch=scratch) for a in arguments]
                done = subprocess.run([sys.executable, "-m", "i18n_check", *arguments], cwd=work, env=env,
                                      capture_output=True, text=True, errors="surrogateescape")
                stderr = done.stderr.replace(scratch, "SCRATCH")
                (out / f"{name}-{case}.txt").write_text(
                    f"$ i18n-check {' '.join(arguments).replace(scratch, 'SCRATCH')}\n[exit {done.returncode}]\n"
                    f"--- stderr\n{stderr}--- stdout\n{done.stdout}", errors="surrogateescape")
                print(f"{name}-{case}: exit {done.returncode}, {len(done.stdout):,} characters", flush=True)


def diff(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.glob("*.txt")} | {p.name for p in b.glob("*.txt")})
    differ = 0
    for name in names:
        left, right = a / name, b / name
        if not left.exists() or not right.exists():
            print(f"{name}: only in {a if left.exists() else b}")
            differ += 1
            continue
        if GENERATED.sub("(time)", left.read_text(errors="surrogateescape")) != GENERATED.sub("(time)", right.read_text(errors="surrogateescape")):
            print(f"{name}: differs")
            differ += 1
    print(f"{len(names) - differ} of {len(names)} the same" + (f", {differ} differ" if differ else ""))
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="every report of the build in TREE, into OUT")
    p_run.add_argument("tree", type=Path)
    p_run.add_argument("out", type=Path)
    p_run.add_argument("--data", type=Path, default=BENCH / "data", help="holds catalogs/10k and glossary/1000.yaml (generate.py)")
    p_run.add_argument("--realdata", type=Path, default=Path("/work/shared/realdata") if Path("/work/shared/realdata").is_dir()
                       else ROOT.parent / "shared" / "realdata", help="the Django and Sphinx catalogs (../shared/realdata)")
    p_diff = sub.add_parser("diff", help="the reports that differ between two runs")
    p_diff.add_argument("a", type=Path)
    p_diff.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.tree, args.out, args.data, args.realdata)
        return 0
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
