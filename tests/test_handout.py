"""The printed handout (scripts/handout.py): the QR code's SVG path draws exactly the modules
segno computed for the page's permanent link, and the figure and button are escaped text."""

from __future__ import annotations

import re

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
