"""What clinics and machines get: faq.json per language, embeddable answer cards, and the
JSON-LD / Open Graph head of each page. Everything comes from the checked content."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

from .answers import Answer, answers
from .embed_card import THEMES, card_html, card_texts, frame_heights
from .content import Page, Project, source_hash
from .permalinks import lang_prefix, page_path, permalink
from .render import format_date, label_description, label_name
from .rules import parse_date
from .translations import MISSING, UP_TO_DATE, page_status

FAQ_VERSION = "1.1"  # 1.1: generated, disclaimer, license, per-question translation
SOURCE_FIELDS = ("type", "authors", "title", "container", "year", "doi", "pmid", "nct", "url")


def page_in(project: Project, lang: str, rel: str) -> Page:
    """The page a reader of `lang` sees: the translation, or the English fallback."""
    return project.pages.get(lang, {}).get(rel) or project.english(rel)


def answers_in(project: Project, lang: str, rel: str) -> list[Answer]:
    """Short answers of a page as a reader of `lang` sees it. faq.json, embed cards, JSON-LD and
    the for-clinics page all need them: parsed once per page and language."""
    key = ("answers", lang, rel)
    if key not in project.cache:
        project.cache[key] = answers(page_in(project, lang, rel))
    return project.cache[key]


def claim_pages(project: Project) -> list[Page]:
    return [p for rel, p in sorted(project.pages.get(project.default_language, {}).items())
            if p.readable and not p.is_info]


def embed_path(lang: str, default: str, rel: str, qid: str) -> str:
    return f"{lang_prefix(lang, default)}embed/{page_path(rel)}{qid}/"


def source_record(project: Project, key: str) -> dict[str, Any]:
    entry = project.sources.data.get(key) or {}
    record = {"key": key, **{f: entry[f] for f in SOURCE_FIELDS if f in entry}}
    if "pmid" in record:
        record["pmid"] = str(record["pmid"])
    return record


def translation_record(project: Project, lang: str, english: Page, site_url: str) -> dict[str, Any]:
    """Whether a reader of `lang` gets a checked translation: the same states as `make translations`."""
    status = page_status(project, lang, english.rel)
    state = ("original" if lang == project.default_language else
             {UP_TO_DATE: "reviewed", MISSING: "not-translated"}.get(status.state, status.state))
    record = {"status": state, "english_source": source_hash(english),
              "english_url": permalink(english.rel, None, project.default_language, project.default_language, site_url)}
    translated = project.pages.get(lang, {}).get(english.rel)
    meta = translated.meta.get("translation") if translated and lang != project.default_language else None
    if isinstance(meta, dict) and meta.get("source_hash"):
        record["follows"] = str(meta["source_hash"])
    elif lang == project.default_language:
        record["follows"] = record["english_source"]
    return record


def faq_document(project: Project, lang: str, site_url: str, today: dt.date | None = None) -> dict[str, Any]:
    default = project.default_language
    strings = project.ui_strings(lang)
    questions = []
    for english in claim_pages(project):
        shown = page_in(project, lang, english.rel)
        translation = translation_record(project, lang, english, site_url)
        texts = {a.id: a for a in answers_in(project, lang, english.rel)}
        claims = english.meta.get("claims") or {}
        for question in english.questions:
            claim = claims.get(question.id) or {}
            answer = texts.get(question.id)
            label = claim.get("evidence", "")
            questions.append({
                "id": question.id,
                "page": page_path(english.rel).rstrip("/"),
                "page_title": str(shown.meta.get("title", "")),
                "question": answer.question if answer else question.text,
                "answer_summary": answer.summary if answer else "",
                "evidence": {"id": label, "name": label_name(project, label, lang),
                             "description": label_description(project, label, lang)},
                "permalink": permalink(english.rel, question.id, lang, default, site_url),
                "embed_url": f"{site_url.rstrip('/')}/{embed_path(lang, default, english.rel, question.id)}",
                "reviewed": str(english.meta.get("reviewed", "")),
                "review_due": str(english.meta.get("review_due", "")),
                "sources": [source_record(project, key) for key in claim.get("sources") or []],
                "translation": translation,
            })
    clinics = permalink("for-clinics.md", None, lang, default, site_url)
    document = {"version": FAQ_VERSION, "language": lang, "site": site_url}
    if today is not None:
        document["generated"] = today.isoformat()
    document.update({
        "disclaimer": strings["disclaimer"],
        "license": {"terms": strings["reuse_terms"], "url": clinics},
        "license_note": strings["disclaimer"],  # 1.0 field, kept for existing readers: use `disclaimer`
        "questions": questions})
    return document


def reviewed_text(q: dict[str, Any], lang: str) -> str:
    reviewed = parse_date(q["reviewed"])
    return format_date(reviewed, lang) if reviewed else q["reviewed"]


def embed_card(project: Project, lang: str, q: dict[str, Any], full_answer_href: str, rtl: bool,
               theme: str = "auto") -> str:
    return card_html(lang=lang, rtl=rtl, theme=theme, strings=project.ui_strings(lang), q=q,
                     reviewed_text=reviewed_text(q, lang), full_answer_href=full_answer_href)


def card_frame_heights(project: Project, lang: str, q: dict[str, Any]) -> tuple[int, int]:
    return frame_heights(card_texts(project.ui_strings(lang), q, reviewed_text(q, lang)))


def write_outputs(site_dir: Path, project: Project, site_url: str, today: dt.date | None = None) -> dict[str, int]:
    """faq.json and embed cards for every language; returns questions per language."""
    counts = {}
    for lang in project.languages:
        document = faq_document(project, lang, site_url, today)
        prefix = lang_prefix(lang, project.default_language)
        (site_dir / prefix).mkdir(parents=True, exist_ok=True)
        (site_dir / prefix / "faq.json").write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        for q in document["questions"]:
            rel_dir = embed_path(lang, project.default_language, q["page"] + ".md", q["id"])
            for theme in THEMES:  # auto in the card's folder, light/ and dark/ below it
                theme_dir = rel_dir if theme == "auto" else f"{rel_dir}{theme}/"
                folder = site_dir / theme_dir
                folder.mkdir(parents=True, exist_ok=True)
                depth = theme_dir[len(prefix):].count("/")
                href = "../" * depth + page_path(q["page"] + ".md") + f"#{q['id']}"
                (folder / "index.html").write_text(
                    embed_card(project, lang, q, href, lang in project.rtl_languages, theme), encoding="utf-8")
        counts[lang] = len(document["questions"])
    return counts


def head_tags(project: Project, lang: str, rel: str, site_url: str, canonical: str) -> str:
    """JSON-LD (MedicalWebPage + FAQPage), Open Graph and Twitter meta for one page."""
    english = project.english(rel)
    shown = page_in(project, lang, rel)
    title = str(shown.meta.get("title", ""))
    description = str(shown.meta.get("description", ""))
    esc = html.escape
    tags = [
        f'<meta property="og:type" content="article">', f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">', f'<meta property="og:locale" content="{esc(lang)}">',
        '<meta name="twitter:card" content="summary">', f'<meta name="twitter:title" content="{esc(title)}">',
        f'<meta name="twitter:description" content="{esc(description)}">',
    ]
    if english is None or english.is_info:
        return "\n".join(tags)
    items = answers_in(project, lang, rel)
    graph: list[dict[str, Any]] = [{
        "@type": "MedicalWebPage", "@id": canonical, "url": canonical, "name": title,
        "description": description, "inLanguage": lang,
        "lastReviewed": str(english.meta.get("reviewed", "")),
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }, {
        "@type": "FAQPage", "@id": canonical + "#faq", "url": canonical, "inLanguage": lang,
        "mainEntity": [{"@type": "Question", "@id": f"{canonical}#{a.id}", "name": a.question,
                        "acceptedAnswer": {"@type": "Answer", "text": a.summary, "url": f"{canonical}#{a.id}"}}
                       for a in items],
    }]
    data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    data = data.replace("</", "<\\/")
    return "\n".join(tags + [f'<script type="application/ld+json">{data}</script>'])
