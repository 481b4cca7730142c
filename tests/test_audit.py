"""tools/audit.py, the browser gate (`make audit`): it must FAIL on bad HTML and PASS on good HTML.

A tiny site is built in a temp folder and audited once (one browser, one vnu run) for the whole
module; each test reads its page's findings. Needs Debian's Chromium, the pinned npm packages
(installed here with `npm ci` when missing) and Java for vnu; .ci/run installs all of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tools import audit

GOOD = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<style>body{{color:#1f2328;background:#fff;font:16px/1.5 sans-serif}}{css}</style></head>
<body{body_attrs}>
<main>
<h1>{title}</h1>
<p>Plain text that meets the contrast rules.</p>
{extra}
</main>
</body>
</html>
"""
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="

PAGES = {
    # clean pages: no finding at all
    "index.html": dict(title="Good page"),
    "ar/index.html": dict(title="صفحة جيدة", lang="ar", dir="rtl", body_attrs=' dir="rtl"'),
    "embed/card/index.html": dict(title="Good card", css="@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}}"),
    # an <img> without alt, a script from another origin, a missing stylesheet of the site itself
    "bad/index.html": dict(title="Bad page", extra=f'<img src="{PIXEL}">\n<script src="https://example.com/x.js"></script>\n'
                                                   '<link rel="stylesheet" href="/exosome-faq/missing.css">'),
    # fine in the light palette, grey on black in the dark one
    "dark/index.html": dict(title="Dark page", css="@media (prefers-color-scheme:dark){body{color:#333;background:#000}}"),
    # Material's way: the palette input switches data-md-color-scheme on body
    "slate/index.html": dict(
        title="Slate page", body_attrs=' data-md-color-scheme="default"',
        css='[data-md-color-scheme="slate"]{color:#444;background:#000}',
        extra='<form><input class="md-option" data-md-color-scheme="slate" type="radio" name="p" aria-label="Dark">'
              '</form>\n<script>document.querySelector(".md-option").addEventListener("change", e =>'
              ' document.body.setAttribute("data-md-color-scheme", e.target.getAttribute("data-md-color-scheme")))</script>'),
    # a Content-Security-Policy that forbids the page's own inline script: a violation
    "csp/index.html": dict(title="CSP page", extra='<script>document.title = "ran";</script>',
                           css="", body_attrs=""),
    # Arabic page that is laid out left-to-right
    "ar/ltr/index.html": dict(title="صفحة", lang="ar", dir="ltr"),
}
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.github.io/exosome-faq/</loc></url></urlset>
"""


def page_html(spec: dict) -> str:
    values = dict(lang="en", dir="ltr", css="", extra="", body_attrs="")
    values.update(spec)
    return GOOD.format(**values)


def node_tools_or_fail() -> None:
    """A missing tool fails the test loudly, naming the tool (never a silent skip)."""
    if not audit.CHROMIUM.is_file():
        pytest.fail(f"needs Debian's Chromium at {audit.CHROMIUM} (apt-get install -y chromium; .ci/run does)")
    if not audit.AXE_JS.is_file() and not shutil.which("npm"):
        pytest.fail("needs npm to install the pinned axe-core (apt-get install -y nodejs npm; .ci/run does)")
    audit.ensure_node_tools()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("built") / "site"
    for rel, spec in PAGES.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        text = page_html(spec)
        if rel == "csp/index.html":
            text = text.replace('<meta charset="utf-8">', '<meta charset="utf-8">'
                                '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">')
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def browser_results(site, tmp_path_factory) -> dict[str, audit.PageResult]:
    node_tools_or_fail()
    shot = tmp_path_factory.mktemp("shots") / "ar-page.png"
    options = audit.Options(screenshot=shot)
    results = audit.browser_audit(site, audit.html_files(site), options, workers=1)
    by_rel = {r.rel: r for r in results}
    by_rel["__screenshot__"] = shot
    return by_rel


@pytest.fixture(scope="module")
def vnu_lines(site) -> list[str]:
    node_tools_or_fail()
    if not shutil.which("java"):
        pytest.fail("needs Java for vnu.jar (apt-get install -y default-jre-headless; .ci/run does)")
    return audit.vnu_check(audit.html_files(site), site)


def rules(result: audit.PageResult) -> list[str]:
    return [line.split(": ")[1] for line in result.problems]


# --- the browser checks ---------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("rel", ["index.html", "ar/index.html", "embed/card/index.html"])
def test_good_pages_pass(browser_results, rel):
    assert browser_results[rel].problems == []
    assert browser_results[rel].requests  # the load was logged


@pytest.mark.slow
@pytest.mark.rule("csp-violation")
def test_csp_violation_fails(browser_results):
    problems = browser_results["csp/index.html"].problems
    assert rules(browser_results["csp/index.html"]) == ["csp-violation"], problems
    assert "script-src" in problems[0] and "inline" in problems[0]


@pytest.mark.slow
@pytest.mark.rule("axe-*")
def test_img_without_alt_fails(browser_results):
    problems = browser_results["bad/index.html"].problems
    assert "site/bad/index.html: axe-image-alt: Images must have alternative text (1 nodes)" in problems


@pytest.mark.slow
@pytest.mark.rule("offsite-request")
def test_off_origin_request_fails(browser_results):
    problems = browser_results["bad/index.html"].problems
    assert "site/bad/index.html: offsite-request: https://example.com/x.js" in problems


@pytest.mark.slow
@pytest.mark.rule("request-failed")
def test_missing_asset_fails(browser_results):
    assert any(p.startswith("site/bad/index.html: request-failed: http://127.0.0.1:") and "missing.css answered 404" in p
               for p in browser_results["bad/index.html"].problems)


@pytest.mark.slow
def test_site_served_under_the_path_of_site_url(browser_results):
    assert all("/exosome-faq/" in url for url in browser_results["index.html"].requests)


@pytest.mark.slow
def test_dark_contrast_fails_only_in_the_dark(browser_results):
    problems = browser_results["dark/index.html"].problems
    assert len(problems) == 1 and "axe-color-contrast" in problems[0] and "[dark palette]" in problems[0]


@pytest.mark.slow
def test_dark_pass_uses_materials_palette_input(browser_results):
    problems = browser_results["slate/index.html"].problems
    assert len(problems) == 1 and "axe-color-contrast" in problems[0] and "[dark palette]" in problems[0]


@pytest.mark.slow
@pytest.mark.rule("rtl-dir", "rtl-direction")
def test_arabic_page_laid_out_ltr_fails(browser_results):
    assert sorted(rules(browser_results["ar/ltr/index.html"])) == ["rtl-dir", "rtl-direction"]


@pytest.mark.slow
def test_screenshot_of_an_arabic_page(browser_results):
    shot = browser_results["__screenshot__"]
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_run_exits_non_zero_on_bad_html_and_zero_on_good(site, tmp_path, capsys):
    node_tools_or_fail()
    options = audit.Options(screenshot=None)
    assert audit.run(site, options, vnu=False, only="bad/*", workers=1) == 1
    assert "axe-image-alt" in capsys.readouterr().out
    assert audit.run(site, options, vnu=False, only="embed/*", workers=1) == 0


# --- Nu HTML Checker ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.rule("vnu")
def test_vnu_flags_bad_html_only(vnu_lines):
    assert any(line.startswith("site/bad/index.html:") and ": vnu: " in line and "alt" in line for line in vnu_lines)
    assert not [line for line in vnu_lines if not line.startswith("site/bad/index.html:")]


# --- pure helpers (no browser) --------------------------------------------------------------

def test_page_url():
    base = "http://127.0.0.1:1/exosome-faq/"
    assert audit.page_url(base, "index.html") == base
    assert audit.page_url(base, "ar/medical/index.html") == base + "ar/medical/"
    assert audit.page_url(base, "404.html") == base + "404.html"


def test_offsite_requests():
    own = {"http://127.0.0.1:8000", "https://example.github.io"}
    urls = ["http://127.0.0.1:8000/a.css", "https://example.github.io/exosome-faq/sitemap.xml",
            "https://api.github.com/repos/x", "data:image/png;base64,AA", "http://127.0.0.1:9/x"]
    assert audit.offsite_requests(urls, own) == ["https://api.github.com/repos/x", "http://127.0.0.1:9/x"]


def test_language_of():
    assert audit.language_of("ar/index.html") == "ar"
    assert audit.language_of("zh-Hant/x/index.html", ["en", "zh-Hant"]) == "zh-Hant"
    assert audit.language_of("pt-br/x/index.html") is None  # not a configured language
    assert audit.RTL_LANGUAGES == ("ar",)  # from mkdocs.yml
    assert audit.language_of("index.html") is None
    assert audit.language_of("medical/cancer/index.html") is None


@pytest.mark.rule("vnu-*")
def test_vnu_output_parsed(tmp_path):
    folder = tmp_path / "site"
    (folder / "a").mkdir(parents=True)
    page = folder / "a" / "index.html"
    output = json.dumps({"messages": [
        {"type": "error", "url": page.as_uri(), "lastLine": 7, "message": "Bad value “” for attribute “tabindex”."},
        {"type": "info", "subType": "warning", "url": page.as_uri(), "message": "just a warning"},
        {"type": "non-document-error", "url": page.as_uri(), "message": "IO error"},
    ]})
    assert audit.vnu_problems(output, folder) == [
        "site/a/index.html:7: vnu: Bad value “” for attribute “tabindex”.",
        "site/a/index.html: vnu-non-document-error: IO error",
    ]
    assert audit.vnu_problems("not json", folder, "boom", 2)[0].startswith("site: vnu: could not read vnu output")


# --- one page, with a stand-in for the browser page ----------------------------------------

class FakeResponse:
    def __init__(self, status):
        self.status = status


class FakePage:
    """What audit_page asks of a Playwright page: a load with a status, axe (no violations), and
    the body's colour scheme after the switch to the dark palette."""

    def __init__(self, status=200, scheme_after_dark="slate", error=None):
        self.status, self.scheme_after_dark, self.error = status, scheme_after_dark, error

    def goto(self, url, **kwargs):
        if self.error:
            raise self.error
        return FakeResponse(self.status)

    def emulate_media(self, **kwargs):
        pass

    def evaluate(self, script, arg=None):
        if script == audit.DARK_JS:
            return self.scheme_after_dark
        if script == audit.AXE_RUN_JS or "__cspViolations" in script:
            return []
        return True  # typeof window.axe !== 'undefined'


