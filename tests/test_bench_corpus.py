"""`make bench` times the checker on synthetic pages; they must be valid content under today's
rules (errors would time error reporting, not checking)."""

from __future__ import annotations

import datetime as dt


def test_the_synthetic_corpus_passes_the_checker(tmp_path):
    from tools.bench import checker_run, make_corpus
    root = make_corpus(tmp_path / "corpus", 12, dt.date(2026, 11, 29))
    pages, counts = checker_run(root)
    assert pages == 12
    assert [rule for rule in counts if rule.startswith("error ")] == []


def test_the_edit_loop_report_shows_saves_that_get_slower():
    from tools.bench import growth_line

    assert "3.98x" in growth_line([1.21, 1.15, 1.06, 1.08, 1.72, 1.78, 2.88, 4.58, 9.41])   # make serve before 959052f
    assert "1.00x" in growth_line([1.0] * 10)
    assert growth_line([1.0, 2.0, 3.0]) == ""                                               # too few saves to tell
