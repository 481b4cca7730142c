"""The evidence model: a verdict and a strength on every graded answer, practical questions
without a grade, and one registry of advertised claims (data/claims.yml) that answers refer to.

- data/verdicts.yml: verdicts (names, meanings, opening sentences), kinds of question, and the
  rules tying verdict, strength, subject and cited source types together.
- data/evidence.yml: the strength scale (best evidence in people for that exact use).
- data/claims.yml: each advertised claim once: wording per language, where it is made, verdict
  and strength on the advert's own words, and its main answer.

Everything else (render, faq.json, cards, overview, claims-we-checked) asks `grade_of` and
`headline`, so a label is declared once and computed everywhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

from .content import Claim, DataFile, Page, Project
from .report import Problem

VERDICTS_FILE = "data/verdicts.yml"
REGISTRY_FILE = "data/claims.yml"
GRADE_KEYS = ("verdict", "strength", "about", "claim", "negates")
FLIP = {"yes-true": "no-false", "no-false": "yes-true"}


@dataclass(frozen=True)
class Grade:
    kind: str                  # "graded" or "practical"
    verdict: str | None = None
    strength: str | None = None
    about: str = "treatment"
    claim: str | None = None   # registry id, when the answer refers to an advertised claim

    @property
    def practical(self) -> bool:
        return self.kind == "practical"


def verdict_data(project: Project) -> DataFile:
    return project.data_file(VERDICTS_FILE)[0]


def registry(project: Project) -> DataFile:
    return project.data_file(REGISTRY_FILE)[0]


def verdicts(project: Project) -> dict[str, Any]:
    value = verdict_data(project).data.get("verdicts")
    return value if isinstance(value, dict) else {}


def kinds(project: Project) -> dict[str, Any]:
    value = verdict_data(project).data.get("kinds")
    return value if isinstance(value, dict) else {}


def text_in(entry: Any, field: str, lang: str, default_lang: str = "en") -> str:
    values = entry.get(field) if isinstance(entry, dict) else None
    if not isinstance(values, dict):
        return ""
    return str(values.get(lang) or values.get(default_lang) or "")


def verdict_name(project: Project, verdict: str, lang: str) -> str:
    return text_in(verdicts(project).get(verdict), "name", lang, project.default_language) or verdict


def verdict_description(project: Project, verdict: str, lang: str) -> str:
    return text_in(verdicts(project).get(verdict), "description", lang, project.default_language)


def opening(project: Project, verdict: str | None, lang: str) -> str:
    """The sentence every answer with this verdict starts with (same wording site-wide)."""
    return text_in(verdicts(project).get(verdict), "opening", lang, project.default_language) if verdict else ""


def _claims(page: Page) -> dict[str, Any]:
    claims = page.meta.get("claims") if isinstance(page.meta, dict) else None
    return claims if isinstance(claims, dict) else {}


def grade_of(project: Project, claim: Any) -> Grade:
    """The grade of one answer: its own fields, or those of the registry claim it refers to."""
    if isinstance(claim, Claim):
        claim = claim.raw
    if not isinstance(claim, dict):
        return Grade("graded")
    if claim.get("kind") == "practical":
        return Grade("practical")
    ref = claim.get("claim")
    entry = registry(project).data.get(ref) if isinstance(ref, str) else None
    if isinstance(entry, dict):
        verdict = entry.get("verdict")
        if claim.get("negates") is True:
            verdict = FLIP.get(verdict, verdict) if isinstance(verdict, str) else verdict
        return Grade("graded", verdict, entry.get("strength"), entry.get("about", "treatment"), ref)
    return Grade("graded", claim.get("verdict"), claim.get("strength"),
                 claim.get("about", "treatment"), ref if isinstance(ref, str) else None)


def main_question(page: Page, project: Project) -> str | None:
    """The page's main claim: `main:` in the front matter, else its first graded question."""
    claims = _claims(page)
    main = page.meta.get("main") if isinstance(page.meta, dict) else None
    if isinstance(main, str):
        return main
    for question in page.questions:
        if question.id in claims and not grade_of(project, claims[question.id]).practical:
            return question.id
    return None


def headline(project: Project, page: Page) -> Grade | None:
    """The headline badge of a claim page: its main claim's grade, never set by hand."""
    qid = main_question(page, project)
    claims = _claims(page)
    if qid is None or qid not in claims:
        return None
    grade = grade_of(project, claims[qid])
    return None if grade.practical else grade


# --- checks ----------------------------------------------------------------------------------

def _grade_rules(project: Project) -> list[tuple[dict[str, Any], tuple[tuple[str, Any], ...]]]:
    """The rules of data/verdicts.yml with their `when` conditions, read once per load."""
    if "grade-rules" not in project.cache:
        rules = verdict_data(project).data.get("rules")
        project.cache["grade-rules"] = [
            (rule, tuple(rule["when"].items()) if isinstance(rule.get("when"), dict) else ())
            for rule in (rules if isinstance(rules, list) else []) if isinstance(rule, dict)]
    return project.cache["grade-rules"]


