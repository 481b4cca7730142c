"""The evidence changelog: every dated change of an answer's grade, with its reason and sources.

- grades.lock.yml records the grade each English question has now (`make lock` writes it).
- data/changelog.yml records why and when a grade changed, or a question was added or removed.

A grade that differs from the lock, or a question added or removed, without a matching
changelog entry fails the check. The What changed page, the Atom feeds, the "label changed"
note under an answer and the `history` of faq.json are all read from here.

A grade is written as one word: `<verdict>/<strength>`, `practical`, or `label:<id>` (the one
evidence label of evidence model 1, used before 2026-11-29); null when the question is not on
the site (before it was added, after it was removed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

import yaml

from .content import DataFile, Project, parse_date
from .report import Problem
from .verdicts import Grade, grade_of, kinds, text_in, verdict_name, verdicts

CHANGELOG = "data/changelog.yml"
GRADE_LOCK = "grades.lock.yml"
NOTE_DAYS = 365     # the "label changed" note stays on an answer for a year
HINT = "add an entry to data/changelog.yml, then `make lock`"


@dataclass(frozen=True)
class Change:
    page: str
    question: str
    before: str | None
    after: str | None
    index: int          # position in its entry's `changes:` list


@dataclass(frozen=True)
class Entry:
    id: str
    date: dt.date | None
    title: dict[str, str]
    reason: dict[str, str]
    sources: tuple[str, ...]
    changes: tuple[Change, ...]
    order: int          # position in data/changelog.yml

    def text(self, field: str, lang: str, default: str = "en") -> str:
        values = getattr(self, field)
        return values.get(lang) or values.get(default) or ""


def grade_key(grade: Grade) -> str:
    return "practical" if grade.practical else f"{grade.verdict}/{grade.strength}"


def current_grades(project: Project) -> dict[tuple[str, str], str]:
    """(page, question id) -> grade of every question of every English claim page."""
    if "grades" not in project.cache:
        grades = {}
        for rel, page in sorted(project.pages.get(project.default_language, {}).items()):
            if not page.readable or page.is_info:
                continue
            claims = page.claims
            for question in page.questions:
                if question.id in claims:
                    grades[(rel, question.id)] = grade_key(grade_of(project, claims[question.id]))
        project.cache["grades"] = grades
    return project.cache["grades"]


def _texts(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def load_changelog(project: Project) -> tuple[DataFile, list[Entry], list[Problem]]:
    """The changelog file, its entries in file order, and the problems of reading it."""
    if "changelog" not in project.cache:
        data, problems = project.data_file(CHANGELOG)
        entries = []
        for order, (key, raw) in enumerate(data.data.items()):
            raw = raw if isinstance(raw, dict) else {}
            changes = []
            for index, change in enumerate(raw.get("changes") if isinstance(raw.get("changes"), list) else []):
                change = change if isinstance(change, dict) else {}
                changes.append(Change(str(change.get("page", "")), str(change.get("question", "")),
                                      change.get("from") if isinstance(change.get("from"), str) else None,
                                      change.get("to") if isinstance(change.get("to"), str) else None, index))
            sources = raw.get("sources") if isinstance(raw.get("sources"), list) else []
            entries.append(Entry(str(key), parse_date(raw.get("date")), _texts(raw.get("title")),
                                 _texts(raw.get("reason")), tuple(str(s) for s in sources), tuple(changes), order))
        project.cache["changelog"] = (data, entries, problems)
    return project.cache["changelog"]


def _chronological(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.date or dt.date.min, e.order))


def newest_first(project: Project) -> list[Entry]:
    """Dated entries, newest first (the What changed page and the feeds)."""
    _, entries, _ = load_changelog(project)
    return list(reversed(_chronological([e for e in entries if e.date])))


def current_key(project: Project, question: tuple[str, str]) -> tuple[str, str]:
    """Where a question lives now: itself, or the answer its old id or page redirects to
    (data/redirects.yml), so a renamed or moved answer keeps its history."""
    grades = current_grades(project)
    if question in grades:
        return question
    from .permalinks import load_redirects, resolve

    target = resolve(project, question[0], question[1], load_redirects(project)[0])
    return target if target and target[1] and target in grades else question


def history(project: Project, rel: str, qid: str) -> list[tuple[Entry, Change]]:
    """Every change of one question (under its old ids too), oldest first."""
    if "history" not in project.cache:
        found: dict[tuple[str, str], list[tuple[Entry, Change]]] = {}
        _, entries, _ = load_changelog(project)
        for entry in _chronological([e for e in entries if e.date]):
            for change in entry.changes:
                found.setdefault(current_key(project, (change.page, change.question)), []).append((entry, change))
        project.cache["history"] = found
    return project.cache["history"].get((rel, qid), [])


def recent_change(project: Project, rel: str, qid: str, today: dt.date) -> Entry | None:
    """The entry that last changed this answer's grade, if that was within a year of `today`
    (an added question is not a change of its label)."""
    for entry, change in reversed(history(project, rel, qid)):
        if change.before is not None and change.after is not None and entry.date and \
                entry.date <= today and (today - entry.date).days <= NOTE_DAYS:
            return entry
    return None


# --- grades as readers see them ----------------------------------------------------------------

def grade_parts(key: str | None) -> dict[str, Any] | None:
    """A grade word as data: {kind, verdict, strength, label}."""
    if key is None:
        return None
    if key == "practical":
        return {"kind": "practical", "verdict": None, "strength": None, "label": None}
    if key.startswith("label:"):
        return {"kind": "label", "verdict": None, "strength": None, "label": key[len("label:"):]}
    verdict, _, strength = key.partition("/")
    return {"kind": "graded", "verdict": verdict, "strength": strength, "label": None}


def grade_text(project: Project, key: str | None, lang: str) -> str:
    """The words of a grade in a language, as its badge says them."""
    from .render import label_name

    parts = grade_parts(key)
    if parts is None:
        return ""
    strings = project.ui_strings(lang)
    if parts["kind"] == "practical":
        return text_in(kinds(project).get("practical"), "name", lang, project.default_language)
    if parts["kind"] == "label":
        return f'{strings["evidence"]}: {label_name(project, parts["label"], lang)}'
    return (f'{verdict_name(project, parts["verdict"], lang)} · {strings["evidence"]}: '
            f'{label_name(project, parts["strength"], lang)}')


def _known_grade(project: Project, key: str) -> bool:
    parts = grade_parts(key)
    if parts["kind"] == "practical":
        return True
    if parts["kind"] == "label":
        return parts["label"] in project.evidence.data
    return parts["verdict"] in verdicts(project) and parts["strength"] in project.evidence.data


def published_questions(project: Project) -> set[tuple[str, str]]:
    """Every (page, question id) ever published: permalinks.lock.yml never forgets one."""
    from .permalinks import LOCK

    data = project.data_file(LOCK)[0].data  # {} when missing or unreadable: the permalink rules report it
    return {(str(rel), str(q)) for rel, ids in data.items() if isinstance(ids, list) for q in ids}


# --- the lock ----------------------------------------------------------------------------------

def read_grade_lock(project: Project) -> tuple[DataFile | None, dict[tuple[str, str], str], list[Problem]]:
    if not (project.root / GRADE_LOCK).exists():
        return None, {}, []
    data, problems = project.data_file(GRADE_LOCK)
    problems = list(problems)
    locked = {}
    for rel, questions in data.data.items():
        if isinstance(questions, dict):
            locked.update({(str(rel), str(q)): str(g) for q, g in questions.items()})
        else:
            problems.append(Problem(GRADE_LOCK, data.line(rel), "schema",
                                    f"{rel}: expected a mapping of question id to grade", "run: make lock"))
    return data, locked, problems


def write_grade_lock(project: Project) -> int:
    """Record every question's grade now; returns how many differ from the previous lock."""
    _, before, _ = read_grade_lock(project)
    grades = current_grades(project)
    tree: dict[str, dict[str, str]] = {}
    for (rel, qid), key in grades.items():
        tree.setdefault(rel, {})[qid] = key
    header = ("# The grade of every English question (verdict/strength, practical). A change needs an entry\n"
              "# in data/changelog.yml (date, from -> to, reason, sources). Update with: make lock\n")
    (project.root / GRADE_LOCK).write_text(
        header + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True), encoding="utf-8")
    project.forget_data_file(GRADE_LOCK)
    return sum(1 for q in set(before) | set(grades) if before.get(q) != grades.get(q))


