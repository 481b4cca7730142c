"""Small, targeted fixes to the HTML the theme writes, applied after each page is rendered,
instead of copying whole Material templates (which would drift on every upgrade).

Each fix is one row: (why, pattern, replacement). The audit (`make audit`: vnu + axe) proves them.
"""

from __future__ import annotations

import html
import re

from .urls import lang_prefix

FIXES: list[tuple[str, re.Pattern[str], str]] = [
    ("vnu: autocomplete is not allowed on a checkbox",
     re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"'), r"\1"),
    ("vnu: tabindex must be an integer, Material writes an empty one on nav section labels",
     re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""'), r"\1"),
]
SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
HTML_LANG = re.compile(r'<html lang="[^"]*"')


def fix_theme_html(output: str, search_label: str, lang: str) -> str:
    for _, pattern, replacement in FIXES:
        output = pattern.sub(replacement, output)
    # Material writes its own translation's code (pt for pt-BR): the page is in the configured language
    output = HTML_LANG.sub(f'<html lang="{html.escape(lang)}"', output, count=1)
    # axe aria-dialog-name: the search dialog needs an accessible name
    return SEARCH_DIALOG.sub(
        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{html.escape(search_label)}">',
        output, count=1)


def fix_not_found_page(output: str, site_path: str, languages: list[str], default: str) -> str:
    """404.html is served at any address: it has no translations of its own, so drop its hreflang
    alternates and point the language switcher at each language's home page (the theme leaves
    them pointing at whichever page was rendered last)."""
    output = re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">', "", output)
    for lang in languages:
        home = site_path + lang_prefix(lang, default)
        output = re.sub(rf'<a href="[^"]*" hreflang="{re.escape(lang)}" class="md-select__link">',
                        f'<a href="{home}" hreflang="{lang}" class="md-select__link">', output)
    return output
