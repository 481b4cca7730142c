"""Search per language: each language has its own index holding only its pages, with lunr's
stemmer for that language, and the pages of a language search it (tested in Chromium)."""

from __future__ import annotations

from html import escape

import json
import shutil
import sys

import pytest
import yaml

from conftest import ROOT, SITE, lang_prefix, project, require_chromium
from scripts.urls import page_path

LANGS = project().languages
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# a word that each language's own index must contain and its search box must find (data/languages.yml)
LANGUAGE_DATA = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8")) or {}


# generated pages that are not answers, left out of search (front matter `generated:`): code to copy,
# and the changelog, which repeats answers' titles and would outrank them
SNIPPET_PAGES = {"for-clinics", "what-changed"}


def probe(lang: str) -> str:
    entry = LANGUAGE_DATA.get(lang) or {}
    assert entry.get("search_probe"), f"data/languages.yml has no search_probe for '{lang}': add one"
    return entry["search_probe"]


def index_of(lang):
    return json.loads((SITE / lang_prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index(lang):
    data = index_of(lang)
    assert data["config"]["lang"] == [lang]
    others = [l for l in LANGS if l != lang]
    locations = [d["location"] for d in data["docs"]]
    assert locations and not any(loc.split("/")[0] in others for loc in locations)
    p = project()
    pages = {d["location"].split("#")[0] for d in data["docs"]}
    answers = {page_path(rel) for rel, page in p.pages[p.default_language].items()
               if page.meta.get("generated") not in SNIPPET_PAGES}
    assert pages == answers  # every page but the snippet code, this language's URL
    text = " ".join(d["text"] + d["title"] for d in data["docs"])
    assert probe(lang).lower() in text.lower()


def search_in_browser(lang: str, queries: list[str], read: str = "links") -> dict[str, list[str]]:
    """Type each query into the search box of the language's home page; the result links
    (read="marks": the words highlighted in the results, lower case)."""
    require_chromium()
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright
    from tools.linkcheck import serve, site_prefix

    server, base = serve(SITE, site_prefix(SITE))
    found = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}{lang_prefix(lang)}", wait_until="networkidle")
            box = "input[data-md-component='search-query']"
            for query in queries:
                page.click(box)
                page.fill(box, "")  # clear the previous query's results first: never read stale ones
                page.keyboard.press("End")
                try:
                    page.wait_for_selector(".md-search-result__item", state="detached", timeout=5000)
                except Exception:
                    pass
                page.fill(box, query)
                page.keyboard.press("End")  # Material listens for key events; fill() alone sends none
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=15000)
                except Exception:
                    found[query] = []
                    continue
                links, settled = None, False
                for _ in range(50):  # results of the whole query: the same list twice in a row
                    if settled:
                        break
                    page.wait_for_timeout(200)
                    now = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
                    settled, links = now == links, now
                found[query] = [link.split(base, 1)[-1] for link in links] if read == "links" else \
                    page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent.toLowerCase())")
            browser.close()
    finally:
        server.shutdown()
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_search_box_finds_pages_in_the_readers_language(lang):
    links = search_in_browser(lang, [probe(lang)])[probe(lang)]
    assert links
    for path in links:
        first = path.split("/")[0]
        if lang == project().default_language:
            assert first not in LANGS, path
        else:
            assert path.startswith(f"{lang}/"), path


# (language, query typed without accents, the accented word in the pages, a page it must find)
ACCENT_PROBES = [
    ("es", "caida", "caída", "cosmetic/hair-growth/"),
    ("fr", "securite", "sécurité", "practical/safety/"),
    ("de", "ubersichtsarbeit", "Übersichtsarbeit", ""),
]


