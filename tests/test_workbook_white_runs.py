"""White junk inside a workbook cell's rich text is no digit of its number.

A web page's anti-copy junk (``12<span style="color:#fff">7</span>3``) pasted into Excel
stays in the cell as rich text: runs of the page's colours, the junk's run white. A
person reads 123; on the code before this test the runs were joined (1273, without a
word). Now a white run beside runs that show text is left out (:mod:`zfxxgk.xlsx.
richruns`), as the HTML reader leaves white text beside a cell's text out. A cell whose
text is all white runs on a dark fill is read.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color

from hostile_producers import judge
from pasted_workbooks import _one_sheet
from producers import random_report
from test_workbook_raised_runs import _shared
from test_workbook_unseen import _value_cells
from zfxxgk import AnnualReport, parse

#: How the junk's run is coloured white.
WHITES = {"rgb": "FFFFFFFF", "theme": Color(theme=0)}


def _workbook(report: AnnualReport, white: object, rng: random.Random, path: Path) -> int:
    """The report on one sheet, some values as text with a white junk run inside."""
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    marked = 0
    for r, c, has_value in _value_cells(report):
        value = ws.cell(r, c).value
        if has_value and isinstance(value, int) and rng.random() < 0.3:
            text = str(value)
            cut = rng.randint(0, len(text))
            junk = TextBlock(InlineFont(color=white), str(rng.randint(1, 99)))
            parts = [p for p in (text[:cut], junk, text[cut:]) if p]
            ws.cell(r, c).value = CellRichText(*parts)
            marked += 1
    wb.save(path)
    return marked


@pytest.mark.parametrize("where", ("inline", "shared"))
@pytest.mark.parametrize("white", sorted(WHITES))
def test_a_white_run_beside_a_value_is_not_read(white: str, where: str, tmp_path: Path) -> None:
    rng = random.Random(f"workbook-white-run/{white}/{where}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        path = tmp_path / f"{i}.xlsx"
        assert _workbook(report, WHITES[white], rng, path) > 0
        if where == "shared":
            _shared(path)
        got = judge(report, parse(path))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def test_a_text_all_white_on_a_dark_fill_is_read(tmp_path: Path) -> None:
    report = random_report(random.Random("workbook-white-run/dark"), "2021")
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    for r, c, has_value in _value_cells(report):
        text = str(ws.cell(r, c).value)
        if has_value and len(text) > 1 and text.isdigit():
            white = InlineFont(color="FFFFFFFF")
            ws.cell(r, c).value = CellRichText(
                TextBlock(white, text[:1]), TextBlock(white, text[1:])
            )
            ws.cell(r, c).fill = PatternFill("solid", fgColor="FF1F4E79")
    path = tmp_path / "dark.xlsx"
    wb.save(path)
    _shared(path)
    got = judge(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
