"""Loading the content: pages (front matter + Markdown structure), data files, site languages.

Everything here is tolerant: a file that cannot be read becomes a Problem, never an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import yamlfile
from .markdown_scan import PROSE, Heading, Line, heading_ids, scan
from .report import Problem

QUESTION_LEVEL = 2
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
CITATION_RE = re.compile(r"\[@([^\]\s;,]*)\]")
LINK_RE = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)(\{[^}]*\})?")
MULTI_CITATION_RE = re.compile(r"\[@[^\]]*?[;,\s][^\]]*\]")
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+[\"'(].*)?$")
AUTOLINK_RE = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>", re.I)
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
CLASS_RE = re.compile(r"\.([\w-]+)")   # the classes of an attribute list: {.external .button}


@dataclass
class Citation:
    key: str
    line: int
    question: str | None    # id of the enclosing question (H2), None before the first H2


@dataclass
class Link:
    target: str
    line: int
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One entry of `claims:`: the question id, its evidence label and its source keys."""
    id: str
    evidence: str | None    # None when missing or not a string (the schema rules report it)
    sources: tuple[str, ...]
    raw: dict = field(default_factory=dict, compare=False, hash=False)   # the whole entry (verdict, claim, kind...)


@dataclass(frozen=True)
class TranslationMeta:
    """The `translation:` block of a translated page."""
    source_hash: str | None
    status: str | None

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


