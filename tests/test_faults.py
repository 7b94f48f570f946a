"""No loss under faults: `update` and `publish` killed or failing at random points.

Whatever happens mid-run (SIGKILL at a random moment, SIGKILL inside a write at a random
byte, a write that fails half-way, an fsync or rename that fails), every catalog and every published page is afterwards either
the old file or the new one, byte for byte: never a mix, never a truncation. A run after
the crash completes normally. Two `update` runs at once wait for each other: the result is
one of the two orders, never an interleaving.

Random points come from a seed printed on failure (FAULT_SEED=... reproduces a run);
FAULT_ITERATIONS sets how many kills each test makes (default 10).
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from i18n_check import atomic
from i18n_check.extract import extract
from i18n_check.publish import publish
from i18n_check.update import update

ITERATIONS = int(os.environ.get("FAULT_ITERATIONS", "10"))
SEED = int(os.environ.get("FAULT_SEED", str(time.time_ns() % 1_000_000)))
LANGUAGES = ("fr", "de", "es")
PAGES, PARAGRAPHS = 3, 60


def write_pages(folder: Path, version: int) -> None:
    """Campaign pages; each version changes some paragraphs and adds others."""
    for page in range(PAGES):
        paragraphs = [f"Paragraph {page}-{n} about reporting abuse to the hotline." for n in range(PARAGRAPHS)]
        for n in range(0, PARAGRAPHS, 7 + version):
            paragraphs[n] = f"Paragraph {page}-{n}, revised in version {version}, about reporting abuse."
        paragraphs += [f"New paragraph {page}-{n} of version {version}." for n in range(version * 5)]
        path = folder / f"page{page}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Page {page}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def translate_all(catalogs: Path, prefix: str) -> None:
    """Give every message of every catalog a translation (`prefix` + the msgid), fuzzy flags cleared.

    polib writes them: a translator's tool, independent of the writer under test.
    """
    import polib

    for language in LANGUAGES:
        path = catalogs / language / "site.po"
        catalog = polib.pofile(str(path), wrapwidth=79)
        for entry in catalog:
            if not entry.obsolete:
                entry.msgstr = f"{prefix}{language}: {entry.msgid}"
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalog.save(str(path))


def snapshot(project: Path) -> dict[str, bytes]:
    """Every catalog and published page: relative path -> bytes."""
    files = list((project / "catalogs").glob("*/site.po"))
    files += [p for p in (project / "content").rglob("*.md") if p.relative_to(project / "content").parts[0] != "en"]
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in files}


def leftovers(project: Path) -> list[Path]:
    """Temporary files of interrupted atomic writes."""
    return [p for p in project.rglob(".*.tmp")]


def copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The starting project and the states an uninterrupted run reaches, built once."""
    root = tmp_path_factory.mktemp("faults")
    base = root / "base"
    write_pages(base / "content" / "en", 1)
    extract([base / "content" / "en"], base / "catalogs" / "site.pot")
    update(base / "catalogs" / "site.pot", base / "catalogs", list(LANGUAGES))
    translate_all(base / "catalogs", "v1 ")
    publish(base / "content" / "en", [base / "catalogs"], force=True)   # pages of version 1
    # Two different new templates: update A, update B.
    for name, version in (("A", 2), ("B", 3)):
        write_pages(root / f"content{name}", version)
        extract([root / f"content{name}"], root / f"template{name}" / "site.pot")
    old = snapshot(base)

    def after(*templates: str) -> dict[str, bytes]:
        work = copy(base, root / ("after" + "".join(templates)))
        for name in templates:
            update(root / f"template{name}" / "site.pot", work / "catalogs", list(LANGUAGES))
        return snapshot(work)

    # For publish: catalogs translated anew (v2), pages still those of v1.
    publish_base = copy(base, root / "publish-base")
    translate_all(publish_base / "catalogs", "v2 ")
    published = copy(publish_base, root / "published")
    publish(published / "content" / "en", [published / "catalogs"], force=True)
    states = {
        "root": root, "base": base, "old": old, "A": after("A"), "AB": after("A", "B"), "BA": after("B", "A"),
        "publish_base": publish_base, "publish_old": snapshot(publish_base), "publish_new": snapshot(published),
    }
    assert states["A"] != old and states["AB"] != states["BA"], "the scenarios must change the files"
    assert states["publish_new"] != states["publish_old"]
    return states


