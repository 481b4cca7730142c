"""On a copy of the real site: editing one English page marks its translation outdated in every
language of the built site; stamping clears it."""

from __future__ import annotations

import pytest

import os
import shutil
import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import ROOT
from scripts.content import load_project
from scripts.translations import stamp

pytestmark = pytest.mark.slow  # builds a site with mkdocs (seconds each)

PAGE = "cosmetic/acne.md"


def build(root):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def outdated_languages(root, languages):
    found = []
    for lang in languages:
        html = (root / "site" / lang / "cosmetic" / "acne" / "index.html").read_text(encoding="utf-8")
        if BeautifulSoup(html, "html.parser").select_one(".translation-outdated"):
            found.append(lang)
    return found


def test_english_edit_outdates_every_translation_and_stamp_clears_it(tmp_path):
    root = tmp_path / "copy"
    root.mkdir()
    for name in ("docs", "data", "schemas", "overrides", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "permalinks.lock.yml", "grades.lock.yml"):
        shutil.copy(ROOT / name, root / name)
    languages = load_project(root).languages[1:]
    english = root / "docs" / "en" / PAGE
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("\n# ", "\n# ", 1).rstrip() + "\n\nA new sentence in English.\n", encoding="utf-8")
    build(root)
    assert outdated_languages(root, languages) == languages
    project = load_project(root)
    for lang in languages:
        stamp(project, root / "docs" / lang / PAGE)
    build(root)
    assert outdated_languages(root, languages) == []
