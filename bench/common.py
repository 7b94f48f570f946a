"""What every bench script shares: where things are, timing whole processes, printing tables."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
CATALOGS = DATA / "catalogs"      # CATALOGS/<size>/<lang>.po, written by generate.py
GLOSSARIES = DATA / "glossary"    # GLOSSARIES/<concepts>.yaml
VENV_BIN = BENCH / ".venv" / "bin"
SIZES = {"10k": 10_000, "100k": 100_000, "500k": 500_000, "1m": 1_000_000}
CONCEPTS = (100, 1_000, 10_000, 100_000)


def realdata() -> Path:
    """The real Django and Sphinx catalogs the data is made from: $I18N_REALDATA, or the shared
    folder beside the repository (or beside the worktrees' folder), or the copy the tests keep."""
    chosen = [Path(os.environ["I18N_REALDATA"])] if os.environ.get("I18N_REALDATA") else []
    for path in [*chosen, ROOT.parent / "shared" / "realdata", ROOT.parent.parent / "shared" / "realdata", ROOT / "tests" / "realdata"]:
        if path.is_dir() and any(path.rglob("*.po")):
            return path
    sys.exit("bench: no real catalogs found; set I18N_REALDATA to the folder holding the Django/Sphinx PO files")


def tool(name: str) -> str:
    """The path of a command installed in bench/.venv; exits with a hint when setup.sh has not run.

    I18N_CHECK=/path/to/i18n-check measures another build (e.g. a snapshot of a commit) instead.
    """
    if name == "i18n-check" and os.environ.get("I18N_CHECK"):
        return os.environ["I18N_CHECK"]
    path = VENV_BIN / name
    if not path.exists():
        sys.exit(f"bench: {path} is missing; run bench/setup.sh first")
    return str(path)


def catalog(size: str, lang: str) -> Path:
    """A generated catalog; exits with a hint when generate.py has not written it."""
    path = CATALOGS / size / f"{lang}.po"
    if not path.is_file():
        sys.exit(f"bench: {path} is missing; run bench/.venv/bin/python bench/generate.py --sizes {size}")
    return path


SHAPES = ("dictionary", "aligned")  # the glossaries generate.py writes (see its docstring)


def glossary_path(concepts: int, shape: str = "dictionary") -> Path:
    return GLOSSARIES / (f"{concepts}.yaml" if shape == "dictionary" else f"{shape}-{concepts}.yaml")


def glossary(concepts: int, shape: str = "dictionary") -> Path:
    path = glossary_path(concepts, shape)
    if not path.is_file():
        sys.exit(f"bench: {path} is missing; run bench/.venv/bin/python bench/generate.py")
    return path


class Timed(NamedTuple):
    """One whole process: wall seconds, exit code, CPU seconds (user + system, its children too)."""

    wall: float
    code: int
    cpu: float


def run(cmd: list[str], *, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd: Path | None = None, env: dict | None = None) -> Timed:
    """Wall and CPU seconds and exit code of one whole process (start-up included, as CI pays it).
    The CPU time counts its worker processes: on a shared machine it moves less than the wall."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=stdout, stderr=stderr, cwd=cwd, env=env).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Timed(wall, code, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


class Measured(NamedTuple):
    """Medians of several cold runs (None: not measurable, see `measure`), exit code, stderr's last line."""

    wall: float | None
    cpu: float | None
    code: int
    last: str


def measure(cmd: list[str], runs: int, scratch: Path) -> Measured:
    """Median wall and CPU seconds of `runs` cold runs in `scratch`, the exit code, and stderr's last line.

    Output goes to files in `scratch`, as a CI job would keep it. Every run starts without a
    result cache. An i18n-check exit 2 (a part not built yet, e.g. the glossary) gives no
    time, nor does a crash: the row prints n/a with the reason.
    """
    walls, cpus, code = [], [], 0
    for _ in range(runs):
        clear_caches(scratch)
        with open(scratch / "stdout", "wb") as out, open(scratch / "stderr", "wb") as err:
            wall, code, cpu = run(cmd, stdout=out, stderr=err, cwd=scratch, env=bench_env(scratch))
        if Path(cmd[0]).name == "i18n-check" and (code == 2 or "Traceback" in (scratch / "stderr").read_text(errors="replace")):
            return Measured(None, None, code, last_line(scratch / "stderr"))
        walls.append(wall)
        cpus.append(cpu)
    return Measured(statistics.median(walls), statistics.median(cpus), code, last_line(scratch / "stderr"))


def last_line(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return lines[-1][:200] if lines else ""


def bench_env(scratch: Path) -> dict:
    """The environment the tools run in: bench/.venv first on PATH, no colour, caches inside `scratch`."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["XDG_CACHE_HOME"] = str(scratch / ".cache")
    env.pop("PYTHONPATH", None)
    return env


# Where a result cache may live: the working folder's (as .gitignore expects) or the user's cache.
CACHE_DIRS = (".i18n-check-cache", ".cache")


def clear_caches(scratch: Path) -> None:
    """Delete every result cache a run in `scratch` may have left: the next run is cold."""
    for name in CACHE_DIRS:
        shutil.rmtree(scratch / name, ignore_errors=True)


def scratch_dir() -> tempfile.TemporaryDirectory:
    """A working folder outside the repository, so no pyproject.toml above it changes the settings."""
    return tempfile.TemporaryDirectory(prefix="i18n-bench-")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, so a script's output can be pasted into bench/README.md as it is."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def rate(messages: int, wall: float | None) -> str:
    return "n/a" if not wall else f"{messages / wall:,.0f}"


def ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def machine() -> str:
    """One line naming the machine, for figures that are only comparable on the same one."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    busy = ", load average %.1f before the run" % os.getloadavg()[0]  # other work on the machine skews figures
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}{busy}"
