"""Pages whose content is generated from data at build time (front matter `generated:`)."""

from __future__ import annotations

import html
from typing import Callable

from .render import RenderContext, badge, label_description, label_name
from .schemas import topics



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
    ui = ctx.ui
    blocks = []
    for label in _labels_by_rank(ctx):
        entry = ctx.project.evidence.data[label]
        requires = entry.get("requires")
        if requires == "any":
            needs = ui["any_source"]
        else:
            names = [ui.get("source_types", {}).get(t, t) for t in requires]
            needs = f'{ui["needs_source"]}: {list_in(ctx.lang, names)}'
        blocks.append(
            f'### {label_name(ctx.project, label, ctx.lang)} {{#{label}}}\n\n'
            f'<p>{badge(ctx, label)}</p>\n\n'
            f'{label_description(ctx.project, label, ctx.lang)}\n\n'
            f'*{html.escape(needs)}.*\n')
    return "\n".join(blocks)


def _page_title(ctx: RenderContext, rel: str) -> str:
    page = ctx.project.page_in(ctx.lang, rel)
    return str(page.meta.get("title", rel)) if page else rel


def evidence_overview(ctx: RenderContext) -> str:
    ui = ctx.ui
    english_pages = ctx.project.pages.get(ctx.project.default_language, {})
    out = []
    for topic in topics():  # declared once, in schemas/page.schema.json
        pages = [p for p in english_pages.values()
                 if p.readable and not p.is_info and p.topic == topic]
        if not pages:
            continue
        rank = lambda p: -int(ctx.project.evidence.data.get(p.headline, {}).get("rank", 0))
        pages.sort(key=lambda p: (rank(p), _page_title(ctx, p.rel)))
        topic_name = ui.get("topics", {}).get(topic, topic)
        rows = []
        for page in pages:
            title = html.escape(_page_title(ctx, page.rel))
            questions = len(page.claims)
            rows.append(f'<tr><td><a href="{ctx.site_url(page.rel)}">{title}</a></td>'
                        f'<td>{badge(ctx, page.headline or "", "")}</td>'
                        f'<td>{questions}</td></tr>')
        out.append(
            f'## {topic_name} {{#{topic}}}\n\n'
            f'<div class="evidence-overview-scroll">\n<table class="evidence-overview">\n<thead><tr><th scope="col">{html.escape(ui["page"])}</th>'
            f'<th scope="col">{html.escape(ui["evidence"])}</th><th scope="col">{html.escape(ui["questions"])}</th>'
            f'</tr></thead>\n<tbody>\n' + "\n".join(rows) + '\n</tbody>\n</table>\n</div>\n')
    return "\n".join(out)


def for_clinics(ctx: RenderContext) -> str:
    """Copy-paste link and iframe snippets for every question, in this language: the same
    questions, addresses and card texts as faq.json."""
    from .embed_card import snippet
    from .outputs import card_frame_heights
    from .publish import faq_document

    ui = ctx.ui
    out, page = [], None
    for q in faq_document(ctx.project, ctx.lang, ctx.site_root_url)["questions"]:
        if q["page"] != page:
            page = q["page"]  # a language-neutral anchor, the page's path (never `#_5`)
            out.append(f"### {q['page_title']} {{#{page.replace('/', '-')}}}\n")
        iframe = snippet(q["embed_url"], q["question"], card_frame_heights(ctx.project, ctx.lang, q))
        out.append(f"**{html.escape(q['question'])}**\n\n"
                   f"{ui['link_code']}:\n\n```text\n{q['permalink']}\n```\n\n"
                   f"{ui['embed_code']}:\n\n```html\n{iframe}\n```\n")
    return "\n".join(out)


GENERATORS: dict[str, Callable[[RenderContext], str]] = {
    "evidence-scale": evidence_scale,
    "evidence-overview": evidence_overview,
    "for-clinics": for_clinics,
}


def generated_content(kind: str | None, ctx: RenderContext) -> str:
    generator = GENERATORS.get(kind or "")
    return "\n\n" + generator(ctx) if generator else ""
