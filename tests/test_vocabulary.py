"""The vocabulary is declared once, in data: on a copy of the real project, a new evidence label
added only to data/evidence.yml, and new languages added with `make new-language` plus their
mkdocs.yml entry and data strings (one left-to-right with a region code, one right-to-left),
build and pass the checks with no code or test edits."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from scripts.content import load_project

pytestmark = pytest.mark.slow  # builds the whole site (a minute or more each)

IGNORE = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "audit", ".pytest_cache", "__pycache__")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT, root, ignore=IGNORE)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_label_added_only_to_data_shows_with_its_colours(tmp_path):
    root = copy_project(tmp_path)
    project = load_project(root)
    label, light, dark = "mixed-results", {"fg": "#3b0764", "bg": "#f3e8ff"}, {"fg": "#e9d5ff", "bg": "#3b0764"}

    def add_label(data):
        data[label] = {"rank": 0, "icon": "scale-balance", "colors": {"light": light, "dark": dark},
                       "requires": "any",
                       "name": {lang: f"Mixed results ({lang})" for lang in project.languages},
                       "description": {lang: f"Studies disagree ({lang})." for lang in project.languages}}
    edit_yaml(root / "data" / "evidence.yml", add_label)
    # one question with its own grade, a verdict no rule ties to a strength list (no-false, not about
    # approval), and not its page's headline question, now carries the new strength
    from scripts.verdicts import main_question
    page, qid = next((p, q) for p in project.pages["en"].values() if p.readable and not p.is_info
                     for q, claim in p.meta["claims"].items()
                     if claim.get("verdict") == "no-false" and claim.get("about") != "approval"
                     and q != main_question(p, project))
    file = root / page.path
    text = file.read_text(encoding="utf-8")
    before = re.search(rf"\n  {qid}:\n    verdict: no-false\n    strength: ([a-z-]+)", text).group(1)
    text, n = re.subn(rf"(\n  {qid}:\n    verdict: no-false\n    strength: )[a-z-]+", rf"\g<1>{label}", text)
    assert n == 1
    file.write_text(text, encoding="utf-8")
    # a changed label is logged, then locked: data, not code (CONTRIBUTING.md, data/changelog.yml)
    with open(root / "data" / "changelog.yml", "a", encoding="utf-8") as log:
        log.write(f"test-new-strength:\n  date: 2026-11-29\n  title: {{en: Test}}\n  reason: {{en: Test.}}\n  changes:\n"
                  f"    - {{page: {page.rel}, question: {qid}, from: no-false/{before}, to: no-false/{label}}}\n")
    run(root, "-m", "scripts.permalinks", "lock")
    run(root, "-m", "scripts.check")
    run(root, "-m", "mkdocs", "build", "--strict", "-q")

    site = root / "site"
    url = page.rel[:-3] + "/"
    html = soup(site / url / "index.html")
    badge = html.find(id=qid).find_next_sibling("p").select_one("a.evidence-badge--no-false")
    assert badge and "Mixed results (en)" in badge.select_one(".evidence-badge__strength").get_text()
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert re.search(rf"\.evidence-badge--{label} +\{{ --badge-fg: {light['fg']}; --badge-bg: {light['bg']}; \}}", css)
    assert re.search(rf'slate"\] \.evidence-badge--{label} +\{{ --badge-fg: {dark["fg"]}; --badge-bg: {dark["bg"]}; \}}', css)
    card = soup(site / "ar" / "embed" / url / qid / "index.html")
    assert card.select_one(".badge.no-false") and "Mixed results (ar)" in card.get_text()
    assert f".{label}{{color:{light['fg']};background:{light['bg']}}}" in card.style.string
    faq = json.loads((site / "es" / "faq.json").read_text(encoding="utf-8"))
    entry = next(q for q in faq["questions"] if q["id"] == qid)
    assert entry["evidence"] == {"id": label, "name": "Mixed results (es)", "description": "Studies disagree (es)."}
    assert soup(site / "evidence-scale" / "index.html").find(id=label)
    run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests_site/test_clinic_kit.py",
        "tests_site/test_built_pages.py", "-k", "faq_json or embed or badge_colours")


def test_new_languages_need_no_code_or_test_edits(tmp_path):
    root = copy_project(tmp_path)
    new = {"pt-BR": ("Português (Brasil)", "ltr"), "fa": ("فارسی", "rtl")}
    for lang in new:
        run(root, "-m", "scripts.translations", "new", lang)   # what `make new-language` runs
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entries = "".join(f"        - locale: {lang}\n          name: {name}\n          build: true\n"
                      f"          site_name: Exosome facts ({lang})\n"  # stand-ins a translator replaces
                      f"          site_description: Exosome treatments, checked ({lang})\n"
                      + ("          theme:\n            direction: rtl\n" if direction == "rtl" else "")
                      for lang, (name, direction) in new.items())
    config = re.sub(r"(\n\nnav:\n)", "\n" + entries.rstrip("\n") + r"\1", config, count=1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")

    def add_strings(data):  # stand-ins: the English strings, as a translator starts
        for lang in new:
            data[lang] = data["en"]
    edit_yaml(root / "data" / "ui.yml", add_strings)

    def add_label_strings(data):
        for entry in data.values():
            for field in ("name", "description"):
                for lang in new:
                    entry[field][lang] = entry[field]["en"]
    edit_yaml(root / "data" / "evidence.yml", add_label_strings)

    def add_verdict_strings(data):  # verdict names, meanings and openings; the practical kind
        for group in ("verdicts", "kinds"):
            for entry in data[group].values():
                for field in ("name", "description", "opening"):
                    for lang in new:
                        if field in entry:
                            entry[field][lang] = entry[field]["en"]
    edit_yaml(root / "data" / "verdicts.yml", add_verdict_strings)

    def add_claim_wording(data):  # the advertised claims of data/claims.yml
        for entry in data.values():
            for lang in new:
                entry["wording"][lang] = entry["wording"]["en"]
    edit_yaml(root / "data" / "claims.yml", add_claim_wording)
    assert load_project(root).rtl_languages == {"ar", "fa"}

    run(root, "-m", "scripts.check")
    run(root, "-m", "mkdocs", "build", "--strict", "-q")
    linked = run(root, "-m", "tools.linkcheck", "site")
    assert "start pages: 8" in linked.stderr
    run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", "tests_site")
    assert soup(root / "site" / "fa" / "index.html").body["dir"] == "rtl"
    assert soup(root / "site" / "pt-BR" / "index.html").html["lang"] == "pt-BR"
