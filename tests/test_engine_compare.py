"""ProperDocs (a maintained fork of MkDocs 1.x) builds the site like MkDocs: tools/engine_compare
accepts only a different generator meta tag; the fixture is built with both engines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tools.engine_compare import compare, main

PAGE = '<html><head><meta name="generator" content="{}"></head><body>{}</body></html>'


def write(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_only_the_generator_tag_may_differ(tmp_path):
    a = write(tmp_path / "a", {"index.html": PAGE.format("mkdocs-1.6.1", "x"), "faq.json": "{}"})
    b = write(tmp_path / "b", {"index.html": PAGE.format("mkdocs-ProperDocs 1.6.7", "x"), "faq.json": "{}"})
    problems, stats = compare(a, b)
    assert problems == [] and stats == {"files": 2, "identical": 1, "generator-only": 1}
    (b / "index.html").write_text(PAGE.format("mkdocs-ProperDocs 1.6.7", "y"), encoding="utf-8")
    (b / "extra.txt").write_text("", encoding="utf-8")
    (b / "faq.json").write_text("[]", encoding="utf-8")
    problems, _ = compare(a, b)
    assert [p.split(":")[0] for p in problems] == ["extra.txt", "faq.json", "index.html"]
    assert main([str(a), str(b)]) == 1 and main([str(a), str(a)]) == 0


def test_fixture_builds_the_same_with_properdocs(project):
    engine = Path(sys.executable).parent / "properdocs"
    assert engine.exists(), "properdocs is not installed: run make setup (it is pinned in requirements.in)"
    env = {**os.environ, "EXOFAQ_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}
    for name, command in (("mkdocs", [sys.executable, "-m", "mkdocs"]), ("properdocs", [str(engine)])):
        done = subprocess.run([*command, "build", "--strict", "-q", "--site-dir", f"out-{name}"], cwd=project.root,
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, name + done.stdout + done.stderr
    problems, stats = compare(project.root / "out-mkdocs", project.root / "out-properdocs")
    assert problems == [] and stats["generator-only"] > 0
    generator = (project.root / "out-properdocs" / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs" in generator
