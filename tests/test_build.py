"""The MkDocs hook runs the same checker: a broken page aborts `mkdocs build --strict`;
a good one renders badges, numbered citations, sources, dates, notices and banners."""

from __future__ import annotations

import pytest

import os
import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import ROOT

pytestmark = pytest.mark.slow  # builds a site with mkdocs (seconds each)

HAIR = "docs/en/cosmetic/hair.md"


def build(project):
    env = {**os.environ, "EXOFAQ_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                          capture_output=True, text=True, env=env)


def soup(project, rel):
    return BeautifulSoup((project.root / "site" / rel).read_text(encoding="utf-8"), "html.parser")


def test_strict_build_aborts_on_a_rule_violation(project):
    project.replace(HAIR, "    strength: preclinical", "    strength: clinical-trials")
    result = build(project)
    assert result.returncode != 0
    assert "docs/en/cosmetic/hair.md:13: evidence-unsupported:" in result.stdout + result.stderr
    assert not (project.root / "site" / "cosmetic" / "hair" / "index.html").exists()


def test_strict_build_renders_badges_citations_and_banners(project):
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for rel, lang in (("cosmetic/hair/index.html", "en"), ("es/cosmetic/hair/index.html", "es")):
        page = soup(project, rel)
        questions = page.select("h2[id]")
        ids = [q["id"] for q in questions if q["id"] != "sources"]
        assert ids == ["regrow-hair", "nourish-follicles"]
        for question in questions:
            if question["id"] == "sources":
                continue
            evidence = question.find_next_sibling("p")
            assert "question-evidence" in evidence["class"]
            assert evidence.select_one("a.evidence-badge strong").get_text(strip=True)
            assert evidence.select("sup.cite a")
        # numbered citations point at the generated source list
        sources = page.select("ol.source-list li[id]")
        assert [li["id"] for li in sources] == ["src-pilot2024-hair", "src-mouse2020-hair", "src-agency2019-notice"]
        assert page.select_one('a[href="https://doi.org/10.1000/fixture.1"]')
        assert page.select_one('a[href="https://pubmed.ncbi.nlm.nih.gov/12345678/"]')
        assert page.select_one('a[href="https://clinicaltrials.gov/study/NCT01234567"]')
        for sup in page.select("sup.cite a"):
            assert page.select_one(sup["href"]) is not None
        assert page.select_one(".medical-disclaimer")
        assert page.select_one(".review-dates time[datetime='2026-01-10']")
    spanish = soup(project, "es/cosmetic/hair/index.html")
    assert spanish.select_one(".translation-draft")
    assert not spanish.select_one(".translation-outdated")
    badge = spanish.select_one(".question-evidence a.evidence-badge")
    assert "No demostrado" in badge.get_text() and "Solo estudios iniciales en personas" in badge.get_text()
    assert "evidence-badge--not-proven" in badge["class"]
    # the verdict's opening sentence comes first, the same on every page
    opening = spanish.select_one(".question-evidence").find_next_sibling("p")
    assert opening.get_text(strip=True) == "No demostrado: todavía no hay buenas pruebas de que esto sea cierto."
    # the headline is computed from the main claim
    assert "No demostrado" in spanish.select_one(".headline-evidence").get_text()
    assert not soup(project, "cosmetic/hair/index.html").select_one(".translation-draft")


def test_outdated_and_fallback_banners(project):
    project.replace(HAIR, "Intro text.", "Intro text, changed.")
    (project.root / "docs/es/index.md").unlink()
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert soup(project, "es/cosmetic/hair/index.html").select_one(".translation-outdated")
    fallback = soup(project, "es/index.html")
    notice = fallback.select_one(".page-notice.translation-fallback")  # one notice line: fallback + disclaimer
    assert notice and "Se muestra en inglés hasta que se traduzca" in notice.get_text()
    assert "medical-disclaimer" in notice["class"] and not fallback.select(".admonition")


def test_overdue_review_shows_a_notice(project):
    env_today = "2027-03-01"
    env = {**os.environ, "EXOFAQ_TODAY": env_today, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert soup(project, "cosmetic/hair/index.html").select_one(".review-overdue")


def test_renamed_question_old_link_lands_on_the_new_answer(project):
    for rel in (HAIR, "docs/es/cosmetic/hair.md"):
        project.replace(rel, "{#nourish-follicles}", "{#feed-follicles}")
    project.replace(HAIR, "  nourish-follicles:", "  feed-follicles:")
    project.write("data/redirects.yml", "pages: {}\nquestions:\n  cosmetic/hair.md#nourish-follicles: cosmetic/hair.md#feed-follicles\n")
    project.write("permalinks.lock.yml", "cosmetic/hair.md:\n- regrow-hair\n- nourish-follicles\n- feed-follicles\nindex.md: []\n")
    project.stamp_all()
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for rel in ("cosmetic/hair/index.html", "es/cosmetic/hair/index.html"):
        page = soup(project, rel)
        old = page.find(id="nourish-follicles")
        assert old is not None, rel
        # the old anchor sits right under the renamed question's heading
        assert old.find_parent("p").find_previous_sibling("h2")["id"] == "feed-follicles"


def test_moved_page_gets_a_redirect_in_every_language(project):
    for lang in ("en", "es"):
        project.path(f"docs/{lang}/cosmetic/hair.md").rename(project.path(f"docs/{lang}/cosmetic/hair-loss.md"))
        rel = f"docs/{lang}/index.md"
        project.write(rel, project.read(rel).replace("cosmetic/hair.md", "cosmetic/hair-loss.md"))
    project.replace("data/claims.yml", "cosmetic/hair.md", "cosmetic/hair-loss.md")  # the registry follows the move
    project.write("data/redirects.yml", "pages:\n  cosmetic/hair.md: cosmetic/hair-loss.md\n")
    project.write("permalinks.lock.yml", "cosmetic/hair.md:\n- regrow-hair\n- nourish-follicles\n"
                                         "cosmetic/hair-loss.md:\n- regrow-hair\n- nourish-follicles\nindex.md: []\n")
    project.stamp_all()
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix in ("", "es/"):
        redirect = (project.root / "site" / prefix / "cosmetic/hair/index.html").read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' in redirect and "hair-loss/" in redirect


@pytest.mark.parametrize("clock", ["bad", "2026-02-30"])
def test_a_clock_that_is_not_a_date_stops_the_check_and_the_build_with_a_message(project, clock):
    env = {**os.environ, "EXOFAQ_TODAY": clock, "NO_MKDOCS_2_WARNING": "1"}
    cli = subprocess.run([sys.executable, "-m", "scripts.check", str(project.root)], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                           env=env, capture_output=True, text=True)
    for result in (cli, built):
        assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
        assert f"EXOFAQ_TODAY='{clock}' is not a date: write it as YYYY-MM-DD" in result.stderr
    assert not (project.root / "site").exists()
