"""Opening workbooks safely: the checks every reader and filler makes before parsing."""

from __future__ import annotations

import os
import stat
import sys
import warnings
from pathlib import Path
from typing import Any

from zfxxgk.errors import InputFileError, InputNotFoundError, WorkbookFormatError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Refuse workbooks whose parts would inflate beyond this (a sane bound for these reports).
#: JSON data and published documents are read whole, up to this many bytes.
MAX_INPUT = 32 * 1024 * 1024


def _not_regular(name: str) -> InputFileError:
    return InputFileError(
        "不是普通文件（设备、管道或套接字），拒绝读取",
        "not a regular file (a device, a pipe or a socket); refusing to read it",
        file=name,
    )


def check_input(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` if it names a readable regular file, else raise a clear error.

    Only ``stat`` is asked (it never blocks): a pipe, a device or a socket is refused
    before anything opens it.
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputNotFoundError("文件不存在", "no such file", file=str(p)) from None
    except OSError as exc:
        raise InputFileError(
            f"无法读取（{exc.strerror}）", f"cannot be read ({exc.strerror})", file=str(p)
        ) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(p):
                pass
        except OSError as exc:  # a sub-folder of a batch that cannot be listed
            raise InputFileError(
                f"无法读取文件夹（{exc.strerror}），其中的文件未处理",
                f"the folder cannot be read ({exc.strerror}); its files were not processed",
                file=str(p),
            ) from None
        raise InputFileError(
            "这是一个文件夹，不是文件", "this is a directory, not a file", file=str(p)
        )
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(str(p))
    if not os.access(p, os.R_OK):
        raise InputFileError("文件不可读", "the file cannot be read (permission)", file=str(p))
    return p


def read_input(path: str | os.PathLike[str], limit: int = MAX_INPUT) -> bytes:
    """A regular file's bytes, at most ``limit`` of them: opened without blocking (a pipe
    put in its place after ``check_input`` is still refused) and read with a cap, so that
    neither a FIFO nor /dev/zero nor a huge file costs more than ``limit``.

    Raises:
        InputFileError: not a readable regular file, or larger than ``limit``.
    """
    p = check_input(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputFileError(
            f"无法读取（{exc.strerror}）", f"cannot be read ({exc.strerror})", file=str(p)
        ) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(str(p))
        try:
            data = fh.read(min(st.st_size, limit) + 1)
        except OSError as exc:
            raise InputFileError(
                f"无法读取（{exc.strerror}）", f"cannot be read ({exc.strerror})", file=str(p)
            ) from None
    if len(data) > limit:
        raise too_large(str(p), limit)
    return data


def read_stdin(limit: int = MAX_INPUT) -> bytes:
    """Standard input's bytes, at most ``limit`` of them."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise too_large("<stdin>", limit)
    return data


def too_large(name: str, limit: int) -> InputFileError:
    return InputFileError(
        f"文件过大（超过 {limit // (1024 * 1024)} MiB），拒绝读取",
        f"the file is larger than {limit // (1024 * 1024)} MiB; refusing it",
        file=name,
    )


def load(path: Path, **kwargs: Any) -> Any:
    """openpyxl's ``load_workbook`` with its warnings silenced and its errors made ours,
    on a package within the bounds of :mod:`zfxxgk.xlsx.bounds` only."""
    import openpyxl

    from zfxxgk.xlsx.bounds import check_for_openpyxl

    check_for_openpyxl(path)  # the reader's bounds, before openpyxl spends anything
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
