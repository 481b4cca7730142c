"""The one Markdown line scanner. The checker (content.scan_body), the renderer (render.render_page)
and the short answers (answers.answers: faq.json, embed cards, JSON-LD, for-clinics) all walk a
page through `scan`, so they agree on what is code and what is a heading.

Fenced code per CommonMark: an opening fence is 3+ backticks or tildes indented at most 3 spaces
(a backtick fence's info string has no backtick); the block closes at a fence of the same
character, at least as long, with nothing after it; an unclosed block runs to the end. Headings
are Python-Markdown's hash headings (`## text {#id .class}`, attr_list syntax); heading slugs are Python-Markdown's
toc slugs, `_1`, `_2` ... for repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify as toc_slugify, unique

FENCE_OPEN_RE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
HEADING_RE = re.compile(r"^(#{1,6})(.*?)#*[ \t]*$")          # Python-Markdown's hash header
ATTR_RE = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*$")             # attr_list's header attributes
ATTR_ID_RE = re.compile(r"(?:^|\s)#([^\s}]*)")
MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
TAG_RE = re.compile(r"<[^>]+>")

PROSE, FENCE, CODE = "prose", "fence", "code"


@dataclass
class Heading:
    level: int
    text: str               # the heading's Markdown text, without closing #s and attribute block
    id: str | None          # explicit {#id}, None when absent
    line: int


@dataclass
class Line:
    number: int             # line number in the file
    text: str
    kind: str               # PROSE, FENCE (an opening or closing fence line) or CODE (inside one)
    heading: Heading | None = None


def parse_heading(text: str, number: int) -> Heading | None:
    match = HEADING_RE.match(text)
    if not match:
        return None
    level, content = len(match.group(1)), match.group(2).strip()
    explicit = None
    attr = ATTR_RE.search(content)
    if attr:
        content = content[: attr.start()].rstrip()
        id_match = ATTR_ID_RE.search(attr.group(1))
        explicit = id_match.group(1) if id_match else None
    return Heading(level, content, explicit, number)


def scan(text: str, first_line: int = 1) -> list[Line]:
    """Every line of a Markdown text with its kind, and the heading on it if any."""
    lines: list[Line] = []
    fence: str | None = None
    for offset, raw in enumerate(text.split("\n")):
        number = first_line + offset
        if fence is not None:
            stripped = raw.strip(" ")
            closes = (len(raw) - len(raw.lstrip(" ")) <= 3 and stripped.startswith(fence)
                      and set(stripped.rstrip(" \t")) == {fence[0]})
            lines.append(Line(number, raw, FENCE if closes else CODE))
            if closes:
                fence = None
            continue
        first = raw.lstrip(" ")[:1]   # cheap tests first: most lines are neither fence nor heading
        opening = FENCE_OPEN_RE.match(raw) if first in ("`", "~") else None
        if opening:
            fence = opening.group(1)
            lines.append(Line(number, raw, FENCE))
            continue
        lines.append(Line(number, raw, PROSE, parse_heading(raw, number) if raw[:1] == "#" else None))
    return lines


SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
BLOCK_START_RE = re.compile(r"^ {0,3}(?:[-*+>|#]|\d+[.)](?:\s|$)|<)")


def setext_headings(lines: list[Line]) -> list[Line]:
    """Underlined (setext) headings, which this scanner does not read as headings: the text line
    of each, so a rule can ask for `## Heading {#id}` (Python-Markdown would make it a heading)."""
    found = []
    for before, line in zip(lines, lines[1:]):
        if (line.kind == PROSE and before.kind == PROSE and SETEXT_RE.match(line.text) and before.text.strip()
                and before.heading is None and not BLOCK_START_RE.match(before.text)):
            found.append(before)
    return found


BULLET_RE = re.compile(r"^( {0,3})([-*+])[ \t]+\S")
ITEM_RE = re.compile(r"^( {0,3})([-*+]|\d+[.)])[ \t]+\S")


@dataclass
class ListSlip:
    line: Line
    kind: str   # "indent": a paragraph meant for a list item, indented 1-3 spaces (the list ends there)
                # "marker": a bullet line glued to a paragraph (no blank line): shown as text


def list_slips(lines: list[Line]) -> list[ListSlip]:
    """Where Python-Markdown (four-space list indentation, no list interrupting a paragraph) shows
    a list differently from how it reads in the source: a paragraph of a list item indented fewer
    than 4 spaces ends the list, and a "- " line right after a paragraph (also a second paragraph
    inside an item) is rendered as text. Bullets only: "2015. It covers..." in a paragraph is text."""
    found: list[ListSlip] = []
    in_list = False          # inside a list (since its first item, until a line at the margin)
    in_paragraph = False     # the line before was text (not blank)
    first_paragraph = False  # that text is an item's first paragraph (where items follow directly)
    blank_before = True
    for line in lines:
        if line.kind != PROSE or line.heading is not None or line.text.lstrip().startswith(("<", "|", "!!!", "???")):
            in_list = in_paragraph = first_paragraph = False
            blank_before = True
            continue
        text = line.text
        if not text.strip():
            blank_before, in_paragraph, first_paragraph = True, False, False
            continue
        indent = len(text) - len(text.lstrip(" "))
        if ITEM_RE.match(text):
            if in_paragraph and not first_paragraph and BULLET_RE.match(text):
                found.append(ListSlip(line, "marker"))
            in_list, in_paragraph, first_paragraph = True, True, True
        elif blank_before and in_list and 0 < indent < 4:
            found.append(ListSlip(line, "indent"))
            in_paragraph, first_paragraph = True, False
        elif blank_before:
            in_list = in_list and indent >= 4
            in_paragraph, first_paragraph = True, False
        else:
            in_paragraph = True  # a continuation line keeps the paragraph's kind
        blank_before = False
    return found


def headings(text: str, first_line: int = 1) -> list[Heading]:
    return [line.heading for line in scan(text, first_line) if line.heading]


def plain(text: str) -> str:
    """Inline Markdown as plain text: links become their text, emphasis and code marks go (each
    pattern runs only on text that has its marker; the checker calls this for every line)."""
    if "[" in text:
        text = MD_LINK_RE.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = EMPHASIS_RE.sub(r"\2", text)
    if "<" in text:
        text = TAG_RE.sub("", text)
    return " ".join(text.split())   # each run of whitespace (what \s+ matches) as one space


def slugify(text: str) -> str:
    """Python-Markdown's toc slug of a heading's text."""
    return toc_slugify(plain(text), "-")


def heading_ids(found: list[Heading]) -> list[str]:
    """The id of each heading as the toc extension assigns them: explicit ids first, then a slug
    for each heading without one, made unique with _1, _2 ... in page order."""
    used = {h.id for h in found if h.id}
    return [h.id if h.id else unique(slugify(h.text), used) for h in found]
