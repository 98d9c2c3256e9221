"""The official Excel template of each edition, built with xlsxwriter from the edition data.

Every label, merge and input cell comes from :mod:`zfxxgk.core.grid`; this module only decides
how they look. Input cells are unlocked, tinted and validated; total cells hold live
formulas so that a person filling by hand sees them update; every sheet is protected
without a password, so labels cannot be typed over by accident but anyone may unprotect.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import xlsxwriter

from zfxxgk.core.editions import get_edition
from zfxxgk.core.grid import Placement, Span, place_cover, place_table
from zfxxgk.core.labels import display_width
from zfxxgk.core.layout import Edition, Equation, FieldPath, Kind, Table
from zfxxgk.errors import InputNotFoundError
from zfxxgk.workbook.checkarea import (
    BAD,
    CHECK_HEADER,
    OK,
    UNKNOWN,
    check_area_top,
    check_rows,
    total_marks,
)
from zfxxgk.workbook.formulas import NO_STANDINS, Standins, standin_refs, total_formula
from zfxxgk.xlsx.atomic import atomic_path
from zfxxgk.xlsx.numbers import MAX_EXACT_INT
from zfxxgk.xlsx.suffix import require_suffix

FONT = "宋体"
INPUT_FILL = "#FFF2CC"  # light yellow: type here
TOTAL_FILL = "#DDEBF7"  # light blue: computed
HEADER_FILL = "#F2F2F2"
#: Fixed document date, so that a rebuilt template is the same file.
CREATED = dt.datetime(2021, 9, 29, 0, 0, 0)

_STYLES: dict[str, dict[str, Any]] = {
    "sheet-title": {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"},
    "title": {
        "bold": True,
        "align": "center",
        "valign": "vcenter",
        "border": 1,
        "bg_color": HEADER_FILL,
    },
    "corner": {
        "font_size": 9,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": True,
        "border": 1,
    },
    "header": {
        "bold": True,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": True,
        "border": 1,
        "bg_color": HEADER_FILL,
    },
    "row": {"align": "left", "valign": "vcenter", "text_wrap": True, "border": 1},
    "group": {"align": "center", "valign": "vcenter", "text_wrap": True, "border": 1},
    "extra": {"bold": True, "align": "left", "valign": "vcenter", "border": 1},
    "note": {"font_size": 9, "italic": True, "valign": "vcenter", "text_wrap": True},
    "edition": {"valign": "vcenter", "text_wrap": True, "border": 1},
    "input": {
        "border": 1,
        "locked": False,
        "bg_color": INPUT_FILL,
        "align": "right",
        "valign": "vcenter",
    },
    "input-text": {
        "border": 1,
        "locked": False,
        "bg_color": INPUT_FILL,
        "align": "left",
        "valign": "vcenter",
        "num_format": "@",
    },
    "total": {
        "border": 1,
        "bg_color": TOTAL_FILL,
        "align": "right",
        "valign": "vcenter",
        "num_format": "0",
    },
    "legend": {"font_size": 9, "valign": "vcenter"},
    "check-head": {
        "bold": True,
        "align": "left",
        "valign": "vcenter",
        "border": 1,
        "bg_color": HEADER_FILL,
    },
    "check": {"font_size": 9, "align": "left", "valign": "vcenter", "text_wrap": True, "border": 1},
    "check-result": {"bold": True, "align": "center", "valign": "vcenter", "border": 1},
}
_BAD_MARK = {"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True}
_OK_MARK = {"bg_color": "#C6EFCE", "font_color": "#006100"}
_UNKNOWN_MARK = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
#: The number format of an input cell: whole numbers, any amount, or a text choice.
_NUM_FORMATS = {k: "0" if k.accepts.whole else "General" if k.accepts.number else "@" for k in Kind}

_MESSAGES: dict[Kind, tuple[str, str]] = {
    Kind.COUNT: ("填写件数", "请填写不小于 0 的整数。没有发生的填 0；留空表示未填报（不等于 0）。"),
    Kind.SIGNED: ("填写增减数", "请填写整数，减少用负数表示，如 -8。"),
    Kind.MONEY: ("填写金额", "请填写不小于 0 的数值，可带小数（最多 15 位有效数字）。"),
    Kind.UNIT: ("选择单位", "请选择“元”或“万元”。"),
}
_ERRORS: dict[Kind, str] = {
    Kind.COUNT: "请填写不小于 0 的整数。",
    Kind.SIGNED: "请填写整数，减少用负数表示。",
    Kind.MONEY: "请填写不小于 0 的金额。",
    Kind.UNIT: "请从列表中选择单位。",
}


def _validation(kind: Kind) -> dict[str, Any]:
    """What an input cell of ``kind`` accepts (:data:`~zfxxgk.core.layout.ACCEPTS`), as
    xlsxwriter data-validation options."""
    accepts = kind.accepts
    rule: dict[str, Any]
    if not accepts.number:
        rule = {"validate": "list"}
    elif accepts.whole:
        rule = {
            "validate": "integer",
            "criteria": "between",
            "minimum": -MAX_EXACT_INT if accepts.negative else 0,
            "maximum": MAX_EXACT_INT,
        }
    else:  # an amount ≥ 0 (no kind of amount may be negative yet)
        rule = {"validate": "decimal", "criteria": ">=", "value": 0}
    return rule | {"error_message": _ERRORS[kind]}


#: What each kind of input cell accepts, as xlsxwriter data-validation options.
_RULES: dict[Kind, dict[str, Any]] = {k: _validation(k) for k in Kind}


def template_filename(edition: Edition) -> str:
    return f"annual-report-{edition.id}.xlsx"


def template_path(edition: str | int | Edition = "2021") -> Path:
    """The path of the installed official template of ``edition``.

    Raises:
        InputNotFoundError: the package was installed without its templates.
    """
    e = get_edition(edition)
    ref = importlib.resources.files("zfxxgk") / "templates" / template_filename(e)
    path = Path(str(ref))
    if not path.is_file():
        raise InputNotFoundError.of("template-missing", file=str(path), edition=e.id)
    return path


def formula_cells(edition: Edition) -> dict[FieldPath, Equation]:
    """The total cells that the blank template computes, with the sum each one holds."""
    fields = edition.field_map
    return {p: eq for p, eq in edition.computing.items() if fields[p].official}


def sum_formula(
    eq: Equation, cells: dict[FieldPath, Span], standins: Standins = NO_STANDINS
) -> str:
    """The formula of a total the template computes: blank until a part is entered,
    then ``SUM(D5:I5)``-style (a blank template prints no row of zeros)."""
    if any(t.sign != 1 for t in eq.parts):
        raise ValueError(f"{eq.rule}: only sums become template formulas")
    return total_formula(eq, cells, standins)


class TemplateBuilder:
    def __init__(self, workbook: Any, edition: Edition) -> None:
        self.wb = workbook
        self.edition = edition
        self.formats: dict[str, Any] = {}

    def fmt(self, name: str, **extra: Any) -> Any:
        key = name + repr(sorted(extra.items()))
        if key not in self.formats:
            self.formats[key] = self.wb.add_format({"font_name": FONT, **_STYLES[name], **extra})
        return self.formats[key]

    def write_label(self, ws: Any, text: str, span: Span, role: str) -> None:
        style = role
        if role == "row" and span.last_row > span.row:
            style = "group"
        if role == "corner" and display_width(text) <= 12:
            style = "header"
        if span.merged:
            ws.merge_range(span.row, span.col, span.last_row, span.last_col, text, self.fmt(style))
        else:
            ws.write_string(span.row, span.col, text, self.fmt(style))

    def input_cell(self, ws: Any, span: Span, kind: Kind) -> None:
        style = "input" if kind.accepts.number else "input-text"
        f = self.fmt(style, num_format=_NUM_FORMATS[kind])
        if span.merged:
            ws.merge_range(span.row, span.col, span.last_row, span.last_col, None, f)
        else:
            ws.write_blank(span.row, span.col, None, f)

    def validations(
        self, ws: Any, cells: Iterable[tuple[Span, Kind, str, tuple[str, ...]]]
    ) -> None:
        groups: dict[tuple[Kind, str, tuple[str, ...]], list[Span]] = {}
        for span, kind, hint, choices in cells:
            groups.setdefault((kind, hint, choices), []).append(span)
        for (kind, hint, choices), spans in groups.items():
            title, message = _MESSAGES[kind]
            if hint:
                message = f"{hint}：{message}"
            options: dict[str, Any] = {
                "input_title": title,
                "input_message": message[:255],
                "error_title": "输入有误",
                "error_type": "stop",
            }
            options |= _RULES[kind]
            if not kind.accepts.number:
                options["source"] = list(choices)
            first = spans[0]
            options["multi_range"] = " ".join(s.range_ref() if s.merged else s.ref() for s in spans)
            ws.data_validation(first.row, first.col, first.last_row, first.last_col, options)

    def sheet_setup(
        self,
        ws: Any,
        placement: Placement,
        widths: Iterable[float],
        landscape: bool,
        last_row: int | None = None,
    ) -> None:
        """Column widths, protection and printing: A4, one page wide and tall. The print
        area ends at ``last_row`` (the table's legend), so that the check area below it is
        not printed; None prints every row written."""
        for i, w in enumerate(widths):
            ws.set_column(i, i, w)
        ws.set_row(0, 28)
        ws.set_paper(9)  # A4
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.fit_to_pages(1, 1)
        if last_row is None:
            last_row = max(placement.height, ws.dim_rowmax or 0)
        ws.print_area(0, 0, last_row, placement.width - 1)
        ws.hide_gridlines(2)
        ws.protect(
            "",
            {
                "format_columns": True,
                "format_rows": True,
                "select_locked_cells": True,
                "select_unlocked_cells": True,
            },
        )

    def row_heights(self, ws: Any, placement: Placement, widths: list[float]) -> None:
        """Give wrapped labels the lines they need (spreadsheets do not grow merged rows)."""
        need: dict[int, float] = {}
        for label in placement.labels:
            if label.role in ("sheet-title",):
                continue
            width = sum(widths[label.span.col : label.span.last_col + 1]) or 10
            lines = max(1, math.ceil(display_width(label.text) / (width * 0.95)))
            rows = label.span.last_row - label.span.row + 1
            per_row = 15.0 * lines / rows
            for r in range(label.span.row, label.span.last_row + 1):
                need[r] = max(need.get(r, 18.0), per_row + 3)
        for r, h in need.items():
            ws.set_row(r, h)

    def table_sheet(self, table_index: int) -> None:
        table = self.edition.tables[table_index]
        placement = place_table(table)
        ws = self.wb.add_worksheet(placement.sheet)
        for label in placement.labels:
            self.write_label(ws, label.text, label.span, label.role)
        fields = {f.path: f for f in self.edition.fields()}
        formulas = formula_cells(self.edition)
        inputs = []
        for path, span in placement.fields.items():
            f = fields[path]
            if path in formulas:
                text = sum_formula(formulas[path], placement.fields, standin_refs(self.edition))
                fmt = self.fmt("total")
                if span.merged:
                    ws.merge_range(span.row, span.col, span.last_row, span.last_col, None, fmt)
                ws.write_formula(span.row, span.col, text, fmt, "")
            else:
                self.input_cell(ws, span, f.kind)
                inputs.append(
                    (span, f.kind, f.labels[-1] if f.kind is Kind.MONEY else "", f.choices)
                )
        self.validations(ws, inputs)
        legend_row = placement.height + 1
        ws.write_string(
            legend_row,
            0,
            "说明：黄色单元格为填报项，留空表示未填报（不等于 0）；蓝色单元格为自动合计。",
            self.fmt("legend"),
        )
        widths = list(table.column_widths)
        self.row_heights(ws, placement, widths)
        self.check_area(ws, table)
        self.sheet_setup(ws, placement, widths, table.landscape, last_row=legend_row)

    def check_area(self, ws: Any, table: Table) -> None:
        """✓/✗ per HARD rule below the table, and red marks on totals that disagree."""
        top = check_area_top(table)
        rows = check_rows(self.edition, table, top)
        if rows:
            ws.merge_range(top, 0, top, table.width - 1, CHECK_HEADER, self.fmt("check-head"))
        for row in rows:
            s = row.label_span
            ws.merge_range(s.row, s.col, s.last_row, s.last_col, row.label, self.fmt("check"))
            ws.write_formula(
                row.result.row, row.result.col, row.formula, self.fmt("check-result"), ""
            )
            ref = row.result.ref()
            ws.conditional_format(
                ref,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{BAD}"',
                    "format": self.wb.add_format(_BAD_MARK),
                },
            )
            ws.conditional_format(
                ref,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{OK}"',
                    "format": self.wb.add_format(_OK_MARK),
                },
            )
            ws.conditional_format(
                ref,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{UNKNOWN}"',
                    "format": self.wb.add_format(_UNKNOWN_MARK),
                },
            )
            ws.set_row(
                s.row,
                18
                * max(
                    1,
                    math.ceil(
                        display_width(row.label)
                        / (sum(table.column_widths[s.col : s.last_col + 1]) * 0.95)
                    ),
                ),
            )
        for span, cond in total_marks(self.edition, table):
            ws.conditional_format(
                span.ref(),
                {
                    "type": "formula",
                    "criteria": f"={cond}",
                    "format": self.wb.add_format(_BAD_MARK),
                },
            )

    def cover_sheet(self) -> None:
        placement = place_cover(self.edition)
        ws = self.wb.add_worksheet(placement.sheet)
        for label in placement.labels:
            self.write_label(ws, label.text, label.span, label.role)
        for cf in self.edition.cover:
            span = placement.fields[("cover", cf.key, "")]
            kind = Kind.COUNT if cf.kind == "year" else Kind.UNIT
            style = "input" if cf.kind == "year" else "input-text"
            fmt = self.fmt(style, num_format="0" if cf.kind == "year" else "@")
            ws.merge_range(span.row, span.col, span.last_row, span.last_col, None, fmt)
            options: dict[str, Any] = {
                "input_title": cf.label[:32],
                "input_message": (cf.hint or f"请填写{cf.label}")[:255],
            }
            if kind is Kind.COUNT:
                options |= {
                    "validate": "integer",
                    "criteria": "between",
                    "minimum": 2000,
                    "maximum": 2100,
                    "error_title": "输入有误",
                    "error_message": "请填写四位年份，如 2024。",
                }
            else:
                options |= {"validate": "any"}
            ws.data_validation(span.row, span.col, span.last_row, span.last_col, options)
        widths = [14.0, 24.0, 24.0, 24.0]
        self.row_heights(ws, placement, widths)
        for r in range(2, placement.height):
            ws.set_row(r, 24)
        note = placement.height + 1
        ws.write_string(
            note,
            0,
            "填报说明：黄色单元格为填报项；各表中没有发生的事项填 0，"
            "留空表示未填报（不等于 0）；蓝色单元格由公式自动合计。",
            self.fmt("legend"),
        )
        self.sheet_setup(ws, placement, widths, False)
        ws.activate()

    def data_sheet(self) -> None:
        ws = self.wb.add_worksheet(self.edition.data_sheet)
        ws.write_string(0, 0, "zfxxgk")
        ws.very_hidden()


def build_template(edition: str | int | Edition, out: str | os.PathLike[str]) -> Path:
    """Write the official template of ``edition`` to ``out`` (atomically) and return it."""
    e = get_edition(edition)
    require_suffix(out)
    with atomic_path(out) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {
                "default_format_properties": {"font_name": FONT, "font_size": 11},
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "in_memory": True,  # no temporary files of its own: only ours, cleaned up
            },
        )
        wb.set_properties(
            {
                "title": f"政府信息公开工作年度报告统计表（{e.id}年版）",
                "subject": f"{e.document}《{e.title}》",
                "author": "zfxxgk",
                "comments": "由 zfxxgk 生成 / generated by zfxxgk",
                "created": CREATED,
            }
        )
        wb.set_custom_property("zfxxgk-edition", e.id)
        b = TemplateBuilder(wb, e)
        b.cover_sheet()
        for i in range(len(e.tables)):
            b.table_sheet(i)
        b.data_sheet()
        try:
            wb.close()
        except xlsxwriter.exceptions.FileCreateError as exc:  # a full disk, say
            cause = exc.__context__
            raise cause if isinstance(cause, OSError) else OSError(str(exc)) from None
    return Path(out)
