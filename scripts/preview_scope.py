"""A quick preview of one language: `make serve LANG_CODE=es`.

MkDocs' `serve` then builds English (the default language, which the other languages fall back
to) and that language only, re-renders only the pages whose file changed (`--dirty`), and the
hook skips the after-build files (faq.json, embed cards, feeds, search split, the output
allowlist). A change to data/, schemas/, overrides/ or scripts/ re-renders every page of the two
languages. `make build` always builds everything."""

from __future__ import annotations

import os
from pathlib import Path

PREVIEW_ENV = "EXOFAQ_PREVIEW_LANG"
SHARED_FOLDERS = ("data", "schemas", "overrides", "scripts")


def preview_language(command: str | None) -> str | None:
    """The language being previewed, or None for a full build (always None outside `serve`)."""
    lang = os.environ.get(PREVIEW_ENV, "").strip()
    return lang if lang and command == "serve" else None


def limit_languages(plugin, preview: str) -> list[str]:
    """Build only the default language and the previewed one; returns the languages built.
    Raises ValueError for a language that mkdocs.yml does not have."""
    languages = plugin.config.languages
    if preview not in [lang.locale for lang in languages]:
        raise ValueError(f"LANG_CODE={preview} is not a language of mkdocs.yml "
                         f"({', '.join(lang.locale for lang in languages)})")
    for lang in languages:
        lang.build = bool(lang.default) or lang.locale == preview
    return [lang.locale for lang in languages if lang.build]


def shared_fingerprint(root: Path) -> tuple:
    """Identity of the files every page depends on (not the pages themselves)."""
    files = [p for folder in SHARED_FOLDERS for p in sorted((root / folder).rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def render_every_page(files) -> None:
    """Make a dirty build re-render every page (shared data changed)."""
    for file in files.documentation_pages():
        file.is_modified = lambda: True
