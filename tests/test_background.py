"""Work a build hands to a forked process (scripts/background.py): the results arrive one by one,
and where the process cannot start, dies or fails, the job runs here with the same results."""

from __future__ import annotations

import os
import threading
import time
from functools import partial

import pytest

from scripts import background
from scripts.background import Prefetched, Worker

PARENT = os.getpid()


def one_job(job, fork: bool = True) -> Worker:
    """A worker with one job, started at once (its index is 0)."""
    worker = Worker([job], fork)
    worker.start(0)
    return worker


def appears(path, seconds: float = 30) -> bool:
    """Whether the file shows up within `seconds` (nothing else is done meanwhile)."""
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return path.exists()


def squares(count: int, pause: float = 0.0):
    def job():
        for n in range(count):
            time.sleep(pause)
            yield n * n, os.getpid()
    return job


def test_the_results_come_from_the_forked_process_in_order():
    task = one_job(squares(5))
    assert task.forked
    results = task.results(0)
    assert [value for value, _ in results] == [0, 1, 4, 9, 16]
    assert {pid for _, pid in results} != {PARENT}  # worked out by the other process
    assert task.results(0) == results  # asked again: the same, nothing run twice


def test_available_takes_what_has_arrived_without_waiting():
    task = one_job(squares(3, pause=0.3))
    started = time.monotonic()
    assert task.available(0) == []  # nothing yet, and no wait for it
    assert time.monotonic() - started < 0.2
    deadline = time.monotonic() + 30
    while len(task.available(0)) < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert 1 <= len(task.available(0)) <= 3
    assert [value for value, _ in task.results(0)] == [0, 1, 4]


def test_without_a_fork_the_job_runs_here_when_the_results_are_asked_for():
    task = one_job(squares(3), fork=False)
    assert not task.forked and task.available(0) == []
    assert task.results(0) == [(0, PARENT), (1, PARENT), (4, PARENT)]


def test_no_fork_beside_another_thread():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        task = one_job(squares(2))
        assert not task.forked and task.results(0) == [(0, PARENT), (1, PARENT)]
    finally:
        stop.set()
        other.join()


def dies_in_the_child():
    yield "first"
    if os.getpid() != PARENT:
        os._exit(1)  # killed half-way (out of memory, say)
    yield "second"


def fails_in_the_child():
    if os.getpid() != PARENT:
        raise ValueError("only in the child")
    yield "here"


def test_a_process_that_dies_or_fails_leaves_the_whole_job_to_this_process():
    assert one_job(dies_in_the_child).results(0) == ["first", "second"]  # not "first" twice
    assert one_job(fails_in_the_child).results(0) == ["here"]


def broken():
    raise ValueError("bad input")
    yield  # a generator


def test_an_error_in_the_job_is_raised_here_as_it_would_be_without_the_fork():
    with pytest.raises(ValueError, match="bad input"):
        one_job(broken).results(0)


def test_stop_ends_the_process():
    task = one_job(squares(1000, pause=0.05))
    process = task.process
    background.stop_all()
    assert process is not None and not process.is_alive()
    assert task not in background._running


def chunks():
    yield {"a": 1, "b": 2}
    yield {"c": 3}


def test_prefetched_values_arrive_and_a_missing_one_is_none():
    worker = Worker([chunks, lambda: iter([{"e": 5}])])
    try:
        prefetched = Prefetched(worker, worker.start(0), worker.start(1))
        worker.results(1)  # the jobs run in turn: both are done
        assert [prefetched.get(key) for key in ("a", "b", "c", "d", "e")] == [1, 2, 3, None, 5]
    finally:
        worker.stop()


def pid_job(tag: str):
    yield tag, os.getpid()


def test_one_worker_runs_the_jobs_started_and_submitted_in_turn():
    """Jobs known when it is forked (closures are fine) and jobs sent later (picklable): the
    same process runs them all, in the order they were started."""
    log = []
    worker = Worker([squares(2), lambda: iter(log)])
    try:
        assert worker.forked
        later = worker.submit(partial(pid_job, "later"))
        first = worker.start(0)
        log.append("appended after the fork: not seen by the worker")
        empty = worker.start(1)
        results = {index: worker.results(index) for index in (later, first, empty)}
        pids = {pid for _, pid in results[later] + results[first]}
        assert len(pids) == 1 and PARENT not in pids  # one process for every job
        assert [tag for tag, _ in results[later]] == ["later"] and [v for v, _ in results[first]] == [0, 1]
        assert results[empty] == []
    finally:
        worker.stop()
    assert not worker.process.is_alive()


