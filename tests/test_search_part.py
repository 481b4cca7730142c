"""What Material's search plugin reads of a page (scripts/search_index.searched_part): the
repeated parts emptied and marked, so the index is the one the plugin would make skipping them."""

from __future__ import annotations

from material.plugins.search.plugin import Parser

from scripts.search_index import EXCLUDE_ATTR, searched_part


def index(html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title), "".join(section.text)) for section in parser.data
            if not section.is_excluded()]


PAGE = """<h1 id="hair">Hair</h1>
<p class="review-dates">Reviewed <time>2026-01-01</time></p>
<p>Exosomes did not regrow hair <sup class="cite"><a href="#s1">[1]</a></sup>
  <sup class="cite"><a href="#s2">[2]</a></sup>.</p>
<div class="page-notice"><div><p>A notice <em>with</em></p><div>nested divs</div></div></div>
<p>After the notice.</p>
<h2 id="sources">Sources</h2>
<ol class="source-list"><li>A source <img class="evidence-badge" src="x.svg" alt=""></li></ol>
<p>Last words<br class="cite"/> here.</p>"""


def test_the_repeated_parts_are_emptied_and_marked():
    part = searched_part(PAGE)
    assert "Reviewed" not in part and "[1]" not in part and "nested divs" not in part and "A source" not in part
    assert f'<p class="review-dates"{EXCLUDE_ATTR}></p>' in part
    assert f'<div class="page-notice"{EXCLUDE_ATTR}></div>\n<p>After the notice.</p>' in part  # nested divs counted
    assert f'<h2 id="sources"{EXCLUDE_ATTR}>Sources</h2>' in part  # a heading keeps its section


def test_the_index_is_the_one_the_plugin_makes_skipping_the_marked_parts():
    marked = PAGE  # the plugin reading the whole page with each part marked (what the build did before)
    for attrs in ('class="review-dates"', 'class="cite"', 'class="page-notice"', 'id="sources"', 'class="source-list"',
                  'class="evidence-badge"'):
        marked = marked.replace(attrs, attrs + EXCLUDE_ATTR)
    assert index(searched_part(PAGE)) == index(marked)
    assert "Exosomes did not regrow hair" in index(searched_part(PAGE))[0][2]


def test_a_part_without_its_closing_tag_keeps_its_content_marked():
    broken = '<p>Before</p><div class="page-notice"><p>never closed</p>'
    assert searched_part(broken) == f'<p>Before</p><div class="page-notice"{EXCLUDE_ATTR}><p>never closed</p>'
    assert searched_part("<p>Nothing repeated.</p>") == "<p>Nothing repeated.</p>"
