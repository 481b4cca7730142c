"""Pages whose content is generated from data at build time (front matter `generated:`)."""

from __future__ import annotations

import html
from typing import Callable

from .render import RenderContext, badge, grade_badge, label_description, label_name, question_text
from .schemas import topics
from .verdicts import Grade, headline, kinds, registry, text_in, verdict_description, verdict_name, verdicts



def list_in(lang: str, items: list[str]) -> str:
    """"a, b or c" the way the language writes it (Arabic: «أ أو ب أو ج», never a Latin comma)."""
    from babel.lists import format_list

    try:
        return format_list(items, style="or", locale=lang)
    except Exception:  # unknown locale
        return ", ".join(items)


def _labels_by_rank(ctx: RenderContext) -> list[str]:
    scale = ctx.project.evidence.data
    return sorted(scale, key=lambda label: -int(scale[label].get("rank", 0)))


def evidence_scale(ctx: RenderContext) -> str:
    """Verdicts, then strengths, then the practical kind: names and meanings from data."""
    ui = ctx.ui
    blocks = [f'### {ui["verdict"]} {{#verdicts}}\n']
    for verdict in sorted(verdicts(ctx.project), key=lambda v: -int(verdicts(ctx.project)[v].get("rank", 0))):
        blocks.append(
            f'#### {verdict_name(ctx.project, verdict, ctx.lang)} {{#{verdict}}}\n\n'
            f'<p>{grade_badge(ctx, Grade("graded", verdict, None), "")}</p>\n\n'
            f'{verdict_description(ctx.project, verdict, ctx.lang)}\n')
    for kind, entry in kinds(ctx.project).items():
        blocks.append(f'### {text_in(entry, "name", ctx.lang)} {{#{kind}}}\n\n'
                      f'<p>{grade_badge(ctx, Grade(kind), "")}</p>\n\n{text_in(entry, "description", ctx.lang)}\n')
    blocks.append(f'### {ui["evidence"]} {{#strengths}}\n')
    for label in _labels_by_rank(ctx):
        entry = ctx.project.evidence.data[label]
        requires = entry.get("requires")
        if requires == "any":
            needs = ui["any_source"]
        else:
            names = [ui.get("source_types", {}).get(t, t) for t in requires]
            needs = f'{ui["needs_source"]}: {list_in(ctx.lang, names)}'
        blocks.append(
            f'#### {label_name(ctx.project, label, ctx.lang)} {{#{label}}}\n\n'
            f'<p>{badge(ctx, label)}</p>\n\n'
            f'{label_description(ctx.project, label, ctx.lang)}\n\n'
            f'*{html.escape(needs)}.*\n')
    return "\n".join(blocks)


def _page_title(ctx: RenderContext, rel: str) -> str:
    page = ctx.project.page_in(ctx.lang, rel)
    return str(page.meta.get("title", rel)) if page else rel


def _rank(ctx: RenderContext, grade: Grade | None) -> tuple[int, int]:
    if grade is None:
        return (1, 0)
    verdict = verdicts(ctx.project).get(grade.verdict, {})
    strength = ctx.project.evidence.data.get(grade.strength, {})
    return (-int(verdict.get("rank", 0)), -int(strength.get("rank", 0)))


def _pages_by_topic(ctx: RenderContext) -> list[tuple[str, list]]:
    """Claim pages per topic (topics declared once, in schemas/page.schema.json), strongest
    headline first, then by title; topics without pages left out."""
    english_pages = ctx.project.pages.get(ctx.project.default_language, {})
    grouped = []
    for topic in topics():
        pages = [p for p in english_pages.values() if p.readable and not p.is_info and p.topic == topic]
        pages.sort(key=lambda p: (_rank(ctx, headline(ctx.project, p)), _page_title(ctx, p.rel)))
        if pages:
            grouped.append((topic, pages))
    return grouped


