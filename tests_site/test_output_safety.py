"""The built site: every HTML file is on the output allowlist and carries its CSP; the CSP
hashes are exactly those of the page's inline scripts (recomputed here independently)."""

from __future__ import annotations

import base64
import hashlib
import re

from bs4 import BeautifulSoup

from conftest import SITE, project
from scripts.output_allowlist import check_site


def test_every_built_file_passes_the_output_allowlist():
    problems = check_site(SITE, project())
    assert [p.format() for p in problems] == []


def _policy(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    return meta["content"]


def test_every_page_has_a_csp_whose_hashes_match_its_inline_scripts():
    files = sorted(SITE.rglob("*.html"))
    assert len(files) > 100
    for file in files:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")  # not the gate's parser
        policy = _policy(soup)
        for directive in ("object-src 'none'", "form-action 'none'"):
            assert directive in policy, file
        inline = [s.string or "" for s in soup.find_all("script")
                  if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")]
        hashes = {f"sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}" for s in inline}
        listed = set(re.findall(r"'(sha256-[^']+)'", policy))
        assert listed == hashes, file
        if soup.select_one("article.md-content__inner"):
            assert "script-src 'self'" in policy and "base-uri 'self'" in policy, file
        elif file == SITE / "404.html":  # the shared 404: only its own language picker, by hash
            assert "default-src 'none'" in policy and len(inline) == 1 and "script-src 'sha256-" in policy, file
            assert "'self'" not in policy.split("script-src", 1)[1], file
        else:  # embed cards, redirect pages: no script at all
            assert "default-src 'none'" in policy and not inline and not soup.find("script"), file


def test_for_clinics_says_what_a_static_host_cannot_set():
    for lang in project().languages:
        prefix = "" if lang == project().default_language else f"{lang}/"
        soup = BeautifulSoup((SITE / prefix / "for-clinics" / "index.html").read_text(encoding="utf-8"), "html.parser")
        section = soup.find(id="security")
        assert section is not None, lang
        text = []
        for sibling in section.find_next_siblings():
            if sibling.name in ("h1", "h2"):
                break  # the section ends at the next heading, however many paragraphs it has
            text.append(sibling.get_text())
        assert "frame-ancestors" in " ".join(text) and "Content-Security-Policy" in " ".join(text), lang
