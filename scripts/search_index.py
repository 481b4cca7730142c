"""One search index per language.

mkdocs-static-i18n writes a single index at the site root with every language mixed together.
After the build, this splits it: `search/search_index.json` keeps the default language and each
`<lang>/search/search_index.json` holds only that language, with lunr's stemmer for it. Pages of a
language point Material's search at their own index through `config.base`.

What goes into an index: the answers, not what every page repeats. Before Material's search
plugin reads a page, `mark_unsearched` marks the repeated parts (notices, review dates, badges,
citation numbers, the source list) with `data-search-exclude`, which the plugin skips and then
removes from the page; pages of generated snippet code (For clinics) are left out whole."""

from __future__ import annotations

import json
import re
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
ID_RE = re.compile(r'\sid="([^"]*)"')


def mark_unsearched(html: str) -> str:
    """The page HTML with every repeated part marked for Material's search to skip."""
    def mark(match: re.Match) -> str:
        attrs = match.group(2) or ""
        if not attrs or "data-search-exclude" in attrs:
            return match.group(0)
        classes = CLASS_RE.search(attrs)
        ident = ID_RE.search(attrs)
        if (classes and UNSEARCHED_CLASSES.intersection(classes.group(1).split())) or \
                (ident and ident.group(1) in UNSEARCHED_IDS):
            return f"<{match.group(1)}{attrs}{EXCLUDE_ATTR}{match.group(3)}>"
        return match.group(0)
    return OPEN_TAG_RE.sub(mark, html)


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
