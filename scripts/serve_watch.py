"""`make serve` notices a save at once.

MkDocs 1.x watches the files it serves by polling them every 0.5 s (watchdog's PollingObserver):
a save waits 0.25 s on average, and up to 0.5 s, before the rebuild starts, and every poll walks
docs/ again while the build runs. Where the operating system reports changes itself (inotify on
Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), the hook's `on_serve` moves MkDocs'
watches to watchdog's native Observer. Anything else stays as MkDocs made it:
- `EXOFAQ_WATCH=poll` keeps polling, for folders whose changes the system does not report (a
  network drive, a Windows folder seen from WSL);
- a system with no native observer, or a server without the watch list this module reads (a
  MkDocs fork that changed it), keeps polling;
- if the system refuses the watches (for example Linux's limit on inotify watches), the server
  keeps polling, with a warning."""

from __future__ import annotations

import logging
import os

WATCH_ENV = "EXOFAQ_WATCH"

log = logging.getLogger("mkdocs.hooks.exofaq")


def watched_paths(server) -> list[str] | None:
    """Each watched path, as often as it was watched (MkDocs counts them), or None if unknown."""
    counts = getattr(server, "_watched_paths", None)
    if not isinstance(counts, dict) or not hasattr(server, "observer"):
        return None
    return [path for path, times in counts.items() for _ in range(times)]


def system_reports_changes(paths: list[str]) -> bool:
    """Whether the system's own observer can watch every path: a throwaway observer tries
    (a refused watch shows only when an observer starts, and MkDocs starts its own later)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    probe = Observer()
    try:
        for path in dict.fromkeys(paths):
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as problem:
        log.warning("the system refused to report file changes (%s): `make serve` polls every 0.5 s "
                    "instead", problem)
        return False
    finally:
        probe.stop()  # also stops the watches that started before one was refused
        if probe.is_alive():
            probe.join()
    return True


def _changes_only_observer():
    """The system's observer, reporting what MkDocs' polling reports (a file created, changed,
    moved or deleted) and never a file being opened or read: every build reads docs/, and a read
    reported as a change would start the next rebuild, for ever."""
    from watchdog import events
    from watchdog.observers import Observer

    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent,
               events.FileClosedEvent, events.FileAttribEvent]

    class ChangesOnly(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **kwargs):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or changes, **kwargs)

    return ChangesOnly()


def watch_natively(server, later: list[str] = ()):
    """MkDocs' LiveReloadServer, its watches moved to the system's own change reports where it
    has them (see the module docstring). `later`: the paths MkDocs watches after `on_serve` (the
    `watch:` list of mkdocs.yml), tried too. Returns the same server."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    paths = watched_paths(server)
    if (os.environ.get(WATCH_ENV, "").strip().lower() == "poll" or paths is None
            or issubclass(Observer, PollingObserver) or not isinstance(server.observer, PollingObserver)
            or not system_reports_changes(paths + [os.path.abspath(path) for path in later])):
        return server
    for path in paths:
        server.unwatch(path)
    server.observer = _changes_only_observer()
    for path in paths:
        server.watch(path)
    return server
