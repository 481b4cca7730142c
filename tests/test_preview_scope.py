"""`make serve LANG_CODE=es`: English and that language only, and only inside `serve`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scripts.preview_scope import PREVIEW_ENV, limit_languages, preview_language, shared_fingerprint


def i18n(*locales):
    languages = [SimpleNamespace(locale=loc, default=i == 0, build=True) for i, loc in enumerate(locales)]
    return SimpleNamespace(config=SimpleNamespace(languages=languages))


def test_preview_builds_the_default_language_and_the_previewed_one():
    plugin = i18n("en", "es", "fr", "ar")
    assert limit_languages(plugin, "es") == ["en", "es"]
    assert [lang.build for lang in plugin.config.languages] == [True, True, False, False]


def test_an_unknown_language_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="LANG_CODE=xx is not a language of mkdocs.yml \\(en, es\\)"):
        limit_languages(i18n("en", "es"), "xx")


def test_only_serve_previews_one_language(monkeypatch):
    monkeypatch.setenv(PREVIEW_ENV, "es")
    assert preview_language("serve") == "es"
    assert preview_language("build") is None  # `make build` always builds every language
    monkeypatch.delenv(PREVIEW_ENV)
    assert preview_language("serve") is None


def test_shared_fingerprint_changes_with_data_not_with_pages(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "ui.yml").write_text("a: 1\n")
    (tmp_path / "docs" / "page.md").write_text("# Page\n")
    before = shared_fingerprint(tmp_path)
    (tmp_path / "docs" / "page.md").write_text("# Page, edited\n")
    assert shared_fingerprint(tmp_path) == before
    (tmp_path / "data" / "ui.yml").write_text("a: 22\n")
    assert shared_fingerprint(tmp_path) != before


@pytest.mark.slow  # checks a copy of the whole project twice
def test_the_preview_checks_english_and_its_language_only(tmp_path):
    """`make serve LANG_CODE=es` runs the same checker on English and Spanish only: the problems
    of those two are all found, another language's are not looked for (about 3x faster)."""
    import re
    import shutil
    from pathlib import Path

    from scripts.checker import check

    root = Path(__file__).resolve().parent.parent
    for name in ("docs", "data", "schemas"):
        shutil.copytree(root / name, tmp_path / name)
    for name in ("mkdocs.yml", "grades.lock.yml", "permalinks.lock.yml"):
        shutil.copy(root / name, tmp_path / name)
    for lang in ("es", "fr"):  # drop the first citation of a translated page
        page = tmp_path / "docs" / lang / "cosmetic" / "hair-growth.md"
        page.write_text(re.sub(r"\[@[^\]]+\]", "", page.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    _, full = check(tmp_path)
    _, preview = check(tmp_path, only=("es",))
    in_lang = lambda problems, lang: {p.format() for p in problems if p.path.startswith(f"docs/{lang}/")}  # noqa: E731
    assert in_lang(full, "es") and in_lang(full, "fr")
    assert in_lang(preview, "es") == in_lang(full, "es")
    assert not in_lang(preview, "fr")
    others = ("docs/es/", "docs/fr/", "docs/de/", "docs/ko/", "docs/ar/")
    assert {p.format() for p in preview if not p.path.startswith(others)} == \
        {p.format() for p in full if not p.path.startswith(others)}
