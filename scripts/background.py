"""Work a build starts early and collects later (the pages' QR codes, the embed cards, the output
gate of the pages already written), done by a forked process while this one goes on rendering.

A task's job is a function that yields its results one by one; the process sends each back
through a pipe as soon as it is ready, so the build can take what is there without waiting
(`available`) or wait for all of it (`results`). Where forking is not safe (scripts/parallel.py)
or the process dies or fails before it is done, `results` runs the job here, from the start:
the results never depend on the forked process, only how soon they are ready. A job must
therefore give the same results when run twice (writing the same files again is fine)."""

from __future__ import annotations

import multiprocessing
from typing import Callable, Generic, Iterable, TypeVar

from .parallel import can_fork

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
_running: list["Task"] = []  # every task with a live process, for stop_all


class Task(Generic[T]):
    def __init__(self, job: Callable[[], Iterable[T]], fork: bool = True) -> None:
        self.job = job
        self.received: list[T] = []
        self.finished = False
        self.process = None
        self.reader = None
        if fork and can_fork():
            context = multiprocessing.get_context("fork")
            reader, writer = context.Pipe(duplex=False)
            self.process = context.Process(target=_run, args=(job, writer), daemon=True)
            self.process.start()
            writer.close()  # the child holds the only writing end: its exit is the reader's EOF
            self.reader = reader
            _running.append(self)

    @property
    def forked(self) -> bool:
        return self.process is not None

    def available(self) -> list[T]:
        """The results received so far, without waiting for more."""
        try:
            while self.reader is not None and self.reader.poll():
                self._take(self.reader.recv())
        except (EOFError, OSError):
            self._close()
        return self.received

    def results(self) -> list[T]:
        """Every result: waits for the forked process, or runs the job here if there is none
        or it ended before it was done."""
        try:
            while self.reader is not None:
                self._take(self.reader.recv())
        except (EOFError, OSError):
            pass
        self._close()
        if not self.finished:
            self.received = list(self.job())
            self.finished = True
        return self.received

    def stop(self) -> None:
        """End the process now (a build that failed); its results so far stay."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
        self._close()

    def _take(self, message: tuple[str, object]) -> None:
        kind, value = message
        if kind == "result":
            self.received.append(value)  # type: ignore[arg-type]
            return
        self.finished = kind == "done"  # or "failed": results() runs the job here
        self._close()

    def _close(self) -> None:
        if self.reader is not None:
            self.reader.close()
            self.reader = None
        if self.process is not None:
            self.process.join()
            if self in _running:
                _running.remove(self)


class Prefetched(Generic[K, V]):
    """Values a forked process works out before they are asked for: its job yields dicts of
    them, in the order they will be needed. `get` is a value that has arrived, else None (the
    caller works it out itself, so nothing depends on the process)."""

    def __init__(self, job: Callable[[], Iterable[dict[K, V]]]) -> None:
        self.task: Task[dict[K, V]] = Task(job)
        self.values: dict[K, V] = {}
        self.merged = 0

    def get(self, key: K) -> V | None:
        if key not in self.values:
            chunks = self.task.available()
            for chunk in chunks[self.merged:]:
                self.values.update(chunk)
            self.merged = len(chunks)
        return self.values.get(key)

    def stop(self) -> None:
        self.task.stop()


def stop_all() -> None:
    """End every task's process (the build failed or is over)."""
    for task in list(_running):
        task.stop()


def _run(job: Callable[[], Iterable[T]], writer) -> None:
    """In the forked process: send each result, then "done"; a job that raises sends "failed"
    (the build runs it again itself, where the error is reported as any other)."""
    try:
        for result in job():
            writer.send(("result", result))
        writer.send(("done", None))
    except Exception:
        writer.send(("failed", None))
    finally:
        writer.close()
