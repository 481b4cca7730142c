"""One Markdown scan for the checker, the renderer and the short answers: CommonMark fences,
Python-Markdown headings and toc slugs. Each consumer is shown agreeing on the same page."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from scripts.answers import answers
from scripts.content import load_project
from scripts.markdown_scan import CODE, FENCE, PROSE, heading_ids, headings, parse_heading, plain, scan
from scripts.render import RenderContext, render_page

HAIR = "docs/en/cosmetic/hair.md"
NESTED = ("Only in mice [@mouse2020-hair]. See [the first answer](#regrow-hair) and [home](../index.md).\n\n"
          "````markdown\n```\n[@not-a-citation] <script>still code</script>\n```js\n## Not a heading {#nope}\n"
          "`````\n\nAfter the code.")


def kinds(text):
    return [line.kind for line in scan(text)]


def test_closing_fence_is_the_same_character_and_at_least_as_long():
    assert kinds("````\n```\nx\n~~~~\n`````\ny") == [FENCE, CODE, CODE, CODE, FENCE, PROSE]
    assert kinds("~~~\n```\n~~~~  \ny") == [FENCE, CODE, FENCE, PROSE]


def test_a_fence_with_an_info_string_does_not_close_a_block():
    assert kinds("```\n```js\nx\n```\ny") == [FENCE, CODE, CODE, FENCE, PROSE]


def test_inline_code_at_the_start_of_a_line_is_not_a_fence():
    assert kinds("```code``` in a sentence\n# Heading") == [PROSE, PROSE]


def test_unclosed_fence_runs_to_the_end_and_indented_fences_count_up_to_three_spaces():
    assert kinds("```\nx\n## y") == [FENCE, CODE, CODE]
    assert kinds("   ```\nx\n   ```\ny") == [FENCE, CODE, FENCE, PROSE]
    assert kinds("    ```\ny") == [PROSE, PROSE]  # indented code, not a fence


def test_headings_like_python_markdown():
    assert parse_heading("## Can it? {#can-it}", 3).__dict__ == {"level": 2, "text": "Can it?", "id": "can-it", "line": 3}
    assert parse_heading("##No space {: #x .y }", 1).id == "x"
    assert parse_heading("## Closing hashes ##", 1).text == "Closing hashes"
    assert parse_heading("## Glued{#x}", 1).id is None  # attr_list needs a space before {
    assert parse_heading(" ## indented", 1) is None


def test_heading_ids_are_toc_slugs_with_suffixes_for_repeats():
    found = headings("# Intro\n## Intro\n## Side effects {#intro}\n## **Café** and [links](x.md)")
    assert heading_ids(found) == ["intro_1", "intro_2", "intro", "cafe-and-links"]
    html = markdown.markdown("# Intro\n## Intro\n## Side effects {#intro}\n## **Café** and [links](x.md)",
                             extensions=["attr_list", "toc"])
    for anchor in heading_ids(found):
        assert f'id="{anchor}"' in html


def test_checker_ignores_code_in_a_nested_fence_and_checks_what_follows(project):
    project.replace(HAIR, "Only in mice [@mouse2020-hair]. See [the first answer](#regrow-hair) and [home](../index.md).", NESTED)
    assert [p.format() for p in project.check()] == []
    project.replace(HAIR, "After the code.", "After the code. <script>x</script>")
    hits = [p for p in project.check() if p.rule == "html-not-allowed"]
    assert [(p.path, p.line) for p in hits] == [(HAIR, 35)]


def test_renderer_and_answers_see_the_same_code_block(project):
    project.replace(HAIR, "Only in mice [@mouse2020-hair]. See [the first answer](#regrow-hair) and [home](../index.md).", NESTED)
    state = load_project(project.root)
    english = state.english("cosmetic/hair.md")
    ctx = RenderContext(project=state, lang="en", rel="cosmetic/hair.md", url="cosmetic/hair/", english=english,
                        translation=None, today=dt.date(2026, 6, 1))
    rendered = render_page(english.body, ctx)
    assert "[@not-a-citation] <script>still code</script>" in rendered      # untouched inside the fence
    assert rendered.count('class="question-evidence"') == 2                 # '## Not a heading' got none
    assert [a.id for a in answers(english)] == ["regrow-hair", "nourish-follicles"]
    assert "nope" not in english.anchors


@pytest.mark.rule("anchor-broken")
def test_link_to_a_repeated_heading_needs_its_suffix(project):
    project.replace("docs/en/index.md", "# Home", "# Home\n\n## Notes\n\n## Notes\n\nSee [notes](#notes_1).")
    assert [p.format() for p in project.check()] == []
    project.replace("docs/en/index.md", "(#notes_1)", "(#notes_2)")
    assert [p.rule for p in project.check()] == ["anchor-broken"]


def test_relative_urls_are_computed_one_way():
    from scripts.urls import embed_path, page_url, relative_url, resolve_link
    assert page_url("cosmetic/hair.md", "es", "en") == "es/cosmetic/hair/" and page_url("index.md", "en", "en") == ""
    assert relative_url("es/cosmetic/hair/", "es/evidence-scale/", "approved") == "../../evidence-scale/#approved"
    assert relative_url("es/cosmetic/hair/", "cosmetic/hair/") == "../../../cosmetic/hair/"
    assert relative_url("", "") == "./" and relative_url("es/", "es/") == "./" and relative_url("es/404.html", "es/") == "./"
    assert relative_url(embed_path("es", "en", "cosmetic/hair.md", "q"), "es/cosmetic/hair/", "q") == "../../../../cosmetic/hair/#q"
    assert resolve_link("cosmetic/acne.md", "../practical/safety.md") == "practical/safety.md"
    assert resolve_link("cosmetic/acne.md", "") == "cosmetic/acne.md"


@pytest.mark.rule("heading-setext")
def test_underlined_heading_is_refused_with_a_hint(project):
    project.replace(HAIR, "## Do exosomes nourish follicles? {#nourish-follicles}",
                    "Do exosomes nourish follicles? {#nourish-follicles}\n---")
    hits = [p for p in project.check() if p.rule == "heading-setext"]
    assert [(p.path, p.severity) for p in hits] == [(HAIR, "error")] and "## Heading {#id}" in hits[0].hint


def test_rules_and_lists_under_text_are_not_setext_headings():
    from scripts.markdown_scan import scan, setext_headings
    text = "Intro paragraph.\n\n---\n\n- item\n---\n\n```\ncode\n---\n```\n\n## Real {#real}\n\n| a |\n|---|\n"
    assert setext_headings(scan(text)) == []
    assert [line.number for line in setext_headings(scan("Title\n=====\n\nText\nMore\n---\n"))] == [1, 5]


# (case, Markdown, the slips Python-Markdown shows differently: (line, kind))
LIST_CASES = [
    ("two-space paragraph in an item", "- one\n  more\n\n  para two\n- three\n", [(4, "indent"), (5, "marker")]),
    ("four-space paragraph glued to the next item", "- one\n\n    para two\n- three\n", [(4, "marker")]),
    ("bullet glued to a paragraph", "Text here.\n- item\n", [(2, "marker")]),
    ("four-space paragraph, blank line, next item", "- one\n  more\n\n    para two\n\n- three\n", []),
    ("tight list", "- one\n  more\n- two\n* three\n", []),
    ("blank line before the list", "Text here.\n\n- item\n- two\n", []),
    ("a year at the start of a wrapped line", "It came out in\n2015. It covers.\n", []),
    ("nested list", "- one\n    - sub\n- two\n", []),
    ("list in a code fence", "```\ntext\n- item\n```\n", []),
]


@pytest.mark.parametrize("case,text,slips", LIST_CASES, ids=[c[0] for c in LIST_CASES])
def test_list_slips_match_python_markdown(case, text, slips):
    import markdown
    from scripts.markdown_scan import list_slips, scan
    assert [(s.line.number, s.kind) for s in list_slips(scan(text))] == slips
    # the reason for the rule: where a slip is reported, the built HTML shows a "- " as text
    html = markdown.markdown(text, extensions=["fenced_code"])
    shows_marker_as_text = any(line.lstrip().startswith(("- ", "* ")) for p in html.split("<p>")[1:]
                               for line in p.split("</p>")[0].split("\n"))
    assert shows_marker_as_text == any(kind == "marker" for _, kind in slips), html


@pytest.mark.rule("list-as-text")
def test_a_list_the_site_would_show_as_text_fails_with_a_hint(project):
    project.replace(HAIR, "Only in mice [@mouse2020-hair].",
                    "Only in mice [@mouse2020-hair].\n\n- First item.\n\n  A second paragraph.\n- Second item.")
    hits = [p for p in project.check() if p.rule == "list-as-text"]
    assert [(p.path, p.severity) for p in hits] == [(HAIR, "error"), (HAIR, "error")]
    assert "4 spaces" in hits[0].hint and "blank line" in hits[1].hint


@pytest.mark.parametrize("text, words", [
    ("  A **bold** and _quiet_ `code`  word ", "A bold and quiet code word"),
    ("See [the FDA page](https://www.fda.gov/x){: hreflang=en } now", "See the FDA page now"),
    ("![a chart](chart.png) and <abbr title=\"x\">EV</abbr>", "a chart and EV"),
    ("tab\tand\u00a0no-break\u2003em\nline", "tab and no-break em line"),
    ("a * b and 2_000 [not a link]", "a * b and 2_000 [not a link]"),
    ("", "")])
def test_plain_text_of_a_line(text, words):
    assert plain(text) == words
