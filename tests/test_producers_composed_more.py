"""Three and four of the hostile producers' reshapings at once (tests/hostile_producers.py;
the probe is benchmarks/composed_probe.py), and the 总计 column moved first where spans were
dropped or the table was pasted as tab text. On the code before this test each class put
numbers in wrong columns:

- 总计 moved first with a header unfound (自然人 with a footnote mark glued to it) in a
  page whose spans were dropped: no header found contradicted the fields' order, and the
  row was read in it, 总计's value as 自然人's. A label over the columns, a mark glued to it
  or not, standing before one the table has left of it (总计 before 法人或其他组织) proves
  the order wrong;
- a table pasted as tab text cut at a page break, the part after it in another column
  order than its header's, or under a header of its own: tab text's tables were not told
  apart, and the part was read against the first part's header. A run of tab lines is
  one table; a blank line, a footer or a line of text ends it;
- a 备注 column moved before the fields in tab text: its label stands on the header row
  before the first header found, and the run of the row's values, its number first, was
  read as the fields. No reading gives a field a column up to that label's.

Every cell is right, or blank with a warning naming its row; never another number.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hostile_producers import FORMATS, TRANSFORMS, judge, to_html
from producers import random_report
from zfxxgk import parse
from zfxxgk.errors import LayoutError


def _wrong_cells(names: tuple[str, ...], fmt: str, seed: str, n: int, folder: Path) -> dict:
    """The first wrong cells of each of ``n`` seeded random reports through ``names`` in
    turn, published in ``fmt`` (a draw a transformation cannot be applied to is left out)."""
    rng = random.Random(seed)
    wrong = {}
    for i in range(n):
        report = random_report(rng, "2021" if i % 2 else "2019")
        page = lxml.html.fromstring(to_html(report))
        try:
            for name in names:
                TRANSFORMS[name](page, report)
        except (ValueError, IndexError, KeyError, AttributeError):
            continue
        where = folder / str(i)
        where.mkdir()
        try:
            got = judge(report, parse(FORMATS[fmt](page, where)))
        except LayoutError:  # no table found: refused, never misread
            continue
        if got.wrong_cells:
            wrong[i] = got.wrong_cells[:3]
    return wrong


#: 总计 moved first in span-dropped pages and tab text, with what made a header go unfound
#: or the column order differ between a table's parts.
TOTAL_FIRST = [
    (("footnotes", "total-first"), "cms"),
    (("footnotes", "total-first", "total-row"), "cms"),
    (("split-tables", "total-first"), "tab"),
    (("split-tables-header", "total-first"), "tab"),
    (("split-tables-header", "layout-cells-first", "total-first"), "tab"),
    (("notes-numbers", "total-first"), "tab"),
]


@pytest.mark.parametrize(("names", "fmt"), TOTAL_FIRST)
def test_total_moved_first_where_spans_were_dropped_or_pasted(
    names: tuple[str, ...], fmt: str, tmp_path: Path
) -> None:
    assert _wrong_cells(names, fmt, f"{names}{fmt}", 6, tmp_path) == {}


#: A row-spanning label one row too short (its last row's cells one column left of the
#: headers', a layout cell last under 总计), with what else moves the columns.
SPAN_TOO_SHORT = [
    (("layout-cells", "rowspan-minus-one"), "html"),
    (("layout-cells", "rowspan-minus-one"), "word"),
    (("notes-numbers", "index-column", "rowspan-minus-one"), "html"),
    (("split-tables", "layout-cells", "rowspan-minus-one"), "word"),
]


@pytest.mark.parametrize(("names", "fmt"), SPAN_TOO_SHORT)
def test_a_row_left_short_by_a_span_is_not_read_by_the_headers(
    names: tuple[str, ...], fmt: str, tmp_path: Path
) -> None:
    """A grid row reaching fewer columns than its headers' rows: the headers' geometry
    proves none of its columns (a span above it one row too short moved its cells)."""
    assert _wrong_cells(names, fmt, f"{names}{fmt}", 6, tmp_path) == {}


def test_random_reports_by_any_three_or_four_transformations(tmp_path: Path) -> None:
    """Seeded random draws of three and four transformations in any format."""
    rng = random.Random("three-or-four")
    names = sorted(TRANSFORMS)
    wrong = {}
    for i in range(24):
        combo = tuple(rng.sample(names, 3 + i % 2))
        fmt = rng.choice(sorted(FORMATS))
        folder = tmp_path / str(i)
        folder.mkdir()
        if cells := _wrong_cells(combo, fmt, f"{combo}{fmt}{i}", 1, folder):
            wrong[(combo, fmt)] = cells
    assert wrong == {}
