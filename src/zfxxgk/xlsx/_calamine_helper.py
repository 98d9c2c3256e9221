"""The cells of .xls and .ods files through python-calamine, in a process of its own.

:func:`read_cells` runs in a helper process (``_helper_main.py``, see helper.py). This
file imports nothing of zfxxgk, so that the helper starts in a few milliseconds;
:mod:`zfxxgk.xlsx.calamine` starts and watches it, and calls :func:`read_cells` in
process only where no helper process can be started.
"""

from __future__ import annotations

from typing import Any


def read_cells(path: str, rows_max: int, cols_max: int) -> tuple[str, Any]:
    """``("ok", [(sheet name, {(row, col): value})])`` for the non-empty cells of the
    first rows and columns, or ``("error", text)``: calamine's errors and its Rust panics
    (a BaseException) alike."""
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(path)
        sheets = []
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=rows_max)
            cells = {}
            for r, row in enumerate(rows[:rows_max]):
                for c, v in enumerate(row[:cols_max]):
                    if v is not None and v != "":
                        cells[(r, c)] = v
            sheets.append((name, cells))
        return "ok", sheets
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and its panics
        return "error", str(exc) or type(exc).__name__
