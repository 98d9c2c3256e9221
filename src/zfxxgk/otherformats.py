"""Reading .xls and .ods workbooks through python-calamine, into the same sheet form.

These formats are read for their values only: a formula's stored result is what calamine
gives, and formulas without a result cannot be told from blanks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import WorkbookFormatError
from .xlsxread import MAX_COLS, MAX_ROWS, Sheet


def _value(v: Any) -> Any:
    if v == "" or v is None:
        return None
    if isinstance(v, dt.timedelta):
        return str(v)
    return v


def read_other(path: Path, kind: str) -> dict[str, Sheet]:
    """The sheets of an .xls (``kind="xls"``) or .ods file.

    Raises:
        WorkbookFormatError: calamine cannot read it (for an OLE file: an encrypted
            workbook or a damaged .xls; the message names both).
    """
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        out: dict[str, Sheet] = {}
        for name in wb.sheet_names:
            sheet = Sheet(name)
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS)
            for r, row in enumerate(rows[:MAX_ROWS]):
                for c, v in enumerate(row[:MAX_COLS]):
                    value = _value(v)
                    if value is not None:
                        sheet.cells[(r, c)] = value
            out[name] = sheet
    except Exception as exc:  # calamine raises its own error types, not all exported
        if kind == "xls":
            raise WorkbookFormatError(
                f"无法读取：这是加密（设有密码）的工作簿或已损坏的 .xls 文件（{exc}）；"
                "请去掉密码并另存为 .xlsx",
                f"cannot read it: an encrypted (password) workbook or a damaged .xls file "
                f"({exc}); remove the password and save as .xlsx",
                file=str(path),
            ) from None
        raise WorkbookFormatError(
            f"无法读取 .ods 文件（{exc}），请另存为 .xlsx",
            f"cannot read the .ods file ({exc}); save it as .xlsx",
            file=str(path),
        ) from None
    if not out:
        raise WorkbookFormatError(
            "工作簿中没有工作表", "the workbook has no worksheets", file=str(path)
        )
    return out
