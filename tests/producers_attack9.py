"""Producers nobody on the project wrote: workbooks staff make by hand, CSV and Markdown
exports, and Word documents as WPS and Word edit them, beyond the other corpora.

Workbooks (openpyxl): the tables stacked in reverse order, a sheet per table in another
order, hidden or collapsed rows and an autofilter hiding stale copies of rows, a hidden
column of last year's numbers, number formats that write a unit, numbers typed as text
with thousands separators, full-width digits or a measure word, an extra 其中 sub-row,
last year's and this year's columns side by side. Text: CSV with ``;`` and thousands
separators, TSV, Markdown with ``<br>`` in wrapped labels. Word: tracked changes (the
old number deleted, the new inserted) and numbers in fields.

Each producer is ``(report, folder) -> path`` and shows the report's own numbers;
:data:`TRUTH` gives what a producer shows where that differs from the report.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from docx_structures import reshape_docx
from producers import docx
from zfxxgk import AnnualReport
from zfxxgk.published.export import GridCell, table_rows, title

Producer = Callable[[AnnualReport, Path], Path]
Rows = list[list[GridCell]]

FULLWIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


def _number(text: str) -> object:
    try:
        d = Decimal(text)
    except ArithmeticError:
        return text
    return int(d) if d == d.to_integral_value() and "." not in text else float(d)


def _stale(text: str, bump: int = 3) -> str:
    """Another number for a value cell's text (last year's, a draft's)."""
    try:
        d = Decimal(text)
    except ArithmeticError:
        return text
    return str(d + bump)


def _put(
    ws: Worksheet,
    top: int,
    rows: Rows,
    *,
    value: Callable[[GridCell], object] = lambda c: _number(c.text),
    fmt: Callable[[GridCell], str | None] = lambda c: None,
    col_of: Callable[[int], int] = lambda c: c + 1,
    hidden_copy: Callable[[int, list[GridCell]], bool] = lambda i, r: False,
    hide: Callable[[Worksheet, int], None] | None = None,
) -> int:
    """Write rows at ``top``; merges kept. ``hidden_copy(i, row)``: write a stale copy
    of the row just above it, hidden by ``hide``. Returns the next free row."""
    r = top
    spans: list[tuple[int, int, int, int]] = []
    for i, row in enumerate(rows):
        if hide is not None and hidden_copy(i, row) and not any(c.rowspan > 1 for c in row):
            for cell in row:
                v = cell.text if cell.label else _number(_stale(cell.text)) if cell.text else None
                ws.cell(r, col_of(cell.col), v or None)
            hide(ws, r)
            r += 1
        for cell in row:
            c = col_of(cell.col)
            if cell.label or not cell.text:
                ws.cell(r, c, cell.text or None)
            else:
                ws.cell(r, c, value(cell))
                f = fmt(cell)
                if f:
                    ws.cell(r, c).number_format = f
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append((r, c, cell.rowspan, col_of(cell.col + cell.colspan - 1) - c + 1))
        r += 1
    # merges over rows must stay whole when hidden copies were put between them
    for r0, c0, rs, cs in spans:
        ws.merge_cells(start_row=r0, start_column=c0, end_row=r0 + rs - 1, end_column=c0 + cs - 1)
    return r


def _save(wb: openpyxl.Workbook, folder: Path, name: str) -> Path:
    path = folder / name
    wb.save(path)
    return path


def _sheet(report: AnnualReport, order: list[int] | None = None, **put: Any) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "年报"
    ws.cell(1, 1, title(report))
    r = 3
    tables = report.layout.tables
    for k in order or range(len(tables)):
        table = tables[k]
        ws.cell(r, 1, table.title)
        r = _put(ws, r + 1, table_rows(report, table), **put) + 1
    return wb


# ---- workbooks -------------------------------------------------------------------------


def wb_reversed(report: AnnualReport, folder: Path) -> Path:
    """The three tables stacked on one sheet in reverse order (四, 三, 二)."""
    n = len(report.layout.tables)
    return _save(_sheet(report, list(range(n))[::-1]), folder, "reversed.xlsx")


def wb_sheets_shuffled(report: AnnualReport, folder: Path) -> Path:
    """A sheet per table (Sheet1, Sheet2 …) holding 四, 二, 三 in that order, no titles
    but each table's own heading."""
    wb = openpyxl.Workbook()
    tables = report.layout.tables
    order = [len(tables) - 1, *range(len(tables) - 1)]
    for i, k in enumerate(order):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = f"Sheet{i + 1}"
        ws.cell(1, 1, tables[k].title)
        _put(ws, 2, table_rows(report, tables[k]))
    return _save(wb, folder, "shuffled.xlsx")