# --- the check ---------------------------------------------------------------------------------

def _entry_problems(project: Project, data: DataFile, entry: Entry, today: dt.date,
                    known: set[tuple[str, str]]) -> Iterator[Problem]:
    raw = data.data.get(entry.id) if isinstance(data.data.get(entry.id), dict) else {}
    if "date" in raw and entry.date is None:
        yield Problem(CHANGELOG, data.line(entry.id, "date"), "changelog-date-invalid",
                      f"{entry.id}: date {raw['date']!r} is not a valid date", "use YYYY-MM-DD")
    elif entry.date and entry.date > today:
        yield Problem(CHANGELOG, data.line(entry.id, "date"), "changelog-date-future",
                      f"{entry.id}: date {entry.date} is in the future (today is {today})",
                      "date an entry on the day the change is published")
    for index, key in enumerate(entry.sources):
        if key not in project.sources.data:
            yield Problem(CHANGELOG, data.line(entry.id, "sources", index), "changelog-source-unknown",
                          f"{entry.id}: unknown source '{key}'", "use a key of data/sources.yml")
    for change in entry.changes:
        if (change.page, change.question) not in known:
            yield Problem(CHANGELOG, data.line(entry.id, "changes", change.index), "changelog-question-unknown",
                          f"{entry.id}: {change.page}#{change.question} is not a question of the site "
                          "(now or in grades.lock.yml)", "write the English page path and the question id")
        for side, key in (("from", change.before), ("to", change.after)):
            if key is not None and not _known_grade(project, key):
                yield Problem(CHANGELOG, data.line(entry.id, "changes", change.index, side), "changelog-grade-unknown",
                              f"{entry.id}: {side} '{key}' is not a grade",
                              "write <verdict>/<strength> (data/verdicts.yml, data/evidence.yml), practical, or null")