def evidence_overview(ctx: RenderContext) -> str:
    ui = ctx.ui
    out = []
    for topic, pages in _pages_by_topic(ctx):
        topic_name = ui.get("topics", {}).get(topic, topic)
        rows = []
        for page in pages:
            title = html.escape(_page_title(ctx, page.rel))
            questions = len(page.claims)
            rows.append(f'<tr><td><a href="{ctx.site_url(page.rel)}">{title}</a></td>\n'
                        f'<td>{grade_badge(ctx, headline(ctx.project, page), "")}</td>\n'
                        f'<td>{questions}</td></tr>')
        out.append(
            f'## {topic_name} {{#{topic}}}\n\n'
            f'<div class="evidence-overview-scroll">\n<table class="evidence-overview">\n<thead><tr><th scope="col">{html.escape(ui["page"])}</th>\n'
            f'<th scope="col">{html.escape(ui["evidence"])}</th>\n<th scope="col">{html.escape(ui["questions"])}</th>'
            f'</tr></thead>\n<tbody>\n' + "\n".join(rows) + '\n</tbody>\n</table>\n</div>\n')
    return "\n".join(out)


def for_clinics(ctx: RenderContext) -> str:
    """Copy-paste link and iframe snippets for every question, in this language: the same
    questions, addresses and card texts as faq.json. Under each page's heading, its questions are
    one block of finished HTML, as Python-Markdown would write them (scripts/html_stash.py hides it
    from Python-Markdown: 140 snippets per language were most of its time on this page)."""
    from .embed_card import snippet
    from .outputs import card_frame_heights
    from .publish import faq_document

    ui = ctx.ui
    groups: dict[str, tuple[str, list[str]]] = {}
    for q in faq_document(ctx.project, ctx.lang, ctx.site_root_url)["questions"]:
        # the heading's id is language-neutral, the page's path (never `#_5`)
        _, snippets = groups.setdefault(q["page"], (f"### {q['page_title']} {{#{q['page'].replace('/', '-')}}}", []))
        iframe = snippet(q["embed_url"], q["question"], card_frame_heights(ctx.project, ctx.lang, q))
        snippets.append(f"<p><strong>{html.escape(q['question'])}</strong></p>\n"
                        f"<p>{html.escape(ui['link_code'], quote=False)}:</p>\n{_code_block('text', q['permalink'])}\n"
                        f"<p>{html.escape(ui['embed_code'], quote=False)}:</p>\n{_code_block('html', iframe)}")
    return "".join(f"{heading}\n\n" + "\n".join(snippets) + "\n\n" for heading, snippets in groups.values())


def _code_block(language: str, code: str) -> str:
    """A code block as pymdownx.superfences writes it without Pygments (`use_pygments: false`)."""
    return f'<pre class="highlight"><code class="language-{language}">{html.escape(code, quote=False)}</code></pre>'


def claims_tables(ctx: RenderContext) -> dict[str, str]:
    """data/claims.yml as one table per section (the section headings stay in the page): the
    advert's words, the verdict on those words, and a link to our answer."""
    ui, project = ctx.ui, ctx.project
    rows: dict[str, list[str]] = {}
    for key, entry in registry(project).data.items():
        if not isinstance(entry, dict):
            continue
        rel, _, qid = str(entry.get("answer", "")).partition("#")
        question = question_text(ctx, rel, qid)
        grade = Grade("graded", entry.get("verdict"), entry.get("strength"), entry.get("about", "treatment"), key)
        rows.setdefault(str(entry.get("section")), []).append(
            f'<tr id="claim-{key}"><td>{html.escape(text_in(entry, "wording", ctx.lang))}</td>\n'
            f'<td>{grade_badge(ctx, grade, "")}</td>\n'
            f'<td><a href="{ctx.site_url(rel, qid)}">{html.escape(question)}</a></td></tr>')
    # a line break between cells: the search indexer joins adjacent text as it finds it
    head = (f'<table class="claims-checked">\n<thead><tr><th scope="col">{html.escape(ui["claim_column"])}</th>\n'
            f'<th scope="col">{html.escape(ui["claim_verdict_column"])}</th>\n'
            f'<th scope="col">{html.escape(ui["answer_column"])}</th></tr></thead>\n<tbody>\n')
    return {section: head + "\n".join(items) + "\n</tbody>\n</table>\n" for section, items in rows.items()}


