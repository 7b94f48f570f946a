"""Runs a task over work items in worker processes forked from this one, results in item order.

Forking (Linux) lets the workers inherit the parsed catalogs, the rules and the compiled glossary
as they are in memory: nothing but the small work items and their results crosses between
processes. Where fork is unavailable or unsafe (Windows, macOS), the work runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many messages, starting workers costs more than it saves (measured: a fork and its
# first results take ~0.1 s; the rules check 4,000-20,000 messages a second).
MIN_MESSAGES = 20_000

_task: Callable | None = None  # what the workers run, inherited through fork rather than pickled


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


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the group: the parent alone stops the pool, without a
    # traceback from each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(item):
    return _task(item)


def forked_map(task: Callable[[Item], Result], items: Iterable[Item], jobs: int) -> Iterator[Result]:
    """`task(item)` for every item, in item order, run by `jobs` forked workers (or here when jobs <= 1).

    An exception in a task is raised here, as it would be without workers.
    """
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        yield from map(task, items)
        return
    global _task
    _task = task
    # The objects the workers inherit are only read: keep the collector from touching them
    # (each touch would copy a page into the worker) and from freeing holes in the pages.
    gc.collect()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items)), initializer=_ignore_interrupts) as pool:
            yield from pool.imap(_run, items)
    finally:
        _task = None
        gc.unfreeze()
