"""MkDocs hooks: plain functions, one job each. They call the same checker as `make check`."""

from __future__ import annotations

import logging
import re
import sys
from functools import partial
from urllib.parse import urljoin, urlsplit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402

from scripts.checker import ClockError, check, cycle_collector_paused, today_from_env  # noqa: E402
from scripts.generate import generated_content  # noqa: E402
from scripts.render import RenderContext, render_page  # noqa: E402
from scripts.preview import error_panel  # noqa: E402
from scripts.error_report import repository_url  # noqa: E402
from scripts.report import errors  # noqa: E402
from scripts.search_index import forget_earlier_builds, language_base, merge_with_earlier, searched_part, searched  # noqa: E402
from scripts.outputs import cards_then_gate, write_after_build  # noqa: E402
from scripts.background import Prefetched, Worker, stop_all  # noqa: E402
from scripts.old_site import delete_in_background  # noqa: E402
from scripts.html_fixes import fix_not_found_page, fix_theme_html  # noqa: E402
from scripts.output_allowlist import check_site, gated_later  # noqa: E402
from scripts.localize import html_direction, localize_theme  # noqa: E402
from scripts.not_found import localize_not_found, universal_page  # noqa: E402
from scripts.search_fold import accent_folding_languages, add_accent_folding, add_common_words, common_words  # noqa: E402
from scripts.template_cache import use_cache  # noqa: E402
from scripts.html_stash import HtmlStash  # noqa: E402
from scripts.page_markdown import Progress, expected_pages, page_markdown  # noqa: E402
from scripts.derived_cache import save_all  # noqa: E402
from scripts.serve_watch import watch_natively  # noqa: E402
from scripts.preview_scope import limit_languages, preview_language, render_every_page, shared_fingerprint  # noqa: E402

log = logging.getLogger("mkdocs.hooks.exofaq")
ALTERNATE_RE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')
_state: dict = {}
_stashes: dict = {}  # page source -> its HtmlStash, from on_page_markdown to on_page_content
_full_content: dict = {}  # page source -> its HTML, while the search plugin reads the searched part


def _current_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or "en"


def _default_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "default_language", None) or "en"


def _serving() -> bool:
    """`make serve`: a process that lives on from one rebuild to the next."""
    return _state.get("command") == "serve"


def on_startup(command, dirty=False, **kwargs):
    """`serve` previews content with errors (shown on the pages); build and gh-deploy abort."""
    _state["command"] = command
    _state["dirty"] = bool(dirty)  # `make serve LANG_CODE=xx`: each save renders only what changed


def on_serve(server, config, builder, **kwargs):
    """`make serve` starts a rebuild as soon as a file is saved (scripts/serve_watch.py)."""
    return watch_natively(server, later=config.watch)


def on_config(config, **kwargs):
    """Run the checker once per build; abort the build on any error (the preview shows them)."""
    root = Path(config.config_file_path).resolve().parent
    try:
        today = today_from_env()
    except ClockError as exc:
        raise PluginError(str(exc)) from None
    if _current_language(config) == _default_language(config):
        _state["site_dir"] = Path(config.site_dir)
    if not getattr(config.plugins.get("i18n"), "building", False):
        forget_earlier_builds(config.plugins)  # a new build, not one of i18n's per-language builds
    _scope_preview(config, root)
    fingerprint = _fingerprint(root)
    if _state.get("fingerprint") == fingerprint:  # i18n builds every language with the same, already checked content
        localize_theme(config, _state["project"].ui_strings(_current_language(config)))
        return config
    preview = _state.get("preview_lang")  # a preview checks only what it shows: English and that language
    project, problems = check(root, today, only=(preview,) if preview else (),
                              long_running=_serving())
    for problem in problems:
        if problem in errors(problems):
            log.error(problem.format())
        else:
            log.info(problem.format())
    preview_errors = errors(problems) if _serving() else []
    if errors(problems) and not preview_errors:
        raise PluginError(f"content check failed with {len(errors(problems))} error(s); nothing was published")
    if preview_errors:
        log.warning("content check failed with %d error(s) (above); the preview shows them on every page",
                    len(preview_errors))
    _state.update(fingerprint=fingerprint, project=project, today=today, preview_errors=preview_errors)
    _start_worker(project, config, today)
    localize_theme(config, project.ui_strings(_current_language(config)))
    return config


def _build_order(project) -> list[str]:
    """The languages in the order mkdocs-static-i18n builds them: the default one first."""
    default = project.default_language
    return [default, *(lang for lang in project.languages if lang != default)]


