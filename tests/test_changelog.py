"""The evidence changelog: grades.lock.yml + data/changelog.yml. A changed, added or removed grade
without an entry fails with a hint; bad entries fail; the good fixture and a logged change pass."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.report import ERROR

HAIR = "docs/en/cosmetic/hair.md"
HAIR_ES = "docs/es/cosmetic/hair.md"
LOG = "data/changelog.yml"
LOCK = "grades.lock.yml"
TO_PRACTICAL = ("    verdict: not-proven\n    strength: preclinical\n", "    kind: practical\n")

# (case id, file, old text, new text, expected rule, expected file, expected line)
CASES = [
    ("grade-changed", HAIR, *TO_PRACTICAL, "grade-changed-unlogged", HAIR, 11),
    ("from-does-not-chain", LOG, "from: label:early-human", "from: label:preclinical", "changelog-mismatch", LOG, 14),
    ("does-not-end-at-grade", LOG, "to: not-proven/preclinical", "to: not-proven/not-supported", "changelog-mismatch", LOG, 7),
    ("unknown-question", LOG, "question: nourish-follicles", "question: feed-follicles", "changelog-question-unknown", LOG, 7),
    ("unknown-page", LOG, "page: cosmetic/hair.md, question: nourish", "page: cosmetic/skin.md, question: nourish",
     "changelog-question-unknown", LOG, 7),
    ("unknown-source", LOG, "sources: [pilot2024-hair]", "sources: [nobody2099]", "changelog-source-unknown", LOG, 12),
    ("unknown-verdict", LOG, "to: not-proven/preclinical", "to: perhaps/preclinical", "changelog-grade-unknown", LOG, 7),
    ("unknown-label", LOG, "to: label:early-human}", "to: label:rumour}", "changelog-grade-unknown", LOG, 6),
    ("invalid-date", LOG, "date: 2026-03-01", "date: 2026-02-30", "changelog-date-invalid", LOG, 9),
    ("future-date", LOG, "date: 2026-03-01", "date: 2026-07-01", "changelog-date-future", LOG, 9),
    ("unknown-key", LOG, "  sources: [pilot2024-hair]", "  source: [pilot2024-hair]", "schema", LOG, 12),
    ("no-reason", LOG, "  reason: {en: First published.}\n", "", "schema", LOG, 1),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_changelog_case_fails_with_file_and_line(project, case):
    _, rel, old, new, rule, path, line = case
    project.replace(rel, old, new)
    hits = [p for p in project.check() if p.rule == rule]
    assert hits, f"expected {rule}, got {[p.format() for p in project.check()]}"
    assert (hits[0].path, hits[0].line, hits[0].severity) == (path, line, ERROR)


def test_unlogged_change_hint_says_what_to_add(project):
    project.replace(HAIR, *TO_PRACTICAL)
    hit = next(p for p in project.check() if p.rule == "grade-changed-unlogged")
    assert hit.format() == (
        "docs/en/cosmetic/hair.md:11: grade-changed-unlogged: cosmetic/hair.md#nourish-follicles changed from "
        "not-proven/preclinical to practical without a changelog entry (hint: add an entry to data/changelog.yml, "
        "then `make lock` (from: not-proven/preclinical, to: practical))")


def test_logged_and_locked_change_passes(project):
    project.replace(HAIR, *TO_PRACTICAL)
    project.record_grades("2026-05-01")
    assert [p.format() for p in project.check()] == []


@pytest.mark.rule("grade-not-locked")
def test_logged_change_must_also_be_locked(project):
    project.replace(HAIR, *TO_PRACTICAL)
    lock = project.read(LOCK)
    project.record_grades("2026-05-01")
    project.write(LOCK, lock)  # the entry is there, `make lock` was not run
    hits = [p for p in project.check() if p.rule == "grade-not-locked"]
    assert [(p.path, p.line) for p in hits] == [(HAIR, 11)]
    assert [p.rule for p in project.check()] == ["grade-not-locked"]


@pytest.mark.rule("changelog-mismatch")
def test_locking_without_an_entry_still_fails(project):
    """`make lock` alone cannot hide a change: the question's history no longer ends at its grade."""
    from scripts.changelog import write_grade_lock
    from scripts.content import load_project
    project.replace(HAIR, *TO_PRACTICAL)
    write_grade_lock(load_project(project.root))
    hits = [p for p in project.check() if p.severity == ERROR]
    assert [(p.path, p.line, p.rule) for p in hits] == [(LOG, 7, "changelog-mismatch")]


