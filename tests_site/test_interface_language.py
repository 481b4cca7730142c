"""No English where the reader did not ask for it: every built page of every other language is
scanned (text and reader-facing attributes, outside elements marked lang="en") for the English
interface strings the theme and the build are known to write, and Material's Arabic strings are
the corrected ones."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Comment, Doctype

from conftest import SITE, lang_prefix, project

# English strings a reader of another language must never see (theme, build, Markdown extensions)
ENGLISH_INTERFACE = [
    "Switch to dark mode", "Switch to light mode", "Link to this answer", "Made with",
    "404 - Not found", "Page not found", "Not medical advice", "Draft translation", "Read the English page",
    "Evidence:", "Sources", "Reviewed", "next review due", "Skip to content", "Back to top",
    "Table of contents", "Initializing search", "Type to start searching", "Select language", "Copy to clipboard",
    "Main use", "Needs at least one source", "Read the full answer", "Embed code",
]
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Material's own Arabic strings that read wrongly (hamza on an imperative, "one document search results")
ARABIC_WRONG = ["إختر", "إبحث", "نتائج البحث مستند واحد", "عنوان العارضة"]

LANGS = [l for l in project().languages if l != project().default_language]


def pages_of(lang):
    folder = SITE / lang_prefix(lang).rstrip("/")
    return sorted(p for p in folder.rglob("*.html") if not p.relative_to(folder).parts[0] in LANGS)


def english_leaks(html: str, strings: list[str]) -> list[str]:
    """Every place an English interface string shows in text or a reader-facing attribute."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    patterns = [(s, re.compile(rf"(?<![\w]){re.escape(s)}(?![\w])")) for s in strings]
    for element in soup.find_all(True):
        if element.find_parent(attrs={"lang": "en"}) or element.get("lang") == "en":
            continue
        for attr in ATTRIBUTES:
            value = element.get(attr)
            found += [f"<{element.name} {attr}>: {s}" for s, p in patterns if value and p.search(value)]
    for text in soup.find_all(string=True):
        if isinstance(text, (Comment, Doctype)) or text.parent is None or text.parent.name in ("script", "style", "code", "pre"):
            continue
        if text.find_parent(attrs={"lang": "en"}):
            continue
        found += [f"text: {s}" for s, p in patterns if p.search(text)]
    return found


def test_scanner_finds_english_and_ignores_marked_english():
    bad = ('<html lang="es"><body><label title="Switch to dark mode"></label>'
           '<a class="headerlink" title="Link to this answer">¶</a><footer>Made with Material</footer></body></html>')
    assert len(english_leaks(bad, ENGLISH_INTERFACE)) == 3
    good = ('<html lang="es"><body><label title="Cambiar al modo oscuro"></label>'
            '<bdi lang="en">Made with love. Sources of the Nile</bdi><p>Fuentes</p></body></html>')
    assert english_leaks(good, ENGLISH_INTERFACE) == []


def own_words(lang) -> str:
    """The language's own interface strings: an English string that is also a word of the
    language (French "Sources") is not a leak there."""
    def flatten(value):
        return " ".join(flatten(v) for v in value.values()) if isinstance(value, dict) else str(value)
    return flatten(project().ui.data.get(lang, {}))


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_interface_strings(lang):
    strings = [s for s in ENGLISH_INTERFACE if s.rstrip(":") not in own_words(lang)]
    problems = []
    pages = pages_of(lang)
    assert len(pages) >= len(project().pages[project().default_language]), "pages missing"
    for page in pages:
        leaks = english_leaks(page.read_text(encoding="utf-8"), strings)
        problems += [f"{page.relative_to(SITE)}: {leak}" for leak in leaks]
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"


@pytest.mark.parametrize("lang", sorted(project().rtl_languages))
def test_right_to_left_on_html_and_body(lang):
    for page in pages_of(lang):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("dir") == "rtl", page
        if soup.body.get("dir"):
            assert soup.body["dir"] == "rtl", page


def test_arabic_theme_strings_are_the_corrected_ones():
    if "ar" not in project().languages:
        pytest.fail("the site has no Arabic to check")
    problems = []
    for page in pages_of("ar"):
        text = page.read_text(encoding="utf-8")
        problems += [f"{page.relative_to(SITE)}: {w}" for w in ARABIC_WRONG if w in text]
    assert not problems, "\n".join(problems[:20])


def test_arabic_generated_lists_use_no_latin_comma():
    """The evidence scale lists source types: Arabic joins them without a Latin comma."""
    soup = BeautifulSoup((SITE / "ar/evidence-scale/index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.select_one("article").get_text(" ")
    assert not re.search(r"[\u0600-\u06FF]\s*,\s*[\u0600-\u06FF]", text)
    assert " أو " in text


@pytest.mark.parametrize("lang", project().languages)
def test_source_references_are_marked_english_and_isolated(lang):
    p = project()
    rel = "cosmetic/hair-growth.md"
    soup = BeautifulSoup((SITE / lang_prefix(lang) / "cosmetic/hair-growth/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    items = soup.select("ol.source-list li")
    assert items and p.english(rel)
    for item in items:
        ref = item.select_one("bdi.source-ref")
        assert ref is not None and ref.get("lang") == "en" and ref.get("dir") == "ltr", item
        assert ref.select_one("cite"), item