def grade_problems(project: Project, grade: Grade, types: set[str]) -> Iterator[tuple[str, str, str]]:
    """(rule id, message, hint) for a grade against the data rules, given its cited source types."""
    values = {"verdict": grade.verdict, "strength": grade.strength, "about": grade.about}
    for rule, when in _grade_rules(project):
        if not all(values.get(key) == value for key, value in when):
            continue
        strengths, needs = rule.get("strengths"), rule.get("sources")
        if isinstance(strengths, list) and grade.strength not in strengths:
            yield (str(rule.get("id")), f"verdict '{grade.verdict}' cannot have strength '{grade.strength}'",
                   f"{rule.get('why', '')} Allowed strengths: {', '.join(map(str, strengths))}")
        if isinstance(needs, list) and types and not types & _words(needs):
            yield (str(rule.get("id")),
                   f"'{grade.verdict}' ({grade.about}) cites only {', '.join(sorted(types))} sources",
                   f"{rule.get('why', '')} Cite a source of type {' or '.join(map(str, needs))}")


def check_verdicts_file(project: Project, today: dt.date) -> Iterator[Problem]:
    data, problems = project.data_file(VERDICTS_FILE)
    yield from problems
    if not data.data:
        if not problems:
            yield Problem(data.path, 1, "verdicts-missing", "no verdicts defined")
        return
    from .rules import schema_problems
    yield from schema_problems("verdicts.schema.json", data.data, data.path, data.line)
    for group, fields in (("verdicts", ("name", "description", "opening")), ("kinds", ("name", "description"))):
        entries = data.data.get(group) if isinstance(data.data.get(group), dict) else {}
        for key, entry in entries.items():
            for field in fields:
                values = entry.get(field) if isinstance(entry, dict) and isinstance(entry.get(field), dict) else {}
                for lang in project.languages:
                    if not values.get(lang):
                        yield Problem(data.path, data.line(group, key, field), "verdict-translation-missing",
                                      f"{group[:-1]} '{key}' has no {field} in '{lang}'",
                                      f"add {field}: {{{lang}: ...}}")


def _claim_problems(project: Project, page: Page, qid: str, claim: dict[str, Any]) -> Iterator[Problem]:
    where = ("claims", qid)
    scale, sources = project.evidence.data, project.sources.data
    cited = [s for s in claim.get("sources") or [] if isinstance(s, str)] if isinstance(claim.get("sources"), list) else []
    for index, key in enumerate(cited):
        if key not in sources:
            yield Problem(page.path, page.line(*where, "sources", index), "source-unknown",
                          f"question '{qid}' cites unknown source '{key}'", "add it to data/sources.yml or fix the key")
    if len(set(cited)) != len(cited):
        yield Problem(page.path, page.line(*where, "sources"), "source-duplicate", f"question '{qid}' lists a source twice")
    if claim.get("kind") == "practical":
        for key in GRADE_KEYS:
            if key in claim:
                yield Problem(page.path, page.line(*where, key), "practical-graded",
                              f"practical question '{qid}' carries '{key}'",
                              "practical questions have sources but no verdict, strength or claim: delete it")
        return
    ref = claim.get("claim")
    entry = registry(project).data.get(ref) if isinstance(ref, str) else None
    if ref is not None and not isinstance(entry, dict):
        yield Problem(page.path, page.line(*where, "claim"), "claim-unknown",
                      f"question '{qid}' refers to unknown claim {ref!r}", f"add it to {REGISTRY_FILE} or fix the id")
        return
    grade = grade_of(project, claim)
    if entry is not None:
        for key in ("verdict", "strength", "about"):
            if key in claim and claim[key] != getattr(grade, key):
                yield Problem(page.path, page.line(*where, key), "claim-disagrees",
                              f"question '{qid}' says {key} '{claim[key]}' but claim '{ref}' in {REGISTRY_FILE} "
                              f"gives '{getattr(grade, key)}'",
                              "one claim, one verdict: delete the field here (it is inherited) or fix the registry")
        line_of = lambda key: page.line(*where, "claim")  # noqa: E731
    else:
        line_of = lambda key: page.line(*where, key) if key in claim else page.line(*where)  # noqa: E731
    if grade.verdict is None:
        yield Problem(page.path, line_of("verdict"), "verdict-missing", f"question '{qid}' has no verdict",
                      f"add verdict: one of {', '.join(verdicts(project))} (or kind: practical)")
    elif not _one_of(grade.verdict, verdicts(project)):
        yield Problem(page.path, line_of("verdict"), "verdict-unknown", f"unknown verdict {grade.verdict!r}",
                      f"use one of: {', '.join(verdicts(project))}")
    if grade.strength is None:
        yield Problem(page.path, line_of("strength"), "evidence-missing", f"question '{qid}' has no strength",
                      "add strength: a label from data/evidence.yml")
        return
    if not _one_of(grade.strength, scale):
        yield Problem(page.path, line_of("strength"), "evidence-unknown", f"unknown strength {grade.strength!r}",
                      f"use one of: {', '.join(scale)}")
        return
    about = verdict_data(project).data.get("about") or []
    if isinstance(about, list) and grade.about not in about:   # not a list: the verdicts schema reports it
        yield Problem(page.path, line_of("about"), "about-unknown", f"unknown subject {grade.about!r}",
                      f"use one of: {', '.join(map(str, about))}")
    known = [sources[k] for k in cited if isinstance(sources.get(k), dict)]
    if not known or len(known) != len(cited):
        return
    types = {str(s.get("type")) for s in known}
    requires = scale[grade.strength].get("requires") if isinstance(scale[grade.strength], dict) else None
    if isinstance(requires, list) and not types & _words(requires):
        yield Problem(page.path, line_of("strength"), "evidence-unsupported",
                      f"question '{qid}' has strength '{grade.strength}' but cites only "
                      f"{', '.join(sorted(types))} sources",
                      f"'{grade.strength}' needs a source of type {' or '.join(map(str, requires))}, or a lower strength")
    if _one_of(grade.verdict, verdicts(project)):
        for rule, message, hint in grade_problems(project, grade, types):
            yield Problem(page.path, line_of("verdict"), rule, f"question '{qid}': {message}", hint)


