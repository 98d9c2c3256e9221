"""Reading untrusted files in a helper process: bounded in time and memory.

Some readers crash, hang or ask for absurd amounts of memory on damaged files (calamine
is a Rust library whose panics abort the process; pdfminer can loop for minutes). Such a
reader runs in a helper process of its own (``_helper_main.py`` running one function of
a script that imports nothing of zfxxgk), started on first use and kept for the next
file: a crash or a hang (killed after the timeout) costs that one file, and the next
file gets a fresh helper. The helper's address space is capped where the system allows
it, and its standard error never reaches the terminal. The helper says it is ready
before it is used, so a ``sys.executable`` that runs something else (an application
server's binary) is noticed, and the caller reads in its own process instead.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any, NamedTuple

from zfxxgk.xlsx._helper_main import HEADER, READY

__all__ = ["READY", "HelperDied", "HelperProcess", "HelperUnavailable", "Settings", "command"]

MAIN = Path(__file__).with_name("_helper_main.py")


class HelperDied(Exception):
    """The helper process crashed or was stopped while reading a file."""


class HelperUnavailable(Exception):
    """No helper process can be started here (a sandbox without processes)."""


class Settings(NamedTuple):
    """How a helper is started and bounded."""

    command: list[str]  #: the program and its arguments, before the memory cap
    timeout: float  #: seconds one request may take before the helper is stopped
    startup_timeout: float  #: seconds the helper may take to say it is ready
    memory_cap: int  #: address-space cap in bytes, where the system supports one


def command(script: Path, function: str) -> list[str]:
    """The command that serves ``function`` of the file ``script`` in a helper."""
    return [sys.executable, str(MAIN), str(script), function]


class HelperProcess:
    """The helper process of this process (a forked child starts its own)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings
        self.proc: subprocess.Popen[bytes] | None = None
        self.owner = 0
        self.errors: IO[bytes] | None = None
        self.lock = threading.Lock()
        self.unavailable_in = 0  #: the process that found no helper can run (not retried)

    def settings(self) -> Settings:
        """The settings in force (read on each use, so that they can be changed)."""
        assert self._settings is not None
        return self._settings

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is not None and self.owner == os.getpid() and self.proc.poll() is None:
            return self.proc
        if self.owner != os.getpid():
            self.proc = None  # inherited through a fork: the parent's to use and stop
        elif self.errors is not None:
            self.errors.close()  # of a helper that stopped between two files
        settings = self.settings()
        # kept open for the helper's whole life, closed in _obituary or stop()
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self.proc = subprocess.Popen(
                [*settings.command, str(settings.memory_cap)],
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
        watchdog = threading.Timer(settings.startup_timeout, proc.kill)
        watchdog.start()
        try:
            hello = proc.stdout.read(len(READY))
        except OSError:
            hello = b""
        finally:
            watchdog.cancel()
        if hello != READY:  # not our helper running (or it could not start)
            reason = self._obituary(proc, timed_out=None)
            raise HelperUnavailable(reason)
        return proc

    def call(self, *args: Any) -> Any:
        """The helper's function applied to ``args`` (plain data both ways).

        Raises:
            HelperUnavailable: no helper can run here (the caller reads in process).
            HelperDied: the helper crashed or ran out of time on this request.
        """
        with self.lock:
            if self.unavailable_in == os.getpid():
                raise HelperUnavailable("no helper in this process")
            try:
                proc = self._start()
            except HelperUnavailable:
                self.unavailable_in = os.getpid()
                raise
            assert proc.stdin is not None and proc.stdout is not None
            request = pickle.dumps(args, pickle.HIGHEST_PROTOCOL)
            fired = threading.Event()

            def stop_it() -> None:
                fired.set()
                proc.kill()

            timeout = self.settings().timeout
            watchdog = threading.Timer(timeout, stop_it)
            watchdog.start()
            try:
                proc.stdin.write(HEADER.pack(len(request)) + request)
                proc.stdin.flush()
                head = proc.stdout.read(HEADER.size)
                body = proc.stdout.read(HEADER.unpack(head)[0]) if len(head) == 4 else b""
            except OSError:
                head = body = b""
            finally:
                watchdog.cancel()
            if len(head) == 4 and len(body) == HEADER.unpack(head)[0]:
                return pickle.loads(body)
            raise HelperDied(self._obituary(proc, timed_out=timeout if fired.is_set() else None))

    def _obituary(self, proc: subprocess.Popen[bytes], timed_out: float | None) -> str:
        """Why the helper stopped: the last line it wrote, or the timeout."""
        proc.kill()
        proc.wait()
        _close_pipes(proc)
        self.proc = None
        last = ""
        if self.errors is not None:
            self.errors.seek(0)
            text = self.errors.read().decode("utf-8", "replace")
            lines = [x for x in text.splitlines() if x.strip() and not x.startswith("note:")]
            last = lines[-1].strip() if lines else ""
            self.errors.close()
            self.errors = None
        if timed_out is not None:
            return f"still reading after {timed_out:g} s"
        return last or f"exit status {proc.returncode}"

    def stop(self) -> None:
        """Stop the helper (it ends when its input ends)."""
        if self.proc is not None and self.owner == os.getpid():
            try:
                if self.proc.stdin is not None:
                    self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
            _close_pipes(self.proc)
            self.proc = None
            if self.errors is not None:
                self.errors.close()
                self.errors = None


def _close_pipes(proc: subprocess.Popen[bytes]) -> None:
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
