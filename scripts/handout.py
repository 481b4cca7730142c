"""The printed handout of a page: a QR code of its permanent link, made at build time with segno,
and a "Print this page" button. overrides/main.html puts them around the page's content (outside
the Markdown, so the search index never holds them); the print styles of docs/assets/site.css
show the QR code only on paper, and docs/assets/print.js shows the button only when script runs."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import segno

from .derived_cache import code_digest

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks (drawn by the viewBox)
# what decides a code: this file and segno (a build keeps codes between builds: scripts/derived_cache.py)
QR_CODE_VERSION = code_digest(Path(__file__), segno.__version__)
QR_SVG_RE = re.compile(r'<svg class="handout-qr__code" viewBox="-4 -4 \d+ \d+" aria-hidden="true" '
                       r'focusable="false"><path d="[Mmh0-9. -]*"/></svg>')


@dataclass(frozen=True)
class Handout:
    qr: str      # the print-only figure: the code and "Scan for the latest version: <url>"
    button: str  # the "Print this page" button, hidden until docs/assets/print.js shows it


def dark_runs(row: Sequence[int]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in one row of the matrix."""
    runs, start = [], None
    for x, dark in enumerate(list(row) + [0]):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            runs.append((start, x - start))
            start = None
    return runs


def qr_path(matrix: Sequence[Sequence[int]]) -> str:
    """SVG path data drawing every dark module: one horizontal line per run of dark modules,
    1 unit thick (the stroke of the site's print styles), on the middle of its row; every move
    after the first is relative to where the last line ended, which keeps the path short."""
    parts: list[str] = []
    at: tuple[int, int] | None = None
    for y, row in enumerate(matrix):
        for x, length in dark_runs(row):
            parts.append(f"M{x} {y}.5h{length}" if at is None else f"m{x - at[0]} {y - at[1]}h{length}")
            at = (x + length, y)
    return "".join(parts)


@lru_cache(maxsize=4096)  # `make serve` renders a page again on every save: its code is the same
def qr_svg(url: str) -> str:
    """The QR code of `url` as a small inline SVG (error correction M: a creased or smudged
    paper still scans); decorative for screen readers, the caption gives the address as text.
    segno encodes the address, then tries all eight masks and keeps the one its penalty rules
    score best: that is most of its ~8 ms per code (a build draws them in its worker, with the
    rest of each page: scripts/page_markdown.py)."""
    code = segno.make(url, error="m", micro=False)
    size = code.symbol_size(border=0)[0]
    box = f"{-QUIET_ZONE} {-QUIET_ZONE} {size + 2 * QUIET_ZONE} {size + 2 * QUIET_ZONE}"
    return (f'<svg class="handout-qr__code" viewBox="{box}" aria-hidden="true" focusable="false">'
            f'<path d="{qr_path(code.matrix)}"/></svg>')


def is_qr_svg(value: Any) -> bool:
    """Whether `value` has the shape of what qr_svg returns (a code read back from the cache)."""
    return isinstance(value, str) and QR_SVG_RE.fullmatch(value) is not None


def handout(strings: dict, url: str, print_icon: str = "", code: str | None = None) -> Handout:
    """The QR figure and the print button of the page whose permanent link is `url` (`code`: its
    qr_svg, when the caller has it)."""
    address = html.escape(url)
    qr = (f'<figure class="handout-qr">{code or qr_svg(url)}<figcaption>{html.escape(strings["print_qr"])} '
          f'<bdi dir="ltr">{address}</bdi></figcaption></figure>')
    button = (f'<div class="handout-print" hidden><button type="button" class="md-button handout-print__button">'
              f'{print_icon}{html.escape(strings["print_page"])}</button></div>')
    return Handout(qr=qr, button=button)
