"""Opening workbooks safely: the checks every reader and filler makes before parsing."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from zfxxgk.errors import InputFileError, InputNotFoundError, WorkbookFormatError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Refuse workbooks whose parts would inflate beyond this (a sane bound for these reports).


def check_input(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` if it names a readable file, else raise a clear error."""
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError("文件不存在", "no such file", file=str(p))
    if p.is_dir():
        raise InputFileError(
            "这是一个文件夹，不是文件", "this is a directory, not a file", file=str(p)
        )
    if not os.access(p, os.R_OK):
        raise InputFileError("文件不可读", "the file cannot be read (permission)", file=str(p))
    return p


def load(path: Path, **kwargs: Any) -> Any:
    """openpyxl's ``load_workbook`` with its warnings silenced and its errors made ours."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, **kwargs)
    except Exception as exc:  # openpyxl on a damaged file raises almost anything
        raise WorkbookFormatError(
            f"无法读取工作簿（{type(exc).__name__}: {exc}）",
            f"cannot read the workbook ({type(exc).__name__}: {exc})",
            file=str(path),
        ) from None
