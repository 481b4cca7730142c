"""One embeddable answer card: a small, script-free HTML page a clinic shows in an iframe
(its HTML: scripts/templates/embed_card.html.j2, written by scripts/outputs.py).

Three variants per answer, chosen by path, no script: `auto` (follows the visitor's system),
`light` and `dark` (follow the clinic's page). The layout is compact so the whole card
(question, label, review date, short answer, full-answer link, the not-medical-advice note once)
fits the frame height the For clinics snippet gives, at every width from 300 px up.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from .derived_cache import code_digest

# what decides a frame's heights besides the card's texts: this file (and Python's Unicode tables;
# a build keeps heights between builds: scripts/derived_cache.py)
FRAME_HEIGHTS_VERSION = code_digest(Path(__file__))
THEMES = ("auto", "light", "dark")  # auto is the card's own folder; light/ and dark/ below it

NARROW_PX, WIDE_PX = 300, 800  # the widths between which every card must fit its frame


def frame_style(heights: tuple[int, int]) -> str:
    """Frame height falling linearly from heights[0] at 300 px wide to heights[1] at 800 px, flat
    outside; cqw is the width of the snippet's wrapper (container units, no script)."""
    narrow, wide = heights
    slope = (narrow - wide) / (WIDE_PX - NARROW_PX)
    at_zero = round(narrow + slope * NARROW_PX)
    return f"width:100%;height:clamp({wide}px,calc({at_zero}px - {round(slope * 100, 2):g}cqw),{narrow}px);border:0"


def snippet(src: str, title: str, heights: tuple[int, int]) -> str:
    """The iframe markup a clinic pastes. The `height` attribute is the fallback for browsers
    without container units: the height at 300 px, enough at every width."""
    return (f'<div style="container-type:inline-size">'
            f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
            f'height="{heights[0]}" style="{frame_style(heights)}" loading="lazy"></iframe></div>')


_LIGHT = "color-scheme:light;--fg:#1f2328;--bg:#fff;--line:#d0d7de;--muted:#57606a;--link:#0b5cad"
_DARK = "color-scheme:dark;--fg:#e6edf3;--bg:#0d1117;--line:#30363d;--muted:#aab4be;--link:#8fd3ff"

CSS = (
    f":root{{{_LIGHT}}}.dark{{{_DARK}}}@media (prefers-color-scheme:dark){{.auto{{{_DARK}}}}}"
    "html,body{height:100%}"
    "body{margin:0;font:15px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);"
    "background:var(--bg);overflow-wrap:break-word}"
    "main{box-sizing:border-box;min-height:100%;display:flex;flex-direction:column;gap:6px;"
    "padding:10px 12px;border:1px solid var(--line);border-radius:8px}"
    "h1{font-size:1rem;line-height:1.3;margin:0}p{margin:0}"
    ".meta{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;font-size:.8rem;color:var(--muted)}"
    ".badge{padding:0 .5rem;border:1px solid currentColor;border-radius:1rem}"
    "{labels}"  # the badge colours of data/evidence.yml (scripts/styles.py card_css)
    ".foot{margin-top:auto;font-size:.85rem}.note{font-size:.75rem;color:var(--muted)}a{color:var(--link)}"
)


def card_texts(strings: dict, q: dict, reviewed_text: str, label: str) -> dict[str, str]:
    """What a card says, per block: the same texts make the HTML and the height estimate."""
    return {"h1": q["question"], "label": label,
            "reviewed": f'{strings["reviewed"]}: {reviewed_text}', "answer": q["answer_summary"],
            "foot": strings["read_full_answer"], "note": strings["card_disclaimer"]}


# --- how tall a card is, estimated from its text (no browser at build time) -------------------
# Per block: font size px, line height px, glyph width in em (narrow letters; East Asian wide
# letters count 1 em). Widths are generous averages of common system fonts: estimates err tall.
BLOCKS = {"h1": (16, 20.8, .62), "label": (12.8, 20, .62), "reviewed": (12.8, 18, .6),
          "answer": (15, 21, .56), "foot": (13.6, 19, .56), "note": (12, 16.8, .56)}
CHROME_PX = 2 + 20 + 6 * 4   # border, padding top + bottom, four gaps between five rows
SIDE_PX = 2 + 24             # border, padding left + right
BADGE_PX = 2 + 16            # the label's border and padding
ARABIC_EM = .8               # Arabic letters: this share of a Latin letter's width
SAFETY = 1.1                 # room for fonts wider than those Chromium uses here
EXTRA_PX = 10


