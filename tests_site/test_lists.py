"""What the browser receives: no list item of any page, in any language, is shown as plain text
(a "- " at the start of a line inside a paragraph). The checker's rule list-as-text catches the
Markdown that causes it; this test looks at the built HTML itself."""

from __future__ import annotations

import re

from conftest import SITE, soup

BULLET_AS_TEXT = re.compile(r"(^|\n)[ \t]*[-*+][ \t]+\S")


def test_no_list_item_is_shown_as_text():
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("index.html") if "/embed/" not in p.as_posix())
    assert len(pages) > 100
    found = []
    for rel in pages:
        article = soup(rel).select_one("article.md-content__inner")
        for paragraph in article.find_all("p") if article else []:
            if BULLET_AS_TEXT.search(paragraph.get_text()):
                found.append(f"{rel}: {paragraph.get_text()[:80]!r}")
    assert found == []
