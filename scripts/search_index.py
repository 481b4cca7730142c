"""One search index per language.

mkdocs-static-i18n writes a single index at the site root with every language mixed together.
After the build, this splits it: `search/search_index.json` keeps the default language and each
`<lang>/search/search_index.json` holds only that language, with lunr's stemmer for it. Pages of a
language point Material's search at their own index through `config.base`.

What goes into an index: the answers, not what every page repeats. Material's search plugin
reads `searched_part` of a page: the page without the repeated parts (notices, review dates,
badges, citation numbers, the source list), which the hook puts back before the page is
written; pages of generated snippet code (For clinics) are left out whole."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .urls import relative_url

BASE_RE = re.compile(r'("base":\s*")([^"]*)(")')

# generated pages that are not answers (front matter `generated:`), left out of search: code to copy,
# and the changelog (it repeats answers' titles and would outrank the answers themselves)
UNSEARCHED_PAGES = frozenset({"for-clinics", "what-changed"})
# parts every page repeats, by class (scripts/render.py and the notices) or heading id
UNSEARCHED_CLASSES = frozenset({
    "review-dates", "headline-evidence", "question-evidence", "verdict-opening", "evidence-badge",
    "cite", "source-list", "medical-disclaimer", "translation-draft", "translation-outdated",
    "translation-fallback", "review-overdue", "page-notice", "report-error", "label-changed",
})
UNSEARCHED_IDS = frozenset({"sources"})
EXCLUDE_ATTR = ' data-search-exclude="1"'  # Material's search plugin drops `data-search-*="..."` afterwards
OPEN_TAG_RE = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"\'<>=/]+(?:\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s"\'<>]+))?)*)(\s*/?)>')
CLASS_RE = re.compile(r'\sclass="([^"]*)"')
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})
ID_RE = re.compile(r'\sid="([^"]*)"')


def searched_part(html: str) -> str:
    """What Material's search plugin reads of a page: the page with its repeated parts emptied,
    so the plugin never parses them. Each such element is kept, empty and marked for the plugin
    to skip (its closing tag found by counting the same tag nested in it); a heading and an
    element whose closing tag cannot be found keep their content, marked. The index is the same
    as if the plugin had read the whole page and skipped each marked part."""
    out: list[str] = []
    done = 0  # html[:done] is handled
    for match in OPEN_TAG_RE.finditer(html):
        if match.start() < done or not _unsearched(match):
            continue
        name = match.group(1).lower()
        marked = f"<{match.group(1)}{match.group(2)}{EXCLUDE_ATTR}{match.group(3)}>"
        closing = None if name in HEADINGS or name in VOID_TAGS or match.group(3).strip() == "/" \
            else _closing_tag(html, name, match.end())
        out.append(html[done:match.start()] + marked)
        if closing is None:
            done = match.end()
        else:  # the element kept empty: the text around it is split where it was (the same spaces)
            out.append(html[closing.start():closing.end()])
            done = closing.end()
    out.append(html[done:])
    return "".join(out)


def _unsearched(match: re.Match) -> bool:
    attrs = match.group(2) or ""
    if not attrs or "data-search-exclude" in attrs:
        return False
    classes, ident = CLASS_RE.search(attrs), ID_RE.search(attrs)
    return bool((classes and UNSEARCHED_CLASSES.intersection(classes.group(1).split())) or
                (ident and ident.group(1) in UNSEARCHED_IDS))


def _closing_tag(html: str, name: str, start: int) -> re.Match | None:
    """The closing tag of the element whose opening tag ends at `start`, or None."""
    depth = 1
    for tag in _same_tag_re(name).finditer(html, start):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return None


@lru_cache(maxsize=None)
def _same_tag_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])[^>]*>", re.IGNORECASE)


def searched(generated: str | None) -> bool:
    """Whether a page (by its front matter `generated:` kind) belongs in the search index."""
    return generated not in UNSEARCHED_PAGES


def split_index(site_dir: Path, default: str, languages: list[str]) -> dict[str, int]:
    root_index = site_dir / "search" / "search_index.json"
    data = json.loads(root_index.read_text(encoding="utf-8"))
    others = [lang for lang in languages if lang != default]
    buckets: dict[str, list[dict]] = {lang: [] for lang in languages}
    for entry in data.get("docs", []):
        location = entry.get("location", "")
        lang = next((l for l in others if location == l or location.startswith(f"{l}/")), default)
        if lang != default:
            entry = {**entry, "location": location[len(lang):].lstrip("/")}
        buckets[lang].append(entry)
    counts = {}
    for lang, docs in buckets.items():
        target = root_index if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**data.get("config", {}), "lang": [lang]}
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
        counts[lang] = len(docs)
    return counts


def language_base(html: str, page_url: str, lang: str, default: str) -> str:
    """Point Material's `config.base` at the language root instead of the site root."""
    if lang == default or not page_url.startswith(f"{lang}/"):
        return html
    base = relative_url(page_url, f"{lang}/").rstrip("/")
    return BASE_RE.sub(lambda m: f"{m.group(1)}{base}{m.group(3)}", html, count=1)


def forget_earlier_builds(plugins) -> None:
    """Each build's search index starts empty. MkDocs keeps plugin objects from one `make serve`
    rebuild to the next: mkdocs-static-i18n adds every build's search entries to a list it never
    empties, and Material's search plugin (with --dirty) merges its previous index into the new
    one, assuming one page per rebuild. Together the index doubled on every save (1,296 entries,
    then 2,376, 4,320 ... 112,536 after eight saves; that rebuild took 4-10 s instead of 1 s).
    Call it when a build starts (not in i18n's per-language builds, which add to the list on
    purpose); `merge_with_earlier` then keeps the pages a --dirty rebuild did not render."""
    i18n = plugins.get("i18n")
    if i18n is not None and isinstance(getattr(i18n, "search_entries", None), list):
        i18n.search_entries.clear()
    for search in (plugins.get("material/search"), plugins.get("search")):
        if hasattr(search, "search_index_prev"):
            search.search_index_prev = None


def _page_of(entry: dict) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


def merge_with_earlier(site_dir: Path, earlier: list[dict] | None) -> list[dict]:
    """After a --dirty rebuild, which indexes only the pages it rendered: the entries of every
    page it did not render are kept from the earlier index. Returns the index's entries."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return earlier or []
    data = json.loads(path.read_text(encoding="utf-8"))
    fresh = data.get("docs", [])
    if earlier:
        rendered = {_page_of(entry) for entry in fresh}
        data["docs"] = [entry for entry in earlier if _page_of(entry) not in rendered] + fresh
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return data["docs"]