def topic_cards(ctx: RenderContext) -> dict[str, str]:
    """The home page's cards: every treatment page, grouped by topic, with its main verdict
    (the headline of the page, computed, never set by hand), placed under `{#at-a-glance}`."""
    groups = []
    for topic, topic_pages in _pages_by_topic(ctx):
        pages = [p for p in topic_pages if headline(ctx.project, p) is not None]
        if not pages:
            continue
        cards = "\n".join(
            f'<li class="topic-card"><a class="topic-card__title" href="{ctx.site_url(page.rel)}">'
            f'{html.escape(_page_title(ctx, page.rel))}</a> '
            f'{grade_badge(ctx, headline(ctx.project, page), "", with_strength=False)}</li>' for page in pages)
        name = html.escape(ctx.ui.get("topics", {}).get(topic, topic))
        groups.append(f'<section class="topic-cards" aria-labelledby="topic-{topic}">\n'
                      f'<p class="topic-cards__topic" id="topic-{topic}"><strong>{name}</strong></p>\n'
                      f'<ul class="topic-cards__grid">\n{cards}\n</ul>\n</section>')
    overview = (f'<p><a href="{ctx.site_url("evidence-overview.md")}">'
                f'{html.escape(_page_title(ctx, "evidence-overview.md"))}</a></p>')
    return {"at-a-glance": "\n".join(groups) + "\n" + overview + "\n"}


def grade_html(ctx: RenderContext, key: str | None) -> str:
    """A changelog grade as the reader sees it: the badge of a verdict and strength (or
    'practical'), the strength badge of a model-1 label, nothing for null."""
    from .changelog import grade_parts

    parts = grade_parts(key)
    if parts is None:
        return ""
    if parts["kind"] == "label":
        return badge(ctx, parts["label"])
    return grade_badge(ctx, Grade(parts["kind"], parts["verdict"], parts["strength"]), "")


def what_changed(ctx: RenderContext) -> str:
    """data/changelog.yml, newest first: each entry's date, title, reason and sources, and every
    answer it changed (before -> now, linked to the answer)."""
    from .changelog import newest_first
    from .render import _source_links, format_date
    from .urls import lang_prefix, relative_url

    ui, project = ctx.ui, ctx.project
    feed = relative_url(ctx.url, lang_prefix(ctx.lang, project.default_language)) + "feed.xml"
    out = [f'<p class="changelog-feed"><a href="{feed}">{html.escape(ui["feed_link"])}</a></p>\n']
    for entry in newest_first(project):
        sources = [link for key in entry.sources
                   for link in _source_links(project.sources.data.get(key) or {})]
        items = []
        for change in entry.changes:
            target = (f'<a href="{ctx.site_url(change.page, change.question)}">'
                      f'{html.escape(question_text(ctx, change.page, change.question))}</a>'
                      if change.after is not None else html.escape(question_text(ctx, change.page, change.question)))
            if change.before is None:
                what = f'{html.escape(ui["change_added"])}: {grade_html(ctx, change.after)}'
            elif change.after is None:
                what = f'{html.escape(ui["change_removed"])} ({html.escape(ui["change_before"])}: {grade_html(ctx, change.before)})'
            else:
                what = (f'{html.escape(ui["change_before"])}: {grade_html(ctx, change.before)}<br>'
                        f'{html.escape(ui["change_after"])}: {grade_html(ctx, change.after)}')
            items.append(f'<li>{target}<br>{what}</li>')
        out.append(
            f'## {html.escape(entry.text("title", ctx.lang))} {{#{entry.id}}}\n\n'
            f'<p class="changelog-date"><time datetime="{entry.date}">{format_date(entry.date, ctx.lang)}</time></p>\n\n'
            f'<p>{html.escape(entry.text("reason", ctx.lang))}</p>\n\n'
            + (f'<p class="changelog-sources">{html.escape(ui["sources"])}: '
               f'<bdi dir="ltr">{" · ".join(sources)}</bdi></p>\n\n' if sources else "")
            + '<ul class="changelog-changes">\n' + "\n".join(items) + '\n</ul>\n')
    return "\n".join(out)


GENERATORS: dict[str, Callable[[RenderContext], str]] = {
    "evidence-scale": evidence_scale,
    "evidence-overview": evidence_overview,
    "for-clinics": for_clinics,
    "what-changed": what_changed,
}
# generated content placed under the page's own questions (render.py), not appended
QUESTION_GENERATORS: dict[str, Callable[[RenderContext], dict[str, str]]] = {
    "claims-we-checked": claims_tables,
    "home": topic_cards,
}


def generated_content(kind: str | None, ctx: RenderContext) -> str:
    generator = GENERATORS.get(kind or "")
    return "\n\n" + generator(ctx) if generator else ""
