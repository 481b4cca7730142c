"""Turning checked Markdown into what readers see: badges, numbered citations, source lists,
review dates, notices and translation banners. Pure functions of (markdown, context)."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .content import CITATION_RE, Claim, Page, Project, source_hash
from .error_report import report_url
from .markdown_scan import PROSE, plain, scan
from .permalinks import question_aliases
from .urls import page_url, permalink, relative_url, resolve_link
from .verdicts import Grade, grade_of, headline, kinds, main_question, opening, text_in, verdict_name, verdicts

EVIDENCE_REF_RE = re.compile(r"(\[[^\]]*\]\(([^)\s#]*)#([a-z0-9-]+)\))\{\s*\.evidence-ref\s*\}")


@dataclass
class RenderContext:
    project: Project
    lang: str                 # language being built
    rel: str                  # page path inside the language folder
    url: str                  # page URL relative to the site root, e.g. es/cosmetic/hair-growth/
    english: Page             # the English page: the science
    translation: Page | None  # the translated page, None for English or fallback
    today: dt.date
    site_root_url: str = "/"
    repository: str = ""      # https://github.com/owner/repo for "Report an error" links; "" leaves them out

    @property
    def is_fallback(self) -> bool:
        return self.lang != self.project.default_language and self.translation is None

    @property
    def ui(self) -> dict[str, Any]:
        return self.project.ui_strings(self.lang)

    def site_url(self, rel_md: str, anchor: str = "") -> str:
        """Relative URL from this page to another page of the same language."""
        return relative_url(self.url, page_url(rel_md, self.lang, self.project.default_language), anchor)


@lru_cache(maxsize=None)
def icon_svg(name: str) -> str:
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def label_name(project: Project, label: str, lang: str) -> str:
    names = project.evidence.data.get(label, {}).get("name", {})
    return names.get(lang) or names.get(project.default_language) or label


def label_description(project: Project, label: str, lang: str) -> str:
    texts = project.evidence.data.get(label, {}).get("description", {})
    return texts.get(lang) or texts.get(project.default_language) or ""


def badge(ctx: RenderContext, label: str, prefix: str | None = None) -> str:
    entry = ctx.project.evidence.data.get(label, {})
    name = html.escape(label_name(ctx.project, label, ctx.lang))
    prefix = html.escape(prefix if prefix is not None else ctx.ui["evidence"])
    href = ctx.site_url("evidence-scale.md", label)
    shown_prefix = f'<span class="evidence-badge__prefix">{prefix}:</span> ' if prefix else ""
    return (f'<a class="evidence-badge evidence-badge--{label}" href="{href}">'
            f'{icon_svg(entry.get("icon", "help-circle-outline"))}{shown_prefix}'
            f'<strong class="evidence-badge__name">{name}</strong></a>')


def grade_badge(ctx: RenderContext, grade: Grade | None, prefix: str | None = None,
                with_strength: bool = True) -> str:
    """One badge for an answer: its verdict and the strength of its evidence, or 'practical'."""
    if grade is None:
        return ""
    project = ctx.project
    if grade.practical:
        entry = kinds(project).get("practical", {})
        return (f'<a class="evidence-badge evidence-badge--practical" href="{ctx.site_url("evidence-scale.md", "practical")}">'
                f'{icon_svg(entry.get("icon", "information-outline"))}'
                f'<strong class="evidence-badge__name">{html.escape(text_in(entry, "name", ctx.lang))}</strong></a>')
    verdict, strength = grade.verdict or "", grade.strength or ""
    entry = verdicts(project).get(verdict, {})
    prefix = html.escape(prefix if prefix is not None else ctx.ui["verdict"])
    prefix_html = f'<span class="evidence-badge__prefix">{prefix}:</span> ' if prefix else ""
    return (f'<a class="evidence-badge evidence-badge--{verdict}" href="{ctx.site_url("evidence-scale.md", verdict)}">'
            f'{icon_svg(entry.get("icon", "help-circle-outline"))}{prefix_html}'
            f'<strong class="evidence-badge__name">{html.escape(verdict_name(project, verdict, ctx.lang))}</strong>'
            + (f'<span class="evidence-badge__strength"> · {html.escape(ctx.ui["evidence"])}: '
               f'{html.escape(label_name(project, strength, ctx.lang))}</span>' if strength and with_strength else "")
            + '</a>')


@lru_cache(maxsize=4096)  # the same few review dates are written on every card and page
def format_date(value: dt.date, lang: str) -> str:
    from babel.dates import format_date as babel_format

    try:
        return babel_format(value, format="long", locale=lang)
    except Exception:  # unknown locale: ISO date is always readable
        return value.isoformat()


def _admonition(kind: str, title: str, text: str, extra: str = "") -> str:
    body = text + (f" {extra}" if extra else "")
    return f'!!! {kind} "{title}"\n\n    {body}\n'


def _notices(ctx: RenderContext) -> list[tuple[str, str]]:
    """The page's notices as (class, HTML), most important first: translation state, then the
    not-medical-advice note. One short line each; the full texts are on the About page."""
    ui = ctx.ui
    about = ctx.site_url("about.md")
    disclaimer = ("medical-disclaimer",
                  f'{html.escape(ui["card_disclaimer"])} '
                  f'<a href="{about}#not-medical-advice">{html.escape(ui["notice_more"])}</a>')
    if ctx.lang == ctx.project.default_language:
        return [disclaimer]
    english_link = (f'<a href="{html.escape(_english_url(ctx))}" hreflang="en">'
                    f'{html.escape(ui["english_page"])}</a>')
    notices = []
    if ctx.is_fallback:
        notices.append(("translation-fallback", ui["banner_fallback_title"], ui["banner_fallback_short"]))
    else:
        meta = ctx.translation.translation
        if meta.source_hash != source_hash(ctx.english):
            notices.append(("translation-outdated", ui["banner_outdated_title"], ui["banner_outdated_short"]))
        if not meta.reviewed:
            notices.append(("translation-draft", ui["banner_draft_title"], ui["banner_draft_short"]))
    shown = [(kind, f'<strong>{html.escape(title)}.</strong> {html.escape(text)}') for kind, title, text in notices]
    if shown:  # the link to the English page once, after the last translation notice
        kind, text = shown[-1]
        shown[-1] = (kind, text if ctx.is_fallback else f"{text} {english_link}")
    return shown + [disclaimer]


def _notice_line(ctx: RenderContext) -> str:
    """Translation notices and the not-medical-advice note: one compact box, not a stack. Every
    notice's class stays on it (translation-draft, medical-disclaimer, ...) for tests and print."""
    notices = _notices(ctx)
    classes = " ".join(["page-notice"] + [kind for kind, _ in notices])
    body = " <span aria-hidden=\"true\">·</span> ".join(f'<span>{text}</span>' for _, text in notices)
    return f'<p class="{classes}">{body}</p>\n'


