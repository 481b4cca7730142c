"""What clinics and machines get: faq.json per language, embeddable answer cards, and the
JSON-LD / Open Graph head of each page. Everything comes from the checked content."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from .answers import Answer, answers
from .content import Page, Project
from .permalinks import lang_prefix, page_path, permalink
from .render import format_date, label_description, label_name
from .rules import parse_date
from .verdicts import grade_of, kinds, opening, text_in, verdict_description, verdict_name

FAQ_VERSION = "1.1"   # 1.1: kind, verdict, strength and claim added; evidence is null on practical questions
SOURCE_FIELDS = ("type", "authors", "title", "container", "year", "doi", "pmid", "nct", "url")


def page_in(project: Project, lang: str, rel: str) -> Page:
    """The page a reader of `lang` sees: the translation, or the English fallback."""
    return project.pages.get(lang, {}).get(rel) or project.english(rel)


def answers_in(project: Project, lang: str, rel: str) -> list[Answer]:
    """Short answers of a page as a reader of `lang` sees it. faq.json, embed cards, JSON-LD and
    the for-clinics page all need them: parsed once per page and language."""
    key = ("answers", lang, rel)
    if key not in project.cache:
        found = answers(page_in(project, lang, rel))
        english = project.english(rel)
        claims = english.meta.get("claims") if english and isinstance(english.meta.get("claims"), dict) else {}
        for answer in found:   # the verdict's opening sentence comes first, as on the page
            first = opening(project, grade_of(project, claims.get(answer.id)).verdict, lang)
            if first:
                answer.summary = f"{first} {answer.summary}".strip()
        project.cache[key] = found
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


def faq_document(project: Project, lang: str, site_url: str) -> dict[str, Any]:
    default = project.default_language
    questions = []
    for english in claim_pages(project):
        shown = page_in(project, lang, english.rel)
        texts = {a.id: a for a in answers_in(project, lang, english.rel)}
        claims = english.meta.get("claims") or {}
        for question in english.questions:
            claim = claims.get(question.id) or {}
            answer = texts.get(question.id)
            grade = grade_of(project, claim)
            strength = None if grade.practical else {
                "id": grade.strength or "", "name": label_name(project, grade.strength or "", lang),
                "description": label_description(project, grade.strength or "", lang)}
            verdict = None if grade.practical else {
                "id": grade.verdict or "", "name": verdict_name(project, grade.verdict or "", lang),
                "description": verdict_description(project, grade.verdict or "", lang)}
            questions.append({
                "id": question.id,
                "page": page_path(english.rel).rstrip("/"),
                "page_title": str(shown.meta.get("title", "")),
                "question": answer.question if answer else question.text,
                "answer_summary": answer.summary if answer else "",
                "kind": grade.kind,
                "verdict": verdict,
                "strength": strength,
                "evidence": strength,   # version 1 name of the strength (null on practical questions)
                "claim": grade.claim,
                "permalink": permalink(english.rel, question.id, lang, default, site_url),
                "embed_url": f"{site_url.rstrip('/')}/{embed_path(lang, default, english.rel, question.id)}",
                "reviewed": str(english.meta.get("reviewed", "")),
                "review_due": str(english.meta.get("review_due", "")),
                "sources": [source_record(project, key) for key in claim.get("sources") or []],
            })
    return {"version": FAQ_VERSION, "language": lang, "site": site_url,
            "license_note": project.ui_strings(lang)["disclaimer"], "questions": questions}


EMBED_CSS = (
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;background:#fff}"
    "main{padding:12px 16px;border:1px solid #d0d7de;border-radius:8px}"
    "h1{font-size:1.1rem;margin:0 0 .4rem}p{margin:.4rem 0}"
    ".badge{display:inline-block;padding:.1rem .6rem;border:1px solid currentColor;border-radius:1rem;font-size:.9rem}"
    ".yes-true{color:#14532d;background:#dcfce7}.not-proven{color:#713f12;background:#fef9c3}"
    ".no-benefit{color:#7c2d12;background:#ffedd5}.no-false{color:#7f1d1d;background:#fee2e2}"
    ".practical{color:#1e3a8a;background:#dbeafe}"
    ".meta,.note{font-size:.85rem;color:#57606a}a{color:#0b5cad}"
    "@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}main{border-color:#30363d}"
    ".meta,.note{color:#aab4be}a{color:#8fd3ff}}"
)


def card_badge(project: Project, lang: str, q: dict[str, Any]) -> str:
    """The same badge as on the page: verdict and strength, or 'practical information'."""
    strings, esc = project.ui_strings(lang), html.escape
    if q["verdict"] is None:
        name = text_in(kinds(project).get("practical"), "name", lang, project.default_language)
        return f'<span class="badge practical"><strong>{esc(name)}</strong></span>'
    return (f'<span class="badge {esc(q["verdict"]["id"])}">{esc(strings["verdict"])}: '
            f'<strong>{esc(q["verdict"]["name"])}</strong> · {esc(strings["evidence"])}: '
            f'{esc(q["strength"]["name"])}</span>')


def embed_card(project: Project, lang: str, q: dict[str, Any], full_answer_href: str, rtl: bool) -> str:
    strings = project.ui_strings(lang)
    esc = html.escape
    reviewed = parse_date(q["reviewed"])
    reviewed_text = format_date(reviewed, lang) if reviewed else q["reviewed"]
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}" dir="{"rtl" if rtl else "ltr"}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<title>{esc(q["question"])}</title>\n<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{esc(q["permalink"])}">\n<style>{EMBED_CSS}</style>\n</head>\n<body>\n<main>\n'
        f'<h1>{esc(q["question"])}</h1>\n'
        f'<p>{card_badge(project, lang, q)}</p>\n'
        f'<p>{esc(q["answer_summary"])}</p>\n'
        f'<p class="meta">{esc(strings["reviewed"])}: <time datetime="{esc(q["reviewed"])}">{esc(reviewed_text)}</time></p>\n'
        f'<p><a href="{esc(full_answer_href)}" target="_top">{esc(strings["read_full_answer"])}</a></p>\n'
        f'<p class="note">{esc(strings["disclaimer_title"])}. {esc(strings["disclaimer"])}</p>\n'
        f'</main>\n</body>\n</html>\n')


def write_outputs(site_dir: Path, project: Project, site_url: str) -> dict[str, int]:
    """faq.json and embed cards for every language; returns questions per language."""
    counts = {}
    for lang in project.languages:
        document = faq_document(project, lang, site_url)
        prefix = lang_prefix(lang, project.default_language)
        (site_dir / prefix).mkdir(parents=True, exist_ok=True)
        (site_dir / prefix / "faq.json").write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        for q in document["questions"]:
            rel_dir = embed_path(lang, project.default_language, q["page"] + ".md", q["id"])
            folder = site_dir / rel_dir
            folder.mkdir(parents=True, exist_ok=True)
            depth = rel_dir[len(prefix):].count("/")
            href = "../" * depth + page_path(q["page"] + ".md") + f"#{q['id']}"
            (folder / "index.html").write_text(
                embed_card(project, lang, q, href, lang in project.rtl_languages), encoding="utf-8")
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
