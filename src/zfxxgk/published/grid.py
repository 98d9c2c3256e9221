"""The one grid layout of a published table's cells, and the bounds on a document's work.

HTML (rowspan, colspan) and Word (gridSpan, vMerge) tables are laid out cell by cell on
one :class:`Grid`; each row then knows where the cells its source wrote begin, so that a
reader can tell a cell from the span of its neighbour or the padding of a short row. Every
document is bounded in the work it can ask for, not only in bytes: lines, rows, cells in a
row, tags and grid cells; the bound hit is named in the error.
"""

from __future__ import annotations

import re

from zfxxgk.published.source import BoundError, TextRow

MAX_BYTES = 20 * 1024 * 1024
#: A cell spans at most this many rows or columns (a report's widest header spans 20).
MAX_SPAN = 100
#: All the tables of a document laid out on their grids hold at most this many cells
#: (a report's three tables hold under 2,000): spans cannot make a small file huge.
MAX_GRID_CELLS = 200_000
#: A report has a few thousand lines at most (Word's text export of its three tables,
#: one cell a line, about 1,500); more is refused before the text is split.
MAX_LINES = 200_000
#: Rows of a document considered (lines with text, paragraphs, table rows).
MAX_ROWS = 100_000
#: Cells in one row of text (a report's widest table has 16 columns).
MAX_ROW_CELLS = 1_000
#: Cells of all the rows of a text (tab or pipe fields).
MAX_CELLS = 2_000_000
#: Tags of an HTML page (a report saved by Word as a web page has some 20,000).
MAX_TAGS = 1_000_000


#: each bound's error code
_BOUND_CODES = {
    "lines": "bound-lines",
    "rows": "bound-rows",
    "cells": "bound-cells",
    "cells in one line": "bound-row-cells",
    "cells in one row": "bound-row-cells",
    "grid cells": "bound-grid-cells",
    "tags": "bound-tags",
}


def check_bound(bound: str, count: int, limit: int) -> None:
    """Refuse a document whose ``count`` of ``bound`` (``lines``, ``rows``, ``cells``,
    ``cells in one row``, ``grid cells``, ``tags``) is over ``limit``, naming the bound."""
    if count > limit:
        raise BoundError.of(_BOUND_CODES[bound], bound=bound, count=count, limit=limit)


#: A non-negative integer as the HTML standard reads an attribute: after whitespace, an
#: optional sign and digits, whatever follows ignored (``" 3 "``, ``"+2"``, ``"2.5"``
#: is 2, ``"3px"`` is 3, ``"-0"`` is 0); no digits (``"x"``) or a number under nought
#: (``"-1"``) is no number.
_NON_NEGATIVE = re.compile(r"[\t\n\f\r ]*([+-]?)([0-9]+)")


def _non_negative(value: str) -> int | None:
    if len(value) < 7 and value.isdigit() and value.isascii():
        return int(value)  # (as written nearly always: no pattern needed)
    m = _NON_NEGATIVE.match(value)
    if m is None:
        return None
    digits = m.group(2).lstrip("0")
    if m.group(1) == "-" and digits:
        return None
    if len(digits) > 6:
        return 10**6  # (clamped by the caller: no huge int is made)
    return int(digits) if digits else 0


def span(value: str | None) -> int:
    """A colspan (or Word's gridSpan) as a number from 1 to :data:`MAX_SPAN`, read as the
    HTML standard reads one: none, no number or 0 is 1."""
    if value is None or value == "1":
        return 1
    n = _non_negative(value)
    return 1 if not n else min(n, MAX_SPAN)


def row_span(value: str) -> int:
    """A rowspan as the HTML standard reads it: 0 (written ``0``, ``00``, ``+0``) for
    "to the end of the row group", else a number from 1 to :data:`MAX_SPAN` (none, or no
    number, is 1)."""
    if value == "1":
        return 1
    n = _non_negative(value)
    return 1 if n is None else min(n, MAX_SPAN)


class Budget:
    """Counts the grid cells and rows a document's tables lay out, and refuses too many."""

    def __init__(self) -> None:
        self.cells = 0
        self.rows = 0

    def charge(self, cells: int, rows: int = 0) -> None:
        self.cells += cells
        self.rows += rows
        if self.cells <= MAX_GRID_CELLS and self.rows <= MAX_ROWS:
            return
        check_bound("grid cells", self.cells, MAX_GRID_CELLS)
        check_bound("rows", self.rows, MAX_ROWS)


class Grid:
    """One table's cells laid out row by row: a cell takes the next column no span from
    above covers, and covers its rowspan × colspan."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.cells: dict[tuple[int, int], str] = {}
        self.starts: dict[int, list[int]] = {}
        self.row = -1
        self.col = 0
        self.height = 0  #: rows and columns the cells reach
        self.width = 0

    def new_row(self) -> None:
        self.row += 1
        self.col = 0

    def skip(self, columns: int) -> None:
        """Grid columns the current row leaves before its first cell (Word's gridBefore)."""
        if self.row < 0:
            self.row = 0
        self.col += columns

    def add(self, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        """A cell of the current row, at the next free column."""
        self.add_all([(text, rowspan, colspan)])

    def add_all(self, cells: list[tuple[str, int, int]]) -> None:
        """Cells of the current row (text, rowspan, colspan) in order, each laid out as
        :meth:`add` lays it out, in one loop."""
        if not cells:
            return
        if self.row < 0:
            self.row = 0
        row, col, grid, budget = self.row, self.col, self.cells, self.budget
        width, height = self.width, self.height
        starts = self.starts.get(row)
        if starts is None:
            starts = self.starts[row] = []
        for text, rowspan, colspan in cells:
            while (row, col) in grid:
                col += 1
            budget.cells += rowspan * colspan
            if budget.cells > MAX_GRID_CELLS:
                budget.charge(0)  # refused, naming the bound
            starts.append(col)
            grid[(row, col)] = text
            if rowspan > 1 or colspan > 1:
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if dr or dc:
                            grid[(row + dr, col + dc)] = ""
                if row + rowspan > height:
                    height = row + rowspan
            elif row >= height:
                height = row + 1
            col += colspan
            if col > width:
                width = col
        self.col, self.width, self.height = col, width, height

    def rows(self, line: int) -> list[TextRow]:
        """The table's rows, numbered from ``line`` + 1, each as wide as the widest."""
        if not self.cells:
            return []
        n_rows, n_cols = self.height, self.width
        self.budget.charge(n_rows * n_cols, n_rows)
        grid: list[list[str]] = [[""] * n_cols for _ in range(n_rows)]
        for (r, c), text in self.cells.items():
            grid[r][c] = text
        return [
            TextRow(
                tuple(cells),
                True,
                line + 1 + r,
                starts=tuple(self.starts.get(r, ())),
                table=line,  # a table's rows follow its first line: one number each
            )
            for r, cells in enumerate(grid)
        ]
