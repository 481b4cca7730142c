"""Permanent answer links. `permalinks.lock.yml` records every published page and question id;
`data/redirects.yml` records moves. A locked id that disappears without a redirect fails the check.

    python -m scripts.permalinks lock     # add new pages/questions to the lock file
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Iterator

import yaml

from . import yamlfile
from .content import DataFile, Project, load_project
from .report import Problem
from .urls import permalink

LOCK = "permalinks.lock.yml"
REDIRECTS = "data/redirects.yml"


def current_ids(project: Project) -> dict[str, list[str]]:
    if "ids" not in project.cache:
        project.cache["ids"] = {rel: [q.id for q in page.questions if q.id]
                                for rel, page in sorted(project.pages.get(project.default_language, {}).items())}
    return project.cache["ids"]


def load_redirects(project: Project) -> tuple[DataFile, list[Problem]]:
    """data/redirects.yml; without one, no redirects (nothing has moved yet)."""
    if not (project.root / REDIRECTS).exists():
        return DataFile(REDIRECTS, yamlfile.YamlDoc(), {}), []
    return project.data_file(REDIRECTS)


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
    lock, problems = project.data_file(LOCK)
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
        existing = yamlfile.safe_load(path.read_text(encoding="utf-8")) or {}
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
    project.forget_data_file(LOCK)
    return added


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] != ["lock"]:
        print(__doc__)
        return 2
    from .changelog import GRADE_LOCK, write_grade_lock

    project = load_project(".")
    english = project.pages.get(project.default_language, {}).values()
    unreadable = {page.path for page in english if not page.readable}
    if unreadable:   # its questions and grades are unknown: locking now would drop them
        from .report import format_all
        print(format_all([p for p in project.problems if p.path in unreadable]))
        print(f"nothing locked: {len(unreadable)} English page(s) cannot be read; fix them first")
        return 1
    added = write_lock(project)
    print(f"{LOCK}: {added} new permalink(s) recorded")
    changed = write_grade_lock(project)
    print(f"{GRADE_LOCK}: {changed} grade(s) recorded as new or changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
