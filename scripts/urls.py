"""URLs of the built site, in one place: where a language and a page live, permalinks, embed
card addresses, and relative links between built pages (all URLs here are relative to the site
root, directory style: "" for the home page, "es/cosmetic/hair-growth/")."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def lang_prefix(lang: str, default: str) -> str:
    """URL folder of a language: the default language lives at the site root."""
    return "" if lang == default else f"{lang}/"


def page_path(rel: str) -> str:
    """URL path of a page inside its language: cosmetic/hair-growth.md -> cosmetic/hair-growth/."""
    stem = rel[:-3]
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def page_url(rel: str, lang: str, default: str) -> str:
    """URL of a page in a language, relative to the site root."""
    return lang_prefix(lang, default) + page_path(rel)


def permalink(rel: str, qid: str | None, lang: str, default: str, site_url: str = "/") -> str:
    """The absolute, permanent address of a page or of one question on it."""
    return f"{site_url.rstrip('/')}/{page_url(rel, lang, default)}" + (f"#{qid}" if qid else "")


def embed_path(lang: str, default: str, rel: str, qid: str) -> str:
    """URL of the embeddable card of one question, relative to the site root."""
    return f"{lang_prefix(lang, default)}embed/{page_path(rel)}{qid}/"


@lru_cache(maxsize=65536)  # a build asks for the same few thousand links on every page of a language
def relative_url(from_url: str, to_url: str, anchor: str = "") -> str:
    """Relative link from the page at `from_url` to the folder URL `to_url` (both relative to
    the site root): "./" for the same folder, always ending in "/" before the #anchor."""
    here = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    link = posixpath.relpath(to_url.rstrip("/") or ".", here.rstrip("/") or ".")
    link = "./" if link == "." else link + "/"
    return link + (f"#{anchor}" if anchor else "")


def resolve_link(from_rel: str, target: str) -> str:
    """The file a relative Markdown link on page `from_rel` points to, inside the language folder:
    ../practical/safety.md from cosmetic/acne.md -> practical/safety.md ("" target: the page itself)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), target)) if target else from_rel
