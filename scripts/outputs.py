"""Everything written into site/ after MkDocs has built the pages: the per-language search
indexes, the badge colours of site.css, faq.json and the embed cards of every language, the
Atom feeds and the redirect pages of moved pages. HTML and XML come from the Jinja
templates in scripts/templates/."""

from __future__ import annotations

import html
import json
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Iterator
from xml.sax.saxutils import escape as xml_escape, quoteattr

import jinja2

import datetime as dt

from .content import Project, parse_date
from .derived_cache import derived_cache
from .embed_card import CSS as EMBED_CSS, FRAME_HEIGHTS_VERSION, THEMES, card_texts, frame_heights
from .output_allowlist import write_gated
from .parallel import default_helpers, run_all
from .permalinks import page_redirects
from .publish import faq_document
from .render import format_date
from .search_index import split_index
from .styles import card_css, write_site_css
from .urls import embed_path, lang_prefix, page_path, page_url, permalink, relative_url
from .verdicts import kinds, text_in, verdicts

TEMPLATES = Path(__file__).resolve().parent / "templates"

def palette(project: Project) -> dict[str, Any]:
    """Every badge colour in data: strengths (data/evidence.yml), verdicts and kinds (data/verdicts.yml)."""
    return {**project.evidence.data, **verdicts(project), **kinds(project)}


def card_badge(project: Project, lang: str, q: dict[str, Any]) -> str:
    """The same badge as on the page: verdict and strength, or 'practical information'."""
    strings, esc = project.ui_strings(lang), html.escape
    if q["verdict"] is None:
        name = text_in(kinds(project).get("practical"), "name", lang, project.default_language)
        return f'<span class="badge practical"><strong>{esc(name)}</strong></span>'
    return (f'<span class="badge {esc(q["verdict"]["id"])}">{esc(strings["verdict"])}: '
            f'<strong>{esc(q["verdict"]["name"])}</strong> · {esc(strings["evidence"])}: '
            f'{esc(q["strength"]["name"])}</span>')


@lru_cache(maxsize=None)
def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters.update(esc=html.escape, xmlesc=xml_escape, quoteattr=quoteattr)
    return env


def render(template: str, **values: Any) -> str:
    return templates().get_template(template).render(**values)


# --- faq.json and embed cards ----------------------------------------------------------------

def reviewed_text(q: dict[str, Any], lang: str) -> str:
    reviewed = parse_date(q["reviewed"])
    return format_date(reviewed, lang) if reviewed else q["reviewed"]


def badge_text(project: Project, lang: str, q: dict[str, Any]) -> str:
    """The card badge's words (for the frame-height estimate)."""
    strings = project.ui_strings(lang)
    if q["verdict"] is None:
        return text_in(kinds(project).get("practical"), "name", lang, project.default_language)
    return f'{strings["verdict"]}: {q["verdict"]["name"]} · {strings["evidence"]}: {q["strength"]["name"]}'


def embed_card(project: Project, lang: str, q: dict[str, Any], full_answer_href: str, rtl: bool,
               theme: str = "auto") -> str:
    return render("embed_card.html.j2", lang=lang, direction="rtl" if rtl else "ltr", theme=theme, q=q,
                  strings=project.ui_strings(lang), href=full_answer_href, badge=card_badge(project, lang, q),
                  reviewed_text=reviewed_text(q, lang),
                  css=_card_stylesheet(project))


def _card_stylesheet(project: Project) -> str:
    """The cards' own CSS with every badge colour: the same for every card of a build."""
    if "card_css" not in project.cache:
        project.cache["card_css"] = EMBED_CSS.replace("{labels}", card_css(palette(project)))
    return project.cache["card_css"]


