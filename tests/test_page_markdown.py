"""A build's worker makes each page's Markdown, head tags and handout ahead of MkDocs
(scripts/page_markdown.py): the built site is the same as when the build makes them itself, a
page whose Markdown is not the one expected is made by the build, and the worker leaves alone
the pages the build has already passed."""

from __future__ import annotations

import datetime as dt
import filecmp
import os
from pathlib import Path

import pytest

from scripts import background
from scripts.background import Prefetched, Worker
from scripts.content import load_project
from scripts.page_markdown import Progress, build_order, expected_pages, page_markdown

TODAY = dt.date(2026, 6, 1)
SITE = "https://example.org/fixture/"


def in_process_build(root: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def same_tree(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only."""
    differ: list[str] = []
    compared = filecmp.dircmp(left, right)
    differ += compared.left_only + compared.right_only + compared.diff_files
    differ += [name for name in compared.common_files if not filecmp.cmp(left / name, right / name, shallow=False)]
    for sub in compared.common_dirs:
        differ += [f"{sub}/{name}" for name in same_tree(left / sub, right / sub)]
    return differ


@pytest.mark.slow
def test_pages_made_by_the_worker_build_the_same_site_as_pages_made_by_the_build(project, monkeypatch):
    """Every page the hook asks for is one the worker made (same language, file, address and
    Markdown as MkDocs passes them, including a page that falls back to English), and the site is
    byte for byte the one the build makes without a worker."""
    os.remove(project.path("docs/es/cosmetic/hair.md"))  # es falls back to the English page
    monkeypatch.setenv("EXOFAQ_TODAY", "2026-06-01")
    monkeypatch.setattr(Progress, "passed", lambda self, position: False)  # the worker makes every page
    asked: list[tuple] = []
    found: list[bool] = []
    original_get = Prefetched.get

    def get_when_all_arrived(self, key):
        if isinstance(key, tuple) and len(key) == 5:
            for index in self.indexes:
                self.worker.results(index)  # wait: every page the worker makes is there
            asked.append(key)
            found.append(original_get(self, key) is not None)
            return original_get(self, key)
        return original_get(self, key)

    monkeypatch.setattr(Prefetched, "get", get_when_all_arrived)
    in_process_build(project.root, project.root / "with-worker")
    assert asked and all(found), [key[:4] for key, hit in zip(asked, found) if not hit]
    assert ("es", "cosmetic/hair.md", "es/cosmetic/hair/", "en") in {key[:4] for key in asked}

    monkeypatch.setattr(background, "can_fork", lambda: False)  # no worker: the build makes every page
    in_process_build(project.root, project.root / "without-worker")
    assert same_tree(project.root / "with-worker", project.root / "without-worker") == []


def test_a_page_whose_markdown_changed_is_not_taken_from_the_worker(project):
    loaded = load_project(project.root)
    worker = Worker([lambda: expected_pages(loaded, "en", TODAY, SITE, "")])
    try:
        worker.results(worker.start(0))
        pages = Prefetched(worker, 0)
        made = {key: value for chunk in worker.results(0) for key, value in chunk.items()}
        key = next(key for key in made if key[1] == "cosmetic/hair.md")
        assert pages.get(key) == made[key] == page_markdown(loaded, *key, TODAY, SITE, "")
        changed = (*key[:4], key[4] + "\nA sentence added after the worker read the file.")
        assert pages.get(changed) is None  # the hook makes this page itself
        assert made[key].head and made[key].handout.qr.startswith('<figure class="handout-qr">')
    finally:
        worker.stop()


def test_the_worker_skips_the_pages_the_build_has_passed(project):
    loaded = load_project(project.root)
    order = build_order(loaded.pages["en"])
    progress = Progress()

    def made(first: int) -> list[str]:
        return [key[1] for chunk in expected_pages(loaded, "es", TODAY, SITE, "", progress, first) for key in chunk]

    assert made(first=0) == order
    progress.asked()
    assert made(first=0) == order[1:]      # the build has asked for the first page
    assert made(first=len(order)) == order  # the pages of a later language are all still ahead
    for _ in order:
        progress.asked()
    assert made(first=0) == []


def test_the_pages_are_in_the_order_mkdocs_renders_them(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    rels = ["z.md", "index.md", "about.md", "a-b/x.md", "a/index.md", "a/b.md", "a/c/d.md", "a/README.md.txt",
            "b/a.md", "B.md", "a/z.md", "a/c/index.md", "a0.md"]
    docs = tmp_path / "docs"
    for rel in rels:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# Page\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Order\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    mkdocs_order = [file.src_uri for file in get_files(config).documentation_pages()]
    assert build_order([rel for rel in rels if rel.endswith(".md")]) == mkdocs_order
