"""A pasted workbook's warnings and cell sources name its own sheet and cell.

Staff who pasted a report into a spreadsheet look for a doubtful value in that
spreadsheet: ``'Sheet1'!D7``, not the line of a text (第7行第4格) that they never saw.
Each value read from a workbook names the sheet and A1 cell it came from (hidden columns
and rows counted as the sheet counts them), and each warning on a cell or a row names
the sheet and the cell or row.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from pasted_workbooks import csv_export, hidden_junk, merged, sheet_per_table
from producers import random_report
from zfxxgk import parse


@pytest.mark.parametrize("way", [merged, sheet_per_table, hidden_junk])
def test_every_value_names_the_sheet_cell_it_came_from(tmp_path: Path, way: object) -> None:
    report = random_report(random.Random(3), "2021")
    path = way(report, tmp_path)  # type: ignore[operator]
    shown = {
        (ws.title, cell.coordinate): cell.value
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    }
    result = parse(path)
    sources = result.report.provenance.cells  # type: ignore[union-attr]
    assert sources
    for field, src in sources.items():
        if src.raw is None:  # a blank cell
            assert (src.sheet, src.cell) not in shown, (field, src)
        else:
            assert str(shown[(src.sheet, src.cell)]).strip() == str(src.raw).strip(), (field, src)


def test_a_refused_cell_and_a_row_are_named_by_sheet_and_cell(tmp_path: Path) -> None:
    """A count of 1.5 is refused (cell-left-blank) at its own cell; a row whose label
    cell ends in a number (label-holds-value) at its row; both on the sheet, a hidden
    column before them counted as the sheet counts it."""
    report = random_report(random.Random(4), "2021")
    path = hidden_junk(report, tmp_path)  # column A hidden
    wb = openpyxl.load_workbook(path)
    ws = wb["年报"]
    at = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "一、本年新收政府信息公开申请数量":
                at["new"] = cell
            if cell.value == "二、上年结转政府信息公开申请数量":
                at["glued"] = cell
    target = ws.cell(at["new"].row, 5)  # 自然人's cell of the row (E: A is hidden)
    target.value = "1.5"
    at["glued"].value = "二、上年结转政府信息公开申请数量 5"
    wb.save(path)
    result = parse(path)
    blanks = [w for w in result.warnings if w.code == "cell-left-blank"]
    assert [(w.sheet, w.cell) for w in blanks] == [(ws.title, target.coordinate)]
    glued = [w for w in result.warnings if w.code == "label-holds-value"]
    row = at["glued"].row
    assert [(w.sheet, w.cell) for w in glued] == [(ws.title, f"{row}:{row}")]


def test_a_csv_value_names_the_cell_a_spreadsheet_opens_it_at(tmp_path: Path) -> None:
    """A CSV's one sheet is named for its file, as Excel and Calc title it."""
    import csv

    report = random_report(random.Random(5), "2019")
    path = csv_export(report, tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        grid = list(csv.reader(f))
    sources = parse(path).report.provenance.cells  # type: ignore[union-attr]
    read = [src for src in sources.values() if src.raw is not None]
    assert read
    for src in read:
        assert src.sheet == path.stem, src
        col = ord(src.cell[0]) - ord("A")  # (a report's grid is narrower than 26 columns)
        row = int(src.cell[1:]) - 1
        assert grid[row][col].strip() == str(src.raw).strip(), src
