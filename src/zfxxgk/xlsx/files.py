"""Opening workbooks safely: the checks every reader and filler makes before parsing."""

from __future__ import annotations

import os
import warnings
import zipfile
from pathlib import Path
from typing import Any

from zfxxgk.errors import InputFileError, InputNotFoundError, WorkbookFormatError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Refuse workbooks whose parts would inflate beyond this (a sane bound for these reports).
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


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


def check_xlsx(path: Path) -> None:
    """Refuse what is not an .xlsx/.xlsm zip, or what would inflate past a sane bound."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise WorkbookFormatError("文件为空", "the file is empty", file=str(path))
    if head.startswith(OLE_MAGIC):
        raise WorkbookFormatError(
            "这是加密的工作簿或旧版 .xls 文件，请去掉密码并另存为 .xlsx",
            "an encrypted workbook or an old .xls file; remove the password and save as .xlsx",
            file=str(path),
        )
    if not head.startswith(b"PK"):
        raise WorkbookFormatError(
            "不是 Excel 工作簿（.xlsx）", "not an Excel workbook (.xlsx)", file=str(path)
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookFormatError(
            f"工作簿已损坏（{exc}）", f"the workbook is corrupt ({exc})", file=str(path)
        ) from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise WorkbookFormatError(
            "是 zip 文件但不是 Excel 工作簿", "a zip file but not an Excel workbook", file=str(path)
        )
    if total > MAX_UNCOMPRESSED or (total / packed > MAX_RATIO and total > 10 * 1024 * 1024):
        raise WorkbookFormatError(
            f"解压后过大（{total} 字节），拒绝读取",
            f"refusing a workbook that inflates to {total} bytes",
            file=str(path),
        )


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
