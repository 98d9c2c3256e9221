"""The cells of .xls and .ods files through python-calamine, in a process of its own.

Run as a script (``python calamine_helper.py ROWS COLS CAP``), it answers requests on its
standard input, one file path each, with the pickled answer of :func:`read_cells`, until
its input ends. It imports nothing of zfxxgk, so that it starts in a few milliseconds;
:mod:`zfxxgk.xlsx.calamine` starts and watches it, and calls :func:`read_cells` in
process only where no helper process can be started.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import Any

HEADER = struct.Struct("<I")
#: Written once on start, so the parent knows it runs this script (not, say, a server
#: binary that ``sys.executable`` names inside an application server).
READY = b"zfxxgk calamine helper 1\n"


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


def serve(rows_max: int, cols_max: int, memory_cap: int) -> None:
    """Answer requests on standard input until it ends."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))
    except (ImportError, ValueError, OSError):
        pass  # no such limit on this system
    src, dst = sys.stdin.buffer, sys.stdout.buffer
    dst.write(READY)
    dst.flush()
    while True:
        head = src.read(HEADER.size)
        if len(head) < HEADER.size:
            return
        path = os.fsdecode(src.read(HEADER.unpack(head)[0]))
        data = pickle.dumps(read_cells(path, rows_max, cols_max), pickle.HIGHEST_PROTOCOL)
        dst.write(HEADER.pack(len(data)) + data)
        dst.flush()


if __name__ == "__main__":
    serve(*(int(x) for x in sys.argv[1:4]))
