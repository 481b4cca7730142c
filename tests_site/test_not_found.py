"""404 for everyone: GitHub Pages answers every missing address with the one /404.html. It shows
the reader's language (from the language prefix of the missing address), with the right lang and
dir, says the page was not found, links home and to search; without scripts it lists every
language. Each language also has its own themed 404 page."""

from __future__ import annotations

import functools
import re
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, lang_prefix, project

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LANGS = project().languages


def strings(lang):
    return project().ui_strings(lang)


def direction(lang):
    return "rtl" if lang in project().rtl_languages else "ltr"


def test_shared_404_lists_every_language_with_a_link_home_and_search():
    soup = BeautifulSoup((SITE / "404.html").read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("section.not-found")
    assert [s["lang"] for s in sections] == LANGS
    for section in sections:
        lang = section["lang"]
        assert section["dir"] == direction(lang)
        assert section.h1.get_text(strip=True) == strings(lang)["not_found_title"]
        home = [a["href"] for a in section.select("a") if a.get_text(strip=True) == strings(lang)["not_found_home"]]
        assert home and home[0].endswith("/" + lang_prefix(lang)), (lang, home)
        search = [a["href"] for a in section.select("a") if a.get_text(strip=True) == strings(lang)["not_found_search"]]
        assert search == [home[0] + "?q="], (lang, search)  # a link, not a form: CSP form-action 'none'
    assert not soup.select("form")
    assert "404 - Not found" not in soup.get_text()


@pytest.mark.parametrize("lang", [l for l in LANGS if l != project().default_language])
def test_each_language_has_its_own_404(lang):
    soup = BeautifulSoup((SITE / lang / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == lang and soup.html["dir"] == direction(lang) and soup.body["dir"] == direction(lang)
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == strings(lang)["not_found_title"]
    assert article.select_one(f'a[href$="/{lang}/"]').get_text(strip=True) == strings(lang)["not_found_home"]
    assert article.select_one(f'a[href$="/{lang}/?q="]').get_text(strip=True) == strings(lang)["not_found_search"]
    assert "404 - Not found" not in soup.get_text()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_description = re.search(r"^site_description: (.+)$", config, re.M).group(1).strip()
    assert soup.find("meta", attrs={"name": "description"})["content"] != site_description, \
        "the 404 page describes the site in English (add site_description for the language in mkdocs.yml)"


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: the site under its path, /404.html (status 404) for anything missing."""
    prefix = "/"

    def translate_path(self, path):
        path = "/" + path[len(self.prefix):] if path.startswith(self.prefix) else "/__outside__" + path
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (SITE / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def pages_server():
    sys.path.insert(0, str(ROOT))
    from tools.linkcheck import site_prefix

    prefix = site_prefix(SITE)
    handler = type("H", (PagesHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()


def browser_pages(java_script: bool):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM} (installed by .ci/run)")
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=java_script)
    return manager, browser, context.new_page()


def test_missing_address_shows_the_readers_language(pages_server):
    manager, browser, page = browser_pages(java_script=True)
    try:
        for lang in LANGS:
            response = page.goto(f"{pages_server}{lang_prefix(lang)}no-such/page/", wait_until="load")
            assert response.status == 404
            assert page.evaluate("document.documentElement.lang") == lang
            assert page.evaluate("document.documentElement.dir") == direction(lang)
            visible = page.locator("h1:visible")
            assert visible.count() == 1, lang
            assert visible.inner_text().strip() == strings(lang)["not_found_title"]
            home = page.get_by_role("link", name=strings(lang)["not_found_home"])
            assert home.is_visible()
            home_href = home.get_attribute("href")
            assert home_href.endswith("/" + lang_prefix(lang))
            # nothing wider than the phone screen
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, lang
            assert strings(lang)["not_found_title"] in page.title()
        # the search link leads to that language's home page, where the search box is
        page.goto(f"{pages_server}es/nada/", wait_until="load")
        page.get_by_role("link", name=strings("es")["not_found_search"]).click()
        page.wait_for_load_state("load")
        assert page.url.split("?")[0].endswith("/es/")
    finally:
        browser.close()
        manager.stop()


def test_without_scripts_every_language_is_listed(pages_server):
    manager, browser, page = browser_pages(java_script=False)
    try:
        page.goto(f"{pages_server}ko/missing/", wait_until="load")
        assert page.locator("h1:visible").count() == len(LANGS)
        for lang in LANGS:
            assert page.get_by_role("link", name=strings(lang)["not_found_home"]).first.is_visible()
    finally:
        browser.close()
        manager.stop()