def _hide_row(ws: Worksheet, r: int) -> None:
    ws.row_dimensions[r].hidden = True


def _outline_row(ws: Worksheet, r: int) -> None:
    ws.row_dimensions[r].outline_level = 1
    ws.row_dimensions[r].hidden = True


def _with_values(i: int, row: list[GridCell]) -> bool:
    return any(not c.label and c.text for c in row)


def wb_hidden_stale_rows(report: AnnualReport, folder: Path) -> Path:
    """Above each row with values, a hidden copy of it holding other numbers (a draft's,
    hidden instead of deleted)."""
    return _save(
        _sheet(report, hidden_copy=_with_values, hide=_hide_row), folder, "stale-rows.xlsx"
    )


def wb_outline_collapsed(report: AnnualReport, folder: Path) -> Path:
    """The stale copies grouped (outline level 1) and the groups collapsed."""
    wb = _sheet(report, hidden_copy=_with_values, hide=_outline_row)
    ws = wb.active
    assert ws is not None
    ws.sheet_properties.outlinePr.summaryBelow = False
    return _save(wb, folder, "outline.xlsx")


def wb_autofilter(report: AnnualReport, folder: Path) -> Path:
    """An autofilter over the sheet; the stale copies filtered out (hidden rows)."""
    wb = _sheet(report, hidden_copy=_with_values, hide=_hide_row)
    ws = wb.active
    assert ws is not None
    ws.auto_filter.ref = f"A4:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
    return _save(wb, folder, "filter.xlsx")


def wb_hidden_last_year_col(report: AnnualReport, folder: Path) -> Path:
    """A sheet per table; a hidden column before each value column holding last year's
    number for it."""
    wb = openpyxl.Workbook()
    for k, table in enumerate(report.layout.tables):
        ws = wb.active if k == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = table.title.split("、", 1)[0]
        rows = table_rows(report, table)
        value_cols = sorted({c.col for row in rows for c in row if not c.label})
        first = value_cols[0] if value_cols else table.width

        def col_of(c: int, vc: list[int] = value_cols, first: int = first) -> int:
            # every value column gets a column before it; labels stay left
            return c + 1 + (sum(1 for v in vc if v <= c) if c >= first else 0)

        ws.cell(1, 1, table.title)
        _put(ws, 2, rows, col_of=col_of)
        for i, row in enumerate(rows):
            for cell in row:
                if not cell.label and cell.text:
                    ws.cell(2 + i, col_of(cell.col) - 1, _number(_stale(cell.text, 5)))
        for v in value_cols:
            letter = openpyxl.utils.get_column_letter(col_of(v) - 1)
            ws.column_dimensions[letter].hidden = True
    return _save(wb, folder, "hidden-col.xlsx")


def _is_count(cell: GridCell) -> bool:
    return re.fullmatch(r"-?\d+", cell.text) is not None


def wb_unit_format(report: AnnualReport, folder: Path) -> Path:
    """Whole numbers under a format that writes a measure word: ``0"件"`` (12件)."""
    wb = _sheet(report, fmt=lambda c: '0"件"' if _is_count(c) else None)
    return _save(wb, folder, "unit-format.xlsx")


def wb_wan_format(report: AnnualReport, folder: Path) -> Path:
    """Whole numbers of 10000 or more under ``0.0,"万"``-like formats as clerks write
    them: ``#,##0`` below; shown in 万 above (``0!.0,"万"``: 12345 → 1.2万)."""

    def fmt(c: GridCell) -> str | None:
        if _is_count(c) and abs(int(c.text)) >= 10000:
            return '0!.0,"万"'
        return "#,##0" if _is_count(c) else None

    return _save(_sheet(report, fmt=fmt), folder, "wan.xlsx")


def wb_paren_negatives(report: AnnualReport, folder: Path) -> Path:
    """Whole numbers under ``0;[红色](0)``: a negative shown red in brackets, no sign."""
    wb = _sheet(report, fmt=lambda c: "0;[Red](0);0" if _is_count(c) else None)
    return _save(wb, folder, "paren.xlsx")


def wb_text_thousands(report: AnnualReport, folder: Path) -> Path:
    """Numbers typed as text with thousands separators (1,234,567)."""

    def value(c: GridCell) -> object:
        return f"{int(c.text):,}" if _is_count(c) else c.text

    return _save(_sheet(report, value=value, fmt=lambda c: "@"), folder, "thousands.xlsx")


def wb_text_fullwidth(report: AnnualReport, folder: Path) -> Path:
    """Numbers typed with a Chinese input method: full-width digits, as text."""
    wb = _sheet(report, value=lambda c: c.text.translate(FULLWIDTH), fmt=lambda c: "@")
    return _save(wb, folder, "fullwidth.xlsx")


