"""Work a build hands to a forked process (scripts/background.py): the results arrive one by one,
and where the process cannot start, dies or fails, the job runs here with the same results."""

from __future__ import annotations

import os
import threading
import time

import pytest

from scripts import background
from scripts.background import Prefetched, Task

PARENT = os.getpid()


def squares(count: int, pause: float = 0.0):
    def job():
        for n in range(count):
            time.sleep(pause)
            yield n * n, os.getpid()
    return job


def test_the_results_come_from_the_forked_process_in_order():
    task = Task(squares(5))
    assert task.forked
    results = task.results()
    assert [value for value, _ in results] == [0, 1, 4, 9, 16]
    assert {pid for _, pid in results} != {PARENT}  # worked out by the other process
    assert task.results() == results  # asked again: the same, nothing run twice


def test_available_takes_what_has_arrived_without_waiting():
    task = Task(squares(3, pause=0.3))
    started = time.monotonic()
    assert task.available() == []  # nothing yet, and no wait for it
    assert time.monotonic() - started < 0.2
    deadline = time.monotonic() + 30
    while len(task.available()) < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert 1 <= len(task.available()) <= 3
    assert [value for value, _ in task.results()] == [0, 1, 4]


def test_without_a_fork_the_job_runs_here_when_the_results_are_asked_for():
    task = Task(squares(3), fork=False)
    assert not task.forked and task.available() == []
    assert task.results() == [(0, PARENT), (1, PARENT), (4, PARENT)]


def test_no_fork_beside_another_thread():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        task = Task(squares(2))
        assert not task.forked and task.results() == [(0, PARENT), (1, PARENT)]
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
    assert Task(dies_in_the_child).results() == ["first", "second"]  # not "first" twice
    assert Task(fails_in_the_child).results() == ["here"]


def broken():
    raise ValueError("bad input")
    yield  # a generator


def test_an_error_in_the_job_is_raised_here_as_it_would_be_without_the_fork():
    with pytest.raises(ValueError, match="bad input"):
        Task(broken).results()


def test_stop_ends_the_process():
    task = Task(squares(1000, pause=0.05))
    process = task.process
    background.stop_all()
    assert process is not None and not process.is_alive()
    assert task not in background._running


def chunks():
    yield {"a": 1, "b": 2}
    yield {"c": 3}


def test_prefetched_values_arrive_and_a_missing_one_is_none():
    prefetched = Prefetched(chunks)
    prefetched.task.results()  # wait for all of them
    assert [prefetched.get(key) for key in ("a", "b", "c", "d")] == [1, 2, 3, None]
