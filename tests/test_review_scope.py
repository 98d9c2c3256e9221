"""A number a page break cuts in its cell is never read from the part above alone.

A browser prints a long number wrapped in a narrow cell (661052 | 140705); where a page
break falls between its lines, the part above stands in the row's cell and the rest on
the next page: in a row past the head the page repeats (with the rest of the row's
label: 予以公 | 开) or in a row of values only.
Found printing the producers' pages (html-cms-colspan, 14pt type) with chromium: on the
code of 6e6fe97, which joins a label cut below a repeated head, the row was located and
read 661052 for 661052140705 (7 cells wrong in 4 reports of 48).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from producers import score
from zfxxgk import parse
from zfxxgk.published.pdf import source_from_pages

XS = tuple(float(x) for x in range(0, 110, 10))  # ten columns
HEAD = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    + [""] * 8,
    ["", "自然人", "法人或其他组织", "总计"] + [""] * 6,
    ["", "", "商业企业", "", "科研机构", "社会公益组织", "法律服务机构", "其他", "", ""],
]
HEAD_STARTS = [(0, 1, 2), (1, 2, 3), (2, 4, 5, 6, 7)]


def _pages(below: list[list[str]], below_starts: list[tuple[int, ...]]) -> list[dict[str, Any]]:
    above = [*HEAD, ["三、", "（一）予以公开", "0", "20", "0", "661052", "", "7", "0", ""]]
    starts = [*HEAD_STARTS, tuple(range(9))]
    return [
        {"items": [("table", 0.0, above, XS, starts)], "chars": 200, "images": 0},
        {"items": [("table", 0.0, below, XS, below_starts)], "chars": 200, "images": 0},
    ]


def _row(rows: Any, label: str) -> tuple[str, ...]:
    return next(r.cells for r in rows if label in r.cells)


def test_the_rest_of_a_number_in_a_row_of_values_only_is_joined_apart() -> None:
    rest = ["", "", "", "", "", "140705", "", "", "", ""]
    source = source_from_pages(_pages([*HEAD, rest], [*HEAD_STARTS, tuple(range(9))]), "x")
    row = _row(source.rows, "（一）予以公开")
    assert row[5] == "661052 140705"  # digits apart: no number (left blank, warned)
    assert row[3] == "20" and row[7] == "7"
    assert not any("140705" in c for r in source.rows for c in r.cells if c != row[5])


def test_digits_in_the_repeated_head_are_not_taken() -> None:
    # chromium sets stray digits in the repeated head's first row on many pages (4332,
    # 650, 092 in one print) that are no part of the row above: joined there, 1 and 650
    # read 1650, so they are left where they are
    first = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    head = [[*first, "650", *[""] * 7], *HEAD[1:]]
    source = source_from_pages(_pages(head, HEAD_STARTS), "x")
    row = _row(source.rows, "（一）予以公开")
    assert row[2:8] == ("0", "20", "0", "661052", "", "7")


def test_the_rest_of_a_number_below_a_cut_label_is_joined_apart() -> None:
    pages = _pages([], [])
    above = pages[0]["items"][0][2]
    above[-1] = ["三、", "（一）予以公", "0", "20", "0", "661052", "", "7", "0", ""]
    below = [*HEAD, ["本年", "开", "", "", "", "140705", "", "", "", ""]]
    pages[1]["items"][0] = ("table", 0.0, below, XS, [*HEAD_STARTS, tuple(range(9))])
    source = source_from_pages(pages, "x")
    row = _row(source.rows, "（一）予以公开")  # the label joined
    assert row[5] == "661052 140705"


def test_a_row_of_its_own_below_the_break_is_left_alone() -> None:
    own = [
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "",
    ]
    source = source_from_pages(_pages([*HEAD, own], [*HEAD_STARTS, tuple(range(1, 9))]), "x")
    assert _row(source.rows, "（一）予以公开")[5] == "661052"
    assert _row(source.rows, own[1])[2:9] == tuple(own[2:9])


def test_a_number_glued_to_a_label_in_an_unruled_print_blanks_only_its_columns(
    tmp_path: Path,
) -> None:
    """LibreOffice's print of a borderless page sets 自然人's count against a long row
    label (一、本年新收政府信息公开申请数量23). The row's other values stand under their
    headers by their x positions: only the columns between the label and the row's first
    value are unknown. On the code of 6db3980 the whole row was blanked (the sample read
    157 cells right of 199, under test_pdf_producers' floor); before it, 自然人 was blank
    without a word."""
    from conftest import soffice_writer
    from pdf_producers import BORDERLESS, html
    from test_pdf import to_pdf, visible
    from test_pdf_producers import PINGTAN, truth

    soffice_writer()
    want = truth(PINGTAN, True)
    page = tmp_path / "borderless.html"
    page.write_text(html(want, BORDERLESS, rules=False), "utf-8")
    to_pdf([page], tmp_path)
    result = parse(tmp_path / "borderless.pdf")
    s = score(visible(want), result)
    # never another number (the row 3.要求提供公开出版物 is lost without a word on main
    # too: another defect, left to its own fix)
    assert [w for w in s.wrong_cells if w[2] is not None] == []
    assert s.right >= 165, (s.right, s.blank)
    assert "label-holds-value-cells" in {w.code for w in result.warnings}