def wb_text_units(report: AnnualReport, folder: Path) -> Path:
    """Counts typed with a measure word (12件) as text."""
    wb = _sheet(report, value=lambda c: f"{c.text}件" if _is_count(c) else c.text)
    return _save(wb, folder, "units.xlsx")


def _qizhong(rows: Rows, width: int) -> Rows:
    """After every row with a total-like label and values, a 其中 sub-row of the same
    shape holding part of its numbers (one in three of them)."""
    out: Rows = []
    for i, row in enumerate(rows):
        out.append(row)
        labels = [c for c in row if c.label and c.role == "row"]
        values = [c for c in row if not c.label]
        if i % 3 != 1 or not labels or not values or any(c.rowspan > 1 for c in row):
            continue
        first = min(c.col for c in values)
        sub = [GridCell(col=0, text="其中：网上申请", colspan=first)]
        for c in values:
            part = c.text
            if _is_count(c):
                part = str(int(c.text) // 3)
            sub.append(GridCell(col=c.col, text=part, colspan=c.colspan, label=False))
        out.append(sub)
    return out


def wb_qizhong(report: AnnualReport, folder: Path) -> Path:
    """An extra 其中 sub-row (a third of the row above) under some rows of values."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, title(report))
    r = 3
    for table in report.layout.tables:
        ws.cell(r, 1, table.title)
        r = _put(ws, r + 1, _qizhong(table_rows(report, table), table.width)) + 1
    return _save(wb, folder, "qizhong.xlsx")


def _two_years(rows: Rows, year: int) -> Rows:
    """Each value column doubled: last year's number, then this year's; a header row
    上年/本年 under the column headers (the first row with values starts the body)."""
    value_cols = sorted({c.col for row in rows for c in row if not c.label})
    if not value_cols:
        return rows
    first = value_cols[0]

    def at(c: int) -> int:
        return c + sum(1 for v in value_cols if v < c) if c >= first else c

    body = next(i for i, row in enumerate(rows) if any(not c.label for c in row))
    out: Rows = []
    for i, row in enumerate(rows):
        if i == body:
            out.append(
                [
                    GridCell(col=at(v) + k, text=f"{year - 1 + k}年", role="header")
                    for v in value_cols
                    for k in (0, 1)
                ]
            )
        new: list[GridCell] = []
        for c in row:
            end = at(c.col + c.colspan - 1) + (1 if c.col + c.colspan - 1 in value_cols else 0)
            if c.label:
                rs = c.rowspan + (1 if i < body < i + c.rowspan else 0)
                new.append(
                    GridCell(
                        col=at(c.col),
                        text=c.text,
                        rowspan=rs,
                        colspan=end - at(c.col) + 1,
                        role=c.role,
                    )
                )
            else:
                new.append(
                    GridCell(col=at(c.col), text=_stale(c.text, 2) if c.text else "", label=False)
                )
                new.append(GridCell(col=at(c.col) + 1, text=c.text, label=False))
        out.append(new)
    return out


def wb_two_years(report: AnnualReport, folder: Path) -> Path:
    """Last year's and this year's number side by side under each column header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, title(report))
    r = 3
    for table in report.layout.tables:
        ws.cell(r, 1, table.title)
        rows = _two_years(table_rows(report, table), report.year)
        r = _put(ws, r + 1, rows) + 1
    return _save(wb, folder, "two-years.xlsx")


