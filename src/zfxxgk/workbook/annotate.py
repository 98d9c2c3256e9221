"""A copy of a workbook that shows a clerk where to look: the cell to fix, the failing
totals, and a printable 校验结果 sheet in front listing every finding.

Marks are few on purpose: the most likely wrong cell of each group of failures (strong
red), the total of each failure no likely cause explains (strong red), the totals that a
likely cause explains (a lighter red), and blank totals or parts that made a rule
unassessable (yellow). Every marked cell keeps a comment with the findings; comments do
not print, so the 校验结果 sheet says it all again, with a link to each cell.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.check import CheckResult
from zfxxgk.core.editions.common import RESULT_SHEET
from zfxxgk.core.findings import CellInfo
from zfxxgk.core.labels import display_width
from zfxxgk.core.model import AnnualReport
from zfxxgk.workbook.fill import fill
from zfxxgk.xlsx.atomic import atomic_path
from zfxxgk.xlsx.files import load
from zfxxgk.xlsx.refs import cell_ref, parse_ref
from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix

STRONG = "FFFFC7CE"  #: the cell to fix, a failing total
LIGHT = "FFFCE4E4"  #: a total whose failure a likely cause explains
UNASSESSABLE = "FFFFEB9C"
AUTHOR = "zfxxgk"
LINE_HEIGHT = 17.0  #: points per line of 11-point CJK text, as LibreOffice prints it
MAX_COMMENT = 2000
_STATUS = {"failed": "不成立", "not_assessable": "无法核对", "passed": "成立"}
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def _marks(result: CheckResult) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(sheet, cell) → (colour, comment lines), strongest colour kept."""
    rank = {STRONG: 3, LIGHT: 2, UNASSESSABLE: 1}
    out: dict[tuple[str, str], tuple[str, list[str]]] = {}

    def mark(cell: CellInfo, colour: str, text: str) -> None:
        if cell.previous or cell.sheet is None or cell.cell is None:
            return
        key = (cell.sheet, cell.cell)
        old_colour, lines = out.get(key, (colour, []))
        best = colour if rank[colour] >= rank[old_colour] else old_colour
        out[key] = (best, [*lines, text])

    explained = {i for cause in result.likely for i in cause.explains}
    for cause in result.likely:
        mark(cause.cell, STRONG, cause.message_zh)
    for i, finding in enumerate(result.findings):
        if finding.status == "passed" or not finding.cells:
            continue
        first = finding.cells[0]
        text = f"{finding.rule} {finding.message_zh}"
        if finding.status == "not_assessable":
            for cell in finding.cells:
                if cell.value is None:
                    mark(cell, UNASSESSABLE, text)
                    break
            continue
        if finding.note.code == "check-text-numbers":
            for cell in finding.cells:  # numbers a spreadsheet's SUM skips
                mark(cell, UNASSESSABLE, text)
            continue
        if finding.note.code == "check-column-blank":
            for cell in _run(first, finding.absent):
                mark(cell, UNASSESSABLE, text)
            continue
        if finding.rule.startswith("RX-") or finding.rule.endswith("-BLANK"):
            continue  # about the whole report or a whole table: said on the result sheet
        mark(first, LIGHT if i in explained else STRONG, text)
    return out


def _run(first: CellInfo, absent: tuple[str, ...]) -> list[CellInfo]:
    """The cells of a blank column that a finding names as ``'sheet'!D5…D29``."""
    if first.cell is None or not absent or "…" not in absent[0]:
        return [first]
    start, last = parse_ref(first.cell), parse_ref(absent[0].rpartition("…")[2])
    if start is None or last is None or start[1] != last[1]:
        return [first]
    return [attrs.evolve(first, cell=cell_ref(r, start[1])) for r in range(start[0], last[0] + 1)]


