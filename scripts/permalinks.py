"""Permanent answer links. `permalinks.lock.yml` records every published page and question id;
`data/redirects.yml` records moves. A locked id that disappears without a redirect fails the check.

    python -m scripts.permalinks lock     # add new pages/questions to the lock file
"""

from __future__ import annotations

import datetime as dt
import posixpath
import sys
from pathlib import Path
from typing import Iterator

import yaml

from . import yamlfile
from .content import DataFile, Project, load_data_file, load_project
from .report import Problem

LOCK = "permalinks.lock.yml"
REDIRECTS = "data/redirects.yml"


def lang_prefix(lang: str, default: str) -> str:
    """URL folder of a language: the default language lives at the site root."""
    return "" if lang == default else f"{lang}/"


def page_path(rel: str) -> str:
    """URL path of a page inside its language: cosmetic/hair-growth.md -> cosmetic/hair-growth/."""
    stem = rel[:-3]
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def permalink(rel: str, qid: str | None, lang: str, default: str, site_url: str = "/") -> str:
    return f"{site_url.rstrip('/')}/{lang_prefix(lang, default)}{page_path(rel)}" + (f"#{qid}" if qid else "")


def current_ids(project: Project) -> dict[str, list[str]]:
    if "ids" not in project.cache:
        project.cache["ids"] = {rel: [q.id for q in page.questions if q.id]
                                for rel, page in sorted(project.pages.get(project.default_language, {}).items())}
    return project.cache["ids"]


def load_redirects(project: Project) -> tuple[DataFile, list[Problem]]:
    if "redirects" not in project.cache:
        if not (project.root / REDIRECTS).exists():
            project.cache["redirects"] = (DataFile(REDIRECTS, yamlfile.YamlDoc(), {}), [])
        else:
            project.cache["redirects"] = load_data_file(project.root, REDIRECTS)
    return project.cache["redirects"]


def _section(data: DataFile, name: str) -> dict[str, str]:
    section = data.data.get(name) if isinstance(data.data, dict) else None
    return {str(k): str(v) for k, v in section.items()} if isinstance(section, dict) else {}


def resolve(project: Project, rel: str, qid: str | None, redirects: DataFile) -> tuple[str, str | None] | None:
    """Follow redirects (at most 10 hops) to a page and question that exist now."""
    pages, questions = _section(redirects, "pages"), _section(redirects, "questions")
    ids = current_ids(project)
    for _ in range(10):
        key = f"{rel}#{qid}" if qid else rel
        if qid and key in questions:
            rel, _, qid = questions[key].partition("#")
            qid = qid or None
            continue
        if rel not in ids:
            if rel in pages:
                rel = pages[rel]
                continue
            return None
        if qid and qid not in ids[rel] and qid not in _anchors(project, rel):
            return None
        return rel, qid
    return None


def _anchors(project: Project, rel: str) -> set[str]:
    page = project.english(rel)
    return page.anchors if page else set()


def check_permalinks(project: Project, today: dt.date) -> Iterator[Problem]:
    lock_path = project.root / LOCK
    if not lock_path.exists():
        yield Problem(LOCK, 1, "permalink-lock-missing", "no lock file of published permalinks",
                      "run: make lock")
        return
    lock, problems = load_data_file(project.root, LOCK)
    yield from problems
    redirects, problems = load_redirects(project)
    yield from problems
    default = project.default_language
    for rel, ids in lock.data.items():
        ids = ids if isinstance(ids, list) else []
        if resolve(project, str(rel), None, redirects) is None:
            yield Problem(LOCK, lock.line(rel), "permalink-removed",
                          f"page {rel} ({permalink(str(rel), None, default, default)}) was published "
                          "and no longer exists",
                          f"restore it, or add a redirect under 'pages:' in {REDIRECTS}")
            continue
        for index, qid in enumerate(ids):
            if resolve(project, str(rel), str(qid), redirects) is None:
                yield Problem(LOCK, lock.line(rel, index), "permalink-removed",
                              f"question '{qid}' ({permalink(str(rel), str(qid), default, default)}) was "
                              "published and no longer exists",
                              f"restore the id, or add '{rel}#{qid}: <page>.md#<new-id>' under "
                              f"'questions:' in {REDIRECTS}")
    for kind in ("pages", "questions"):
        for source, target in _section(redirects, kind).items():
            rel, _, qid = target.partition("#")
            if resolve(project, rel, qid or None, redirects) is None:
                yield Problem(REDIRECTS, redirects.line(kind, source), "redirect-broken",
                              f"redirect target '{target}' does not exist")
    for rel, ids in current_ids(project).items():
        locked = lock.data.get(rel)
        missing = [q for q in ids if not isinstance(locked, list) or q not in locked]
        if locked is None or missing:
            yield Problem(project.english(rel).path, 1, "permalink-not-locked",
                          f"new permalink(s) not yet in {LOCK}: {rel}" + (f"#{', #'.join(missing)}" if missing else ""),
                          "run: make lock (and commit the lock file)")