def _english_url(ctx: RenderContext) -> str:
    return relative_url(ctx.url, page_url(ctx.rel, ctx.project.default_language, ctx.project.default_language))


def question_text(ctx: RenderContext, rel: str, qid: str) -> str:
    """A question's heading as a reader of this language sees it (English fallback, then the id)."""
    page = ctx.project.page_in(ctx.lang, rel)
    return next((h.text for h in page.questions if h.id == qid), qid) if page else qid


def _in_short(ctx: RenderContext) -> str:
    """The answer on the first screen: every question of the page with its verdict, linked to
    the answer (practical questions: just the link)."""
    claims = ctx.english.claims
    items = []
    for question in ctx.english.questions:
        claim = claims.get(question.id)
        if claim is None:
            continue
        grade = grade_of(ctx.project, claim)
        verdict = "" if grade.practical else " " + grade_badge(ctx, grade, "", with_strength=False)
        text = html.escape(plain(question_text(ctx, ctx.rel, question.id)))
        items.append(f'<li><a href="#{question.id}">{text}</a>{verdict}</li>')
    if not items:
        return ""
    title = html.escape(ctx.ui["in_short"])
    return (f'<section class="in-short" aria-labelledby="in-short-title">\n'
            f'<p class="in-short__title" id="in-short-title"><strong>{title}</strong></p>\n'
            f'<ul class="in-short__list">\n' + "\n".join(items) + '\n</ul>\n</section>\n')


