"""Questions and their short answers, as plain text: the raw material of faq.json, embed cards
and JSON-LD. The short answer is the first paragraph under a question (editors keep it
citation-free and self-contained)."""

from __future__ import annotations

from dataclasses import dataclass

from .content import CITATION_RE, Page
from .markdown_scan import FENCE, PROSE, plain as plain_inline


@dataclass
class Answer:
    id: str
    question: str
    summary: str


def plain(text: str) -> str:
    return plain_inline(CITATION_RE.sub("", text) if "[@" in text else text)


def answers(page: Page) -> list[Answer]:
    """The page's questions (H2 with id) with their first paragraph, in order."""
    found: list[Answer] = []
    current: Answer | None = None
    paragraph: list[str] = []

    def close() -> None:
        nonlocal paragraph
        if current is not None and not current.summary and paragraph:
            current.summary = plain(" ".join(paragraph))
        paragraph = []

    for scanned in page.lines:   # the page's one scan (markdown_scan, at load)
        if scanned.kind != PROSE:
            if scanned.kind == FENCE:
                close()
            continue
        heading, line = scanned.heading, scanned.text
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
