"""Raw HTML kept away from Python-Markdown: the badges, source lists and tables the hook writes
into a page's Markdown (scripts/render.py, scripts/generate.py) are finished HTML, yet
`md_in_html` parses every tag of them again (most of the hook's build time). `hide` swaps each
top-level raw HTML block (a block-level tag at the start of a line, outside fenced code, up to its
matching closing tag at the end of a line) for a placeholder paragraph, and each citation number
(`<sup class="cite">`, scripts/render.py) in a line of text for a placeholder entity; `restore`
puts them back into the rendered page. Python-Markdown passes such HTML through untouched, and an
entity stands where the tags stood (no letter or digit, so emphasis around it is the same), so the
page is the same, byte for byte; a placeholder that cannot be put back stops the build.
Headings and lines with code spans keep their citations (the table of contents reads headings)."""

from __future__ import annotations

import re
from functools import lru_cache

from .markdown_scan import PROSE, scan

BLOCK_TAGS = ("p", "ol", "ul", "dl", "div", "table", "section", "figure", "details", "blockquote", "pre")
BLOCK_START_RE = re.compile(rf"^<({'|'.join(BLOCK_TAGS)})(?=[\s>])[^>]*>")
TOKEN = "exofaqhtmlblock{n}z"
# a citation number as scripts/render.py writes it (its text `[n]` means nothing to Markdown)
CITE_RE = re.compile(r'<sup class="cite"><a href="#[^"<>]*" aria-label="[^"<>]*">\[\d+\]</a></sup>')
INLINE_TOKEN = "&exofaqcite{n};"
INLINE_TOKEN_RE = re.compile(r"&exofaqcite\d+;")


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
                out.append(self._hide_citations(lines[i]))
                i += 1
                continue
            while end + 1 < len(lines) and (more := self._block_end(lines, end + 1)) is not None:
                end = more  # blocks on adjacent lines: one stash, as Python-Markdown joins them
            token = TOKEN.format(n=len(self.blocks))
            self.blocks[token] = "\n".join(line.text for line in lines[i:end + 1])
            out.extend(["", token, ""])
            i = end + 1
        return "\n".join(out)

    def _hide_citations(self, line) -> str:
        text = line.text
        if line.kind != PROSE or line.heading is not None or "`" in text or "<sup" not in text:
            return text
        return CITE_RE.sub(self._inline_token, text)

    def _inline_token(self, match: re.Match) -> str:
        token = INLINE_TOKEN.format(n=len(self.blocks))
        self.blocks[token] = match.group(0)
        return token

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
        inline = [token for token in self.blocks if token[0] == "&"]
        if inline:
            found = set(INLINE_TOKEN_RE.findall(html))
            if lost := [token for token in inline if token not in found]:
                raise ValueError(f"an HTML element could not be put back into the page: {self.blocks[lost[0]][:80]!r}")
            html = INLINE_TOKEN_RE.sub(lambda m: self.blocks.get(m.group(0), m.group(0)), html)
        for token, block in self.blocks.items():
            if token[0] == "&":
                continue
            wrapped = f"<p>{token}</p>"
            if wrapped not in html:
                raise ValueError(f"an HTML block could not be put back into the page: {block[:80]!r}")
            # as Python-Markdown writes a raw block: a line break after it, except at the very end
            html = html.replace(wrapped, block + ("" if html.endswith(wrapped) else "\n"), 1)
        return html
