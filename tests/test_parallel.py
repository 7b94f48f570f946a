"""Worker processes: the same report in the same order, whatever the number of jobs."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from conftest import REALDATA, ROOT
from i18n_check import check, load_glossary
from i18n_check.parallel import MIN_MESSAGES, available_cores, default_jobs, forked_map

CAMPAIGN = ROOT / "catalogs"
GLOSSARY = ROOT / "glossary.yaml"


@pytest.mark.parametrize("paths", [[REALDATA], [CAMPAIGN]], ids=["real catalogs", "campaign"])
def test_two_jobs_report_what_one_does(paths):
    glossary = load_glossary(GLOSSARY)
    serial = check(paths, glossary=glossary, select=["ALL"], jobs=1)
    parallel = check(paths, glossary=glossary, select=["ALL"], jobs=2)
    assert serial.findings, "nothing found: the comparison would prove nothing"
    assert parallel.findings == serial.findings  # every field, in the same order
    assert parallel.catalogs == serial.catalogs


def slow_pid(item):
    time.sleep(0.02)  # long enough for the worker to start and take its share
    return item, os.getpid()


def test_work_is_shared_with_a_worker():
    """Items are done here and in a forked worker (else the test above proves nothing), each once."""
    seen = list(forked_map(slow_pid, range(40), 2))
    assert sorted(position for position, _, _ in seen) == list(range(40))
    assert all(result[0] == position for position, result, _ in seen)
    by_worker = {result[1] for _, result, remote in seen if remote}
    here = {result[1] for _, result, remote in seen if not remote}
    assert here == {os.getpid()} and by_worker and os.getpid() not in by_worker


def test_worker_sends_plain_data():
    """A worker's results are what `remote` returns (plain data that pickles), this process's what `task` returns."""
    def here(item):
        time.sleep(0.02)  # as slow as the worker's share: both processes take items
        return ("object", item)

    seen = list(forked_map(here, range(40), 2, remote=lambda item: slow_pid(item)[0]))
    assert sorted(position for position, _, _ in seen) == list(range(40))
    assert any(remote for _, _, remote in seen), "the worker handled no item: the test would prove nothing"
    assert any(not remote for _, _, remote in seen)
    for position, result, remote in seen:
        assert result == (position if remote else ("object", position))


def test_worker_error_is_raised_here():
    def fail_in_worker(item):
        time.sleep(0.01)
        raise ValueError(f"item {item}")

    with pytest.raises(ValueError, match="item"):
        list(forked_map(lambda item: time.sleep(0.05), range(8), 2, remote=fail_in_worker))


def test_dead_worker_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="worker process stopped"):
        list(forked_map(lambda item: time.sleep(0.2), range(6), 2, remote=lambda item: os._exit(3)))


def test_progress_counts_every_message_with_workers():
    heard = []
    report = check([REALDATA], jobs=2, progress=lambda stage, done, total: heard.append((stage, done, total)))
    checking = [(done, total) for stage, done, total in heard if stage == "checking"]
    total = sum(c.messages for c in report.catalogs)
    assert checking[-1] == (total, total)
    assert [done for done, _ in checking] == sorted(done for done, _ in checking)
    assert len(checking) > 2, "one step per chunk, not a single jump"


def test_parallel_cold_run_fills_the_cache_a_serial_run_reads(tmp_path):
    folder = tmp_path / "cache"
    cold = check([REALDATA], jobs=2, cache_dir=folder)
    assert len(list(folder.glob("*.marshal"))) == 10
    warm = check([REALDATA], jobs=1, cache_dir=folder)
    assert warm.findings == cold.findings == check([REALDATA], jobs=1).findings


def test_default_jobs():
    assert default_jobs(100) == 1  # a fork costs more than a small check
    assert default_jobs(MIN_MESSAGES + 1) == available_cores()


def test_cli_jobs(tmp_path, run_cli):
    shutil.copytree(CAMPAIGN, tmp_path / "catalogs")
    one = run_cli("check", "catalogs", "--no-cache", "--jobs", "1", "--format", "json", cwd=tmp_path)
    two = run_cli("check", "catalogs", "--no-cache", "-j", "2", "--format", "json", cwd=tmp_path)
    assert one == two and one[0] == 1
    code, _, err = run_cli("check", "catalogs", "--jobs", "0", cwd=tmp_path)
    assert code == 2 and "--jobs" in err


def test_the_collector_spares_what_lives_until_the_outermost_block_ends():
    import gc

    from i18n_check.parallel import collector_spares_existing

    assert gc.get_freeze_count() == 0
    with collector_spares_existing():
        outer = gc.get_freeze_count()
        assert outer > 0
        with collector_spares_existing():  # forked_map inside check(): nested
            pass
        assert gc.get_freeze_count() >= outer, "an inner block gave back what the outer one froze"
    assert gc.get_freeze_count() == 0


def test_check_leaves_nothing_frozen():
    import gc

    check([CAMPAIGN], jobs=2)
    assert gc.get_freeze_count() == 0
