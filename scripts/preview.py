"""`make serve` with content errors: the preview still starts and shows every error (file:line)
at the top of each page, and in the terminal. `make build` keeps refusing to publish."""

from __future__ import annotations

import html

from .report import Problem


def error_panel(problems: list[Problem], page_files: set[str]) -> str:
    """A raw HTML block for the top of a previewed page: this page's errors first, then the rest."""
    mine = [p for p in problems if str(p.path) in page_files]
    others = [p for p in problems if p not in mine]
    lines = "\n".join(html.escape(p.format()) for p in mine + others)
    title = (f"{len(problems)} content error(s): this preview shows the page anyway, "
             f"but `make build` will refuse to publish until they are fixed")
    here = f"<p>{len(mine)} of them in this page's files.</p>\n" if mine else ""
    return (f'<div class="admonition danger preview-errors" role="alert">\n'
            f'<p class="admonition-title">{html.escape(title)}</p>\n{here}'
            f'<pre><code>{lines}</code></pre>\n</div>\n\n')