def _result_rows(result: CheckResult) -> list[tuple[str, str, str, str, list[str]]]:
    """(kind, rule, status, message, cells) for the result sheet, likely causes first."""
    rows: list[tuple[str, str, str, str, list[str]]] = [
        ("最可能出错", "", "", c.message_zh, [c.cell.ref or c.cell.field]) for c in result.likely
    ]
    for f in result.issues:
        refs = [c.ref for c in f.cells if c.ref and not c.previous]
        rows.append((_SEVERITY[f.severity], f.rule, _STATUS[f.status], f.message_zh, refs))
    return rows


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide."""
    per_line = max(1.0, width * 0.95 - 1)
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))


def _as_text(cells: Any) -> None:
    """Keep text as text: an agency or a message that starts with = is never a formula."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _result_sheet(wb: Any, result: CheckResult) -> None:
    """A visible, printable first sheet listing each finding with links to its cells."""
    from openpyxl.styles import Alignment, Font

    if RESULT_SHEET in wb.sheetnames:
        del wb[RESULT_SHEET]
    ws = wb.create_sheet(RESULT_SHEET, 0)
    head = f"{result.agency or '（报告单位未填）'} {result.year or ''}年度 {result.edition} 版式"
    c = result.counts
    ws.append(["勾稽关系校验结果", head.strip()])
    _as_text(ws[1])
    verdict = "未填报" if result.unreported else ("通过" if result.ok else "有错误")
    ws.append(
        [
            "结论",
            f"{verdict}：{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 个提示；"
            f"未填写的填报单元格 {result.blank_inputs} 个",
        ]
    )
    ws.append([])
    ws.append(["类别", "规则", "状态", "说明", "单元格"])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    ws["A1"].font = Font(bold=True, size=14)
    for kind, rule, status, message, refs in _result_rows(result):
        ws.append([kind, rule, status, message, "\n".join(refs)])  # one cell a line
        _as_text(ws[ws.max_row])
        if refs:
            # a linked cell prints on one line: with several cells the rule is the link
            link = ws.cell(row=ws.max_row, column=5 if len(refs) == 1 else 2)
            sheet, _, ref = refs[0].rpartition("!")
            link.hyperlink = f"#{sheet}!{ref}"
            link.font = Font(color="FF0563C1", underline="single")
    if not result.issues:
        ws.append(["", "", "", "全部通过", ""])
    widths = (10, 20, 10, 80, 30)
    for col, width in zip("ABCDE", widths, strict=True):
        ws.column_dimensions[col].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=header_row):
        for cell in row:
            cell.alignment = wrap
        # a program that prints does not grow a row to its wrapped text: say how tall
        lines = max(_lines(str(c.value or ""), widths[i]) for i, c in enumerate(row[:5]))
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 3
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False


def annotate(
    result: CheckResult,
    report: AnnualReport,
    out: str | os.PathLike[str],
    source: str | os.PathLike[str] | None = None,
) -> Path:
    """Write ``out``: the source workbook (or, for JSON input, the filled template) with
    the likely wrong cells and the failing totals marked and commented, and a 校验结果
    sheet in front. The source is untouched; ``out`` is replaced atomically."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    macros = source is not None and Path(source).suffix.lower() == XLSM
    require_suffix(out, (XLSX, XLSM) if macros else (XLSX,))
    protect: tuple[str | os.PathLike[str], ...] = (source,) if source is not None else ()
    with tempfile.TemporaryDirectory() as tmp:
        base = fill(report, Path(tmp) / "filled.xlsx") if source is None else Path(source)
        wb = load(base)
        for (sheet, ref), (colour, lines) in _marks(result).items():
            if sheet not in wb.sheetnames:
                continue
            cell: Any = wb[sheet][ref]
            cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
            text = "\n".join(dict.fromkeys(lines))
            if len(text) > MAX_COMMENT:
                text = text[: MAX_COMMENT - 1] + "…"
            cell.comment = Comment(text, AUTHOR, width=320, height=160)
        _result_sheet(wb, result)
        with atomic_path(out, protect=protect) as target:
            wb.save(target)
    return Path(out)
