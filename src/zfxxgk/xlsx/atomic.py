"""Writing outputs so that nothing is ever left half-written, and inputs are never touched."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zfxxgk.errors import OutputError, ZfxxgkError, os_reason
from zfxxgk.notes import Note


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both paths name one existing file (links and spellings resolved)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def guard_output(
    target: str | os.PathLike[str], protect: tuple[str | os.PathLike[str], ...] = ()
) -> Path:
    """The one check every output passes before it is written.

    Refuses an output that is one of the inputs ``protect`` (the same path, or the same
    file through a symbolic or hard link), a folder, or anything but a regular file
    (a device, a pipe, a socket, also reached through a link): an output replaces a
    regular file or creates one, nothing else.

    Raises:
        OutputError: naming the output.
    """
    target = Path(target)
    name = str(target)
    for p in protect:
        if same_file(target, p) or os.path.abspath(target) == os.path.abspath(p):
            raise _error("output-is-input", name, input=str(p))
    try:
        st = os.stat(target)  # through links: a link to a device is a device
    except FileNotFoundError:
        return target  # a new file (or a dangling link, replaced by a file)
    except OSError as exc:
        raise _error("output-unwritable", name, reason=os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise _error("output-is-folder", name)
    if not stat.S_ISREG(st.st_mode):
        raise _error("output-not-regular", name)
    return target


def output_error(target: str | os.PathLike[str], exc: OSError) -> OutputError:
    """An OSError met while writing ``target`` (disk full, file too large) as ours."""
    return _error("output-left-unchanged", str(target), reason=os_reason(exc))


def _error(code: str, name: str, **params: Any) -> OutputError:
    """The output error of catalogue ``code`` for output ``name``."""
    return OutputError(note=Note(code, params=params), file=name)


@contextlib.contextmanager
def writing(target: str | os.PathLike[str]) -> Iterator[None]:
    """Any OSError met while producing ``target`` (a full disk, no room for a temporary
    file, a file too large) becomes an OutputError naming it."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, ZfxxgkError):
            raise
        raise output_error(target, exc) from None


#: A file name has at most 255 bytes on common file systems: the temporary name keeps
#: this much of the target's, so that any legal output name has a legal temporary name.
_NAME_BYTES = 40


def _temp_prefix(name: str) -> str:
    """A short, recognisable prefix for the temporary file of output ``name``."""
    head = name.encode("utf-8", "surrogateescape")[:_NAME_BYTES]
    return "." + head.decode("utf-8", "ignore") + "."


@contextlib.contextmanager
def atomic_path(
    target: str | os.PathLike[str], *, protect: tuple[str | os.PathLike[str], ...] = ()
) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    The temporary file lives in the target's folder, so the final ``os.replace`` is atomic
    on the same file system: a reader sees the old file or the new one, never a part. On
    any error the temporary file is removed and ``target`` is left as it was. ``protect``
    lists inputs that the output must not overwrite.

    Raises:
        OutputError: the target is one of ``protect`` or no regular file (see
            :func:`guard_output`), or it cannot be written (its folder, a full disk).
    """
    target = guard_output(target, protect)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error(
            "output-folder-unwritable", str(target), folder=str(folder), reason=os_reason(exc)
        ) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        if target.exists():
            # keep the permissions of the file being replaced
            with contextlib.suppress(OSError):
                os.chmod(tmp_path, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_path, 0o666 & ~umask)
        os.replace(tmp_path, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, OutputError | ZfxxgkError):
            raise output_error(target, exc) from None
        raise


def write_bytes_atomic(
    target: str | os.PathLike[str], data: bytes, protect: tuple[str | os.PathLike[str], ...] = ()
) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target, protect=protect) as tmp:
        tmp.write_bytes(data)
