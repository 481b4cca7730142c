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
