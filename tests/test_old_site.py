"""The last build's output is moved out of site/ at once and deleted beside the build
(scripts/old_site.py): MkDocs finds site/ empty, hidden entries stay as MkDocs' own clean keeps
them, and nothing is left behind, with or without an `rm` to do it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from scripts import old_site
from scripts.old_site import PREFIX, delete_in_background, move_aside


def make_site(root):
    site = root / "site"
    (site / "embed" / "page" / "q1").mkdir(parents=True)
    (site / "embed" / "page" / "q1" / "index.html").write_text("card", encoding="utf-8")
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    return site


def leftovers(root):
    return sorted(path.name for path in root.iterdir() if path.name.startswith(PREFIX))


def test_site_is_emptied_at_once_but_for_hidden_entries_and_the_old_files_are_deleted(tmp_path):
    site = make_site(tmp_path)
    deletion = delete_in_background(site)
    assert sorted(os.listdir(site)) == [".git"]  # what MkDocs' clean keeps
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref"
    assert len(leftovers(tmp_path)) == 1
    deletion.finish()
    assert leftovers(tmp_path) == []


def test_a_folder_left_by_a_build_that_was_stopped_goes_with_the_next_one(tmp_path):
    site = make_site(tmp_path)
    stopped = tmp_path / f"{PREFIX}earlier"
    (stopped / "embed").mkdir(parents=True)
    (stopped / "embed" / "index.html").write_text("old", encoding="utf-8")
    folders = move_aside(site)
    assert stopped in folders and len(folders) == 2
    old_site.Deletion(folders).finish()
    assert leftovers(tmp_path) == []


def test_without_rm_the_build_deletes_the_old_files_itself(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    monkeypatch.setattr(old_site.shutil, "which", lambda name: None)
    deletion = delete_in_background(site)
    assert deletion.process is None
    deletion.finish()
    assert leftovers(tmp_path) == [] and sorted(os.listdir(site)) == [".git"]


def test_nothing_to_move_when_there_is_no_site_yet_or_it_is_empty(tmp_path):
    assert delete_in_background(tmp_path / "site") is None
    (tmp_path / "site").mkdir()
    assert delete_in_background(tmp_path / "site") is None
    assert leftovers(tmp_path) == []


def test_an_entry_that_cannot_be_moved_stays_for_mkdocs_to_delete(tmp_path, monkeypatch):
    site = make_site(tmp_path)

    def no_rename(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(old_site.os, "rename", no_rename)
    deletion = delete_in_background(site)
    assert sorted(os.listdir(site)) == [".git", "embed", "index.html"]
    deletion.finish()
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_second_build_leaves_no_stale_file_and_no_old_folder(project):
    env = {**os.environ, "EXOFAQ_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}

    def build():
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                              capture_output=True, text=True, env=env)

    assert build().returncode == 0
    site = project.root / "site"
    (site / "stale" / "page").mkdir(parents=True)
    (site / "stale" / "page" / "index.html").write_text("<p>from a page since removed</p>", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    first = {path.relative_to(site) for path in site.rglob("*") if path.is_file()}
    result = build()
    assert result.returncode == 0, result.stderr
    assert not (site / "stale").exists() and (site / ".nojekyll").exists()
    assert leftovers(project.root) == []
    assert {path.relative_to(site) for path in site.rglob("*") if path.is_file()} == first - {
        (site / "stale" / "page" / "index.html").relative_to(site)}
    shutil.rmtree(site)
