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
