"""What a workbook holds but a person does not see is no value of the report.

A workbook that is not our template (a report pasted into Excel or WPS) holds junk where
the eye does not find it: figures in a white font on no fill (the page is white), in a
font of the fill's own colour, or under a number format that shows nothing (``;;;``,
which hides text too). On the code before this test such junk in a blank cell was read
as the cell's number, without a word. As the HTML reader does (a white value is marked
unseen: :data:`~zfxxgk.core.cellvalue.UNSEEN`), a figure no one sees is now blank with a
warning (``cell-white-unsure``), or not read at all where its format shows nothing; never
another number. White on a dark fill is seen, and read.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

from hostile_producers import judge
from pasted_workbooks import _one_sheet
from producers import random_report
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import table_rows

Cell = openpyxl.cell.cell.Cell
Ink = Callable[[Cell, object], None]


def _font(color: Color | str) -> Ink:
    def put(cell: Cell, value: object) -> None:
        cell.value = value
        cell.font = Font(color=color)

    return put


def _on_fill(font: str, fill: str) -> Ink:
    def put(cell: Cell, value: object) -> None:
        cell.value = value
        cell.font = Font(color=font)
        cell.fill = PatternFill("solid", fgColor=fill)

    return put


def _format(code: str, as_text: bool) -> Ink:
    def put(cell: Cell, value: object) -> None:
        cell.value = str(value) if as_text else value
        cell.number_format = code

    return put


#: How junk is written where no one sees it.
UNSEEN: dict[str, Ink] = {
    "white-rgb": _font("FFFFFFFF"),
    "white-rgb-no-alpha": _font("00FFFFFF"),
    "white-theme": _font(Color(theme=0)),
    "white-indexed": _font(Color(indexed=9)),
    "white-on-white-fill": _on_fill("FFFFFFFF", "FFFFFFFF"),
    "fill-coloured": _on_fill("FFD9D9D9", "FFD9D9D9"),
    "hidden-format-text": _format(";;;", as_text=True),
    "hidden-format-number": _format(";;;", as_text=False),
}

#: Inks under which a cell shows nothing, not even a blank that says so.
_SHOWS_NOTHING = (UNSEEN["hidden-format-text"], UNSEEN["hidden-format-number"])


def _value_cells(report: AnnualReport) -> list[tuple[int, int, bool]]:
    """Each value cell of :func:`pasted_workbooks._one_sheet`'s sheet (row, column,
    whether the report has a value there)."""
    out: list[tuple[int, int, bool]] = []
    r = 3
    for table in report.layout.tables:
        rows = table_rows(report, table)
        for i, row in enumerate(rows):
            out += [(r + 1 + i, c.col + 1, bool(c.text)) for c in row if c.role == "value"]
        r = r + 1 + len(rows) + 1
    return out


def _workbook(
    report: AnnualReport, ink: Ink, merge: bool, rng: random.Random, path: Path
) -> tuple[Path, int]:
    """The report on one sheet with junk figures written by ``ink`` in its blank value
    cells (and, but where the ink shows nothing at all, some of its values written so)."""
    wb = _one_sheet(report, merge=merge)
    ws = wb.active
    assert ws is not None
    junk = 0
    for r, c, has_value in _value_cells(report):
        if not has_value and rng.random() < 0.6:
            ink(ws.cell(r, c), rng.choice((rng.randint(1, 9), rng.randint(10, 9999))))
            junk += 1
        elif has_value and rng.random() < 0.15 and ink not in _SHOWS_NOTHING:
            ink(ws.cell(r, c), ws.cell(r, c).value)  # seen by no one: blank, said
    wb.save(path)
    return path, junk


@pytest.mark.parametrize("merge", (True, False), ids=("merged", "unmerged"))
@pytest.mark.parametrize("kind", sorted(UNSEEN))
def test_figures_no_one_sees_are_never_read(kind: str, merge: bool, tmp_path: Path) -> None:
    rng = random.Random(f"workbook-unseen/{kind}/{merge}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        path, junk = _workbook(report, UNSEEN[kind], merge, rng, tmp_path / f"{i}.xlsx")
        assert junk > 0
        got = judge(report, parse(path))
        assert got.wrong == 0, got.wrong_cells[:3]


def _values_white_on_dark(report: AnnualReport, path: Path) -> Path:
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    for r, c, has_value in _value_cells(report):
        if has_value:
            ws.cell(r, c).font = Font(color="FFFFFFFF")
            ws.cell(r, c).fill = PatternFill("solid", fgColor="FF1F4E79")
    wb.save(path)
    return path


def test_white_on_a_dark_fill_is_read(tmp_path: Path) -> None:
    report = random_report(random.Random("workbook-unseen/dark"), "2021")
    got = judge(report, parse(_values_white_on_dark(report, tmp_path / "dark.xlsx")))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
