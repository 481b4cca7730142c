"""Search per language: each language has its own index holding only its pages, with lunr's
stemmer for that language, and the pages of a language search it (tested in Chromium)."""

from __future__ import annotations

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
    assert pages == {page_path(rel) for rel in p.pages[p.default_language]}  # every page, this language's URL
    text = " ".join(d["text"] + d["title"] for d in data["docs"])
    assert probe(lang).lower() in text.lower()


def search_in_browser(lang: str, queries: list[str]) -> dict[str, list[str]]:
    """Type each query into the search box of the language's home page; the result links."""
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
            for query in queries:
                page.click("input[data-md-component='search-query']")
                page.fill("input[data-md-component='search-query']", query)
                page.keyboard.press("End")  # Material listens for key events; fill() alone sends none
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=15000)
                except Exception:
                    found[query] = []
                    continue
                links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
                found[query] = [link.split(base, 1)[-1] for link in links]
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
