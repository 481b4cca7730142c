"""`make serve` starts a rebuild as soon as a file is saved (scripts/serve_watch.py): MkDocs'
polling observer is swapped for the system's own change reports, and reading a file never counts
as a change. Tested on MkDocs' real LiveReloadServer (never bound to a port)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from scripts.serve_watch import WATCH_ENV, watch_natively


def server_watching(*paths: Path) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(paths[0]))
    for path in paths:
        server.watch(str(path))
    return server


def rebuild_wanted(server: LiveReloadServer, timeout: float) -> bool:
    """Whether MkDocs' own watch callback asked for a rebuild within `timeout` seconds."""
    with server._rebuild_cond:
        wanted = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=timeout)
        server._want_rebuild = False
    return wanted


@pytest.fixture
def started(tmp_path, monkeypatch):
    monkeypatch.delenv(WATCH_ENV, raising=False)
    docs = tmp_path / "docs"
    (docs / "es").mkdir(parents=True)
    page = docs / "es" / "page.md"
    page.write_text("# Hola\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = watch_natively(server_watching(docs, config))
    server.watch(str(tmp_path / "docs"))  # watched twice (as a plugin may): still one watch, counted twice
    server.observer.start()
    yield server, page, config
    server.observer.stop()
    server.observer.join()


def test_watches_move_to_the_native_observer_and_keep_their_counts(started):
    server, page, config = started
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(page.parent.parent): 2, str(config): 1}


def test_a_save_asks_for_a_rebuild_and_a_read_does_not(started):
    server, page, config = started
    page.read_text(encoding="utf-8")  # every build reads the pages: no rebuild from that
    assert not rebuild_wanted(server, timeout=1.0)
    page.write_text("# Hola de nuevo\n", encoding="utf-8")
    assert rebuild_wanted(server, timeout=5.0)
    config.write_text("site_name: y\n", encoding="utf-8")
    assert rebuild_wanted(server, timeout=5.0)
    new = page.parent / "new.md"
    new.write_text("# Nueva\n", encoding="utf-8")  # a new page
    assert rebuild_wanted(server, timeout=5.0)
    new.rename(page.parent / "renamed.md")
    assert rebuild_wanted(server, timeout=5.0)
    (page.parent / "renamed.md").unlink()
    assert rebuild_wanted(server, timeout=5.0)


def test_an_editor_that_saves_by_renaming_a_temporary_file_asks_for_a_rebuild(started):
    server, page, _ = started
    temporary = page.parent / ".page.md.swp"
    temporary.write_text("# Otra\n", encoding="utf-8")
    rebuild_wanted(server, timeout=1.0)
    temporary.replace(page)
    assert rebuild_wanted(server, timeout=5.0)


def test_exofaq_watch_poll_keeps_mkdocs_polling(tmp_path, monkeypatch):
    monkeypatch.setenv(WATCH_ENV, "poll")
    server = watch_natively(server_watching(tmp_path))
    assert isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(tmp_path): 1}


def test_a_server_without_the_watch_list_is_left_as_it_is(tmp_path, monkeypatch):
    monkeypatch.delenv(WATCH_ENV, raising=False)
    server = server_watching(tmp_path)
    del server._watched_paths  # a MkDocs fork that keeps its watches differently
    assert isinstance(watch_natively(server).observer, PollingObserver)


def test_a_later_watch_the_system_refuses_keeps_polling(tmp_path, monkeypatch, caplog):
    """The `watch:` folders of mkdocs.yml are watched after on_serve; they are tried first too."""
    monkeypatch.delenv(WATCH_ENV, raising=False)
    server = server_watching(tmp_path)
    with caplog.at_level("WARNING"):
        server = watch_natively(server, later=[str(tmp_path / "no-such-folder")])
    assert isinstance(server.observer, PollingObserver)
    assert "polls every 0.5 s" in caplog.text


def test_a_refused_watch_keeps_polling_with_a_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.delenv(WATCH_ENV, raising=False)
    server = server_watching(tmp_path)

    def refuse(self, *args, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "start", refuse)
    with caplog.at_level("WARNING"):
        server = watch_natively(server, later=[str(tmp_path)])
    assert isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(tmp_path): 1}
    assert "polls every 0.5 s" in caplog.text
