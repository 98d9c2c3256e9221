"""An output's name must say what it holds: an Excel 2007+ package goes under .xlsx.

Writing a workbook under .csv, .xls or .ods would give a file that its name promises to be
something else (Excel refuses it, or a clerk's program shows garbage), so such names are
refused before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from zfxxgk.errors import OutputError

XLSX = ".xlsx"
XLSM = ".xlsm"
#: the format that the name of another spreadsheet or text format promises
_OTHER = {".xls": "Excel 97–2003", ".ods": "OpenDocument", ".csv": "CSV"}


def require_suffix(path: str | os.PathLike[str], allowed: tuple[str, ...] = (XLSX,)) -> Path:
    """``path`` if its extension is one of ``allowed`` (case-insensitive).

    Raises:
        OutputError: another extension (or none), naming the output and what it would
            wrongly promise.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in allowed:
        return p
    names = " / ".join(allowed)
    if not suffix:
        raise OutputError.of("output-suffix-missing", file=str(path), allowed=names)
    raise OutputError.of(
        "output-suffix-mismatch",
        file=str(path),
        suffix=suffix,
        allowed=names,
        format=_OTHER.get(suffix),
    )