def cli(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "i18n_check", *args], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def timed_run(project: Path, *args: str) -> float:
    started = time.monotonic()
    process = cli(project, *args)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - started


def assert_old_or_new(project: Path, old: dict[str, bytes], new: dict[str, bytes], context: str) -> tuple[int, int]:
    """Each file is byte for byte its old or its new version; (files old, files new)."""
    now = snapshot(project)
    assert set(now) <= set(old) | set(new), f"{context}: unexpected files {set(now) - set(old) - set(new)}"
    counts = [0, 0]
    for name in set(old) | set(new):
        got = now.get(name)
        assert got in (old.get(name), new.get(name)), (
            f"{context}: {name} is neither the old nor the new file "
            f"({len(got) if got is not None else 'missing'} bytes; old {len(old.get(name) or b'')}, new {len(new.get(name) or b'')})")
        counts[got == new.get(name) and got != old.get(name)] += 1
    return counts[0], counts[1]


def kill_at_random(states, tmp_path, args: tuple[str, ...], base_key: str, old_key: str, new_key: str) -> None:
    rng = random.Random(SEED)
    duration = timed_run(copy(states[base_key], tmp_path / "timing"), *args)
    mixed = 0
    for iteration in range(ITERATIONS):
        delay = rng.uniform(0.2, 1.0) * duration
        for _ in range(4):
            work = copy(states[base_key], tmp_path / f"run{iteration}")
            process = cli(work, *args)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            if process.returncode == -signal.SIGKILL:  # the kill landed while the command ran
                break
            shutil.rmtree(work)  # this run was faster than the timing run and ended first: kill the next one sooner
            delay /= 2
        context = f"seed {SEED}, iteration {iteration}, killed after {delay:.2f} s of {duration:.2f} s"
        assert process.returncode == -signal.SIGKILL, f"{context}: the command always ended before the kill"
        old_files, new_files = assert_old_or_new(work, states[old_key], states[new_key], context)
        mixed += bool(old_files and new_files)
        if iteration % 3 == 0:  # the next run recovers: the lock died with the process, temp files are ignored
            timed_run(work, *args)
            assert snapshot(work) == states[new_key], context
        shutil.rmtree(work)
    print(f"seed {SEED}: {ITERATIONS} kills, {mixed} caught between two files")


# Run the CLI so that it SIGKILLs itself once it has written BUDGET bytes to files (any way of
# writing: open(), Path.write_text, os.fdopen): a kill that lands inside a write, at a random byte.
KILL_WHILE_WRITING = """
import builtins, io, os, runpy, signal, sys
budget = [int(os.environ["KILL_AFTER_BYTES"])]
written = [0]

class Killing:
    def __init__(self, handle):
        self._handle = handle
    def write(self, data):
        room = budget[0] - written[0]
        if len(data) >= room:
            self._handle.write(data[:max(room, 0)])
            self._handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        written[0] += len(data)
        return self._handle.write(data)
    def __getattr__(self, name):
        return getattr(self._handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)
    def __iter__(self):
        return iter(self._handle)

def wrap(opener):
    def opened(*args, **kwargs):
        handle = opener(*args, **kwargs)
        mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
        return Killing(handle) if any(c in mode for c in "wax+") else handle
    return opened

builtins.open = io.open = wrap(io.open)
os.fdopen = wrap(os.fdopen)
sys.argv = ["i18n-check", *sys.argv[1:]]
runpy.run_module("i18n_check", run_name="__main__")
"""


