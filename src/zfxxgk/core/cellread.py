"""Reading one cell's content into a field of a report, with its provenance and notes.

Shared by the workbook reader and the published-report parser: both hand over a grid of
raw cell contents and the place of each field in it.
"""

from __future__ import annotations

from typing import Any

from zfxxgk.core.cellvalue import interpret
from zfxxgk.core.layout import Field, Kind
from zfxxgk.core.model import AnnualReport, CellSource, Provenance
from zfxxgk.errors import CellValueError, ReportValueError
from zfxxgk.notes import Note
from zfxxgk.xlsx.refs import cell_ref

Grid = dict[tuple[int, int], Any]


def read_cell(
    report: AnnualReport, field: Field, grid: Grid, sheet: str, row: int, col: int, prov: Provenance
) -> str | None:
    """Read one cell into the report; return a money unit typed after the amount."""
    raw = grid.get((row, col))
    ref = cell_ref(row, col)
    if raw is None or (type(raw) is int and field.kind is not Kind.MONEY):
        prov.cells[field.path] = CellSource(sheet, ref, raw)
        try:
            report.set(field.path, raw)
        except ReportValueError as exc:
            raise _in_cell(exc, field, raw, prov.file, sheet, ref) from None
        return None
    try:
        reading = interpret(raw, field)
    except ReportValueError as exc:
        raise _in_cell(exc, field, raw, prov.file, sheet, ref) from None
    prov.cells[field.path] = CellSource(sheet, ref, raw)
    if reading.note is not None:
        prov.notes.append(reading.note.located(sheet=sheet, cell=ref))
    try:
        report.set(field.path, reading.value)
    except ReportValueError as exc:
        raise _in_cell(exc, field, raw, prov.file, sheet, ref) from None
    return reading.unit


def _in_cell(
    exc: ReportValueError, field: Field, raw: Any, file: str | None, sheet: str, ref: str
) -> CellValueError:
    """The error of a value, as the error of the cell it was read from."""
    return CellValueError(
        ".".join(field.path), raw, note=exc.note, file=file, sheet=sheet, cell=ref
    )


def unit_from_suffix(
    report: AnnualReport, field: Field, unit: str, sheet: str, ref: str, prov: Provenance
) -> None:
    """A unit typed after an amount fills the amount's unit field when that is blank."""
    unit_path = field.unit_field
    if unit_path is None:
        return
    current = report.get(unit_path)
    if current is None:
        report.set(unit_path, unit)
        prov.notes.append(Note("unit-from-suffix", sheet, ref, {"unit": unit}))
    elif current != unit:
        prov.notes.append(
            Note("unit-suffix-differs", sheet, ref, {"unit": unit, "chosen": current})
        )