@pytest.mark.slow
@pytest.mark.parametrize("lang,bare,accented,page", ACCENT_PROBES, ids=[p[0] for p in ACCENT_PROBES])
def test_search_ignores_accents(lang, bare, accented, page):
    words = " ".join(d["title"] + " " + d["text"] for d in index_of(lang)["docs"]).lower()
    assert accented.lower() in words
    assert bare not in words, "the probe must need accent folding to be found"
    found = search_in_browser(lang, [bare, accented])
    assert found[bare], f"{lang}: '{bare}' finds nothing although the pages say '{accented}'"
    assert found[accented], f"{lang}: the accented word '{accented}' no longer finds anything"
    assert all(path.startswith(f"{lang}/") for path in found[bare])
    if page:
        assert any(path.startswith(f"{lang}/{page}") for path in found[bare]), found[bare]


@pytest.mark.parametrize("lang", LANGS)
def test_index_leaves_out_snippet_pages_and_repeated_text(lang):
    """For clinics (snippet code) is not indexed; what every page repeats (the not-medical-advice
    notice, badge words, the source list) is not in the index but is still on the page."""
    p = project()
    docs = index_of(lang)["docs"]
    snippet_pages = [page_path(rel) for rel, page in p.pages[p.default_language].items()
                     if page.meta.get("generated") in SNIPPET_PAGES]
    assert snippet_pages, "no generated snippet page found: the test lost its subject"
    assert not [d for d in docs if d["location"].split("#")[0] in snippet_pages]
    strings = p.ui_strings(lang)
    # one claim page's entries: what every page repeats must not be among them
    text = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("cosmetic/hair-growth/"))
    assert text, "cosmetic/hair-growth/ is not in the index: the test lost its subject"
    built = (SITE / lang_prefix(lang) / "cosmetic" / "hair-growth" / "index.html").read_text(encoding="utf-8")
    for repeated in (strings["card_disclaimer"], f'{strings["verdict"]}:', f'{strings["reviewed"]}:'):
        assert escape(repeated) in built or repeated in built, f"'{repeated}' is not on the page: the test lost its subject"
        assert repeated not in text, f"'{repeated}' (on every page) is in the {lang} search index of a claim page"
    assert not [d for d in docs if d["location"].endswith("#sources")], "source lists are indexed"
    assert "data-search-exclude" not in built, "the search markers must not reach the reader"


@pytest.mark.parametrize("lang", LANGS)
def test_table_cells_stay_separate_words_in_the_index(lang):
    """Material's indexer joins the text of adjacent elements as it finds it: cells written
    without whitespace between them became one word ("advertsVerdict", "urineAre"), which no
    query finds and the results show glued. Every table of every built page of the language."""
    import re

    from selectolax.lexbor import LexborHTMLParser

    docs = index_of(lang)["docs"]
    text = " ".join(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]) for d in docs)
    glued, tables = [], 0
    for doc in {d["location"].split("#")[0] for d in docs}:
        built = SITE / lang_prefix(lang) / doc / "index.html" if doc else SITE / lang_prefix(lang) / "index.html"
        if not built.is_file():
            continue
        for row in LexborHTMLParser(built.read_text(encoding="utf-8")).css("article table tr"):
            tables += 1
            cells = [" ".join(c.text(deep=True).split()) for c in row.css("th, td")]
            # a cell left out of the index (a verdict badge) must not glue its neighbours either
            glued += [a + b for i, a in enumerate(cells) for b in cells[i + 1:] if a and b and (a + b) in text]
    assert tables, f"{lang}: no table rows in the built pages: the test lost its subject"
    assert not glued, f"{lang}: table cells glued into one word in the search index: {glued[:3]}"