def wb_remark_numbers(report: AnnualReport, folder: Path) -> Path:
    """A 备注 column right of each table holding bare numbers in some rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, title(report))
    r = 3
    for table in report.layout.tables:
        ws.cell(r, 1, table.title)
        rows = table_rows(report, table)
        top = r + 1
        r = _put(ws, top, rows) + 1
        ws.cell(top, table.width + 1, "备注")
        for i in range(1, len(rows)):
            if i % 2:
                ws.cell(top + i, table.width + 1, 10 + i)
    return _save(wb, folder, "remark-numbers.xlsx")


def wb_date_format(report: AnnualReport, folder: Path) -> Path:
    """Every third count under a date format (Excel made ``3-5`` a date once, the
    column kept it): 12 shows as 1900-01-12, no number."""
    seen = [0]

    def fmt(c: GridCell) -> str | None:
        if not _is_count(c) or int(c.text) < 1:
            return None
        seen[0] += 1
        return "yyyy-mm-dd" if seen[0] % 3 == 0 else None

    return _save(_sheet(report, fmt=fmt), folder, "dates.xlsx")


def wb_percent_format(report: AnnualReport, folder: Path) -> Path:
    """Every third count under ``0%`` (a column formatted for its 占比 once): 5 shows
    as 500%."""
    seen = [0]

    def fmt(c: GridCell) -> str | None:
        if not _is_count(c) or int(c.text) < 1:
            return None
        seen[0] += 1
        return "0%" if seen[0] % 3 == 0 else None

    return _save(_sheet(report, fmt=fmt), folder, "percent.xlsx")


def wb_zero_hidden_format(report: AnnualReport, folder: Path) -> Path:
    """Counts under ``0;-0;;@`` (the clerk's way to hide zeros): a 0 shows nothing."""
    wb = _sheet(report, fmt=lambda c: "0;-0;;@" if _is_count(c) else None)
    return _save(wb, folder, "zero-format.xlsx")


def wb_show_zeros_off(report: AnnualReport, folder: Path) -> Path:
    """The sheet's "show a zero in cells that have zero value" turned off."""
    wb = _sheet(report)
    ws = wb.active
    assert ws is not None
    ws.sheet_view.showZeros = False
    return _save(wb, folder, "no-zeros.xlsx")


def _two_reports(report: AnnualReport, folder: Path, last_first: bool) -> Path:
    from hostile_producers import _shifted

    wb = openpyxl.Workbook()
    both = [_shifted(report), report] if last_first else [report, _shifted(report)]
    for k, rep in enumerate(both):
        ws = wb.active if k == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = f"{rep.year}年"
        ws.cell(1, 1, title(rep))
        r = 3
        for table in rep.layout.tables:
            ws.cell(r, 1, table.title)
            r = _put(ws, r + 1, table_rows(rep, table)) + 1
    return _save(wb, folder, "two-reports.xlsx")


def wb_last_year_sheet_first(report: AnnualReport, folder: Path) -> Path:
    """Last year's report (other numbers) on the first sheet, this year's on the second."""
    return _two_reports(report, folder, True)


def wb_last_year_sheet_after(report: AnnualReport, folder: Path) -> Path:
    """This year's report on the first sheet, last year's on the second."""
    return _two_reports(report, folder, False)


def wb_covered_junk(report: AnnualReport, folder: Path) -> Path:
    """Merged label cells whose covered cells still hold numbers (a merge made over
    filled cells keeps them in the file; Excel shows the first cell only)."""
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, title(report))
    r = 3
    merges: list[str] = []
    for table in report.layout.tables:
        ws.cell(r, 1, table.title)
        top = r + 1
        rows = table_rows(report, table)
        for i, row in enumerate(rows):
            for cell in row:
                rr, cc = top + i, cell.col + 1
                if cell.label or not cell.text:
                    ws.cell(rr, cc, cell.text or None)
                else:
                    ws.cell(rr, cc, _number(cell.text))
                if cell.rowspan > 1 or cell.colspan > 1:
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            if dr or dc:
                                ws.cell(rr + dr, cc + dc, 900 + i + dc)
                    end = openpyxl.utils.get_column_letter(cc + cell.colspan - 1)
                    merges.append(
                        f"{openpyxl.utils.get_column_letter(cc)}{rr}:{end}{rr + cell.rowspan - 1}"
                    )
        r = top + len(rows) + 1
    plain = _save(wb, folder, "plain.xlsx")
    out = folder / "covered.xlsx"
    refs = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>",
                    f'</sheetData><mergeCells count="{len(merges)}">{refs}</mergeCells>'.encode(),
                )
            zout.writestr(item, data)
    return out


