"""A number wrapped in its cell of a table drawn without rules: never read in part.

A browser prints a long number in a narrow borderless column over several lines
(574234768315 as 57423 / 47683 / 15): the line holding the row's label shows a piece,
the others are lines of values alone between the rows. On the code before this test the
piece beside the label was read as the cell's number (47683). Now the pieces above and
below are joined to the nearer row's value in their column by a line break, which no
reader takes for a number: the cell is left blank with a warning, its row's other cells
read.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from producers import warned_rows
from test_pdf_columns import FIELDS, HEADS, ROWS, centred, line, page, parsed

LEFTS = [360.0 + 74 * i for i in range(7)]


@settings(max_examples=30, deadline=None)
@given(
    column=st.integers(0, 6),
    pieces=st.lists(st.from_regex(r"[1-9][0-9]{1,4}", fullmatch=True), min_size=2, max_size=3),
    at=st.integers(0, 2),
)
def test_a_wrapped_number_is_blank_with_a_warning(column: int, pieces: list[str], at: int) -> None:
    at = min(at, len(pieces) - 1)  # the piece on the label's line
    first = ["9", "0", "65", "26", "58", "0", "65"]
    second = ["7", "34", "1", "0", "0", "0", "0"]
    items = [line(60, *[centred(x, 70, h) for x, h in zip(LEFTS, HEADS, strict=True)])]
    items.append(
        line(
            80,
            (20, ROWS["new_received"]),
            *[centred(x, 70, v) for x, v in zip(LEFTS, first, strict=True)],
        )
    )
    top = 110.0
    for k, piece in enumerate(pieces):
        y = top + 8 * (k - at)
        cells = [centred(LEFTS[column], 70, piece)]
        if k == at:
            cells = [
                centred(x, 70, piece if c == column else v)
                for c, (x, v) in enumerate(zip(LEFTS, second, strict=True))
            ]
            items.append(line(y, (20, ROWS["carried_over"]), *cells))
        else:
            items.append(line(y, *cells))
    items.sort(key=lambda it: it[1])
    result = parsed([page(items)])
    report = result.report
    warned = warned_rows(result)
    for key, want in (("new_received", first), ("carried_over", second)):
        for c, (field, value) in enumerate(zip(FIELDS, want, strict=True)):
            got = report.get(("applications", key, field))
            if key == "carried_over" and c == column:
                assert got is None and ("applications", key) in warned, (pieces, got)
            else:
                assert got == int(value) or (got is None and ("applications", key) in warned)