def card_frame_heights(project: Project, lang: str, q: dict[str, Any]) -> tuple[int, int]:
    """The height of a card's frame at 300 and 800 px wide (the For clinics snippet; a build works
    that page out in its worker, with the rest of each page: scripts/page_markdown.py), kept
    between builds (scripts/derived_cache.py)."""
    texts = card_texts(project.ui_strings(lang), q, reviewed_text(q, lang), badge_text(project, lang, q))
    heights = derived_cache(project.cache, project.root, "card-heights", FRAME_HEIGHTS_VERSION, _two_heights)
    narrow, wide = heights.get(json.dumps(texts, ensure_ascii=False, sort_keys=True), lambda: list(frame_heights(texts)))
    return narrow, wide


def _two_heights(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 2
            and all(type(h) is int and 0 < h < 10_000 for h in value))


def write_faq_and_cards(site_dir: Path, project: Project, site_url: str,
                        today: dt.date | None = None, helpers: int = 0) -> dict[str, int]:
    """faq.json and embed cards (automatic, light/ and dark/) for every language, the languages
    shared with `helpers` forked processes (scripts/parallel.py); returns questions per language."""
    return {lang: count for lang, (count, _) in _faq_and_cards(site_dir, project, site_url, today, helpers).items()}


def cards_then_gate(site_dir: Path, project: Project, site_url: str,
                    today: dt.date | None = None) -> Iterator[Any]:
    """What a build hands to a process of its own while it renders the pages
    (scripts/background.py): faq.json and the cards of every language, each card gated before
    it is written, with its policy (output_allowlist.write_gated: one write, no second read). Yields
    the questions per language, then the gated cards."""
    written = _faq_and_cards(site_dir, project, site_url, today, 0, gated=True)
    yield {lang: count for lang, (count, _) in written.items()}
    yield [stamped for _, cards in written.values() for stamped in cards]


def _faq_and_cards(site_dir: Path, project: Project, site_url: str, today: dt.date | None,
                   helpers: int, gated: bool = False) -> dict[str, tuple[int, list]]:
    jobs = [partial(_write_faq_and_cards_of, site_dir, project, site_url, today, lang, gated)
            for lang in project.languages]
    return dict(zip(project.languages, run_all(jobs, helpers)))


def _write_faq_and_cards_of(site_dir: Path, project: Project, site_url: str, today: dt.date | None,
                            lang: str, gated: bool = False) -> tuple[int, list]:
    """One language's questions, and the cards written (relative to site_dir); `gated`: each
    card gated before it is written, with its policy (output_allowlist.write_gated), and the
    cards given as gated (file, digest, findings)."""
    default = project.default_language
    document = faq_document(project, lang, site_url, today)
    prefix = lang_prefix(lang, default)
    (site_dir / prefix).mkdir(parents=True, exist_ok=True)
    (site_dir / prefix / "faq.json").write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    cards = []
    for q in document["questions"]:
        rel_dir = embed_path(lang, default, q["page"] + ".md", q["id"])
        for theme in THEMES:  # auto in the card's folder, light/ and dark/ below it
            theme_dir = rel_dir if theme == "auto" else f"{rel_dir}{theme}/"
            folder = site_dir / theme_dir
            folder.mkdir(parents=True, exist_ok=True)
            href = relative_url(theme_dir, page_url(q["page"] + ".md", lang, default), q["id"])
            card = embed_card(project, lang, q, href, lang in project.rtl_languages, theme)
            rel = f"{theme_dir}index.html"
            if gated:
                cards.append(write_gated(site_dir, rel, card))
            else:
                (folder / "index.html").write_text(card, encoding="utf-8")
                cards.append(rel)
    return len(document["questions"]), cards


# --- redirect pages -------------------------------------------------------------------------

def write_page_redirects(site_dir: Path, project: Project) -> int:
    """A redirect page at the old address of every moved page (data/redirects.yml), every language."""
    count = 0
    default = project.default_language
    for old, new in page_redirects(project).items():
        for lang in project.languages:
            old_dir = site_dir / lang_prefix(lang, default) / page_path(old)
            old_dir.mkdir(parents=True, exist_ok=True)
            url = relative_url(page_url(old, lang, default), page_url(new, lang, default))
            (old_dir / "index.html").write_text(render("redirect.html.j2", url=url, lang=lang), encoding="utf-8")
            count += 1
    return count