@lru_cache(maxsize=4096)  # the same text is measured at every width the frame is estimated for
def _text_width(text: str, size: float, em: float) -> tuple[float, ...]:
    import unicodedata

    def glyph(c: str) -> float:
        if unicodedata.east_asian_width(c) in ("W", "F"):
            return 1.0
        return em * ARABIC_EM if "\u0600" <= c <= "\u06ff" else em  # joined Arabic letters are narrow

    return tuple(sum(size * glyph(c) for c in word) for word in text.split())


@lru_cache(maxsize=65536)  # the footer, note and label texts repeat on every card of a language
def _lines(text: str, block: str, width: float) -> int:
    size, _, em = BLOCKS[block]
    space = em * size
    lines, used = 1, 0.0
    for w in _text_width(text, size, em):
        if used and used + space + w > width:
            lines, used = lines + 1, 0.0
        while w > width:  # a word longer than the line breaks (overflow-wrap)
            lines, w = lines + 1, w - width
        used += (space if used else 0) + w
    return lines


def _layout(text: str, block: str, width: float) -> tuple[int, float, float]:
    """_lines at `width`, and the widths [fits, breaks) that lay the words out the same way:
    every line fits (its width <= fits) and every break is still needed (the word that went to
    a new line would make its line >= breaks). The same sums in the same order as _lines, so
    the count is exactly _lines' at any width in that range. A word longer than the line makes
    the range `width` alone."""
    size, _, em = BLOCKS[block]
    space = em * size
    lines, used = 1, 0.0
    fits, breaks = 0.0, float("inf")
    for w in _text_width(text, size, em):
        if w > width:
            return _lines(text, block, width), width, width
        if used and used + space + w > width:
            fits, breaks = max(fits, used), min(breaks, used + space + w)
            lines, used = lines + 1, 0.0
        used += (space if used else 0) + w
    return lines, max(fits, used), breaks


@lru_cache(maxsize=4096)  # the footer, note, label and date texts repeat on every card of a language
def _line_counts(text: str, block: str, widths: tuple[float, ...]) -> tuple[int, ...]:
    """_lines at each of `widths` (ascending): one layout serves every width in its range."""
    counts: list[int] = []
    while len(counts) < len(widths):
        lines, fits, breaks = _layout(text, block, widths[len(counts)])
        counts.append(lines)
        while len(counts) < len(widths) and fits <= widths[len(counts)] < breaks:
            counts.append(lines)
    return tuple(counts)


def _one_line(text: str, block: str) -> float:
    size, _, em = BLOCKS[block]
    words = _text_width(text, size, em)
    return sum(words) + em * size * (len(words) - 1)


def estimated_heights(widths: tuple[int, ...], texts: dict[str, str]) -> list[float]:
    """The card's height at each width (ascending), from the line count of each block."""
    inner = tuple(w - SIDE_PX for w in widths)
    counts = {block: _line_counts(texts[block], block, inner) for block in ("h1", "answer", "foot", "note")}
    # label and review date share a row when both fit, else each wraps on its own rows
    meta_row = _one_line(texts["label"], "label") + BADGE_PX + 10 + _one_line(texts["reviewed"], "reviewed")
    label = _line_counts(texts["label"], "label", tuple(i - BADGE_PX for i in inner))
    reviewed = _line_counts(texts["reviewed"], "reviewed", inner)
    heights = []
    for k, room in enumerate(inner):
        height = CHROME_PX
        for block in ("h1", "answer", "foot", "note"):
            height += counts[block][k] * BLOCKS[block][1]
        if meta_row <= room:
            heights.append(height + BLOCKS["label"][1])
        else:
            heights.append(height + label[k] * BLOCKS["label"][1] + reviewed[k] * BLOCKS["reviewed"][1])
    return heights


def frame_heights(texts: dict[str, str]) -> tuple[int, int]:
    """Frame height at 300 and at 800 px wide: the straight line between them stays above the
    card's estimated height (with room to spare) at every width in between."""
    widths = tuple(range(NARROW_PX, WIDE_PX + 1, 10))
    need = {w: h * SAFETY + EXTRA_PX for w, h in zip(widths, estimated_heights(widths, texts))}
    span = WIDE_PX - NARROW_PX
    wide = max(h for w, h in need.items() if w >= WIDE_PX - span // 5)  # the flat last fifth
    narrow = max(need[NARROW_PX], wide)
    for w, h in need.items():  # raise the narrow end until the line clears every width
        t = (w - NARROW_PX) / span
        if narrow * (1 - t) + wide * t < h:
            narrow = (h - wide * t) / (1 - t)
    return -(-int(narrow) // 10) * 10, -(-int(wide) // 10) * 10