def _page_header(ctx: RenderContext) -> str:
    ui, english = ctx.ui, ctx.english
    parts = []
    reviewed, due = english.reviewed, english.review_due
    if reviewed and due:
        parts.append(f'<p class="review-dates">{html.escape(ui["reviewed"])}: '
                     f'<time datetime="{reviewed}">{format_date(reviewed, ctx.lang)}</time> · '
                     f'{html.escape(ui["next_review"])}: '
                     f'<time datetime="{due}">{format_date(due, ctx.lang)}</time></p>\n')
    main = headline(ctx.project, ctx.english) if not ctx.english.is_info else None
    if main is not None:
        parts.append(f'<p class="headline-evidence">{grade_badge(ctx, main, ui["headline"])}</p>\n')
    if not ctx.english.is_info:
        parts.append(_in_short(ctx))
    if due and due < ctx.today:
        parts.append(_admonition("warning review-overdue", ui["reviewed"], ui["review_overdue"]))
    parts.append(_notice_line(ctx))
    return "\n".join(part for part in parts if part)


def number_sources(english: Page) -> list[str]:
    """Source keys in citation order: inline first-appearance order, then listed-only ones."""
    order: list[str] = []
    claims = english.claims
    for cite in english.citations:
        if cite.key not in order:
            order.append(cite.key)
    for question in english.questions:
        claim = claims.get(question.id)
        for key in claim.sources if claim else ():
            if key not in order:
                order.append(key)
    return order


def _cite(ctx: RenderContext, key: str, numbers: dict[str, int]) -> str:
    n = numbers.get(key)
    if n is None:
        return html.escape(f"[@{key}]")
    label = html.escape(f"{ctx.ui['source']} {n}")
    return f'<sup class="cite"><a href="#src-{key}" aria-label="{label}">[{n}]</a></sup>'


def _source_links(entry: dict[str, Any]) -> list[str]:
    links = []
    if entry.get("doi"):
        doi = html.escape(str(entry["doi"]))
        links.append(f'<a href="https://doi.org/{doi}">doi:{doi}</a>')
    if entry.get("pmid"):
        pmid = html.escape(str(entry["pmid"]))
        links.append(f'<a href="https://pubmed.ncbi.nlm.nih.gov/{pmid}/">PubMed {pmid}</a>')
    if entry.get("nct"):
        nct = html.escape(str(entry["nct"]))
        links.append(f'<a href="https://clinicaltrials.gov/study/{nct}">ClinicalTrials.gov {nct}</a>')
    if entry.get("url"):
        url = html.escape(str(entry["url"]))
        links.append(f'<a href="{url}">{url}</a>')
    return links


def source_entry_html(ctx: RenderContext, key: str) -> str:
    entry = ctx.project.sources.data.get(key) or {}
    kind = ctx.ui.get("source_types", {}).get(entry.get("type"), entry.get("type", ""))
    parts = []
    if entry.get("authors"):
        parts.append(html.escape(str(entry["authors"])).rstrip(".") + ".")
    parts.append(f'<cite>{html.escape(str(entry.get("title", "")))}</cite>.')
    where = ", ".join(html.escape(str(entry[k])) for k in ("container", "year") if entry.get(k))
    if where:
        parts.append(f"<em>{where}</em>.")
    # the reference is English text: marked as such, and isolated so that in a right-to-left page
    # its punctuation stays where it belongs (".Dermatology, 2023" otherwise)
    reference = f'<bdi class="source-ref" lang="en" dir="ltr">{" ".join(parts)}</bdi>'
    kind_html = f'<span class="source-type">[{html.escape(str(kind))}]</span>'
    links = f'<bdi class="source-links" dir="ltr">{" · ".join(_source_links(entry))}</bdi>'
    return f"{reference} {kind_html} {links}"


def _sources_section(ctx: RenderContext, order: list[str]) -> str:
    items = "\n".join(f'<li id="src-{key}">{source_entry_html(ctx, key)}</li>' for key in order)
    return f'\n\n## {ctx.ui["sources"]} {{#sources}}\n\n<ol class="source-list">\n{items}\n</ol>\n'


def _question_footer(ctx: RenderContext, claim: Claim, numbers: dict[str, int],
                     aliases: list[str] = ()) -> str:
    grade = grade_of(ctx.project, claim)
    cites = " ".join(_cite(ctx, key, numbers) for key in claim.sources)
    # old ids of a renamed question keep landing here (data/redirects.yml)
    anchors = "".join(f'<span id="{html.escape(old)}"></span>' for old in aliases)
    first = opening(ctx.project, grade.verdict, ctx.lang)
    lead = f'\n<p class="verdict-opening"><strong>{html.escape(first)}</strong></p>\n' if first else ""
    return (f'<p class="question-evidence">{anchors}{grade_badge(ctx, grade)} '
            f'<span class="question-sources">{html.escape(ctx.ui["sources"])}: {cites}</span></p>\n'
            f'{_label_changed(ctx, claim.id)}{lead}')


