"""Shared fixtures: a small, valid project copied into a temp folder for each test."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.checker import check  # noqa: E402
from scripts.content import load_project, source_hash  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "good"
TODAY = dt.date(2026, 6, 1)  # injected clock: tests never depend on the real date


class FixtureProject:
    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"fixture text {old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def check(self, today: dt.date = TODAY):
        _, problems = check(self.root, today)
        return problems

    def record_grades(self, date: str = "2026-05-01") -> None:
        """Log every grade that differs from grades.lock.yml in data/changelog.yml, then lock
        (what an editor does after changing a label: an entry, then `make lock`)."""
        from scripts.changelog import current_grades, read_grade_lock, write_grade_lock
        project = load_project(self.root)
        _, locked, _ = read_grade_lock(project)
        grades = current_grades(project)
        changes = [f"    - {{page: {rel}, question: {qid}, from: {locked.get((rel, qid)) or 'null'}, "
                   f"to: {grades.get((rel, qid)) or 'null'}}}\n"
                   for rel, qid in sorted(set(locked) | set(grades)) if locked.get((rel, qid)) != grades.get((rel, qid))]
        if changes:
            self.write("data/changelog.yml", self.read("data/changelog.yml") +
                       f"test-change-{date}:\n  date: {date}\n  title: {{en: Test}}\n  reason: {{en: Test.}}\n"
                       "  changes:\n" + "".join(changes))
        write_grade_lock(project)

    def stamp_all(self) -> None:
        project = load_project(self.root)
        for rel, page in project.pages["es"].items():
            english = project.english(rel)
            text = self.read(f"docs/es/{rel}")
            import re
            text = re.sub(r'source_hash: "[^"]*"', f'source_hash: "{source_hash(english)}"', text)
            self.write(f"docs/es/{rel}", text)


@pytest.fixture
def project(tmp_path: Path) -> FixtureProject:
    root = tmp_path / "site-src"
    shutil.copytree(FIXTURE, root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("HOOK_PATH", str(ROOT / "scripts" / "mkdocs_hooks.py")),
                                     encoding="utf-8")
    fixture = FixtureProject(root)
    fixture.stamp_all()
    return fixture