def parse_date(value: Any) -> dt.date | None:
    """The one date parser: a YYYY-MM-DD text (yamlfile keeps dates as text) or a date."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass
class Page:
    lang: str
    rel: str                # path inside the language folder, posix, e.g. cosmetic/hair-growth.md
    path: str               # path shown in messages, relative to the project root
    meta: dict[str, Any] = field(default_factory=dict)
    meta_doc: yamlfile.YamlDoc = field(default_factory=yamlfile.YamlDoc)
    body: str = ""
    body_first_line: int = 1
    lines: list[Line] = field(default_factory=list)   # the body scanned once (markdown_scan.scan)
    headings: list[Heading] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    prose_lines: list[tuple[int, str]] = field(default_factory=list)   # (line, text) outside code
    readable: bool = False  # front matter parsed into a mapping

    # --- the front matter as typed fields (meta is always a mapping: {} when unreadable) ---

    @property
    def is_info(self) -> bool:
        return self.meta.get("type") == "info"

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def description(self) -> str:
        return str(self.meta.get("description", ""))

    @property
    def topic(self) -> str | None:
        return self.meta.get("topic")

    @property
    def generated(self) -> str | None:
        """Kind of generated content appended at build time (scripts/generate.py), if any."""
        value = self.meta.get("generated")
        return value if isinstance(value, str) else None

    @property
    def reviewed(self) -> dt.date | None:
        return parse_date(self.meta.get("reviewed"))

    @property
    def review_due(self) -> dt.date | None:
        return parse_date(self.meta.get("review_due"))

    @property
    def claims(self) -> dict[str, Claim]:
        raw = self.meta.get("claims")
        if not isinstance(raw, dict):
            return {}
        claims = {}
        for qid, entry in raw.items():
            entry = entry if isinstance(entry, dict) else {}
            label = entry.get("evidence")
            sources = entry.get("sources") if isinstance(entry.get("sources"), list) else []
            claims[str(qid)] = Claim(str(qid), label if isinstance(label, str) else None,
                                     tuple(s for s in sources if isinstance(s, str)), entry)
        return claims

    @property
    def translation(self) -> TranslationMeta:
        raw = self.meta.get("translation")
        raw = raw if isinstance(raw, dict) else {}
        return TranslationMeta(raw.get("source_hash"), raw.get("status"))

    def line(self, *path: Any) -> int:
        return self.meta_doc.line_of(path, default=1)

    @property
    def questions(self) -> list[Heading]:
        return [h for h in self.headings if h.level == QUESTION_LEVEL]

    @property
    def anchors(self) -> set[str]:
        """Every heading id as the built page has it (explicit, or the toc slug)."""
        return set(heading_ids(self.headings))


@dataclass
class DataFile:
    path: str
    doc: yamlfile.YamlDoc
    data: dict[str, Any]

    def line(self, *path: Any) -> int:
        return self.doc.line_of(path, default=1)


@dataclass
class Project:
    root: Path
    default_language: str
    languages: list[str]
    rtl_languages: set[str]
    evidence: DataFile
    sources: DataFile
    ui: DataFile
    pages: dict[str, dict[str, Page]]
    problems: list[Problem]
    cache: dict[str, Any] = field(default_factory=dict)   # derived data, computed once per load

    def english(self, rel: str) -> Page | None:
        return self.pages.get(self.default_language, {}).get(rel)

    def data_file(self, rel: str) -> tuple["DataFile", list[Problem]]:
        """A YAML file of the project (data/*.yml, the lock files), read once per load."""
        key = ("data", rel)
        if key not in self.cache:
            self.cache[key] = load_data_file(self.root, rel)
        return self.cache[key]

    def forget_data_file(self, rel: str) -> None:
        """After writing a data file: the next data_file() reads it again."""
        self.cache.pop(("data", rel), None)

    def use_data_file(self, rel: str, loaded: tuple["DataFile", list[Problem]]) -> None:
        """What data_file(rel) returns from now on (a file read from elsewhere)."""
        self.cache[("data", rel)] = loaded

    def translation(self, lang: str, rel: str) -> Page | None:
        """The translated page itself, None for the default language or a missing translation."""
        return None if lang == self.default_language else self.pages.get(lang, {}).get(rel)

    def page_in(self, lang: str, rel: str) -> Page | None:
        """The page a reader of `lang` sees: the translation, or the English fallback."""
        return self.pages.get(lang, {}).get(rel) or self.english(rel)

    def ui_strings(self, lang: str) -> dict[str, Any]:
        """Interface strings of a language, English filling any gap (computed once per language)."""
        key = ("ui", lang)
        if key not in self.cache:
            strings = self.ui.data
            self.cache[key] = {**strings.get(self.default_language, {}), **strings.get(lang, {})}
        return self.cache[key]


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, 1, "file-missing", "file not found")]
    except OSError as exc:
        return None, [Problem(shown, 1, "file-unreadable", f"cannot read file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "file-encoding",
                              f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                              "save the file as UTF-8")]
    if not text.strip():
        return None, [Problem(shown, 1, "file-empty", "file is empty")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load_data_file(root: Path, rel: str) -> tuple[DataFile, list[Problem]]:
    text, problems = read_text(root / rel, rel)
    if text is None:
        return DataFile(rel, yamlfile.YamlDoc(), {}), problems
    doc = yamlfile.load(text, 1)
    if doc.error:
        return DataFile(rel, doc, {}), [Problem(rel, doc.error_line, "yaml-syntax", doc.error, yamlfile.SYNTAX_HINT)]
    problems += [Problem(rel, line, "yaml-duplicate-key", f"key '{path[-1]}' is defined twice")
                 for path, line in doc.duplicates]
    if not isinstance(doc.data, dict):
        return DataFile(rel, doc, {}), problems + [
            Problem(rel, 1, "schema", "the file must be a mapping of keys to entries")]
    return DataFile(rel, doc, doc.data), problems


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, first line number of the body)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return None, text, 1


def scan_body(page: Page) -> None:
    """Headings, citations, links and prose lines of the body, skipping fenced code
    (markdown_scan: the same scan the renderer and the short answers use)."""
    question: str | None = None
    page.lines = scan(page.body, page.body_first_line)
    for scanned in page.lines:
        if scanned.kind != PROSE:
            continue
        number = scanned.number
        line = scanned.text
        if "`" in line:
            line = INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), line)
        page.prose_lines.append((number, line))
        heading = scanned.heading
        if heading:
            page.headings.append(heading)
            if heading.level == QUESTION_LEVEL:
                question = heading.id if heading.id is not None else f"<{heading.text}>"
            elif heading.level < QUESTION_LEVEL:
                question = None
        if "[@" in line:   # each pattern needs its marker: most lines are plain text
            for match in CITATION_RE.finditer(line):
                page.citations.append(Citation(match.group(1), number, question))
            for match in MULTI_CITATION_RE.finditer(line):
                page.citations.append(Citation(match.group(0)[2:-1], number, question))  # reported as malformed
        ref = REF_DEF_RE.match(line) if "]:" in line else None
        if ref:
            page.links.append(Link(ref.group(1), number))
        if "](" in line:
            for match in LINK_RE.finditer(line):
                classes = tuple(CLASS_RE.findall(match.group(2) or ""))
                page.links.append(Link(match.group(1), number, classes))


def load_page(root: Path, docs: Path, lang: str, file: Path) -> tuple[Page, list[Problem]]:
    rel = file.relative_to(docs / lang).as_posix()
    shown = file.relative_to(root).as_posix()
    page = Page(lang=lang, rel=rel, path=shown)
    text, problems = read_text(file, shown)
    if text is None:
        return page, problems
    front, body, first = split_front_matter(text)
    page.body, page.body_first_line = body, first
    scan_body(page)
    if front is None:
        return page, problems + [Problem(shown, 1, "front-matter-missing",
                                         "page has no YAML front matter between '---' lines")]
    page.meta_doc = yamlfile.load(front, 2)
    if page.meta_doc.error:
        return page, problems + [Problem(shown, page.meta_doc.error_line, "yaml-syntax",
                                         page.meta_doc.error, yamlfile.SYNTAX_HINT)]
    problems += [Problem(shown, line, "yaml-duplicate-key", f"key '{path[-1]}' is defined twice")
                 for path, line in page.meta_doc.duplicates]
    if not isinstance(page.meta_doc.data, dict):
        return page, problems + [Problem(shown, 2, "schema", "front matter must be a mapping")]
    page.meta = page.meta_doc.data
    page.readable = True
    return page, problems


def _config_loader() -> type[yaml.SafeLoader]:
    """MkDocs' own mkdocs.yml loader (!ENV, !relative), on a safe base: other tags such as
    !!python/name become None instead of running code. Without MkDocs installed the checker
    still runs, with !ENV values as None."""
    try:
        from mkdocs.utils.yaml import get_yaml_loader
        loader = get_yaml_loader(yaml.SafeLoader)
    except ImportError:  # the checker does not need MkDocs
        loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return loader


def load_languages(root: Path) -> tuple[str, list[str], set[str], list[Problem]]:
    """Languages configured for mkdocs-static-i18n in mkdocs.yml (default first)."""
    text, problems = read_text(root / "mkdocs.yml", "mkdocs.yml")
    fallback = ("en", ["en"], set(), problems)
    if text is None:
        return fallback
    try:
        config = yaml.load(text, Loader=_config_loader()) or {}
    except (yaml.YAMLError, ValueError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return ("en", ["en"], set(), [Problem("mkdocs.yml", line, "yaml-syntax", str(exc).split("\n")[0])])
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            langs = plugin["i18n"].get("languages")
            # each language a mapping with a text locale (anything else: no language, reported below)
            langs = [l for l in langs if isinstance(l, dict) and isinstance(l.get("locale"), str) and l["locale"]] \
                if isinstance(langs, list) else []
            codes = [l["locale"] for l in langs]
            default = next((l["locale"] for l in langs if l.get("default")), None)
            rtl = {l["locale"] for l in langs
                   if isinstance(l.get("theme"), dict) and l["theme"].get("direction") == "rtl"}
            if default and codes:
                return default, [default] + [c for c in codes if c != default], rtl, []
    return ("en", ["en"], set(), [Problem("mkdocs.yml", 1, "config-languages",
                                          "no i18n plugin with a default language found")])


def load_project(root: Path | str, only: tuple[str, ...] = ()) -> Project:
    """Every page of every configured language; with `only` (a preview of one language), just
    those languages and the default one, which the others fall back to."""
    root = Path(root)
    problems: list[Problem] = []
    default, languages, rtl, lang_problems = load_languages(root)
    problems += lang_problems
    if only:
        languages = [lang for lang in languages if lang == default or lang in only]
    evidence, p1 = load_data_file(root, "data/evidence.yml")
    sources, p2 = load_data_file(root, "data/sources.yml")
    ui, p3 = load_data_file(root, "data/ui.yml")
    problems += p1 + p2 + p3
    docs = root / "docs"
    pages: dict[str, dict[str, Page]] = {}
    for lang in languages:
        pages[lang] = {}
        folder = docs / lang
        if not folder.is_dir():
            problems.append(Problem(f"docs/{lang}", 1, "language-folder-missing",
                                    f"configured language '{lang}' has no folder docs/{lang}/"))
            continue
        for file in sorted(folder.rglob("*.md")):
            page, page_problems = load_page(root, docs, lang, file)
            pages[lang][page.rel] = page
            problems += page_problems
    if docs.is_dir():
        for child in sorted(docs.iterdir()):
            if child.is_dir() and child.name not in languages and not only and re.match(r"^[a-z]{2}([-_][A-Za-z]+)?$", child.name):
                problems.append(Problem(f"docs/{child.name}", 1, "language-not-configured",
                                        f"folder docs/{child.name}/ is not a language in mkdocs.yml"))
    return Project(root, default, languages, rtl, evidence, sources, ui, pages, problems)


# --- translation hashing ---------------------------------------------------------------------

TRANSLATABLE_META = ("title", "description")


def translatable_text(page: Page) -> str:
    """The English text a translator works from: title, description and body."""
    parts = [f"{key}: {page.meta.get(key, '')}" for key in TRANSLATABLE_META]
    body = "\n".join(line.rstrip() for line in page.body.strip().split("\n"))
    return "\n".join(parts) + "\n\n" + body + "\n"


def source_hash(page: Page) -> str:
    return hashlib.sha256(translatable_text(page).encode("utf-8")).hexdigest()[:8]