def _label_changed(ctx: RenderContext, qid: str) -> str:
    """'Label changed on <date>.' under an answer for a year after its grade changed
    (data/changelog.yml), linked to the entry on the What changed page."""
    from .changelog import recent_change

    entry = recent_change(ctx.project, ctx.rel, qid, ctx.today)
    if entry is None or ctx.project.english("what-changed.md") is None:
        return ""
    date = f'<time datetime="{entry.date}">{html.escape(format_date(entry.date, ctx.lang))}</time>'
    text = html.escape(ctx.ui["label_changed"]).replace("{date}", date)
    return f'<p class="label-changed"><a href="{ctx.site_url("what-changed.md", entry.id)}">{text}</a></p>\n'



def _label_in_english(ctx: RenderContext, grade: Grade) -> str:
    """The answer's label as the maintainers read it (English names, then ids) for an error report."""
    project, en = ctx.project, ctx.project.default_language
    if grade.practical:
        return f'{text_in(kinds(project).get("practical", {}), "name", en)} (practical)'
    strength = f" · {label_name(project, grade.strength, en)}" if grade.strength else ""
    ids = "/".join(x for x in (grade.verdict, grade.strength) if x)
    return f"{verdict_name(project, grade.verdict or '', en)}{strength} ({ids})"


def _report_link(ctx: RenderContext, qid: str) -> str:
    """'Report an error' under an answer: a prefilled GitHub issue form, or nothing without a repository."""
    claim = ctx.english.claims.get(qid)
    if not ctx.repository or claim is None:
        return ""
    url = report_url(ctx.repository, page=ctx.rel, question=qid, language=ctx.lang,
                     label=_label_in_english(ctx, grade_of(ctx.project, claim)),
                     permalink=permalink(ctx.rel, qid, ctx.lang, ctx.project.default_language, ctx.site_root_url))
    return (f'\n<p class="report-error"><a href="{html.escape(url)}" rel="nofollow">'
            f'{html.escape(ctx.ui["report_error"])}</a></p>\n')


def _evidence_refs(ctx: RenderContext, line: str) -> str:
    def replace(match: re.Match) -> str:
        link, path, anchor = match.group(1), match.group(2), match.group(3)
        rel = resolve_link(ctx.rel, path)
        target = ctx.project.english(rel)
        claim = target.claims.get(anchor) if target else None
        return f"{link} {grade_badge(ctx, grade_of(ctx.project, claim), '')}" if claim else link
    return EVIDENCE_REF_RE.sub(replace, line)


def render_page(markdown: str, ctx: RenderContext) -> str:
    claims = ctx.english.claims
    order = number_sources(ctx.english) if not ctx.english.is_info else []
    numbers = {key: i + 1 for i, key in enumerate(order)}
    aliases = question_aliases(ctx.project, ctx.rel)
    header = _page_header(ctx)
    tables = {}
    from .generate import QUESTION_GENERATORS
    if ctx.english.generated in QUESTION_GENERATORS:
        tables = QUESTION_GENERATORS[ctx.english.generated](ctx)
    out: list[str] = []
    header_done = False
    answer = None  # the question whose answer is being read: its report link goes after it
    for scanned in scan(markdown):
        line, heading = scanned.text, scanned.heading
        if scanned.kind != PROSE:
            out.append(line)
            continue
        if heading and not header_done and heading.level == 1:
            out.extend([line, "", header])
            header_done = True
            continue
        if heading and heading.level <= 2 and answer:
            out.extend(["", _report_link(ctx, answer), ""])
            answer = None
        if heading and heading.level == 2:
            out.append(line)
            answer = heading.id if heading.id in claims else None
            if heading.id in claims:
                out.extend(["", _question_footer(ctx, claims[heading.id], numbers, aliases.get(heading.id, []))])
            elif heading.id in tables:
                out.extend(["", tables[heading.id]])
            continue
        line = CITATION_RE.sub(lambda m: _cite(ctx, m.group(1), numbers), line)
        out.append(_evidence_refs(ctx, line))
    if answer:
        out.extend(["", _report_link(ctx, answer)])
    if not header_done:
        out = [header, ""] + out
    text = "\n".join(out)
    if order:
        text += _sources_section(ctx, order)
    return text
