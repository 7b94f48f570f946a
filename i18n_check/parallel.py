"""Runs a task over work items in this process and worker processes forked from it.

Forking (Linux) lets the workers inherit the parsed catalogs, the rules and the compiled glossary
as they are in memory: nothing but the small work items and their results crosses between
processes. Where fork is unavailable or unsafe (Windows, macOS), the work runs in this process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many messages, starting workers costs more than it saves (measured: a fork and its
# first results take ~0.1 s; the rules check 4,000-20,000 messages a second).
MIN_MESSAGES = 20_000

@contextmanager
def collector_spares_existing() -> Iterator[None]:
    """Within the block, the garbage collector leaves alone every object alive on entry.

    Parsed catalogs and a loaded glossary are millions of objects that cannot form reference
    cycles; each full collection walked all of them again (measured: half the time of the
    project rules). Frozen objects are still freed as usual when nothing refers to them.
    Blocks nest: only the outermost one gives the objects back to the collector.
    """
    outermost = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outermost:
            gc.unfreeze()


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def default_jobs(messages: int) -> int:
    """How many processes to check `messages` messages with: one per core for big runs, else one."""
    return available_cores() if messages > MIN_MESSAGES else 1


def forked_map(task: Callable[[Item], Result], items: Iterable[Item], jobs: int,
               remote: Callable[[Item], object] | None = None) -> Iterator[tuple[int, object, bool]]:
    """(position, result, done by a worker) for every item, in the order they are done by this
    process and `jobs - 1` forked workers, each taking the next item when it is free.

    This process runs `task`; a worker runs `remote` (default `task`), whose result must pickle:
    it can send plain data rather than objects. This process works too, rather than waiting:
    every worker copies the memory pages of the objects it reads (their reference counts
    change), so one worker fewer is memory saved. An exception in a worker is raised here.
    """
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        for position, item in enumerate(items):
            yield position, task(item), False
        return
    context = multiprocessing.get_context("fork")
    claimed = context.Value("q", 0)   # the next item to take, shared by every process
    results = context.Queue()         # its feeder thread sends: a worker never waits for this process to read

    def take() -> int:
        with claimed.get_lock():
            position = claimed.value
            claimed.value += 1
        return position

    parent = os.getpid()
    watch, alive = os.pipe()  # this process holds `alive` open for as long as it lives

    def work() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: this process stops the workers, quietly
        for signum in (signal.SIGTERM, signal.SIGHUP):  # this process's handlers raise; a worker just ends
            signal.signal(signum, signal.SIG_DFL)
        die_with_parent(parent, watch, alive)
        position = -1
        try:
            while (position := take()) < len(items):
                results.put((position, (remote or task)(items[position]), None))
        except BaseException as exc:  # sent whole when it pickles, else as text
            results.put((position, None, exc if _pickles(exc) else RuntimeError(traceback.format_exc())))

    # The objects the workers inherit are only read: keep the collector from touching them
    # (each touch would copy a page into the worker) and from freeing holes in the pages.
    gc.collect()
    with collector_spares_existing():
        workers = [context.Process(target=work, daemon=True) for _ in range(min(jobs, len(items)) - 1)]
        try:
            for worker in workers:
                worker.start()
            done = 0
            while done < len(items):
                got = _receive(results, workers, block=False)
                if got is None:
                    position = take()
                    if position < len(items):
                        done += 1
                        yield position, task(items[position]), False
                        continue
                    got = _receive(results, workers, block=True)
                position, result, error = got
                if error is not None:
                    raise error
                done += 1
                yield position, result, True
        finally:
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
                worker.join()
            results.close()
            os.close(alive)
            os.close(watch)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int, watch: int, alive: int) -> None:
    """Make this worker end when the process that forked it does, however that ends (SIGKILL too):
    a worker left alive would hold its memory for ever, blocked on a queue no one reads.

    Two ways, so that one holds where the other does not: Linux's PR_SET_PDEATHSIG (the kernel
    sends SIGKILL), and a pipe whose writing end only the parent holds: a thread here waits on
    the reading end and ends the worker at end of file, which comes when the parent is gone.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the pipe alone
        pass
    os.close(alive)  # the parent's end: a worker holding a copy would keep the pipe open itself
    if os.getppid() != parent:  # the parent died before the death signal was asked for
        os._exit(1)

    def wait_for_parent() -> None:
        while os.read(watch, 1):
            pass
        os._exit(1)

    threading.Thread(target=wait_for_parent, name="i18n-check-parent-watch", daemon=True).start()


def _receive(results, workers, block: bool):
    """A worker's next result; None when none is ready (block=False). Raises when every worker
    died with results still owed, rather than waiting for ever."""
    while True:
        try:
            return results.get(block=block, timeout=0.5 if block else None)
        except queue.Empty:
            if not block:
                return None
            if not any(w.is_alive() for w in workers) and results.empty():
                codes = ", ".join(str(w.exitcode) for w in workers)
                raise RuntimeError(f"a worker process stopped before finishing its work (exit codes {codes})") from None


def _pickles(value) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True
