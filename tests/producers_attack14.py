"""Workbooks as scripts and staff make them (attack14), beyond the other corpora.

Formulas whose stored result is not what a spreadsheet shows: XlsxWriter stores 0 for
every formula it is not told the result of and asks for a recalculation on opening
(``calcPr fullCalcOnLoad``); a script's stale stored totals, with or without that ask; a
formula the reader does not compute (``ROUND``), stored 0 by XlsxWriter or stored
nothing by openpyxl; a sheet of links (``=数据!B5``) to a hidden data sheet. Number
formats that scale by thousands (``#,##0,``, ``0.0,,"M"``). Stale rows squeezed to a
sliver and stale columns narrower than a digit (not hidden). Amounts of money under a
format of fewer decimal places (``#,##0`` shows 1234.5 as 1,235). Negative numbers
shown in red with no sign (``0;[Red]0``, Excel's own choice). And shapes the reader already
reads right, kept as guards: stale rows of zero height, counts typed with spaces, a
format that writes ``共12件``.

Each producer is ``(report, folder) -> path``; :data:`TRUTHS` gives what a producer shows
where that differs from the report (a formula total shows the sum of its parts).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pasted_workbooks import _sum_totals
from producers_attack9 import _number, _save, _sheet, _with_values, wb_hidden_last_year_col
from zfxxgk import AnnualReport
from zfxxgk.published.export import GridCell, table_rows, title

Producer = Callable[[AnnualReport, Path], Path]
#: a formula's stored result from the total it gives; None: XlsxWriter's own (0)
Stored = Callable[[object], object] | None


def _rewrite(path: Path, part: str, fn: Callable[[str], str]) -> Path:
    """The package with ``part``'s text rewritten by ``fn``."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == part:
                data = fn(data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)
    return path


def _xw_book(
    report: AnnualReport,
    path: Path,
    stored: Stored = None,
    wrap: str = "SUM({})",
    linked: bool = False,
) -> Path:
    """XlsxWriter: the tables on one sheet, merges kept, each row total (of the parts in
    its row) the formula ``wrap`` of its parts' cells, stored ``stored(total)``.
    ``linked``: every value cell a formula ``=数据!B5`` of a hidden sheet holding the
    numbers (stored 0)."""
    summed, parts_of = _sum_totals(report)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("年报")
    data = wb.add_worksheet("数据") if linked else None
    merge_fmt = wb.add_format({"align": "center", "valign": "vcenter", "border": 1})
    ws.write(0, 0, title(summed))
    r = 2
    for table in summed.layout.tables:
        ws.write(r, 0, table.title)
        rows = table_rows(summed, table)
        top = r + 1
        where = {c.path: (top + i, c.col) for i, row in enumerate(rows) for c in row if c.path}
        for i, row in enumerate(rows):
            for cell in row:
                rr, cc = top + i, cell.col
                number = not cell.label and cell.text
                v = _number(cell.text) if number else (cell.text or None)
                if cell.rowspan > 1 or cell.colspan > 1:
                    last = (rr + cell.rowspan - 1, cc + cell.colspan - 1)
                    ws.merge_range(rr, cc, *last, v, merge_fmt)
                elif number and data is not None:
                    data.write(rr, cc, v)
                    ws.write_formula(rr, cc, f"=数据!{get_column_letter(cc + 1)}{rr + 1}")
                elif v is not None:
                    ws.write(rr, cc, v)
        for total, parts in parts_of.items():
            if total not in where or not all(p in where for p in parts):
                continue
            refs = ",".join(f"{get_column_letter(where[p][1] + 1)}{where[p][0] + 1}" for p in parts)
            formula = "=" + wrap.format(refs)
            if stored is None:
                ws.write_formula(*where[total], formula)
            else:
                ws.write_formula(*where[total], formula, None, stored(summed.get(total)))
        r = top + len(rows) + 1
    if data is not None:
        data.hide()
    wb.close()
    return path


def xw_formulas(report: AnnualReport, folder: Path) -> Path:
    """XlsxWriter's row totals as ``=SUM(…)``, each stored as XlsxWriter stores it: 0."""
    return _xw_book(report, folder / "xw.xlsx")


def xw_stale(report: AnnualReport, folder: Path) -> Path:
    """Totals as ``=SUM(…)`` stored stale (another number), the workbook asking for a
    recalculation on opening."""
    return _xw_book(report, folder / "xw-stale.xlsx", lambda v: int(str(v or 0)) + 7)


def xw_stale_kept(report: AnnualReport, folder: Path) -> Path:
    """Stale stored totals in a workbook that does not ask for a recalculation (a script
    that edited the numbers and left the totals' results): shown, or computed again by a
    program that recalculates anyway."""
    path = _xw_book(report, folder / "xw-kept.xlsx", lambda v: int(str(v or 0)) + 7)
    return _rewrite(path, "xl/workbook.xml", lambda x: x.replace(' fullCalcOnLoad="1"', ""))


def xw_round(report: AnnualReport, folder: Path) -> Path:
    """Totals as ``=ROUND(SUM(…),0)`` (a function the reader does not compute), stored 0."""
    return _xw_book(report, folder / "xw-round.xlsx", wrap="ROUND(SUM({}),0)")


def openpyxl_round(report: AnnualReport, folder: Path) -> Path:
    """Totals as ``=ROUND(SUM(…),0)`` with no stored result (openpyxl writes none)."""
    path = _xw_book(report, folder / "op-round.xlsx", wrap="ROUND(SUM({}),0)")
    return _rewrite(
        path, "xl/worksheets/sheet1.xml", lambda x: re.sub(r"(<f>[^<]*</f>)<v>0</v>", r"\1", x)
    )


