"""The theme HTML fixes (scripts/html_fixes.py), each on a snippet of what Material writes."""

from __future__ import annotations

from scripts.html_fixes import fix_theme_html

PAGE = ('<html lang="pt" class="no-js"><body><input class="md-toggle" type="checkbox" autocomplete="off">'
        '<div class="md-search" data-md-component="search" role="dialog"></div></body></html>')


def test_page_language_is_the_configured_code_not_materials():
    fixed = fix_theme_html(PAGE, "Pesquisar", "pt-BR")
    assert fixed.startswith('<html lang="pt-BR" class="no-js">')
    assert fix_theme_html(PAGE.replace('lang="pt"', 'lang="ar"'), "x", "ar").startswith('<html lang="ar"')


def test_vnu_and_axe_fixes():
    fixed = fix_theme_html(PAGE, "Pesquisar", "pt-BR")
    assert 'autocomplete="off"' not in fixed
    assert 'role="dialog" aria-label="Pesquisar">' in fixed


def test_no_material_feature_needs_the_held_back_sitemaps():
    """docs/assets/search-on-demand.js never sends Material's sitemap requests (they broke the
    language menu); instant navigation and instant previews read the sitemap, so they stay off."""
    import re
    from pathlib import Path

    config = (Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8")
    features = config.split("features:", 1)[1].split("palette:", 1)[0]
    assert "- toc.follow" in features                       # the list this reads is the features list
    assert re.findall(r"-\s*(navigation\.instant\S*)", features) == []
