"""Finished HTML skips Python-Markdown (scripts/html_stash.py): the page comes out the same."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from scripts.html_stash import HtmlStash

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]

PAGE = """\
# A page

<p class="review-dates">Reviewed: <time datetime="2026-11-23">23 November 2026</time></p>

<p class="headline-evidence"><a class="evidence-badge" href="#x"><svg viewBox="0 0 24 24"><path d="M1 1"/></svg><strong>No</strong></a></p>

!!! info "Not medical advice"

    Talk to a doctor.

Text with an inline <sup class="cite"><a href="#src-a" aria-label="Source 1">[1]</a></sup> citation, and
_emphasis_<sup class="cite"><a href="#src-b" aria-label="Source 2">[2]</a></sup> right before one.

## A question <sup class="cite"><a href="#src-a" aria-label="Source 1">[1]</a></sup> {#q}

Code `<sup class="cite">` beside a citation <sup class="cite"><a href="#src-a" aria-label="Source 1">[1]</a></sup>.

<p class="question-evidence"><span id="old-id"></span>Verdict</p>
<p class="verdict-opening"><strong>No.</strong></p>

<div class="outer"><div class="inner">nested</div>
</div>

<div markdown="1">
*Markdown inside*, rendered by md_in_html.
</div>

```html
<p class="in-code">stays code</p>
```

<p>Snippet:</p>
<pre class="highlight"><code class="language-html">&lt;iframe src="x"&gt;&lt;/iframe&gt;</code></pre>

<ol class="source-list">
<li id="src-a">A source.</li>
</ol>
"""


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_the_page_is_the_same_byte_for_byte():
    stash = HtmlStash()
    hidden = stash.hide(PAGE)
    assert stash.restore(render(hidden)) == render(PAGE)
    # review dates, headline, evidence + opening, nested divs, snippet, source list; two citations
    assert len(stash.blocks) == 8
    assert "svg" not in hidden and "source-list" not in hidden and "<pre" not in hidden  # Markdown never sees them
    assert hidden.count('<sup class="cite">') == 3  # in the heading and beside a code span they stay


def test_citations_in_text_become_entities_and_come_back():
    stash = HtmlStash()
    hidden = stash.hide('A claim.<sup class="cite"><a href="#src-a" aria-label="Source 1">[1]</a></sup> '
                        '| cell <sup class="cite"><a href="#src-b" aria-label="Source 2">[2]</a></sup> |')
    assert hidden == "A claim.&exofaqcite0; | cell &exofaqcite1; |"
    assert stash.restore("<p>A claim.&exofaqcite0; | cell &exofaqcite1; |</p>") == (
        '<p>A claim.<sup class="cite"><a href="#src-a" aria-label="Source 1">[1]</a></sup> '
        '| cell <sup class="cite"><a href="#src-b" aria-label="Source 2">[2]</a></sup> |</p>')


def test_other_inline_html_is_left_to_markdown():
    stash = HtmlStash()
    text = 'A <sup>2</sup> and <sup class="cite"><a href="#src-a">*[1]*</a></sup> stay.'
    assert stash.hide(text) == text and not stash.blocks


def test_code_and_markdown_blocks_are_left_to_markdown():
    stash = HtmlStash()
    hidden = stash.hide(PAGE)
    assert '<p class="in-code">stays code</p>' in hidden
    assert '<div markdown="1">' in hidden
    assert not any("in-code" in block or "markdown=" in block for block in stash.blocks.values())


def test_an_unclosed_block_is_left_alone():
    stash = HtmlStash()
    text = '<div class="open">\nno end\n\nmore text'
    assert stash.hide(text) == text and not stash.blocks


def test_a_lost_placeholder_stops_the_build():
    stash = HtmlStash()
    stash.hide('<p class="x">finished</p>\n')
    with pytest.raises(ValueError, match="could not be put back"):
        stash.restore("<p>the placeholder was lost</p>")


def test_a_lost_citation_stops_the_build():
    stash = HtmlStash()
    stash.hide('Text <sup class="cite"><a href="#src-a" aria-label="Source 1">[1]</a></sup>\n')
    with pytest.raises(ValueError, match="could not be put back"):
        stash.restore("<p>Text</p>")


def test_for_clinics_code_blocks_are_what_the_sites_markdown_writes():
    """The For clinics snippets are written as finished HTML (scripts/generate.py); they must be
    the HTML the site's own Markdown settings (mkdocs.yml) write for the same fenced code."""
    from mkdocs.utils.yaml import yaml_load

    from scripts.generate import _code_block

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config:
        settings = yaml_load(config)["markdown_extensions"]
    names = [next(iter(e)) if isinstance(e, dict) else e for e in settings]
    configs = {next(iter(e)): next(iter(e.values())) for e in settings if isinstance(e, dict)}
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    for language, code in (("text", "https://example.org/a/#b"),
                           ("html", '<div style="a:b"><iframe src="x?a=1&amp;b=2" title="Q &quot;x&quot;"></iframe></div>')):
        md.reset()
        assert md.convert(f"```{language}\n{code}\n```") == _code_block(language, code)