# --- the changelog feeds ----------------------------------------------------------------------

def _timestamp(day: dt.date) -> str:
    """RFC 3339 date-time of a changelog date (the entries carry days, not times)."""
    return f"{day.isoformat()}T00:00:00Z"


def _author(project: Project) -> str:
    """The site's name (mkdocs.yml), the feed's author."""
    import yaml

    from .content import _config_loader

    if "site_name" not in project.cache:  # one reading of mkdocs.yml for every language's feed
        try:
            config = yaml.load((project.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_config_loader()) or {}
        except (OSError, yaml.YAMLError):
            config = {}
        project.cache["site_name"] = str(config.get("site_name") or "")
    return project.cache["site_name"] or project.ui_strings(project.default_language)["feed_title"]


def feed_document(project: Project, lang: str, site_url: str, today: dt.date | None = None) -> str:
    """The Atom feed (RFC 4287) of one language: every changelog entry, newest first."""
    from .changelog import grade_text, newest_first
    from .publish import feed_url

    default = project.default_language
    strings = project.ui_strings(lang)
    page = permalink("what-changed.md", None, lang, default, site_url)
    entries = []
    for entry in newest_first(project):
        if today is not None and entry.date > today:
            continue
        lines = [entry.text("reason", lang)]
        for change in entry.changes:
            shown = project.page_in(lang, change.page)
            question = next((h.text for h in shown.questions if h.id == change.question), change.question) \
                if shown else change.question
            lines.append("")  # one paragraph per answer: no arrow, which would point the wrong way in Arabic
            lines.append(question)
            if change.before is None:
                lines.append(f'{strings["change_added"]}: {grade_text(project, change.after, lang)}')
            elif change.after is None:
                lines.append(f'{strings["change_removed"]} ({strings["change_before"]}: '
                             f'{grade_text(project, change.before, lang)})')
            else:
                lines.append(f'{strings["change_before"]}: {grade_text(project, change.before, lang)}')
                lines.append(f'{strings["change_after"]}: {grade_text(project, change.after, lang)}')
        entries.append({"id": f"{page}#{entry.id}", "title": entry.text("title", lang),
                        "updated": _timestamp(entry.date), "url": f"{page}#{entry.id}",
                        "summary": "\n".join(lines)})
    updated = entries[0]["updated"] if entries else _timestamp(today or dt.date(1970, 1, 1))
    return render("feed.atom.j2", lang=lang, feed_url=feed_url(project, lang, site_url), title=strings["feed_title"],
                  updated=updated, page_url=page, author=_author(project), entries=entries)


def write_feeds(site_dir: Path, project: Project, site_url: str, today: dt.date | None = None) -> dict[str, int]:
    """site/feed.xml and site/<lang>/feed.xml; returns entries per language."""
    from .changelog import newest_first

    counts = {}
    for lang in project.languages:
        target = site_dir / lang_prefix(lang, project.default_language) / "feed.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feed_document(project, lang, site_url, today), encoding="utf-8")
        counts[lang] = len([e for e in newest_first(project) if today is None or e.date <= today])
    return counts


# --- all of it -------------------------------------------------------------------------------

def write_after_build(site_dir: Path, project: Project, site_url: str,
                      today: dt.date | None = None, faq_counts: dict[str, int] | None = None) -> dict[str, Any]:
    """Every after-build file; returns counts for the build log. faq_counts: faq.json and the
    cards are written already (cards_then_gate), these are their questions per language."""
    report: dict[str, Any] = {}
    if (site_dir / "search" / "search_index.json").is_file():
        report["search index entries per language"] = split_index(site_dir, project.default_language,
                                                                   project.languages)
    report["badge colours written"] = write_site_css(site_dir, palette(project))
    report["faq.json questions per language"] = faq_counts if faq_counts is not None else \
        write_faq_and_cards(site_dir, project, site_url, today, default_helpers())
    report["changelog feed entries per language"] = write_feeds(site_dir, project, site_url, today)
    report["page redirects written"] = write_page_redirects(site_dir, project)
    return report
