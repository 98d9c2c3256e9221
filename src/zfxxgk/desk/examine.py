"""Reading handed-in files in helper processes, bounded in time and memory.

Each file is read, checked and rendered by ``_task.py`` in a helper process of its own
(:class:`zfxxgk.xlsx.helper.HelperProcess`: an address-space cap, a time limit, a fresh
helper after a crash). A small pool of them (one per core) serves concurrent uploads;
a request waits for a free helper. A hostile file costs its own helper, never the server.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
from pathlib import Path
from typing import Any

from zfxxgk.xlsx.helper import HelperDied, HelperProcess, HelperUnavailable, Settings, command

#: Seconds one file may take.
TIMEOUT = 60.0
#: Seconds a helper may take to start.
STARTUP_TIMEOUT = 30.0
#: Each helper's address-space cap (bytes), where the system supports one.
MEMORY_CAP = 3 * 1024**3 // 2

HELPER_COMMAND = command(Path(__file__).with_name("_task.py"), "run")


class _Helper(HelperProcess):
    def settings(self) -> Settings:
        return Settings(HELPER_COMMAND, TIMEOUT, STARTUP_TIMEOUT, MEMORY_CAP)


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Examiner:
    """A pool of helper processes; :meth:`call` blocks until one is free."""

    def __init__(self, size: int = 0) -> None:
        self.size = size or cores()
        self.free: queue.Queue[_Helper] = queue.Queue()
        self.helpers = [_Helper() for _ in range(self.size)]
        for h in self.helpers:
            self.free.put(h)
        atexit.register(self.stop)

    def call(self, *args: Any) -> Any:
        """``_task.run(*args)`` in a free helper (in this process where none can run).

        Raises:
            HelperDied: the helper crashed or ran out of time on this request.
        """
        helper = self.free.get()
        try:
            return helper.call(*args)
        except HelperUnavailable:
            from zfxxgk.desk import _task

            return _task.run(*args)
        finally:
            self.free.put(helper)

    def examine(self, path: Path, label: str) -> dict[str, Any]:
        """Read and check a stored file (see ``_task.examine``)."""
        try:
            answer: dict[str, Any] = self.call("examine", str(path), label)
            return answer
        except HelperDied as exc:
            return {"status": "unreadable", "message": _stopped(exc, label)}

    def annotate(self, path: Path, out: Path) -> str:
        """Write the annotated copy; "" or the one-line error."""
        try:
            answer: str = self.call("annotate", str(path), str(out))
            return answer
        except HelperDied as exc:
            return _stopped(exc)

    def warm(self) -> None:
        """Start every helper and import what it needs (before the first upload)."""
        for h in self.helpers:
            with contextlib.suppress(HelperDied, HelperUnavailable):
                h.call("warm")

    def stop(self) -> None:
        for h in self.helpers:
            h.stop()


def _stopped(exc: HelperDied, label: str | None = None) -> str:
    """The one-line error of a reader stopped by its bounds or a crash."""
    from zfxxgk.desk.store import DeskError

    return str(DeskError.of("desk-reader-stopped", file=label, why=str(exc)))
