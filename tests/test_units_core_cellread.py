"""zfxxgk.core.cellread and checkctx: one cell read into its field with its provenance, an
error placed at the cell, a unit suffix filling the unit field; a checked cell's name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from zfxxgk import AnnualReport
from zfxxgk.core.cellread import read_cell, unit_from_suffix
from zfxxgk.core.checkctx import Context
from zfxxgk.core.layout import Field, Kind
from zfxxgk.core.model import CellSource, Provenance
from zfxxgk.errors import CellValueError
from zfxxgk.noteparams import shown

SHEET = "三、依申请"


def _field(report: AnnualReport, kind: Kind, unit_field: bool = False) -> Field:
    return next(
        f
        for f in report.layout.fields()
        if f.official
        and f.kind is kind
        and (not unit_field or (*f.path[:2], f"{f.path[2]}_unit") in report.layout.field_map)
    )


@pytest.mark.parametrize(("raw", "value"), [(7, 7), (7.0, 7), ("7", 7), ("—", 0), (None, None)])
def test_a_count_cell_is_read_with_its_source(raw: Any, value: Any) -> None:
    report = AnnualReport(edition="2021")
    field = _field(report, Kind.COUNT)
    prov = Provenance(file="f.xlsx")
    unit = read_cell(report, field, {(4, 3): raw}, SHEET, 4, 3, prov)
    assert unit is None and report.get(field.path) == value
    assert prov.cells[field.path] == CellSource(SHEET, "D5", raw)
    for note in prov.notes:
        assert (note.sheet, note.cell) == (SHEET, "D5")  # every note placed at the cell
    assert bool(prov.notes) == isinstance(raw, str)


@pytest.mark.parametrize(("raw", "code"), [("abc", "cell-not-number"), (2.5, "count-not-whole")])
def test_a_bad_cell_is_an_error_at_the_cell(raw: Any, code: str) -> None:
    report = AnnualReport(edition="2021")
    field = _field(report, Kind.COUNT)
    with pytest.raises(CellValueError) as info:
        read_cell(report, field, {(8, 4): raw}, SHEET, 8, 4, Provenance(file="f.xlsx"))
    error = info.value
    assert error.code == code and (error.file, error.sheet, error.cell) == ("f.xlsx", SHEET, "E9")
    assert error.field == ".".join(field.path) and report.get(field.path) is None


def test_a_unit_after_an_amount_fills_a_blank_unit_field() -> None:
    report = AnnualReport(edition="2019")
    field = _field(report, Kind.MONEY, unit_field=True)
    prov = Provenance()
    unit = read_cell(report, field, {(0, 0): "52.15万元"}, "二", 0, 0, prov)
    assert unit == "万元" and report.get(field.path) == Decimal("52.15")
    unit_from_suffix(report, field, unit, "二", "A1", prov)
    unit_path = (*field.path[:2], f"{field.path[2]}_unit")
    assert report.get(unit_path) == "万元"
    assert prov.notes[-1].code == "unit-from-suffix"
    unit_from_suffix(report, field, "元", "二", "A1", prov)  # a stated unit is kept
    assert report.get(unit_path) == "万元" and prov.notes[-1].code == "unit-suffix-differs"
    assert prov.notes[-1].params == {"unit": "元", "chosen": "万元"}


def test_a_note_shows_blank_and_plain_numbers() -> None:
    """A parameter is data; the message shows a blank per language and a number plainly."""
    assert shown(None, "zh") == "空" and shown(None, "en") == "blank"
    assert shown(Decimal("1E+3"), "en") == "1000" and shown(-4, "zh") == -4


def test_a_json_report_cites_the_template_cell_a_workbook_only_its_own() -> None:
    report = AnnualReport(edition="2021")
    field = _field(report, Kind.COUNT)
    report.set(field.path, 3)
    cell = Context(report, None).cell(field.path)
    assert cell.sheet and cell.cell and cell.value == 3  # the official template's cell
    report.provenance = Provenance(file="x.xlsx", kind="workbook")
    cell = Context(report, None).cell(field.path)
    assert (cell.sheet, cell.cell, cell.where) == (None, None, ".".join(field.path))
    report.provenance.cells[field.path] = CellSource("表", "Q9", "3")
    cell = Context(report, None).cell(field.path)
    assert (cell.where, cell.raw, cell.is_text) == ("'表'!Q9", "3", True)


def test_last_years_cell_is_marked_previous() -> None:
    this, last = AnnualReport(edition="2021"), AnnualReport(edition="2021")
    field = _field(this, Kind.COUNT)
    last.set(field.path, 5)
    cell = Context(this, last).cell(field.path, previous=True)
    assert cell.previous and cell.value == 5 and cell.where.startswith("上年 ")
