"""Work shared by this process and forked helpers (the checker's rules, the output gate's
files, each language's faq.json and cards), and when forking is safe (the build's QR codes
ask can_fork too).

Each process takes the next job nobody has taken yet (a shared counter), so a long job on one
side (a rule such as readability) is balanced by several short ones on the other, and sends
back the job's result. The helpers are forked: they share the loaded project without copying
it through a pipe. Where forking is not safe (other threads running, as in `make serve`; a
system other than Linux) everything runs here. A helper that dies leaves its jobs to this
process: the result never depends on the helpers."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
MAX_HELPERS = 3


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def default_helpers() -> int:
    """One helper per further CPU this process may use, at most MAX_HELPERS."""
    return max(0, min(MAX_HELPERS, usable_cpus() - 1))


def can_fork() -> bool:
    """Fork only on Linux (macOS system libraries are not safe to use after a fork: Python
    itself starts processes another way there) and only a single-threaded process (a child
    gets only the forking thread: a lock another thread holds, such as the import lock, would
    never be released there)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def run_all(jobs: Sequence[Callable[[], T]], helpers: int) -> list[T]:
    """Each job's result, in the order of `jobs`."""
    results: dict[int, T] = {}
    if helpers < 1 or len(jobs) < 2 or not can_fork():
        return [job() for job in jobs]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    started = []
    for _ in range(helpers):
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_helper, args=(jobs, counter, writer), daemon=True)
        process.start()
        writer.close()
        started.append((process, reader))
    for index in _take(counter, len(jobs)):
        results[index] = jobs[index]()
    for process, reader in started:
        try:
            while True:
                index, value = reader.recv()
                results[index] = value
        except (EOFError, OSError):
            pass  # the helper is done (or died: its missing jobs run below)
        finally:
            reader.close()
            process.join()
    return [results[index] if index in results else job() for index, job in enumerate(jobs)]


def _take(counter, total: int) -> Iterator[int]:
    """The index of the next job nobody has taken, until there are none."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= total:
            return
        yield index


def _helper(jobs: Sequence[Callable[[], T]], counter, writer) -> None:
    for index in _take(counter, len(jobs)):
        writer.send((index, jobs[index]()))
    writer.close()
