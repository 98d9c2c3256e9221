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
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx._calamine_helper import HEADER, READY, read_cells
from zfxxgk.xlsx.cells import MAX_COLS, MAX_ROWS, Sheet

#: Seconds one file may take before its helper is stopped.
TIMEOUT = 60.0
#: Seconds the helper may take to start and say it is ready.
STARTUP_TIMEOUT = 20.0
#: The helper's address-space cap (bytes), where the system supports one.
MEMORY_CAP = 2 * 1024**3

#: How the helper is started (a script beside this module, run by this interpreter).
HELPER_COMMAND = [sys.executable, str(Path(__file__).with_name("_calamine_helper.py"))]


class HelperDied(Exception):
    """The helper process crashed or was stopped while reading a file."""


class HelperUnavailable(Exception):
    """No helper process can be started here (a sandbox without processes)."""


class _Helper:
    """The helper process of this process (a forked child starts its own)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.owner = 0
        self.errors: IO[bytes] | None = None
        self.lock = threading.Lock()
        self.unavailable_in = 0  #: the process that found no helper can run (not retried)

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is not None and self.owner == os.getpid() and self.proc.poll() is None:
            return self.proc
        if self.owner != os.getpid():
            self.proc = None  # inherited through a fork: the parent's to use and stop
        elif self.errors is not None:
            self.errors.close()  # of a helper that stopped between two files
        # kept open for the helper's whole life, closed in _obituary or stop()
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self.proc = subprocess.Popen(
                [*HELPER_COMMAND, str(MAX_ROWS), str(MAX_COLS), str(MEMORY_CAP)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.errors,
                env={**os.environ, "RUST_BACKTRACE": "0"},
            )
        except OSError as exc:
            self.proc = None
            self.errors.close()
            self.errors = None
            raise HelperUnavailable(str(exc)) from None
        self.owner = os.getpid()
        proc = self.proc
        assert proc.stdout is not None
        watchdog = threading.Timer(STARTUP_TIMEOUT, proc.kill)
        watchdog.start()
        try:
            hello = proc.stdout.read(len(READY))
        except OSError:
            hello = b""
        finally:
            watchdog.cancel()
        if hello != READY:  # not our helper running (or it could not start)
            reason = self._obituary(proc, timed_out=False)
            raise HelperUnavailable(reason)
        return proc

    def read(self, path: Path) -> tuple[str, Any]:
        """The helper's answer for one file: ``("ok", sheets)`` or ``("error", text)``."""
        with self.lock:
            if self.unavailable_in == os.getpid():
                raise HelperUnavailable("no helper in this process")
            try:
                proc = self._start()
            except HelperUnavailable:
                self.unavailable_in = os.getpid()
                raise
            assert proc.stdin is not None and proc.stdout is not None
            data = os.fsencode(os.path.abspath(path))
            fired = threading.Event()

            def stop_it() -> None:
                fired.set()
                proc.kill()

            watchdog = threading.Timer(TIMEOUT, stop_it)
            watchdog.start()
            try:
                proc.stdin.write(HEADER.pack(len(data)) + data)
                proc.stdin.flush()
                head = proc.stdout.read(HEADER.size)
                body = proc.stdout.read(HEADER.unpack(head)[0]) if len(head) == 4 else b""
            except OSError:
                head = body = b""
            finally:
                watchdog.cancel()
            if len(head) == 4 and len(body) == HEADER.unpack(head)[0]:
                answer: tuple[str, Any] = pickle.loads(body)
                return answer
            raise HelperDied(self._obituary(proc, timed_out=fired.is_set()))

    def _obituary(self, proc: subprocess.Popen[bytes], timed_out: bool) -> str:
        """Why the helper stopped: the last line it wrote, or the timeout."""
        proc.kill()
        proc.wait()
        self.proc = None
        last = ""
        if self.errors is not None:
            self.errors.seek(0)
            text = self.errors.read().decode("utf-8", "replace")
            lines = [x for x in text.splitlines() if x.strip() and not x.startswith("note:")]
            last = lines[-1].strip() if lines else ""
            self.errors.close()
            self.errors = None
        if timed_out:
            return f"still reading after {TIMEOUT:g} s"
        return last or f"exit status {proc.returncode}"

    def stop(self) -> None:
        if self.proc is not None and self.owner == os.getpid():
            try:
                if self.proc.stdin is not None:
                    self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
            self.proc = None
            if self.errors is not None:
                self.errors.close()
                self.errors = None


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
        zh = en = str(payload)
    except HelperUnavailable:  # no processes here: read in this one, unprotected
        status, payload = read_cells(os.fspath(path), MAX_ROWS, MAX_COLS)
        zh = en = str(payload)
    except HelperDied as exc:
        status = "crashed"
        zh, en = f"读取程序异常终止：{exc}", f"the reader stopped abnormally: {exc}"
    if status != "ok":
        if kind == "xls":
            raise WorkbookFormatError(
                f"无法读取：这是加密（设有密码）的工作簿或已损坏的 .xls 文件（{zh}）；"
                "请去掉密码并另存为 .xlsx",
                f"cannot read it: an encrypted (password) workbook or a damaged .xls file "
                f"({en}); remove the password and save as .xlsx",
                file=str(path),
            )
        raise WorkbookFormatError(
            f"无法读取 .ods 文件（{zh}），请另存为 .xlsx",
            f"cannot read the .ods file ({en}); save it as .xlsx",
            file=str(path),
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
        raise WorkbookFormatError(
            "工作簿中没有工作表", "the workbook has no worksheets", file=str(path)
        )
    return out
