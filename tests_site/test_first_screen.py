"""The answer on the first screen (built HTML, and Chromium on a 390 x 844 phone): every claim page
opens with "In short" (each question with its verdict, linked to its answer) and one notice line;
the first verdict is visible without scrolling in every language. Every answer ends with a
"Report an error" link prefilled for it. The home page shows each treatment's main verdict."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import SITE, lang_prefix, page_url, project, soup

LANGS = project().languages
CLAIM_PAGES = sorted(rel for rel, page in project().pages[project().default_language].items()
                     if not page.is_info)
PHONE = {"width": 390, "height": 844}


def questions(html) -> list[str]:
    """Ids of the answered questions on a built page: headings followed by their grade line."""
    return [p.find_previous("h2")["id"] for p in html.select("p.question-evidence")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rel", CLAIM_PAGES)
def test_in_short_lists_every_answer_with_its_verdict(lang, rel):
    html = soup(page_url(lang, rel))
    box = html.select_one("article .in-short")
    assert box, "no In short list"
    ids = questions(html)
    assert [li.a["href"] for li in box.select("li")] == [f"#{qid}" for qid in ids]
    for li, qid in zip(box.select("li"), ids):
        answer_badge = html.select_one(f"h2#{qid}").find_next("p", class_="question-evidence").select_one(".evidence-badge")
        short_badge = li.select_one(".evidence-badge")
        if "evidence-badge--practical" in answer_badge["class"]:
            assert short_badge is None
        else:  # the same verdict as the answer itself
            assert short_badge["class"] == answer_badge["class"], qid
    assert len(html.select("article .page-notice")) == 1
    assert box.find_next("h2")["id"] == ids[0], "In short must come before the first answer"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rel", CLAIM_PAGES)
def test_every_answer_ends_with_a_prefilled_report_link(lang, rel):
    html = soup(page_url(lang, rel))
    canonical = html.select_one('link[rel="canonical"]')["href"]
    links = html.select("article p.report-error a")
    assert [link.find_previous("h2")["id"] for link in links] == questions(html)
    for link in links:
        qid = link.find_previous("h2")["id"]
        query = {k: v[0] for k, v in parse_qs(urlsplit(link["href"]).query).items()}
        assert urlsplit(link["href"]).path.endswith("/issues/new") and query["template"] == "report-an-error.yml"
        assert (query["page"], query["question"], query["language"]) == (rel, qid, lang)
        assert query["permalink"] == f"{canonical}#{qid}"


def test_home_page_cards_show_each_treatments_main_verdict():
    for lang in LANGS:
        home = soup(page_url(lang, "index.md"))
        cards = home.select(".topic-card")
        assert len(cards) >= 10, lang
        for card in cards:
            href = card.a["href"].split("#")[0]
            target = (SITE / lang_prefix(lang) / href / "index.html").resolve()
            page = soup(str(target.relative_to(SITE)))
            headline = page.select_one(".headline-evidence .evidence-badge")
            assert card.select_one(".evidence-badge")["class"] == headline["class"], (lang, href)
        assert home.select_one("h2#short-version").find_next("h2")["id"] == "at-a-glance", lang


@pytest.mark.parametrize("lang", LANGS)
def test_first_verdict_is_on_the_first_phone_screen(site_browser, lang):
    browser, base = site_browser
    page = browser.new_page(viewport=PHONE)
    late = []
    for rel in CLAIM_PAGES:
        path = page_url(lang, rel).removesuffix("index.html")
        page.goto(f"{base}{path}")
        first = page.locator("article .in-short li").first
        box = (first.locator(".evidence-badge").first if first.locator(".evidence-badge").count() else first).bounding_box()
        if box is None or box["y"] + box["height"] > PHONE["height"]:
            late.append((path, box and round(box["y"] + box["height"])))
    page.close()
    assert not late, f"first verdict below the first screen (bottom px): {late}"


# link texts that say nothing about where they go (Lighthouse SEO "link-text" lists these and their
# translations); a reader scanning links, or a screen reader's link list, needs the destination
GENERIC_LINK_TEXTS = {"more", "read more", "learn more", "click here", "here", "más", "más información", "aquí",
                      "plus", "en savoir plus", "ici", "mehr", "mehr dazu", "hier", "자세히 보기", "더 보기", "المزيد"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_link_says_only_more(lang):
    generic = {}
    for rel in ["index.md", *CLAIM_PAGES]:
        for link in soup(page_url(lang, rel)).select("article a"):
            text = " ".join(link.get_text().split()).strip(" .:·").lower()
            if text in GENERIC_LINK_TEXTS:
                generic.setdefault(text, rel)
    assert not generic, f"links that do not say where they go: {generic}"
