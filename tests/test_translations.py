"""Translator tooling: status report, stamping, starting a new language."""

from __future__ import annotations

import pytest

from scripts.content import load_project, source_hash
from scripts.translations import DRAFT, MISSING, OUTDATED, UP_TO_DATE, page_status, report, stamp, start_language

HAIR = "docs/en/cosmetic/hair.md"


def test_status_draft_then_outdated_then_stamped(project):
    assert page_status(load_project(project.root), "es", "cosmetic/hair.md").state == DRAFT
    project.replace(HAIR, "Intro text.", "New intro text.")
    project_state = load_project(project.root)
    assert page_status(project_state, "es", "cosmetic/hair.md").state == OUTDATED
    new_hash = source_hash(project_state.english("cosmetic/hair.md"))
    assert stamp(project_state, project.path("docs/es/cosmetic/hair.md")) == \
        f"{project.path('docs/es/cosmetic/hair.md')}: stamped {new_hash}"
    assert f'source_hash: "{new_hash}"' in project.read("docs/es/cosmetic/hair.md")
    assert page_status(load_project(project.root), "es", "cosmetic/hair.md").state == DRAFT
    assert project.check() == []


def test_reviewed_is_up_to_date_and_missing_is_listed(project):
    project.replace("docs/es/cosmetic/hair.md", "status: draft", "status: reviewed")
    project.path("docs/es/index.md").unlink()
    state = load_project(project.root)
    assert page_status(state, "es", "cosmetic/hair.md").state == UP_TO_DATE
    assert page_status(state, "es", "index.md").state == MISSING
    text = report(state)
    assert "== es: 1 up to date, 0 outdated, 0 draft, 1 missing (of 2 pages)" in text


def test_metadata_only_changes_do_not_outdate(project):
    project.replace(HAIR, "review_due: 2027-01-10", "review_due: 2026-12-10")
    assert page_status(load_project(project.root), "es", "cosmetic/hair.md").state == DRAFT


def test_hash_of_digits_stays_a_string(project):
    state = load_project(project.root)
    page = state.pages["es"]["cosmetic/hair.md"]
    assert isinstance(page.meta["translation"]["source_hash"], str)


def test_new_language_copies_every_page_as_draft(project):
    state = load_project(project.root)
    created = start_language(state, "fr")
    assert sorted(created) == ["docs/fr/cosmetic/hair.md", "docs/fr/index.md"]
    text = project.read("docs/fr/cosmetic/hair.md")
    assert "status: draft" in text and f'source_hash: "{source_hash(state.english("cosmetic/hair.md"))}"' in text
    assert "evidence:" not in text.split("---")[1]


def run_translations(project, *args):
    import subprocess
    import sys

    from conftest import ROOT
    return subprocess.run([sys.executable, "-m", "scripts.translations", "--root", str(project.root), *args],
                          cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("target,message", [
    ("../outside.md", "not a translation under docs/<lang>/"),     # outside the project
    ("docs/es", "not a translation under docs/<lang>/"),           # a folder
    ("docs/es/cosmetic/nope.md", "no such page"),
    ("docs/en/index.md", "not a translation under docs/<lang>/"),  # the source language
])
def test_stamp_of_something_that_is_not_a_translation_says_so_and_fails(project, target, message):
    (project.root.parent / "outside.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    path = str(project.root / target)
    before = project.read("docs/es/cosmetic/hair.md")
    result = run_translations(project, "stamp", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.strip() == f"{path}: {message}"
    assert project.read("docs/es/cosmetic/hair.md") == before


def test_new_language_refuses_the_source_language_and_tops_up_an_existing_one(project):
    refused = run_translations(project, "new", "en")
    assert refused.returncode == 2 and "'en' is the source language" in refused.stderr
    project.path("docs/es/index.md").unlink()
    topped = run_translations(project, "new", "es")
    assert topped.returncode == 0 and "created 1 page(s) in docs/es/" in topped.stdout
    assert "already a language of the site" in topped.stdout and "next: add 'es'" not in topped.stdout
    assert project.path("docs/es/index.md").is_file()


def test_status_names_an_unreadable_translation_and_one_without_a_source_hash(project):
    project.write("docs/es/cosmetic/hair.md", "---\ntitle: [unclosed\n---\n# x\n")
    state = load_project(project.root)
    status = page_status(state, "es", "cosmetic/hair.md")
    assert (status.state, status.detail) == ("unreadable", "line 3: yaml-syntax; make check shows the problem")
    assert "0 missing, 1 unreadable (of 2 pages)" in report(state)
    project.write("docs/es/cosmetic/hair.md", "---\ntitle: x\ntranslation: [1, 2]\n---\n# x\n")
    status = page_status(load_project(project.root), "es", "cosmetic/hair.md")
    assert status.state == OUTDATED and "run make stamp FILE=docs/es/cosmetic/hair.md" in status.detail