def _words(values: list) -> set[str]:
    """The words of a list from a data file (anything else in it is the schema rules' to report)."""
    return {v for v in values if isinstance(v, str)}


def _one_of(value: Any, known: dict) -> bool:
    """A key of ``known``; False for a list or mapping where a word belongs (it cannot be a key;
    the schema rules say what is wrong with it)."""
    try:
        return value in known
    except TypeError:   # unhashable
        return False


def check_answers(project: Project, today: dt.date) -> Iterator[Problem]:
    """Every graded answer: a known verdict and strength that its sources and the rules allow."""
    for page in project.pages.get(project.default_language, {}).values():
        if not page.readable or page.is_info:
            continue
        if "evidence" in page.meta:
            yield Problem(page.path, page.line("evidence"), "headline-hand-set",
                          "the headline label is computed from the page's main claim",
                          "delete 'evidence:'; set 'main: <question id>' if the first graded question is not the main one")
        claims = _claims(page)
        main = page.meta.get("main")
        if main is not None and (not _one_of(main, claims) or grade_of(project, claims[main]).practical):
            yield Problem(page.path, page.line("main"), "main-unknown",
                          f"main: {main!r} is not a graded question of this page",
                          "use the id of the page's main graded question")
        for qid, claim in claims.items():
            if isinstance(claim, dict):
                yield from _claim_problems(project, page, qid, claim)


def _answer_target(project: Project, value: Any) -> tuple[Page | None, str]:
    rel, _, qid = str(value).partition("#")
    return project.english(rel), qid


def check_registry(project: Project, today: dt.date) -> Iterator[Problem]:
    """data/claims.yml: each claim once, translated, with a main answer that refers back to it."""
    data, problems = project.data_file(REGISTRY_FILE)
    yield from problems
    if not data.data:
        return
    from .rules import schema_problems
    yield from schema_problems("claims.schema.json", data.data, data.path, data.line)
    referenced: dict[str, list[tuple[str, str]]] = {}
    for page in project.pages.get(project.default_language, {}).values():
        for qid, claim in _claims(page).items():
            if isinstance(claim, dict) and isinstance(claim.get("claim"), str):
                referenced.setdefault(claim["claim"], []).append((page.rel, qid))
    for key, entry in data.data.items():
        if not isinstance(entry, dict):
            continue
        wording = entry.get("wording") if isinstance(entry.get("wording"), dict) else {}
        for lang in project.languages:
            if not wording.get(lang):
                yield Problem(data.path, data.line(key, "wording"), "claim-translation-missing",
                              f"claim '{key}' has no wording in '{lang}'", f"add wording: {{{lang}: ...}}")
        if not _one_of(entry.get("verdict"), verdicts(project)):
            yield Problem(data.path, data.line(key, "verdict"), "verdict-unknown",
                          f"claim '{key}' has unknown verdict {entry.get('verdict')!r}",
                          f"use one of: {', '.join(verdicts(project))}")
        if not _one_of(entry.get("strength"), project.evidence.data):
            yield Problem(data.path, data.line(key, "strength"), "evidence-unknown",
                          f"claim '{key}' has unknown strength {entry.get('strength')!r}",
                          f"use one of: {', '.join(project.evidence.data)}")
        page, qid = _answer_target(project, entry.get("answer"))
        if page is None or qid not in _claims(page):
            yield Problem(data.path, data.line(key, "answer"), "claim-answer-broken",
                          f"claim '{key}': answer {entry.get('answer')!r} is not a question of a claim page",
                          "write it as section/page.md#question-id")
        elif (page.rel, qid) not in referenced.get(key, []):
            yield Problem(data.path, data.line(key, "answer"), "claim-answer-broken",
                          f"claim '{key}': its main answer {entry.get('answer')} does not refer back to it",
                          f"add claim: {key} to claims.{qid} of {page.path}")
