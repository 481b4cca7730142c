"""Accent folding for search is chosen in data/languages.yml (`accent_folding: true`), not in code."""

from __future__ import annotations

from scripts.search_fold import MARKER, accent_folding_languages, add_accent_folding


def test_folding_follows_the_language_data(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "languages.yml").write_text(
        "es:\n  search_probe: cabello\n  accent_folding: true\n"
        "ko:\n  search_probe: 탈모\n  accent_folding: false\n"
        "pt:\n  search_probe: cabelo\n", encoding="utf-8")
    assert accent_folding_languages(tmp_path) == {"es"}
    lunr = tmp_path / "site" / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for lang in ("es", "ko", "pt"):
        (lunr / f"lunr.{lang}.min.js").write_text("/* lunr */\n", encoding="utf-8")
    assert add_accent_folding(tmp_path / "site", ["en", "es", "ko", "pt"], accent_folding_languages(tmp_path)) == ["es"]
    assert MARKER in (lunr / "lunr.es.min.js").read_text(encoding="utf-8")
    assert MARKER not in (lunr / "lunr.ko.min.js").read_text(encoding="utf-8")  # Hangul never decomposed
    assert MARKER not in (lunr / "lunr.pt.min.js").read_text(encoding="utf-8")  # not declared: plain search

