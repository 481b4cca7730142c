"""The language switcher keeps the answer: from /<page>/#<question-id>, choosing another language
lands on the same question of that language's page (tested in Chromium).

The pages' hreflang links are absolute addresses on site_url. On GitHub Pages that is the page's
own origin, and Material then fetches a sitemap.xml next to each of them and takes over the
language menu (it dropped the #question and went through a redirect). So the browser here
answers requests to site_url from the built site too, as the published site would."""

from __future__ import annotations

import pytest

from conftest import SITE, lang_prefix, project, soup

P = project()
OTHER = [lang for lang in P.languages if lang != P.default_language]


def first_question():
    for rel, page in sorted(P.pages[P.default_language].items()):
        if not page.is_info and page.questions:
            return rel, page.questions[-1].id  # the last one: the page has to scroll to it
    raise AssertionError("no question in the English pages")


@pytest.fixture(scope="module")
def landed(site_browser):
    """The site opened at its published address (site_url), answered from the local server."""
    from playwright.sync_api import Error as PlaywrightError

    from tools.linkcheck import published_url

    browser, local = site_browser
    rel, qid = first_question()
    path = rel[:-3] + "/"
    found: dict = {"documents": [], "sitemaps": []}
    page = browser.new_page(viewport={"width": 390, "height": 844})
    base = published_url(SITE)

    def as_published(route):
        try:
            route.fulfill(response=route.fetch(url=local + route.request.url[len(base):], max_redirects=0))
        except PlaywrightError:  # the page moved on while this was answered
            pass

    page.route(f"{base}**", as_published)
    page.on("request", lambda request: found["sitemaps"].append(request.url)
            if request.url.split("?")[0].endswith("/sitemap.xml") else None)
    page.on("response", lambda response: found["documents"].append((response.status, response.url))
            if response.request.resource_type == "document" else None)
    for lang in OTHER[:2] + ["back"]:
        start = f"{base}{lang_prefix(OTHER[0]) if lang == 'back' else ''}{path}#{qid}"
        target = P.default_language if lang == "back" else lang
        page.goto(start, wait_until="networkidle")   # a reader reads before switching
        page.click(".md-header__option .md-select > button, .md-header__option .md-select .md-header__button")
        page.click(f"a.md-select__link[hreflang='{target}']")
        page.wait_for_load_state()
        found[lang] = (page.url[len(base):], page.evaluate("Math.round(window.scrollY)"))
    page.goto(f"{base}{path}")  # no answer chosen: the link goes to the page, no '#'
    page.click(".md-header__option .md-select > button, .md-header__option .md-select .md-header__button")
    page.click(f"a.md-select__link[hreflang='{OTHER[0]}']")
    page.wait_for_load_state()
    found["none"] = (page.url[len(base):], 0)
    page.close()
    return path, qid, found


def test_switching_language_keeps_the_question(landed):
    path, qid, found = landed
    for lang in OTHER[:2]:
        url, scrolled = found[lang]
        assert url == f"{lang_prefix(lang)}{path}#{qid}", url
        assert scrolled > 0, f"{url}: did not scroll to the question"
    assert found["back"][0] == f"{path}#{qid}"
    assert found["none"][0] == f"{lang_prefix(OTHER[0])}{path}"


def test_switching_language_is_one_request_and_reads_no_sitemap(landed):
    """Each switch loads the other page at once (no redirect), and no page fetches a sitemap:
    Material's sitemap lookup is held back (docs/assets/search-on-demand.js)."""
    _, _, found = landed
    assert [url for status, url in found["documents"] if status != 200] == []
    assert found["sitemaps"] == []


def test_switcher_links_without_script_are_unchanged(landed):
    """The built links carry no fragment; the hreflang alternates are tested in test_built_pages."""
    path, _, _ = landed
    links = soup(f"{path}index.html").select("a.md-select__link[hreflang]")
    assert {a["hreflang"] for a in links} == set(P.languages)
    assert not any("#" in a["href"] for a in links)
