"""Work a build starts early and collects later (the pages' QR codes, the card heights, the embed
cards, the output gate of the pages already written), done by one forked process while this one
goes on rendering.

A job is a function that yields its results one by one. The worker is forked once, with the jobs
known then (they share the loaded project without copying it); `start` runs one of them, `submit`
sends a new one (it must be picklable: a module function and plain values). The worker runs its
jobs one after another, at a lower priority than the build, and sends each result back as soon as
it is ready, so the build can take what is there without waiting (`available`) or wait for a
job's results (`results`). One process, not one per job: each fork makes the build's memory
copy-on-write again, and more processes than processors would slow the build down.

Where forking is not safe (scripts/parallel.py), or the worker dies or a job fails in it,
`results` runs the job here, from the start: the results never depend on the worker, only how
soon they are ready. A job the worker has not started yet may also be claimed and run here at
once (the build has nothing else left to do); the worker then skips it. A job must therefore
give the same results when run twice (writing the same files again is fine)."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Generic, Iterable, TypeVar

from .parallel import can_fork

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Job = Callable[[], Iterable]
PIPE_BYTES = 4 << 20
SPILL_BYTES = 64 << 10  # a larger result goes through a file: a full pipe would stop the worker
NICENESS = 10  # the worker yields the processor to the build, which waits for nobody but itself
CLAIMS = 4096  # jobs that either process may claim (`results(..., here_if_not_started=True)`)
LOCK_SECONDS = 5.0  # a claim waits this long at most for the other process (which may have died)
_running: list["Worker"] = []  # every worker with a live process, for stop_all


class Worker:
    def __init__(self, jobs: list[Job], fork: bool = True) -> None:
        self.jobs = list(jobs)
        self.received: dict[int, list] = {}
        self.finished: set[int] = set()
        self.failed: set[int] = set()
        self.process = None
        self.reader = self.writer = None
        self.claims = None
        self.spill: Path | None = None
        if fork and can_fork():
            context = multiprocessing.get_context("fork")
            self.spill = Path(tempfile.mkdtemp(prefix="exofaq-worker-"))
            jobs_in, self.writer = context.Pipe(duplex=False)
            self.reader, results_out = context.Pipe(duplex=False)
            _enlarge(results_out)
            self.claims = Claims(context)
            self.process = context.Process(target=_work, args=(self.jobs, jobs_in, results_out, self.claims,
                                                               self.spill), daemon=True)
            self.process.start()
            jobs_in.close()
            results_out.close()  # the worker holds the only writing end: its exit is the reader's EOF
            _running.append(self)

    @property
    def forked(self) -> bool:
        return self.process is not None

    def start(self, index: int) -> int:
        """Run job `index` once the jobs started before it are done."""
        self._send(("start", index))
        return index

    def submit(self, job: Job) -> int:
        """A new job, run after the ones started before it; its index."""
        self.jobs.append(job)
        self._send(("submit", job))
        return len(self.jobs) - 1

    def available(self, index: int) -> list:
        """The results of job `index` received so far, without waiting for more."""
        try:
            while self.reader is not None and self.reader.poll():
                self._take(self.reader.recv())
        except (EOFError, OSError):
            self._close()
        return self.received.get(index, [])

    def results(self, index: int, here_if_not_started: bool = False) -> list:
        """Every result of job `index`: waits for the worker, or runs the job here if there is
        no worker or it ended before the job was done. `here_if_not_started`: a job the worker
        has not started yet runs here at once (the worker then skips it)."""
        if here_if_not_started and index not in self.finished and (self.claims is None or self.claims.take(index)):
            self.received[index] = list(self.jobs[index]())
            self.finished.add(index)
        try:
            while self.reader is not None and index not in self.finished | self.failed:
                self._take(self.reader.recv())
        except (EOFError, OSError):
            self._close()
        if index not in self.finished:
            self.received[index] = list(self.jobs[index]())
            self.finished.add(index)
        return self.received.setdefault(index, [])

    def stop(self) -> None:
        """End the worker now (the build is over, or failed); the results so far stay."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
        self._close()

    def _send(self, message: tuple) -> None:
        if self.writer is None:
            return  # no worker (any more): results() runs the job here
        try:
            self.writer.send(message)
        except (OSError, ValueError):
            self._close()

    def _take(self, message: tuple) -> None:
        index, kind, value = message
        if kind == "spilled":  # a large result, in a file of its own (see _work)
            kind, value = "result", _read_spilled(Path(value))
        if kind == "result":
            self.received.setdefault(index, []).append(value)
        elif kind == "done":
            self.finished.add(index)
        elif kind == "skipped":  # claimed here: run here (no claim could be made: results() runs it here)
            if index not in self.finished:
                self.failed.add(index)
        else:  # "failed": results() runs it here, where an error is reported as any other
            self.failed.add(index)
            self.received.pop(index, None)

    def _close(self) -> None:
        for end in (self.reader, self.writer):
            if end is not None:
                end.close()
        self.reader = self.writer = None
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            if self in _running:
                _running.remove(self)
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)
            self.spill = None


