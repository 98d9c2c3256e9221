"""Cell references: the one home of A1 arithmetic (zero-based rows and columns inside).

Spreadsheets name a column by letters, A … Z, AA … XFD (16,384 columns at most), and a row
by its number from 1; the code keeps both zero-based and converts only here.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from functools import cache

MAX_COLUMNS = 16384  #: XFD, the last column Excel allows
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def formula_sheet(name: str, *, always: bool = False) -> str:
    """A sheet's name as a formula refers to it: in quotes (a quote in it doubled), but
    for a plain ASCII identifier, unless ``always``."""
    if not always and name.isascii() and name.isidentifier():
        return name
    return "'" + name.replace("'", "''") + "'"


@cache
def column_letters(col: int) -> str:
    """The letters of a zero-based column: 0 → A, 26 → AA."""
    if col < 0:
        raise ValueError(f"column {col} is negative")
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@cache
def cell_ref(row: int, col: int) -> str:
    """The A1 reference of a zero-based cell: (4, 9) → J5."""
    return f"{column_letters(col)}{row + 1}"


def column_index(letters: str) -> int:
    """The zero-based column of its letters: A → 0, AA → 26 (case-insensitive)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_ref(ref: str) -> tuple[int, int] | None:
    """The zero-based ``(row, col)`` of an A1 reference (``$`` allowed), or None."""
    m = _REF.match(ref)
    if m is None:
        return None
    return int(m.group(2)) - 1, column_index(m.group(1))


#: A cell or a merged range: first row, first column, last row, last column.
Box = tuple[int, int, int, int]


def joined_runs(
    boxes: Sequence[Box], groups: Sequence[Hashable] | None = None
) -> list[tuple[int, int]]:
    """Boxes, in order, as runs that continue one another along a row or down a column
    (a run never turns), each as the indexes of its first and last box; boxes of
    different ``groups`` (say, sheets) never join. The one cell-run compactor: formulas
    and messages both write their references from it."""
    out: list[list[int]] = []  # [first, last] of each run
    for i, (row, col, _, _) in enumerate(boxes):
        if out:
            first, last = out[-1]
            last_row, last_col, last_bottom, last_right = boxes[last]
            across = row == last_row and col == last_right + 1
            down = col == last_col and row == last_bottom + 1
            way = None if first == last else ("across" if boxes[first][0] == last_row else "down")
            same = groups is None or groups[i] == groups[first]
            if same and ((across and way != "down") or (down and way != "across")):
                out[-1][1] = i
                continue
        out.append([i, i])
    return [(first, last) for first, last in out]
