"""Opening workbooks safely: the checks every reader and filler makes before parsing."""

from __future__ import annotations

import os
import stat
import sys
import warnings
from pathlib import Path
from typing import Any

from zfxxgk.errors import InputFileError, InputNotFoundError, WorkbookFormatError, os_reason
from zfxxgk.notes import Note

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Refuse workbooks whose parts would inflate beyond this (a sane bound for these reports).
#: JSON data and published documents are read whole, up to this many bytes.
MAX_INPUT = 32 * 1024 * 1024


def _error(code: str, name: str, **params: Any) -> InputFileError:
    """The input error of catalogue ``code`` for file ``name``."""
    return InputFileError(note=Note(code, params=params), file=name)


def check_input(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` if it names a readable regular file, else raise a clear error.

    Only ``stat`` is asked (it never blocks): a pipe, a device or a socket is refused
    before anything opens it.
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputNotFoundError(note=Note("input-missing"), file=str(p)) from None
    except OSError as exc:
        raise _error("input-unreadable", str(p), reason=os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(p):
                pass
        except OSError as exc:  # a sub-folder of a batch that cannot be listed
            raise _error("input-folder-unreadable", str(p), reason=os_reason(exc)) from None
        raise _error("input-is-folder", str(p))
    if not stat.S_ISREG(st.st_mode):
        raise _error("input-not-regular", str(p))
    if not os.access(p, os.R_OK):
        raise _error("input-not-permitted", str(p))
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
        raise _error("input-unreadable", str(p), reason=os_reason(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _error("input-not-regular", str(p))
        try:
            data = fh.read(min(st.st_size, limit) + 1)
        except OSError as exc:
            raise _error("input-unreadable", str(p), reason=os_reason(exc)) from None
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
    return _error("input-too-large", name, mib=limit // (1024 * 1024))


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
        raise WorkbookFormatError.of(
            "workbook-unreadable", file=str(path), error=type(exc).__name__, detail=str(exc)
        ) from None