class Prefetched(Generic[K, V]):
    """Values a worker's jobs work out before they are asked for: each job yields dicts of them,
    in the order they will be needed. `get` is a value that has arrived, else None (the caller
    works it out itself, so nothing depends on the worker). Each `get` takes whatever the worker
    has sent meanwhile, so a worker that is ahead is never kept waiting on a full pipe."""

    def __init__(self, worker: Worker, *indexes: int) -> None:
        self.worker, self.indexes = worker, indexes
        self.values: dict[K, V] = {}
        self.merged = dict.fromkeys(indexes, 0)

    def get(self, key: K) -> V | None:
        for index in self.indexes:
            chunks = self.worker.available(index)
            for chunk in chunks[self.merged[index]:]:
                self.values.update(chunk)
            self.merged[index] = len(chunks)
        return self.values.get(key)


def _enlarge(connection) -> None:
    """Room in the pipe for every result of a build (QR codes, gate findings: under 1 MB), so
    the worker never waits for the build to read: it reads between pages. Linux caps the size
    (fs/pipe-max-size, 1 MB by default); where it cannot grow, the worker waits now and then."""
    try:
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        fcntl.fcntl(connection.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), min(limit, PIPE_BYTES))
    except (OSError, ValueError):
        pass


class Claims:
    """Which jobs a process has started, in memory the build and its worker share: a job runs in
    the one process that claims it first. A claim waits LOCK_SECONDS at most for the lock (the
    other process may have died holding it) and then counts as taken by the other process."""

    def __init__(self, context) -> None:
        self.started = context.RawArray("b", CLAIMS)
        self.lock = context.Lock()

    def take(self, index: int) -> bool:
        if index >= CLAIMS or not self.lock.acquire(timeout=LOCK_SECONDS):
            return False
        try:
            if self.started[index]:
                return False
            self.started[index] = 1
            return True
        finally:
            self.lock.release()


def stop_all() -> None:
    """End every worker (the build failed or is over)."""
    for worker in list(_running):
        worker.stop()


def _work(jobs: list[Job], jobs_in, results_out, claims: Claims, spill: Path | None = None) -> None:
    """In the forked process: run each job started or submitted, in turn, sending its results
    and then "done"; a job that raises sends "failed" (the build runs it again itself); a job
    the build has claimed is skipped (it runs there). A result larger than SPILL_BYTES is
    written to a file in `spill` and only its name sent: the pipe holds 1 MB on Linux, and a
    worker ahead of the build (its pages) would otherwise wait there until the build reads them,
    with other jobs (the cards, the gates) still to do."""
    sent = 0

    def send(index: int, result: object) -> None:
        nonlocal sent
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        if spill is not None and len(data) > SPILL_BYTES:
            sent += 1
            path = spill / f"{sent}.pickle"
            try:
                path.write_bytes(data)
            except OSError:
                pass  # no room: through the pipe after all
            else:
                results_out.send((index, "spilled", str(path)))
                return
        results_out.send((index, "result", result))

    try:
        os.nice(NICENESS)
        while True:
            kind, value = jobs_in.recv()
            if kind == "submit":
                jobs.append(value)
                value = len(jobs) - 1
            index = value
            if index < CLAIMS and not claims.take(index):
                results_out.send((index, "skipped", None))  # the build runs it (or, if it did not claim it, will)
                continue
            outcome = _run(jobs[index], lambda result: send(index, result))
            results_out.send((index, outcome, None))
    except (EOFError, OSError):
        return  # the build closed its ends (it is done with the worker) or is gone
    finally:
        results_out.close()


def _read_spilled(path: Path) -> object:
    """A result the worker wrote to a file (it made the file, in a folder only this build uses)."""
    try:
        return pickle.loads(path.read_bytes())
    finally:
        path.unlink(missing_ok=True)


def _run(job: Job, send: Callable[[object], None]) -> str:
    """Send each result of the job; "done", or "failed" if the job raised (sending may raise)."""
    try:
        results = iter(job())
    except Exception:
        return "failed"
    while True:
        try:
            result = next(results)
        except StopIteration:
            return "done"
        except Exception:
            return "failed"
        send(result)
