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
    project.write("data/redirects.yml", "questions:\n  cosmetic/hair.md#nourish-follicles: index.md\n")
    project.stamp_all()
    hits = [p for p in project.check() if p.rule == "question-removed-unlogged"]
    assert [(p.path, p.line) for p in hits] == [(LOCK, 3)] and "to: null" in hits[0].hint
    project.record_grades("2026-05-01")
    assert [p.format() for p in project.check() if p.severity == ERROR] == []


def test_renamed_question_keeps_its_history_without_an_entry(project):
    """A new id with a redirect from the old one (data/redirects.yml) is the same answer."""
    from scripts.changelog import history
    from scripts.content import load_project
    for rel in (HAIR, HAIR_ES):
        project.replace(rel, "{#nourish-follicles}", "{#feed-follicles}")
    project.replace(HAIR, "  nourish-follicles:", "  feed-follicles:")
    project.write("data/redirects.yml", "questions:\n  cosmetic/hair.md#nourish-follicles: cosmetic/hair.md#feed-follicles\n")
    project.write("permalinks.lock.yml", "cosmetic/hair.md:\n- regrow-hair\n- nourish-follicles\n- feed-follicles\nindex.md: []\n")
    project.stamp_all()
    assert [p.format() for p in project.check() if p.severity == ERROR] == []
    steps = history(load_project(project.root), "cosmetic/hair.md", "feed-follicles")
    assert [(entry.id, change.question) for entry, change in steps] == [("hair-first-answers", "nourish-follicles")]


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


# --- faq.json history, the Atom feeds, the built pages -----------------------------------------

SITE = "https://example.org/fixture/"


def test_faq_json_history_oldest_first_in_the_reader_language(project):
    from scripts.content import load_project
    from scripts.publish import faq_document
    data = faq_document(load_project(project.root), "es", SITE, dt.date(2026, 6, 1))
    history = {q["id"]: q["history"] for q in data["questions"]}
    assert [h["entry"] for h in history["regrow-hair"]] == ["hair-first-answers", "hair-regrow-new-grading"]
    first, second = history["regrow-hair"]
    assert first["from"] is None and first["to"]["kind"] == "label" and first["to"]["label"] == "early-human"
    assert second["from"]["grade"] == "label:early-human" and second["to"]["grade"] == "not-proven/early-human"
    assert second["to"]["text"] == "No demostrado · Nivel de evidencia: Solo estudios iniciales en personas"
    assert second["from"]["text"] == "Nivel de evidencia: Solo estudios iniciales en personas"
    assert second["title"] == "Un veredicto sobre el crecimiento del pelo" and second["sources"] == ["pilot2024-hair"]
    assert first["reason"] == "First published."  # no Spanish reason: English is shown
    assert second["url"] == SITE + "es/what-changed/#hair-regrow-new-grading"
    assert [h["entry"] for h in history["nourish-follicles"]] == ["hair-first-answers"]


def test_feed_is_valid_atom_newest_first(project):
    from scripts.content import load_project
    from scripts.outputs import feed_document
    from tools.atom_validate import atom_problems
    import xml.etree.ElementTree as ET
    loaded = load_project(project.root)
    for lang in ("en", "es"):
        text = feed_document(loaded, lang, SITE, dt.date(2026, 6, 1))
        assert atom_problems(text) == []
        root = ET.fromstring(text)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        assert [e.findtext("a:updated", namespaces=ns) for e in root.findall("a:entry", ns)] == \
            ["2026-03-01T00:00:00Z", "2026-01-10T00:00:00Z"]
        assert root.findtext("a:updated", namespaces=ns) == "2026-03-01T00:00:00Z"
        assert root.find("a:link[@rel='self']", ns).get("href") == SITE + ("es/" if lang == "es" else "") + "feed.xml"
    spanish = feed_document(loaded, "es", SITE, dt.date(2026, 6, 1))
    assert "Un veredicto sobre el crecimiento del pelo" in spanish and "¿Pueden los exosomas hacer crecer el pelo?" in spanish
    # an entry dated after the build's day is not published yet
    assert "hair-regrow-new-grading" not in feed_document(loaded, "en", SITE, dt.date(2026, 2, 1))