def fake_audit(page):
    tab = audit.Tab(page=page, local="http://127.0.0.1:1", own={"http://127.0.0.1:1"})
    return audit.audit_page(tab, "http://127.0.0.1:1/x/", "x/index.html", "site/x/index.html", audit.Options())


def test_fake_page_with_a_working_palette_passes():
    assert fake_audit(FakePage()).problems == []


@pytest.mark.rule("dark-palette")
def test_palette_that_does_not_switch_fails():
    assert fake_audit(FakePage(scheme_after_dark="default")).problems == [
        "site/x/index.html: dark-palette: could not switch to the slate palette"]


@pytest.mark.rule("page-load")
def test_page_that_does_not_load_fails():
    assert fake_audit(FakePage(status=404)).problems == [
        "site/x/index.html: page-load: http://127.0.0.1:1/x/ answered 404"]
    assert fake_audit(FakePage(error=TimeoutError("slow\nmore"))).problems == [
        "site/x/index.html: page-load: TimeoutError: slow"]


@pytest.mark.rule("missing-tool", "built-site-missing")
def test_missing_tool_and_missing_site_fail(tmp_path, monkeypatch, capsys):
    options = audit.Options(screenshot=None)
    assert audit.run(tmp_path, options) == 1
    assert f"{tmp_path}/index.html: built-site-missing: no built site" in capsys.readouterr().out
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    monkeypatch.setattr(audit, "CHROMIUM", tmp_path / "no-chromium")
    assert audit.run(tmp_path, options) == 1
    assert f"audit: missing-tool: {tmp_path}/no-chromium (apt-get install -y chromium)" in capsys.readouterr().out
