"""faq.json 1.1 and 1.2: per question the translation state and the English source it follows, the build
date, the disclaimer and the reuse terms in their own fields (the 1.0 fields are kept)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema

from scripts.content import load_project, source_hash
from scripts.publish import faq_document

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "schemas" / "faq.schema.json").read_text(encoding="utf-8"))
SITE = "https://example.org/faq/"
HAIR = "cosmetic/hair.md"


def document(project, lang="es"):
    data = faq_document(load_project(project.root), lang, SITE, dt.date(2026, 6, 1))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


def states(data):
    return {q["translation"]["status"] for q in data["questions"]}


def test_top_level_fields(project):
    data = document(project)
    ui = load_project(project.root).ui_strings("es")
    assert data["version"] == "1.2" and data["generated"] == "2026-06-01"
    assert data["disclaimer"] == ui["disclaimer"] and data["license"]["terms"] == ui["reuse_terms"]
    assert data["license"]["url"] == SITE + "es/for-clinics/"
    assert data["license_note"] == data["disclaimer"]  # 1.0 field kept


def test_english_is_the_original_and_follows_itself(project):
    data = document(project, "en")
    english = load_project(project.root).english(HAIR)
    for q in data["questions"]:
        assert q["translation"]["status"] == "original"
        assert q["translation"]["follows"] == q["translation"]["english_source"] == source_hash(english)


def test_draft_then_reviewed_then_outdated_then_missing(project):
    assert states(document(project)) == {"draft"}
    project.replace("docs/es/cosmetic/hair.md", "status: draft", "status: reviewed")
    assert states(document(project)) == {"reviewed"}
    old = source_hash(load_project(project.root).english(HAIR))
    project.replace("docs/en/cosmetic/hair.md", "Intro text.", "New intro text.")
    data = document(project)
    assert states(data) == {"outdated"}
    assert {q["translation"]["follows"] for q in data["questions"]} == {old}
    assert {q["translation"]["english_source"] for q in data["questions"]} != {old}
    project.path("docs/es/cosmetic/hair.md").unlink()
    data = document(project)
    assert states(data) == {"not-translated"}
    assert all("follows" not in q["translation"] for q in data["questions"])


def test_faq_and_cards_written_by_helpers_are_the_files_written_alone(project, tmp_path):
    """write_faq_and_cards shares the languages with forked helpers: the same files, byte for byte."""
    from scripts.outputs import write_faq_and_cards

    loaded = load_project(project.root)
    trees = {}
    for helpers in (0, 2):
        site = tmp_path / f"site-{helpers}"
        counts = write_faq_and_cards(site, loaded, "https://example.org/faq/", dt.date(2026, 6, 1), helpers)
        trees[helpers] = (counts, {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert set(trees[0][0]) == set(loaded.languages) and sum(trees[0][0].values()) > 0
    assert len(trees[0][1]) == len(loaded.languages) + 3 * sum(trees[0][0].values())
    assert trees[2] == trees[0]


def test_cards_then_gate_writes_the_same_files_and_gates_every_card(project, tmp_path):
    """The build's background job: the files write_faq_and_cards writes, each card gated with its
    policy added, and the digest check_site compares with the file as it is on disk."""
    from scripts.output_allowlist import digest, gate_stamped
    from scripts.outputs import cards_then_gate, write_faq_and_cards

    loaded = load_project(project.root)
    alone, background = tmp_path / "alone", tmp_path / "background"
    counts = write_faq_and_cards(alone, loaded, SITE, dt.date(2026, 6, 1))
    job_counts, gated = list(cards_then_gate(background, loaded, SITE, dt.date(2026, 6, 1)))
    assert job_counts == counts
    cards = sorted(p.relative_to(background).as_posix() for p in background.rglob("*.html"))
    assert sorted(rel for rel, _, _ in gated) == cards and len(cards) == 3 * sum(counts.values())
    assert all(findings == [] and stamp == digest((background / rel).read_bytes()) for rel, stamp, findings in gated)
    for rel in cards:
        secured = (background / rel).read_text(encoding="utf-8")
        assert "Content-Security-Policy" in secured
        assert "Content-Security-Policy" not in (alone / rel).read_text(encoding="utf-8")
    # the files the output gate makes of the cards written alone (read, policy added, written again)
    assert sorted(gate_stamped(alone, cards, add_csp=True)) == sorted(gated)
    assert all((alone / rel).read_bytes() == (background / rel).read_bytes() for rel in cards)
