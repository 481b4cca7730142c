"""The terminology base (data/terms.yml) and the checker rule that enforces it.

For each English term the base lists, per language, the approved renderings and renderings known
to be wrong for it. For every translated answer (the text under one `## Question? {#id}`, plus a
page's title, description and introduction) whose English counterpart uses the term:

- `term-wrong-rendering`: the translation uses a rendering known to be wrong for the term;
- `term-missing-rendering`: the translation uses none of the approved renderings.

Evidence label names in data/evidence.yml are checked against the wrong renderings of the label's
term too. Matching is deliberately simple, so translators can predict it: English forms match at
the start of a word, case-insensitively ("exosome" matches "Exosomes"); renderings match anywhere
in the text, case-insensitively, after Unicode normalisation and with Arabic short-vowel marks
ignored (so list stems: "exosoma" matches "exosomas")."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from .answers import plain
from .content import Page, Project
from .report import Problem

TERMS_FILE = "data/terms.yml"
ARABIC_MARKS_RE = re.compile(r"[\u064B-\u0652\u0670\u0640]")  # harakat, dagger alif, tatweel
INTRO = "(introduction)"
ATTR_LIST_RE = re.compile(r"\{[:\s]*[#.][^}]*\}")  # {#question-id}, { .evidence-ref }: not words


@dataclass
class Term:
    key: str
    english: list[str]
    english_not: list[str] = field(default_factory=list)
    approved: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    label: str | None = None
    line: int = 1

    def used_in(self, english_text: str, folded: str | None = None) -> bool:
        """`folded`: the text case-folded, when the caller has it (a quick test first: the first
        word of some form must be in the text before any pattern is run)."""
        folded = english_text.casefold() if folded is None else folded
        if not any(word in folded for word in first_words(tuple(self.english))):
            return False
        if self.english_not:  # "natural killer cells" is not the word "natural"
            english_text = any_form_re(tuple(self.english_not)).sub(" ", english_text)
        return any_form_re(tuple(self.english)).search(english_text) is not None


def normal(text: str) -> str:
    """Text as matched: NFC, Arabic short-vowel marks removed (case is kept: see `contains`)."""
    return ARABIC_MARKS_RE.sub("", unicodedata.normalize("NFC", text))


def is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and " " not in word


@lru_cache(maxsize=None)  # a few hundred forms, matched against every English answer
def english_form_re(form: str) -> re.Pattern[str]:
    """An acronym ("IND", "FDA") is a whole word in capitals; any other form starts a word, any case."""
    if is_acronym(form):
        return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?!\w)")
    return re.compile(r"(?<![\w-])" + re.escape(normal(form)).replace(r"\ ", r"[\s-]+"), re.IGNORECASE)


@lru_cache(maxsize=None)
def first_words(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of each form, case-folded: a form matches only where its first word is
    (english_form_re joins words with [\\s-]+ and ignores case, which case-folding covers)."""
    return tuple(normal(form).split(" ")[0].casefold() for form in forms)


