"""Questions and their short answers, as plain text: the raw material of faq.json, embed cards
and JSON-LD. The short answer is the first paragraph under a question (editors keep it
citation-free and self-contained)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .content import CITATION_RE, FENCE_RE, Page

MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


@dataclass
class Answer:
    id: str
    question: str
    summary: str


def plain(text: str) -> str:
    text = CITATION_RE.sub("", text)
    text = MD_LINK_RE.sub(lambda m: m.group(1), text)
    text = EMPHASIS_RE.sub(lambda m: m.group(2), text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", text).strip()


def answers(page: Page) -> list[Answer]:
    """The page's questions (H2 with id) with their first paragraph, in order."""
    found: list[Answer] = []
    current: Answer | None = None
    paragraph: list[str] = []
    fence = None

    def close() -> None:
        nonlocal paragraph
        if current is not None and not current.summary and paragraph:
            current.summary = plain(" ".join(paragraph))
        paragraph = []

    lines = page.body.split("\n")
    by_line = {h.line - page.body_first_line: h for h in page.headings}
    for index, line in enumerate(lines):
        fence_match = FENCE_RE.match(line)
        if fence:
            if fence_match and fence_match.group(1)[0] == fence[0]:
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            close()
            continue
        heading = by_line.get(index)
        if heading is not None:
            close()
            if heading.level == 2 and heading.id:
                current = Answer(heading.id, plain(heading.text), "")
                found.append(current)
            elif heading.level <= 2:
                current = None
            continue
        if not line.strip():
            close()
        elif current is not None and not current.summary:
            if line.lstrip().startswith(("!!!", "???", "|", "<")):
                continue
            paragraph.append(line.strip().lstrip("-*> ").strip())
    close()
    return found