def xw_linked(report: AnnualReport, folder: Path) -> Path:
    """Every value a link ``=数据!B5`` to a hidden sheet of the numbers, totals ``=SUM``;
    every formula stored 0 (XlsxWriter)."""
    return _xw_book(report, folder / "xw-linked.xlsx", linked=True)


def openpyxl_linked(report: AnnualReport, folder: Path) -> Path:
    """The linked sheet with no stored results (as openpyxl saves it)."""
    path = _xw_book(report, folder / "op-linked.xlsx", linked=True)
    return _rewrite(
        path, "xl/worksheets/sheet1.xml", lambda x: re.sub(r"(<f>[^<]*</f>)<v>0</v>", r"\1", x)
    )


def _count(cell: GridCell) -> bool:
    return re.fullmatch(r"-?\d+", cell.text) is not None


def _amount(cell: GridCell) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell.text) is not None


def _formatted(code: str, name: str, which: Callable[[GridCell], bool] = _count) -> Producer:
    def produce(report: AnnualReport, folder: Path) -> Path:
        wb = _sheet(report, fmt=lambda c: code if which(c) else None)
        return _save(wb, folder, name)

    produce.__doc__ = f"Numbers under the number format ``{code}``."
    return produce


def wb_zero_height(report: AnnualReport, folder: Path) -> Path:
    """Above each row with values, a stale copy of height 0 (``ht="0"``, not ``hidden``)."""

    def hide(ws: Worksheet, r: int) -> None:
        ws.row_dimensions[r].height = 0  # (openpyxl writes customHeight only)

    def copied(i: int, row: list[GridCell]) -> bool:
        return any(not c.label and c.text for c in row)

    path = _save(_sheet(report, hidden_copy=copied, hide=hide), folder, "zero-height.xlsx")
    return _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda x: x.replace('customHeight="1"', 'ht="0" customHeight="1"'),
    )


def wb_sliver_rows(report: AnnualReport, folder: Path) -> Path:
    """Above each row with values, a stale copy squeezed to a sliver (``ht="0.75"``, a
    pixel: dragged shut, not hidden)."""

    def squeeze(ws: Worksheet, r: int) -> None:
        ws.row_dimensions[r].height = 0.75

    return _save(_sheet(report, hidden_copy=_with_values, hide=squeeze), folder, "sliver.xlsx")


def wb_narrow_cols(report: AnnualReport, folder: Path) -> Path:
    """A sheet per table, a column of last year's numbers before each value column,
    squeezed to 0.1 of a character instead of hidden (no digit shows)."""
    path = wb_hidden_last_year_col(report, folder)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for dim in ws.column_dimensions.values():
            if dim.hidden:
                dim.hidden, dim.width = False, 0.1
    return _save(wb, folder, "narrow.xlsx")


def wb_text_spaced(report: AnnualReport, folder: Path) -> Path:
    """Counts typed as text with spaces around, big ones grouped by spaces (" 1 234 ")."""

    def value(c: GridCell) -> object:
        t = c.text
        if re.fullmatch(r"\d{4,}", t):
            t = f"{int(t):,}".replace(",", " ")
        return f" {t} "

    return _save(_sheet(report, value=value), folder, "spaced.xlsx")


_SUMMED: Callable[[AnnualReport], AnnualReport] = lambda r: _sum_totals(r)[0]  # noqa: E731

#: the formula producers: what each shows (its totals the sums of their parts)
TRUTHS: dict[str, Callable[[AnnualReport], AnnualReport]] = {
    "xw-formulas": _SUMMED,
    "xw-stale": _SUMMED,
    "xw-stale-kept": _SUMMED,
    "xw-round": _SUMMED,
    "openpyxl-round": _SUMMED,
    "xw-linked": _SUMMED,
    "openpyxl-linked": _SUMMED,
}

#: shapes that gave wrong cells before attack14's fixes
WORKBOOKS: dict[str, Producer] = {
    "xw-formulas": xw_formulas,
    "xw-stale": xw_stale,
    "xw-stale-kept": xw_stale_kept,
    "xw-round": xw_round,
    "openpyxl-round": openpyxl_round,
    "xw-linked": xw_linked,
    "openpyxl-linked": openpyxl_linked,
    "wb-thousands-scaled": _formatted("#,##0,", "scaled.xlsx"),
    "wb-millions-scaled": _formatted('0.0,,"M"', "millions.xlsx"),
    "wb-thousands-unit": _formatted('#,##0,"千"', "thousands-unit.xlsx"),
    "wb-sliver-rows": wb_sliver_rows,
    # every number, amounts of money too, under a format of fewer decimal places
    "wb-amounts-whole": _formatted("0", "whole.xlsx", _amount),
    "wb-amounts-grouped": _formatted("#,##0", "grouped.xlsx", _amount),
    "wb-amounts-one-place": _formatted("0.0_);(0.0)", "one-place.xlsx", _amount),
    # Excel's "1234 in red" for negatives: no sign, the colour the only one
    "wb-negatives-red": _formatted("0;[Red]0", "red.xlsx"),
    "wb-negatives-red-zh": _formatted("#,##0;[红色]#,##0", "red-zh.xlsx"),
    "wb-negatives-unsigned": _formatted("0;0", "unsigned.xlsx"),
    "wb-narrow-cols": wb_narrow_cols,
}

#: shapes read right before them too (guards)
READ_RIGHT: dict[str, Producer] = {
    "wb-zero-height": wb_zero_height,
    "wb-text-spaced": wb_text_spaced,
    "wb-prefix-format": _formatted('"共"0"件"', "prefix.xlsx"),
}

PROBES: dict[str, Producer] = {**WORKBOOKS, **READ_RIGHT}
