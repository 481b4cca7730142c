"""What clinics and machines get, as data: the faq.json document of each language (written with the
embed cards by scripts/outputs.py) and the JSON-LD / Open Graph head of each page."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from .answers import Answer, answers
from .content import Claim, Page, Project, source_hash
from .urls import embed_path, lang_prefix, page_path, permalink
from .render import label_description, label_name
from .translations import MISSING, UP_TO_DATE, page_status
from .verdicts import grade_of, kinds, opening, text_in, verdict_description, verdict_name

FAQ_VERSION = "1.2"  # 1.1: generated, disclaimer, license, per-question translation; kind, verdict,
                    # strength and claim (evidence is null on practical questions); 1.2: history
SOURCE_FIELDS = ("type", "authors", "title", "container", "year", "doi", "pmid", "nct", "url")


def answers_in(project: Project, lang: str, rel: str) -> list[Answer]:
    """Short answers of a page as a reader of `lang` sees it. faq.json, embed cards, JSON-LD and
    the for-clinics page all need them: parsed once per page and language."""
    key = ("answers", lang, rel)
    if key not in project.cache:
        found = answers(project.page_in(lang, rel))
        english = project.english(rel)
        claims = english.claims if english else {}
        for answer in found:   # the verdict's opening sentence comes first, as on the page
            first = opening(project, grade_of(project, claims.get(answer.id)).verdict, lang)
            if first:
                answer.summary = f"{first} {answer.summary}".strip()
        project.cache[key] = found
    return project.cache[key]


def claim_pages(project: Project) -> list[Page]:
    return [p for rel, p in sorted(project.pages.get(project.default_language, {}).items())
            if p.readable and not p.is_info]


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


def _grade_record(project: Project, key: str | None, lang: str) -> dict[str, Any] | None:
    from .changelog import grade_parts, grade_text

    parts = grade_parts(key)
    return None if parts is None else {"grade": key, **parts, "text": grade_text(project, key, lang)}


def history_records(project: Project, lang: str, rel: str, qid: str, site_url: str) -> list[dict[str, Any]]:
    """Every dated change of one answer's grade (data/changelog.yml), oldest first (1.2)."""
    from .changelog import history

    page = permalink("what-changed.md", None, lang, project.default_language, site_url)
    return [{"entry": entry.id, "date": entry.date.isoformat(),
             "from": _grade_record(project, change.before, lang), "to": _grade_record(project, change.after, lang),
             "title": entry.text("title", lang), "reason": entry.text("reason", lang),
             "sources": list(entry.sources), "url": f"{page}#{entry.id}"}
            for entry, change in history(project, rel, qid)]


def feed_url(project: Project, lang: str, site_url: str) -> str:
    """The Atom feed of a language's changelog (written after the build by scripts/outputs.py)."""
    return f"{site_url.rstrip('/')}/{lang_prefix(lang, project.default_language)}feed.xml"


def faq_document(project: Project, lang: str, site_url: str, today: dt.date | None = None) -> dict[str, Any]:
    default = project.default_language
    strings = project.ui_strings(lang)
    questions = []
    for english in claim_pages(project):
        shown = project.page_in(lang, english.rel)
        translation = translation_record(project, lang, english, site_url)
        texts = {a.id: a for a in answers_in(project, lang, english.rel)}
        claims = english.claims
        for question in english.questions:
            claim = claims.get(question.id) or Claim(str(question.id), None, ())
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
                "page_title": shown.title,
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
                "sources": [source_record(project, key) for key in claim.sources],
                "translation": translation,
                "history": history_records(project, lang, english.rel, question.id, site_url),
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


def head_tags(project: Project, lang: str, rel: str, site_url: str, canonical: str) -> str:
    """JSON-LD (MedicalWebPage + FAQPage), Open Graph and Twitter meta for one page."""
    english = project.english(rel)
    shown = project.page_in(lang, rel)
    title, description = shown.title, shown.description
    esc = html.escape
    tags = [
        f'<meta property="og:type" content="article">', f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">', f'<meta property="og:locale" content="{esc(lang)}">',
        '<meta name="twitter:card" content="summary">', f'<meta name="twitter:title" content="{esc(title)}">',
        f'<meta name="twitter:description" content="{esc(description)}">',
        f'<link rel="alternate" type="application/atom+xml" href="{esc(feed_url(project, lang, site_url))}" '
        f'title="{esc(project.ui_strings(lang)["feed_title"])}">',
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
