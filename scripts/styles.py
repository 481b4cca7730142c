"""Badge colours, written as CSS from data (`colors:` of every strength in data/evidence.yml and
every verdict and kind in data/verdicts.yml, merged by outputs.palette): the badges of the site's
pages (into the built assets/site.css, at its marker line) and of the embed cards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SITE_CSS = "assets/site.css"
MARKER = "/* evidence label colours: generated from data/evidence.yml by scripts/styles.py */"


def _colors(evidence: dict[str, Any]) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    rows = []
    for label, entry in evidence.items():
        colors = entry.get("colors") if isinstance(entry, dict) else None
        if isinstance(colors, dict):
            rows.append((label, colors.get("light") or {}, colors.get("dark") or {}))
    return rows


def badge_css(evidence: dict[str, Any]) -> str:
    """`.evidence-badge--<label>` colour variables, light palette then Material's slate palette."""
    rows = _colors(evidence)
    width = max((len(label) for label, _, _ in rows), default=0)
    light = [f".evidence-badge--{label.ljust(width)} {{ --badge-fg: {c['fg']}; --badge-bg: {c['bg']}; }}"
             for label, c, _ in rows]
    dark = [f'[data-md-color-scheme="slate"] .evidence-badge--{label.ljust(width)} '
            f"{{ --badge-fg: {c['fg']}; --badge-bg: {c['bg']}; }}" for label, _, c in rows]
    return "\n".join(light + dark)


def card_css(evidence: dict[str, Any]) -> str:
    """The badge colours of an embed card (light; the card's badge keeps them in dark mode)."""
    return "".join(f".{label}{{color:{c['fg']};background:{c['bg']}}}" for label, c, _ in _colors(evidence))


def write_site_css(site_dir: Path, evidence: dict[str, Any]) -> bool:
    """Put the badge colours into the built site.css at the marker line; False if no marker."""
    path = site_dir / SITE_CSS
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    if MARKER not in text:
        return False
    path.write_text(text.replace(MARKER, badge_css(evidence), 1), encoding="utf-8")
    return True
