"""Producers of tests/producers_cms.py (issue 17): CMS tables of divs and lists, CSS
grids, Bootstrap rows, a header in a table of its own, and other converters' Markdown.

Each sample and random report they publish is never read wrong (every cell right, or
blank with a warning naming its row); the producers that keep what a person needs to
read every cell read back whole."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_producers import judge
from producers import cells_of, samples_and_random
from producers_cms import CMS
from strategies import reports
from zfxxgk import AnnualReport, parse
from zfxxgk.published.markdown import markdown_rows

REPORTS = samples_and_random(seed=31, randoms=2)

#: The producers whose reports read back whole: every cell right (markitdown drops the
#: rowspans: the rows under a merged label are one cell short, and no column of theirs
#: is proven; a responsive table's shown cells hold their header's label above the
#: number, left blank with a warning).
WHOLE = tuple(sorted(set(CMS) - {"markitdown", "responsive-shown"}))
#: The producers tested.
TESTED = sorted(CMS)


@pytest.mark.parametrize("producer", TESTED)
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_never_wrong(name: str, producer: str, tmp_path: Path) -> None:
    report = REPORTS[name]
    s = judge(report, parse(CMS[producer](report, tmp_path)))
    assert s.wrong_cells == ()
    if producer in WHOLE:
        assert (s.right, s.blank) == (len(cells_of(report)), 0)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=reports(optional=False), producer=st.sampled_from(TESTED))
def test_random_reports_are_never_wrong(report: AnnualReport, producer: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = parse(CMS[producer](report, Path(tmp)))
    assert judge(report, result).wrong_cells == ()


def test_pipe_rows_without_outer_pipes() -> None:
    """html2text's rows: no outer pipes, so a pipe at either end is an empty cell."""
    rows = markdown_rows("a| b| c  \n---|---|---  \n| 1| 2  \n3| | \n\ntext | here\n")
    assert [r.cells for r in rows] == [
        ("a", "b", "c"),
        ("", "1", "2"),
        ("3", "", ""),
        ("text | here",),
    ]


def test_a_rule_under_text_is_a_heading() -> None:
    """``---`` under a line with no pipe, above a line with none, is no table; nor under
    a line of two cells (a rule of one)."""
    rows = markdown_rows("标题\n---\n正文\n")
    assert [r.cells for r in rows] == [("标题",), ("---",), ("正文",)]
    rows = markdown_rows("电话：1 | 传真：2\n---\n正文 | 3\n")
    assert [r.cells for r in rows] == [("电话：1 | 传真：2",), ("---",), ("正文 | 3",)]


def _cells(page: str) -> list[tuple[str, ...]]:
    from zfxxgk.published.webpage import html_rows

    return [r.cells for r in html_rows(page)[0] if r.positional]


def test_grid_auto_placement_skips_covered_slots() -> None:
    """A grid's items without lines go to the next free slot, row by row: a cell spanning
    two rows pushes the next row's first item right; an empty slot stays a cell."""
    page = (
        '<div style="display:grid;grid-template-columns:1fr 1fr 1fr">'
        '<div style="grid-row:span 2">A</div><div>1</div><div>2</div>'
        '<div>3</div><div style="grid-column:3">4</div></div>'
    )
    assert _cells(page) == [("A", "1", "2"), ("", "3", "4")]


def test_a_grid_of_unknown_tracks_is_left_as_lines() -> None:
    page = (
        '<div style="display:grid;grid-template-columns:repeat(auto-fill,9em)">'
        "<div>A</div><div>1</div></div>"
    )
    assert _cells(page) == []


def test_rows_need_a_run_and_hold_no_table() -> None:
    """One flex row alone is no table; nor is a flex row whose cell holds a table (a
    page's frame)."""
    one = '<div style="display:flex"><span>规章</span><span>5</span></div><p>x</p>'
    framed = (
        '<div style="display:flex"><div>menu</div><div><table><tr><td>a</td><td>1</td>'
        '</tr></table></div></div><div style="display:flex"><div>b</div><div>2</div></div>'
    )
    assert _cells(one) == []
    assert _cells(framed) == [("a", "1")]


def test_a_flex_column_is_no_row() -> None:
    page = (
        "<style>.c{display:flex;flex-direction:column}</style>"
        '<div class="c"><span>a</span><span>1</span></div>'
        '<div class="c"><span>b</span><span>2</span></div>'
    )
    assert _cells(page) == []


def test_form_fields_show_their_values() -> None:
    """A text box shows its value, a list box its selected option (else its first); a
    hidden field and a check box show no number."""
    page = (
        "<table><tr><td>规章</td><td><input value='12' readonly></td>"
        "<td><INPUT TYPE=number VALUE=3></td><td><input type=hidden value=99>0</td>"
        "<td><select><option>1</option><option selected>7</option></select></td>"
        "<td><select><option>5</option><option>6</option></select></td>"
        "<td><input type=checkbox value=4></td></tr></table>"
    )
    assert _cells(page) == [("规章", "12", "3", "0", "7", "5", "")]


