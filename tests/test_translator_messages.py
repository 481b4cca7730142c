"""Error messages a translator can act on: each names the right line and says what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HAIR_ES = "docs/es/cosmetic/hair.md"


def only(problems, rule):
    found = [p for p in problems if p.rule == rule]
    assert found, [p.format() for p in problems]
    return found


def test_yaml_syntax_error_names_the_line_and_the_usual_causes(project):
    # a stray quote in a title: YAML itself says only "did not find expected key"
    project.replace(HAIR_ES, "title: Exosomas para la caída del cabello", 'title: "Exosomas "para" el cabello"')
    problem = only(project.check(), "yaml-syntax")[0]
    assert problem.path == HAIR_ES and problem.line == 2
    assert problem.message.startswith("YAML syntax error:")
    for cause in ("quote", "': '", "indentation"):
        assert cause in problem.hint
    assert problem.format().startswith(f"{HAIR_ES}:2: yaml-syntax: ")


def test_yaml_syntax_error_in_a_data_file_has_the_hint_too(project):
    project.replace("data/ui.yml", "  read_full_answer: Read the full answer", "  read_full_answer: Read: the: full")
    problem = only(project.check(), "yaml-syntax")[0]
    assert problem.path == "data/ui.yml" and "indentation" in problem.hint


def test_changed_citation_points_at_the_line_of_the_changed_key(project):
    project.replace(HAIR_ES, "Solo en ratones [@mouse2020-hair].", "Solo en ratones\n[@mouse2021-hair].")
    problem = [p for p in only(project.check(), "translation-citations-changed") if "mouse2021" in p.message][0]
    lines = project.read(HAIR_ES).split("\n")
    assert "[@mouse2021-hair]" in lines[problem.line - 1], problem.format()


def test_translated_question_id_says_keep_the_english_id(project):
    project.replace(HAIR_ES, "{#nourish-follicles}", "{#nutrir-foliculos}")
    problems = project.check()
    missing = only(problems, "translation-ids-missing")[0]
    assert missing.hint == "keep the English id {#nourish-follicles} after the translated question"
    lines = project.read(HAIR_ES).split("\n")
    assert "{#nutrir-foliculos}" in lines[missing.line - 1]  # points at the heading to fix
    extra = only(problems, "translation-ids-extra")[0]
    assert "{#nourish-follicles}" in extra.hint and "stay in English" in extra.hint


def test_make_stamp_without_file_says_how_with_make_variables(project):
    result = subprocess.run([sys.executable, "-m", "scripts.translations", "--root", str(project.root), "stamp"],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode != 0
    assert "make stamp FILE=docs/<lang>/<page>.md" in result.stderr and "LANG_CODE=<lang>" in result.stderr
    assert "--lang" not in result.stderr.split("error:")[-1]