def check_changelog(project: Project, today: dt.date) -> Iterator[Problem]:
    """Every grade change, added or removed question is in data/changelog.yml, and the
    changelog's own entries are valid and agree with each other and with the pages."""
    from .rules import schema_problems

    data, entries, problems = load_changelog(project)
    yield from problems
    yield from schema_problems("changelog.schema.json", data.data, data.path, data.line)
    lock, locked, lock_problems = read_grade_lock(project)
    yield from lock_problems
    if lock is None:
        yield Problem(GRADE_LOCK, 1, "grade-lock-missing", "no lock file of the answers' grades",
                      "run: make lock (and commit it)")
    grades = current_grades(project)
    known = set(grades) | set(locked) | published_questions(project)
    for entry in entries:
        yield from _entry_problems(project, data, entry, today, known)
    # a renamed or moved answer (data/redirects.yml) is the same answer under its new address
    aliases = {q: current_key(project, q) for q in known}
    now_locked = {aliases[q]: grade for q, grade in locked.items()}
    known = {aliases[q] for q in known}
    reported: set[tuple[str, str]] = set()
    # the lock against the pages: every difference needs its entry
    for question in sorted(known) if lock is not None else []:
        before, now = now_locked.get(question), grades.get(question)
        if before == now:
            continue
        logged = any(c.before == before and c.after == now for _, c in history(project, *question))
        rel, qid = question
        page = project.english(rel)
        if now is not None:
            path, line = page.path, page.line("claims", qid)
        else:
            path, line = GRADE_LOCK, lock.line(rel, qid)
        if logged:
            yield Problem(path, line, "grade-not-locked",
                          f"{rel}#{qid}: the grade {now or 'removed'} is in the changelog but not in {GRADE_LOCK}",
                          "run: make lock (and commit it)")
            continue
        reported.add(question)
        if before is None:
            yield Problem(path, line, "question-added-unlogged",
                          f"new question {rel}#{qid} ({now}) has no changelog entry", f"{HINT} (from: null, to: {now})")
        elif now is None:
            yield Problem(path, line, "question-removed-unlogged",
                          f"question {rel}#{qid} ({before}) was removed without a changelog entry",
                          f"{HINT} (from: {before}, to: null)")
        else:
            yield Problem(path, line, "grade-changed-unlogged",
                          f"{rel}#{qid} changed from {before} to {now} without a changelog entry",
                          f"{HINT} (from: {before}, to: {now})")
    # each question's history is one chain: null -> ... -> its grade now
    for question in sorted(known):
        steps = history(project, *question)
        if question in reported or (not steps and question not in grades):
            continue
        if not steps:  # locked without an entry
            rel, qid = question
            yield Problem(project.english(rel).path, project.english(rel).line("claims", qid),
                          "question-added-unlogged", f"question {rel}#{qid} ({grades[question]}) has no changelog entry",
                          f"{HINT} (from: null, to: {grades[question]})")
            continue
        previous = None
        for entry, change in steps:
            if change.before != previous:
                yield Problem(CHANGELOG, data.line(entry.id, "changes", change.index, "from"), "changelog-mismatch",
                              f"{entry.id}: {question[0]}#{question[1]} from {change.before} does not follow the "
                              f"entry before it (to {previous})",
                              "the first entry of a question starts from null; each next one from the last 'to'")
            previous = change.after
        if previous != grades.get(question):
            entry, change = steps[-1]
            yield Problem(CHANGELOG, data.line(entry.id, "changes", change.index, "to"), "changelog-mismatch",
                          f"{entry.id}: {question[0]}#{question[1]} ends at {previous} but the page says "
                          f"{grades.get(question)}", "the last entry of a question ends at its grade now")
