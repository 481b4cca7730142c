"""Printed handouts, measured in Chromium's print-to-PDF (the text read back with pypdf): an English,
an Arabic and a Korean claim page print on a few pages without the site's navigation, search,
switchers or footer; with their badges' words, review dates, every source identifier, and the QR code
of the page's permanent link (decoded from the printed code by zbarimg); black on white in the dark
palette too; no question heading left at the foot of a page without its answer. On screen the QR
code is hidden and the "Print this page" button opens the print dialog (it stays hidden without
script)."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SITE, page_url, project, soup

# (language, page): a page with DOIs and PubMed ids, a long page, a page with an NCT number
PRINTED = [("en", "medical/osteoarthritis.md"), ("ar", "cosmetic/acne.md"), ("ko", "medical/cancer.md")]
MAX_PAGES = 10  # a claim page is a handout of a few sheets, not a booklet
FONTS = {"ko": "fonts-noto-cjk", "ar": "fonts-noto-core"}  # Debian packages .ci/run installs


def _site_url() -> str:
    """site_url of mkdocs.yml (SITE_URL unset, as in `make build`), read here independently."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', text, re.M)
    assert default, "site_url of mkdocs.yml not found"
    return default.group(1)


def permanent_link(lang: str, rel: str) -> str:
    return _site_url() + page_url(lang, rel).removesuffix("index.html")


def _plain(text: str) -> str:
    """NFKC (Arabic presentation forms, as pypdf reads them, become letters) without combining marks."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")


def squeeze(text: str) -> str:
    """Text without any whitespace, in plain letters: line wrapping and pypdf's spacing vary."""
    return re.sub(r"\s+", "", _plain(text))


def words_present(words: str, text: str) -> bool:
    """Every word of `words` in the printed text. pypdf reads some right-to-left runs of an
    Arabic PDF in visual order (a bold word comes out reversed or rotated), so a word whose
    letters are those of a printed word counts too."""
    flat = squeeze(text)
    printed = {"".join(sorted(token)) for token in _plain(text).split()}
    return all(word in flat or "".join(sorted(word)) in printed for word in _plain(words).split())


def heading_text(heading) -> str:
    """A heading's words without its permalink sign (hidden in print)."""
    heading = copy.copy(heading)
    for link in heading.select(".headerlink"):
        link.decompose()
    return heading.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def browser(site_browser):
    """(browser, base URL): the shared headless Chromium of conftest.py."""
    return site_browser


@pytest.fixture(scope="module")
def printed(browser):
    """(lang, rel) -> the pages' text of its PDF, printed once."""
    from pypdf import PdfReader

    launched, base = browser
    done: dict[tuple[str, str], list[str]] = {}

    def pdf_text(lang: str, rel: str) -> list[str]:
        if (lang, rel) not in done:
            page = launched.new_page()
            try:
                page.goto(base + page_url(lang, rel).removesuffix("index.html"), wait_until="networkidle")
                reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
                done[(lang, rel)] = [p.extract_text() or "" for p in reader.pages]
            finally:
                page.close()
        return done[(lang, rel)]
    return pdf_text


def test_fonts_for_korean_and_arabic_are_installed():
    """Without them Chromium prints boxes for Korean or Arabic: fail, naming the package."""
    fc_list = shutil.which("fc-list")
    assert fc_list, "fc-list is missing: apt-get install fontconfig"
    for lang, package in FONTS.items():
        found = subprocess.run([fc_list, f":lang={lang}", "family"], capture_output=True, text=True).stdout
        assert found.strip(), f"no font for '{lang}': apt-get install {package} (.ci/run installs it)"


@pytest.mark.parametrize("lang,rel", PRINTED, ids=[f"{l}:{r}" for l, r in PRINTED])
def test_a_claim_page_prints_as_a_handout(printed, lang, rel):
    from scripts.render import format_date, label_name
    from scripts.verdicts import grade_of, verdict_name

    p = project()
    ui, english = p.ui_strings(lang), p.english(rel)
    pages = printed(lang, rel)
    text = "\n".join(pages)
    flat = squeeze(text)
    assert 1 <= len(pages) <= MAX_PAGES, f"{len(pages)} pages"
    for number, page_text in enumerate(pages[:-1], 1):
        assert len(squeeze(page_text)) > 300, f"page {number} is nearly empty: {page_text[:200]!r}"
    html = soup(page_url(lang, rel))
    assert words_present(heading_text(html.select_one("article h1")), text), "no title"
    # badges: the verdict and the strength in words, for every question
    for question in english.questions:
        grade = grade_of(p, english.claims[question.id])
        if not grade.practical:
            for name in (verdict_name(p, grade.verdict, lang), label_name(p, grade.strength, lang)):
                assert words_present(name, text), f"{question.id}: badge word {name!r} not printed"
    # review dates
    for day in (english.reviewed, english.review_due):
        assert words_present(format_date(day, lang), text), f"review date {day} not printed"
    # every source with its identifiers as text
    sources = {key for claim in english.claims.values() for key in claim.sources}
    assert sources
    for key in sorted(sources):
        entry = p.sources.data[key]
        shown = [f"doi:{entry['doi']}" if entry.get("doi") else "",
                 f"PubMed {entry['pmid']}" if entry.get("pmid") else "",
                 f"ClinicalTrials.gov {entry['nct']}" if entry.get("nct") else "", entry.get("url") or ""]
        for identifier in filter(None, shown):
            assert squeeze(str(identifier)) in flat, f"{key}: {identifier} not printed"
    # the QR code's caption: the permanent link in full
    assert words_present(ui["print_qr"], text)
    assert squeeze(permanent_link(lang, rel)) in flat