def _scope_preview(config, root: Path) -> None:
    """`make serve LANG_CODE=xx`: English and that language only (scripts/preview_scope.py)."""
    preview = preview_language(_state.get("command"))
    _state["preview_lang"] = preview
    if not preview:
        return
    plugin = config.plugins.get("i18n")
    if plugin is not None and not getattr(plugin, "building", False):
        try:
            built = limit_languages(plugin, preview)
        except ValueError as problem:
            raise PluginError(str(problem)) from None
        log.info("preview of %s: only these languages are built, after-build files skipped", ", ".join(built))
    shared = shared_fingerprint(root)
    if _state.get("shared") not in (None, shared):
        _state["render_all"] = True  # data or theme changed: every page of this rebuild
    _state["shared"] = shared


def on_env(env, config, files, **kwargs):
    """Theme templates compiled once per process, not once per language and save."""
    return use_cache(env)


def on_pre_build(config, **kwargs):
    """A full build: the last build's output is deleted beside it, not before it (scripts/old_site.py)."""
    plugin = config.plugins.get("i18n")
    if _serving() or _state.get("dirty") or getattr(plugin, "building", False) or "site_dir" not in _state:
        return
    _state["old_site"] = delete_in_background(_state["site_dir"])


def _old_site_deleted() -> None:
    deletion = _state.pop("old_site", None)
    if deletion is not None:
        deletion.finish()


def on_files(files, config, **kwargs):
    if _state.get("render_all"):
        render_every_page(files)
    _start_cards(config)
    return files


def _start_worker(project, config, today) -> None:
    """A build (not `make serve`) hands work that needs no rendered page to one forked process
    (scripts/background.py): each language's pages as the hook makes them before Markdown
    (scripts/page_markdown.py), ahead of MkDocs, with faq.json and the embed cards and their
    output gate half way (started once site/ is cleaned, in on_files); then each language's
    pages, gated once MkDocs has written them (on_post_build)."""
    _state.pop("background", None)
    if _serving():
        return
    site_url = config.get("site_url") or "/"
    site_dir = _state.get("site_dir", Path(config.site_dir))
    repository = repository_url(config.extra.get("repository"))
    progress, per_language = Progress(), len(project.pages.get(project.default_language, {}))
    jobs = [partial(cards_then_gate, site_dir, project, site_url, today)]
    jobs += [partial(expected_pages, project, lang, today, site_url, repository, progress, index * per_language)
             for index, lang in enumerate(_build_order(project))]
    worker = Worker(jobs)
    if not worker.forked:
        return  # every page is worked out when MkDocs renders it, the cards written after the build
    for index in range(1, 1 + _languages_before_cards(len(jobs) - 1)):
        worker.start(index)
    _state["background"] = {"worker": worker, "cards": None, "gates": [], "pending": [], "progress": progress,
                            "pages": Prefetched(worker, *range(1, len(jobs))), "ahead": 0}


def _start_cards(config) -> None:
    """site/ is cleaned: the worker may write faq.json and the cards (job 0), then make the
    pages of the other languages."""
    plugin = config.plugins.get("i18n")
    background = _state.get("background")
    if background and not getattr(plugin, "building", False) and background["cards"] is None:
        worker = background["worker"]
        background["cards"] = worker.start(0)
        for index in range(1 + _languages_before_cards(len(worker.jobs) - 1), len(worker.jobs)):
            worker.start(index)


def _languages_before_cards(languages: int) -> int:
    """How many languages' pages the worker makes before faq.json and the cards. The cards take
    about as long as two languages' pages and are needed only at the end: made first, the build
    would make the first languages' pages itself; made last, it waited 2-3 s for them at its end.
    Half the languages, then the cards, then the pages the build has not reached by then."""
    return (languages + 1) // 2


def _gate_in_background(site_dir: Path) -> None:
    """The output gate of the pages written since the last call, in the worker."""
    background = _state.get("background")
    if background and background["pending"]:
        background["gates"].append(background["worker"].submit(partial(gated_later, site_dir, list(background["pending"]))))
        background["pending"].clear()


def _collect_cards() -> tuple[dict | None, list]:
    """faq.json's questions per language (None: not written in the background) and the gated cards."""
    background = _state.get("background")
    if not background or background["cards"] is None:
        return None, []
    counts, cards = background["worker"].results(background["cards"])
    return counts, list(cards)


