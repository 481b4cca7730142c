"""Tests over the built site (site/): run after `mkdocs build --strict`."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.content import load_project  # noqa: E402

SITE = ROOT / "site"


@lru_cache(maxsize=None)
def project():
    return load_project(ROOT)


def lang_prefix(lang: str) -> str:
    """Folder of a language in the built site: the default language is at the root.
    (Written out here, not imported from scripts/, so the tests check the build independently.)"""
    return "" if lang == project().default_language else f"{lang}/"


def page_url(lang: str, rel: str) -> str:
    """Built file of a page: en at the root, other languages under /<lang>/."""
    stem = rel[:-3]
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"{lang_prefix(lang)}{stem}index.html"


@lru_cache(maxsize=None)
def soup(rel_html: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / rel_html).read_text(encoding="utf-8"), "html.parser")


def all_pages():
    p = project()
    return [(lang, rel) for lang in p.languages for rel in sorted(p.pages[p.default_language])]


@pytest.fixture(scope="session", autouse=True)
def built_site():
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make build` first")


def require_chromium() -> str:
    """Debian's Chromium for the browser tests: a missing browser fails the test, loudly."""
    import shutil

    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("needs Chromium at /usr/bin/chromium: `apt-get install -y chromium` "
                    "(.ci/run installs it when missing)", pytrace=False)
    return path


@pytest.fixture(scope="module")
def site_browser():
    """Headless Chromium and the built site served as on GitHub Pages: (browser, base URL).
    Per module: Playwright's sync API allows one running instance at a time."""
    from playwright.sync_api import sync_playwright
    from tools.linkcheck import serve, site_prefix

    chromium = require_chromium()
    server, base = serve(SITE, site_prefix(SITE))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            yield browser, base
            browser.close()
    finally:
        server.shutdown()