@pytest.mark.parametrize("lang,rel", PRINTED, ids=[f"{l}:{r}" for l, r in PRINTED])
def test_the_print_leaves_out_navigation_search_switchers_and_footer(printed, lang, rel):
    """Words the screen shows around the page (read from the built page, so the test can fail)
    must not be on paper; words that the answer text itself also has are not telling."""
    html = soup(page_url(lang, rel))
    article = copy.copy(html.select_one("article"))
    for screen_only in article.select(".handout-print"):
        screen_only.decompose()
    article = squeeze(article.get_text(" "))
    chrome = {
        "language switcher": [a.get_text(" ", strip=True) for a in html.select(".md-header .md-select__link")
                              if a.get("hreflang") != lang],
        "search": [html.select_one(".md-search__input")["placeholder"]],
        "palette switch": [label["title"] for label in html.select("label.md-header__button[title]")],
        "print button": [html.select_one(".handout-print__button").get_text(" ", strip=True)],
        "footer": [a.get_text(" ", strip=True) for a in html.select(".md-footer__link, .md-copyright")],
        "navigation": [a.get_text(" ", strip=True) for a in html.select(".md-sidebar--primary .md-nav__link")],
    }
    flat = squeeze("\n".join(printed(lang, rel)))
    for what, texts in chrome.items():
        telling = [words for words in texts if len(squeeze(words)) >= 2 and squeeze(words) not in article]
        assert telling, f"no {what} words on the page to compare with: {texts}"
        for words in telling:
            assert squeeze(words) not in flat, f"{what} printed: {words!r}"


def _print_view(browser, lang: str, rel: str, **options):
    launched, base = browser
    page = launched.new_page(**options)
    page.goto(base + page_url(lang, rel).removesuffix("index.html"), wait_until="networkidle")
    return page


@pytest.mark.parametrize("lang,rel", PRINTED, ids=[f"{l}:{r}" for l, r in PRINTED])
def test_the_printed_qr_code_scans_to_the_pages_permanent_link(browser, tmp_path, lang, rel):
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg is missing: apt-get install zbar-tools (.ci/run installs it)"
    page = _print_view(browser, lang, rel, device_scale_factor=2)
    try:
        canonical = page.eval_on_selector('link[rel="canonical"]', "e => e.href")
        assert canonical == permanent_link(lang, rel)
        assert page.locator(".handout-qr__code").bounding_box() is None, "the QR code shows on screen"
        page.emulate_media(media="print")
        code = page.locator(".handout-qr__code")
        box = code.bounding_box()
        assert box and box["width"] >= 80 and abs(box["width"] - box["height"]) < 1, box
        image = tmp_path / "qr.png"
        code.screenshot(path=str(image))
        decoded = subprocess.run([zbarimg, "--raw", "-q", str(image)], capture_output=True, text=True)
        assert decoded.stdout.strip() == canonical, (decoded.stdout, decoded.stderr)
    finally:
        page.close()


def test_a_qr_code_of_another_address_is_told_apart(browser, tmp_path):
    """The decoding check can fail: a page whose QR code is swapped for another page's."""
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg is missing: apt-get install zbar-tools (.ci/run installs it)"
    (lang, rel), (other_lang, other_rel) = PRINTED[0], PRINTED[1]
    page = _print_view(browser, lang, rel, device_scale_factor=2)
    try:
        other = (SITE / page_url(other_lang, other_rel)).read_text(encoding="utf-8")
        path = re.search(r'class="handout-qr__code"[^>]*><path d="([^"]+)"', other).group(1)
        page.eval_on_selector(".handout-qr__code path", "(e, d) => e.setAttribute('d', d)", path)
        page.emulate_media(media="print")
        image = tmp_path / "qr.png"
        page.locator(".handout-qr__code").screenshot(path=str(image))
        decoded = subprocess.run([zbarimg, "--raw", "-q", str(image)], capture_output=True, text=True).stdout.strip()
        assert decoded == permanent_link(other_lang, other_rel) != permanent_link(lang, rel)
    finally:
        page.close()