# Typical reader queries, typed into the search box of the language's home page: the right page
# must be the first result. Natural queries, the words a reader would use, not page titles.
READER_QUERIES = {
    "en": [("exosome hair loss", "cosmetic/hair-growth/"), ("FDA approval", "practical/safety/"),
           ("how much does it cost", "practical/cost-and-availability/"), ("acne scars", "cosmetic/acne/"),
           ("knee arthritis", "medical/osteoarthritis/"), ("side effects", "practical/safety/"),
           ("what are exosomes", "basics/what-are-exosomes/"), ("melasma", "cosmetic/pigmentation/"),
           ("heart attack", "medical/heart-attack-repair/"), ("wrinkles", "cosmetic/skin-rejuvenation/"),
           # "exosomes" is on nearly every page (search_common in data/languages.yml): it must not
           # put "What are exosomes?" first
           ("exosomes for knee arthritis", "medical/osteoarthritis/"),
           ("do exosomes help with wrinkles", "cosmetic/skin-rejuvenation/")],
    "es": [("exosomas caída del cabello", "cosmetic/hair-growth/"),
           # two pages answer it: the regions page and the challenges question "¿... aprobado por la FDA?"
           ("aprobado por la FDA", ("practical/regulation-by-region/", "practical/challenges/")),
           ("precio", "practical/cost-and-availability/"), ("cicatrices de acné", "cosmetic/acne/"),
           ("artrosis rodilla", "medical/osteoarthritis/"), ("efectos secundarios", "practical/safety/"),
           ("son seguros", "practical/safety/"), ("infarto", "medical/heart-attack-repair/"),
           ("riñón", "medical/kidney-disease/"), ("arrugas", "cosmetic/skin-rejuvenation/"),
           # stop words ("de", "la") must not pull in pages: Material adds "*" to every word
           ("artrosis de la rodilla", "medical/osteoarthritis/"), ("exosomas arrugas", "cosmetic/skin-rejuvenation/")],
    "fr": [("exosomes chute des cheveux", "cosmetic/hair-growth/"), ("prix", "practical/cost-and-availability/"),
           ("cicatrices d'acné", "cosmetic/acne/"), ("effets secondaires", "practical/safety/"),
           ("sécurité", "practical/safety/"), ("mélasma", "cosmetic/pigmentation/"),
           ("crise cardiaque", "medical/heart-attack-repair/"), ("rides", "cosmetic/skin-rejuvenation/"),
           ("cancer", "medical/cancer/"), ("taches brunes", "cosmetic/pigmentation/"),
           ("exosomes pour les rides", "cosmetic/skin-rejuvenation/")],
    "de": [("Exosomen Haarausfall", "cosmetic/hair-growth/"), ("FDA Zulassung", "practical/safety/"),
           ("Kosten", "practical/cost-and-availability/"), ("Aknenarben", "cosmetic/acne/"),
           ("Arthrose Knie", "medical/osteoarthritis/"), ("Nebenwirkungen", "practical/safety/"),
           ("Herzinfarkt", "medical/heart-attack-repair/"), ("Niere", "medical/kidney-disease/"),
           ("Falten", "cosmetic/skin-rejuvenation/"), ("Krebs", "medical/cancer/"),
           ("Exosomen Falten", "cosmetic/skin-rejuvenation/")],
    "ko": [("탈모 엑소좀", "cosmetic/hair-growth/"), ("FDA 승인", "practical/safety/"),
           ("비용", "practical/cost-and-availability/"), ("여드름 흉터", "cosmetic/acne/"),
           ("무릎 관절염", "medical/osteoarthritis/"), ("안전", "practical/safety/"),
           ("엑소좀이란", "basics/what-are-exosomes/"), ("심근경색", "medical/heart-attack-repair/"),
           ("주름", "cosmetic/skin-rejuvenation/"), ("암", "medical/cancer/"),
           ("엑소좀 주름", "cosmetic/skin-rejuvenation/")],
    "ar": [("تساقط الشعر", "cosmetic/hair-growth/"), ("موافقة إدارة الغذاء والدواء", "practical/safety/"),
           ("السعر", "practical/cost-and-availability/"), ("ندبات حب الشباب", "cosmetic/acne/"),
           ("خشونة المفاصل", "medical/osteoarthritis/"), ("الآثار الجانبية", "practical/safety/"),
           ("النوبة القلبية", "medical/heart-attack-repair/"), ("الكلى", "medical/kidney-disease/"),
           ("التجاعيد", "cosmetic/skin-rejuvenation/"), ("السرطان", "medical/cancer/"),
           ("الإكسوسومات التجاعيد", "cosmetic/skin-rejuvenation/")],
}