def question_aliases(project: Project, rel: str) -> dict[str, list[str]]:
    """For a page: new question id -> old ids that were renamed to it on the same page."""
    redirects, _ = load_redirects(project)
    aliases: dict[str, list[str]] = {}
    for source, target in _section(redirects, "questions").items():
        old_rel, _, old_id = source.partition("#")
        new_rel, _, new_id = target.partition("#")
        if old_rel == rel and new_rel == rel and new_id:
            aliases.setdefault(new_id, []).append(old_id)
    return aliases


def page_redirects(project: Project) -> dict[str, str]:
    redirects, _ = load_redirects(project)
    return _section(redirects, "pages")


def write_lock(project: Project) -> int:
    path = project.root / LOCK
    existing = {}
    if path.exists():
        existing = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    merged = {rel: list(ids) for rel, ids in existing.items()}
    added = 0
    for rel, ids in current_ids(project).items():
        merged.setdefault(rel, [])
        for qid in ids:
            if qid not in merged[rel]:
                merged[rel].append(qid)
                added += 1
    header = ("# Every published page and question id. Never remove an entry: clinics link to them.\n"
              "# A removed or renamed id needs a redirect in data/redirects.yml. Update with: make lock\n")
    path.write_text(header + yaml.safe_dump(dict(sorted(merged.items())), sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return added


def redirect_html(target_url: str, lang: str) -> str:
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>Moved</title>'
            f'<link rel="canonical" href="{target_url}"><meta http-equiv="refresh" content="0; url={target_url}">'
            f'<meta name="robots" content="noindex"></head><body><p><a href="{target_url}">{target_url}</a></p>'
            f'</body></html>\n')


def write_page_redirects(site_dir: Path, project: Project) -> int:
    count = 0
    for old, new in page_redirects(project).items():
        for lang in project.languages:
            prefix = lang_prefix(lang, project.default_language)
            old_dir = site_dir / prefix / page_path(old)
            new_url = posixpath.relpath(f"/{prefix}{page_path(new)}", f"/{prefix}{page_path(old)}") + "/"
            old_dir.mkdir(parents=True, exist_ok=True)
            (old_dir / "index.html").write_text(redirect_html(new_url.replace("//", "/"), lang), encoding="utf-8")
            count += 1
    return count


def write_page_sitemaps(site_dir: Path, project: Project, site_url: str) -> int:
    """Sitemaps where Material's language switcher looks for them: it fetches `sitemap.xml`
    relative to each hreflang alternate. Next to every page: that page and its translations;
    at each language root: every page of that language. (The site root has the full sitemap.)
    Answering these requests keeps 404 errors out of the reader's console."""
    from xml.sax.saxutils import escape, quoteattr

    default = project.default_language

    def url_entry(rel: str, lang: str) -> str:
        links = "".join(f'<xhtml:link rel="alternate" hreflang={quoteattr(other)} '
                        f'href={quoteattr(permalink(rel, None, other, default, site_url))}/>'
                        for other in project.languages)
        return f"<url><loc>{escape(permalink(rel, None, lang, default, site_url))}</loc>{links}</url>"

    def write(target: Path, entries: list[str]) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                          'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">' + "".join(entries)
                          + "</urlset>\n", encoding="utf-8")

    count = 0
    pages = list(current_ids(project))
    for lang in project.languages:
        prefix = lang_prefix(lang, default)
        for rel in pages:
            if page_path(rel):
                write(site_dir / prefix / page_path(rel) / "sitemap.xml", [url_entry(rel, lang)])
            elif lang != default:
                write(site_dir / prefix / "sitemap.xml", [url_entry(r, lang) for r in pages])
            else:
                continue
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] != ["lock"]:
        print(__doc__)
        return 2
    added = write_lock(load_project("."))
    print(f"{LOCK}: {added} new permalink(s) recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
