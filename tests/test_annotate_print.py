"""The annotated copy prints cleanly and marks what check names (issue 19, item 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from zfxxgk import check, read, template_path
from zfxxgk.workbook.annotate import RESULT_SHEET, UNASSESSABLE, annotate

APPS = "三、依申请"


def hand_filled(tmp: Path) -> Path:
    """Counts of 自然人 typed, one as text (E5 '4'), the other applicant columns blank."""
    path = tmp / "hand.xlsx"
    shutil.copy(template_path("2021"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[APPS]
    ws["D5"], ws["E5"], ws["D6"] = 38, "4", 0
    ws["D7"], ws["E7"], ws["D8"], ws["D29"] = 30, 4, 8, 0
    wb["封面"]["B3"] = "某县某局"
    wb["封面"]["B4"] = 2024
    wb.save(path)
    return path


def annotated(tmp: Path) -> Path:
    src = hand_filled(tmp)
    report = read(src)
    return annotate(check(report), report, tmp / "annotated.xlsx", source=src)


def colour(cell: object) -> str:
    return str(cell.fill.start_color.rgb)  # type: ignore[attr-defined]


def test_text_numbers_and_blank_columns_are_marked(tmp_path: Path) -> None:
    """E5's text number and the blank 科研机构 column (F) are marked in the copy."""
    ws = openpyxl.load_workbook(annotated(tmp_path))[APPS]
    assert colour(ws["E5"]) == UNASSESSABLE and ws["E5"].comment is not None
    assert colour(ws["F5"]) == UNASSESSABLE and colour(ws["F27"]) == UNASSESSABLE


def test_result_rows_are_as_tall_as_their_wrapped_text(tmp_path: Path) -> None:
    """Each row of 校验结果 has a height that fits its longest wrapped cell."""
    ws = openpyxl.load_workbook(annotated(tmp_path))[RESULT_SHEET]
    rows = [r for r in ws.iter_rows(min_row=5) if any(c.value for c in r)]
    assert rows
    for row in rows:
        height = ws.row_dimensions[row[0].row].height
        text = str(row[3].value or "")
        assert height is not None and height >= 14
        if len(text) > 80:  # an 80-wide column wraps 40 CJK characters a line
            assert height >= 28, (row[0].row, text)
