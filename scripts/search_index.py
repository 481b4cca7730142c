"""One search index per language.

mkdocs-static-i18n writes a single index at the site root with every language mixed together.
After the build, this splits it: `search/search_index.json` keeps the default language and each
`<lang>/search/search_index.json` holds only that language, with lunr's stemmer for it. Pages of a
language point Material's search at their own index through `config.base`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .urls import relative_url

BASE_RE = re.compile(r'("base":\s*")([^"]*)(")')


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
