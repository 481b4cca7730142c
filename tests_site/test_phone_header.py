"""Reading on a 360 px phone in every language (measured in Chromium): the site name is shown
whole (wrapped, not cut off), every entry of the language menu is visible, nothing is wider than
the screen, and Korean breaks lines between words."""

from __future__ import annotations

import pytest

from conftest import ROOT, lang_prefix, project

WIDTH = 360
LANGS = project().languages

SITE_NAME = """() => {
  const e = document.querySelector('.md-header__topic .md-ellipsis');
  const r = e.getBoundingClientRect();
  return {text: e.textContent.trim(), clippedX: e.scrollWidth - e.clientWidth, clippedY: e.scrollHeight - e.clientHeight,
          left: r.left, right: r.right, font: parseFloat(getComputedStyle(e).fontSize)};
}"""
MENU = """() => {
  const inner = document.querySelector('.md-header__option .md-select__inner').getBoundingClientRect();
  return [...document.querySelectorAll('.md-header__option .md-select__link')].map(a => {
    const r = a.getBoundingClientRect();
    return {text: a.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            innerTop: inner.top, innerBottom: inner.bottom, clipped: a.scrollWidth - a.clientWidth};
  });
}"""


@pytest.fixture(scope="module")
def phone(site_browser):
    return site_browser


@pytest.mark.parametrize("lang", LANGS)
def test_site_name_and_language_menu_fit_a_360px_phone(phone, lang):
    browser, base = phone
    page = browser.new_page(viewport={"width": WIDTH, "height": 740})
    try:
        page.goto(f"{base}{lang_prefix(lang)}", wait_until="networkidle")
        name = page.evaluate(SITE_NAME)
        assert name["clippedX"] <= 1 and name["clippedY"] <= 1, f"site name cut off: {name}"
        assert 0 <= name["left"] and name["right"] <= WIDTH and name["font"] >= 12, name
        page.hover(".md-header__option .md-select")
        page.wait_for_timeout(500)
        links = page.evaluate(MENU)
        assert [l["text"] for l in links] == [l.name for l in _languages()], links
        for link in links:
            assert 0 <= link["left"] and link["right"] <= WIDTH, f"off screen: {link}"
            assert link["top"] >= link["innerTop"] - 1 and link["bottom"] <= link["innerBottom"] + 1, \
                f"language menu cuts off {link['text']}: {link}"
            assert link["clipped"] <= 0, link
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    finally:
        page.close()


def _languages():
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [type("Lang", (), {"name": l["name"]}) for l in i18n["languages"]]


class _Loader(__import__("yaml").SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def test_korean_breaks_between_words(phone):
    browser, base = phone
    page = browser.new_page(viewport={"width": WIDTH, "height": 740})
    try:
        page.goto(f"{base}ko/cosmetic/hair-growth/", wait_until="networkidle")
        style = page.evaluate("getComputedStyle(document.querySelector('article p')).wordBreak")
        assert style == "keep-all"
        # every line of every paragraph ends at a space (or the paragraph's end), never inside a word
        broken = page.evaluate("""() => {
          const bad = [];
          for (const p of document.querySelectorAll('article > p')) {
            const text = p.firstChild;
            if (!text || text.nodeType !== 3 || p.childNodes.length !== 1) continue;
            const range = document.createRange();
            let lastTop = null;
            for (let i = 0; i < text.length; i++) {
              range.setStart(text, i); range.setEnd(text, i + 1);
              const top = range.getBoundingClientRect().top;
              if (lastTop !== null && top > lastTop + 2) {
                const before = text.data[i - 1], here = text.data[i];
                if (before !== ' ' && here !== ' ' && /[\\uac00-\\ud7a3]/.test(before) && /[\\uac00-\\ud7a3]/.test(here))
                  bad.push(text.data.slice(Math.max(0, i - 5), i + 5));
              }
              lastTop = top;
            }
          }
          return bad;
        }""")
        assert broken == [], broken
    finally:
        page.close()
