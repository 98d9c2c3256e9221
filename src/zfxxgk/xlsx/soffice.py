"""Converting legacy office files (Word 97–2003 and WPS documents, Excel 97 and WPS
spreadsheets) with LibreOffice, where it is installed.

Each conversion runs ``soffice --headless --convert-to`` on a copy of the bytes in a
private temporary folder, with a private user profile (parallel runs never share one)
and a timeout; the folder is removed afterwards. Nothing of the input's name reaches the
command line (the copy has a fixed name), so no name can be read as an option.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections import OrderedDict
from pathlib import Path

from zfxxgk.errors import InputFileError

#: Seconds a conversion may take (LibreOffice's first start in a fresh profile included).
TIMEOUT = 120
#: The largest converted file read back.
MAX_OUTPUT = 64 * 1024 * 1024
_INSTALL_ZH = "需要安装 LibreOffice（如 apt install libreoffice-writer libreoffice-calc）"
_INSTALL_EN = "install LibreOffice (e.g. apt install libreoffice-writer libreoffice-calc)"


class ConversionError(InputFileError):
    """LibreOffice is missing, or could not convert the file."""

    slug = "conversion"


def find_soffice() -> str | None:
    """LibreOffice's program (``ZFXXGK_SOFFICE`` names another; empty turns it off)."""
    named = os.environ.get("ZFXXGK_SOFFICE")
    if named is not None:
        return shutil.which(named) if named else None
    return shutil.which("soffice") or shutil.which("libreoffice")


#: Conversions kept, keyed by the whole input's SHA-256 (one command may read a file
#: twice, e.g. ``compare`` and ``panel`` of the same document): never by name or size.
_CACHE: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
_CACHE_ENTRIES = 8
_CACHE_MAX_BYTES = 4 * 1024 * 1024


def convert(data: bytes, name: str, source: str, target: str) -> bytes:
    """``data`` (a ``source`` file, e.g. "doc") converted to ``target`` (e.g. "docx").

    Raises:
        ConversionError: LibreOffice is not installed, timed out or made no output;
            the message names ``name`` and what to install.
    """
    key = (hashlib.sha256(data).hexdigest(), source, target)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    done = _convert(data, name, source, target)
    if len(done) <= _CACHE_MAX_BYTES:
        _CACHE[key] = done
        while len(_CACHE) > _CACHE_ENTRIES:
            _CACHE.popitem(last=False)
    return done


def _convert(data: bytes, name: str, source: str, target: str) -> bytes:
    exe = find_soffice()
    what_zh = {"doc": "Word 97–2003/WPS 文档", "xls": "Excel 97/WPS 表格"}.get(source, source)
    if exe is None:
        raise ConversionError(
            f"读取{what_zh}{_INSTALL_ZH}，或另存为 .{target} 后再读取",
            f"reading this {source} file needs LibreOffice: {_INSTALL_EN}, or save it as "
            f".{target} first",
            file=name,
        )
    with tempfile.TemporaryDirectory(prefix="zfxxgk-soffice-") as tmp:
        folder = Path(tmp)
        src = folder / f"input.{source}"
        src.write_bytes(data)
        out = folder / "out"
        cmd = [
            exe,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            _run(cmd)
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"LibreOffice 转换{what_zh}超时（{TIMEOUT} 秒）",
                f"LibreOffice took more than {TIMEOUT} s to convert the {source} file",
                file=name,
            ) from None
        except OSError as exc:
            raise ConversionError(
                f"无法运行 LibreOffice（{exc.strerror}）；{_INSTALL_ZH}",
                f"cannot run LibreOffice ({exc.strerror}); {_INSTALL_EN}",
                file=name,
            ) from None
        result = out / f"input.{target}"
        if not result.is_file() or result.stat().st_size > MAX_OUTPUT:
            raise ConversionError(
                f"LibreOffice 无法转换此{what_zh}（文件可能已损坏或加密）",
                f"LibreOffice could not convert this {source} file (damaged or encrypted?)",
                file=name,
            )
        return result.read_bytes()


def _run(cmd: list[str]) -> None:
    """Run LibreOffice in a session of its own; on a timeout or an interrupt the whole
    group (the wrapper script and ``soffice.bin``) is killed."""
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=TIMEOUT)
    finally:
        if proc.returncode is None:
            _kill(proc)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            import signal

            killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except OSError:
        pass
    proc.wait()