def test_a_failing_job_runs_here_and_the_worker_goes_on_with_the_next():
    worker = Worker([fails_in_the_child, squares(1)])
    try:
        failed, ok = worker.start(0), worker.start(1)
        assert worker.results(failed) == ["here"]
        assert [pid for _, pid in worker.results(ok)] != [PARENT]  # still done by the worker
    finally:
        worker.stop()


def test_after_the_worker_dies_every_job_left_runs_here():
    worker = Worker([dies_in_the_child, squares(2)])
    worker.start(0)
    worker.start(1)
    assert worker.results(0) == ["first", "second"]
    assert worker.results(1) == [(0, PARENT), (1, PARENT)]
    assert worker.submit(squares(1)) == 2 and worker.results(2) == [(0, PARENT)]


def big_results_then_mark(mark):
    for _ in range(10):
        yield "x" * 50_000  # 500 KB in all: far more than a pipe holds by default (64 KB)
    mark.write_text("done", encoding="utf-8")
    yield "last"


def test_the_worker_does_not_wait_for_the_build_to_read_its_results(tmp_path):
    """The build reads between pages; a worker stuck on a full pipe until then would fall behind
    (QR codes late for their pages, the cards late for the end of the build)."""
    mark = tmp_path / "mark"
    worker = Worker([partial(big_results_then_mark, mark)])
    try:
        worker.start(0)
        assert appears(mark)  # nothing read meanwhile
        assert len(worker.results(0)) == 11
    finally:
        worker.stop()


def many_large_results_then_mark(mark):
    for n in range(40):
        yield str(n) * 200_000  # 8 MB in all, as a build's pages: more than any pipe holds (1 MB on Linux)
    mark.write_text("done", encoding="utf-8")
    yield "last"


def test_large_results_go_through_files_and_never_stop_the_worker(tmp_path):
    """Results larger than the pipe holds are written to files the build reads and deletes: the
    worker goes on to its next job without waiting for the build to read them."""
    mark = tmp_path / "mark"
    worker = Worker([partial(many_large_results_then_mark, mark)])
    spill = worker.spill
    try:
        worker.start(0)
        assert appears(mark)  # nothing read meanwhile
        assert worker.results(0) == [str(n) * 200_000 for n in range(40)] + ["last"]
        assert spill is not None and not any(spill.iterdir())  # each file deleted once read
    finally:
        worker.stop()
    assert not spill.exists()


def test_a_job_the_worker_has_not_started_runs_here_at_once_and_the_worker_skips_it():
    worker = Worker([squares(1, pause=1.0), squares(2)])
    try:
        worker.start(0)
        worker.start(1)
        assert worker.results(1, here_if_not_started=True) == [(0, PARENT), (1, PARENT)]  # no wait for job 0
        assert [pid != PARENT for _, pid in worker.results(0)] == [True]
        assert worker.results(1) == [(0, PARENT), (1, PARENT)]  # the worker skipped it: nothing run twice
    finally:
        worker.stop()


def test_a_job_the_worker_has_started_is_not_run_here_again():
    worker = Worker([squares(2, pause=0.5)])
    try:
        worker.start(0)
        deadline = time.monotonic() + 30
        while not worker.available(0) and time.monotonic() < deadline:
            time.sleep(0.02)  # the first result arrived: the worker has started the job
        assert all(pid != PARENT for _, pid in worker.results(0, here_if_not_started=True))
    finally:
        worker.stop()


def test_a_job_the_worker_could_not_claim_runs_here_and_nothing_waits_forever():
    """Claimed here but never run here (as when the lock could not be had): the worker skips it,
    says so, and results() runs the job here instead of waiting for the worker."""
    worker = Worker([squares(2), squares(1)])
    try:
        assert worker.claims is not None and worker.claims.take(0)
        worker.start(0)
        worker.start(1)
        assert [pid != PARENT for _, pid in worker.results(1)] == [True]  # job 1 ran there, after the skip
        assert worker.results(0) == [(0, PARENT), (1, PARENT)]
    finally:
        worker.stop()
