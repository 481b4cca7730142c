"""Rules run in this process and forked helpers (scripts/parallel.py): the same results in the
same order, the work really shared, a dead helper's jobs done here, no fork beside other threads."""

from __future__ import annotations

import os
import threading
import time

from conftest import TODAY
from scripts.checker import check_project
from scripts.content import load_project
from scripts.parallel import run_all

PARENT = os.getpid()


def job(n: int):
    def run() -> tuple[int, int]:
        time.sleep(0.02)  # long enough for every process to take a share
        return n * n, os.getpid()
    return run


def test_results_are_the_same_and_in_order_and_shared_with_a_helper():
    results = run_all([job(n) for n in range(30)], helpers=2)
    assert [value for value, _ in results] == [n * n for n in range(30)]
    pids = {pid for _, pid in results}
    assert PARENT in pids and len(pids) >= 2  # this process and at least one helper did jobs


def test_the_jobs_of_a_helper_that_dies_are_done_here():
    def dies_in_a_helper(n: int):
        def run() -> tuple[int, int]:
            if os.getpid() != PARENT:
                os._exit(3)
            time.sleep(0.01)
            return n, os.getpid()
        return run

    results = run_all([dies_in_a_helper(n) for n in range(12)], helpers=2)
    assert results == [(n, PARENT) for n in range(12)]


def test_nothing_is_forked_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = run_all([job(n) for n in range(6)], helpers=2)
    finally:
        stop.set()
        other.join()
    assert {pid for _, pid in results} == {PARENT}


def test_a_check_with_helpers_finds_the_same_problems(project):
    project.replace("docs/en/cosmetic/hair.md", "## ", "##", count=1)  # a heading the scan cannot read
    project.write("data/ui.yml", project.read("data/ui.yml") + "\nbroken: [\n")
    loaded = load_project(project.root)
    alone = check_project(loaded, TODAY)
    assert len({p.rule for p in alone}) >= 2
    assert check_project(load_project(project.root), TODAY, helpers=2) == alone


def test_nothing_is_forked_on_a_system_other_than_linux(monkeypatch):
    monkeypatch.setattr("sys.platform", "darwin")
    assert {pid for _, pid in run_all([job(n) for n in range(6)], helpers=2)} == {PARENT}
