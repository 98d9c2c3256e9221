"""Workbooks that are not our template, made from any report as staff make them.

A report's tables pasted into a spreadsheet from a web page or typed in: merges kept or
undone, all tables on one sheet or a sheet per table, numbers typed as text, a 备注
column, hidden junk (a column of numbers, a row, a whole sheet with another report's
numbers), totals as formulas (saved by openpyxl without their result, or recalculated
and saved by LibreOffice with it), a CSV export; and LibreOffice Calc's import of each
HTML producer's page (``soffice --infilter="HTML (StarCalc)" --convert-to xlsx``: what
"pasted from a web page" looks like), and the .xls and .ods LibreOffice saves.

Each way is ``(report, folder) -> path``; :func:`truth` gives what the workbook shows
(the formula ways make their totals the sum they compute).
"""

from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zfxxgk import AnnualReport
from zfxxgk.published.export import GridCell, table_rows, title

Way = Callable[[AnnualReport, Path], Path]


def _number(text: str) -> object:
    """A value cell's text as a number where it is one (a unit suffix keeps it text)."""
    try:
        d = Decimal(text)
    except ArithmeticError:
        return text
    return int(d) if d == d.to_integral_value() and "." not in text else float(d)


def _put(
    ws: Worksheet,
    top: int,
    rows: list[list[GridCell]],
    *,
    merge: bool,
    as_text: bool = False,
    shift: int = 0,
) -> int:
    """Write a table's rows at row ``top`` (1-based); columns from ``shift`` + 1. Returns
    the next free row."""
    for i, row in enumerate(rows):
        r = top + i
        for cell in row:
            c = cell.col + 1 + shift
            if cell.label or not cell.text:
                value: object = cell.text or None
            else:
                value = cell.text if as_text else _number(cell.text)
            ws.cell(r, c, value)
            if as_text and not cell.label:
                ws.cell(r, c).number_format = "@"
            if merge and (cell.rowspan > 1 or cell.colspan > 1):
                ws.merge_cells(
                    start_row=r,
                    start_column=c,
                    end_row=r + cell.rowspan - 1,
                    end_column=c + cell.colspan - 1,
                )
    return top + len(rows)


