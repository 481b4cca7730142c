"""The content rules. Each rule is a plain function ``(project, today) -> problems``.

Schema-level rules come from the JSON Schemas in ``schemas/``; the table
SCHEMA_RULE_IDS turns a schema failure into a stable, specific rule id.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .content import AUTOLINK_RE, ID_PATTERN, Page, Project, parse_date, source_hash
from .attr_lists import check_attr_lists
from .markdown_scan import list_slips, setext_headings
from .permalinks import check_permalinks
from .changelog import check_changelog
from .source_identity import check_duplicate_sources
from .urls import resolve_link
from .report import WARNING, Problem
from .readability import check_readability
from .schemas import known_valid, source_types, topics, validator as _validator
from .terms import check_terms
from .verdicts import check_answers, check_registry, check_verdicts_file

if TYPE_CHECKING:
    import jsonschema

REVIEW_INTERVAL_DAYS = 366
REQUIRED_UI_KEYS = ("evidence", "sources", "source", "reviewed", "next_review", "review_overdue",
                    "disclaimer_title", "disclaimer", "banner_draft_title", "banner_draft",
                    "banner_outdated_title", "banner_outdated", "banner_fallback_title",
                    "banner_fallback", "english_page", "headline", "questions", "page", "topic",
                    "needs_source", "any_source", "topics", "source_types",
                    "read_full_answer", "card_disclaimer", "reuse_terms", "link_code", "embed_code", "search_dialog",
                    "print_page", "print_qr",  # the printed handout (scripts/handout.py)
                    # the theme's own words and the 404 page (scripts/localize.py, scripts/not_found.py)
                    "theme_dark", "theme_light", "permalink_title", "made_with", "not_found_title",
                    "not_found_text", "not_found_home", "not_found_search", "search_button",
                    "verdict", "claim_column", "claim_verdict_column", "answer_column",
                    # the first screen (In short, one notice line) and the report-an-error link
                    "banner_draft_short", "banner_outdated_short", "banner_fallback_short", "notice_more",
                    "in_short", "report_error",
                    # the evidence changelog (scripts/changelog.py): What changed page, feeds, answer note
                    "what_changed", "label_changed", "change_added", "change_removed", "change_before",
                    "change_after", "feed_title", "feed_link")

# (schema keyword, last path element or missing property) -> (rule id, hint)
SCHEMA_RULE_IDS: dict[tuple[str, str], tuple[str, str]] = {
    ("required", "evidence"): ("evidence-missing", "add an evidence label from data/evidence.yml"),
    ("required", "sources"): ("claim-no-source", "add at least one source key from data/sources.yml"),
    ("minItems", "sources"): ("claim-no-source", "add at least one source key from data/sources.yml"),
    ("required", "claims"): ("claims-missing", "list each question id under 'claims:' with evidence and sources"),
    ("required", "reviewed"): ("date-missing", "add reviewed: YYYY-MM-DD"),
    ("required", "review_due"): ("date-missing", "add review_due: YYYY-MM-DD (at most 12 months after reviewed)"),
    ("pattern", "doi"): ("source-doi-malformed", "a DOI looks like 10.1038/nature22341"),
    ("pattern", "pmid"): ("source-pmid-malformed", "a PMID is digits only, e.g. 28607485"),
    ("type", "pmid"): ("source-pmid-malformed", "a PMID is digits only, e.g. 28607485"),
    ("minimum", "pmid"): ("source-pmid-malformed", "a PMID is digits only, e.g. 28607485"),
    ("pattern", "nct"): ("source-nct-malformed", "an NCT number looks like NCT01234567"),
    ("pattern", "url"): ("source-url-malformed", "use a full https:// address"),
    ("anyOf", ""): ("source-no-identifier", "add a doi, pmid, nct or https url"),
    ("dependentRequired", "accessed"): ("source-accessed-missing", "add accessed: YYYY-MM-DD for a url"),
    ("not", "evidence"): ("translation-science", "evidence is inherited from the English page: delete it"),
    ("not", "claims"): ("translation-science", "claims are inherited from the English page: delete them"),
    ("not", "reviewed"): ("translation-science", "review dates are inherited from the English page: delete it"),
    ("not", "review_due"): ("translation-science", "review dates are inherited from the English page: delete it"),
    ("not", "topic"): ("translation-science", "the topic is inherited from the English page: delete it"),
    ("required", "translation"): ("translation-metadata-missing",
                                  "add translation: {source_hash: ..., status: draft} (make stamp does it)"),
    ("pattern", "source_hash"): ("translation-metadata-malformed", "run make stamp to set the hash"),
}


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, str, tuple]:
    """(rule id, message, hint, data path) for one schema error."""
    path = tuple(error.absolute_path)
    keyword = str(error.validator)
    key = str(path[-1]) if path else ""
    message = error.message
    if keyword == "required" and isinstance(error.instance, dict):
        missing = [p for p in error.validator_value if p not in error.instance]
        key = missing[0] if missing else key
        message = f"{', '.join(repr(m) for m in missing)} {'is' if len(missing) == 1 else 'are'} required"
    elif keyword == "dependentRequired":
        key = "accessed"
        message = "'url' needs an 'accessed' date"
    elif keyword == "anyOf" and path and len(path) == 1:
        key = ""
        message = "source has no identifier (doi, pmid, nct or https url)"
    elif keyword == "not":
        message = f"'{key}' is not allowed here"
    elif keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        message = f"unknown key(s): {', '.join(map(str, extra))}"
    elif keyword == "enum":
        message = f"{error.instance!r} is not one of: {', '.join(map(str, error.validator_value))}"
    rule, hint = SCHEMA_RULE_IDS.get((keyword, key), ("schema", ""))
    return rule, message, hint, path


def schema_problems(name: str, data: Any, shown: str, line_of: Callable[..., int]) -> list[Problem]:
    fast = known_valid(name)
    if fast is not None and fast(data):
        return []
    found = []
    for error in _validator(name).iter_errors(data):
        rule, message, hint, path = _describe(error)
        extra_path = path
        if str(error.validator) == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            extra_path = path + (extra[0],) if extra else path
        where = " ".join(str(p) for p in path)
        text = f"{where}: {message}" if where and rule == "schema" else message
        found.append(Problem(shown, line_of(*extra_path), rule, text, hint))
    return found


# --- dates -----------------------------------------------------------------------------------

def date_problems(page: Page, today: dt.date) -> Iterator[Problem]:
    meta = page.meta
    dates = {}
    for key in ("reviewed", "review_due"):
        if key not in meta:
            continue
        value = parse_date(meta[key])
        if value is None:
            yield Problem(page.path, page.line(key), "date-invalid",
                          f"{key}: {meta[key]!r} is not a valid date", "use YYYY-MM-DD")
        dates[key] = value
    reviewed, due = dates.get("reviewed"), dates.get("review_due")
    if reviewed and reviewed > today:
        yield Problem(page.path, page.line("reviewed"), "date-future",
                      f"reviewed {reviewed} is in the future (today is {today})")
    if reviewed and due:
        if due <= reviewed:
            yield Problem(page.path, page.line("review_due"), "date-invalid",
                          f"review_due {due} is not after reviewed {reviewed}")
        elif (due - reviewed).days > REVIEW_INTERVAL_DAYS:
            yield Problem(page.path, page.line("review_due"), "review-due-too-far",
                          f"review_due {due} is more than 12 months after reviewed {reviewed}")
    if due and due < today:
        yield Problem(page.path, page.line("review_due"), "review-overdue",
                      f"review was due on {due}; the page shows an overdue notice",
                      "re-check the sources, then update reviewed and review_due")


# --- data files ------------------------------------------------------------------------------

def check_evidence_file(project: Project, today: dt.date) -> Iterator[Problem]:
    data = project.evidence
    if not data.data and not data.doc.error:
        return
    yield from schema_problems("evidence.schema.json", data.data, data.path, data.line)
    for label, entry in data.data.items():
        if not isinstance(entry, dict):
            continue
        for field in ("name", "description"):
            values = entry.get(field) if isinstance(entry.get(field), dict) else {}
            for lang in project.languages:
                if not values.get(lang):
                    yield Problem(data.path, data.line(label, field), "evidence-translation-missing",
                                  f"label '{label}' has no {field} in '{lang}'",
                                  f"add {field}: {{{lang}: ...}}")


def check_languages_file(project: Project, today: dt.date) -> Iterator[Problem]:
    """data/languages.yml, the search tuning of each language that the build reads: its schema
    (the file is optional; a site without it searches without the tuning)."""
    from .search_fold import LANGUAGE_DATA

    if not (project.root / LANGUAGE_DATA).exists():
        return
    data, problems = project.data_file(LANGUAGE_DATA)
    yield from problems
    if data.data:
        yield from schema_problems("languages.schema.json", data.data, data.path, data.line)


def check_ui_file(project: Project, today: dt.date) -> Iterator[Problem]:
    data = project.ui
    if not data.data and not data.doc.error:
        return
    yield from schema_problems("ui.schema.json", data.data, data.path, data.line)
    english = data.data.get(project.default_language)
    english = english if isinstance(english, dict) else {}
    for lang in project.languages:
        strings = data.data.get(lang)
        if not isinstance(strings, dict):
            yield Problem(data.path, 1, "ui-translation-missing", f"no interface strings for '{lang}'")
            continue
        for group, declared, where in (("source_types", source_types(), "sources.schema.json"),
                                       ("topics", topics(), "page.schema.json")):
            names = strings.get(group) if isinstance(strings.get(group), dict) else {}
            for name in declared:
                if lang == project.default_language and name not in names:
                    yield Problem(data.path, data.line(lang, group), "ui-translation-missing",
                                  f"'{lang}' has no {group} name for '{name}'",
                                  f"{group} are declared in schemas/{where}")
        for key in REQUIRED_UI_KEYS:
            if key not in strings:
                yield Problem(data.path, data.line(lang), "ui-translation-missing",
                              f"'{lang}' has no string '{key}'")
            elif isinstance(english.get(key), dict) and isinstance(strings[key], dict):
                for sub in english[key]:
                    if sub not in strings[key]:
                        yield Problem(data.path, data.line(lang, key), "ui-translation-missing",
                                      f"'{lang}' has no string '{key}.{sub}'")


def check_sources_file(project: Project, today: dt.date) -> Iterator[Problem]:
    data = project.sources
    yield from schema_problems("sources.schema.json", data.data, data.path, data.line)
    for key, entry in data.data.items():
        if not isinstance(entry, dict):
            continue
        if "accessed" in entry:
            accessed = parse_date(entry["accessed"])
            if accessed is None:
                yield Problem(data.path, data.line(key, "accessed"), "date-invalid",
                              f"accessed: {entry['accessed']!r} is not a valid date", "use YYYY-MM-DD")
            elif accessed > today:
                yield Problem(data.path, data.line(key, "accessed"), "date-future",
                              f"accessed {accessed} is in the future (today is {today})")
        year = entry.get("year")
        if isinstance(year, int) and year > today.year:
            yield Problem(data.path, data.line(key, "year"), "date-future",
                          f"year {year} is in the future")
    used = {s for page in project.pages.get(project.default_language, {}).values()
            for claim in _claims(page).values() for s in _sources_of(claim)}
    for key in data.data:
        if key not in used:
            yield Problem(data.path, data.line(key), "source-unused",
                          f"source '{key}' is not cited by any page", "cite it or remove it")


# --- pages -----------------------------------------------------------------------------------

def _claims(page: Page) -> dict[str, Any]:
    claims = page.meta.get("claims")
    return claims if isinstance(claims, dict) else {}


def _sources_of(claim: Any) -> list[str]:
    if isinstance(claim, dict) and isinstance(claim.get("sources"), list):
        return [s for s in claim["sources"] if isinstance(s, str)]
    return []


def _english_pages(project: Project) -> Iterable[Page]:
    return (p for p in project.pages.get(project.default_language, {}).values() if p.readable)


def check_english_schema(project: Project, today: dt.date) -> Iterator[Problem]:
    for page in _english_pages(project):
        yield from schema_problems("page.schema.json", page.meta, page.path, page.line)
        yield from date_problems(page, today)


def check_questions(project: Project, today: dt.date) -> Iterator[Problem]:
    for page in _english_pages(project):
        yield from _heading_id_problems(page)
        if page.is_info:
            continue
        claims = _claims(page)
        ids = [q.id for q in page.questions if q.id]
        for question in page.questions:
            if question.id and ID_PATTERN.match(question.id) and question.id not in claims:
                yield Problem(page.path, question.line, "question-no-claim",
                              f"question '{question.id}' has no entry in claims",
                              "add it under claims: with evidence and sources")
        for qid in claims:
            if qid not in ids:
                yield Problem(page.path, page.line("claims", qid), "claim-no-question",
                              f"claim '{qid}' has no question heading '## ... {{#{qid}}}'")
        yield from _citation_problems(page, claims)


def _readable_pages(project: Project) -> Iterator[Page]:
    for pages in project.pages.values():
        yield from (page for page in pages.values() if page.readable)


def check_setext_headings(project: Project, today: dt.date) -> Iterator[Problem]:
    """Underlined headings in any language: the checker reads only `#` headings, so it asks for one."""
    for page in _readable_pages(project):
        for line in setext_headings(page.lines):
            yield Problem(page.path, line.number, "heading-setext",
                          f"underlined heading '{line.text.strip()}' is not read as a question",
                          "write it as '## Heading {#id}' (a '#' heading with its id) and drop the underline")


LIST_SLIP_MESSAGES = {
    "indent": ("a paragraph of a list item indented fewer than 4 spaces: the list ends here and "
               "the next items show as plain text",
               "indent the paragraph's lines by 4 spaces and leave a blank line before the next item"),
    "marker": ("a list item right after a paragraph, with no blank line: it shows as plain text, "
               "not as a list item",
               "leave a blank line before it (a second paragraph of an item is indented 4 spaces)"),
}


def check_list_slips(project: Project, today: dt.date) -> Iterator[Problem]:
    """Lists that Python-Markdown would show differently from how they read in the source."""
    for page in _readable_pages(project):
        for slip in list_slips(page.lines):
            message, hint = LIST_SLIP_MESSAGES[slip.kind]
            yield Problem(page.path, slip.line.number, "list-as-text", message, hint)


def _heading_id_problems(page: Page) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for heading in page.headings:
        if heading.level == 2 and not page.is_info and heading.id is None:
            yield Problem(page.path, heading.line, "question-id-missing",
                          f"question '{heading.text}' has no id",
                          "end the heading with {#lower-case-id}")
        if heading.id is not None and not ID_PATTERN.match(heading.id):
            yield Problem(page.path, heading.line, "question-id-malformed",
                          f"id '{heading.id}' must be lower case letters, digits and hyphens")
        if heading.id:
            if heading.id in seen:
                yield Problem(page.path, heading.line, "question-id-duplicate",
                              f"id '{heading.id}' is already used on line {seen[heading.id]}")
            seen.setdefault(heading.id, heading.line)


def _citation_problems(page: Page, claims: dict[str, Any]) -> Iterator[Problem]:
    for cite in page.citations:
        if not ID_PATTERN.match(cite.key):
            yield Problem(page.path, cite.line, "citation-malformed",
                          f"citation [@{cite.key}] is not a valid source key",
                          "one [@key] per source, key in lower case, e.g. [@smith2024-aga] [@fda2019-exosome-notice]")
        elif cite.question is None or cite.question.startswith("<"):
            yield Problem(page.path, cite.line, "citation-outside-question",
                          f"citation [@{cite.key}] is not under a question heading")
        elif cite.key not in _sources_of(claims.get(cite.question)):
            yield Problem(page.path, cite.line, "citation-not-in-claim",
                          f"citation [@{cite.key}] is not a source of question '{cite.question}'",
                          f"add it to claims.{cite.question}.sources or cite one of its sources")


# --- translations ----------------------------------------------------------------------------

def _question_ids(page: Page) -> list[str]:
    return [q.id for q in page.questions if q.id]


def _citations_by_question(page: Page) -> dict[str | None, Counter]:
    grouped: dict[str | None, Counter] = {}
    for cite in page.citations:
        grouped.setdefault(cite.question, Counter())[cite.key] += 1
    return grouped


def check_translations(project: Project, today: dt.date) -> Iterator[Problem]:
    for lang in project.languages[1:]:
        for rel, page in project.pages.get(lang, {}).items():
            english = project.english(rel)
            if english is None:
                yield Problem(page.path, 1, "translation-orphan",
                              f"no English page docs/{project.default_language}/{rel} to translate from",
                              "rename the file to match the English page or delete it")
                continue
            if not page.readable:
                continue
            yield from schema_problems("translation.schema.json", page.meta, page.path, page.line)
            yield from _heading_id_problems(page)
            if not english.readable:
                continue
            yield from _compare_structure(page, english)


def _compare_structure(page: Page, english: Page) -> Iterator[Problem]:
    mine, theirs = _question_ids(page), _question_ids(english)
    first_line = page.questions[0].line if page.questions else page.body_first_line
    lines = {q.id: q.line for q in page.questions if q.id}
    missing_ids = [qid for qid in theirs if qid not in mine]
    for qid in missing_ids:
        # most often the id was translated too: point at the translated heading in its place
        index = theirs.index(qid)
        guess = mine[index] if index < len(mine) and mine[index] not in theirs else None
        yield Problem(page.path, lines.get(guess, first_line), "translation-ids-missing",
                      f"question '{qid}' of {english.path} is missing",
                      f"keep the English id {{#{qid}}} after the translated question")
    for qid in mine:
        if qid not in theirs:
            yield Problem(page.path, lines[qid], "translation-ids-extra",
                          f"question '{qid}' is not on {english.path}",
                          "question ids stay in English: write the English page's id after the translated "
                          "question" + (f" (one of: {', '.join('{#' + m + '}' for m in missing_ids)})" if missing_ids else ""))
    common_mine = [q for q in mine if q in theirs]
    common_theirs = [q for q in theirs if q in mine]
    if common_mine != common_theirs:
        first_wrong = next((a for a, b in zip(common_mine, common_theirs) if a != b), common_mine[-1])
        yield Problem(page.path, lines.get(first_wrong, first_line), "translation-ids-order",
                      f"questions are in a different order than {english.path}: "
                      f"expected {', '.join(common_theirs)}")
    ours, source = _citations_by_question(page), _citations_by_question(english)
    for qid in sorted(set(ours) | set(source), key=str):
        if qid is not None and qid not in theirs:
            continue
        if ours.get(qid, Counter()) != source.get(qid, Counter()):
            missing = source.get(qid, Counter()) - ours.get(qid, Counter())
            extra = ours.get(qid, Counter()) - source.get(qid, Counter())
            line = lines.get(qid, first_line) if qid else first_line
            # the line of the first changed key: an extra (or renamed) [@key] in the translation
            changed = [c.line for c in page.citations if c.question == qid and c.key in extra]
            line = min(changed) if changed else line
            parts = [f"missing [@{k}]" for k in missing] + [f"extra [@{k}]" for k in extra]
            yield Problem(page.path, line, "translation-citations-changed",
                          f"citations under '{qid or '(intro)'}' differ from English: {', '.join(parts)}",
                          "keep exactly the English [@key] markers under each question")


# --- raw HTML and links ----------------------------------------------------------------------

ALLOWED_TAGS = {"abbr", "br", "sup", "sub", "kbd", "mark", "small", "details", "summary", "span"}
ALLOWED_ATTRS = {"title", "class", "id", "lang", "dir"}


class _HtmlScanner(HTMLParser):
    """Raw HTML of a page's prose lines; `numbers` maps the scanner's line n to the file line."""

    def __init__(self, path: str, numbers: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.numbers = path, numbers
        self.found: list[Problem] = []

    def _line(self) -> int:
        return self.numbers[min(self.getpos()[0], len(self.numbers)) - 1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self._line()
        if tag not in ALLOWED_TAGS:
            self.found.append(Problem(self.path, line, "html-not-allowed", f"raw HTML <{tag}> is not allowed",
                                      f"allowed tags: {', '.join(sorted(ALLOWED_TAGS))}; use Markdown"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Problem(self.path, line, "html-unsafe-attr", f"event attribute '{name}' on <{tag}>",
                                          "remove it: pages may not run scripts"))
            elif _is_script_url(value or ""):
                self.found.append(Problem(self.path, line, "html-unsafe-url", f"{name}= on <{tag}> uses a script URL"))
            elif tag in ALLOWED_TAGS and name not in ALLOWED_ATTRS:
                self.found.append(Problem(self.path, line, "html-not-allowed",
                                          f"attribute '{name}' on <{tag}> is not allowed",
                                          f"allowed attributes: {', '.join(sorted(ALLOWED_ATTRS))}"))

    handle_startendtag = handle_starttag


CONTROL_OR_SPACE_RE = re.compile(r"[\s\x00-\x1f]")
URL_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _is_script_url(value: str) -> bool:
    """True for javascript:, vbscript: and data: URLs, also entity-encoded (a browser decodes them)."""
    return CONTROL_OR_SPACE_RE.sub("", html.unescape(value)).lower().startswith(("javascript:", "vbscript:", "data:"))


def check_html(project: Project, today: dt.date) -> Iterator[Problem]:
    for pages in project.pages.values():
        for page in pages.values():
            if not page.prose_lines:
                continue
            if any("<" in t for _, t in page.prose_lines):   # a start tag needs one
                scanner = _HtmlScanner(page.path, [n for n, _ in page.prose_lines])
                text = "\n".join(AUTOLINK_RE.sub(lambda m: " " * len(m.group(0)), t) for _, t in page.prose_lines)
                try:
                    scanner.feed(text)
                    scanner.close()
                except Exception as exc:  # html.parser is lenient; keep bad input from crashing the run
                    yield Problem(page.path, scanner._line(), "html-unparseable", f"cannot parse raw HTML: {exc}")
                yield from scanner.found
            for link in page.links:
                if _is_script_url(link.target):
                    yield Problem(page.path, link.line, "html-unsafe-url",
                                  f"link target '{link.target[:40]}' is a script URL")


def _anchors(project: Project, page: Page) -> set[str]:
    anchors = set(page.anchors)
    english = project.english(page.rel) or page
    if english.generated == "evidence-scale":
        from .verdicts import kinds, verdicts
        anchors |= set(project.evidence.data) | set(verdicts(project)) | set(kinds(project))
    if not english.is_info:
        anchors.add("sources")
    return anchors


def check_links(project: Project, today: dt.date) -> Iterator[Problem]:
    for lang, pages in project.pages.items():
        for page in pages.values():
            for link in page.links:
                yield from _link_problems(project, lang, page, link)


def _link_problems(project: Project, lang: str, page: Page, link) -> Iterator[Problem]:
    target = link.target
    if URL_SCHEME_RE.match(target):
        return  # external (checked elsewhere) or script URL (html rule)
    if target.startswith("/"):
        yield Problem(page.path, link.line, "link-absolute", f"link '{target}' is site-absolute",
                      "link to the .md file with a relative path so it works in every language")
        return
    path, _, anchor = target.partition("#")
    if not path:
        target_page = page
    else:
        resolved = resolve_link(page.rel, path)
        if resolved.endswith("/") or not resolved.endswith(".md"):
            candidate = project.root / "docs" / lang / resolved
            if not candidate.exists():
                yield Problem(page.path, link.line, "link-broken", f"link target '{path}' does not exist",
                              "link to the .md file of the page")
            return
        target_page = project.page_in(lang, resolved)
        if target_page is None:
            yield Problem(page.path, link.line, "link-broken", f"link target '{path}' does not exist",
                          f"no docs/{lang}/{resolved} or docs/{project.default_language}/{resolved}")
            return
    if anchor and anchor not in _anchors(project, target_page):
        yield Problem(page.path, link.line, "anchor-broken",
                      f"anchor '#{anchor}' not found in {target_page.path}")
    if "evidence-ref" in link.classes:
        english = project.english(target_page.rel)
        if english is None or anchor not in _claims(english):
            yield Problem(page.path, link.line, "evidence-ref-broken",
                          f"evidence reference '{target}' does not point to a question of a claim page")




RULES: list[Callable[[Project, dt.date], Iterable[Problem]]] = [
    check_evidence_file,
    check_ui_file,
    check_languages_file,
    check_sources_file,
    check_duplicate_sources,
    check_english_schema,
    check_verdicts_file,
    check_answers,
    check_registry,
    check_questions,
    check_setext_headings,
    check_list_slips,
    check_translations,
    check_html,
    check_attr_lists,
    check_links,
    check_permalinks,
    check_changelog,
    check_terms,
    check_readability,
]
