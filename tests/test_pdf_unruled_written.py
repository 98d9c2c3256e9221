"""Unruled PDF tables against the aligner: a column nothing was drawn in is no cell.

Table 三 drawn without rules as a borderless web table prints it: the group header
法人或其他组织 centred over its five columns on a line of its own (with the 勾稽关系 note
beside it), the column labels and values centred in their cells, any cell blank, and
sometimes one value moved off every column. Generated over many layouts: each cell right
or blank with a warning naming its row; where every value stands under its header, all
right.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from test_pdf_columns import FIELDS, HEADS, ROWS, centred, line, page, parsed
from zfxxgk.published.pdf import source_from_pages
from zfxxgk.published.pdf_columns import PAD

GROUP = "法人或其他组织"


def _table(
    lefts: list[float], widths: list[float], values: dict[str, list[int | None]]
) -> list[tuple[Any, ...]]:
    """The header lines (group centred over columns 2–6) and one line per row."""
    span = lefts[5] + widths[5] - lefts[1]
    items = [
        line(56, (20, "（本列数据的勾稽关系为："), centred(lefts[1], span, GROUP)),
        line(60, *[centred(x, w, h) for x, w, h in zip(lefts, widths, HEADS, strict=True)]),
    ]
    for k, (key, label) in enumerate(ROWS.items()):
        cells = [
            centred(x, w, str(v))
            for x, w, v in zip(lefts, widths, values[key], strict=True)
            if v is not None
        ]
        items.append(line(80 + 20 * k, (20, label), *cells))
    return items


def _lefts(widths: list[float]) -> list[float]:
    lefts = [360.0]
    for w in widths[:-1]:
        lefts.append(lefts[-1] + w + 4)
    return lefts


cells = st.lists(st.one_of(st.none(), st.integers(0, 99999)), min_size=14, max_size=14)


@settings(max_examples=40, deadline=None)
@given(widths=st.lists(st.floats(64, 90), min_size=7, max_size=7), values=cells)
def test_group_header_centred_over_its_columns(
    widths: list[float], values: list[int | None]
) -> None:
    """Any widths, any blanks, the group header centred above: every value read in its
    header's column, blanks blank."""
    rows = {"new_received": values[:7], "carried_over": values[7:]}
    report = parsed([page(_table(_lefts(widths), widths, rows))]).report
    for key, want in rows.items():
        for field, value in zip(FIELDS, want, strict=True):
            assert report.get(("applications", key, field)) == value, (key, field)


@settings(max_examples=40, deadline=None)
@given(
    widths=st.lists(st.floats(64, 90), min_size=7, max_size=7),
    values=cells,
    moved=st.integers(0, 6),
    by=st.sampled_from([-40.0, -37.0, 37.0, 40.0]),
)
def test_a_value_off_every_column_is_never_another_number(
    widths: list[float], values: list[int | None], moved: int, by: float
) -> None:
    """One value of the first row moved off its column, anywhere, any blanks: each cell
    of both rows right or blank, and a blank first row has a warning naming its row."""
    lefts = _lefts(widths)
    first = values[:7]
    first[moved] = 7 if first[moved] is None else first[moved]
    rows = {"new_received": first, "carried_over": values[7:]}
    items = _table(lefts, widths, rows)
    label, *runs = items[2][2]
    k = sum(1 for v in first[:moved] if v is not None)
    x0, x1, text = runs[k]
    runs[k] = (x0 + by, x1 + by, text)
    # off every column: in a narrow column, 40 points may set it under the next
    # header's label, where the page shows it (and the reader reads it) in that column
    centre = (x0 + x1) / 2 + by
    assume(not any(a - PAD <= centre <= b + PAD for a, b, _ in items[1][2]))
    items[2] = ("text", items[2][1], [label, *runs])
    result = parsed([page(items)])
    for key, want in rows.items():
        for field, value in zip(FIELDS, want, strict=True):
            got = result.report.get(("applications", key, field))
            assert got is None or got == value, (key, field, got, value)
    if all(result.report.get(("applications", "new_received", f)) is None for f in FIELDS):
        assert any(
            w.code == "short-row" and (w.cell or "").startswith("第1页 表三")
            for w in result.warnings
        )


def test_unruled_rows_written_where_drawn() -> None:
    """An unruled row's written cells are the columns its runs stand in, and it reaches
    every column of the page."""
    widths = [70.0] * 7
    rows = {"new_received": [5, None, None, None, None, None, 5], "carried_over": [0] * 7}
    source = source_from_pages([page(_table(_lefts(widths), widths, rows))], "u.pdf")
    row = next(r for r in source.rows if r.cells and r.cells[0] == ROWS["new_received"])
    assert row.written() == tuple(k for k, c in enumerate(row.cells) if c)
    assert row.end() == len(row.cells)
    group = next(r for r in source.rows if GROUP in r.cells)
    heads = next(r for r in source.rows if "商业企业" in r.cells)
    assert group.cells.index(GROUP) == heads.cells.index("商业企业")