def kill_while_writing(states, tmp_path, args, base_key: str, old_key: str, new_key: str) -> None:
    rng = random.Random(SEED + 7)
    total = sum(len(states[new_key][name]) for name in states[new_key] if states[new_key][name] != states[old_key].get(name))
    for iteration in range(ITERATIONS):
        work = copy(states[base_key], tmp_path / f"write{iteration}")
        budget = rng.randint(0, total * 9 // 10)  # fewer bytes than the new files hold: the kill lands inside the writes
        run = subprocess.run([sys.executable, "-c", KILL_WHILE_WRITING, *args], cwd=work, capture_output=True,
                             env={**os.environ, "KILL_AFTER_BYTES": str(budget)}, timeout=300)
        context = f"seed {SEED}, iteration {iteration}, killed after writing {budget} of ~{total} bytes"
        assert run.returncode == -signal.SIGKILL, f"{context}: the kill did not land ({run.returncode}): {run.stderr.decode()[-2000:]}"
        assert_old_or_new(work, states[old_key], states[new_key], context)
        shutil.rmtree(work)


def test_sigkill_inside_a_write_of_update_leaves_each_catalog_old_or_new(states, tmp_path):
    template = states["root"] / "templateA" / "site.pot"
    kill_while_writing(states, tmp_path, ("update", "--template", str(template), "--lang", ",".join(LANGUAGES)),
                       "base", "old", "A")


def test_sigkill_inside_a_write_of_publish_leaves_each_page_old_or_new(states, tmp_path):
    kill_while_writing(states, tmp_path, ("publish", "--no-glossary", "--force"), "publish_base", "publish_old", "publish_new")


def test_sigkill_during_update_leaves_each_catalog_old_or_new(states, tmp_path):
    template = states["root"] / "templateA" / "site.pot"
    kill_at_random(states, tmp_path, ("update", "--template", str(template), "--lang", ",".join(LANGUAGES)),
                   "base", "old", "A")


def test_sigkill_during_publish_leaves_each_page_old_or_new(states, tmp_path):
    kill_at_random(states, tmp_path, ("publish", "--no-glossary", "--force"), "publish_base", "publish_old", "publish_new")


class Injected(OSError):
    pass


def failing_writes(monkeypatch, rng: random.Random):
    """Make one of the next atomic writes fail at a random point: mid-write, at fsync, or at the rename."""
    where = rng.choice(("write", "fsync", "replace"))
    countdown = [rng.randint(1, 4)]
    real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace

    def due() -> bool:
        countdown[0] -= 1
        return countdown[0] == 0

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            if due():
                self.handle.write(data[: len(data) // 2])   # the disk fills half-way
                raise Injected(errno.ENOSPC, "No space left on device (injected)")
            return self.handle.write(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

    if where == "write":
        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    elif where == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(Injected(errno.EIO, "I/O error (injected)")) if due() else real_fsync(fd))
    else:
        monkeypatch.setattr(atomic.os, "replace", lambda a, b: (_ for _ in ()).throw(Injected(errno.EACCES, "rename refused (injected)")) if due() else real_replace(a, b))
    return where


@pytest.mark.parametrize("command", ["update", "publish"])
def test_a_write_failing_anywhere_leaves_old_or_new_and_no_temp_file(states, tmp_path, monkeypatch, command):
    rng = random.Random(SEED + (command == "publish"))
    for iteration in range(ITERATIONS):
        with monkeypatch.context() as patch:
            work = copy(states["base" if command == "update" else "publish_base"], tmp_path / f"run{iteration}")
            where = failing_writes(patch, rng)
            try:
                if command == "update":
                    update(states["root"] / "templateA" / "site.pot", work / "catalogs", list(LANGUAGES))
                else:
                    publish(work / "content" / "en", [work / "catalogs"], force=True)
            except Injected as exc:
                # The error names the user's file, never the temporary file the write went through.
                assert exc.filename and ".tmp" not in exc.filename and exc.filename.startswith(str(work)), exc
        context = f"seed {SEED}, iteration {iteration}, {command} failing at {where}"
        old, new = (states["old"], states["A"]) if command == "update" else (states["publish_old"], states["publish_new"])
        assert_old_or_new(work, old, new, context)
        assert not leftovers(work), f"{context}: temporary files left: {leftovers(work)}"
        shutil.rmtree(work)


def test_two_concurrent_updates_never_interleave(states, tmp_path):
    """Updates A and B started together: every catalog ends as after A-then-B, or every one as after B-then-A."""
    for iteration in range(3):
        work = copy(states["base"], tmp_path / f"run{iteration}")
        runs = [cli(work, "update", "--template", str(states["root"] / f"template{name}" / "site.pot"),
                    "--lang", ",".join(LANGUAGES)) for name in ("A", "B")]
        results = [(run.wait(timeout=300), run.stderr.read().decode()) for run in runs]
        for code, err in results:
            # waiting is what update does; refusing with a located error would be acceptable too
            assert code == 0 or (code == 2 and "lock" in err), err
        final = snapshot(work)
        assert final in (states["AB"], states["BA"]) or (
            any(code == 2 for code, _ in results) and final in (states["A"], after_b_only(states, tmp_path))), (
            f"iteration {iteration}: the catalogs mix the two runs")
        shutil.rmtree(work)


def after_b_only(states, tmp_path) -> dict[str, bytes]:
    work = copy(states["base"], tmp_path / "b-only")
    update(states["root"] / "templateB" / "site.pot", work / "catalogs", list(LANGUAGES))
    return snapshot(work)


# Run the CLI so that it sends itself SIGNAL once it has written BUDGET bytes into temporary files
# (`.NAME.XXXX.tmp`, the atomic writes' own): the signal lands inside a write, at a random byte,
# and the side file MARKER says which file and where, so that a test never passes on a signal
# that missed the write. The signal is delivered by the kernel as any other; Python runs its
# handler at the next instruction, inside the write.
SIGNAL_WHILE_WRITING = """
import builtins, io, os, runpy, signal, sys
budget, signum, marker = int(os.environ["SIGNAL_AFTER_BYTES"]), int(os.environ["SIGNAL_NUMBER"]), os.environ["SIGNAL_MARKER"]
written, sent = [0], [False]

class Signalling:
    def __init__(self, handle, name):
        self._handle, self._name = handle, name
    def write(self, data):
        if sent[0] or not self._name.endswith(".tmp"):
            return self._handle.write(data)
        if written[0] + len(data) > budget:
            cut = budget - written[0]
            self._handle.write(data[:cut])
            self._handle.flush()
            sent[0] = True
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.write(fd, f"{self._name} {cut} {len(data)}".encode())
            os.close(fd)
            os.kill(os.getpid(), signum)
            return self._handle.write(data[cut:])  # not reached: the handler raises first
        written[0] += len(data)
        return self._handle.write(data)
    def __getattr__(self, name):
        return getattr(self._handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)

real_fdopen = os.fdopen
def fdopen(fd, *args, **kwargs):
    handle = real_fdopen(fd, *args, **kwargs)
    try:
        name = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return handle
    return Signalling(handle, name)

os.fdopen = fdopen
sys.argv = ["i18n-check", *sys.argv[1:]]
runpy.run_module("i18n_check", run_name="__main__")
"""

STOP_SIGNALS = {"SIGTERM": (signal.SIGTERM, -signal.SIGTERM), "SIGHUP": (signal.SIGHUP, -signal.SIGHUP),
                "SIGINT": (signal.SIGINT, 130)}


def signal_while_writing(states, tmp_path, args, base_key: str, old_key: str, new_key: str, signame: str) -> None:
    signum, status = STOP_SIGNALS[signame]
    rng = random.Random(SEED + signum)
    total = sum(len(states[new_key][name]) for name in states[new_key] if states[new_key][name] != states[old_key].get(name))
    for iteration in range(max(3, ITERATIONS // 3)):
        work = copy(states[base_key], tmp_path / f"signal{iteration}")
        budget = rng.randrange(total)
        marker = tmp_path / f"marker{iteration}"
        run = subprocess.run([sys.executable, "-c", SIGNAL_WHILE_WRITING, *args], cwd=work, capture_output=True, timeout=300,
                             env={**os.environ, "SIGNAL_AFTER_BYTES": str(budget), "SIGNAL_NUMBER": str(int(signum)),
                                  "SIGNAL_MARKER": str(marker)})
        context = f"seed {SEED}, iteration {iteration}, {signame} after {budget} of ~{total} bytes"
        assert marker.is_file(), f"{context}: the signal never landed inside a write"
        tmp_name, cut, size = marker.read_text().rsplit(" ", 2)
        assert tmp_name.startswith(str(work)) and int(cut) < int(size), context  # mid-write, into this run's file
        assert run.returncode == status, f"{context}: {run.returncode}: {run.stderr.decode()[-2000:]}"
        assert "Traceback" not in run.stderr.decode(), run.stderr.decode()
        assert not leftovers(work), f"{context}: temporary files left: {leftovers(work)}"
        assert_old_or_new(work, states[old_key], states[new_key], context)
        shutil.rmtree(work)


@pytest.mark.parametrize("signame", STOP_SIGNALS)
def test_a_stop_signal_inside_a_write_of_update_leaves_no_temporary_file(states, tmp_path, signame):
    template = states["root"] / "templateA" / "site.pot"
    signal_while_writing(states, tmp_path, ("update", "--template", str(template), "--lang", ",".join(LANGUAGES)),
                         "base", "old", "A", signame)


@pytest.mark.parametrize("signame", STOP_SIGNALS)
def test_a_stop_signal_inside_a_write_of_publish_leaves_no_temporary_file(states, tmp_path, signame):
    signal_while_writing(states, tmp_path, ("publish", "--no-glossary", "--force"), "publish_base", "publish_old",
                         "publish_new", signame)


@pytest.mark.parametrize("command", [("check", "--no-glossary", "--no-cache", "--format", "json", "-o", "report.json"),
                                     ("check", "--no-glossary", "--no-cache", "--write-baseline", "report.json"),
                                     ("extract", "content/en", "-o", "report.json")], ids=["check -o", "--write-baseline", "extract"])
def test_sigterm_inside_a_report_write_keeps_the_old_file_and_no_temporary_one(states, tmp_path, command):
    work = copy(states["base"], tmp_path / "work")
    (work / "report.json").write_text("")  # the previous output: an empty file any command may replace
    marker = tmp_path / "marker"
    run = subprocess.run([sys.executable, "-c", SIGNAL_WHILE_WRITING, *command], cwd=work, capture_output=True, timeout=300,
                         env={**os.environ, "SIGNAL_AFTER_BYTES": "20", "SIGNAL_NUMBER": str(int(signal.SIGTERM)),
                              "SIGNAL_MARKER": str(marker)})
    assert marker.is_file() and ".report.json." in marker.read_text(), "the signal never landed inside the write"
    assert run.returncode == -signal.SIGTERM, run.stderr.decode()
    assert "stopped by SIGTERM" in run.stderr.decode()
    assert (work / "report.json").read_bytes() == b"" and not leftovers(work)


# ---------------------------------------------------------------- forked workers die with their parent
# A `--jobs` check killed from outside (SIGKILL, SIGTERM) must take its workers with it: left
# alive they kept ~85 MB each for ever, blocked on a queue no one read (issue 13).

WORKERS_CATALOG_MESSAGES = 100_000


@pytest.fixture(scope="module")
def busy_catalog(tmp_path_factory) -> Path:
    """A catalog whose check keeps three processes busy for seconds, every message with findings."""
    path = tmp_path_factory.mktemp("workers") / "fr.po"
    with open(path, "w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')
        for i in range(WORKERS_CATALOG_MESSAGES):
            out.write(f'msgid "Report abuse number {i} to the hotline today, please."\n'
                      f'msgstr "Signalez l\'abus numéro {i + 1} à la ligne aujourd\'hui"\n\n')
    return path


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def running(pid: int) -> bool:
    """The process exists and is not a zombie (a dead worker its new parent has not reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


# prctl(0, ...) fails with EINVAL: the workers then have only the pipe they watch, as where prctl does not exist.
WITHOUT_PRCTL = """
import runpy, sys
import i18n_check.parallel
i18n_check.parallel.PR_SET_PDEATHSIG = 0
sys.argv = ["i18n-check", *sys.argv[1:]]
runpy.run_module("i18n_check", run_name="__main__")
"""


@pytest.mark.parametrize("signame, how", [("SIGKILL", "prctl and pipe"), ("SIGTERM", "prctl and pipe"), ("SIGKILL", "pipe only")])
def test_killing_a_jobs_check_takes_its_workers_with_it(busy_catalog, signame, how):
    start = ["-c", WITHOUT_PRCTL] if how == "pipe only" else ["-m", "i18n_check"]
    parent = subprocess.Popen([sys.executable, *start, "check", "--no-glossary", "--no-cache", "--jobs", "3", str(busy_catalog)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
            workers = [pid for pid in children(parent.pid) if running(pid)]
            time.sleep(0.02)
        time.sleep(0.3)  # into their work
        assert len(workers) == 2 and parent.poll() is None and all(running(pid) for pid in workers), \
            "the workers must exist, and the check still run, when the kill lands"
        parent.send_signal(getattr(signal, signame))
        parent.wait(timeout=60)
        gone_by = time.monotonic() + 5
        while time.monotonic() < gone_by and any(running(pid) for pid in workers):
            time.sleep(0.02)
        alive = [pid for pid in workers if running(pid)]
        assert not alive, f"workers {alive} outlived their parent ({signame}, {how})"
    finally:
        for pid in children(parent.pid) + locals().get("workers", []):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if parent.poll() is None:
            parent.kill()