def _collect_gates() -> list:
    """Every page gated in the background, or here if the worker has not started on them yet;
    the worker's work is done."""
    background = _state.pop("background", None)
    if not background:
        return []
    log.info("pages made ahead by the worker: %d of %d (the others by the build itself)",
             background["ahead"], background["progress"].count)
    worker = background["worker"]
    for index in reversed(background["gates"]):  # the build gates the last pages itself while the worker gates the first
        worker.results(index, here_if_not_started=True)
    gated = [stamped for index in background["gates"] for batch in worker.results(index) for stamped in batch]
    worker.stop()
    return gated


def _fingerprint(root: Path) -> tuple:
    """Content identity: every docs/data/schema file with its size and mtime."""
    files = [p for folder in ("docs", "data", "schemas") for p in sorted((root / folder).rglob("*"))
             if p.is_file()]
    return (str(root), today_from_env(), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Badges, numbered citations, sources, dates, notices and banners."""
    project = _state["project"]
    lang = _current_language(config)
    file_lang = getattr(page.file, "locale", project.default_language)
    rel = getattr(page.file, "norm_src_uri", page.file.src_uri)
    english = project.english(rel)
    if english is None:
        return markdown
    if not searched(english.generated):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    site_url = config.get("site_url") or "/"
    repository = repository_url(config.extra.get("repository"))
    preview_errors = _state.get("preview_errors")
    if preview_errors:  # `make serve` with content errors: show them, render what can be rendered
        translation = project.translation(lang, rel) if file_lang == lang else None
        ctx = RenderContext(project=project, lang=lang, rel=rel, url=page.url, english=english,
                            translation=translation, today=_state["today"], site_root_url=site_url,
                            repository=repository)
        files = {f"docs/{project.default_language}/{rel}", f"docs/{file_lang}/{rel}", "data/ui.yml",
                 "data/sources.yml", "data/evidence.yml"}
        panel = error_panel(preview_errors, files)
        try:
            return panel + render_page(markdown, ctx) + generated_content(english.generated, ctx)
        except Exception as crash:  # bad content may break rendering; the panel says why
            log.warning("preview of %s rendered without badges: %s", page.file.src_uri, crash)
            return panel + markdown
    background = _state.get("background")  # the worker's page, if it is this one (scripts/page_markdown.py)
    made = None
    if background:
        background["progress"].asked()
        made = background["pages"].get((lang, rel, page.url, file_lang, markdown))
        background["ahead"] += made is not None
    made = made or page_markdown(project, lang, rel, page.url, file_lang, markdown, _state["today"], site_url,
                                 repository)
    page.meta["exofaq_head"], page.meta["exofaq_handout"] = made.head, made.handout
    _stashes[page.file.src_uri] = HtmlStash(made.blocks)  # finished HTML skips Markdown (scripts/html_stash.py)
    return made.markdown


def on_page_content(html, page, config, files, **kwargs):
    """The finished HTML put back."""
    stash = _stashes.pop(page.file.src_uri, None)
    if stash is not None:
        try:
            html = stash.restore(html)
        except ValueError as problem:
            raise PluginError(f"{page.file.src_uri}: {problem}") from None
    return html


@event_priority(100)  # before Material's search plugin reads the page
def _search_reads_the_answers(context, page, config, **kwargs):
    """The search plugin reads the page without its repeated parts (notices, badges, source
    lists: scripts/search_index.py), so they never reach the index nor cost it a parse."""
    if page.content and any(name.endswith("search") for name in config.plugins):
        _full_content[page.file.src_uri] = page.content
        page.content = searched_part(page.content)
    return context


@event_priority(-100)  # after the search plugin, before the template writes the page
def _readers_get_the_whole_page(context, page, config, **kwargs):
    full = _full_content.pop(page.file.src_uri, None)
    if full is not None:
        page.content = full
    return context


on_page_context = CombinedEvent(_search_reads_the_answers, _readers_get_the_whole_page)


def on_post_page(output, page, config, **kwargs):
    """Absolute hreflang alternates (plus x-default) and a per-language search base."""
    background = _state.get("background")
    if background is not None:  # written by MkDocs after this: gated at the end of its language's build
        background["pending"].append(page.file.dest_uri)
    project = _state["project"]
    lang = _current_language(config)
    output = _fix_theme(output, config)
    output = language_base(output, page.url, lang, project.default_language)
    site_url = config.get("site_url")
    if not site_url:
        return output
    here = urljoin(site_url, page.url)
    output = ALTERNATE_RE.sub(lambda m: f'{m.group(1)}{urljoin(here, m.group(2))}{m.group(3)}', output)
    english = re.search(rf'<link rel="alternate" href="([^"]*)" hreflang="{re.escape(project.default_language)}">',
                        output)
    if english:
        x_default = f'<link rel="alternate" href="{english.group(1)}" hreflang="x-default">'
        output = output.replace(english.group(0), f"{english.group(0)}\n    {x_default}", 1)
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(config, **kwargs):
    """Split the merged search index into one index per language; faq.json, embed cards,
    Atom feeds and redirects; then a CSP on every HTML file and the output allowlist gate."""
    plugin = config.plugins.get("i18n")
    site_dir = _state.get("site_dir", Path(config.site_dir))
    if plugin is None or getattr(plugin, "building", False):
        _gate_in_background(site_dir)  # this language's pages are written
        return  # a nested per-language build; the outermost build finishes the job
    _gate_in_background(site_dir)
    project = _state["project"]
    save_all(project.cache)  # the values this process worked out, for the next build (scripts/derived_cache.py)
    site_url = config.get("site_url") or "/"
    if _state.get("dirty"):  # the search entries of the pages this save did not render, from the last one
        _state["search_entries"] = merge_with_earlier(site_dir, _state.get("search_entries"))
    if _state.get("preview_lang"):
        _state["render_all"] = False
        log.info("preview of one language: search split, faq.json, embed cards, feeds, redirects and "
                 "the output allowlist skipped (`make build` makes them)")
        return
    if _state.get("preview_errors"):
        log.warning("preview with content errors: search split, faq.json, embed cards, feeds, redirects "
                    "and the output allowlist skipped (nothing is published from `make serve`)")
        return
    with cycle_collector_paused(long_running=_serving()):  # files written and checked: nothing here makes reference cycles
        faq_counts, gated = _collect_cards()
        report = write_after_build(site_dir, project, site_url, _state["today"], faq_counts)
        if not report["badge colours written"]:
            log.warning("no evidence label colours written: assets/site.css lacks the marker line of scripts/styles.py")
        for what, value in report.items():
            log.info("%s: %s", what, value)
        log.info("accent-insensitive search: %s", add_accent_folding(site_dir, project.languages,
                                                                       accent_folding_languages(project.root)))
        log.info("search without stop words and common words: %s", add_common_words(
            site_dir, common_words(project.root, project.languages), project.default_language))
        _write_not_found_pages(site_dir, project, site_url)
        # CSP meta on every file, then the allowlist (files gated in the background and not written since keep their findings)
        unsafe = check_site(site_dir, project, add_csp=True, gated=gated + _collect_gates())
        for problem in unsafe:
            log.error(problem.format())
        _old_site_deleted()
        if unsafe:
            raise PluginError(f"output allowlist: {len(unsafe)} problem(s) in the built HTML; do not publish site/")


def _write_not_found_pages(site_dir: Path, project, site_url: str) -> None:
    """Each language's own 404 page, and the one /404.html GitHub Pages serves for all of them."""
    rendered = _state.get("not_found", {})
    if set(rendered) != set(project.languages):
        return  # a single-language build (build_only_locale): keep the theme's page
    for lang, (page, _) in rendered.items():
        if lang != project.default_language:
            (site_dir / lang / "404.html").write_text(page, encoding="utf-8")
    site_path = urlsplit(site_url).path or "/"
    site_names = {lang: name for lang, (_, name) in rendered.items()}
    strings = {lang: project.ui_strings(lang) for lang in project.languages}
    (site_dir / "404.html").write_text(
        universal_page(site_path, project.languages, project.default_language, project.rtl_languages,
                       strings, site_names), encoding="utf-8")
    log.info("404 pages written: %d languages and the shared /404.html", len(rendered))


def on_build_error(error, **kwargs):
    _end_background()


def on_shutdown(**kwargs):
    _end_background()


def _end_background() -> None:
    """The build failed or the process ends: no worker, the old site/ deleted."""
    _state.pop("background", None)
    stop_all()
    _old_site_deleted()


def on_post_template(output_content, template_name, config, **kwargs):
    """The same theme HTML fixes for static templates such as 404.html."""
    if not template_name.endswith(".html") or "project" not in _state:
        return output_content
    project = _state["project"]
    output_content = _fix_theme(output_content, config)
    if template_name == "404.html":
        lang = _current_language(config)
        site_path = urlsplit(config.get("site_url") or "/").path or "/"
        output_content = fix_not_found_page(output_content, site_path, project.languages, project.default_language)
        output_content = localize_not_found(output_content, project.ui_strings(lang), site_path, lang,
                                            project.default_language)
        _state.setdefault("not_found", {})[lang] = (output_content, config.site_name)
    return output_content


def _fix_theme(html: str, config) -> str:
    lang = _current_language(config)
    strings = _state["project"].ui_strings(lang)
    return html_direction(fix_theme_html(html, strings["search_dialog"], lang))