def wb_struck_runs(report: AnnualReport, folder: Path) -> Path:
    """Each number typed as rich text after its old value struck through (the clerk's
    hand-made tracked change: ~~12~~15), every other number plain."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    seen = [0]

    def value(c: GridCell) -> object:
        seen[0] += 1
        if seen[0] % 2 or not re.fullmatch(r"-?[\d.]+", c.text):
            return _number(c.text)
        return CellRichText(
            [TextBlock(InlineFont(strike=True), _stale(c.text, 3)), TextBlock(InlineFont(), c.text)]
        )

    return _save(_sheet(report, value=value), folder, "struck.xlsx")


def wb_struck_cells(report: AnnualReport, folder: Path) -> Path:
    """A struck-through copy of each row with values above it (last year's figures
    struck out, left in): every cell of it struck, none hidden."""

    def copy(ws: Worksheet, r: int) -> None:
        from openpyxl.styles import Font

        for cell in ws[r]:
            cell.font = Font(strike=True)

    return _save(_sheet(report, hidden_copy=_with_values, hide=copy), folder, "struck-rows.xlsx")


# ---- text ------------------------------------------------------------------------------


def _full_grid(rows: Rows, width: int) -> list[list[str]]:
    grid = [[""] * width for _ in rows]
    for i, row in enumerate(rows):
        for c in row:
            grid[i][c.col] = c.text
    return grid


def _lines(report: AnnualReport, reverse: bool = False) -> list[list[str]]:
    out: list[list[str]] = [[title(report)], []]
    tables = report.layout.tables
    for table in tables[::-1] if reverse else tables:
        out.append([table.title])
        out += _full_grid(table_rows(report, table), table.width)
        out.append([])
    return out


def csv_semicolon(report: AnnualReport, folder: Path) -> Path:
    """A CSV of ``;`` (Excel in a European locale) with a BOM; counts with thousands
    separators (1,234,567)."""
    path = folder / "semicolon.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        for fields in _lines(report):
            out.writerow([f"{int(f):,}" if re.fullmatch(r"\d+", f) else f for f in fields])
    return path


def csv_thousands(report: AnnualReport, folder: Path) -> Path:
    """A CSV of ``,``: counts shown with thousands separators, quoted as Excel quotes."""
    path = folder / "thousands.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        for fields in _lines(report):
            out.writerow([f"{int(f):,}" if re.fullmatch(r"\d+", f) else f for f in fields])
    return path


def tsv(report: AnnualReport, folder: Path) -> Path:
    """Excel's "Unicode text": tab-separated, every field, quoted where it holds a
    newline (wrapped labels, cut after their 6th character)."""
    path = folder / "export.tsv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t")
        for fields in _lines(report):
            out.writerow(
                [f[:6] + "\n" + f[6:] if len(f) > 10 and not f[0].isdigit() else f for f in fields]
            )
    return path


def md_br(report: AnnualReport, folder: Path) -> Path:
    """Markdown from an OCR tool: a full grid per table, long labels wrapped with
    ``<br>`` after their 6th character, values right-aligned (``---:``)."""
    out = [f"# {title(report)}", ""]
    for table in report.layout.tables:
        out += [f"## {table.title}", ""]
        grid = _full_grid(table_rows(report, table), table.width)
        for i, cells in enumerate(grid):
            cells = [c[:6] + "<br>" + c[6:] if len(c) > 8 else c for c in cells]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            if i == 0:
                out.append("|" + "---:|" * table.width)
        out.append("")
    path = folder / "ocr-br.md"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _excel_general(text: str) -> str:
    """A number as Excel's General format shows it in a default column (11 characters:
    123456789012 → 1.23457E+11); Excel's "save as CSV" writes what it shows."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", text) or len(text) <= 11:
        return text
    d = Decimal(text)
    if "." in text and len(text.split(".")[0]) <= 10:
        return str(round(d, 10 - len(text.split(".")[0])))
    mantissa, exp = f"{d:.5E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exp):02d}"


def csv_excel_shown(report: AnnualReport, folder: Path) -> Path:
    """Excel's "save as CSV" of the unmerged sheet: each cell as shown, big counts in
    scientific notation (1.23457E+11), long amounts rounded to fit."""
    path = folder / "shown.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        for fields in _lines(report):
            out.writerow([_excel_general(f) for f in fields])
    return path


