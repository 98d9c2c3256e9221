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

from zfxxgk.errors import InputFileError, os_reason

#: Seconds a conversion may take (LibreOffice's first start in a fresh profile included).
TIMEOUT = 120
#: The largest converted file read back.
MAX_OUTPUT = 64 * 1024 * 1024
#: The formats converted, by extension, as their errors name them.
_FORMATS = {
    "doc": "Word 97–2003/WPS",
    "xls": "Excel 97/WPS",
    "odt": "OpenDocument",
    "rtf": "RTF",
}


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
    shown = _FORMATS.get(source, source.upper())
    if exe is None:
        raise ConversionError.of(
            "soffice-missing", file=name, target=target, source=source, format=shown
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
            raise ConversionError.of(
                "soffice-timeout", file=name, seconds=TIMEOUT, source=source, format=shown
            ) from None
        except OSError as exc:
            raise ConversionError.of(
                "soffice-unrunnable", file=name, reason=os_reason(exc)
            ) from None
        result = out / f"input.{target}"
        if not result.is_file() or result.stat().st_size > MAX_OUTPUT:
            raise ConversionError.of("soffice-failed", file=name, source=source, format=shown)
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
