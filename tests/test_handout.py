"""The printed handout (scripts/handout.py): the QR code's SVG path draws exactly the modules
segno computed for the page's permanent link, and the figure and button are escaped text."""

from __future__ import annotations

import re
from functools import partial

import pytest
import segno

from scripts.handout import dark_runs, handout, qr_path, qr_svg

URL = "https://example.github.io/exosome-faq/ar/medical/heart-attack-repair/"
STRINGS = {"print_qr": "Scan for the latest version:", "print_page": "Print this page"}


def drawn_modules(path: str) -> set[tuple[int, int]]:
    """The dark modules a path of horizontal lines (1 unit thick, on the middle of a row) covers:
    read independently of qr_path, as an SVG renderer would follow the commands."""
    cells: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([^MmHh]*)", path):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command in "Mm":
            dx, dy = numbers
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        else:
            (length,) = numbers
            end = length if command == "H" else x + length
            assert end > x and y % 1 == 0.5, f"a line must go right on the middle of a row: {command}{args}"
            cells.update((int(column), int(y)) for column in range(int(x), int(end)))
            x = end
    return cells


def matrix_modules(matrix) -> set[tuple[int, int]]:
    return {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}


@pytest.mark.parametrize("url", [URL, "https://example.github.io/exosome-faq/", "https://a.example/ko/" + "x/" * 60])
def test_the_path_draws_exactly_the_qr_modules_of_the_url(url):
    code = segno.make(url, error="m", micro=False)
    assert drawn_modules(qr_path(code.matrix)) == matrix_modules(code.matrix)


def test_a_path_that_misses_a_module_is_told_apart():
    code = segno.make(URL, error="m", micro=False)
    matrix = [bytearray(row) for row in code.matrix]
    matrix[10][matrix[10].index(1)] = 0  # one dark module fewer
    assert drawn_modules(qr_path(matrix)) != matrix_modules(code.matrix)


@pytest.mark.parametrize("row,runs", [
    ([0, 0, 0], []), ([1, 1, 1], [(0, 3)]), ([1, 0, 1, 1, 0], [(0, 1), (2, 2)]), ([0, 1, 1], [(1, 2)]),
])
def test_dark_runs(row, runs):
    assert dark_runs(row) == runs


def test_the_svg_has_a_quiet_zone_and_is_hidden_from_screen_readers():
    svg = qr_svg(URL)
    size = segno.make(URL, error="m", micro=False).symbol_size(border=0)[0]
    assert f'viewBox="-4 -4 {size + 8} {size + 8}"' in svg
    assert 'aria-hidden="true"' in svg and svg.count("<path ") == 1
    assert len(svg) < 3000, len(svg)  # a print-only extra on every page: kept small


def test_the_caption_and_button_are_escaped_text():
    made = handout({"print_qr": "Scan <b>", "print_page": "Print & keep"}, 'https://x.example/"a"/')
    assert "Scan &lt;b&gt; " in made.qr and '<bdi dir="ltr">https://x.example/&quot;a&quot;/</bdi>' in made.qr
    assert "Print &amp; keep" in made.button and " hidden>" in made.button and "onclick" not in made.button


def test_prefetched_codes_are_the_ones_drawn_here_and_a_missing_one_is_drawn(monkeypatch):
    """A build's worker draws codes (draw_codes, in a forked process); qr_svg takes them from
    there (drawing here is not called) and draws any code the worker has not drawn (yet) itself."""
    import scripts.handout as handout_module
    from scripts.background import Prefetched, Worker

    urls = [f"https://example.github.io/exosome-faq/page-{n}/" for n in range(20)]
    expected = {url: handout_module.draw_qr_svg(url) for url in urls}
    worker = Worker([partial(handout_module.draw_codes, urls)])
    try:
        assert worker.forked and len(worker.results(worker.start(0))) == 3  # 20 codes in chunks of 8
        handout_module.use_prefetched(Prefetched(worker, 0))
        drawn_here = []
        monkeypatch.setattr(handout_module, "draw_qr_svg", lambda url: drawn_here.append(url) or "here")
        qr_svg.cache_clear()
        assert [qr_svg(url) for url in urls] == [expected[url] for url in urls]
        assert drawn_here == []
        assert qr_svg(URL) == "here" and drawn_here == [URL]  # not prefetched: drawn when asked
    finally:
        handout_module.stop_prefetch()
        worker.stop()
        qr_svg.cache_clear()
    assert "codes" not in handout_module._prefetch
