"""Every page in every language: same questions, a badge and numbered citations under each,
a working source list, the disclaimer, the right language and direction, translation banners."""

from __future__ import annotations

import re

import pytest

from conftest import SITE, all_pages, page_url, project, soup
from scripts.verdicts import grade_of

PAGES = all_pages()


def question_ids(html):
    return [h["id"] for h in html.select("article h2[id]") if h["id"] != "sources"]


@pytest.mark.parametrize("lang,rel", PAGES, ids=[f"{l}:{r}" for l, r in PAGES])
def test_page_has_questions_badges_and_citations(lang, rel):
    p = project()
    english = p.english(rel)
    html = soup(page_url(lang, rel))
    assert html.select_one(".medical-disclaimer"), "no not-medical-advice notice"
    if english.is_info:
        return
    claims = english.meta["claims"]
    assert question_ids(html) == [q.id for q in english.questions]
    for heading in html.select("article h2[id]"):
        if heading["id"] == "sources":
            continue
        evidence = heading.find_next_sibling()
        assert "question-evidence" in evidence.get("class", []), heading["id"]
        badge = evidence.select_one("a.evidence-badge")
        grade = grade_of(p, claims[heading["id"]])
        assert f"evidence-badge--{grade.verdict or grade.kind}" in badge["class"]
        assert badge.get_text(strip=True), "badge has no text"
        if grade.practical:   # practical questions: no verdict, no strength, no opening sentence
            assert not badge.select_one(".evidence-badge__strength")
        else:                 # one badge: verdict and strength; then the verdict's opening sentence
            assert badge.select_one(".evidence-badge__strength").get_text(strip=True)
            after = evidence.find_next_sibling("p")
            if "label-changed" in after.get("class", []):   # 'Label changed on ...' (data/changelog.yml)
                after = after.find_next_sibling("p")
            assert "verdict-opening" in after.get("class", [])
        cites = evidence.select("sup.cite a")
        assert len(cites) == len(claims[heading["id"]]["sources"])
    items = {li["id"] for li in html.select("ol.source-list li[id]")}
    for cite in html.select("sup.cite a"):
        assert cite["href"].startswith("#src-") and cite["href"][1:] in items
        assert re.fullmatch(r"\[\d+\]", cite.get_text())
    assert html.select_one(".review-dates time[datetime]")


@pytest.mark.parametrize("lang,rel", PAGES, ids=[f"{l}:{r}" for l, r in PAGES])
def test_language_direction_and_banners(lang, rel):
    p = project()
    html = soup(page_url(lang, rel))
    assert html.html["lang"] == lang
    assert html.body["dir"] == ("rtl" if lang in p.rtl_languages else "ltr")
    translated = p.pages.get(lang, {}).get(rel)
    if lang == p.default_language:
        assert not html.select(".translation-draft, .translation-outdated")
    elif translated is None:
        assert html.select_one(".admonition.info"), "fallback page without a notice"
    elif translated.meta.get("translation", {}).get("status") == "draft":
        assert html.select_one(".translation-draft")


@pytest.mark.parametrize("lang,rel", PAGES, ids=[f"{l}:{r}" for l, r in PAGES])
def test_no_third_party_requests(lang, rel):
    html = soup(page_url(lang, rel))
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                      ("source", "src"), ("video", "src"), ("audio", "src")):
        for element in html.find_all(tag):
            url = element.get(attr, "")
            if tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}:
                continue  # links for search engines, not requests
            assert not re.match(r"^(https?:)?//", url), f"<{tag} {attr}={url}> leaves the site"
    assert "fonts.googleapis" not in str(html) and "fonts.gstatic" not in str(html)


@pytest.mark.parametrize("lang,rel", PAGES, ids=[f"{l}:{r}" for l, r in PAGES])
def test_hreflang_alternates_are_absolute_and_lead_to_built_pages(lang, rel):
    """Every language (and x-default) is listed with an absolute URL, each to that language's
    built page. (Material's sitemap lookup for these links is held back in the browser:
    test_language_switch.py.)"""
    from urllib.parse import urlsplit

    p = project()
    html = soup(page_url(lang, rel))
    links = {l["hreflang"]: l["href"] for l in html.find_all("link", rel="alternate", hreflang=True)}
    assert set(links) == set(p.languages) | {"x-default"}
    site_path = urlsplit(links[p.default_language]).path  # e.g. /exosome-faq/ for the home page
    root = site_path[: len(site_path) - len(page_url(p.default_language, rel).removesuffix("index.html"))]
    for other, href in links.items():
        assert re.match(r"^https?://", href), href
        built = urlsplit(href).path[len(root):]
        assert built == page_url(p.default_language if other == "x-default" else other, rel).removesuffix("index.html")
        assert (SITE / built / "index.html").is_file(), f"{href}: no built page"


@pytest.mark.parametrize("lang", [l for l in project().languages if l != project().default_language])
def test_not_found_page_switches_to_each_language_home(lang):
    """Each language's own 404 page (the shared /404.html is tested in test_not_found.py)."""
    p = project()
    html = soup(f"{lang}/404.html")
    assert not html.find_all("link", rel="alternate", hreflang=True)
    homes = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert set(homes) == set(p.languages)
    for other, href in homes.items():
        assert href.endswith("/" if other == p.default_language else f"/{other}/"), href


def test_badge_colours_of_every_label_are_in_the_built_css():
    """site.css carries no label ids; the build writes the colours of each strength
    (data/evidence.yml), verdict and kind of question (data/verdicts.yml) from data."""
    from scripts.verdicts import kinds, verdicts
    css = (SITE / "assets" / "site.css").read_text(encoding="utf-8")
    assert "generated from data/evidence.yml" not in css  # the marker line was replaced
    loaded = project()
    palette = {**loaded.evidence.data, **verdicts(loaded), **kinds(loaded)}
    assert {"yes-true", "not-proven", "no-benefit", "no-false", "practical"} <= set(palette)
    for label, entry in palette.items():
        light, dark = entry["colors"]["light"], entry["colors"]["dark"]
        assert re.search(rf"\.evidence-badge--{label} +\{{ --badge-fg: {light['fg']}; --badge-bg: {light['bg']}; \}}", css)
        assert re.search(rf'\[data-md-color-scheme="slate"\] \.evidence-badge--{label} +'
                         rf"\{{ --badge-fg: {dark['fg']}; --badge-bg: {dark['bg']}; \}}", css)


@pytest.mark.parametrize("lang,rel", PAGES, ids=[f"{l}:{r}" for l, r in PAGES])
def test_one_combined_notice_and_no_stray_punctuation_in_badges(lang, rel):
    """Translation notices and the not-medical-advice notice are one box, not a stack; a badge
    shows a prefix with its colon, or no prefix at all (never a lone ':')."""
    html = soup(page_url(lang, rel))
    disclaimers = html.select(".medical-disclaimer")
    assert len(disclaimers) == 1
    for notice in html.select(".translation-draft, .translation-outdated, .translation-fallback"):
        assert notice is disclaimers[0], "a translation notice stacked on top of the disclaimer"
    for badge in html.select(".evidence-badge"):
        prefix = badge.select_one(".evidence-badge__prefix")
        assert prefix is None or re.fullmatch(r"\S.*:", prefix.get_text(strip=True)), prefix
        assert not badge.get_text(strip=True).startswith(":"), badge