@lru_cache(maxsize=None)
def any_form_re(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the English forms, each as english_form_re matches it."""
    return re.compile("|".join(f"(?:{english_form_re(form).pattern})" if is_acronym(form)
                               else f"(?i:{english_form_re(form).pattern})" for form in forms))


def contains(text: str, rendering: str) -> bool:
    """A rendering anywhere in the text, any case; an acronym in capitals, not inside a Latin word."""
    if is_acronym(rendering):
        # not inside a Latin word ("sind" is not IND); Korean particles may follow ("FDA의")
        return re.search(r"(?<![A-Za-z])" + re.escape(rendering) + r"(?![A-Za-z])", text) is not None
    return normal(rendering).casefold() in text.casefold()


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def load_terms(project: Project) -> tuple[list[Term], list[Problem]]:
    data_file, problems = project.data_file(TERMS_FILE)
    data = data_file.data.get("terms") if isinstance(data_file.data, dict) else None
    if problems and not data_file.data:
        return [], problems  # missing, unreadable or not YAML: already reported, closed
    if not isinstance(data, dict):
        return [], problems + [Problem(TERMS_FILE, 1, "term-base-malformed", "expected a mapping 'terms:'",
                                       "see TRANSLATING.md, section Terminology")]
    terms = []
    for key, entry in data.items():
        line = data_file.line("terms", key)
        if not isinstance(entry, dict) or not _strings(entry.get("en")):
            problems.append(Problem(TERMS_FILE, line, "term-base-malformed",
                                    f"term '{key}' needs 'en:' with the English word(s)",
                                    "en: [exosome]"))
            continue
        label = entry.get("label")
        if label is not None and not isinstance(label, str):
            problems.append(Problem(TERMS_FILE, data_file.line("terms", key, "label"), "term-base-malformed",
                                    f"term '{key}': label must be the key of an evidence label",
                                    "label: preclinical (a key of data/evidence.yml)"))
            label = None
        term = Term(str(key), _strings(entry["en"]), _strings(entry.get("en_not")), label=label, line=line)
        for lang in project.languages:
            if lang == project.default_language or lang not in entry:  # unknown keys: see below
                continue
            spec = entry[lang]
            if isinstance(spec, (str, list)):
                spec = {"approved": spec}
            if not isinstance(spec, dict) or not set(spec) <= {"approved", "wrong", "note"}:
                problems.append(Problem(TERMS_FILE, data_file.line("terms", key, lang), "term-base-malformed",
                                        f"term '{key}', language '{lang}': expected approved/wrong lists",
                                        "es: {approved: [exosoma], wrong: [exosomo]}"))
                continue
            term.approved[lang] = _strings(spec.get("approved"))
            term.wrong[lang] = _strings(spec.get("wrong"))
        terms.append(term)
    return terms, problems


def sections(page: Page) -> dict[str, list[tuple[int, str]]]:
    """(line, plain text) per answer id; the title, description and text before the first
    question form the INTRO section. Lines under non-question headings belong to no answer."""
    out: dict[str, list[tuple[int, str]]] = {INTRO: []}
    meta = page.meta if isinstance(page.meta, dict) else {}
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            out[INTRO].append((page.line(key), plain(meta[key])))
    headings = {h.line: h for h in page.headings}
    current: str | None = INTRO
    for number, line in page.prose_lines:
        heading = headings.get(number)
        if heading is not None:
            if heading.level == 2:
                current = heading.id
                if current:
                    out[current] = []
            elif heading.level < 2:
                current = INTRO if current == INTRO else None
        if current is not None:
            out.setdefault(current, []).append((number, plain(ATTR_LIST_RE.sub(" ", line))))
    return out


class Section:
    """One answer of a translation, normalised once: its lines and its whole text, as written
    (for acronyms, which match in capitals) and case-folded (for every other rendering)."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = [(number, normal(text)) for number, text in lines]
        self.folded = [text.casefold() for _, text in self.lines]
        self.text = normal(" ".join(t for _, t in lines))
        self.text_folded = self.text.casefold()

    def lines_with(self, rendering: str) -> Iterator[int]:
        """Numbers of the lines that contain the rendering (as `contains` matches it)."""
        if is_acronym(rendering):
            yield from (number for number, text in self.lines if contains(text, rendering))
        else:
            needle = normal(rendering).casefold()
            yield from (number for (number, _), text in zip(self.lines, self.folded) if needle in text)

    def has(self, rendering: str) -> bool:
        if is_acronym(rendering):
            return contains(self.text, rendering)
        return normal(rendering).casefold() in self.text_folded


# which terms an English answer uses, by the terms' data and the answer's text: kept for the life of
# the process, so `make serve` finds them again only for an answer that changed
_ENGLISH_USES: dict[tuple[str, str], tuple[int, ...]] = {}


def english_uses(terms: list[Term], signature: str, text: str) -> list[Term]:
    key = (signature, text)
    if key not in _ENGLISH_USES:
        if len(_ENGLISH_USES) > 50_000:
            _ENGLISH_USES.clear()
        folded = text.casefold()
        _ENGLISH_USES[key] = tuple(i for i, term in enumerate(terms) if term.used_in(text, folded))
    return [terms[i] for i in _ENGLISH_USES[key]]


def terms_signature(terms: list[Term]) -> str:
    """Identity of the English side of the term base (what english_uses depends on)."""
    return hashlib.sha256(repr([(t.english, t.english_not) for t in terms]).encode("utf-8")).hexdigest()


def check_page(terms: list[Term], english: Page, page: Page,
               english_terms: dict | None = None, signature: str | None = None) -> Iterator[Problem]:
    """english_terms: a cache of the terms each English section uses, shared by the languages."""
    lang = page.lang
    english_terms = {} if english_terms is None else english_terms
    signature = terms_signature(terms) if signature is None else signature
    if english.path not in english_terms:
        english_terms[english.path] = {
            qid: english_uses(terms, signature, normal(" ".join(text for _, text in source)))
            for qid, source in sections(english).items()}
    used_by_section = english_terms[english.path]
    for qid, lines in sections(page).items():
        used = used_by_section.get(qid)
        if not used or not lines:
            continue
        section = Section(lines)
        where = "the introduction" if qid == INTRO else f"answer '{qid}'"
        # a word wrong for one term is right where the English also names the term it renders
        # (식약처 is wrong for the FDA, right for Korea's MFDS named in the same answer)
        legitimate = {normal(r) for term in used for r in term.approved.get(lang, [])}
        for term in used:
            approved, wrong = term.approved.get(lang, []), term.wrong.get(lang, [])
            found = {rendering: set(section.lines_with(rendering)) for rendering in wrong
                     if normal(rendering) not in legitimate}
            for number, _ in section.lines:
                for rendering in wrong:
                    if number in found.get(rendering, ()):
                        yield Problem(page.path, number, "term-wrong-rendering",
                                      f"'{rendering}' is a wrong rendering of '{term.english[0]}' ({where})",
                                      f"use {' / '.join(approved) or 'another word'}; see {TERMS_FILE}")
            if approved and not any(section.has(r) for r in approved):
                yield Problem(page.path, lines[0][0], "term-missing-rendering",
                              f"in {where} the English says '{term.english[0]}' but this translation uses none "
                              f"of its approved renderings: {' / '.join(approved)}",
                              f"use one of them, or add a rendering to {TERMS_FILE} (term '{term.key}')")


def check_labels(project: Project, terms: list[Term]) -> Iterator[Problem]:
    evidence = project.evidence
    for term in terms:
        entry = evidence.data.get(term.label) if term.label else None
        names = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(names, dict):
            continue
        for lang, wrong in term.wrong.items():
            name = names.get(lang)
            if isinstance(name, str) and any(contains(normal(name), w) for w in wrong):
                yield Problem(evidence.path, evidence.line(term.label, "name", lang), "term-wrong-rendering",
                              f"label name '{name}' is a wrong rendering of '{term.english[0]}'",
                              f"use {' / '.join(term.approved.get(lang, [])) or 'another name'}; see {TERMS_FILE}")


def check_terms(project: Project, today: dt.date) -> Iterator[Problem]:
    terms, problems = load_terms(project)
    yield from problems
    yield from check_labels(project, terms)
    english_terms: dict = {}  # each English page's terms, found once for every language
    signature = terms_signature(terms)
    for lang in project.languages:
        if lang == project.default_language:
            continue
        for rel, page in sorted(project.pages.get(lang, {}).items()):
            english = project.english(rel)
            if english is not None and english.readable and page.readable:
                yield from check_page(terms, english, page, english_terms, signature)
