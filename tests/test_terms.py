"""The terminology base (data/terms.yml) and its rule: a wrong rendering or a missing approved
rendering in a translated answer is reported with file, line, rule id and hint; content that
follows the base passes."""

from __future__ import annotations

import pytest

from scripts.terms import Term, contains, english_form_re, normal

HAIR_EN = "docs/en/cosmetic/hair.md"
HAIR_ES = "docs/es/cosmetic/hair.md"
TERMS = "data/terms.yml"


def term_problems(project):
    return [p for p in project.check() if p.rule.startswith("term-")]


def test_translation_following_the_base_passes(project):
    assert term_problems(project) == []


@pytest.mark.rule("term-wrong-rendering")
def test_wrong_rendering_is_reported_with_file_line_and_hint(project):
    project.replace(HAIR_ES, "uno en ratones", "uno en ratas")
    problems = term_problems(project)
    # the answer now has a wrong rendering (its line) and none of the approved ones (its heading)
    assert [(p.path, p.line, p.rule) for p in problems] == [(HAIR_ES, 12, "term-missing-rendering"),
                                                             (HAIR_ES, 14, "term-wrong-rendering")]
    wrong = problems[1]
    assert "'ratas'" in wrong.message and "mice" in wrong.message and "regrow-hair" in wrong.message
    assert "ratones" in wrong.hint


@pytest.mark.rule("term-missing-rendering")
def test_missing_approved_rendering_is_reported_at_the_answer(project):
    project.replace(HAIR_ES, "Solo en ratones", "Solo en roedores")
    problems = term_problems(project)
    assert [(p.path, p.line, p.rule) for p in problems] == [(HAIR_ES, 16, "term-missing-rendering")]
    assert "nourish-follicles" in problems[0].message and "ratones" in problems[0].message
    assert TERMS in problems[0].hint


def test_every_problem_is_reported_at_once(project):
    project.replace(HAIR_ES, "uno en ratones", "uno en ratas")
    project.replace(HAIR_ES, "Solo en ratones", "Solo en roedores")
    project.replace(HAIR_ES, "# Exosomas para la caída", "# Exosomos para la caída")
    rules = sorted((p.line, p.rule) for p in term_problems(project))
    assert rules == [(8, "term-wrong-rendering"), (12, "term-missing-rendering"), (14, "term-wrong-rendering"),
                     (16, "term-missing-rendering")]


def test_a_term_the_english_answer_does_not_use_is_not_required(project):
    # the English introduction says nothing about mice: "ratas" there is not a rendering of "mice"
    project.replace(HAIR_ES, "Introducción.", "Introducción sobre ratas.")
    assert term_problems(project) == []


def test_excluded_english_phrase_does_not_count(project):
    project.replace(HAIR_EN, "Only in mice [@mouse2020-hair].", "Only in mice-free cultures [@mouse2020-hair].")
    project.replace(HAIR_ES, "Solo en ratones", "Solo en cultivos")
    assert term_problems(project) == []


def test_wrong_label_name_in_evidence_file(project):
    project.replace("data/evidence.yml", "es: Solo laboratorio y animales",
                    "es: Solo pruebas de laboratorio y animales")
    problems = term_problems(project)
    assert [(p.path, p.rule) for p in problems] == [("data/evidence.yml", "term-wrong-rendering")]
    assert problems[0].line > 1


@pytest.mark.rule("term-base-malformed")
def test_malformed_base_is_reported_not_a_traceback(project):
    project.write(TERMS, "terms:\n  exosome:\n    es: {approved: [exosoma]}\n  mice: [ratones]\n")
    problems = [p for p in project.check() if p.path == TERMS]
    assert {p.rule for p in problems} == {"term-base-malformed"}
    assert {p.line for p in problems} == {2, 4}
    assert not [p for p in project.check() if p.rule == "internal-error"]


def test_missing_base_fails_closed(project):
    project.path(TERMS).unlink()
    assert [p.rule for p in project.check() if p.path == TERMS] == ["file-missing"]


def test_acronyms_match_whole_words_in_capitals():
    ind = english_form_re("IND")
    assert ind.search("ask for the IND number") and not ind.search("individual") and not ind.search("industry")
    assert contains("FDA의 승인", "FDA") and contains("(IND)", "IND")
    assert not contains("sie sind da", "IND") and not contains("Kind", "IND")


def test_matching_ignores_case_and_arabic_short_vowels():
    assert english_form_re("exosome").search("Exosomes are") and not english_form_re("exosome").search("nanoexosome")
    assert contains(normal("مؤهَّل"), "مؤهل") and contains(normal("Exosomas"), "exosoma")
    assert english_form_re("growth factor").search("growth-factor claims")


@pytest.mark.parametrize("text, used", [
    ("EXOSOMES are sold", True), ("Growth-factor claims", True), ("growth\nfactor", True),
    ("a \u212aILLER app", True), ("natural killer cells", False), ("Natural products", True),
    ("the IND number", True), ("individual", False), ("nothing here", False)])
def test_a_term_is_found_in_any_case_and_spacing_and_not_where_it_is_excluded(text, used):
    """Term.used_in tests the first word of each form before it runs a pattern: the quick test
    never hides a use the pattern would find (case, hyphens, line breaks) and english_not still holds."""
    term = Term("t", ["exosome", "growth factor", "natural", "IND", "killer app"], ["natural killer cells"])
    assert term.used_in(text) is used
    assert term.used_in(text, text.casefold()) is used
