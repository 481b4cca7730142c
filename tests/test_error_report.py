"""Report an error: a plain link under every answer opens the issue form prefilled; the repository
comes from configuration and without one there are no links. The first screen: "In short" lists
every question with its verdict and one notice line replaces the stacked boxes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
import markdown as md

from scripts.content import load_project
from scripts.error_report import FORM, FORM_PATH, PREFILLED, report_url, repository_url
from scripts.render import RenderContext, render_page

ROOT = Path(__file__).resolve().parent.parent
HAIR = "cosmetic/hair.md"
REPO = "https://github.com/owner/exosome-faq"


def rendered(project, lang: str = "en", repository: str = REPO) -> BeautifulSoup:
    state = load_project(project.root)
    english = state.english(HAIR)
    translation = state.translation(lang, HAIR) if lang != "en" else None
    page = translation or english
    url = ("" if lang == "en" else f"{lang}/") + "cosmetic/hair/"
    ctx = RenderContext(project=state, lang=lang, rel=HAIR, url=url, english=english, translation=translation,
                        today=dt.date(2026, 6, 1), site_root_url="https://example.org/faq/", repository=repository)
    text = render_page(page.body, ctx)
    html = md.markdown(text, extensions=["attr_list", "md_in_html", "admonition", "toc"])
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("value", [
    "http://github.com/owner/repo", "https://github.com/owner", "https://github.com/a/b/c",
    "https://github.com/owner/repo?x=1", "javascript:alert(1)", "", None, 42, "github.com/owner/repo"])
def test_no_usable_repository_means_no_repository(value):
    assert repository_url(value) == ""


def test_a_repository_address_is_normalised():
    assert repository_url(" https://github.com/owner/repo.git/ ") == "https://github.com/owner/repo"


def test_the_link_fills_fields_the_form_has():
    form = yaml.safe_load((ROOT / FORM_PATH).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(PREFILLED) <= set(fields), "the link fills a field the issue form does not have"
    assert fields["problem"]["validations"]["required"] is True  # the reader's own words are required
    query = parse_qs(urlsplit(report_url(REPO, page="p.md", question="q", language="es", label="L",
                                         permalink="https://x/p/#q")).query)
    assert query["template"] == [FORM] and set(query) == set(PREFILLED) | {"template", "title"}


def test_every_answer_gets_a_prefilled_report_link_after_it(project):
    html = rendered(project, "es")
    links = html.select("p.report-error a")
    assert len(links) == 2
    for link, qid in zip(links, ["regrow-hair", "nourish-follicles"]):
        parts = urlsplit(link["href"])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert (query["page"], query["question"], query["language"]) == (HAIR, qid, "es")
        assert query["permalink"] == f"https://example.org/faq/es/cosmetic/hair/#{qid}"
        assert query["label"].endswith(")") and "(" in query["label"]  # names and ids of the current label
        # after its own answer: the nearest question heading before the link is this question
        assert link.find_previous(["h2"])["id"] == qid
    assert links[0].find_next("h2")["id"] == "nourish-follicles"


def test_no_repository_configured_means_no_report_links(project):
    assert not rendered(project, repository="").select(".report-error")


def test_in_short_lists_every_question_with_its_verdict(project):
    html = rendered(project, "es")
    items = html.select(".in-short li")
    assert [li.a["href"] for li in items] == ["#regrow-hair", "#nourish-follicles"]
    assert all(li.select_one(".evidence-badge") for li in items)
    assert items[0].a.get_text() == html.select_one("h2#regrow-hair").get_text().strip()  # in the reader's language
    # before the first answer
    assert html.select_one(".in-short").find_next("h2")["id"] == "regrow-hair"


def test_one_notice_line_holds_the_translation_state_and_the_disclaimer(project):
    html = rendered(project, "es")
    notices = html.select(".page-notice")
    assert len(notices) == 1 and {"translation-draft", "medical-disclaimer"} <= set(notices[0]["class"])
    assert notices[0].select_one('a[href$="about/#not-medical-advice"]')
    assert not html.select(".admonition")  # no stacked boxes
    english = rendered(project, "en").select(".page-notice")
    assert len(english) == 1 and "translation-draft" not in english[0]["class"]
