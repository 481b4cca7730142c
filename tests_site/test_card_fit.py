"""Embed cards never clip: every card of every language, inside the iframe snippet the For
clinics page gives, shows all of itself (question, label, review date, short answer, full-answer
link, the not-medical-advice note) at 300, 342, 390 and 760 px wide, light and dark (Chromium)."""

from __future__ import annotations

import re

import pytest

import cardfit
from conftest import lang_prefix, project, require_chromium


@pytest.fixture(scope="module")
def rows():
    require_chromium()
    return cardfit.measure([lang_prefix(lang) for lang in project().languages])


def test_every_card_of_every_language_was_measured(rows):
    expected = sum(len(cardfit.snippets(lang_prefix(lang))) for lang in project().languages)
    assert expected == sum(len(p.questions) for p in project().pages[project().default_language].values()
                           if not p.is_info) * len(project().languages)
    assert len(rows) == expected * len(cardfit.WIDTHS) * 2


@pytest.mark.parametrize("width", cardfit.WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cards_fit_their_frames(rows, width, scheme):
    at = [r for r in rows if r["width"] == width and r["scheme"] == scheme]
    assert at
    problems = cardfit.problems(at)
    assert not problems, f"{len(problems)} card(s) clipped:\n" + "\n".join(problems[:20])


def test_the_old_fixed_320px_frame_fails():
    """The measurement must catch clipping: the old snippet (a fixed 320 px frame) at 300 px."""
    require_chromium()
    old = lambda code: re.sub(r'height="\d+" style="[^"]*"', 'width="100%" height="320"', code)
    rows = cardfit.measure([lang_prefix("de")] if "de" in project().languages else [""],
                           widths=(300,), schemes=("light",), edit=old, limit=5)
    assert len(rows) == 5 and all(r["frame_h"] == 320 for r in rows)
    problems = cardfit.problems(rows)
    assert any("card needs" in p for p in problems) and any("outside the frame" in p for p in problems)


def test_the_measurement_catches_a_clipped_card():
    """The measurement must fail a card that does not fit: the old 320 px frame at 300 px."""
    row = {"src": "card", "width": 300, "scheme": "light", "frame_h": 320, "frame_w": 300,
           "content_h": 414, "content_w": 300, "missing": ["disclaimer"]}
    assert len(cardfit.problems([row])) == 2
    assert cardfit.problems([{**row, "content_h": 320, "missing": []}]) == []