@pytest.mark.rule("question-added-unlogged")
def test_new_question_needs_an_entry(project):
    project.replace(HAIR, "  nourish-follicles:", "  thicker-hair:\n    kind: practical\n    sources: [pilot2024-hair]\n  nourish-follicles:")
    project.replace(HAIR, "```\n[@not", "## Does hair get thicker? {#thicker-hair}\n\nNo one knows [@pilot2024-hair].\n\n```\n[@not")
    hits = [p for p in project.check() if p.rule == "question-added-unlogged"]
    assert [(p.path, p.line) for p in hits] == [(HAIR, 11)] and "from: null, to: practical" in hits[0].hint
    # locked without an entry: still reported
    from scripts.changelog import write_grade_lock
    from scripts.content import load_project
    lock = project.read(LOCK)
    write_grade_lock(load_project(project.root))
    assert [p.line for p in project.check() if p.rule == "question-added-unlogged"] == [11]
    project.write(LOCK, lock)
    project.record_grades("2026-05-01")
    assert not [p for p in project.check() if p.rule.startswith(("question-", "grade-", "changelog-"))]


@pytest.mark.rule("question-removed-unlogged")
def test_removed_question_needs_an_entry(project):
    project.replace(HAIR, "  nourish-follicles:\n    verdict: not-proven\n    strength: preclinical\n"
                          "    sources: [mouse2020-hair, agency2019-notice]\n", "")
    project.replace(HAIR, "## Do exosomes nourish follicles? {#nourish-follicles}\n\nOnly in mice [@mouse2020-hair]. "
                          "See [the first answer](#regrow-hair) and [home](../index.md).\n", "")
    text = project.read(HAIR_ES)
    project.write(HAIR_ES, text[:text.index("## ¿Nutren")])
    project.write("data/redirects.yml", "questions:\n  cosmetic/hair.md#nourish-follicles: cosmetic/hair.md#regrow-hair\n")
    project.stamp_all()
    hits = [p for p in project.check() if p.rule == "question-removed-unlogged"]
    assert [(p.path, p.line) for p in hits] == [(LOCK, 3)] and "to: null" in hits[0].hint
    project.record_grades("2026-05-01")
    assert [p.format() for p in project.check() if p.severity == ERROR] == []


@pytest.mark.rule("grade-lock-missing")
def test_missing_grade_lock_fails(project):
    project.path(LOCK).unlink()
    hits = [p for p in project.check() if p.rule == "grade-lock-missing"]
    assert [(p.path, p.line, p.severity) for p in hits] == [(LOCK, 1, ERROR)]


def test_make_lock_records_every_grade(project):
    from scripts.changelog import read_grade_lock, write_grade_lock
    from scripts.content import load_project
    project.path(LOCK).unlink()
    assert write_grade_lock(load_project(project.root)) == 2
    _, locked, problems = read_grade_lock(load_project(project.root))
    assert not problems and locked == {("cosmetic/hair.md", "regrow-hair"): "not-proven/early-human",
                                       ("cosmetic/hair.md", "nourish-follicles"): "not-proven/preclinical"}


def test_recent_change_shows_for_a_year_only(project):
    from scripts.changelog import recent_change
    from scripts.content import load_project
    loaded = load_project(project.root)
    assert recent_change(loaded, "cosmetic/hair.md", "regrow-hair", dt.date(2026, 6, 1)).id == "hair-regrow-new-grading"
    assert recent_change(loaded, "cosmetic/hair.md", "regrow-hair", dt.date(2027, 3, 1)).id == "hair-regrow-new-grading"
    assert recent_change(loaded, "cosmetic/hair.md", "regrow-hair", dt.date(2027, 3, 2)) is None
    assert recent_change(loaded, "cosmetic/hair.md", "regrow-hair", dt.date(2026, 2, 1)) is None  # not yet
    assert recent_change(loaded, "cosmetic/hair.md", "nourish-follicles", dt.date(2026, 6, 1)) is None  # only added


def test_real_changelog_records_every_question_and_the_knee_trial():
    """The project's own log: every graded question has a history that ends at its grade, and the
    knee osteoarthritis change cites the placebo-controlled trial (PMID 39465400)."""
    from conftest import ROOT
    from scripts.changelog import current_grades, history, load_changelog
    from scripts.content import load_project
    project = load_project(ROOT)
    grades = current_grades(project)
    assert grades and all(history(project, *q)[-1][1].after == g for q, g in grades.items())
    _, entries, _ = load_changelog(project)
    knee = next(e for e in entries if e.id == "knee-osteoarthritis-trial")
    assert project.sources.data[knee.sources[0]]["pmid"] == "39465400"
    assert {c.after for c in knee.changes} == {"no-benefit/clinical-trials"}
