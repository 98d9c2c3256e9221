"""Writing outputs so that nothing is ever left half-written, and inputs are never touched."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from zfxxgk.errors import OutputError


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both paths name one existing file (links and spellings resolved)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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
        OutputError: the target is one of ``protect``, or its folder cannot be written.
    """
    target = Path(target)
    for p in protect:
        if same_file(target, p) or Path(os.path.abspath(target)) == Path(os.path.abspath(p)):
            raise OutputError(
                "输出文件不能与输入文件相同，否则会覆盖输入",
                "the output is the input file; refusing to overwrite an input",
                file=str(target),
            )
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(
            "输出路径是一个文件夹", "the output path is a directory", file=str(target)
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"无法在 {folder} 写入文件：{exc.strerror}",
            f"cannot write in {folder}: {exc.strerror}",
            file=str(target),
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
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_bytes_atomic(
    target: str | os.PathLike[str], data: bytes, protect: tuple[str | os.PathLike[str], ...] = ()
) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target, protect=protect) as tmp:
        tmp.write_bytes(data)