def _table(rows: list[list[str]]) -> str:
    return (
        "<table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        + "</table>"
    )


def _rows_of(page: str) -> list[tuple[str, ...]]:
    from zfxxgk.published.sidetables import joined_beside
    from zfxxgk.published.webpage import html_rows

    return [r.cells for r in joined_beside(html_rows(page)[0]) if r.positional]


def test_a_table_in_two_parts_is_joined() -> None:
    """The same row labels, other columns: one table, the line between kept."""
    a = _table([["", "自然人", "商业企业"], ["一、新收", "5", "1"], ["二、结转", "0", "2"]])
    b = _table([["", "其他", "总计"], ["一、新收", "3", "9"], ["二、结转", "", "2"]])
    assert _rows_of(a + "<p>（续表）</p>" + b) == [
        ("", "自然人", "商业企业", "其他", "总计"),
        ("一、新收", "5", "1", "3", "9"),
        ("二、结转", "0", "2", "", "2"),
    ]


def test_tables_of_the_same_columns_are_not_joined() -> None:
    """This year's table and last year's after it: the same headers, never one table."""
    a = _table([["", "自然人", "总计"], ["一、新收", "5", "5"], ["二、结转", "0", "0"]])
    b = _table([["", "自然人", "总计"], ["一、新收", "7", "7"], ["二、结转", "1", "1"]])
    assert len(_rows_of(a + "<p>2023年</p>" + b)) == 6


def test_tables_of_other_labels_or_far_apart_are_not_joined() -> None:
    a = _table([["", "自然人"], ["一、新收", "5"], ["二、结转", "0"]])
    b = _table([["", "总计"], ["一、新收", "5"], ["三、办理", "0"]])
    far = "".join(f"<p>第{i}行</p>" for i in range(3))
    assert len(_rows_of(a + b)) == 6
    assert all(len(r) == 2 for r in _rows_of(a + far + a.replace("自然人", "总计")))


def test_a_foot_written_first_is_read_last() -> None:
    page = (
        "<table><tfoot><tr><td>总计</td><td>3</td></tr></tfoot>"
        "<tbody><tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></tbody></table>"
    )
    assert _cells(page) == [("甲", "1"), ("乙", "2"), ("总计", "3")]


def test_rowspan_zero_spans_to_its_sections_end() -> None:
    page = (
        "<table><tbody><tr><td rowspan='0'>三</td><td>甲</td><td>1</td></tr>"
        "<tr><td>乙</td><td>2</td></tr></tbody>"
        "<tbody><tr><td>四</td><td></td><td>5</td></tr></tbody></table>"
    )
    assert _cells(page) == [("三", "甲", "1"), ("", "乙", "2"), ("四", "", "5")]


def test_frozen_label_columns_are_joined_to_their_values() -> None:
    labels = _table([["项目"], ["一、新收"], ["二、结转"]])
    values = _table([["自然人", "总计"], ["5", "5"], ["", "0"]])
    assert _rows_of(labels + values) == [
        ("项目", "自然人", "总计"),
        ("一、新收", "5", "5"),
        ("二、结转", "", "0"),
    ]
    # a table of text beside a table whose rows have labels of their own: not joined
    labelled = _table([["自然人", "总计"], ["甲", "5"], ["乙", "0"]])
    assert len(_rows_of(labels + labelled)) == 6


def _restated(page: str) -> list[tuple[str, ...]]:
    from zfxxgk.published.restated import without_restated_headers
    from zfxxgk.published.webpage import html_rows

    return [r.cells for r in without_restated_headers(html_rows(page)[0]) if r.positional]


def test_a_cell_restating_its_header_is_its_value() -> None:
    """自然人 over 26 (or glued, 自然人26) under 自然人 is 26, and 自然人 alone there a
    blank in a row of numbers; the header of another column, or one ending in a digit
    (数据1 and 2 are no 数据12), is left as written."""
    page = _table(
        [
            ["", "自然人", "总计", "数据1"],
            ["一、新收", "自然人<br>26", "总计26", "数据12"],
            ["二、结转", "总计<br>5", "自然人7", "3"],
            ["三、办理", "自然人", "总计0", ""],
        ]
    )
    assert _restated(page) == [
        ("", "自然人", "总计", "数据1"),
        ("一、新收", "26", "26", "数据12"),
        ("二、结转", "总计\n5", "自然人7", "3"),
        ("三、办理", "", "0", ""),
    ]
