"""What the hook makes of a page before Python-Markdown reads it: its Markdown with badges,
numbered citations, sources, dates, notices, banners and generated lists (scripts/render.py,
scripts/generate.py), the finished HTML hidden from Python-Markdown (scripts/html_stash.py); the
head tags (scripts/publish.py) and the printed handout with its QR code (scripts/handout.py).

It depends only on the loaded project, the page and its Markdown, so the build's worker
(scripts/background.py) works out each language's pages ahead of MkDocs (`expected_pages`), from
the same files MkDocs reads. The hook takes a page from there only when the page MkDocs gives it
is the one the worker expected (same language, file, address and Markdown, character for
character); any other page, or one that has not arrived yet, it works out itself."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import posixpath
from pathlib import Path
from typing import Iterator

from dataclasses import dataclass

from .content import Project
from .generate import generated_content
from .derived_cache import derived_cache, save_all
from .handout import QR_CODE_VERSION, Handout, handout, is_qr_svg, qr_svg
from .html_stash import HtmlStash
from .publish import head_tags
from .render import RenderContext, icon_svg, render_page
from .urls import page_url, permalink

Key = tuple[str, str, str, str, str]   # (language built, page file in the language folder, page URL, file's language, Markdown)
CHUNK = 4                              # pages per message: the first ones are ready before MkDocs asks


@dataclass(frozen=True)
class Made:
    markdown: str            # what Python-Markdown reads
    blocks: dict[str, str]   # the HTML blocks hidden from it (HtmlStash), put back in its output
    head: str                # JSON-LD, Open Graph and Twitter tags (page.meta["exofaq_head"])
    handout: Handout         # the QR figure and print button (page.meta["exofaq_handout"])


def page_markdown(project: Project, lang: str, rel: str, url: str, file_lang: str, markdown: str,
                  today: dt.date, site_url: str, repository: str) -> Made | None:
    """Everything the hook adds to one page, or None for a file that is not a page of the
    project (left as it is)."""
    english = project.english(rel)
    if english is None:
        return None
    translation = project.translation(lang, rel) if file_lang == lang else None
    ctx = RenderContext(project=project, lang=lang, rel=rel, url=url, english=english, translation=translation,
                        today=today, site_root_url=site_url, repository=repository)
    stash = HtmlStash()
    hidden = stash.hide(render_page(markdown, ctx) + generated_content(english.generated, ctx))
    canonical = permalink(rel, None, lang, project.default_language, site_url)
    codes = derived_cache(project.cache, project.root, "qr", QR_CODE_VERSION, is_qr_svg)
    return Made(hidden, stash.blocks, head_tags(project, lang, rel, site_url, canonical),
                handout(project.ui_strings(lang), canonical, icon_svg("printer-outline"),
                        codes.get(canonical, lambda: qr_svg(canonical))))


class Progress:
    """How many pages the build has asked for so far, in memory it shares with its forked worker:
    the worker skips a page the build has already passed (and worked out itself)."""

    def __init__(self) -> None:
        self._asked = multiprocessing.get_context("fork").RawValue("q", 0)

    def asked(self) -> None:
        self._asked.value += 1

    def passed(self, position: int) -> bool:
        return self._asked.value > position

    @property
    def count(self) -> int:
        return self._asked.value


def build_order(rels) -> list[str]:
    """Pages in the order MkDocs renders them: each folder's files (index first, then by name)
    before its subfolders, folders by name (mkdocs.structure.files.get_files)."""
    def key(rel: str) -> tuple:
        folder, name = posixpath.split(rel)
        first = posixpath.splitext(name)[0] not in ("index", "README")
        return (*((1, part) for part in folder.split("/") if part), (0, first, name))
    return sorted(rels, key=key)


def expected_pages(project: Project, lang: str, today: dt.date, site_url: str, repository: str,
                   progress: Progress | None = None, first: int = 0) -> Iterator[dict[Key, Made]]:
    """Every page of one language as the hook would make it, a few at a time (the worker's job).
    A page without a translation is built from the default language's file (mkdocs-static-i18n's
    fallback); the Markdown is read as MkDocs reads it and mkdocs-static-i18n passes it on (lines
    joined again, without the last line break). Should either do more, no page matches and the
    hook works each out itself. `first`: the position of the language's first page in the
    build; a page `progress` has passed is skipped."""
    from mkdocs.utils.meta import get_data

    default = project.default_language
    chunk: dict[Key, Made] = {}
    for position, rel in enumerate(build_order(project.pages.get(default, {})), start=first):
        if progress is not None and progress.passed(position):
            continue
        file_lang = lang if _source(project.root, lang, rel).is_file() else default
        try:
            markdown, _ = get_data(_source(project.root, file_lang, rel).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports it; the hook works the page out itself
        markdown = "\n".join(markdown.splitlines())  # as mkdocs-static-i18n hands it on (its admonition titles)
        url = page_url(rel, lang, default)
        made = page_markdown(project, lang, rel, url, file_lang, markdown, today, site_url, repository)
        if made is not None:
            chunk[(lang, rel, url, file_lang, markdown)] = made
        if len(chunk) == CHUNK:
            yield chunk
            chunk = {}
    if chunk:
        yield chunk
    save_all(project.cache)  # the QR codes and card heights this process worked out, for the next build


def _source(root: Path, lang: str, rel: str) -> Path:
    return root / "docs" / lang / rel
