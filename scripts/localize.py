"""The theme's own words in the reader's language.

Material and MkDocs take a few reader-facing strings from mkdocs.yml, once for every language:
the palette toggle names, the heading permalink title and the footer credit. Before each
language is built, `localize_theme` sets them from that language's strings in data/ui.yml, so
mkdocs.yml holds no English a reader of another language would see."""

from __future__ import annotations

import html
import re
from typing import Any

# the palette scheme a toggle is shown on -> the ui.yml key naming what the toggle does
TOGGLE_KEYS = {"default": "theme_dark", "slate": "theme_light"}
GENERATOR = ('<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener" '
             'lang="en">Material for MkDocs</a>')


def localize_theme(config: Any, strings: dict[str, Any]) -> None:
    palette = config.theme.get("palette")
    for entry in palette if isinstance(palette, list) else []:
        key = TOGGLE_KEYS.get(entry.get("scheme", "default")) if isinstance(entry, dict) else None
        if key and isinstance(entry.get("toggle"), dict):
            entry["toggle"]["name"] = strings[key]
    toc = config["mdx_configs"].get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = strings["permalink_title"]
    template = html.escape(strings["made_with"])
    config["extra"]["exofaq_made_with"] = template.replace("{tool}", GENERATOR)


BODY_DIR_RE = re.compile(r'<body dir="(rtl|ltr)"')
HTML_TAG_RE = re.compile(r'<html lang="([^"]*)"(?![^>]*\bdir=)')


def html_direction(output: str) -> str:
    """Material writes the direction on <body> only; put it on <html> as well, so the whole
    document (scrollbars, the root's own text) has it and tools reading <html> see it."""
    body = BODY_DIR_RE.search(output)
    if not body:
        return output
    return HTML_TAG_RE.sub(lambda m: f'<html lang="{m.group(1)}" dir="{body.group(1)}"', output, count=1)