def test_reader_queries_cover_the_languages_of_the_site():
    """Ten queries for each language written when the test was; a language added later (with
    `make new-language`) is searched by test_search_box_finds_pages_in_the_readers_language."""
    assert {"en", "es", "fr", "de", "ko", "ar"} <= set(READER_QUERIES)
    assert all(len(queries) >= 10 for queries in READER_QUERIES.values())


@pytest.mark.slow
@pytest.mark.parametrize("lang", [lang for lang in sorted(READER_QUERIES) if lang in LANGS])
def test_reader_queries_find_the_right_page_first(lang):
    queries = READER_QUERIES[lang]
    found = search_in_browser(lang, [query for query, _ in queries])
    def right(query: str, pages: str | tuple[str, ...]) -> bool:
        first = found[query][0].split("#")[0] if found[query] else None
        return first in {f"{lang_prefix(lang)}{page}" for page in ((pages,) if isinstance(pages, str) else pages)}

    wrong = {query: (found[query][:1] or ["nothing"])[0] for query, pages in queries if not right(query, pages)}
    assert not wrong, f"{lang}: the first result is not the right page: {wrong}"


# (language, a query with one of the language's stop words, that stop word): Material adds "*" to
# every word, so the stop word matched and highlighted every word it starts ("for*": "forming")
STOP_WORD_PROBES = [("en", "exosomes for hair loss", "for"), ("es", "artrosis de la rodilla", "de"),
                    ("fr", "exosomes pour les rides", "pour")]


@pytest.mark.slow
@pytest.mark.parametrize("lang,query,stop", STOP_WORD_PROBES, ids=[p[0] for p in STOP_WORD_PROBES])
def test_a_stop_word_does_not_match_the_words_it_starts(lang, query, stop):
    words = {w.strip(".,;:!?()«»\"'") for d in index_of(lang)["docs"] for w in (d["title"] + " " + d["text"]).lower().split()}
    assert [w for w in words if w.startswith(stop) and w != stop], f"no word starts with '{stop}': the test lost its subject"
    marks = search_in_browser(lang, [query], read="marks")[query]
    assert marks, f"{lang}: '{query}' highlights nothing"
    assert not [m for m in marks if m.strip().startswith(stop)], f"{lang}: '{stop}' matched words it starts: {marks}"


# queries with the language's common word (search_common): the pages found keep the whole query's
# matches, each highlighted once
HIGHLIGHT_PROBES = [("en", "exosomes for hair loss"), ("es", "exosomas arrugas"), ("ar", "الإكسوسومات التجاعيد")]


@pytest.mark.slow
@pytest.mark.parametrize("lang,query", HIGHLIGHT_PROBES, ids=[p[0] for p in HIGHLIGHT_PROBES])
def test_each_highlight_is_a_word_of_the_page(lang, query):
    """A match highlighted twice put Material's second <mark> inside the first: readers saw "k>hair"."""
    marks = search_in_browser(lang, [query], read="marks")[query]
    assert marks, f"{lang}: '{query}' highlights nothing"
    assert not [m for m in marks if "<" in m or ">" in m], f"{lang}: broken highlights: {marks[:5]}"
    assert any(m.strip() for m in marks)


@pytest.mark.slow
def test_search_index_and_worker_load_only_when_search_is_used():
    """A first visit does not fetch the search index or start the search worker (most of its
    bytes); reaching for the search box loads both and search works."""
    require_chromium()
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright
    from tools.linkcheck import serve, site_prefix

    server, base = serve(SITE, site_prefix(SITE))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(f"{base}cosmetic/hair-growth/", wait_until="networkidle")
            page.wait_for_timeout(1000)
            searchy = [u for u in requested if "search_index.json" in u or "/workers/search." in u]
            assert not searchy, f"fetched before the reader used search: {searchy}"
            page.click("label[for='__search']")  # the search icon of the phone header
            page.fill("input[data-md-component='search-query']", probe("en"))
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            assert any("search_index.json" in u for u in requested)
            assert any("/workers/search." in u for u in requested)
            browser.close()
    finally:
        server.shutdown()