def _cw(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def _wrap_cjk(text: str, width: int) -> list[str]:
    out, line = [], ""
    for ch in text:
        if _cw(line + ch) > width:
            out.append(line)
            line = ""
        line += ch
    return [*out, line] if line or not out else out


def txt_layout(report: AnnualReport, folder: Path) -> Path:
    """``pdftotext -layout`` of a printed report: fixed-width columns of spaces, labels
    wrapped over lines in their column (the row's values on its first line), numbers
    centred in their columns, merged labels once."""
    out = [title(report), ""]
    for table in report.layout.tables:
        out += [table.title, ""]
        grid = _full_grid(table_rows(report, table), table.width)
        widths = [min(16, max([4, *(_cw(row[c]) for row in grid)])) for c in range(table.width)]
        for row in grid:
            cells = [_wrap_cjk(row[c], widths[c]) for c in range(table.width)]
            for k in range(max(len(c) for c in cells)):
                line = ""
                for c in range(table.width):
                    text = cells[c][k] if k < len(cells[c]) else ""
                    pad = widths[c] - _cw(text)
                    line += " " * (pad // 2) + text + " " * (pad - pad // 2) + "   "
                out.append(line.rstrip())
        out.append("")
    path = folder / "layout.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _filled_grid(rows: Rows, width: int) -> list[list[str]]:
    """The rows as a full grid, a merged cell's text in every slot it covers."""
    grid = [[""] * width for _ in rows]
    for i, row in enumerate(rows):
        for c in row:
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    if i + dr < len(grid) and c.col + dc < width:
                        grid[i + dr][c.col + dc] = c.text
    return grid


def md_filled_spans(report: AnnualReport, folder: Path) -> Path:
    """Markdown from a document converter (docling, markitdown): a pipe table per table,
    a merged cell's text repeated in every slot it covers."""
    out = [f"# {title(report)}", ""]
    for table in report.layout.tables:
        out += [f"## {table.title}", ""]
        grid = _filled_grid(table_rows(report, table), table.width)
        for i, cells in enumerate(grid):
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            if i == 0:
                out.append("|" + "---|" * table.width)
        out.append("")
    path = folder / "filled.md"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def wb_unmerged_filled(report: AnnualReport, folder: Path) -> Path:
    """Every merge undone and its text filled into each cell it covered (the clerk's
    "unmerge, then fill down and right" before sorting)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, title(report))
    r = 3
    for table in report.layout.tables:
        ws.cell(r, 1, table.title)
        grid = _filled_grid(table_rows(report, table), table.width)
        for i, cells in enumerate(grid):
            for c, text in enumerate(cells):
                ws.cell(r + 1 + i, c + 1, _number(text) if text else None)
        r += len(grid) + 2
    return _save(wb, folder, "filled.xlsx")


def tab_reversed(report: AnnualReport, folder: Path) -> Path:
    """A table pasted as tab text, the three tables in reverse order (四, 三, 二)."""
    lines = ["\t".join(fields) for fields in _lines(report, reverse=True)]
    path = folder / "reversed.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _md_of(report: AnnualReport, value: Callable[[str], str], name: str, folder: Path) -> Path:
    """Plain Markdown pipe tables, each value cell's text made by ``value``."""
    out = [f"# {title(report)}", ""]
    for table in report.layout.tables:
        out += [f"## {table.title}", ""]
        rows = table_rows(report, table)
        grid = [[""] * table.width for _ in rows]
        for i, row in enumerate(rows):
            for c in row:
                grid[i][c.col] = value(c.text) if not c.label and c.text else c.text
        for i, cells in enumerate(grid):
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            if i == 0:
                out.append("|" + "---|" * table.width)
        out.append("")
    path = folder / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _wrapped_number(text: str) -> str:
    """A number of 7 or more characters wrapped in a narrow column after its 4th."""
    return f"{text[:4]}<br>{text[4:]}" if len(text) >= 7 else text


def md_wrapped_numbers(report: AnnualReport, folder: Path) -> Path:
    """OCR Markdown of a print whose narrow columns wrapped long numbers: 1234<br>567."""
    return _md_of(report, _wrapped_number, "wrapped.md", folder)


def _space_thousands(text: str) -> str:
    if not re.fullmatch(r"-?\d+", text):
        return text
    return f"{int(text):,}".replace(",", " ")


def md_space_thousands(report: AnnualReport, folder: Path) -> Path:
    """Counts grouped by thousands with spaces (1 234 567), as some typesetters do."""
    return _md_of(report, _space_thousands, "spaces.md", folder)


def _bracket_negative(text: str) -> str:
    return f"({text[1:]})" if re.fullmatch(r"-\d+", text) else text


def md_bracket_negatives(report: AnnualReport, folder: Path) -> Path:
    """Negative numbers written in brackets, the accountant's way: (5) for -5."""
    return _md_of(report, _bracket_negative, "brackets.md", folder)


def _fullwidth_bracket_negative(text: str) -> str:
    return f"（{text[1:]}）" if re.fullmatch(r"-\d+", text) else text


def md_fullwidth_bracket_negatives(report: AnnualReport, folder: Path) -> Path:
    """Negative numbers in full-width brackets: （5） for -5."""
    return _md_of(report, _fullwidth_bracket_negative, "brackets2.md", folder)


def _decrease_word(text: str) -> str:
    return f"减少{text[1:]}" if re.fullmatch(r"-\d+", text) else text


def md_decrease_words(report: AnnualReport, folder: Path) -> Path:
    """Negative numbers written as a decrease: 减少5 for -5."""
    return _md_of(report, _decrease_word, "decrease.md", folder)


def wb_wrapped_numbers(report: AnnualReport, folder: Path) -> Path:
    """Long numbers typed as text with a line break (Alt+Enter) to fit a narrow column."""

    def value(c: GridCell) -> object:
        return f"{c.text[:4]}\n{c.text[4:]}" if len(c.text) >= 7 else _number(c.text)

    return _save(_sheet(report, value=value), folder, "wrapped.xlsx")


def wb_bracket_negatives(report: AnnualReport, folder: Path) -> Path:
    """Negative numbers typed as text in brackets: (5) for -5."""
    return _save(
        _sheet(report, value=lambda c: _number(_bracket_negative(c.text))), folder, "brackets.xlsx"
    )


def md_footnote_marks(report: AnnualReport, folder: Path) -> Path:
    """Markdown whose numbers carry a footnote mark in HTML: 12<sup>1</sup>."""
    return _md_of(report, lambda t: f"{t}<sup>1</sup>", "sup.md", folder)


def md_comments(report: AnnualReport, folder: Path) -> Path:
    """Markdown whose cells keep the old number in an HTML comment: 15<!-- 12 -->."""
    return _md_of(report, lambda t: f"{t}<!-- {_stale(t, 3)} -->", "comments.md", folder)


def md_hidden_spans(report: AnnualReport, folder: Path) -> Path:
    """Markdown whose cells hold the old number in a hidden span (a CMS's export)."""
    return _md_of(
        report,
        lambda t: f'{t}<span style="display:none">{_stale(t, 3)}</span>',
        "hidden.md",
        folder,
    )


# ---- Word ------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _value_runs(body: Any) -> list[Any]:
    """The runs of table cells whose text is a number."""
    out = []
    for t in body.iter(_w("t")):
        if re.fullmatch(r"-?[\d.]+", t.text or ""):
            out.append(t.getparent())
    return out


def _tracked(body: Any) -> None:
    from lxml import etree

    for k, run in enumerate(_value_runs(body)):
        t = run.find(_w("t"))
        old = _stale(t.text, 1 + k % 7)
        deleted = etree.Element(_w("del"), {_w("id"): str(1000 + 2 * k), _w("author"): "a"})
        drun = etree.SubElement(deleted, _w("r"))
        for pr in run.findall(_w("rPr")):
            drun.append(etree.fromstring(etree.tostring(pr)))
        etree.SubElement(drun, _w("delText")).text = old
        inserted = etree.Element(_w("ins"), {_w("id"): str(1001 + 2 * k), _w("author"): "a"})
        parent = run.getparent()
        at = parent.index(run)
        parent.insert(at, deleted)
        parent.remove(run)
        inserted.append(run)
        parent.insert(at + 1, inserted)


def _fields(body: Any) -> None:
    from lxml import etree

    for k, run in enumerate(_value_runs(body)):
        t = run.find(_w("t"))
        parent = run.getparent()
        at = parent.index(run)

        def fld(kind: str) -> Any:
            r = etree.Element(_w("r"))
            etree.SubElement(r, _w("fldChar"), {_w("fldCharType"): kind})
            return r

        instr = etree.Element(_w("r"))
        etree.SubElement(instr, _w("instrText")).text = f" = {k + 7} + {t.text} - {k + 7} "
        for i, el in enumerate((fld("begin"), instr, fld("separate"))):
            parent.insert(at + i, el)
        parent.insert(parent.index(run) + 1, fld("end"))


def _nested_years(body: Any) -> None:
    """Each value cell split by a table inside it: this year's number beside last
    year's (a cell of 本年 | 上年), as a clerk splits a cell in WPS."""
    from lxml import etree

    for run in _value_runs(body):
        p = run.getparent()
        tc = p.getparent()
        if tc is None or tc.tag != _w("tc"):
            continue
        t = run.find(_w("t"))
        inner = etree.SubElement(tc, _w("tbl"))
        etree.SubElement(inner, _w("tblPr"))
        grid = etree.SubElement(inner, _w("tblGrid"))
        for _ in range(2):
            etree.SubElement(grid, _w("gridCol"), {_w("w"): "400"})
        tr = etree.SubElement(inner, _w("tr"))
        for text in (t.text, _stale(t.text, 4)):
            cell = etree.SubElement(tr, _w("tc"))
            para = etree.SubElement(etree.SubElement(cell, _w("p")), _w("r"))
            etree.SubElement(para, _w("t")).text = text
        p.remove(run)
        tc.remove(p)
        tc.append(p)  # a cell ends with a paragraph


def _nobreak_hyphen(body: Any) -> None:
    """Each negative number's minus typed as Word's non-breaking hyphen
    (``w:noBreakHyphen``, Ctrl+Shift+-): Word shows -5."""
    from lxml import etree

    for run in _value_runs(body):
        t = run.find(_w("t"))
        if not t.text.startswith("-"):
            continue
        t.text = t.text[1:]
        t.addprevious(etree.Element(_w("noBreakHyphen")))


def _broken_numbers(body: Any) -> None:
    """Each number of 7 or more characters broken by a line break (``w:br``) after its
    4th, to fit a narrow column: Word shows 1234 above 567."""
    from lxml import etree

    for run in _value_runs(body):
        t = run.find(_w("t"))
        if len(t.text) < 7:
            continue
        rest = etree.Element(_w("t"))
        rest.text = t.text[4:]
        t.text = t.text[:4]
        t.addnext(rest)
        t.addnext(etree.Element(_w("br")))


def _symbol_minus(body: Any) -> None:
    """Each negative number's minus inserted from the Symbol font (Insert > Symbol:
    ``w:sym w:font="Symbol" w:char="F02D"``, a minus sign)."""
    from lxml import etree

    for run in _value_runs(body):
        t = run.find(_w("t"))
        if not t.text.startswith("-"):
            continue
        t.text = t.text[1:]
        t.addprevious(etree.Element(_w("sym"), {_w("font"): "Symbol", _w("char"): "F02D"}))


def _simple_fields(body: Any) -> None:
    """Each number the result of a simple field (``w:fldSimple``, =SUM(LEFT) or a
    formula), its code another number."""
    from lxml import etree

    for k, run in enumerate(_value_runs(body)):
        fld = etree.Element(_w("fldSimple"), {_w("instr"): f" = {k + 3} * 1 "})
        run.addprevious(fld)
        fld.append(run)


def _docx_producer(name: str, fn: Callable[[Any], None]) -> Producer:
    def make(report: AnnualReport, folder: Path) -> Path:
        out = folder / f"{name}.docx"
        reshape_docx(docx(report, folder), out, fn)
        return out

    return make


#: Every producer of this module by name.
ATTACK: dict[str, Producer] = {
    "wb-reversed": wb_reversed,
    "wb-sheets-shuffled": wb_sheets_shuffled,
    "wb-hidden-stale-rows": wb_hidden_stale_rows,
    "wb-outline-collapsed": wb_outline_collapsed,
    "wb-autofilter": wb_autofilter,
    "wb-hidden-last-year-col": wb_hidden_last_year_col,
    "wb-unit-format": wb_unit_format,
    "wb-wan-format": wb_wan_format,
    "wb-paren-negatives": wb_paren_negatives,
    "wb-text-thousands": wb_text_thousands,
    "wb-text-fullwidth": wb_text_fullwidth,
    "wb-text-units": wb_text_units,
    "wb-qizhong": wb_qizhong,
    "wb-two-years": wb_two_years,
    "wb-remark-numbers": wb_remark_numbers,
    "wb-date-format": wb_date_format,
    "wb-percent-format": wb_percent_format,
    "wb-zero-hidden-format": wb_zero_hidden_format,
    "wb-show-zeros-off": wb_show_zeros_off,
    "wb-last-year-sheet-first": wb_last_year_sheet_first,
    "wb-last-year-sheet-after": wb_last_year_sheet_after,
    "wb-covered-junk": wb_covered_junk,
    "wb-unmerged-filled": wb_unmerged_filled,
    "md-filled-spans": md_filled_spans,
    "tab-reversed": tab_reversed,
    "md-wrapped-numbers": md_wrapped_numbers,
    "md-space-thousands": md_space_thousands,
    "md-bracket-negatives": md_bracket_negatives,
    "md-fullwidth-bracket-negatives": md_fullwidth_bracket_negatives,
    "md-decrease-words": md_decrease_words,
    "wb-wrapped-numbers": wb_wrapped_numbers,
    "wb-bracket-negatives": wb_bracket_negatives,
    "wb-struck-runs": wb_struck_runs,
    "wb-struck-cells": wb_struck_cells,
    "md-footnote-marks": md_footnote_marks,
    "md-comments": md_comments,
    "md-hidden-spans": md_hidden_spans,
    "csv-semicolon": csv_semicolon,
    "csv-excel-shown": csv_excel_shown,
    "txt-layout": txt_layout,
    "csv-thousands": csv_thousands,
    "tsv": tsv,
    "md-br": md_br,
    "docx-tracked": _docx_producer("tracked", _tracked),
    "docx-fields": _docx_producer("fields", _fields),
    "docx-nested-years": _docx_producer("nested", _nested_years),
    "docx-nobreak-hyphen": _docx_producer("hyphen", _nobreak_hyphen),
    "docx-broken-numbers": _docx_producer("broken", _broken_numbers),
    "docx-symbol-minus": _docx_producer("symbol", _symbol_minus),
    "docx-simple-fields": _docx_producer("simple", _simple_fields),
}


def reports(seed: int = 9, randoms: int = 10) -> list[tuple[str, AnnualReport]]:
    """The samples with a truth and ``randoms`` random reports of each edition."""
    from producers import random_report

    root = Path(__file__).resolve().parent / "data" / "samples"
    out = [(s.stem, AnnualReport.from_json(s.read_bytes())) for s in sorted(root.glob("*.json"))]
    rng = random.Random(seed)
    for i in range(randoms):
        for edition in ("2019", "2021"):
            out.append((f"random-{edition}-{i}", random_report(rng, edition)))
    return out