GOOD_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://e.org/feed.xml</id><title>T</title>
<updated>2026-03-01T00:00:00Z</updated><link rel="self" href="https://e.org/feed.xml"/><author><name>A</name></author>
<entry><id>https://e.org/c/#a</id><title>E</title><updated>2026-03-01T00:00:00Z</updated>
<link href="https://e.org/c/#a"/><summary>S</summary></entry></feed>"""


@pytest.mark.parametrize("old,new,problem", [
    ("<id>https://e.org/feed.xml</id>", "", "needs exactly one <id>"),
    ("<id>https://e.org/c/#a</id>", "<id>c-a</id>", "not an absolute IRI"),
    ("<updated>2026-03-01T00:00:00Z</updated><link", "<updated>2026-03-01</updated><link", "RFC 3339"),
    ('<link rel="self" href="https://e.org/feed.xml"/>', "", 'rel="self"'),
    ("<author><name>A</name></author>", "", "no <author>"),
    ("<summary>S</summary>", "", "needs exactly one <summary>"),
    ('<link href="https://e.org/c/#a"/>', "", "no alternate link"),
    ("</feed>", "<entry><id>https://e.org/c/#a</id><title>E</title><updated>2026-03-01T00:00:00Z</updated>"
                "<link href=\"https://e.org/c/#a\"/><summary>S</summary></entry></feed>", "used more than once"),
    ("</feed>", "", "not well-formed"),
    ('xmlns="http://www.w3.org/2005/Atom"', "", "not an Atom <feed>"),
])
def test_atom_validator_fails_on_invalid_feeds(old, new, problem):
    from tools.atom_validate import atom_problems
    assert atom_problems(GOOD_FEED) == []
    found = atom_problems(GOOD_FEED.replace(old, new, 1))
    assert any(problem in p for p in found), found


@pytest.mark.slow
def test_built_site_has_the_page_the_feeds_and_the_note_for_a_year(project):
    import os
    import subprocess
    import sys

    from bs4 import BeautifulSoup

    from tools.atom_validate import atom_problems
    project.write("docs/en/what-changed.md", "---\ntitle: What changed\ndescription: Every change.\ntype: info\n"
                                             "generated: what-changed\n---\n# What changed\n\nNewest first.\n")
    project.write("docs/es/what-changed.md", "---\ntitle: Qué ha cambiado\ndescription: Cada cambio.\ntranslation:\n"
                                             "  source_hash: \"0\"\n  status: draft\n---\n# Qué ha cambiado\n\nPrimero lo más reciente.\n")
    project.stamp_all()
    project.write("permalinks.lock.yml", project.read("permalinks.lock.yml") + "what-changed.md: []\n")

    def build(today: str) -> None:
        env = {**os.environ, "EXOFAQ_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    def page(rel: str) -> BeautifulSoup:
        return BeautifulSoup((project.root / "site" / rel).read_text(encoding="utf-8"), "html.parser")

    build("2026-06-01")
    for prefix in ("", "es/"):
        assert atom_problems((project.root / "site" / prefix / "feed.xml").read_bytes()) == []
        hair = page(f"{prefix}cosmetic/hair/index.html")
        notes = hair.select("p.label-changed")
        assert len(notes) == 1  # regrow-hair changed on 2026-03-01; nourish-follicles was only added
        assert notes[0].find_previous("h2")["id"] == "regrow-hair"
        assert notes[0].a["href"] == "../../what-changed/#hair-regrow-new-grading"
        assert notes[0].time["datetime"] == "2026-03-01"
        assert notes[0].get_text().strip() == ("Label changed on March 1, 2026." if not prefix
                                               else "Etiqueta cambiada el 1 de marzo de 2026.")
        changes = page(f"{prefix}what-changed/index.html")
        assert [h["id"] for h in changes.select("article h2[id]")] == ["hair-regrow-new-grading", "hair-first-answers"]
        assert changes.select_one("#hair-regrow-new-grading ~ ul.changelog-changes a")["href"] == "../cosmetic/hair/#regrow-hair"
        assert changes.select_one('p.changelog-feed a[href="../feed.xml"]')
    assert "Antes" in page("es/what-changed/index.html").get_text()
    build("2027-03-02")  # more than a year later: no note
    assert not page("cosmetic/hair/index.html").select("p.label-changed")
