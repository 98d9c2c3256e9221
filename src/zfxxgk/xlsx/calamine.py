"""Reading .xls and .ods workbooks through python-calamine, into the same sheet form.

These formats are read for their values only: a formula's stored result is what calamine
gives, and formulas without a result cannot be told from blanks.

calamine is a Rust library, and some damaged files make it panic or ask for an absurd
amount of memory, which aborts the whole process (a fuzzed .xls asked for 171 GB). So it
runs in a helper process of its own, started on first use and kept for the next file:
a crash or a hang (killed after :data:`TIMEOUT` seconds) costs that one file, which gets
our one-line error, and the next file gets a fresh helper. The helper's address space is
capped where the system allows it, and its standard error never reaches the terminal.
Where no process can be started at all, calamine runs in this one (panics still caught).
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import subprocess  # noqa: F401  (tests stand in for its Popen)
from pathlib import Path
from typing import Any

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx._calamine_helper import read_cells
from zfxxgk.xlsx.cells import MAX_COLS, MAX_ROWS, Sheet
from zfxxgk.xlsx.helper import (
    READY,
    HelperDied,
    HelperProcess,
    HelperUnavailable,
    Settings,
    command,
)

__all__ = ["READY", "HelperDied", "HelperUnavailable", "read_other"]

#: Seconds one file may take before its helper is stopped.
TIMEOUT = 60.0
#: Seconds the helper may take to start and say it is ready.
STARTUP_TIMEOUT = 20.0
#: The helper's address-space cap (bytes), where the system supports one.
MEMORY_CAP = 2 * 1024**3

#: How the helper is started (the reading function of a script beside this module).
HELPER_COMMAND = command(Path(__file__).with_name("_calamine_helper.py"), "read_cells")


class _Helper(HelperProcess):
    """The calamine helper, with this module's settings as they stand at each use."""

    def settings(self) -> Settings:
        return Settings(HELPER_COMMAND, TIMEOUT, STARTUP_TIMEOUT, MEMORY_CAP)

    def read(self, path: Path) -> tuple[str, Any]:
        """The helper's answer for one file: ``("ok", sheets)`` or ``("error", text)``."""
        answer: tuple[str, Any] = self.call(os.path.abspath(path), MAX_ROWS, MAX_COLS)
        return answer


_HELPER_PROCESS = _Helper()
atexit.register(_HELPER_PROCESS.stop)


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
            workbook or a damaged .xls; the message names both), or its reading crashed.
    """
    try:
        status, payload = _HELPER_PROCESS.read(path)
    except HelperUnavailable:  # no processes here: read in this one, unprotected
        status, payload = read_cells(os.fspath(path), MAX_ROWS, MAX_COLS)
    except HelperDied as exc:
        status, payload = "crashed", exc
    if status != "ok":
        raise WorkbookFormatError.of(
            "xls-unreadable" if kind == "xls" else "ods-unreadable",
            file=str(path),
            detail=str(payload),
            crashed=status == "crashed",
        )
    out: dict[str, Sheet] = {}
    for name, cells in payload:
        sheet = Sheet(name)
        for at, v in cells.items():
            value = _value(v)
            if value is not None:
                sheet.cells[at] = value
        out[name] = sheet
    if not out:
        raise WorkbookFormatError.of("no-worksheets", file=str(path))
    return out