def reordered_rows(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """The table with the columns under each group header (a header cell over several
    columns whose cells below are one column each: 法人或其他组织, 行政复议 …) in
    reverse order, each header with its column: the staff's own column order."""
    out = [list(r) for r in rows]
    for i, row in enumerate(rows):
        for head in row:
            if head.role != "header" or head.colspan < 2:
                continue
            lo, hi = head.col, head.col + head.colspan - 1
            below = [c for r in rows[i + head.rowspan :] for c in r if lo <= c.col <= hi]
            if not below or any(c.col + c.colspan - 1 > hi or c.colspan > 1 for c in below):
                continue
            for k in range(i + head.rowspan, len(rows)):
                out[k] = [
                    attrs.evolve(c, col=lo + hi - c.col) if lo <= c.col <= hi else c for c in out[k]
                ]
                out[k].sort(key=lambda c: c.col)
    return out


def _one_sheet(
    report: AnnualReport, *, merge: bool, as_text: bool = False, reorder: bool = False
) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "年报"
    ws.cell(1, 1, title(report))
    r = 3
    for table in report.layout.tables:
        ws.cell(r, 1, table.title)
        rows = table_rows(report, table)
        if reorder:
            rows = reordered_rows(rows)
        r = _put(ws, r + 1, rows, merge=merge, as_text=as_text) + 1
    return wb


def _save(wb: openpyxl.Workbook, folder: Path, name: str) -> Path:
    path = folder / name
    wb.save(path)
    return path


def merged(report: AnnualReport, folder: Path) -> Path:
    """All three tables on one sheet, merged as the official format merges them."""
    return _save(_one_sheet(report, merge=True), folder, "merged.xlsx")


def unmerged(report: AnnualReport, folder: Path) -> Path:
    """The same with every merge undone (a merged cell's text in its first cell)."""
    return _save(_one_sheet(report, merge=False), folder, "unmerged.xlsx")


def reordered(report: AnnualReport, folder: Path) -> Path:
    """Merged tables with the columns under each group header in the reverse order."""
    return _save(_one_sheet(report, merge=True, reorder=True), folder, "reordered.xlsx")


def reordered_unmerged(report: AnnualReport, folder: Path) -> Path:
    """The same with every merge undone: a group header written once over its columns."""
    return _save(_one_sheet(report, merge=False, reorder=True), folder, "reordered2.xlsx")


def text_numbers(report: AnnualReport, folder: Path) -> Path:
    """Numbers typed as text (format ``@``), merges undone."""
    return _save(_one_sheet(report, merge=False, as_text=True), folder, "text.xlsx")


def sheet_per_table(report: AnnualReport, folder: Path) -> Path:
    """A sheet per table (named 二, 三, 四), merges kept; the title on the first."""
    wb = openpyxl.Workbook()
    first = True
    for table in report.layout.tables:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = table.title.split("、", 1)[0]
        top = 1
        if first:
            ws.cell(1, 1, title(report))
            top = 3
        ws.cell(top, 1, table.title)
        _put(ws, top + 1, table_rows(report, table), merge=True)
        first = False
    return _save(wb, folder, "sheets.xlsx")


def hidden_junk(report: AnnualReport, folder: Path) -> Path:
    """Merged tables with a hidden column A of junk numbers in every row, a hidden junk
    row under each table's header, and a hidden first sheet holding the tables with
    other numbers: none of it is seen, none of it may be read."""
    wb = openpyxl.Workbook()
    junk = wb.active
    assert junk is not None
    junk.title = "旧数据"
    other = AnnualReport.from_json(report.to_json())
    for f in other.layout.fields():
        v = other.get(f.path)
        if isinstance(v, int) and not isinstance(v, bool):
            other.set(f.path, v + 7)
    r = 1
    junk.cell(r, 1, title(report))
    for table in other.layout.tables:
        junk.cell(r + 1, 1, table.title)
        r = _put(junk, r + 2, table_rows(other, table), merge=True) + 1
    junk.sheet_state = "hidden"
    ws = wb.create_sheet("年报")
    ws.cell(1, 2, title(report))
    r = 3
    for table in report.layout.tables:
        ws.cell(r, 2, table.title)
        start = r + 1
        r = _put(ws, start, table_rows(report, table), merge=True, shift=1)
        for rr in range(start, r):
            ws.cell(rr, 1, 9000 + rr)  # the hidden column's junk
        for c in range(2, 2 + table.width):
            ws.cell(r, c, 777)  # a hidden junk row after the table
        ws.row_dimensions[r].hidden = True
        r += 2
    ws.column_dimensions["A"].hidden = True
    wb.move_sheet("年报", offset=-1)
    wb.active = 0
    return _save(wb, folder, "hidden.xlsx")


def remarks(report: AnnualReport, folder: Path) -> Path:
    """A 备注 column right of each table: a header, and text with digits in some rows."""
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    r = 3
    for table in report.layout.tables:
        rows = table_rows(report, table)
        col = table.width + 1
        ws.cell(r + 1, col, "备注")
        for i in range(1, len(rows)):
            if i % 3 == 0:
                ws.cell(r + 1 + i, col, f"含转办{i}件")
        r += len(rows) + 2
    return _save(wb, folder, "remarks.xlsx")


def _sum_totals(report: AnnualReport) -> tuple[AnnualReport, dict[tuple[str, str, str], list]]:
    """A copy whose totals (the edition's same-row sums of whole numbers) are the sums
    of their parts, and each such total's parts."""
    out = AnnualReport.from_json(report.to_json())
    parts_of: dict[tuple[str, str, str], list] = {}
    for eq in out.layout.equations:
        if eq.op != "=" or eq.cross_year or any(t.sign != 1 for t in eq.parts):
            continue
        paths = [t.path for t in eq.parts]
        if eq.total[:2] != paths[0][:2] or any(p[:2] != eq.total[:2] for p in paths):
            continue  # a sum down a column or across rows: left as is
        values = [out.get(p) for p in paths]
        if not all(v is None or type(v) is int for v in values):
            continue
        out.set(eq.total, sum(v or 0 for v in values))
        parts_of[eq.total] = paths
    return out, parts_of


def formula_totals(report: AnnualReport, folder: Path) -> Path:
    """Each row total written as ``=SUM(…)`` of its parts' cells (openpyxl: no stored
    result; the reader computes what the spreadsheet shows). The truth's totals are the
    sums (see :func:`truth`)."""
    summed, parts_of = _sum_totals(report)
    wb = _one_sheet(summed, merge=True)
    ws = wb.active
    assert ws is not None
    r = 3
    for table in summed.layout.tables:
        rows = table_rows(summed, table)
        where = {
            c.path: (r + 1 + i, c.col + 1) for i, row in enumerate(rows) for c in row if c.path
        }
        for total, parts in parts_of.items():
            if total not in where or not all(p in where for p in parts):
                continue
            refs = ",".join(f"{get_column_letter(where[p][1])}{where[p][0]}" for p in parts)
            ws.cell(*where[total], f"=SUM({refs})")
        r += len(rows) + 2
    return _save(wb, folder, "formulas.xlsx")


def csv_export(report: AnnualReport, folder: Path) -> Path:
    """The unmerged sheet exported as CSV (UTF-8 with a byte order mark, as Excel does)."""
    wb = _one_sheet(report, merge=False)
    ws = wb.active
    assert ws is not None
    path = folder / "export.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        for row in ws.iter_rows(values_only=True):
            out.writerow(["" if v is None else v for v in row])
    return path


def number_formats(report: AnnualReport, folder: Path) -> Path:
    """Counts under an accountant's format (``#,##0;-#,##0;"-"``: thousands separated, 0
    shown as -), merges kept: read as shown (a - is a blank said, never 0 guessed)."""
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    for row in ws.iter_rows():
        for c in row:
            if type(c.value) is int:
                c.number_format = '#,##0;-#,##0;"-"'
    return _save(wb, folder, "formats.xlsx")


def csv_gbk(report: AnnualReport, folder: Path) -> Path:
    """The CSV as Excel on a Chinese Windows saves it: GBK, no byte order mark."""
    path = csv_export(report, folder)
    gbk = folder / "export-gbk.csv"
    gbk.write_bytes(path.read_text(encoding="utf-8-sig").encode("gb18030"))
    return gbk


def _utf16(
    report: AnnualReport, folder: Path, name: str, encoding: str, sep: str, mark: bool = False
) -> Path:
    path = csv_export(report, folder)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    out = folder / name
    text = ("\ufeff" if mark else "") + "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    out.write_bytes(text.encode(encoding))
    return out


def csv_utf16(report: AnnualReport, folder: Path) -> Path:
    """Excel's "Unicode text" saved as .csv: UTF-16 LE with its byte-order mark, tabs."""
    return _utf16(report, folder, "unicode.csv", "utf-16", "\t")


def csv_utf16_comma(report: AnnualReport, folder: Path) -> Path:
    """A CSV in UTF-16 LE with its byte-order mark, commas (fields with none inside)."""
    return _utf16(report, folder, "unicode-comma.csv", "utf-16", ",")


def csv_utf16_bare(report: AnnualReport, folder: Path) -> Path:
    """UTF-16 LE without a byte-order mark, tabs (a program that writes no mark)."""
    return _utf16(report, folder, "unicode-bare.csv", "utf-16-le", "\t")


def csv_utf16_be(report: AnnualReport, folder: Path) -> Path:
    """UTF-16 big-endian with its mark, tabs."""
    return _utf16(report, folder, "unicode-be.csv", "utf-16-be", "\t", mark=True)


#: The ways made with openpyxl alone (milliseconds each).
WAYS: dict[str, Way] = {
    "merged": merged,
    "unmerged": unmerged,
    "text-numbers": text_numbers,
    "reordered": reordered,
    "reordered-unmerged": reordered_unmerged,
    "sheet-per-table": sheet_per_table,
    "hidden-junk": hidden_junk,
    "remarks": remarks,
    "formula-totals": formula_totals,
    "csv": csv_export,
    "csv-gbk": csv_gbk,
    "csv-utf16": csv_utf16,
    "csv-utf16-comma": csv_utf16_comma,
    "csv-utf16-bare": csv_utf16_bare,
    "csv-utf16-be": csv_utf16_be,
    "number-formats": number_formats,
}


def truth(report: AnnualReport, way: str) -> AnnualReport:
    """What the workbook made ``way`` shows."""
    if way.startswith("formula-totals"):
        return _sum_totals(report)[0]
    return report


Job = tuple[list[Path], Path, str, "str | None"]


def soffice_convert(
    exe: str, files: list[Path], folder: Path, target: str, infilter: str | None = None
) -> list[Path]:
    """One soffice run converting ``files`` into ``folder`` (a private profile there)."""
    return soffice_convert_all(exe, [(files, folder, target, infilter)])[0]


def soffice_convert_all(exe: str, jobs: list[Job]) -> list[list[Path]]:
    """Several soffice runs at once, each (files, folder, target, input filter) with a
    private profile in its folder: the converted files of each."""
    procs = []
    for files, folder, target, infilter in jobs:
        folder.mkdir(parents=True, exist_ok=True)
        cmd = [
            exe,
            "--headless",
            f"-env:UserInstallation={(folder / 'lo-profile').resolve().as_uri()}",
        ]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target, "--outdir", str(folder), *map(str, files)]
        procs.append(
            subprocess.Popen(
                cmd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "HOME": str(folder)},
            )
        )
    for proc in procs:
        if proc.wait(timeout=300) != 0:
            raise RuntimeError(f"soffice failed ({proc.returncode})")
    return [
        [folder / f"{f.stem}.{target.split(':', 1)[0]}" for f in files]
        for files, folder, target, _ in jobs
    ]
