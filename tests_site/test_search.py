"""Search per language: each language has its own index holding only its pages, with lunr's
stemmer for that language, and the pages of a language search it (tested in Chromium)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SITE, lang_prefix, project
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


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_search_box_finds_pages_in_the_readers_language(lang):
    assert Path(CHROMIUM).exists(), f"needs Debian's Chromium at {CHROMIUM} (apt-get install -y chromium; .ci/run does)"
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright
    from tools.linkcheck import serve, site_prefix

    server, base = serve(SITE, site_prefix(SITE))
    prefix = lang_prefix(lang)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}{prefix}", wait_until="networkidle")
            page.click("input[data-md-component='search-query']")
            page.fill("input[data-md-component='search-query']", probe(lang))
            page.keyboard.press("End")  # Material listens for key events; fill() alone sends none
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
            browser.close()
    finally:
        server.shutdown()
    assert links
    for link in links:
        path = link.split(base, 1)[-1]
        first = path.split("/")[0]
        if lang == project().default_language:
            assert first not in LANGS, link
        else:
            assert path.startswith(f"{lang}/"), link
