"""Raw HTML kept away from Python-Markdown: the badges, source lists and tables the hook writes
into a page's Markdown (scripts/render.py, scripts/generate.py) are finished HTML, yet
`md_in_html` parses every tag of them again (most of the hook's build time). `hide` swaps each
top-level raw HTML block (a block-level tag at the start of a line, outside fenced code, up to its
matching closing tag at the end of a line) for a placeholder paragraph; `restore` puts the block
back into the rendered page. Python-Markdown passes such blocks through untouched, so the page is
the same, byte for byte; a placeholder that cannot be put back stops the build."""

from __future__ import annotations

import re
from functools import lru_cache

from .markdown_scan import PROSE, scan

BLOCK_TAGS = ("p", "ol", "ul", "dl", "div", "table", "section", "figure", "details", "blockquote")
BLOCK_START_RE = re.compile(rf"^<({'|'.join(BLOCK_TAGS)})(?=[\s>])[^>]*>")
TOKEN = "exofaqhtmlblock{n}z"


@lru_cache(maxsize=None)
def _tag_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){name}(?=[\s>/])[^>]*>")


class HtmlStash:
    def __init__(self, blocks: dict[str, str] | None = None) -> None:
        self.blocks: dict[str, str] = dict(blocks or {})  # token -> block (given: a page hidden elsewhere)

    def hide(self, markdown: str) -> str:
        lines = scan(markdown)
        out: list[str] = []
        i = 0
        while i < len(lines):
            end = self._block_end(lines, i)
            if end is None:
                out.append(lines[i].text)
                i += 1
                continue
            while end + 1 < len(lines) and (more := self._block_end(lines, end + 1)) is not None:
                end = more  # blocks on adjacent lines: one stash, as Python-Markdown joins them
            token = TOKEN.format(n=len(self.blocks))
            self.blocks[token] = "\n".join(line.text for line in lines[i:end + 1])
            out.extend(["", token, ""])
            i = end + 1
        return "\n".join(out)

    @staticmethod
    def _block_end(lines, start: int) -> int | None:
        """Index of the line closing the raw HTML block that opens at `start`, or None."""
        first = lines[start]
        match = BLOCK_START_RE.match(first.text) if first.kind == PROSE else None
        if not match or "markdown" in match.group(0):  # md_in_html renders markdown="1" blocks
            return None
        name, depth = match.group(1), 0
        for j in range(start, len(lines)):
            if lines[j].kind != PROSE:
                return None
            for tag in _tag_re(name).finditer(lines[j].text):
                depth += -1 if tag.group(1) else 1
                if depth == 0:
                    return j if lines[j].text[tag.end():].strip() == "" else None
        return None

    def restore(self, html: str) -> str:
        for token, block in self.blocks.items():
            wrapped = f"<p>{token}</p>"
            if wrapped not in html:
                raise ValueError(f"an HTML block could not be put back into the page: {block[:80]!r}")
            # as Python-Markdown writes a raw block: a line break after it, except at the very end
            html = html.replace(wrapped, block + ("" if html.endswith(wrapped) else "\n"), 1)
        return html