def test_the_dark_palette_prints_black_on_white(browser):
    lang, rel = PRINTED[0]
    page = _print_view(browser, lang, rel, color_scheme="dark")
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.emulate_media(media="print", color_scheme="dark")
        page.wait_for_timeout(400)  # the theme's colour transitions (125 ms) end
        colours = page.evaluate("""() => {
          const css = s => getComputedStyle(document.querySelector(s));
          return {text: css('article p').color, heading: css('article h2').color,
                  badge: css('article .evidence-badge').color, badgeBg: css('article .evidence-badge').backgroundColor,
                  border: css('article .evidence-badge').borderTopColor, page: css('body').backgroundColor};
        }""")
        assert colours == {"text": "rgb(0, 0, 0)", "heading": "rgb(0, 0, 0)", "badge": "rgb(0, 0, 0)",
                           "badgeBg": "rgb(255, 255, 255)", "border": "rgb(0, 0, 0)",
                           "page": "rgb(255, 255, 255)"}, colours
    finally:
        page.close()


def _heading_pages(pages: list[str], heading: str, after: str) -> list[int]:
    """Printed pages that hold a question heading together with the start of its badge."""
    joined = squeeze(heading) + squeeze(after)[:12]
    return [n for n, text in enumerate(pages, 1) if joined in squeeze(text)]


def english_claim_pages() -> list[str]:
    p = project()
    return [rel for rel, page in sorted(p.pages[p.default_language].items()) if page.readable and not page.is_info]


def test_no_question_heading_is_printed_apart_from_its_answer(printed):
    """Every English claim page: each question heading and its badge are on one printed page."""
    for rel in english_claim_pages():
        pages = printed("en", rel)
        html = soup(page_url("en", rel))
        for heading in html.select("article h2[id]"):
            badge = heading.find_next_sibling()
            if heading["id"] == "sources" or "question-evidence" not in badge.get("class", []):
                continue
            title, answer = heading_text(heading), badge.get_text(" ", strip=True)
            assert _heading_pages(pages, title, answer), f"{rel}#{heading['id']}: heading printed apart from its answer"


def test_a_heading_at_the_foot_of_a_page_is_told_apart(browser):
    """The check above can fail: a question whose heading just fits at the foot of a page prints
    apart from its answer without the site's print styles, and together with them."""
    from pypdf import PdfReader

    launched, base = browser
    results = {}
    for styles in ("", f'<link rel="stylesheet" href="{base}assets/site.css">'):
        page = launched.new_page()
        try:
            page.set_content(f"""<!doctype html><html lang="en"><head>{styles}<style>@page {{ margin: 14mm 15mm }}
              </style></head><body><article class="md-content__inner md-typeset"><div id="spacer" style="height: 10mm"></div>
              <h2>Does it work at the foot of the page?</h2>
              <p class="question-evidence"><a class="evidence-badge">Verdict: Not proven</a></p>
              <p>{"The answer. " * 40}</p></article></body></html>""", wait_until="load")
            page.emulate_media(media="print")
            # the spacer leaves room for the heading and half a millimetre: not for the badge too
            page.evaluate("""() => {
              const mm = 96 / 25.4, spacer = document.getElementById('spacer');
              const below = document.querySelector('h2').getBoundingClientRect().bottom
                            - spacer.getBoundingClientRect().bottom;
              spacer.style.height = ((297 - 28 - .5) * mm - spacer.getBoundingClientRect().top - below) + 'px';
            }""")
            page.emulate_media(media=None)
            pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
        finally:
            page.close()
        results[bool(styles)] = _heading_pages(pages, "Does it work at the foot of the page?", "Verdict: Not proven")
    assert results == {False: [], True: [2]}, results


def test_print_button_opens_the_print_dialog_and_hides_without_script(browser):
    lang, rel = PRINTED[2]
    ui = project().ui_strings(lang)
    page = _print_view(browser, lang, rel)
    try:
        button = page.get_by_role("button", name=ui["print_page"])
        assert button.is_visible()
        page.evaluate("window.print = () => { window.__printed = true }")
        button.click()
        assert page.evaluate("window.__printed") is True
        page.emulate_media(media="print")
        assert not button.is_visible(), "the button is printed"
    finally:
        page.close()
    launched, _ = browser
    context = launched.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(browser[1] + page_url(lang, rel).removesuffix("index.html"))
        assert page.locator(".handout-print__button").count() == 1
        assert not page.locator(".handout-print__button").is_visible(), "a button that cannot work shows without script"
    finally:
        context.close()
