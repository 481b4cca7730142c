"""Readable on a 360 px phone, in every language (Chromium): no word of a badge or an overview
table is broken across lines (after a hyphen is fine; Korean words break at spaces only), the page never scrolls sideways (a wide table scrolls inside its
own box, by design), and the For clinics snippets wrap instead of running off the screen."""

from __future__ import annotations

import pytest

from conftest import lang_prefix, project

LANGS = project().languages
PAGES = ("evidence-overview/", "claims-we-checked/", "for-clinics/")
WORDS_IN = ".md-typeset .evidence-badge, .md-typeset table td, .md-typeset table th"

BROKEN_WORDS_JS = """(sel) => {
  const broken = [];
  for (const el of document.querySelectorAll(sel)) {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\u00b7-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return [...new Set(broken)];
}"""
OVERFLOW_JS = """() => ({page: document.scrollingElement.scrollWidth - innerWidth,
  code: [...document.querySelectorAll('pre > code')].filter(c => c.scrollWidth > c.clientWidth + 1).length,
  codes: document.querySelectorAll('pre > code').length})"""


@pytest.fixture(scope="module")
def phone(site_browser):
    browser, base = site_browser
    results = {}
    page = browser.new_page(viewport={"width": 360, "height": 800})
    for lang in LANGS:
        for path in PAGES:
            page.goto(f"{base}{lang_prefix(lang)}{path}")
            results[lang, path] = (page.evaluate(BROKEN_WORDS_JS, WORDS_IN), page.evaluate(OVERFLOW_JS))
    page.close()
    return results


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_word_broken_and_no_sideways_scroll(phone, lang, path):
    broken, overflow = phone[lang, path]
    assert broken == [], f"{lang_prefix(lang)}{path}: words broken across lines at 360 px: {broken[:10]}"
    assert overflow["page"] <= 0, f"{lang_prefix(lang)}{path}: the page scrolls sideways by {overflow['page']} px"
    assert overflow["code"] == 0, f"{lang_prefix(lang)}{path}: {overflow['code']} code block(s) run off the screen"
    if path == "for-clinics/":
        assert overflow["codes"] >= 2 * len(project().pages[project().default_language]) // 2  # snippets present
