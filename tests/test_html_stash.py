"""Finished HTML skips Python-Markdown (scripts/html_stash.py): the page comes out the same."""

from __future__ import annotations

import markdown
import pytest

from scripts.html_stash import HtmlStash

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]

PAGE = """\
# A page

<p class="review-dates">Reviewed: <time datetime="2026-11-23">23 November 2026</time></p>

<p class="headline-evidence"><a class="evidence-badge" href="#x"><svg viewBox="0 0 24 24"><path d="M1 1"/></svg><strong>No</strong></a></p>

!!! info "Not medical advice"

    Talk to a doctor.

Text with an inline <sup class="cite"><a href="#src-a">[1]</a></sup> citation.

## A question {#q}

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
    assert len(stash.blocks) == 5  # review dates, headline, evidence + opening, nested divs, source list
    assert "svg" not in hidden and "source-list" not in hidden  # Markdown never sees them


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
