"""The card-height estimate (scripts/embed_card.py): line counts found for a range of widths
from a few layouts are exactly the counts of laying the text out at each width."""

from __future__ import annotations

import random

import pytest

from scripts.embed_card import BLOCKS, _line_counts, _lines, estimated_heights

WORDS = ["exosome", "a", "of", "treatment", "is", "not", "approved", "by", "the", "FDA",
         "glycosaminoglycan-proteoglycan-complex-superlongword", "엑소좀", "치료는", "الإكسوسومات",
         "غير", "معتمدة", "2026-11-30", "(NCT05413148)", "—"]


def texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60))) for _ in range(count)]


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_line_counts_over_a_range_are_the_counts_at_each_width(block):
    widths = tuple(float(w) for w in range(20, 800, 7))
    for text in texts(150, seed=len(block)):
        assert list(_line_counts(text, block, widths)) == [_lines(text, block, w) for w in widths], text


def test_heights_over_a_range_are_the_heights_at_each_width():
    widths = tuple(range(300, 801, 10))
    for n, answer in enumerate(texts(40, seed=7)):
        card = {"h1": answer[:80], "answer": answer, "foot": "Read the full answer", "note": "Not medical advice.",
                "label": "Verdict: not supported · Evidence: early human studies" if n % 2 else "Practical information",
                "reviewed": "30 November 2026"}
        assert estimated_heights(widths, card) == [estimated_heights((w,), card)[0] for w in widths]
        counts = [_lines(card["answer"], "answer", w - 26) for w in widths]
        assert counts == sorted(counts, reverse=True)  # fewer lines on a wider card, never more
